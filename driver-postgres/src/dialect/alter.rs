//! `AlterTable`: one `ALTER TABLE` statement per table, its clauses joined
//! by `,\n` in Prisma's order (drop the primary key, drop columns, add
//! columns, alter columns, add the primary key), with the statements some
//! clauses need before or after it (sequences for auto-increment).

use super::alter_column::alter_column;
use super::column::{column_definition, INDENT};
use super::foreign_key::rename_constraint;
use super::quote::{quote_ident, quote_table};
use super::table::primary_key;
use migrate_core::diff::TableChange;
use migrate_core::schema::{Column, ConstraintNames, IdentifierLimit, PrimaryKey, TableName};

/// The parts of one `AlterTable` step.
#[derive(Debug, Default)]
pub(crate) struct AlterTableSql {
    pub(crate) before: Vec<String>,
    pub(crate) clauses: Vec<String>,
    pub(crate) after: Vec<String>,
}

pub(crate) fn alter_table(table: &TableName, changes: &[TableChange]) -> Result<Vec<String>, String> {
    let mut ordered: Vec<&TableChange> = changes.iter().collect();
    ordered.sort_by_key(|change| change.rank());
    let mut sql = AlterTableSql::default();
    for change in ordered {
        add_change(table, change, &mut sql)?;
    }
    Ok(statements(table, sql))
}

fn add_change(table: &TableName, change: &TableChange, sql: &mut AlterTableSql) -> Result<(), String> {
    match change {
        TableChange::DropPrimaryKey(pk) => sql.clauses.push(drop_primary_key(table, pk)),
        // A statement of its own: `RENAME CONSTRAINT` takes no other
        // clause (Prisma 6.19.3 joins it to the others, and that fails).
        TableChange::RenamePrimaryKey { from, to } => sql.before.push(rename_constraint(table, from, to)),
        TableChange::DropColumn(column) => sql.clauses.push(drop_column(&column.name)),
        TableChange::AddColumn(column) => sql.clauses.push(add_column(table, column)?),
        TableChange::AlterColumn { from, to } => alter_column(table, from, to, sql)?,
        TableChange::RecreateColumn { from, to } => {
            sql.clauses.push(drop_column(&from.name));
            sql.clauses.push(add_column(table, to)?);
        }
        TableChange::AddPrimaryKey(pk) => sql.clauses.push(format!("ADD {}", primary_key(pk, ", "))),
    }
    Ok(())
}

/// `ADD COLUMN     "c" TYPE ...`: Prisma indents the column after the
/// keyword as it does inside `CREATE TABLE`.
pub(crate) fn add_column(table: &TableName, column: &Column) -> Result<String, String> {
    Ok(format!(
        "ADD COLUMN {INDENT}{}",
        column_definition(&table.name, column)?
    ))
}

pub(crate) fn drop_column(name: &str) -> String {
    format!("DROP COLUMN {}", quote_ident(name))
}

fn drop_primary_key(table: &TableName, pk: &PrimaryKey) -> String {
    let names = ConstraintNames {
        limit: IdentifierLimit::POSTGRES,
    };
    let name = pk.name.clone().unwrap_or_else(|| names.primary_key(&table.name));
    format!("DROP CONSTRAINT {}", quote_ident(&name))
}

fn statements(table: &TableName, sql: AlterTableSql) -> Vec<String> {
    let mut out = sql.before;
    if !sql.clauses.is_empty() {
        out.push(format!(
            "ALTER TABLE {} {}",
            quote_table(table),
            sql.clauses.join(",\n")
        ));
    }
    out.extend(sql.after);
    out
}
