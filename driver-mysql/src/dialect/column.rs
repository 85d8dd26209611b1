//! One column definition, as written in `CREATE TABLE`, `ADD COLUMN` and
//! `MODIFY`: `` `name` TYPE NOT NULL|NULL `` (MySQL columns are nullable
//! unless told, and Prisma says `NULL` explicitly), then `AUTO_INCREMENT`
//! or the default.

use super::default::render_default;
use super::quote::quote_ident;
use migrate_core::schema::Column;

/// Four spaces, as Prisma indents columns and table clauses.
pub(crate) const INDENT: &str = "    ";

/// `` `c` TYPE NOT NULL AUTO_INCREMENT `` or `` `c` TYPE NULL DEFAULT x ``.
pub(crate) fn column_definition(table: &str, column: &Column) -> Result<String, String> {
    let mut def = typed_name(table, column)?;
    if column.auto_increment {
        def.push_str(" AUTO_INCREMENT");
    } else if let Some(default) = column_default(column)? {
        def.push_str(&format!(" DEFAULT {default}"));
    }
    Ok(def)
}

/// `` MODIFY `c` TYPE NOT NULL DEFAULT x `` (Prisma's order: the default
/// before `AUTO_INCREMENT`; a column never has both).
pub(crate) fn modify_column(table: &str, column: &Column) -> Result<String, String> {
    let mut def = format!("MODIFY {}", typed_name(table, column)?);
    if let Some(default) = column_default(column)?.filter(|_| !column.auto_increment) {
        def.push_str(&format!(" DEFAULT {default}"));
    }
    if column.auto_increment {
        def.push_str(" AUTO_INCREMENT");
    }
    Ok(def)
}

/// `` `c` TYPE NOT NULL ``.
fn typed_name(table: &str, column: &Column) -> Result<String, String> {
    if column.ty.list {
        return Err(format!(
            "`{table}`.`{}` is a list; MySQL has no list columns",
            column.name
        ));
    }
    let null = if column.nullable { "NULL" } else { "NOT NULL" };
    Ok(format!("{} {} {null}", quote_ident(&column.name), column.ty.sql))
}

/// The rendered default of a column, if it has one to write.
pub(crate) fn column_default(column: &Column) -> Result<Option<String>, String> {
    match &column.default {
        Some(default) => render_default(default, &column.ty),
        None => Ok(None),
    }
}
