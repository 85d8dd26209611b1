//! A live MySQL or MariaDB database read back into the neutral [`Schema`]
//! from `information_schema`, in a fixed number of queries whatever the
//! number of tables (see `src/queries/*.sql`): the server's version, the
//! tables, the columns, the index key columns, the foreign key columns,
//! and on MariaDB the JSON checks.
//!
//! For a database made by rendering a lowered schema, the result diffs
//! empty against that schema: types come back in lowering's canonical
//! spelling, MariaDB's JSON (a checked LONGTEXT) as JSON, defaults as the
//! literals, `now()` and expressions lowering produces, in either server's
//! spelling. Tables are in name order (bytes); `_prisma_migrations` is not
//! part of the result. Each `ENUM(...)` column's values are also an enum of
//! [`Schema::enums`], named `<table>_<column>` as Prisma names it, for
//! `db pull`. Views are not tables: [`introspect_views`] reads them. Not
//! read: triggers, check constraints other than MariaDB's JSON checks,
//! generated columns' expressions, comments.

mod catalog;
mod column_types;
mod columns;
mod defaults;
mod enums;
mod foreign_keys;
mod indexes;
mod quoted;
mod views;

pub use views::introspect_views;

use crate::connected::Session;
use catalog::{CatalogRows, CheckRow, ColumnRow, Flavour, ForeignKeyRow, IndexRow};
use migrate_core::introspection::TablePositions;
use migrate_core::schema::{Enum, Schema, Table};
use std::collections::HashSet;

/// The default a column with `SHOW COLUMNS`' `Default` and `Extra` reads
/// back as, on the server of `version` (`VERSION()`): introspection's own
/// reading, for a default the database has just stored. Only meant for
/// expression defaults (MariaDB prints literals unquoted there).
pub(crate) fn shown_default(
    printed: &[u8],
    extra: &str,
    version: &str,
    ty: &migrate_core::schema::ColumnType,
) -> Option<migrate_core::schema::DefaultValue> {
    defaults::default_value(printed, extra, Flavour::from_version(version), ty)
}

/// Whether the database named `database` has a table [`introspect`]
/// would return, in one query.
pub async fn has_tables(session: &mut Session, database: &str) -> Result<bool, mysql_async::Error> {
    catalog::has_tables(session, database).await
}

/// The database named `database` (the URL's).
pub async fn introspect(session: &mut Session, database: &str) -> Result<Schema, mysql_async::Error> {
    catalog::read(session, database).await.map(assemble)
}

fn assemble(mut rows: CatalogRows) -> Schema {
    rows.tables.sort();
    let positions = TablePositions::new(rows.tables.iter().map(String::as_str));
    let columns = positions.split(rows.columns, |r| &r.table);
    let indexes = positions.split(rows.indexes, |r| &r.table);
    let foreign_keys = positions.split(rows.foreign_keys, |r| &r.table);
    let json = json_columns(&rows.checks);
    let mut enums = Vec::new();
    let parts = columns.into_iter().zip(indexes).zip(foreign_keys);
    let tables = rows
        .tables
        .iter()
        .zip(parts)
        .map(|(name, ((columns, indexes), foreign_keys))| {
            let parts = TableRows {
                columns,
                indexes,
                foreign_keys,
            };
            table(name, parts, &json, rows.flavour, &mut enums)
        })
        .collect();
    let mut schema = Schema {
        tables,
        enums,
        ..Schema::default()
    };
    migrate_core::introspection::order_by_name(&mut schema);
    migrate_core::introspection::order_indexes_by_name(&mut schema);
    migrate_core::introspection::order_foreign_keys_by_name(&mut schema);
    schema
}

/// One table's rows.
struct TableRows {
    columns: Vec<ColumnRow>,
    indexes: Vec<IndexRow>,
    foreign_keys: Vec<ForeignKeyRow>,
}

fn table(
    name: &str,
    rows: TableRows,
    json: &HashSet<(&str, String)>,
    flavour: Flavour,
    enums: &mut Vec<Enum>,
) -> Table {
    enums.extend(rows.columns.iter().filter_map(enums::inline_enum));
    let columns: Vec<migrate_core::schema::Column> = rows
        .columns
        .into_iter()
        .map(|row| {
            let is_json = json.contains(&(name, json_check(&row.name)));
            columns::column(row, is_json, flavour)
        })
        .collect();
    let mut indexes = indexes::table_indexes(rows.indexes);
    indexes::drop_automatic_prefixes(&mut indexes.indexes, &columns);
    Table {
        namespace: None,
        name: name.to_string(),
        columns,
        primary_key: indexes.primary_key,
        indexes: indexes.indexes,
        foreign_keys: foreign_keys::foreign_keys(rows.foreign_keys),
        unmodelled: Vec::new(),
    }
}

/// The (table, check clause) pairs of MariaDB's checks.
fn json_columns(checks: &[CheckRow]) -> HashSet<(&str, String)> {
    checks.iter().map(|c| (c.table.as_str(), c.clause.clone())).collect()
}

/// The check MariaDB adds to a JSON column: `json_valid(`col`)`.
fn json_check(column: &str) -> String {
    format!("json_valid({})", crate::dialect::quote_ident(column))
}
