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
//! Not expressible in the neutral schema, and so not read: views (read
//! apart for `db pull`, [`introspect_views`]), sequences not owned by a
//! column, partial and expression indexes. What `db pull` notes and warns
//! of, as Prisma 6.19.3 does, is read as [`PullNotes`]: check and exclusion
//! constraints, deferrable keys, comments, row level security, partitioned
//! and inherited tables, expression indexes and index columns with a
//! non-default null sort order.

mod catalog;
mod column_types;
pub(crate) mod columns;
mod constants;
mod defaults;
mod enums;
mod extensions;
mod foreign_keys;
mod indexes;
mod notes;
mod tokens;

pub use migrate_core::introspection::IntrospectStats;

use catalog::CatalogRows;
use migrate_core::introspection::TablePositions;
use migrate_core::schema::{PullNotes, Schema, Table, TableNote, View};
use std::collections::BTreeMap;
use tokio_postgres::Client;

/// The database schemas introspection reads: the session's (the URL's
/// `?schema=`, `public` by default) and the datasource's `schemas`
/// (multiSchema). Objects of the session's schema come back with no
/// namespace, the others' with theirs (see
/// [`TableName`](migrate_core::schema::TableName)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Namespaces {
    /// The schema the session works in.
    pub session: String,
    /// The datasource's `schemas`; empty without multiSchema.
    pub listed: Vec<String>,
}

impl Namespaces {
    /// The session's schema alone.
    pub fn one(schema: &str) -> Self {
        Namespaces {
            session: schema.to_string(),
            listed: Vec::new(),
        }
    }

    /// The schemas to read: the listed ones, else the session's.
    pub(crate) fn read(&self) -> Vec<String> {
        match self.listed.is_empty() {
            true => vec![self.session.clone()],
            false => self.listed.clone(),
        }
    }

    /// A namespace as [`Table::namespace`] holds it: `None` for the session's.
    pub(crate) fn relative(&self, namespace: &str) -> Option<String> {
        (namespace != self.session).then(|| namespace.to_string())
    }
}

/// The schema named `schema` (the URL's `?schema=`, `public` by default).
pub async fn introspect(client: &mut Client, schema: &str) -> Result<Schema, tokio_postgres::Error> {
    introspect_in(client, &Namespaces::one(schema)).await
}

/// The tables and enums of every schema of `namespaces`.
pub async fn introspect_in(client: &mut Client, namespaces: &Namespaces) -> Result<Schema, tokio_postgres::Error> {
    introspect_with_stats(client, namespaces)
        .await
        .map(|(schema, _)| schema)
}

/// Whether the schemas of `namespaces` have a table [`introspect`] would
/// return, in one query.
pub async fn has_tables(client: &Client, namespaces: &Namespaces) -> Result<bool, tokio_postgres::Error> {
    catalog::has_tables(client, &namespaces.read()).await
}

/// The views of every schema of `namespaces` (`db pull` with the `views`
/// preview feature), as they were made; see [`Driver::introspect_views`](migrate_core::driver::Driver::introspect_views).
pub async fn introspect_views(client: &Client, namespaces: &Namespaces) -> Result<Vec<View>, tokio_postgres::Error> {
    let rows = catalog::read_views(client, namespaces).await?;
    Ok(rows
        .into_iter()
        .map(|view| {
            let name = catalog::TableKey::parse(&view.key);
            View {
                namespace: name.namespace,
                name: name.name,
                columns: view.columns.into_iter().map(columns::column).collect(),
                definition: view.definition,
                commented: view.commented,
                enums: Vec::new(),
            }
        })
        .collect())
}

/// [`introspect_in`], and what it cost in statements and rows.
pub async fn introspect_with_stats(
    client: &mut Client,
    namespaces: &Namespaces,
) -> Result<(Schema, IntrospectStats), tokio_postgres::Error> {
    let (rows, stats) = catalog::read(client, namespaces).await?;
    Ok((assemble(rows, namespaces), stats))
}

fn assemble(rows: CatalogRows, namespaces: &Namespaces) -> Schema {
    let positions = TablePositions::new(rows.tables.iter().map(String::as_str));
    let columns = positions.split(rows.columns, |r| &r.table);
    let indexes = positions.split(rows.indexes, |r| &r.table);
    let foreign_keys = positions.split(rows.foreign_keys, |r| &r.table);
    let parts = columns.into_iter().zip(indexes).zip(foreign_keys);
    let mut note_rows = notes::by_table(rows.notes);
    let mut notes = BTreeMap::new();
    let tables = rows
        .tables
        .iter()
        .zip(parts)
        .map(|(key, ((columns, indexes), foreign_keys))| {
            let (table, index_notes) = table(key, columns, indexes, foreign_keys);
            notes::add(&mut note_rows, &mut notes, &table, index_notes);
            table
        })
        .collect();
    let mut schema = Schema {
        tables,
        notes: PullNotes {
            tables: notes,
            commented_enums: enums::commented(&rows.enums, namespaces),
        },
        enums: enums::enums(rows.enums, namespaces),
        extensions: extensions::extensions(rows.extensions),
        manages_extensions: false,
        namespaces: match namespaces.listed.is_empty() {
            true => vec![namespaces.session.clone()],
            false => rows.namespaces,
        },
        session_namespace: Some(namespaces.session.clone()),
    };
    mark_shared_sequences(&mut schema);
    migrate_core::introspection::order_by_name(&mut schema);
    migrate_core::introspection::order_indexes_by_name(&mut schema);
    migrate_core::introspection::order_foreign_keys_by_name(&mut schema);
    schema
}

/// Sequences that several columns draw from (in one database schema).
fn mark_shared_sequences(schema: &mut Schema) {
    let mut users: BTreeMap<(Option<String>, String), usize> = BTreeMap::new();
    for table in &schema.tables {
        for s in table.columns.iter().filter_map(|c| c.sequence.as_ref()) {
            *users.entry((table.namespace.clone(), s.name.clone())).or_default() += 1;
        }
    }
    for table in &mut schema.tables {
        let namespace = table.namespace.clone();
        for s in table.columns.iter_mut().filter_map(|c| c.sequence.as_mut()) {
            s.shared = users[&(namespace.clone(), s.name.clone())] > 1;
        }
    }
}

fn table(
    key: &str,
    columns: Vec<catalog::ColumnRow>,
    indexes: Vec<catalog::IndexRow>,
    foreign_keys: Vec<catalog::ForeignKeyRow>,
) -> (Table, Vec<TableNote>) {
    let indexes = indexes::table_indexes(indexes);
    let name = catalog::TableKey::parse(key);
    let table = Table {
        namespace: name.namespace,
        name: name.name,
        columns: columns.into_iter().map(columns::column).collect(),
        primary_key: indexes.primary_key,
        indexes: indexes.indexes,
        foreign_keys: foreign_keys::foreign_keys(foreign_keys),
        unmodelled: Vec::new(),
    };
    (table, indexes.notes)
}
