//! The statements of each step of a plan; the script layout is
//! `migrate_core::script`.

use crate::dialect::alter::alter_table;
use crate::dialect::index::{create_index, drop_index};
use crate::dialect::redefine::redefine_tables;
use crate::dialect::table::{create_table, drop_table};
use migrate_core::diff::Op;
use migrate_core::driver::RenderError;
use migrate_core::script::render_steps;

/// The script, or the first step SQLite cannot run.
pub(crate) fn render_script(ops: &[Op]) -> Result<String, RenderError> {
    render_steps(ops, "SQLite", op_statements)
}

/// The statements of one step, without their terminating `;`; the error
/// says why the database cannot run it.
fn op_statements(op: &Op) -> Result<Vec<String>, String> {
    match op {
        Op::CreateEnum(_) | Op::AlterEnum { .. } | Op::DropEnum(_) => Ok(Vec::new()),
        Op::CreateSchema(name) => Err(format!("SQLite has no database schemas (`{name}`)")),
        Op::CreateExtension(e) => Err(format!("SQLite has no extensions (`{}`)", e.name)),
        Op::DropForeignKey { table, foreign_key } => Err(format!(
            "foreign key `{}` cannot be dropped from `{table}` in place; the table must be redefined",
            foreign_key.name
        )),
        Op::DropIndex { index, .. } => Ok(vec![drop_index(&index.name)]),
        Op::AlterTable { table, changes } => alter_table(&table.name, changes),
        Op::DropTable(table) => Ok(drop_table(&table.name)),
        Op::CreateTable(table) => Ok(vec![create_table(table, &table.name)?]),
        Op::RedefineTables(redefinitions) => redefine_tables(redefinitions),
        Op::CreateIndex { table, index } => create_index(&table.name, index),
        Op::AddForeignKey { table, foreign_key } => Err(format!(
            "foreign key `{}` cannot be added to `{table}` in place; the table must be redefined",
            foreign_key.name
        )),
        Op::RenameIndex { from, to, .. } => Err(format!(
            "index `{from}` cannot be renamed to `{to}`; it must be dropped and created (RedefineIndex)"
        )),
        Op::RenameForeignKey { from, to, .. } => Err(format!(
            "foreign key `{from}` cannot be renamed to `{to}`: SQLite keys are compared without their names"
        )),
        Op::RedefineIndex { table, from, to } => Ok(std::iter::once(drop_index(&from.name))
            .chain(create_index(&table.name, to)?)
            .collect()),
    }
}
