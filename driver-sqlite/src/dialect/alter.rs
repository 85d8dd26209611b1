//! `ALTER TABLE`: SQLite adds and drops columns in place, nothing more.

use crate::dialect::check;
use crate::dialect::column::column_definition;
use crate::dialect::default::is_constant;
use migrate_core::diff::TableChange;
use migrate_core::schema::Column;
use migrate_core::sql_quote::quote_ident;

/// One statement per change. Column and primary key alterations are planned
/// as table redefinitions for SQLite and are refused here.
pub(crate) fn alter_table(table: &str, changes: &[TableChange]) -> Result<Vec<String>, String> {
    changes.iter().map(|change| alter_statement(table, change)).collect()
}

fn alter_statement(table: &str, change: &TableChange) -> Result<String, String> {
    let prefix = format!("ALTER TABLE {}", quote_ident(table));
    match change {
        TableChange::AddColumn(column) => {
            check::column(table, column)?;
            check_addable(table, column)?;
            Ok(format!("{prefix} ADD COLUMN {}", column_definition(column, false)))
        }
        TableChange::DropColumn(column) => Ok(format!("{prefix} DROP COLUMN {}", quote_ident(&column.name))),
        TableChange::AlterColumn { to, .. } | TableChange::RecreateColumn { to, .. } => Err(format!(
            "`{table}`.`{}` cannot be altered in place; the table must be redefined",
            to.name
        )),
        TableChange::AddPrimaryKey(_) | TableChange::DropPrimaryKey(_) | TableChange::RenamePrimaryKey { .. } => Err(
            format!("the primary key of `{table}` cannot change in place; the table must be redefined"),
        ),
    }
}

/// What SQLite refuses in `ADD COLUMN`: auto-increment, a non-constant
/// default, and a required column without a default.
fn check_addable(table: &str, column: &Column) -> Result<(), String> {
    let name = format!("`{table}`.`{}`", column.name);
    let problem = match &column.default {
        _ if column.auto_increment => "is auto-increment",
        Some(default) if !is_constant(default) => "has a non-constant default",
        None if !column.nullable => "is required and has no default",
        _ => return Ok(()),
    };
    Err(format!(
        "{name} {problem}, so it cannot be added in place; the table must be redefined"
    ))
}
