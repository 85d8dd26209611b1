//! The statements of each step of a plan; the script layout is
//! `migrate_core::script`.

use super::alter::alter_table;
use super::enums::{alter_enum, create_enum, drop_enum};
use super::foreign_key::{rename_constraint, FOREIGN_KEYS};
use super::index::{create_index, drop_index, rename_index};
use super::table::{create_table, drop_table};
use migrate_core::diff::Op;
use migrate_core::driver::RenderError;
use migrate_core::script::render_steps;

/// The script, or the first step PostgreSQL cannot run.
pub(crate) fn render_script(ops: &[Op]) -> Result<String, RenderError> {
    render_steps(ops, "PostgreSQL", op_statements)
}

/// The statements of one step, without their terminating `;`; the error
/// says why the database cannot run it.
fn op_statements(op: &Op) -> Result<Vec<String>, String> {
    match op {
        Op::CreateSchema(name) => Ok(vec![format!(
            "CREATE SCHEMA IF NOT EXISTS {}",
            crate::dialect::quote_ident(name)
        )]),
        Op::CreateExtension(e) => Ok(vec![create_extension(e)]),
        Op::CreateEnum(e) => Ok(vec![create_enum(e)]),
        Op::AlterEnum { from, to, usages } => Ok(alter_enum(from, to, usages)),
        Op::DropForeignKey { table, foreign_key } => Ok(vec![FOREIGN_KEYS.drop(table, foreign_key)?]),
        Op::DropIndex { table, index } => Ok(vec![drop_index(table, index)]),
        Op::AlterTable { table, changes } => alter_table(table, changes),
        Op::DropTable(table) => Ok(vec![drop_table(&table.qualified_name())]),
        Op::DropEnum(e) => Ok(vec![drop_enum(e)]),
        Op::CreateTable(table) => Ok(vec![create_table(table)?]),
        Op::RedefineTables(redefinitions) => Err(format!(
            "PostgreSQL alters tables in place; a redefinition of {} is never planned for it",
            table_names(redefinitions.iter().map(|r| r.to.name.as_str()))
        )),
        Op::CreateIndex { table, index } => Ok(vec![create_index(table, index)?]),
        Op::AddForeignKey { table, foreign_key } => Ok(vec![FOREIGN_KEYS.add(table, foreign_key)]),
        Op::RenameIndex { table, from, to } => Ok(vec![rename_index(table, from, to)]),
        Op::RenameForeignKey { table, from, to } => Ok(vec![rename_constraint(table, from, to)]),
        Op::RedefineIndex { from, to, .. } => Err(format!(
            "PostgreSQL renames indexes in place (`{}` to `{}`); a redefinition is never planned for it",
            from.name, to.name
        )),
    }
}

fn table_names<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names.map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

/// `CREATE EXTENSION IF NOT EXISTS "citext"`, with `SCHEMA` and `VERSION`
/// when the datasource names them.
fn create_extension(e: &migrate_core::schema::Extension) -> String {
    let mut sql = format!(
        "CREATE EXTENSION IF NOT EXISTS {}",
        crate::dialect::quote_ident(&e.name)
    );
    if let Some(schema) = &e.schema {
        sql.push_str(&format!(" WITH SCHEMA {}", crate::dialect::quote_ident(schema)));
    }
    if let Some(version) = &e.version {
        sql.push_str(&format!(" VERSION {}", crate::dialect::quote::quote_str(version)));
    }
    sql
}
