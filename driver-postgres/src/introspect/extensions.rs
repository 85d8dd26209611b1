//! The database's extensions (PL/pgSQL left out), each with the schema of
//! its objects and its version. The differ only ever creates extensions, so
//! ones the schema file does not list are no drift.

use super::catalog::ExtensionRow;
use migrate_core::schema::Extension;

pub(super) fn extensions(rows: Vec<ExtensionRow>) -> Vec<Extension> {
    rows.into_iter()
        .map(|row| Extension {
            name: row.name,
            schema: Some(row.schema),
            version: Some(row.version),
        })
        .collect()
}
