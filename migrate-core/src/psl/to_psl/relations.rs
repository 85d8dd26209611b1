//! Relation fields: for every foreign key a field on the referencing model
//! and a back relation field on the referenced one; for every join table a
//! list field on both models. Fields come after the scalar fields, in the
//! order of the tables and their foreign keys, then of the join tables.

use super::existing::{Existing, Notes, OldField};
use super::old_relations::{inline_relations, many_to_many, OldManyToMany};
use super::plan::{FieldKind, JoinTable, Plan};
use super::prisma_relation_mode::emulated_foreign_keys;
use super::relation_names::name_relations;
use super::syntax::{attribute, bare_attribute, field, ident_list, named, named_type, positional, string};
use crate::psl::ast::{Arg, Arity, Attribute, Field};
use crate::schema::{ForeignKey, ReferentialAction, Table};
use std::borrow::Cow;

/// One relation between two models, with both of its fields.
pub(super) struct Relation<'a> {
    pub kind: Kind<'a>,
    /// The model holding the foreign key, or the model of column `A`.
    pub from: usize,
    /// The referenced model, or the model of column `B`.
    pub to: usize,
    pub name: Option<String>,
    /// Field names: on `from`, then on `to`. Filled from the existing
    /// schema where it has this relation, the rest by `name_relations`.
    pub fields: [Option<String>; 2],
    /// What the existing schema says around each field.
    pub notes: [Notes; 2],
    /// Whether the names come from the existing schema.
    pub kept: bool,
}

pub(super) enum Kind<'a> {
    Inline {
        fk: Cow<'a, ForeignKey>,
        /// The foreign key's columns are unique: the back field is `Model?`.
        one_to_one: bool,
        /// Some column is nullable: the field is `Model?`.
        optional: bool,
    },
    ManyToMany(&'a Table),
}

impl Relation<'_> {
    pub(super) fn is_self(&self) -> bool {
        self.from == self.to
    }
}

/// The relation fields of every model, in model order, each with what the
/// existing schema says around it.
pub(super) fn relation_fields(plan: &mut Plan<'_>) -> Vec<Vec<(Field, Notes)>> {
    let mut relations = inline(plan);
    relations.extend(plan.join_tables.iter().map(join_relation));
    keep_existing_names(plan, &mut relations);
    name_relations(plan, &mut relations);
    let mut fields: Vec<Vec<(Field, Notes)>> = plan.models.iter().map(|_| Vec::new()).collect();
    for r in &relations {
        let [on_from, on_to] = relation_field_pair(plan, r);
        let [from_notes, to_notes] = r.notes.clone();
        fields[r.from].push((on_from, from_notes));
        fields[r.to].push((on_to, to_notes));
    }
    fields
}

fn inline<'a>(plan: &Plan<'a>) -> Vec<Relation<'a>> {
    let keys: Vec<(usize, Cow<'a, ForeignKey>)> = if plan.existing.prisma_relation_mode() {
        let emulated = emulated_foreign_keys(plan).into_iter();
        emulated.map(|(from, fk)| (from, Cow::Owned(fk))).collect()
    } else {
        database_foreign_keys(plan)
    };
    keys.into_iter()
        .filter_map(|(from, fk)| inline_relation(plan, from, fk))
        .collect()
}

/// Every foreign key of every model once (a key declared twice is one).
fn database_foreign_keys<'a>(plan: &Plan<'a>) -> Vec<(usize, Cow<'a, ForeignKey>)> {
    let mut keys = Vec::new();
    for (from, model) in plan.models.iter().enumerate() {
        let fks = &model.table.foreign_keys;
        for (i, fk) in fks.iter().enumerate() {
            if !fks[..i].iter().any(|other| same_key(other, fk)) {
                keys.push((from, Cow::Borrowed(fk)));
            }
        }
    }
    keys
}

fn same_key(a: &ForeignKey, b: &ForeignKey) -> bool {
    a.columns == b.columns && a.referenced() == b.referenced() && a.referenced_columns == b.referenced_columns
}

/// The relation of a foreign key the schema language can express: to a
/// model, on a unique criterion of it, from fields of the same types.
fn inline_relation<'a>(plan: &Plan<'a>, from: usize, fk: Cow<'a, ForeignKey>) -> Option<Relation<'a>> {
    let to = plan.model_of_table(&fk.referenced().to_string())?;
    let (table, target) = (plan.models[from].table, plan.models[to].table);
    if fk.columns.is_empty() || fk.columns.len() != fk.referenced_columns.len() {
        return None;
    }
    if field_types(plan, from, &fk.columns)? != field_types(plan, to, &fk.referenced_columns)?
        || !is_unique(target, &fk.referenced_columns)
    {
        return None;
    }
    let optional = fk.columns.iter().any(|c| plan.models[from].is_optional(c));
    // Prisma also calls it one-to-one when a unique index covers only some
    // of the columns; its validator then rejects the schema it wrote.
    let one_to_one = is_unique(table, &fk.columns);
    Some(Relation {
        kind: Kind::Inline {
            fk,
            one_to_one,
            optional,
        },
        from,
        to,
        name: None,
        fields: [None, None],
        notes: Default::default(),
        kept: false,
    })
}

/// The field types of `columns` of a model (the validator wants them equal
/// on both sides of a relation; `Unsupported` ones by their SQL too).
fn field_types<'a>(plan: &Plan<'a>, model: usize, columns: &[String]) -> Option<Vec<(FieldKind, Option<&'a str>)>> {
    let m = &plan.models[model];
    let typed = |c: &String| {
        let at = m.table.columns.iter().position(|x| x.name == *c)?;
        let kind = m.columns[at].kind;
        let sql = (kind == FieldKind::Unsupported).then_some(m.table.columns[at].ty.sql.as_str());
        Some((kind, sql))
    };
    columns.iter().map(typed).collect()
}

/// Whether `columns` are, in any order, the primary key or a unique index.
pub(super) fn is_unique(table: &Table, columns: &[String]) -> bool {
    let same = |cols: Vec<&str>| cols.len() == columns.len() && cols.iter().all(|c| columns.iter().any(|x| x == c));
    let by_key = table
        .primary_key
        .as_ref()
        .is_some_and(|pk| same(pk.columns.iter().map(|c| c.name.as_str()).collect()));
    by_key
        || table
            .indexes
            .iter()
            .filter(|i| i.kind == crate::schema::IndexKind::Unique)
            .any(|i| same(i.columns.iter().map(|c| c.name.as_str()).collect()))
}

fn join_relation<'a>(join: &JoinTable<'a>) -> Relation<'a> {
    Relation {
        kind: Kind::ManyToMany(join.table),
        from: join.a,
        to: join.b,
        name: None,
        fields: [None, None],
        notes: Default::default(),
        kept: false,
    }
}

/// A kept implicit many-to-many relation is named even where the schema
/// leaves the default name unwritten, as Prisma 6.19.3 writes it on a pull
/// over the schema; with `relationMode = "prisma"` its fields are copied as
/// written, as Prisma copies them.
fn kept_join_name(existing: &Existing<'_>, old: &OldManyToMany<'_, '_>) -> Option<String> {
    match existing.prisma_relation_mode() {
        true => old.name.clone(),
        false => Some(old.relation.clone()),
    }
}

/// Relations the existing schema has keep its relation name, field names
/// and what is written around the fields.
fn keep_existing_names(plan: &Plan<'_>, relations: &mut [Relation<'_>]) {
    let existing = plan.existing;
    let old_inline = inline_relations(existing);
    let old_joins = many_to_many(existing, plan.names);
    let olds = |m: usize| plan.models[m].old;
    for r in relations.iter_mut() {
        let (from, to) = (olds(r.from), olds(r.to));
        let kept = match &r.kind {
            Kind::Inline { fk, .. } => old_inline
                .iter()
                .find(|o| Some(o.model) == from && Some(o.target) == to && o.columns == fk.columns)
                .map(|o| (o.name.clone(), [Some(o.forward), o.back])),
            Kind::ManyToMany(table) => old_joins
                .iter()
                .find(|o| o.table == table.name && Some(o.a.0) == from && Some(o.b.0) == to)
                .map(|o| (kept_join_name(existing, o), [Some(o.a.1), Some(o.b.1)])),
        };
        if let Some((name, fields)) = kept {
            r.name = name;
            r.kept = true;
            r.fields = fields.map(|f| f.map(|f| f.ast.name.name.clone()));
            r.notes = fields.map(|f| f.map(OldField::notes).unwrap_or_default());
        }
    }
}

fn relation_field_pair(plan: &Plan<'_>, r: &Relation<'_>) -> [Field; 2] {
    let [from_name, to_name] = r.fields.clone().map(Option::unwrap_or_default);
    let (from_model, to_model) = (&plan.models[r.from].name, &plan.models[r.to].name);
    let name_only = || -> Vec<Attribute> {
        let arg = r.name.as_deref().map(|n| positional(string(n)));
        arg.map(|a| vec![attribute("relation", vec![a])]).unwrap_or_default()
    };
    let mut pair = match &r.kind {
        Kind::Inline {
            fk,
            one_to_one,
            optional,
        } => {
            let arity = if *optional { Arity::Optional } else { Arity::Required };
            let back = if *one_to_one { Arity::Optional } else { Arity::List };
            let forward_attr = attribute("relation", forward_args(plan, r, fk));
            [
                field(&from_name, named_type(to_model), arity, vec![forward_attr]),
                field(&to_name, named_type(from_model), back, name_only()),
            ]
        }
        Kind::ManyToMany(_) => [
            field(&from_name, named_type(to_model), Arity::List, name_only()),
            field(&to_name, named_type(from_model), Arity::List, name_only()),
        ],
    };
    if let Kind::Inline { .. } = r.kind {
        // A side ignored (no unique criterion, or `@@ignore` in the schema
        // pulled over) makes the other side's field ignored too, as Prisma's
        // validator requires.
        let ignored = |m: usize| !plan.models[m].has_unique_criterion() || plan.is_ignored(m);
        let unusable = ignored(r.from) || ignored(r.to);
        for (field, model) in pair.iter_mut().zip([r.from, r.to]) {
            if unusable && !plan.is_ignored(model) {
                field.attributes.push(bare_attribute("ignore"));
            }
        }
    }
    pair
}

/// The `onDelete` a relation over `columns` of `model` has when it names
/// none: `SetNull` when every column is optional, else `Restrict`.
pub(super) fn default_on_delete(plan: &Plan<'_>, model: usize, columns: &[String]) -> ReferentialAction {
    if columns.iter().all(|c| plan.models[model].is_optional(c)) {
        ReferentialAction::SetNull
    } else {
        ReferentialAction::Restrict
    }
}

/// `@relation("name", fields: [...], references: [...], onDelete: ...,
/// onUpdate: ..., map: "...")`, each part only where it says something;
/// never `map:` on SQLite, whose key names Prisma 6.19.3 neither writes on
/// `db pull` nor accepts ("Your provider does not support named foreign
/// keys").
fn forward_args(plan: &Plan<'_>, r: &Relation<'_>, fk: &ForeignKey) -> Vec<Arg> {
    let field_names = |model: usize, cols: &[String]| -> Vec<String> {
        cols.iter()
            .map(|c| plan.field_name(model, c).unwrap_or(c).to_string())
            .collect()
    };
    let mut args: Vec<Arg> = r.name.as_deref().map(|n| positional(string(n))).into_iter().collect();
    args.push(named("fields", ident_list(&field_names(r.from, &fk.columns))));
    args.push(named(
        "references",
        ident_list(&field_names(r.to, &fk.referenced_columns)),
    ));
    if fk.on_delete != default_on_delete(plan, r.from, &fk.columns) {
        args.push(named("onDelete", super::syntax::ident_expr(fk.on_delete.name())));
    }
    if fk.on_update != ReferentialAction::Cascade {
        args.push(named("onUpdate", super::syntax::ident_expr(fk.on_update.name())));
    }
    let table = plan.models[r.from].table;
    let columns: Vec<&str> = fk.columns.iter().map(String::as_str).collect();
    let not_default = !fk.name.is_empty() && fk.name != plan.names.foreign_key(&table.name, &columns);
    if not_default && plan.dialect.capabilities().named_foreign_keys {
        args.push(named("map", string(&fk.name)));
    }
    args
}
