//! `CREATE TABLE` (columns, then a blank line and the named primary key;
//! foreign keys only if the plan left them inside) and `DROP TABLE`.
//! Indexes are separate `CreateIndex` steps.

use super::column::{column_definition, INDENT};
use super::foreign_key;
use super::quote::{ident_list, quote_ident, quote_table};
use migrate_core::schema::{PrimaryKey, Table, TableName};

pub(crate) fn create_table(table: &Table) -> Result<String, String> {
    let columns: Vec<String> = table
        .columns
        .iter()
        .map(|c| Ok(format!("{INDENT}{}", column_definition(&table.name, c)?)))
        .collect::<Result<_, String>>()?;
    let mut sql = format!(
        "CREATE TABLE {} (\n{}",
        quote_table(&table.qualified_name()),
        columns.join(",\n")
    );
    if let Some(pk) = &table.primary_key {
        // Prisma separates primary key columns with a bare comma here.
        sql.push_str(&format!(",\n\n{INDENT}{}", primary_key(pk, ",")));
    }
    for fk in &table.foreign_keys {
        sql.push_str(&format!(",\n{INDENT}{}", foreign_key::FOREIGN_KEYS.constraint(fk)));
    }
    sql.push_str("\n)");
    Ok(sql)
}

/// `CONSTRAINT "T_pkey" PRIMARY KEY ("a", "b")`; without a name PostgreSQL
/// picks `<table>_pkey`. Sort orders are not written (PostgreSQL's primary
/// keys have none).
pub(crate) fn primary_key(pk: &PrimaryKey, separator: &str) -> String {
    let columns = ident_list(pk.columns.iter().map(|c| c.name.as_str()), separator);
    match &pk.name {
        Some(name) => format!("CONSTRAINT {} PRIMARY KEY ({columns})", quote_ident(name)),
        None => format!("PRIMARY KEY ({columns})"),
    }
}

pub(crate) fn drop_table(table: &TableName) -> String {
    format!("DROP TABLE {}", quote_table(table))
}
