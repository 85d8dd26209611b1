//! A live PostgreSQL schema read back into the neutral [`Schema`], in a
//! fixed number of catalog queries whatever the number of tables (see
//! `src/queries/*.sql`), all in one read-only REPEATABLE READ transaction so
//! that they see one snapshot.
//!
//! For a database made by rendering a lowered schema, the result diffs
//! empty against that schema: types come back in lowering's canonical
//! spelling, serial columns as auto-increment, defaults as literals where
//! they are constants. Tables are in name order; `_prisma_migrations` and
//! partitions are not part of the result; the database's extensions are.
//! Not expressible in the neutral schema, and so not read: views, sequences
//! not owned by a column, check and exclusion constraints, partial and
//! expression indexes (but that a table has one of the latter, noted for
//! `db pull`), comments.

mod array_literal;
mod catalog;
mod column_types;
pub(crate) mod columns;
mod constants;
mod defaults;
mod enums;
mod extensions;
mod foreign_keys;
mod indexes;
mod tokens;

pub use migrate_core::introspection::IntrospectStats;

use catalog::CatalogRows;
use migrate_core::introspection::TablePositions;
use migrate_core::schema::{Schema, Table, TableNote};
use std::collections::BTreeMap;
use tokio_postgres::Client;

/// The schema named `schema` (the URL's `?schema=`, `public` by default).
pub async fn introspect(client: &mut Client, schema: &str) -> Result<Schema, tokio_postgres::Error> {
    introspect_with_stats(client, schema).await.map(|(schema, _)| schema)
}

/// Whether the schema named `schema` has a table [`introspect`] would
/// return, in one query.
pub async fn has_tables(client: &Client, schema: &str) -> Result<bool, tokio_postgres::Error> {
    catalog::has_tables(client, schema).await
}

/// [`introspect`], and what it cost in statements and rows.
pub async fn introspect_with_stats(
    client: &mut Client,
    schema: &str,
) -> Result<(Schema, IntrospectStats), tokio_postgres::Error> {
    let (rows, stats) = catalog::read(client, schema).await?;
    Ok((assemble(rows), stats))
}

fn assemble(rows: CatalogRows) -> Schema {
    let positions = TablePositions::new(rows.tables.iter().map(String::as_str));
    let columns = positions.split(rows.columns, |r| &r.table);
    let indexes = positions.split(rows.indexes, |r| &r.table);
    let foreign_keys = positions.split(rows.foreign_keys, |r| &r.table);
    let parts = columns.into_iter().zip(indexes).zip(foreign_keys);
    let mut table_notes = BTreeMap::new();
    let tables = rows
        .tables
        .iter()
        .zip(parts)
        .map(|(name, ((columns, indexes), foreign_keys))| {
            let (table, notes) = table(name, columns, indexes, foreign_keys);
            if !notes.is_empty() {
                table_notes.insert(name.clone(), notes);
            }
            table
        })
        .collect();
    let mut schema = Schema {
        tables,
        enums: enums::enums(rows.enums),
        extensions: extensions::extensions(rows.extensions),
        table_notes,
    };
    migrate_core::introspection::order_by_name(&mut schema);
    migrate_core::introspection::order_indexes_by_name(&mut schema);
    migrate_core::introspection::order_foreign_keys_by_name(&mut schema);
    schema
}

fn table(
    name: &str,
    columns: Vec<catalog::ColumnRow>,
    indexes: Vec<catalog::IndexRow>,
    foreign_keys: Vec<catalog::ForeignKeyRow>,
) -> (Table, Vec<TableNote>) {
    let indexes = indexes::table_indexes(indexes);
    let table = Table {
        name: name.to_string(),
        columns: columns.into_iter().map(columns::column).collect(),
        primary_key: indexes.primary_key,
        indexes: indexes.indexes,
        foreign_keys: foreign_keys::foreign_keys(foreign_keys),
    };
    (table, indexes.notes)
}
