//! `AlterTable`: one `ALTER TABLE` statement per table, its clauses joined
//! by `,\n` in Prisma's order (drop the primary key, drop columns, add
//! columns, alter columns, add the primary key), with the statements some
//! clauses need before or after it (sequences for auto-increment).

use super::alter_column::alter_column;
use super::column::{column_definition, INDENT};
use super::quote::quote_ident;
use super::table::primary_key;
use migrate_core::diff::TableChange;
use migrate_core::schema::{Column, ConstraintNames, IdentifierLimit, PrimaryKey};

/// The parts of one `AlterTable` step.
#[derive(Debug, Default)]
pub(crate) struct AlterTableSql {
    pub(crate) before: Vec<String>,
    pub(crate) clauses: Vec<String>,
    pub(crate) after: Vec<String>,
}

pub(crate) fn alter_table(table: &str, changes: &[TableChange]) -> Result<Vec<String>, String> {
    let mut ordered: Vec<&TableChange> = changes.iter().collect();
    ordered.sort_by_key(|change| change.rank());
    let mut sql = AlterTableSql::default();
    for change in ordered {
        add_change(table, change, &mut sql)?;
    }
    Ok(statements(table, sql))
}

fn add_change(table: &str, change: &TableChange, sql: &mut AlterTableSql) -> Result<(), String> {
    match change {
        TableChange::DropPrimaryKey(pk) => sql.clauses.push(drop_primary_key(table, pk)),
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
pub(crate) fn add_column(table: &str, column: &Column) -> Result<String, String> {
    Ok(format!("ADD COLUMN {INDENT}{}", column_definition(table, column)?))
}

pub(crate) fn drop_column(name: &str) -> String {
    format!("DROP COLUMN {}", quote_ident(name))
}

fn drop_primary_key(table: &str, pk: &PrimaryKey) -> String {
    let names = ConstraintNames {
        limit: IdentifierLimit::POSTGRES,
    };
    let name = pk.name.clone().unwrap_or_else(|| names.primary_key(table));
    format!("DROP CONSTRAINT {}", quote_ident(&name))
}

fn statements(table: &str, sql: AlterTableSql) -> Vec<String> {
    let mut out = sql.before;
    if !sql.clauses.is_empty() {
        out.push(format!(
            "ALTER TABLE {} {}",
            quote_ident(table),
            sql.clauses.join(",\n")
        ));
    }
    out.extend(sql.after);
    out
}
