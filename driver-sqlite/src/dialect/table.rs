//! `CREATE TABLE` (columns, primary key, foreign keys inline) and `DROP TABLE`.

use crate::dialect::check;
use crate::dialect::column::column_definition;
use migrate_core::schema::{ForeignKey, Table};
use migrate_core::script::foreign_key_clause;
use migrate_core::sql_quote::{ident_list, quote_ident};

const INDENT: &str = "    ";

/// `table` created under `name` (its own, or `new_<name>` in a redefinition).
pub(crate) fn create_table(table: &Table, name: &str) -> Result<String, String> {
    create_table_with(table, name, &[], &[])
}

/// [`create_table`] with `more_columns` after the table's own columns and
/// `more_constraints` after its keys, written as they are (a rebuilt
/// table's generated columns and `CHECK` constraints).
pub(crate) fn create_table_with(
    table: &Table,
    name: &str,
    more_columns: &[&str],
    more_constraints: &[&str],
) -> Result<String, String> {
    check::table(table)?;
    let columns: Vec<String> = table
        .columns
        .iter()
        .map(|c| format!("{INDENT}{}", column_definition(c, table.is_single_primary_key(&c.name))))
        .chain(more_columns.iter().map(|definition| format!("{INDENT}{definition}")))
        .collect();
    let mut sql = format!("CREATE TABLE {} (\n{}", quote_ident(name), columns.join(",\n"));
    if let Some(pk) = table_primary_key(table) {
        sql.push_str(&format!(",\n\n{INDENT}{pk}"));
    }
    for fk in &table.foreign_keys {
        sql.push_str(&format!(",\n{INDENT}{}", foreign_key(fk)));
    }
    for constraint in more_constraints {
        sql.push_str(&format!(",\n{INDENT}{constraint}"));
    }
    sql.push_str("\n)");
    Ok(sql)
}

/// The primary key as a table constraint, unless a column declares it inline.
/// Sort orders of primary key columns are not written (Prisma does not either).
fn table_primary_key(table: &Table) -> Option<String> {
    let pk = table.primary_key.as_ref()?;
    if table.columns.iter().any(|c| table.is_single_primary_key(&c.name)) {
        return None;
    }
    Some(format!(
        "PRIMARY KEY ({})",
        ident_list(pk.columns.iter().map(|c| c.name.as_str()), ", ")
    ))
}

/// `CONSTRAINT "n" FOREIGN KEY ("a") REFERENCES "T" ("id") ON DELETE .. ON UPDATE ..`.
fn foreign_key(fk: &ForeignKey) -> String {
    foreign_key_clause(fk, quote_ident, " ")
}

/// Foreign keys are switched off around the drop: tables that reference each
/// other can then go in any order (they are all being dropped or redefined).
pub(crate) fn drop_table(name: &str) -> Vec<String> {
    vec![
        "PRAGMA foreign_keys=off".to_string(),
        format!("DROP TABLE {}", quote_ident(name)),
        "PRAGMA foreign_keys=on".to_string(),
    ]
}
