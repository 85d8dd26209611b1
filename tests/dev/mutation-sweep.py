#!/usr/bin/env python3
"""Mutation sweep of `migrate diff` against Prisma 6.19.3 (a development aid, not run in CI).

Takes the PostgreSQL and SQLite schemas of tests/fixtures/corpus and every
tests/fixtures/changes/*/after.prisma, applies one small random edit of the kinds real
projects commit (fields, optionality, types and native types, defaults, indexes, enums,
relations, referential actions, @map/@@map, models, @updatedAt, lists), and for each edit:

  1. runs Prisma's `migrate diff --from-schema-datamodel before --to-schema-datamodel after
     --script` (an edit Prisma's schema validation refuses is counted as `rejected` and
     skipped: migrate diff validates both schemas as `prisma validate` does) and ours, and
     prints `same`, `differs` (with a unified diff) or `prisma-failed`/`ours-failed`;
  2. applies our from-empty SQL for `before`, then our change SQL, on a fresh database and
     diffs the database against `after` (`apply: ok`, `apply: failed`, `apply: drift`);
  3. where the scripts differ, does the same with Prisma's change SQL (`prisma-apply: ...`),
     which tells whether Prisma's script fails or drifts.

Run from the repository root after `cargo build -p migrate-cli` (PostgreSQL on 127.0.0.1:5432
as user postgres, the Prisma kit in ../shared/prisma6 or $PRISMA6):

  python3 tests/dev/mutation-sweep.py --seed 1 --count 300 --provider postgresql
  python3 tests/dev/mutation-sweep.py --seed 1 --count 300 --provider sqlite --keep /tmp/sweep
  python3 tests/dev/mutation-sweep.py --seed 1 --only 17 --provider postgresql   # one edit again

Edit i of a run depends only on (seed, provider, --edits, i) and the fixture folders (the pool
of schemas), so at one commit `--only i` repeats it. `--edits N` combines 1 to N edits in one
change (one commit's worth). `--keep DIR` writes before/after and both scripts of every edit
that is not `same` with `apply: ok`; `--print-edit` shows the edits without running anything.
"""

from __future__ import annotations

import argparse
import difflib
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests/fixtures/corpus"
CHANGES = ROOT / "tests/fixtures/changes"
PRISMA6 = Path(os.environ.get("PRISMA6", ROOT.parent / "shared/prisma6/prisma6"))
OURS = Path(os.environ.get("MIGRATE_BIN", Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "debug/migrate"))
PG = "postgres://postgres@127.0.0.1:5432"

SCALARS = ["String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime", "Json", "Bytes"]

# ---------------------------------------------------------------------------- schema model


@dataclass
class Field:
    name: str
    type: str
    modifier: str  # "", "?" or "[]"
    attrs: str  # everything after the type, without leading blanks

    def render(self) -> str:
        return f"  {self.name} {self.type}{self.modifier} {self.attrs}".rstrip()


@dataclass
class Block:
    kind: str  # model, enum, view, type, datasource, generator
    name: str
    lines: list  # Field, or str (block attributes, comments, blank lines, enum values)

    def fields(self) -> list[Field]:
        return [line for line in self.lines if isinstance(line, Field)]

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields() if f.name == name), None)

    def block_attrs(self) -> list[str]:
        return [line for line in self.lines if isinstance(line, str) and line.strip().startswith("@@")]

    def render(self) -> str:
        body = [line.render() if isinstance(line, Field) else line for line in self.lines]
        return f"{self.kind} {self.name} {{\n" + "\n".join(body) + "\n}\n"


FIELD_RE = re.compile(r"^\s*(\w+)\s+(Unsupported\(\"[^\"]*\"\)|[\w.]+)(\[\]\?|\[\]|\?)?(?:\s+(.*))?$")
BLOCK_RE = re.compile(r"^(model|enum|view|type|datasource|generator)\s+(\w+)\s*\{\s*$")


@dataclass
class Schema:
    items: list  # Block or str (text between blocks)
    provider: str
    counter: int = 0

    @staticmethod
    def parse(text: str) -> "Schema":
        items: list = []
        lines = text.splitlines()
        i = 0
        while i < len(lines):
            m = BLOCK_RE.match(lines[i])
            if not m:
                items.append(lines[i] + "\n")
                i += 1
                continue
            kind, name = m.groups()
            body = []
            i += 1
            while i < len(lines) and lines[i].strip() != "}":
                body.append(lines[i])
                i += 1
            i += 1
            if kind in ("model", "view"):
                parsed = []
                for line in body:
                    fm = FIELD_RE.match(line)
                    if fm and not line.strip().startswith("//"):
                        parsed.append(Field(fm[1], fm[2], fm[3] or "", (fm[4] or "").strip()))
                    else:
                        parsed.append(line)
                body = parsed
            items.append(Block(kind, name, body))
        provider = "sqlite"
        for b in items:
            if isinstance(b, Block) and b.kind == "datasource":
                for line in b.lines:
                    pm = re.search(r'provider\s*=\s*"(\w+)"', line)
                    if pm:
                        provider = pm[1]
        return Schema(items, provider)

    def render(self) -> str:
        return "".join(item.render() if isinstance(item, Block) else item for item in self.items)

    def blocks(self, kind: str) -> list[Block]:
        return [b for b in self.items if isinstance(b, Block) and b.kind == kind]

    def models(self) -> list[Block]:
        return self.blocks("model")

    def model(self, name: str) -> Block | None:
        return next((b for b in self.models() if b.name == name), None)

    def enum_names(self) -> set[str]:
        return {b.name for b in self.blocks("enum")}

    def relation_targets(self) -> set[str]:
        return {b.name for b in self.items if isinstance(b, Block) and b.kind in ("model", "view")}

    def schemas(self) -> list[str]:
        for b in self.blocks("datasource"):
            for line in b.lines:
                m = re.search(r"schemas\s*=\s*\[(.*)\]", line)
                if m:
                    return re.findall(r'"([^"]+)"', m[1])
        return []

    def fresh(self, stem: str) -> str:
        self.counter += 1
        return f"{stem}{self.counter}"

    def set_provider(self, provider: str) -> None:
        for b in self.blocks("datasource"):
            b.lines = [re.sub(r'(provider\s*=\s*)"\w+"', rf'\1"{provider}"', line) for line in b.lines]
        self.provider = provider


# ---------------------------------------------------------------------------- attribute text


def attr_span(attrs: str, name: str) -> tuple[int, int] | None:
    """The span of attribute `name` (with its balanced parentheses) in `attrs`."""
    for m in re.finditer(re.escape(name) + r"(?![\w.])", attrs):
        start, end = m.start(), m.end()
        if end < len(attrs) and attrs[end] == "(":
            depth, in_str, j = 0, False, end
            while j < len(attrs):
                c = attrs[j]
                if in_str:
                    if c == "\\":
                        j += 1
                    elif c == '"':
                        in_str = False
                elif c == '"':
                    in_str = True
                elif c == "(":
                    depth += 1
                elif c == ")":
                    depth -= 1
                    if depth == 0:
                        return start, j + 1
                j += 1
            return None
        return start, end
    return None


def get_attr(attrs: str, name: str) -> str | None:
    span = attr_span(attrs, name)
    return attrs[span[0] : span[1]] if span else None


def drop_attr(attrs: str, name: str) -> str:
    span = attr_span(attrs, name)
    if not span:
        return attrs
    return (attrs[: span[0]] + attrs[span[1] :]).replace("  ", " ").strip()


def set_attr(attrs: str, name: str, text: str) -> str:
    span = attr_span(attrs, name)
    if span:
        return attrs[: span[0]] + text + attrs[span[1] :]
    return (attrs + " " + text).strip()


def native(attrs: str) -> str | None:
    m = re.search(r"@db\.\w+(\([^)]*\))?", attrs)
    return m[0] if m else None


def drop_native(attrs: str) -> str:
    return re.sub(r"\s*@db\.\w+(\([^)]*\))?", "", attrs).strip()


def list_args(text: str, key: str | None = None) -> list[str]:
    """Names in the first `[...]` of `text` (after `key:` when given), arguments stripped."""
    pattern = (re.escape(key) + r"\s*:\s*" if key else r"") + r"\[([^\]]*)\]"
    m = re.search(pattern, text)
    if not m:
        return []
    return [re.sub(r"\(.*", "", part).strip() for part in m[1].split(",") if part.strip()]


def relation_name(attrs: str) -> str | None:
    rel = get_attr(attrs, "@relation")
    if not rel:
        return None
    m = re.match(r'@relation\(\s*"([^"]*)"', rel) or re.search(r'name\s*:\s*"([^"]*)"', rel)
    return m[1] if m else None


# ---------------------------------------------------------------------------- what a model uses


def is_relation(schema: Schema, f: Field) -> bool:
    return f.type in schema.relation_targets()


def protected(schema: Schema, model: Block) -> set[str]:
    """Fields of `model` that keys, indexes or relations name (edits there mostly fail validation)."""
    names: set[str] = set()
    for line in model.block_attrs():
        names.update(list_args(line))
    for f in model.fields():
        rel = get_attr(f.attrs, "@relation")
        if rel:
            names.update(list_args(rel, "fields"))
        if "@id" in f.attrs:
            names.add(f.name)
    for other in schema.models():
        for f in other.fields():
            if f.type == model.name:
                rel = get_attr(f.attrs, "@relation")
                if rel:
                    names.update(list_args(rel, "references"))
    return names


def scalar_fields(schema: Schema, model: Block, editable: bool = True) -> list[Field]:
    keep = protected(schema, model) if editable else set()
    return [
        f
        for f in model.fields()
        if not is_relation(schema, f) and not f.type.startswith("Unsupported") and f.name not in keep
    ]


def single_id(schema: Schema, model: Block) -> Field | None:
    if any(line.strip().startswith("@@id") for line in model.block_attrs()):
        return None
    return next((f for f in model.fields() if re.search(r"@id\b", f.attrs) and not is_relation(schema, f)), None)


def schema_attr(schema: Schema, rng: random.Random) -> list[str]:
    """A `@@schema(...)` line when the datasource lists schemas."""
    names = schema.schemas()
    return [f'  @@schema("{rng.choice(names)}")'] if names else []


# ---------------------------------------------------------------------------- values per type


def default_for(schema: Schema, type_: str, rng: random.Random, modifier: str = "") -> str | None:
    if modifier == "[]":
        return {"String": '@default(["a", "b"])', "Int": "@default([1, 2])", "Boolean": "@default([])"}.get(type_)
    enum = next((b for b in schema.blocks("enum") if b.name == type_), None)
    if enum:
        values = enum_values(enum)
        return f"@default({rng.choice(values)})" if values else None
    choices = {
        "String": ['@default("")', '@default("draft")', '@default("n/a")', "@default(uuid())", "@default(cuid())"],
        "Int": ["@default(0)", "@default(1)", "@default(42)", "@default(-1)"],
        "BigInt": ["@default(0)", "@default(7)"],
        "Float": ["@default(0)", "@default(1.5)"],
        "Decimal": ["@default(0)", "@default(9.99)"],
        "Boolean": ["@default(true)", "@default(false)"],
        "DateTime": ["@default(now())", '@default("2024-01-01T00:00:00Z")'],
        "Json": ['@default("{}")', '@default("[]")'],
        "Bytes": None,
    }.get(type_)
    return rng.choice(choices) if choices else None


def native_for(type_: str, rng: random.Random) -> str | None:
    return rng.choice(
        {
            "String": ["@db.VarChar(40)", "@db.VarChar(255)", "@db.Text", "@db.Char(8)", "@db.Uuid", None],
            "Int": ["@db.SmallInt", "@db.Integer", None],
            "DateTime": ["@db.Timestamptz(3)", "@db.Timestamp(6)", "@db.Date", "@db.Timestamptz(6)", None],
            "Decimal": ["@db.Decimal(10, 2)", "@db.Decimal(65, 30)", None],
            "Float": ["@db.Real", "@db.DoublePrecision", None],
            "Json": ["@db.JsonB", "@db.Json", None],
        }.get(type_, [None])
    )


def enum_values(enum: Block) -> list[str]:
    return [line.strip().split()[0] for line in enum.lines if re.match(r"^\s*[A-Za-z_]\w*", line)]


# ---------------------------------------------------------------------------- edits
# Each edit changes `schema` in place and returns its description, or None when it does not apply.


def pick_model(schema: Schema, rng: random.Random) -> Block | None:
    models = schema.models()
    return rng.choice(models) if models else None


def add_field(s: Schema, rng: random.Random) -> str | None:
    m = pick_model(s, rng)
    if not m:
        return None
    pg = s.provider == "postgresql"
    enums = s.blocks("enum")
    type_ = rng.choice(SCALARS + ["String", "Int"] + ([rng.choice(enums).name] if enums else []))
    modifier = rng.choice(["?", "?", "", ""] + (["[]"] if pg and type_ in ("String", "Int", "Boolean") else []))
    attrs = []
    if modifier != "?" and (modifier == "[]" or rng.random() < 0.7):
        d = default_for(s, type_, rng, modifier)
        if d:
            attrs.append(d)
    if pg and modifier != "[]":
        n = native_for(type_, rng)
        if n and not (n == "@db.Uuid" and attrs and "uuid()" not in attrs[0] and attrs[0] != ""):
            if n != "@db.Uuid":
                attrs.append(n)
    if type_ == "DateTime" and modifier != "[]" and rng.random() < 0.2:
        attrs = ["@updatedAt"]
    f = Field(s.fresh("mut"), type_, modifier, " ".join(attrs))
    m.lines.insert(len(m.fields()), f)
    return f"add field {m.name}.{f.render().strip()}"


def drop_field(s: Schema, rng: random.Random) -> str | None:
    m = pick_model(s, rng)
    fields = scalar_fields(s, m) if m else []
    if not fields or len(m.fields()) < 3:
        return None
    f = rng.choice(fields)
    m.lines.remove(f)
    return f"drop field {m.name}.{f.name} ({f.type}{f.modifier})"


def fk_owner(model: Block, name: str) -> Field | None:
    for f in model.fields():
        rel = get_attr(f.attrs, "@relation")
        if rel and name in list_args(rel, "fields"):
            return f
    return None


def toggle_optional(s: Schema, rng: random.Random) -> str | None:
    m = pick_model(s, rng)
    if not m:
        return None
    keep = protected(s, m)
    fields = [
        f
        for f in m.fields()
        if not is_relation(s, f)
        and f.modifier in ("", "?")
        and "@id" not in f.attrs
        and (f.name not in keep or fk_owner(m, f.name))
    ]
    if not fields:
        return None
    f = rng.choice(fields)
    f.modifier = "" if f.modifier == "?" else "?"
    owner = fk_owner(m, f.name)
    if owner:
        owner.modifier = f.modifier
    if f.modifier == "" and "@default" not in f.attrs and rng.random() < 0.5:
        d = default_for(s, f.type, rng)
        if d:
            f.attrs = (f.attrs + " " + d).strip()
    return f"{'required' if f.modifier == '' else 'optional'} {m.name}.{f.render().strip()}"


RETYPES = {
    "String": ["Int", "BigInt", "Boolean", "DateTime"],
    "Int": ["BigInt", "String", "Float", "Decimal", "Boolean"],
    "BigInt": ["Int", "String", "Decimal"],
    "Float": ["Decimal", "Int", "String"],
    "Decimal": ["Float", "String"],
    "Boolean": ["Int", "String"],
    "DateTime": ["String"],
    "Json": ["String"],
}


def change_type(s: Schema, rng: random.Random) -> str | None:
    m = pick_model(s, rng)
    fields = [f for f in scalar_fields(s, m) if f.type in RETYPES and f.modifier != "[]"] if m else []
    if not fields:
        return None
    f = rng.choice(fields)
    old = f"{f.type} {native(f.attrs) or ''}".strip()
    if s.provider == "postgresql" and native_for(f.type, rng) is not None and rng.random() < 0.5:
        f.attrs = drop_native(f.attrs)
        n = native_for(f.type, rng)
        if n == "@db.Uuid":
            n = "@db.VarChar(20)"
        if n:
            f.attrs = (f.attrs + " " + n).strip()
        d = get_attr(f.attrs, "@default")
        if d and ("@db.Date" in f.attrs or "@db.Char" in f.attrs) and "now()" not in d:
            f.attrs = drop_attr(f.attrs, "@default")
    else:
        f.type = rng.choice(RETYPES[f.type])
        f.attrs = drop_native(f.attrs)
        if "@default" in f.attrs:
            f.attrs = drop_attr(f.attrs, "@default")
            if rng.random() < 0.5:
                d = default_for(s, f.type, rng)
                if d:
                    f.attrs = (f.attrs + " " + d).strip()
        if f.type != "DateTime":
            f.attrs = drop_attr(f.attrs, "@updatedAt")
    new = f"{f.type} {native(f.attrs) or ''}".strip()
    return f"retype {m.name}.{f.name} {old} -> {new}" if new != old else None


def change_default(s: Schema, rng: random.Random) -> str | None:
    m = pick_model(s, rng)
    fields = [f for f in scalar_fields(s, m, editable=False) if f.modifier != "[]" or s.provider == "postgresql"] if m else []
    fields = [f for f in fields if "autoincrement()" not in f.attrs and "@updatedAt" not in f.attrs]
    if not fields:
        return None
    f = rng.choice(fields)
    old = get_attr(f.attrs, "@default")
    if old and rng.random() < 0.4:
        f.attrs = drop_attr(f.attrs, "@default")
        return f"drop default {m.name}.{f.name} {old}"
    new = default_for(s, f.type, rng, f.modifier)
    if not new or new == old or (native(f.attrs) or "").startswith(("@db.Uuid", "@db.Date", "@db.Char")):
        return None
    f.attrs = set_attr(f.attrs, "@default", new)
    return f"default {m.name}.{f.name} {old} -> {new}"


def toggle_unique(s: Schema, rng: random.Random) -> str | None:
    m = pick_model(s, rng)
    if not m:
        return None
    fields = [f for f in scalar_fields(s, m, editable=False) if f.modifier != "[]" and "@id" not in f.attrs and f.type != "Json"]
    if not fields:
        return None
    f = rng.choice(fields)
    if get_attr(f.attrs, "@unique"):
        f.attrs = drop_attr(f.attrs, "@unique")
        return f"drop @unique {m.name}.{f.name}"
    text = rng.choice(["@unique", "@unique", f'@unique(map: "{m.name}_{f.name}_mut_key")'])
    f.attrs = (f.attrs + " " + text).strip()
    return f"add {text} {m.name}.{f.name}"


def add_index(s: Schema, rng: random.Random) -> str | None:
    m = pick_model(s, rng)
    fields = [f for f in scalar_fields(s, m, editable=False) if f.modifier != "[]" and f.type not in ("Json", "Bytes")] if m else []
    if not fields:
        return None
    chosen = rng.sample(fields, min(len(fields), rng.choice([1, 1, 2, 3])))
    cols = []
    for f in chosen:
        sort = rng.random() < 0.3
        cols.append(f"{f.name}(sort: Desc)" if sort else f.name)
    kind = rng.choice(["@@index", "@@index", "@@unique"])
    args = f"[{', '.join(cols)}]"
    if rng.random() < 0.3:
        args += f', map: "{s.fresh("mut_idx_")}"'
    line = f"  {kind}({args})"
    m.lines.append(line)
    return f"add {m.name} {line.strip()}"


def drop_or_change_index(s: Schema, rng: random.Random) -> str | None:
    candidates = [(m, line) for m in s.models() for line in m.block_attrs() if line.strip().startswith(("@@index", "@@unique"))]
    if not candidates:
        return None
    m, line = rng.choice(candidates)
    choice = rng.random()
    if choice < 0.5:
        m.lines.remove(line)
        return f"drop {m.name} {line.strip()}"
    if choice < 0.75:
        new = re.sub(r',\s*map:\s*"[^"]*"', "", line.rstrip()[:-1]) + f', map: "{s.fresh("mut_renamed_")}")'
    else:
        head, args = line.split("(", 1)
        first = list_args(line)
        if not first:
            return None
        name = first[0]
        flipped = re.sub(r"\b" + re.escape(name) + r"(\(sort: Desc\))?", lambda mm: name if mm[1] else f"{name}(sort: Desc)", args, count=1)
        new = f"{head}({flipped}"
    if new == line:
        return None
    m.lines[m.lines.index(line)] = new
    return f"change {m.name} {line.strip()} -> {new.strip()}"


def enum_edit(s: Schema, rng: random.Random) -> str | None:
    enums = s.blocks("enum")
    choice = rng.random()
    if not enums or choice < 0.25:
        m = pick_model(s, rng)
        if not m:
            return None
        name = s.fresh("MutKind")
        values = [f"V{i}" for i in range(rng.choice([2, 3]))]
        body = [f"  {v}" for v in values] + schema_attr(s, rng)
        s.items.append("\n")
        s.items.append(Block("enum", name, body))
        f = Field(s.fresh("mut"), name, rng.choice(["", "?"]), "")
        if f.modifier == "":
            f.attrs = f"@default({values[0]})"
        m.lines.insert(len(m.fields()), f)
        return f"add enum {name} {values} and field {m.name}.{f.render().strip()}"
    e = rng.choice(enums)
    values = enum_values(e)
    used = " ".join(f.attrs for m in s.models() for f in m.fields() if f.type == e.name)
    if choice < 0.6:
        v = s.fresh("MUT_")
        at = rng.randrange(len(values) + 1)
        value_lines = [i for i, line in enumerate(e.lines) if re.match(r"^\s*[A-Za-z_]\w*", line)]
        pos = value_lines[at] if at < len(value_lines) else (value_lines[-1] + 1 if value_lines else 0)
        e.lines.insert(pos, f"  {v}")
        return f"add value {e.name}.{v} at {at}"
    if choice < 0.85:
        free = [v for v in values if not re.search(r"\b" + re.escape(v) + r"\b", used)]
        if len(values) < 2 or not free:
            return None
        v = rng.choice(free)
        e.lines = [line for line in e.lines if not re.match(r"^\s*" + re.escape(v) + r"\b", line)]
        return f"remove value {e.name}.{v}"
    for m in s.models():
        for f in list(m.fields()):
            if f.type == e.name:
                if f.name in protected(s, m):
                    return None
                m.lines.remove(f)
    s.items.remove(e)
    return f"drop enum {e.name} and its fields"


def add_relation(s: Schema, rng: random.Random) -> str | None:
    models = s.models()
    targets = [b for b in models if single_id(s, b)]
    if not models or not targets:
        return None
    a, b = rng.choice(models), rng.choice(targets)
    key = single_id(s, b)
    rel = s.fresh("Mut")
    kind = rng.choice(["optional", "optional", "required", "one-to-one"])
    fk = Field(s.fresh("mutRef"), key.type, "" if kind == "required" else "?", " ".join(filter(None, [native(key.attrs), "@unique" if kind == "one-to-one" else None])))
    action = rng.choice(["", "", ", onDelete: Cascade", ", onDelete: SetNull" if kind != "required" else ", onDelete: Restrict", ", onUpdate: NoAction"])
    field = Field(s.fresh("mutTo"), b.name, fk.modifier, f'@relation("{rel}", fields: [{fk.name}], references: [{key.name}]{action})')
    back = Field(s.fresh("mutBack"), a.name, "?" if kind == "one-to-one" else "[]", f'@relation("{rel}")')
    a.lines.insert(len(a.fields()), fk)
    a.lines.insert(len(a.fields()), field)
    if rng.random() < 0.4 and kind != "one-to-one":
        a.lines.append(f"  @@index([{fk.name}])")
    b.lines.insert(len(b.fields()), back)
    return f"add {kind} relation {a.name}.{field.name} -> {b.name}.{key.name}{action}"


def relation_fields(s: Schema) -> list[tuple[Block, Field]]:
    return [(m, f) for m in s.models() for f in m.fields() if is_relation(s, f) and "fields:" in f.attrs]


def back_fields(s: Schema, owner: Block, f: Field) -> list[tuple[Block, Field]]:
    target = s.model(f.type)
    if not target:
        return []
    name = relation_name(f.attrs)
    return [
        (target, g)
        for g in target.fields()
        if g.type == owner.name and g is not f and "fields:" not in g.attrs and relation_name(g.attrs) == name
    ]


def drop_relation(s: Schema, rng: random.Random) -> str | None:
    rels = relation_fields(s)
    if not rels:
        return None
    m, f = rng.choice(rels)
    backs = back_fields(s, m, f)
    if len(backs) != 1:
        return None
    fks = list_args(get_attr(f.attrs, "@relation"), "fields")
    keep = protected(s, m) - set(fks)
    still_used = [g for g in m.fields() if g is not f and get_attr(g.attrs, "@relation") and set(fks) & set(list_args(get_attr(g.attrs, "@relation"), "fields"))]
    if any(k in keep for k in fks) or still_used or any("@id" in (m.field(k).attrs if m.field(k) else "") for k in fks):
        return None
    m.lines.remove(f)
    for k in fks:
        if m.field(k):
            m.lines.remove(m.field(k))
    m.lines = [line for line in m.lines if not (isinstance(line, str) and line.strip().startswith("@@") and set(list_args(line)) & set(fks))]
    backs[0][0].lines.remove(backs[0][1])
    return f"drop relation {m.name}.{f.name} -> {f.type} (and {fks})"


ACTIONS = ["Cascade", "Restrict", "NoAction", "SetNull", "SetDefault"]


def change_actions(s: Schema, rng: random.Random) -> str | None:
    rels = relation_fields(s)
    if not rels:
        return None
    m, f = rng.choice(rels)
    rel = get_attr(f.attrs, "@relation")
    which = rng.choice(["onDelete", "onUpdate"])
    current = re.search(which + r"\s*:\s*(\w+)", rel)
    options = [a for a in ACTIONS if not current or a != current[1]]
    if current and rng.random() < 0.3:
        new_rel = re.sub(r",\s*" + which + r"\s*:\s*\w+", "", rel)
        what = f"remove {which}: {current[1]}"
    else:
        action = rng.choice(options)
        new_rel = re.sub(which + r"\s*:\s*\w+", f"{which}: {action}", rel) if current else rel[:-1] + f", {which}: {action})"
        what = f"{which}: {current[1] if current else '(default)'} -> {action}"
    f.attrs = f.attrs.replace(rel, new_rel)
    return f"relation {m.name}.{f.name} {what}"


def change_map(s: Schema, rng: random.Random) -> str | None:
    m = pick_model(s, rng)
    if not m:
        return None
    if rng.random() < 0.4:
        line = next((line for line in m.block_attrs() if line.strip().startswith("@@map")), None)
        if line and rng.random() < 0.4:
            m.lines.remove(line)
            return f"remove {m.name} {line.strip()}"
        new = f'  @@map("{s.fresh("mut_table_")}")'
        if line:
            m.lines[m.lines.index(line)] = new
        else:
            m.lines.append(new)
        return f"{m.name} {line.strip() if line else '(no @@map)'} -> {new.strip()}"
    fields = scalar_fields(s, m, editable=False)
    if not fields:
        return None
    f = rng.choice(fields)
    old = get_attr(f.attrs, "@map")
    if old and rng.random() < 0.4:
        f.attrs = drop_attr(f.attrs, "@map")
        return f"remove {m.name}.{f.name} {old}"
    new = f'@map("{s.fresh("mut_col_")}")'
    f.attrs = set_attr(f.attrs, "@map", new)
    return f"{m.name}.{f.name} {old or '(no @map)'} -> {new}"


def add_model(s: Schema, rng: random.Random) -> str | None:
    name = s.fresh("MutModel")
    id_kind = rng.choice(["Int @id @default(autoincrement())", "String @id @default(cuid())", "String @id"])
    lines: list = [Field("id", id_kind.split()[0], "", id_kind.split(" ", 1)[1]), Field("label", "String", "", ""),
                   Field("createdAt", "DateTime", "", "@default(now())")]
    desc = f"add model {name} (id {id_kind})"
    targets = [b for b in s.models() if single_id(s, b)]
    if targets and rng.random() < 0.6:
        b = rng.choice(targets)
        key = single_id(s, b)
        required = rng.random() < 0.5
        fk = Field("ownerId", key.type, "" if required else "?", native(key.attrs) or "")
        action = rng.choice(["", ", onDelete: Cascade"])
        lines += [fk, Field("owner", b.name, fk.modifier, f"@relation(fields: [ownerId], references: [{key.name}]{action})")]
        lines.append("")
        lines.append("  @@index([ownerId])")
        b.lines.insert(len(b.fields()), Field(s.fresh("mutModels"), name, "[]", ""))
        desc += f" referencing {b.name}"
    if rng.random() < 0.3:
        lines.append("  @@unique([label, createdAt])")
    lines += schema_attr(s, rng)
    s.items.append("\n")
    s.items.append(Block("model", name, lines))
    return desc


def drop_model(s: Schema, rng: random.Random) -> str | None:
    m = pick_model(s, rng)
    if not m or len(s.models()) < 2:
        return None
    for other in s.models():
        if other is m:
            continue
        for f in list(other.fields()):
            if f.type != m.name:
                continue
            rel = get_attr(f.attrs, "@relation")
            fks = list_args(rel, "fields") if rel else []
            keep = protected(s, other) - set(fks)
            if any(k in keep for k in fks) or any("@id" in (other.field(k).attrs if other.field(k) else "") for k in fks):
                return None
            other.lines.remove(f)
            for k in fks:
                if other.field(k) and not fk_owner(other, k):
                    other.lines.remove(other.field(k))
            other.lines = [line for line in other.lines if not (isinstance(line, str) and line.strip().startswith("@@") and set(list_args(line)) & set(fks))]
    s.items.remove(m)
    return f"drop model {m.name}"


def toggle_updated_at(s: Schema, rng: random.Random) -> str | None:
    m = pick_model(s, rng)
    fields = [f for f in scalar_fields(s, m, editable=False) if f.type == "DateTime" and f.modifier != "[]"] if m else []
    if not fields:
        return None
    f = rng.choice(fields)
    if "@updatedAt" in f.attrs:
        f.attrs = drop_attr(f.attrs, "@updatedAt")
        return f"remove @updatedAt {m.name}.{f.name}"
    f.attrs = drop_attr(f.attrs, "@default") + " @updatedAt"
    return f"add @updatedAt {m.name}.{f.name}"


def list_edit(s: Schema, rng: random.Random) -> str | None:
    if s.provider != "postgresql":
        return None
    m = pick_model(s, rng)
    fields = [f for f in scalar_fields(s, m) if f.type in ("String", "Int", "BigInt", "Boolean")] if m else []
    if not fields:
        return None
    f = rng.choice(fields)
    old = f"{f.type}{f.modifier}"
    if f.modifier == "[]":
        f.modifier = rng.choice(["", "?"])
        f.attrs = drop_attr(f.attrs, "@default")
    else:
        f.modifier = "[]"
        f.attrs = drop_attr(drop_attr(f.attrs, "@default"), "@unique")
        if rng.random() < 0.4:
            d = default_for(s, f.type, rng, "[]")
            if d:
                f.attrs = (f.attrs + " " + d).strip()
    return f"list {m.name}.{f.name} {old} -> {f.type}{f.modifier} {f.attrs}".rstrip()


def rename(s: Schema, rng: random.Random) -> str | None:
    """A model or a scalar field renamed without `@map`/`@@map` (a drop and a create)."""
    m = pick_model(s, rng)
    if not m:
        return None
    if rng.random() < 0.5:
        if any(line.strip().startswith("@@map") for line in m.block_attrs()):
            return None
        old, m.name = m.name, s.fresh(m.name + "Mut")
        for other in s.models():
            for f in other.fields():
                if f.type == old:
                    f.type = m.name
        return f"rename model {old} -> {m.name}"
    fields = scalar_fields(s, m)
    if not fields:
        return None
    f = rng.choice(fields)
    if "@map" in f.attrs:
        return None
    old, f.name = f.name, s.fresh(f.name + "Mut")
    return f"rename field {m.name}.{old} -> {f.name}"


def id_edit(s: Schema, rng: random.Random) -> str | None:
    """An `@id`'s default or type changed, where no relation references it."""
    m = pick_model(s, rng)
    key = single_id(s, m) if m else None
    if not key or any(f.type == m.name and "references:" in f.attrs for o in s.models() for f in o.fields()):
        return None
    old = key.render().strip()
    choice = rng.random()
    if key.type == "Int" and choice < 0.5:
        if "autoincrement()" in key.attrs:
            key.attrs = drop_attr(key.attrs, "@default")
        else:
            key.attrs = set_attr(key.attrs, "@default", "@default(autoincrement())")
    elif key.type == "Int":
        key.type = rng.choice(["BigInt", "String"])
        if key.type == "String":
            key.attrs = set_attr(drop_native(key.attrs), "@default", rng.choice(["@default(cuid())", "@default(uuid())"]))
    elif key.type == "String" and choice < 0.5:
        key.type = "Int"
        key.attrs = set_attr(drop_native(key.attrs), "@default", "@default(autoincrement())")
    elif key.type == "String":
        key.attrs = set_attr(key.attrs, "@default", rng.choice(["@default(cuid())", "@default(uuid())", '@default(dbgenerated("gen_random_uuid()"))'])) if s.provider == "postgresql" else set_attr(key.attrs, "@default", "@default(cuid())")
    else:
        return None
    new = key.render().strip()
    return f"id {m.name} {old} -> {new}" if new != old else None


def many_to_many(s: Schema, rng: random.Random) -> str | None:
    """An implicit many-to-many relation added, or one removed."""
    implicit = [
        (m, f) for m in s.models() for f in m.fields()
        if f.modifier == "[]" and is_relation(s, f) and s.model(f.type)
        and any(g.type == m.name and g.modifier == "[]" and relation_name(g.attrs) == relation_name(f.attrs) for g in s.model(f.type).fields() if g is not f)
    ]
    if implicit and rng.random() < 0.4:
        m, f = rng.choice(implicit)
        other = s.model(f.type)
        back = next(g for g in other.fields() if g.type == m.name and g.modifier == "[]" and relation_name(g.attrs) == relation_name(f.attrs) and g is not f)
        m.lines.remove(f)
        other.lines.remove(back)
        return f"drop many-to-many {m.name}.{f.name} <-> {other.name}.{back.name}"
    targets = [b for b in s.models() if single_id(s, b)]
    if len(targets) < 1:
        return None
    a, b = rng.choice(targets), rng.choice(targets)
    rel = s.fresh("MutM2m")
    fa = Field(s.fresh("mutMany"), b.name, "[]", f'@relation("{rel}")')
    fb = Field(s.fresh("mutMany"), a.name, "[]", f'@relation("{rel}")')
    a.lines.insert(len(a.fields()), fa)
    b.lines.insert(len(b.fields()), fb)
    return f"add many-to-many {a.name}.{fa.name} <-> {b.name}.{fb.name} ({rel})"


EDITS = [
    (add_field, 3), (drop_field, 2), (toggle_optional, 3), (change_type, 3), (change_default, 3),
    (toggle_unique, 2), (add_index, 2), (drop_or_change_index, 2), (enum_edit, 2), (add_relation, 2),
    (drop_relation, 2), (change_actions, 2), (change_map, 2), (add_model, 1), (drop_model, 1),
    (toggle_updated_at, 1), (list_edit, 1), (rename, 1), (id_edit, 1), (many_to_many, 1),
]


def mutate(text: str, provider: str, rng: random.Random, edits: int = 1) -> tuple[str, str] | None:
    """`text` on `provider`, and the same after 1 to `edits` random edits (one commit)."""
    s = Schema.parse(text)
    if s.provider != provider:
        s.set_provider(provider)
    before = s.render()
    done = []
    for _ in range(rng.randint(1, edits)):
        for _ in range(20):
            current, counter = s.render(), s.counter
            edit = rng.choices([e for e, _ in EDITS], [w for _, w in EDITS])[0]
            desc = edit(s, rng)
            if desc and s.render() != current:
                done.append(f"{edit.__name__}: {desc}")
                break
            s = Schema.parse(current)
            s.counter = counter
    return (before, s.render(), " + ".join(done)) if done else None


# ---------------------------------------------------------------------------- sources


def sources(provider: str) -> list[tuple[str, str]]:
    found = []
    for d in sorted(CORPUS.iterdir()):
        if not d.is_dir() or d.name.startswith(("mysql_", "_")):
            continue
        if (d / "schema.prisma").exists():
            text = (d / "schema.prisma").read_text()
        elif (d / "schema").is_dir():
            text = "\n".join(p.read_text() for p in sorted((d / "schema").glob("*.prisma")))
        else:
            continue
        found.append((f"corpus/{d.name}", text))
    for d in sorted(CHANGES.iterdir()):
        if (d / "after.prisma").exists():
            found.append((f"changes/{d.name}", (d / "after.prisma").read_text()))
    usable = []
    for name, text in found:
        declared = Schema.parse(text).provider
        # A SQLite schema also runs on PostgreSQL with its provider switched; not the reverse.
        if declared == provider or (declared == "sqlite" and provider == "postgresql"):
            usable.append((name, text))
    return usable


# ---------------------------------------------------------------------------- running


@dataclass
class Run:
    code: int
    out: str
    err: str


def run(cmd: list[str], env: dict | None = None, timeout: int = 120) -> Run:
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=timeout)
        return Run(p.returncode, p.stdout, p.stderr)
    except subprocess.TimeoutExpired:
        return Run(-1, "", "timeout")


def prisma_diff(provider: str, before: Path, after: Path, work: Path) -> Run:
    env = {"SQLITE_FILE": str(work / "prisma-scratch.db"), "PG_DB": "postgres"}
    return run([str(PRISMA6), provider, str(after), "migrate", "diff", "--from-schema-datamodel", str(before),
                "--to-schema-datamodel", str(after), "--script"], env)


def ours_diff(from_args: list[str], to: Path) -> Run:
    return run([str(OURS), "diff", *from_args, "--to-schema-datamodel", str(to), "--script"])


def rejected(r: Run) -> bool:
    return r.code != 0 and ("P1012" in r.err or "validating" in r.err or "Validation" in r.err)


class Database:
    """A fresh database for one check: a PostgreSQL database, or a SQLite file."""

    def __init__(self, provider: str, work: Path, tag: str):
        self.provider = provider
        if provider == "postgresql":
            self.name = f"mutsweep_{os.getpid()}_{tag}"
            run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f'DROP DATABASE IF EXISTS "{self.name}"'])
            run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f'CREATE DATABASE "{self.name}"'])
            self.url = f"{PG}/{self.name}"
        else:
            self.path = work / f"{tag}.db"
            self.path.unlink(missing_ok=True)
            self.url = f"file:{self.path}"

    def drop(self) -> None:
        if self.provider == "postgresql":
            run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'])


def apply_check(provider: str, work: Path, tag: str, before: Path, after: Path, create: str, change: str) -> str:
    """`create` then `change` on a fresh database; `ok`, or what failed / drifted."""
    db = Database(provider, work, tag)
    try:
        for step, sql in (("before", create), ("change", change)):
            script = work / f"{tag}.{step}.sql"
            script.write_text(sql)
            r = run([str(OURS), "db", "execute", "--schema", str(before), "--url", db.url, "--file", str(script)])
            if r.code != 0:
                return f"failed ({step}): {r.err.strip().splitlines()[-1] if r.err.strip() else r.code}"
        # Every env("...") of the datasource (url, directUrl, ...) names the fresh database.
        env = {name: db.url for name in re.findall(r'env\("(\w+)"\)', after.read_text())}
        r = run([str(OURS), "diff", "--from-schema-datasource", str(after), "--to-schema-datamodel", str(after), "--script"], env)
        if r.code != 0:
            return f"failed (drift check): {r.err.strip()[-300:]}"
        body = "\n".join(line for line in r.out.splitlines() if line.strip() and not line.startswith("--"))
        return "ok" if not body else "drift:\n" + indent(r.out)
    finally:
        db.drop()


def indent(text: str) -> str:
    return "".join("    " + line + "\n" for line in text.rstrip().splitlines())


def udiff(prisma: str, ours: str) -> str:
    return "".join(difflib.unified_diff(prisma.splitlines(True), ours.splitlines(True), "prisma", "ours"))


@dataclass
class Tally:
    counts: dict = field(default_factory=dict)

    def add(self, key: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1


def edit_rng(args, i: int) -> random.Random:
    """Edit i's generator: (seed, provider, i), and --edits when it is not 1."""
    key = f"{args.seed}/{args.provider}/{i}" if args.edits == 1 else f"{args.seed}/{args.provider}/{args.edits}/{i}"
    return random.Random(key)


def one_edit(i: int, args, pool: list[tuple[str, str]], work: Path, tally: Tally) -> None:
    rng = edit_rng(args, i)
    src, text = rng.choice(pool)
    mutated = mutate(text, args.provider, rng, args.edits)
    if not mutated:
        tally.add("no-edit")
        return
    before_text, after_text, desc = mutated
    d = work / f"e{i}"
    d.mkdir(exist_ok=True)
    before, after = d / "before.prisma", d / "after.prisma"
    before.write_text(before_text)
    after.write_text(after_text)
    head = f"#{i} {src} [{args.provider}] {desc}"
    prisma = prisma_diff(args.provider, before, after, d)
    if rejected(prisma):
        tally.add("rejected")
        if args.verbose:
            print(f"{head}: rejected by Prisma's validation", flush=True)
        shutil.rmtree(d)
        return
    ours = ours_diff(["--from-schema-datamodel", str(before)], after)
    lines = []
    if prisma.code != 0 and ours.code != 0:
        verdict = "both-failed"
    elif prisma.code != 0:
        verdict = "prisma-failed"
        lines.append(indent(prisma.err.strip()[-800:]))
    elif ours.code != 0:
        verdict = "ours-failed"
        lines.append(indent(ours.err.strip()[-800:]))
    elif prisma.out.strip() == ours.out.strip():
        verdict = "same"
    else:
        verdict = "differs"
        lines.append(indent(udiff(prisma.out, ours.out)))
    tally.add(verdict)
    applied = "skipped"
    create = ours_diff(["--from-empty"], before)
    if ours.code == 0 and create.code == 0:
        applied = apply_check(args.provider, d, "ours", before, after, create.out, ours.out)
        tally.add("apply-" + applied.split(" ")[0].split(":")[0])
    prisma_applied = None
    if verdict == "differs" and create.code == 0:
        prisma_applied = apply_check(args.provider, d, "prisma", before, after, create.out, prisma.out)
    summary = f"{head}: {verdict}; apply: {applied.splitlines()[0]}"
    if prisma_applied is not None:
        summary += f"; prisma-apply: {prisma_applied.splitlines()[0]}"
    print(summary, flush=True)
    for extra in (applied, prisma_applied or ""):
        if "\n" in extra:
            lines.append("    " + extra.split("\n", 1)[1])
    if lines:
        print("".join(lines), end="", flush=True)
    interesting = verdict != "same" or applied != "ok"
    if interesting and args.keep:
        keep = Path(args.keep) / f"{args.provider}-{args.seed}-{i}"
        keep.mkdir(parents=True, exist_ok=True)
        shutil.copy(before, keep / "before.prisma")
        shutil.copy(after, keep / "after.prisma")
        (keep / "prisma.sql").write_text(prisma.out if prisma.code == 0 else prisma.err)
        (keep / "ours.sql").write_text(ours.out if ours.code == 0 else ours.err)
        (keep / "verdict.txt").write_text(summary + "\n")
    shutil.rmtree(d)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=100, help="edits to try (rejected ones count)")
    ap.add_argument("--start", type=int, default=0, help="first edit index")
    ap.add_argument("--only", type=int, action="append", help="run just these edit indices")
    ap.add_argument("--provider", choices=["postgresql", "sqlite"], default="postgresql")
    ap.add_argument("--edits", type=int, default=1, help="at most this many edits in one change")
    ap.add_argument("--keep", help="folder for the files of every edit that is not same-and-ok")
    ap.add_argument("--print-edit", action="store_true", help="only print the edited schemas (no runs)")
    ap.add_argument("-v", "--verbose", action="store_true", help="also list the rejected edits")
    args = ap.parse_args()
    if not OURS.exists():
        sys.exit(f"no {OURS}: cargo build -p migrate-cli first (or set MIGRATE_BIN)")
    pool = sources(args.provider)
    indices = args.only or range(args.start, args.start + args.count)
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="mutsweep-") as tmp:
        for i in indices:
            if args.print_edit:
                rng = edit_rng(args, i)
                src, text = rng.choice(pool)
                mutated = mutate(text, args.provider, rng, args.edits)
                if mutated:
                    print(f"#{i} {src}: {mutated[2]}")
                    sys.stdout.writelines(difflib.unified_diff(mutated[0].splitlines(True), mutated[1].splitlines(True), "before", "after"))
                continue
            one_edit(i, args, pool, Path(tmp), tally)
    if not args.print_edit:
        print("summary:", ", ".join(f"{k} {v}" for k, v in sorted(tally.counts.items())), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
