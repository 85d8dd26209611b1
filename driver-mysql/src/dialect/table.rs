//! `CREATE TABLE` as Prisma writes it on MySQL: the columns, a blank line,
//! the indexes and the primary key (MySQL names every primary key
//! `PRIMARY`), then utf8mb4 with Prisma's collation; and `DROP TABLE`.

use super::column::{column_definition, INDENT};
use super::foreign_key;
use super::index::{index_clause, key_parts};
use super::quote::quote_ident;
use migrate_core::schema::{PrimaryKey, Table};

const CHARSET: &str = "DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci";

pub(crate) fn create_table(table: &Table) -> Result<String, String> {
    let columns = table
        .columns
        .iter()
        .map(|c| column_definition(&table.name, c))
        .collect::<Result<Vec<_>, String>>()?;
    let mut clauses = table
        .indexes
        .iter()
        .map(index_clause)
        .collect::<Result<Vec<_>, String>>()?;
    clauses.extend(table.primary_key.as_ref().map(primary_key));
    clauses.extend(
        table
            .foreign_keys
            .iter()
            .map(|fk| foreign_key::FOREIGN_KEYS.constraint(fk)),
    );
    let mut body = indented(&columns);
    if !clauses.is_empty() {
        body.push_str(",\n\n");
        body.push_str(&indented(&clauses));
    }
    Ok(format!(
        "CREATE TABLE {} (\n{body}\n) {CHARSET}",
        quote_ident(&table.name)
    ))
}

fn indented(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| format!("{INDENT}{l}"))
        .collect::<Vec<_>>()
        .join(",\n")
}

/// `` PRIMARY KEY (`a`, `b`(32) DESC) ``.
pub(crate) fn primary_key(pk: &PrimaryKey) -> String {
    format!("PRIMARY KEY ({})", key_parts(&pk.columns))
}

pub(crate) fn drop_table(name: &str) -> String {
    format!("DROP TABLE {}", quote_ident(name))
}
