//! What a table holds beyond what [`Table`] describes: its triggers, the
//! indexes introspection leaves out (see `indexes.rs`), its generated
//! columns and its `CHECK` constraints, so that a table rebuild can keep or
//! name them.

use super::catalog::{ColumnRow, UnmodelledRow};
use super::sql_text::{tokenize, TableText, Token};
use migrate_core::schema::{DatabaseObject, Table, Unmodelled};

/// `rows`: one table's triggers and indexes, in creation order (the
/// indexes `table` holds already are not repeated); `generated`: its
/// generated columns; `text`: what its `CREATE TABLE` text declares (the
/// generated columns' definitions, the checks).
pub(super) fn unmodelled(
    table: &Table,
    rows: Vec<UnmodelledRow>,
    generated: Vec<ColumnRow>,
    text: &TableText,
) -> Vec<Unmodelled> {
    let objects = rows.into_iter().filter_map(|row| match row.kind.as_str() {
        "trigger" => Some(Unmodelled::Trigger(object(row.name, row.sql))),
        "index" if table.index(&row.name).is_none() => Some(Unmodelled::Index(object(row.name, row.sql))),
        _ => None,
    });
    let generated = generated.into_iter().map(|c| {
        let definition = text.columns.iter().find(|(name, _)| name.eq_ignore_ascii_case(&c.name));
        let sql = definition.map_or_else(String::new, |(_, sql)| sql.clone());
        Unmodelled::GeneratedColumn(object(c.name, sql))
    });
    let generated: Vec<Unmodelled> = generated.collect();
    // A generated column's own checks come back with its definition.
    let is_generated = |column: &str| {
        generated
            .iter()
            .any(|u| matches!(u, Unmodelled::GeneratedColumn(o) if o.name.eq_ignore_ascii_case(column)))
    };
    let checks: Vec<Unmodelled> = text
        .checks
        .iter()
        .filter(|c| !c.column.as_deref().is_some_and(is_generated))
        .map(|c| Unmodelled::Check {
            name: c.name.clone(),
            column: c.column.clone(),
            names: names(&c.sql),
            sql: c.sql.clone(),
        })
        .collect();
    objects.chain(generated).chain(checks).collect()
}

fn object(name: String, sql: String) -> DatabaseObject {
    DatabaseObject {
        name,
        names: names(&sql),
        sql,
    }
}

/// The identifiers `sql` names, lowercase, sorted, once each.
fn names(sql: &str) -> Vec<String> {
    let mut names: Vec<String> = tokenize(sql)
        .iter()
        .filter(|t| matches!(t, Token::Word(_) | Token::Quoted(_)))
        .filter_map(|t| t.name().map(str::to_lowercase))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}
