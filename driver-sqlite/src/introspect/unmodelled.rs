//! What a table holds beyond what [`Table`] describes: its triggers, the
//! indexes introspection leaves out (see `indexes.rs`), its generated
//! columns and its `CHECK` constraints, so that a table rebuild can keep or
//! name them.

use super::catalog::{ColumnRow, UnmodelledRow};
use super::sql_text::{tokenize, CheckText, Token};
use migrate_core::schema::{DatabaseObject, Table, Unmodelled};

/// `rows`: one table's triggers and indexes, in creation order (the
/// indexes `table` holds already are not repeated); `generated`: its
/// generated columns; `checks`: from its `CREATE TABLE` text.
pub(super) fn unmodelled(
    table: &Table,
    rows: Vec<UnmodelledRow>,
    generated: Vec<ColumnRow>,
    checks: &[CheckText],
) -> Vec<Unmodelled> {
    let objects = rows.into_iter().filter_map(|row| match row.kind.as_str() {
        "trigger" => Some(Unmodelled::Trigger(object(row.name, row.sql))),
        "index" if table.index(&row.name).is_none() => Some(Unmodelled::Index(object(row.name, row.sql))),
        _ => None,
    });
    let generated = generated.into_iter().map(|c| Unmodelled::GeneratedColumn(c.name));
    let checks = checks.iter().map(|c| Unmodelled::Check {
        name: c.name.clone(),
        column: c.column.clone(),
    });
    objects.chain(generated).chain(checks).collect()
}

fn object(name: String, sql: String) -> DatabaseObject {
    let mut names: Vec<String> = tokenize(&sql)
        .iter()
        .filter(|t| matches!(t, Token::Word(_) | Token::Quoted(_)))
        .filter_map(|t| t.name().map(str::to_lowercase))
        .collect();
    names.sort_unstable();
    names.dedup();
    DatabaseObject { name, sql, names }
}
