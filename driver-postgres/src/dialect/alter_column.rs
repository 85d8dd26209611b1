//! The clauses that change one column in place: nullability, default (or
//! the sequence behind auto-increment), then the type. A type PostgreSQL
//! cannot cast to (see `cast`) is a `RecreateColumn` change instead.
//!
//! A change through text (to or from an enum) converts with `USING`; a
//! default cannot be converted that way, so it is dropped in a statement
//! before and set again in one after.

use super::alter::AlterTableSql;
use super::cast::{is_enum, using};
use super::column::{column_default, serial_type};
use super::quote::{quote_ident, quote_table};
use super::sequence;
use super::types::full_type;
use migrate_core::diff::same_default;
use migrate_core::schema::{Column, DefaultValue, Literal, TableName};

pub(crate) fn alter_column(
    table: &TableName,
    from: &Column,
    to: &Column,
    sql: &mut AlterTableSql,
) -> Result<(), String> {
    let prefix = format!("ALTER COLUMN {}", quote_ident(&to.name));
    // A list becoming an optional value was nullable already; Prisma 6.19.3
    // still writes `DROP NOT NULL` for it (a no-op), and so do we.
    let list_made_optional = from.ty.list && !to.ty.list && to.nullable;
    if from.nullable != to.nullable || list_made_optional {
        let change = if to.nullable { "DROP NOT NULL" } else { "SET NOT NULL" };
        sql.clauses.push(format!("{prefix} {change}"));
    }
    let retyped = from.ty.sql != to.ty.sql || from.ty.list != to.ty.list;
    let to_type = full_type(&to.ty);
    if retyped && (is_enum(&from.ty) || is_enum(&to.ty)) {
        let statement = format!("ALTER TABLE {} {prefix}", quote_table(table));
        if from.default.is_some() {
            sql.before.push(format!("{statement} DROP DEFAULT"));
        }
        let using = using(&quote_ident(&to.name), &from.ty, &to.ty, &to_type);
        let using = using.map(|u| format!(" USING {u}")).unwrap_or_default();
        sql.clauses.push(format!("{prefix} SET DATA TYPE {to_type}{using}"));
        if let Some(default) = column_default(to) {
            sql.after.push(format!("{statement} SET DEFAULT {default}"));
        }
        return Ok(());
    }
    default_clauses(table, from, to, &prefix, sql)?;
    if retyped {
        sql.clauses.push(format!("{prefix} SET DATA TYPE {to_type}"));
    }
    Ok(())
}

fn default_clauses(
    table: &TableName,
    from: &Column,
    to: &Column,
    prefix: &str,
    sql: &mut AlterTableSql,
) -> Result<(), String> {
    match (from.auto_increment, to.auto_increment) {
        (false, true) => add_sequence(table, to, prefix, sql)?,
        (true, false) => {
            sql.clauses.push(set_or_drop_default(to, prefix));
            if column_default(to).is_some() {
                // Prisma 6.19.3 also drops the sequence's default after
                // setting the new one; PostgreSQL runs an ALTER TABLE's
                // DROP DEFAULT before its SET DEFAULT whatever their order,
                // so the column keeps the new default, and the script is Prisma's.
                sql.clauses.push(format!("{prefix} DROP DEFAULT"));
            }
            let name = own_sequence(table, from);
            sql.after.extend(name.map(|name| sequence::drop(table, &name)));
        }
        (true, true) => {
            // A sequence keeps its own type (`AS integer` for `SERIAL`):
            // without this, a column made BIGINT would still stop at 2^31 - 1.
            // Prisma 6.19.3 writes `SET DATA TYPE BIGSERIAL` here, which fails.
            let integers = serial_type(from).is_some() && serial_type(to).is_some();
            if integers && from.ty.sql != to.ty.sql {
                let name = own_sequence(table, from);
                sql.after
                    .extend(name.map(|name| sequence::retype(table, &name, &full_type(&to.ty))));
            }
        }
        (false, false) => {
            if !same_default(from.default.as_ref(), to.default.as_ref()) || recast_default(from, to) {
                sql.clauses.push(set_or_drop_default(to, prefix));
            }
        }
    }
    Ok(())
}

/// A date-time constant default of a column whose type changes: PostgreSQL
/// keeps the stored default as it was cast for the old type (a `DATE`
/// column made `TIMESTAMPTZ` keeps `'2024-01-02'::date`), which is not what
/// the new type would store, so the default is set again. PostgreSQL runs
/// `SET DEFAULT` after `SET DATA TYPE` in one `ALTER TABLE`, whatever their
/// order. Prisma 6.19.3 leaves the old default, and its next diff against
/// the database sees a change the schema never made.
fn recast_default(from: &Column, to: &Column) -> bool {
    let date_time = matches!(to.default, Some(DefaultValue::Literal(Literal::DateTime(_))));
    date_time && from.ty.sql != to.ty.sql
}

/// The sequence an auto-increment column draws from, to drop or change
/// with it: the one the database names, unless another column draws from
/// it too; a schema file's column names none, and gets `SERIAL`'s.
fn own_sequence(table: &TableName, from: &Column) -> Option<String> {
    match &from.sequence {
        Some(s) if s.shared => None,
        Some(s) => Some(s.name.clone()),
        None => Some(sequence::serial_sequence_name(&table.name, &from.name)),
    }
}

fn set_or_drop_default(to: &Column, prefix: &str) -> String {
    match column_default(to) {
        Some(default) => format!("{prefix} SET DEFAULT {default}"),
        None => format!("{prefix} DROP DEFAULT"),
    }
}

/// What `SERIAL` would have made: a sequence, the column's default taken
/// from it, and the sequence owned by the column.
fn add_sequence(table: &TableName, to: &Column, prefix: &str, sql: &mut AlterTableSql) -> Result<(), String> {
    if serial_type(to).is_none() {
        return Err(format!(
            "`{table}`.`{}` becomes auto-increment but is of type {}; PostgreSQL sequences fill SMALLINT, INTEGER and BIGINT columns",
            to.name,
            full_type(&to.ty)
        ));
    }
    let name = sequence::serial_sequence_name(&table.name, &to.name);
    sql.before.push(sequence::create(table, &name));
    sql.clauses
        .push(format!("{prefix} SET DEFAULT {}", sequence::next_value(table, &name)));
    sql.after.push(sequence::owned_by(table, &name, &to.name));
    Ok(())
}
