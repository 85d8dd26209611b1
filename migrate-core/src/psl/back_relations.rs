//! The relation fields `migrate format` adds, as `prisma format` 6.19.3
//! adds them (measured with its formatter): a relation written on one side
//! only gets its other side at the end of the other model's fields.
//!
//! - `author User @relation(fields: [authorId], references: [id])` on
//!   `Post` gives `User` the list `posts Post[]`, or `post Post?` when the
//!   key's fields are unique in `Post`.
//! - `posts Post[]` on `Category` gives `Post` the key: `category
//!   Category? @relation(fields: [categoryCode], references: [code])` and
//!   `categoryCode String?`, typed (and `@db.`-typed) as the referenced
//!   id, one field per id field.
//!
//! - `author User` written without its key (no `@relation`, or one
//!   without `fields:` or `references:`) gets `@relation(fields:
//!   [userId], references: [id])` and, unless `Post` has it, `userId Int`;
//!   then `User` gets its side as above.
//!
//! Better than Prisma: a named relation's new side carries the name
//! (Prisma leaves it out, so its own validation then fails). Left alone,
//! for validation to report: self-relations, a one-to-one written without
//! keys on both sides, a model without an id to reference, and a name the
//! other model already has (Prisma adds the field anyway and then refuses
//! its own output).

use super::ast::{Arg, Arity, Attribute, Block, BlockKind, Expr, Field, FieldTypeExpr, Member, SchemaFile, TopItem};
use super::to_psl::syntax::{attribute, field, ident_list, named, named_type, positional, string};
use cruet::Inflector;
use std::collections::{HashMap, HashSet};

/// Adds the missing sides of relations to the models of `files` (one
/// schema, in one or several files), after completing the keys of
/// relation fields written without them.
pub fn add_missing(files: &mut [SchemaFile]) {
    add_missing_keys(files);
    // In the order the relations stand in the files; a name added once is
    // taken for the next relation too.
    let additions: Vec<(String, Vec<Field>)> = {
        let models = Models::of(files);
        let mut added: HashSet<(String, String)> = HashSet::new();
        let mut additions = Vec::new();
        for model in models.order.iter().map(|name| models.by_name[name]) {
            for (target, fields) in model.fields().filter_map(|f| models.missing_side(model, f)) {
                let names: Vec<(String, String)> =
                    fields.iter().map(|f| (target.clone(), f.name.name.clone())).collect();
                if names.iter().all(|n| !added.contains(n)) {
                    added.extend(names);
                    additions.push((target, fields));
                }
            }
        }
        additions
    };
    for (target, fields) in additions {
        if let Some(block) = model_block_mut(files, &target) {
            insert_after_last_field(block, fields);
        }
    }
}

/// The key a relation field written without one gets.
struct MissingKey {
    model: String,
    field: String,
    /// `fields: [...]` and `references: [...]`, each when missing.
    args: Vec<Arg>,
    /// The key's fields the model does not have yet.
    scalars: Vec<Field>,
}

/// Completes relation fields written without their keys, as Prisma 6.19.3's
/// formatter does: `author User` (with no `@relation`, or one without
/// `fields` or `references`), whose model `User` has no field of that
/// relation or only a list, gets `@relation(fields: [userId], references:
/// [id])`, and its model gets `userId Int` (typed, and `@db.`-typed, as
/// the referenced id; optional as the relation field) unless it has a
/// field of that name. Left alone: lists, self-relations, a one-to-one
/// written without keys on both sides, and ambiguous relations.
fn add_missing_keys(files: &mut [SchemaFile]) {
    let missing: Vec<MissingKey> = {
        let models = Models::of(files);
        let mut missing = Vec::new();
        for model in models.order.iter().map(|name| models.by_name[name]) {
            missing.extend(model.fields().filter_map(|f| models.missing_key(model, f)));
        }
        missing
    };
    for key in missing {
        let Some(block) = model_block_mut(files, &key.model) else {
            continue;
        };
        let Some(field) = block.members.iter_mut().find_map(|m| match m {
            Member::Field(f) if f.name.name == key.field => Some(f),
            _ => None,
        }) else {
            continue;
        };
        match field.attributes.iter_mut().find(|a| a.name.name == "relation") {
            Some(relation) => {
                relation.args.extend(key.args);
                relation.parens = true;
            }
            None => field.attributes.insert(0, attribute("relation", key.args)),
        }
        insert_after_last_field(block, key.scalars);
    }
}

/// The models of a schema by name, with their place in it.
pub(crate) struct Models<'a> {
    by_name: HashMap<&'a str, &'a Block>,
    order: Vec<&'a str>,
}

impl<'a> Models<'a> {
    /// Whether [`add_missing`] adds the other side of `field` of the model
    /// `model`: what validation may advise `migrate format` for.
    pub(crate) fn adds_other_side(&self, model: &str, field: &Field) -> bool {
        let owner = self.by_name.get(model).copied();
        owner.is_some_and(|owner| self.missing_side(owner, field).is_some())
    }

    fn of(files: &'a [SchemaFile]) -> Self {
        Models::from_blocks(files.iter().flat_map(|f| &f.items).filter_map(|item| match item {
            TopItem::Block(b) => Some(b),
            _ => None,
        }))
    }

    /// The model blocks among `blocks`.
    pub(crate) fn from_blocks(blocks: impl IntoIterator<Item = &'a Block>) -> Self {
        let blocks: Vec<&Block> = blocks.into_iter().filter(|b| b.kind == BlockKind::Model).collect();
        Models {
            by_name: blocks.iter().map(|b| (b.name.name.as_str(), *b)).collect(),
            order: blocks.iter().map(|b| b.name.name.as_str()).collect(),
        }
    }

    /// The key `f` of `model` lacks, when it is the side that holds it.
    fn missing_key(&self, model: &Block, f: &Field) -> Option<MissingKey> {
        let FieldTypeExpr::Named(ty) = &f.ty else { return None };
        let target = self.by_name.get(ty.name.as_str()).copied()?;
        let relation = f.attribute("relation");
        let has = |arg: &str| relation.and_then(|r| r.arg(arg)).is_some();
        if f.arity == Arity::List || target.name.name == model.name.name || (has("fields") && has("references")) {
            return None;
        }
        let name = relation_name(f);
        if name.is_none() && model.fields().filter(|g| points_to(g, &target.name.name)).count() > 1 {
            return None;
        }
        let opposite = |g: &&Field| points_to(g, &model.name.name) && relation_name(g) == name;
        if target.fields().filter(opposite).any(|g| g.arity != Arity::List) {
            return None;
        }
        let ids = id_fields(target)?;
        let arity = match f.arity {
            Arity::Optional => Arity::Optional,
            _ => Arity::Required,
        };
        let keys = key_fields(target, &ids, arity);
        let mut args = Vec::new();
        if !has("fields") {
            args.push(named("fields", ident_list(&field_names(&keys))));
        }
        if !has("references") {
            args.push(named("references", ident_list(&field_names(&ids))));
        }
        let scalars = keys
            .into_iter()
            .filter(|key| !model.fields().any(|g| g.name.name == key.name.name))
            .collect();
        Some(MissingKey {
            model: model.name.name.clone(),
            field: f.name.name.clone(),
            args,
            scalars,
        })
    }

    /// The fields `target` lacks for `f` of `model`, when it lacks its side.
    fn missing_side(&self, model: &Block, f: &Field) -> Option<(String, Vec<Field>)> {
        let FieldTypeExpr::Named(ty) = &f.ty else { return None };
        let target = self.by_name.get(ty.name.as_str()).copied()?;
        if target.name.name == model.name.name {
            return None;
        }
        let name = relation_name(f);
        let same_relation = |g: &Field| points_to(g, &model.name.name) && relation_name(g) == name;
        if target.fields().any(same_relation) {
            return None;
        }
        // Two unnamed sides to one model are ambiguous: validation says so.
        if model.fields().filter(|g| points_to(g, &target.name.name)).count() > 1 && name.is_none() {
            return None;
        }
        let fields = match (f.arity, f.attribute("relation").and_then(|r| r.arg("fields"))) {
            (Arity::List, None) => key_side(model, name)?,
            (Arity::Required | Arity::Optional, Some(keys)) => vec![list_side(model, keys, name)],
            _ => return None,
        };
        let taken = |new: &Field| target.fields().any(|g| g.name.name == new.name.name);
        (!fields.iter().any(taken)).then(|| (target.name.name.clone(), fields))
    }
}

/// `posts Post[]` (or `post Post?` when the key is unique in `model`).
fn list_side(model: &Block, keys: &Expr, name: Option<&str>) -> Field {
    let keys = names(keys);
    let (field_name, arity) = match is_unique(model, &keys) {
        true => (field_name_for(&model.name.name), Arity::Optional),
        false => (field_name_for(&model.name.name).to_plural(), Arity::List),
    };
    let attributes = name
        .map(|n| attribute("relation", vec![positional(string(n))]))
        .into_iter()
        .collect();
    field(&field_name, named_type(&model.name.name), arity, attributes)
}

/// `category Category? @relation(fields: [categoryCode], references:
/// [code])` and `categoryCode String?`, for a list on `model`.
fn key_side(model: &Block, name: Option<&str>) -> Option<Vec<Field>> {
    let ids = id_fields(model)?;
    let scalars = key_fields(model, &ids, Arity::Optional);
    let mut args: Vec<_> = name.map(|n| positional(string(n))).into_iter().collect();
    args.push(named("fields", ident_list(&field_names(&scalars))));
    args.push(named("references", ident_list(&field_names(&ids))));
    let relation = field(
        &field_name_for(&model.name.name),
        named_type(&model.name.name),
        Arity::Optional,
        vec![attribute("relation", args)],
    );
    Some(std::iter::once(relation).chain(scalars).collect())
}

/// The fields of a key to `referenced` (whose id is `ids`), as Prisma
/// 6.19.3's formatter names them: `categoryCode` for the id `code` of
/// `Category`, typed (and `@db.`-typed) as the id field.
fn key_fields(referenced: &Block, ids: &[&Field], arity: Arity) -> Vec<Field> {
    let base = lower_first(&referenced.name.name);
    ids.iter()
        .map(|id| {
            let db_types = id.attributes.iter().filter(|a| a.name.name.starts_with("db.")).cloned();
            let name = format!("{base}{}", upper_first(&id.name.name));
            field(&name, id.ty.clone(), arity, db_types.collect())
        })
        .collect()
}

fn field_names<F: std::borrow::Borrow<Field>>(fields: &[F]) -> Vec<&str> {
    fields.iter().map(|f| f.borrow().name.name.as_str()).collect()
}

/// The id's fields: the `@id` field, or those `@@id([...])` names.
fn id_fields(model: &Block) -> Option<Vec<&Field>> {
    if let Some(id) = model.fields().find(|f| f.attribute("id").is_some()) {
        return Some(vec![id]);
    }
    let id = model.attributes().find(|a| a.name.name == "id")?;
    let names = names(id.arg("fields").or_else(|| id.positional(0))?);
    names
        .iter()
        .map(|n| model.fields().find(|f| f.name.name == *n))
        .collect()
}

/// Whether `keys` are unique in `model`: one `@id`/`@unique` field, or
/// exactly the fields of an `@@id`/`@@unique`.
fn is_unique(model: &Block, keys: &[String]) -> bool {
    let single = |f: &Field| f.attribute("id").is_some() || f.attribute("unique").is_some();
    let by_field = matches!(keys, [key] if model.fields().any(|f| f.name.name == *key && single(f)));
    let by_block = model
        .attributes()
        .filter(|a| a.name.name == "id" || a.name.name == "unique")
        .filter_map(|a: &Attribute| a.arg("fields").or_else(|| a.positional(0)))
        .any(|fields| names(fields) == keys);
    by_field || by_block
}

/// The relation's name: `@relation("name", ...)` or `@relation(name: "name")`.
fn relation_name(f: &Field) -> Option<&str> {
    let relation = f.attribute("relation")?;
    match relation.positional(0).or_else(|| relation.arg("name"))? {
        Expr::String(s, _) => Some(s.value.as_str()),
        _ => None,
    }
}

fn points_to(f: &Field, model: &str) -> bool {
    matches!(&f.ty, FieldTypeExpr::Named(t) if t.name == model)
}

/// The names of `[a, b(sort: Desc)]`.
fn names(list: &Expr) -> Vec<String> {
    let items = match list {
        Expr::Array(items, _) => items.as_slice(),
        single => std::slice::from_ref(single),
    };
    items
        .iter()
        .filter_map(|e| match e {
            Expr::Ident(i) => Some(i.name.clone()),
            Expr::Call(i, _, _) => Some(i.name.clone()),
            _ => None,
        })
        .collect()
}

/// The name of a relation field to `model`, as Prisma 6.19.3 writes it:
/// the model's name in camel case (`Quiz_item`: `quizItem`), by the
/// `cruet` crate its formatter uses, which also gives list fields their
/// plural (`Person`: `people`).
fn field_name_for(model: &str) -> String {
    model.to_camel_case()
}

/// `BlogPost` as the start of a field name: `blogPost` (Prisma's key
/// fields keep the rest as written: `Quiz_item` gives `quiz_itemId`).
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

fn model_block_mut<'f>(files: &'f mut [SchemaFile], name: &str) -> Option<&'f mut Block> {
    files
        .iter_mut()
        .flat_map(|f| f.items.iter_mut())
        .find_map(|item| match item {
            TopItem::Block(b) if b.kind == BlockKind::Model && b.name.name == name => Some(b),
            _ => None,
        })
}

fn insert_after_last_field(block: &mut Block, fields: Vec<Field>) {
    let at = block
        .members
        .iter()
        .rposition(|m| matches!(m, Member::Field(_)))
        .map_or(0, |i| i + 1);
    block.members.splice(at..at, fields.into_iter().map(Member::Field));
}

#[cfg(test)]
mod tests {
    use crate::psl::format::format_sources;

    fn formatted(files: &[&str]) -> Vec<String> {
        format_sources(files).unwrap_or_else(|(at, d)| panic!("file {at}: {:?}", d.items))
    }

    fn model<'t>(text: &'t str, name: &str) -> &'t str {
        let start = text.find(&format!("model {name} {{")).expect("model");
        let end = start + text[start..].find("}\n").expect("end") + 2;
        &text[start..end]
    }

    /// Prisma leaves the name out of the side it adds, and then rejects
    /// its own output; the new side is named as the relation is. A second
    /// relation that would take the same field name is left for validation
    /// to report.
    #[test]
    fn a_named_relation_gets_a_named_side_once_per_field_name() {
        let out = formatted(&["model User {\n  id Int @id\n}\n\nmodel Post {\n  id Int @id\n  a Int\n  b Int\n  author User @relation(\"Writes\", fields: [a], references: [id])\n  editor User @relation(\"Edits\", fields: [b], references: [id])\n}\n"]);
        assert_eq!(
            model(&out[0], "User"),
            "model User {\n  id    Int    @id\n  posts Post[] @relation(\"Writes\")\n}\n"
        );
    }

    #[test]
    fn names_a_model_has_and_self_relations_are_left_alone() {
        let text = "model User {\n  id    Int    @id\n  posts String\n}\n\nmodel Post {\n  id       Int   @id\n  authorId Int\n  author   User  @relation(fields: [authorId], references: [id])\n  parentId Int?\n  parent   Post? @relation(fields: [parentId], references: [id])\n}\n";
        assert_eq!(formatted(&[text])[0], text);
    }

    /// The other side may stand in another file of the schema; formatting
    /// again adds nothing.
    #[test]
    fn sides_are_added_across_files_once() {
        let user = "model User {\n  id Int @id\n}\n";
        let post = "model Post {\n  id     Int  @id\n  userId Int  @unique\n  user   User @relation(fields: [userId], references: [id])\n}\n";
        let once = formatted(&[user, post]);
        assert_eq!(once[0], "model User {\n  id   Int   @id\n  post Post?\n}\n");
        assert_eq!(once[1], post);
        let twice = formatted(&[&once[0], &once[1]]);
        assert_eq!(twice, once);
    }
}
