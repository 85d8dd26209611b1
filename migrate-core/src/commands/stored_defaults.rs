//! Defaults compared in the database's own spelling. A schema file's
//! `dbgenerated("NOW() + interval '72 hour'")` and the `(now() +
//! '72:00:00'::interval)` PostgreSQL reads back are the same default; only
//! the database can tell, so it is asked (see [`Driver::stored_defaults`]).

use crate::diff::same_default;
use crate::driver::{Dialect, Driver, DriverError};
use crate::schema::{Column, Schema};

/// Gives each column of `file` whose default differs in text from the same
/// column of `live` (same table, name and type) the live default, when the
/// database stores the file's default as exactly that. Every other default
/// keeps the file's text, which is what a migration writes.
pub fn align_defaults(driver: &mut dyn Driver, live: &Schema, file: &mut Schema) -> Result<(), DriverError> {
    let mut places = Vec::new();
    let mut probes = Vec::new();
    for (t, table) in file.tables.iter().enumerate() {
        let Some(live_table) = live.table(&table.name) else {
            continue;
        };
        for (c, column) in table.columns.iter().enumerate() {
            let live_column = live_table.column(&column.name);
            if let Some(live_column) = live_column.filter(|l| differs_in_text(l, column, driver.dialect())) {
                places.push((t, c, live_column.default.clone()));
                probes.push(column.clone());
            }
        }
    }
    if probes.is_empty() {
        return Ok(());
    }
    let stored = driver.stored_defaults(&probes)?;
    for ((t, c, live_default), stored) in places.into_iter().zip(stored) {
        if stored.is_some() && same_default(stored.as_ref(), live_default.as_ref()) {
            file.tables[t].columns[c].default = live_default;
        }
    }
    Ok(())
}

/// Both columns have a default, of the same type, with other text.
fn differs_in_text(live: &Column, file: &Column, dialect: &dyn Dialect) -> bool {
    dialect.same_type(&live.ty, &file.ty)
        && live.default.is_some()
        && file.default.is_some()
        && !file.auto_increment
        && !same_default(live.default.as_ref(), file.default.as_ref())
}
