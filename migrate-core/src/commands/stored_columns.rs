//! Columns compared in the database's own spelling. A schema file's
//! `dbgenerated("NOW() + interval '72 hour'")` and the `(now() +
//! '72:00:00'::interval)` PostgreSQL reads back are the same default, and
//! `Unsupported("geometry(Point, 4326)")` is the `geometry(Point,4326)` it
//! reads back; only the database can tell, so it is asked (see
//! [`Driver::stored_columns`]).

use crate::diff::same_default;
use crate::driver::{Dialect, Driver, DriverError};
use crate::schema::{Column, Schema, TypeFamily};

/// Gives each column of `file` that differs only in spelling from the same
/// column of `live` (same table and name) the live spelling, where the
/// database stores the file's column exactly as the live one: an
/// `Unsupported` type, or a default of the same type. Everything else keeps
/// the file's text, which is what a migration writes.
pub async fn align_with_database(driver: &mut dyn Driver, live: &Schema, file: &mut Schema) -> Result<(), DriverError> {
    let mut places = Vec::new();
    let mut probes = Vec::new();
    let live_tables = live.tables_by_name();
    for (t, table) in file.tables.iter().enumerate() {
        let Some(live_table) = live_tables.get(&table.key()) else {
            continue;
        };
        for (c, column) in table.columns.iter().enumerate() {
            let Some(live_column) = live_table.column(&column.name) else {
                continue;
            };
            if spelled_otherwise(live_column, column, driver.dialect()) {
                places.push((t, c, live_column.clone()));
                probes.push(column.clone());
            }
        }
    }
    if probes.is_empty() {
        return Ok(());
    }
    let stored = driver.stored_columns(&probes).await?;
    let dialect = driver.dialect();
    for ((t, c, live_column), stored) in places.into_iter().zip(stored) {
        let Some(stored) = stored else { continue };
        let column = &mut file.tables[t].columns[c];
        if dialect.same_type(&stored.ty, &live_column.ty) {
            column.ty = live_column.ty.clone();
            if same_default(stored.default.as_ref(), live_column.default.as_ref()) {
                column.default = live_column.default.clone();
            }
        }
    }
    Ok(())
}

/// An `Unsupported` type written otherwise, or a default (on both sides,
/// of the same type) written otherwise.
fn spelled_otherwise(live: &Column, file: &Column, dialect: &dyn Dialect) -> bool {
    if file.auto_increment || live.auto_increment {
        return false;
    }
    let unsupported = |c: &Column| c.ty.family == TypeFamily::Unsupported;
    if !dialect.same_type(&live.ty, &file.ty) {
        return unsupported(live) || unsupported(file);
    }
    live.default.is_some() && file.default.is_some() && !same_default(live.default.as_ref(), file.default.as_ref())
}
