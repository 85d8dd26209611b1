//! A live SQLite database read back into the neutral [`Schema`], in a fixed
//! number of catalog queries whatever the number of tables: the pragma
//! table-valued functions joined over `sqlite_schema` (see
//! `src/queries/*.sql`), plus the `CREATE TABLE` text for what no pragma
//! reports (foreign key names).
//!
//! For a database made by rendering a lowered schema, the result diffs
//! empty against that schema. SQLite's own tables, virtual tables and
//! `_prisma_migrations` are not part of the result; SQLite has no enums.
//! Views are not tables: [`introspect_views`] reads them.

mod catalog;
pub(crate) mod column_types;
mod columns;
mod default_numbers;
mod defaults;
mod fingerprint;
mod foreign_keys;
mod indexes;
mod sql_text;
mod unmodelled;
mod views;

pub use fingerprint::fingerprint;
pub use migrate_core::introspection::IntrospectStats;
pub use views::introspect_views;

use catalog::{Catalog, CatalogRows, TableRow};
use migrate_core::introspection::TablePositions;
use migrate_core::schema::{Schema, Table};
use rusqlite::Connection;

/// The schema of `conn`'s main database.
pub fn introspect(conn: &Connection) -> Result<Schema, rusqlite::Error> {
    introspect_with_stats(conn).map(|(schema, _)| schema)
}

/// [`introspect`], and what it cost in statements and rows.
pub fn introspect_with_stats(conn: &Connection) -> Result<(Schema, IntrospectStats), rusqlite::Error> {
    let mut catalog = Catalog::new(conn);
    let rows = catalog.read()?;
    Ok((schema(rows), catalog.stats))
}

fn schema(rows: CatalogRows) -> Schema {
    let positions = TablePositions::new(rows.tables.iter().map(|t| t.name.as_str()));
    let columns = positions.split(rows.columns, |r| &r.table);
    let indexes = positions.split(rows.indexes, |r| &r.table);
    let foreign_keys = positions.split(rows.foreign_keys, |r| &r.table);
    let unmodelled = positions.split(rows.unmodelled, |r| &r.table);
    let parts = columns.into_iter().zip(indexes).zip(foreign_keys).zip(unmodelled);
    let mut tables: Vec<Table> = rows
        .tables
        .iter()
        .zip(parts)
        .map(|(row, (((columns, indexes), foreign_keys), unmodelled))| {
            table(row, columns, indexes, foreign_keys, unmodelled)
        })
        .collect();
    foreign_keys::resolve_references(&mut tables);
    let mut schema = Schema {
        tables,
        ..Schema::default()
    };
    migrate_core::introspection::order_by_name(&mut schema);
    schema
}

fn table(
    row: &TableRow,
    columns: Vec<catalog::ColumnRow>,
    indexes: Vec<catalog::IndexRow>,
    foreign_keys: Vec<catalog::ForeignKeyRow>,
    unmodelled: Vec<catalog::UnmodelledRow>,
) -> Table {
    let text = sql_text::parse_create_table(&row.sql);
    let (generated, columns): (Vec<_>, Vec<_>) = columns.into_iter().partition(|c| c.generated);
    let primary_key = columns::primary_key(&columns);
    let single_key = primary_key.as_ref().is_some_and(|pk| pk.columns.len() == 1);
    let columns: Vec<_> = columns
        .into_iter()
        .map(|c| columns::column(c, row.without_rowid, single_key))
        .collect();
    let indexes = indexes::indexes(indexes, &columns);
    let mut table = Table {
        namespace: None,
        name: row.name.clone(),
        columns,
        primary_key,
        indexes,
        foreign_keys: foreign_keys::foreign_keys(&row.name, foreign_keys, &text),
        unmodelled: Vec::new(),
    };
    table.unmodelled = unmodelled::unmodelled(&table, unmodelled, generated, &text);
    table
}
