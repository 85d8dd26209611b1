//! The clauses that change one column in place: nullability, default (or
//! the sequence behind auto-increment), then the type. A type PostgreSQL
//! cannot cast to (see `cast`) drops the column and adds it again instead,
//! as Prisma does.

use super::alter::{add_column, drop_column, AlterTableSql};
use super::cast::must_recreate;
use super::column::{column_default, serial_type};
use super::quote::quote_ident;
use super::sequence;
use super::types::full_type;
use migrate_core::diff::same_default;
use migrate_core::schema::Column;

pub(crate) fn alter_column(table: &str, from: &Column, to: &Column, sql: &mut AlterTableSql) -> Result<(), String> {
    if must_recreate(&from.ty, &to.ty) {
        sql.clauses.push(drop_column(&from.name));
        sql.clauses.push(add_column(table, to)?);
        return Ok(());
    }
    let prefix = format!("ALTER COLUMN {}", quote_ident(&to.name));
    if from.nullable != to.nullable {
        let change = if to.nullable { "DROP NOT NULL" } else { "SET NOT NULL" };
        sql.clauses.push(format!("{prefix} {change}"));
    }
    default_clauses(table, from, to, &prefix, sql)?;
    if from.ty.sql != to.ty.sql || from.ty.list != to.ty.list {
        sql.clauses
            .push(format!("{prefix} SET DATA TYPE {}", full_type(&to.ty)));
    }
    Ok(())
}

fn default_clauses(
    table: &str,
    from: &Column,
    to: &Column,
    prefix: &str,
    sql: &mut AlterTableSql,
) -> Result<(), String> {
    match (from.auto_increment, to.auto_increment) {
        (false, true) => add_sequence(table, to, prefix, sql)?,
        (true, false) => {
            sql.clauses.push(set_or_drop_default(to, prefix));
            let name = sequence::serial_sequence_name(table, &from.name);
            sql.after.push(sequence::drop(&name));
        }
        (true, true) => {}
        (false, false) => {
            if !same_default(from.default.as_ref(), to.default.as_ref()) {
                sql.clauses.push(set_or_drop_default(to, prefix));
            }
        }
    }
    Ok(())
}

fn set_or_drop_default(to: &Column, prefix: &str) -> String {
    match column_default(to) {
        Some(default) => format!("{prefix} SET DEFAULT {default}"),
        None => format!("{prefix} DROP DEFAULT"),
    }
}

/// What `SERIAL` would have made: a sequence, the column's default taken
/// from it, and the sequence owned by the column.
fn add_sequence(table: &str, to: &Column, prefix: &str, sql: &mut AlterTableSql) -> Result<(), String> {
    if serial_type(to).is_none() {
        return Err(format!(
            "`{table}`.`{}` becomes auto-increment but is of type {}; PostgreSQL sequences fill SMALLINT, INTEGER and BIGINT columns",
            to.name,
            full_type(&to.ty)
        ));
    }
    let name = sequence::serial_sequence_name(table, &to.name);
    sql.before.push(sequence::create(&name));
    sql.clauses
        .push(format!("{prefix} SET DEFAULT {}", sequence::next_value(&name)));
    sql.after.push(sequence::owned_by(&name, table, &to.name));
    Ok(())
}
