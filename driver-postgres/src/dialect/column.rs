//! One column definition, as written in `CREATE TABLE` and `ADD COLUMN`:
//! `"name" TYPE[ NOT NULL][ DEFAULT x]`, with `SERIAL`, `BIGSERIAL` or
//! `SMALLSERIAL` for an auto-increment integer (its sequence is its default),
//! and `GENERATED ALWAYS AS (x) STORED` for a generated column read from a
//! database (a `migrate diff --to-url` script rebuilds it as it is).

use super::default::render_default;
use super::native::PgType;
use super::quote::quote_ident;
use super::types::full_type;
use migrate_core::schema::{Column, DefaultValue};

/// Four spaces, as Prisma indents columns (also after `ADD COLUMN `).
pub(crate) const INDENT: &str = "    ";

pub(crate) fn column_definition(table: &str, column: &Column) -> Result<String, String> {
    let mut def = format!("{} {}", quote_ident(&column.name), column_ddl_type(table, column)?);
    if !column.nullable {
        def.push_str(" NOT NULL");
    }
    if let Some(DefaultValue::Generated(expression)) = &column.default {
        let expression = render_default(expression, &full_type(&column.ty)).unwrap_or_default();
        def.push_str(&format!(" GENERATED ALWAYS AS ({expression}) STORED"));
    } else if !column.auto_increment {
        if let Some(default) = column_default(column) {
            def.push_str(" DEFAULT ");
            def.push_str(&default);
        }
    }
    Ok(def)
}

/// The rendered default of a column, if it has one to write.
pub(crate) fn column_default(column: &Column) -> Option<String> {
    let default = column.default.as_ref()?;
    render_default(default, &full_type(&column.ty))
}

fn column_ddl_type(table: &str, column: &Column) -> Result<String, String> {
    if !column.auto_increment {
        return Ok(full_type(&column.ty));
    }
    serial_type(column).map(str::to_string).ok_or_else(|| {
        format!(
            "`{table}`.`{}` is auto-increment but of type {}; PostgreSQL sequences fill SMALLINT, INTEGER and BIGINT columns",
            column.name,
            full_type(&column.ty)
        )
    })
}

/// `SERIAL` and its kin for an auto-increment integer column.
pub(crate) fn serial_type(column: &Column) -> Option<&'static str> {
    if column.ty.list {
        return None;
    }
    PgType::parse(&column.ty.sql)?.serial()
}
