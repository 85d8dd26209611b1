//! The primary key, unique constraints and indexes of a table as `@id`,
//! `@unique`, `@@id`, `@@unique`, `@@index` and `@@fulltext`. Constraint
//! names are written (`map:`) only where they differ from Prisma's default
//! names; index names of the client (`name:`) come from the existing schema.

use super::existing::OldModel;
use super::existing_first;
use super::plan::Plan;
use super::syntax::{array, attribute, call, ident, ident_expr, named, number, positional, string};
use crate::psl::ast::{Arg, Attribute, Expr};
use crate::schema::{Index, IndexColumn, IndexKind, SortOrder, Table};

/// `@id`/`@unique` per column, and the block attributes.
pub(super) struct KeyAttributes {
    pub fields: Vec<Vec<Attribute>>,
    pub block: Vec<Attribute>,
}

pub(super) fn key_attributes(plan: &Plan<'_>, model: usize) -> KeyAttributes {
    let m = &plan.models[model];
    let table = m.table;
    let old = m.old.map(|i| &plan.existing.models[i]);
    let mut keys = KeyAttributes {
        fields: table.columns.iter().map(|_| Vec::new()).collect(),
        block: Vec::new(),
    };
    let refs = Refs { plan, model };
    if let Some(pk) = &table.primary_key {
        let default = plan.names.primary_key(&table.name);
        let map = pk.name.as_ref().filter(|n| **n != default);
        match (pk.columns.as_slice(), refs.column_index(&pk.columns)) {
            ([column], Some(at)) => keys.fields[at].push(field_key("id", column, map)),
            _ => keys
                .block
                .push(refs.block_key("id", &pk.columns, old_client_name(old, "id", None), map)),
        }
    }
    for index in ordered(plan, old, &table.indexes) {
        let default = default_name(plan, table, index);
        let map = Some(&index.name).filter(|n| **n != default);
        let single = refs.column_index(&index.columns).filter(|_| is_field_unique(index));
        match single {
            Some(at) if !keys.fields[at].iter().any(|a| a.name.name == "unique") => {
                keys.fields[at].push(field_key("unique", &index.columns[0], map));
            }
            _ => {
                let kind = block_kind(index.kind);
                let client_name = old_client_name(old, kind, Some((plan, index)));
                let mut attr = refs.block_key(kind, &index.columns, client_name, map);
                if let (Some(algorithm), IndexKind::Normal) = (index.algorithm, index.kind) {
                    attr.args.push(named("type", ident_expr(algorithm.name())));
                }
                keys.block.push(attr);
            }
        }
    }
    keys
}

/// The indexes in Prisma's order: those the existing model has where it
/// has them, then the others, unique ones first, each kind in the order the
/// database lists them (PostgreSQL and MySQL by name, SQLite newest first).
fn ordered<'i>(plan: &Plan<'_>, old: Option<&OldModel<'_>>, indexes: &'i [Index]) -> Vec<&'i Index> {
    let rank = |kind: IndexKind| match kind {
        IndexKind::Unique => 0,
        IndexKind::Normal => 1,
        IndexKind::Fulltext => 2,
    };
    let old_position = |index: &Index| {
        let old = old?;
        let attributes = old
            .block
            .attributes()
            .filter(|a| ["unique", "index", "fulltext"].contains(&a.name.name.as_str()));
        attributes
            .enumerate()
            .find(|(_, a)| old_index_name(plan, old, a).as_deref() == Some(&index.name))
            .map(|(at, _)| at)
    };
    let mut ordered: Vec<(Option<usize>, &Index)> = indexes.iter().map(|i| (old_position(i), i)).collect();
    ordered.sort_by(|(a, x), (b, y)| existing_first(*a, *b).then_with(|| rank(x.kind).cmp(&rank(y.kind))));
    ordered.into_iter().map(|(_, i)| i).collect()
}

fn block_kind(kind: IndexKind) -> &'static str {
    match kind {
        IndexKind::Unique => "unique",
        IndexKind::Normal => "index",
        IndexKind::Fulltext => "fulltext",
    }
}

/// A single-column unique index `@unique` can say.
fn is_field_unique(index: &Index) -> bool {
    index.kind == IndexKind::Unique && index.algorithm.is_none() && index.columns[0].ops.is_none()
}

fn default_name(plan: &Plan<'_>, table: &Table, index: &Index) -> String {
    let columns: Vec<&str> = index.columns.iter().map(|c| c.name.as_str()).collect();
    match index.kind {
        IndexKind::Unique => plan.names.unique(&table.name, &columns),
        IndexKind::Normal | IndexKind::Fulltext => plan.names.index(&table.name, &columns),
    }
}

/// `@id` / `@unique` with the column's sort order and length.
fn field_key(name: &str, column: &IndexColumn, map: Option<&String>) -> Attribute {
    let mut args: Vec<Arg> = map.map(|m| named("map", string(m))).into_iter().collect();
    if column.sort == Some(SortOrder::Desc) {
        args.push(named("sort", ident_expr("Desc")));
    }
    if let Some(length) = column.length {
        args.push(named("length", number(length.to_string())));
    }
    attribute(name, args)
}

/// Field names of one model's columns.
struct Refs<'p, 'a> {
    plan: &'p Plan<'a>,
    model: usize,
}

impl Refs<'_, '_> {
    /// The column of a single-column key.
    fn column_index(&self, columns: &[IndexColumn]) -> Option<usize> {
        match columns {
            [only] => self.plan.models[self.model]
                .table
                .columns
                .iter()
                .position(|c| c.name == only.name),
            _ => None,
        }
    }

    fn block_key(&self, kind: &str, columns: &[IndexColumn], name: Option<String>, map: Option<&String>) -> Attribute {
        let mut args = vec![positional(array(columns.iter().map(|c| self.column_ref(c)).collect()))];
        args.extend(name.map(|n| named("name", string(&n))));
        args.extend(map.map(|m| named("map", string(m))));
        attribute(kind, args)
    }

    /// `field`, or `field(sort: Desc, length: 10, ops: raw("..."))`.
    fn column_ref(&self, column: &IndexColumn) -> Expr {
        let field = self.plan.field_name(self.model, &column.name).unwrap_or(&column.name);
        let mut args = Vec::new();
        if column.sort == Some(SortOrder::Desc) {
            args.push(named("sort", ident_expr("Desc")));
        }
        if let Some(length) = column.length {
            args.push(named("length", number(length.to_string())));
        }
        if let Some(ops) = &column.ops {
            args.push(named("ops", operator_class(ops)));
        }
        if args.is_empty() {
            Expr::Ident(ident(field))
        } else {
            call(field, args)
        }
    }
}

/// `JsonbPathOps` for an operator class Prisma has a name for (drivers
/// give those in Prisma's PascalCase), else `raw("text_pattern_ops")`.
fn operator_class(ops: &str) -> Expr {
    let prisma_name =
        ops.starts_with(|c: char| c.is_ascii_uppercase()) && ops.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if prisma_name {
        ident_expr(ops)
    } else {
        call("raw", vec![positional(string(ops))])
    }
}

/// The `name:` the existing schema gives the primary key (`index` is
/// `None`) or the index of the same database name.
fn old_client_name(
    old: Option<&OldModel<'_>>,
    kind: &'static str,
    index: Option<(&Plan<'_>, &Index)>,
) -> Option<String> {
    let old = old?;
    old.block_attributes(kind)
        .find(|a| index.is_none_or(|(plan, index)| old_index_name(plan, old, a).as_deref() == Some(&index.name)))
        .and_then(|a| a.arg("name"))
        .and_then(Expr::as_str)
        .map(str::to_string)
}

/// The database name of an existing `@@unique` / `@@index`.
fn old_index_name(plan: &Plan<'_>, old: &OldModel<'_>, attr: &Attribute) -> Option<String> {
    if let Some(map) = attr.arg("map").and_then(Expr::as_str) {
        return Some(map.to_string());
    }
    let list = attr.arg("fields").or_else(|| attr.positional(0))?;
    let columns = old.columns_of(list)?;
    let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
    Some(match attr.name.name.as_str() {
        "unique" => plan.names.unique(&old.db_name, &columns),
        _ => plan.names.index(&old.db_name, &columns),
    })
}
