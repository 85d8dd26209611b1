//! The statements of each step of a plan; the script layout is
//! `migrate_core::script`.

use super::alter::alter_table;
use super::foreign_key::FOREIGN_KEYS;
use super::index::{create_index, drop_index, rename_index};
use super::table::{create_table, drop_table};
use migrate_core::diff::Op;
use migrate_core::driver::RenderError;
use migrate_core::script::render_steps;

/// The script, or the first step MySQL cannot run.
pub(crate) fn render_script(ops: &[Op]) -> Result<String, RenderError> {
    render_steps(ops, "MySQL", op_statements)
}

/// The statements of one step, without their terminating `;`; the error
/// says why the database cannot run it.
fn op_statements(op: &Op) -> Result<Vec<String>, String> {
    let one = |sql: Result<String, String>| sql.map(|s| vec![s]);
    match op {
        Op::DropForeignKey { table, foreign_key } => one(FOREIGN_KEYS.drop(table, foreign_key)),
        Op::DropIndex { table, index } => Ok(vec![drop_index(&table.name, &index.name)]),
        Op::AlterTable { table, changes } => alter_table(&table.name, changes),
        Op::DropTable(table) => Ok(vec![drop_table(&table.name)]),
        Op::CreateTable(table) => one(create_table(table)),
        Op::CreateIndex { table, index } => one(create_index(&table.name, index)),
        Op::AddForeignKey { table, foreign_key } => Ok(vec![FOREIGN_KEYS.add(table, foreign_key)]),
        Op::RenameIndex { table, from, to } => Ok(vec![rename_index(&table.name, from, to)]),
        Op::RenameForeignKey { from, to, .. } => Err(format!(
            "foreign key `{from}` cannot be renamed to `{to}` on MySQL; it is dropped and added again"
        )),
        Op::CreateExtension(e) => Err(format!("extension `{}`: MySQL has no extensions", e.name)),
        Op::CreateSchema(name) => Err(format!(
            "schema `{name}`: a MySQL schema is a database, which migrate does not create in a migration"
        )),
        Op::CreateEnum(e) | Op::DropEnum(e) | Op::AlterEnum { to: e, .. } => Err(format!(
            "enum `{}`: MySQL enums are inline column types, never planned as types",
            e.name
        )),
        Op::RedefineTables(redefinitions) => Err(format!(
            "MySQL alters tables in place; a redefinition of {} is never planned for it",
            table_names(redefinitions.iter().map(|r| r.to.name.as_str()))
        )),
        Op::RedefineIndex { from, to, .. } => Err(format!(
            "MySQL renames indexes in place (`{}` to `{}`); a redefinition is never planned for it",
            from.name, to.name
        )),
    }
}

fn table_names<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names.map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}
