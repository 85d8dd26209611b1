//! The foreign keys of one table, from its `foreign_key_list` rows, named
//! from the `CREATE TABLE` text (the pragma has no names).
//!
//! A key is matched to its declaration by columns, referenced table and
//! referenced columns (ASCII case-insensitively, as SQLite compares names);
//! keys that match the same declaration pair up in declaration order. A key
//! declared without `CONSTRAINT <name>` gets Prisma's default name, as a
//! relation without `map:` does. Keys come in SQLite's order (by id: the
//! last declared first), the order Prisma reads them in.

use super::catalog::ForeignKeyRow;
use super::sql_text::{ForeignKeyText, TableText};
use migrate_core::schema::{ConstraintNames, ForeignKey, IdentifierLimit, ReferentialAction, Table};
use std::collections::HashMap;

/// `rows`: one table's, ordered by key id then column position.
pub(super) fn foreign_keys(table: &str, rows: Vec<ForeignKeyRow>, text: &TableText) -> Vec<ForeignKey> {
    let mut used = vec![false; text.foreign_keys.len()];
    // SQLite numbers keys from the last declared one: pair them with their
    // declarations in declaration order, then give them back in id order.
    let mut keys: Vec<ForeignKey> = group(rows)
        .into_iter()
        .rev()
        .map(|(_, mut fk)| {
            let declared = declaration(&fk, &text.foreign_keys, &mut used);
            fk.name = match declared.and_then(|at| text.foreign_keys[at].name.clone()) {
                Some(name) => name,
                None => default_name(table, &fk),
            };
            fk
        })
        .collect();
    keys.reverse();
    keys
}

/// The name of a key declared without one: Prisma's default name, which
/// SQLite never sees (a schema's relation without `map:` names it so too).
fn default_name(table: &str, fk: &ForeignKey) -> String {
    let names = ConstraintNames {
        limit: IdentifierLimit::SQLITE,
    };
    let columns: Vec<&str> = fk.columns.iter().map(String::as_str).collect();
    names.foreign_key(table, &columns)
}

/// One unnamed key per id. `referenced_columns` is empty when the key
/// references the parent's primary key implicitly.
fn group(rows: Vec<ForeignKeyRow>) -> Vec<(i64, ForeignKey)> {
    let mut keys: Vec<(i64, ForeignKey)> = Vec::new();
    for row in rows {
        match keys.last_mut() {
            Some((id, fk)) if *id == row.id => {
                fk.columns.push(row.column);
                fk.referenced_columns.extend(row.referenced_column);
            }
            _ => keys.push((row.id, first_column(row))),
        }
    }
    keys
}

fn first_column(row: ForeignKeyRow) -> ForeignKey {
    ForeignKey {
        name: String::new(),
        columns: vec![row.column],
        referenced_table: row.referenced_table,
        referenced_namespace: None,
        referenced_columns: row.referenced_column.into_iter().collect(),
        on_delete: action(&row.on_delete),
        on_update: action(&row.on_update),
    }
}

fn action(sql: &str) -> ReferentialAction {
    ReferentialAction::ALL
        .into_iter()
        .find(|a| a.sql().eq_ignore_ascii_case(sql))
        .unwrap_or(ReferentialAction::NoAction)
}

/// The first declaration not yet used that declares `fk`.
fn declaration(fk: &ForeignKey, declared: &[ForeignKeyText], used: &mut [bool]) -> Option<usize> {
    let same =
        |a: &[String], b: &[String]| a.len() == b.len() && a.iter().zip(b).all(|(a, b)| a.eq_ignore_ascii_case(b));
    let at = declared.iter().enumerate().position(|(at, d)| {
        !used[at]
            && d.referenced_table.eq_ignore_ascii_case(&fk.referenced_table)
            && same(&d.columns, &fk.columns)
            && same(&d.referenced_columns, &fk.referenced_columns)
    })?;
    used[at] = true;
    Some(at)
}

/// Resolves each key's reference as Prisma 6.19.3 reads it, so that a
/// history's hand-written `REFERENCES` is drift to neither of us:
/// - the referenced table is found by its exact name: SQLite itself finds
///   `REFERENCES shelf` for a table `Shelf`, Prisma does not and reads no
///   key there (its pull has no relation, its diff keeps the key
///   untouched); the same for a table that no longer exists;
/// - a key whose first referenced column is not one of the table's by its
///   exact name references the primary key, as one declared without
///   columns does (`REFERENCES "Shelf"` or `REFERENCES "Shelf" ("ID")`); one
///   whose primary key has another number of columns is read as no key;
/// - other referenced columns are spelled as the table spells them.
pub(super) fn resolve_references(tables: &mut [Table]) {
    let targets: HashMap<String, (Vec<String>, Vec<String>)> = tables
        .iter()
        .map(|t| {
            let key = t.primary_key.iter().flat_map(|pk| &pk.columns);
            let columns = t.columns.iter().map(|c| c.name.clone()).collect();
            (t.name.clone(), (columns, key.map(|c| c.name.clone()).collect()))
        })
        .collect();
    for table in tables.iter_mut() {
        table.foreign_keys.retain_mut(|fk| {
            let Some((columns, key)) = targets.get(&fk.referenced_table) else {
                return false;
            };
            let named = fk.referenced_columns.first().is_some_and(|c| columns.contains(c));
            if !named {
                fk.referenced_columns.clone_from(key);
            }
            for referenced in &mut fk.referenced_columns {
                if let Some(spelled) = columns.iter().find(|c| c.eq_ignore_ascii_case(referenced)) {
                    referenced.clone_from(spelled);
                }
            }
            fk.referenced_columns.len() == fk.columns.len()
        });
    }
}
