//! The catalog queries (`src/queries/*.sql`) and their rows. Every statement
//! is counted: the number is the same for one table or a thousand.
//!
//! The tables are read first, by name; the other queries take their oids
//! (`$1`, an `oid[]`) and return table oids and column numbers, which are
//! named here. A fresh backend plans and runs these in about half the time
//! of queries that join the tables in themselves (BENCHMARKS.md, "db pull").

use super::Namespaces;
use migrate_core::introspection::IntrospectStats;
use migrate_core::schema::TableName;
use std::collections::HashMap;
use tokio_postgres::types::{ToSql, Type};
use tokio_postgres::{Client, Row};

const TABLES: &str = migrate_core::catalog_query!("tables.sql");
const HAS_TABLES: &str = migrate_core::catalog_query!("has_tables.sql");
const COLUMNS: &str = include_str!("../queries/columns.sql");
const INDEXES: &str = include_str!("../queries/indexes.sql");
const FOREIGN_KEYS: &str = include_str!("../queries/foreign_keys.sql");
const REFERENCED_COLUMNS: &str = include_str!("../queries/referenced_columns.sql");
const ENUMS: &str = include_str!("../queries/enums.sql");
const EXTENSIONS: &str = include_str!("../queries/extensions.sql");
const VIEWS: &str = include_str!("../queries/views.sql");
const NOTES: &str = include_str!("../queries/notes.sql");
/// Which of the schemas named in $1 exist (multiSchema).
const NAMESPACES: &str = "SELECT nspname::text FROM pg_catalog.pg_namespace WHERE nspname = ANY($1) ORDER BY nspname";

/// A table in the rows: its name, or `schema` NUL `name` outside the
/// session's schema (a NUL is in no PostgreSQL identifier), so that rows
/// of same-named tables of two schemas stay apart.
pub(super) struct TableKey;

impl TableKey {
    pub(super) fn of(namespace: Option<&str>, name: &str) -> String {
        match namespace {
            Some(ns) => format!("{ns}\0{name}"),
            None => name.to_string(),
        }
    }

    pub(super) fn parse(key: &str) -> TableName {
        match key.split_once('\0') {
            Some((ns, name)) => TableName {
                namespace: Some(ns.to_string()),
                name: name.to_string(),
            },
            None => TableName::unqualified(key),
        }
    }
}

pub(super) struct ColumnRow {
    pub table: String,
    pub name: String,
    pub not_null: bool,
    /// The type facts below are the element's.
    pub is_array: bool,
    /// `pg_type.typname`: `int4`, `varchar`, `Role`.
    pub type_name: String,
    /// `pg_type.typtype`: `b` base, `e` enum, `d` domain...
    pub type_kind: String,
    /// `atttypmod`, -1 when none.
    pub typmod: i32,
    /// `format_type()` of the (element) type with its modifier.
    pub formatted: String,
    /// The type's schema, quoted where it needs quotes (`public`).
    pub type_schema: String,
    /// The type belongs to an introspected schema.
    pub type_in_schema: bool,
    /// The type's schema, `None` for the session's (see [`Namespaces::relative`]).
    pub type_namespace: Option<String>,
    /// The type's own name (`information_schema.columns.udt_name`): the
    /// domain's base type's, an array type's (`_point`).
    pub udt_name: String,
    /// `pg_get_expr()` of the default, or of a generated column's expression.
    pub default: Option<String>,
    /// `GENERATED ... AS IDENTITY`.
    pub identity: bool,
    /// `GENERATED ALWAYS AS (...) STORED`: `default` is the expression.
    pub generated: bool,
}

/// One key column of one index.
pub(super) struct IndexRow {
    pub table: String,
    pub index: String,
    pub primary: bool,
    pub unique: bool,
    /// `pg_am.amname`: `btree`, `gin`...
    pub method: String,
    pub partial: bool,
    /// `None` for an expression.
    pub column: Option<String>,
    pub descending: bool,
    /// `NULLS FIRST` (the default of a descending column only).
    pub nulls_first: bool,
    /// The operator class, when not the default for the column's type.
    pub ops: Option<String>,
    /// The index behind a UNIQUE constraint.
    pub constraint: bool,
}

/// One column of one foreign key.
pub(super) struct ForeignKeyRow {
    pub table: String,
    pub name: String,
    pub referenced_table: TableName,
    pub column: String,
    pub referenced_column: String,
    /// `confdeltype` / `confupdtype`: `a`, `r`, `c`, `n`, `d`.
    pub on_delete: String,
    pub on_update: String,
}

pub(super) struct ExtensionRow {
    pub name: String,
    pub schema: String,
    pub version: String,
}

pub(super) struct EnumRow {
    pub name: String,
    pub namespace: String,
    /// `None` for an enum without values.
    pub value: Option<String>,
    /// The type has a comment.
    pub commented: bool,
}

/// One fact about one table that `db pull` notes.
pub(super) struct NoteRow {
    pub table: String,
    /// `partition`, `subclasses`, `rls` (from `tables.sql`); `check`,
    /// `exclusion`, `deferring`, `comment` (from `notes.sql`).
    pub kind: String,
    /// The constraint's name.
    pub name: Option<String>,
    /// A comment's column, `None` for the table's own.
    pub column: Option<String>,
}

/// Whether the schemas named in `schemas` have a user table: one query.
pub(super) async fn has_tables(client: &Client, schemas: &[String]) -> Result<bool, tokio_postgres::Error> {
    client
        .query_typed_one(HAS_TABLES, &[(&schemas, Type::NAME_ARRAY)])
        .await?
        .try_get(0)
}

/// Every row introspection needs, read in one snapshot.
pub(super) struct CatalogRows {
    /// Each table's key (see [`TableKey`]).
    pub tables: Vec<String>,
    /// Which of the datasource's `schemas` exist; empty without them.
    pub namespaces: Vec<String>,
    pub columns: Vec<ColumnRow>,
    pub indexes: Vec<IndexRow>,
    pub foreign_keys: Vec<ForeignKeyRow>,
    pub enums: Vec<EnumRow>,
    pub extensions: Vec<ExtensionRow>,
    pub notes: Vec<NoteRow>,
}

/// Reads the catalog of the schemas of `namespaces` in one read-only
/// REPEATABLE READ transaction, so that every query sees the same state.
///
/// Two round trips: `BEGIN` goes with the tables query, `COMMIT` with the
/// queries that take their oids (tokio-postgres pipelines requests polled
/// together, and the server runs them in order). Only a foreign key to a
/// table outside the schema costs a third, after the transaction: the names
/// of that table and its columns.
pub(super) async fn read(
    client: &mut Client,
    namespaces: &Namespaces,
) -> Result<(CatalogRows, IntrospectStats), tokio_postgres::Error> {
    let mut stats = IntrospectStats::default();
    let read = read_rows(client, namespaces, &mut stats).await;
    if read.is_err() {
        // The transaction may be open still (an error before `COMMIT` was
        // sent); without one this is a warning, not an error.
        let _ = client.batch_execute("ROLLBACK").await;
    }
    let (mut rows, foreign_keys, mut names) = read?;
    let outside = names.referenced_outside(&foreign_keys);
    if !outside.is_empty() {
        let params = [(&outside as &(dyn ToSql + Sync), Type::OID_ARRAY)];
        let referenced = client.query_typed(REFERENCED_COLUMNS, &params).await?;
        stats.statements += 1;
        stats.rows += referenced.len();
        names.add_referenced(&referenced, namespaces)?;
    }
    rows.foreign_keys = foreign_keys
        .iter()
        .flat_map(|key| names.foreign_key_rows(key))
        .collect();
    Ok((rows, stats))
}

/// A view's row of `views.sql`, and the column rows of the view.
pub(super) struct ViewRows {
    /// The view's key (see [`TableKey`]).
    pub key: String,
    pub definition: String,
    /// The view or one of its columns has a comment.
    pub commented: bool,
    pub columns: Vec<ColumnRow>,
}

/// The views of the schemas of `namespaces` with their columns, in one
/// read-only snapshot: the views, then their columns by oid.
pub(super) async fn read_views(
    client: &Client,
    namespaces: &Namespaces,
) -> Result<Vec<ViewRows>, tokio_postgres::Error> {
    let read = read_view_rows(client, namespaces).await;
    if read.is_err() {
        let _ = client.batch_execute("ROLLBACK").await; // as in [`read`]
    }
    read
}

async fn read_view_rows(client: &Client, namespaces: &Namespaces) -> Result<Vec<ViewRows>, tokio_postgres::Error> {
    let schemas = namespaces.read();
    let by_schema = [(&schemas as &(dyn ToSql + Sync), Type::NAME_ARRAY)];
    let (_, view_rows) =
        futures_util::future::try_join(client.batch_execute(BEGIN), client.query_typed(VIEWS, &by_schema)).await?;
    let views = view_rows
        .iter()
        .map(|row| {
            Ok((
                table_row(row, namespaces)?,
                (row.try_get::<_, String>(3)?, row.try_get::<_, bool>(4)?),
            ))
        })
        .collect::<Result<Vec<_>, tokio_postgres::Error>>()?;
    let oids: Vec<u32> = views.iter().map(|((oid, _), _)| *oid).collect();
    let by_oids = [(&oids as &(dyn ToSql + Sync), Type::OID_ARRAY)];
    let (columns, _) =
        futures_util::future::try_join(client.query_typed(COLUMNS, &by_oids), client.batch_execute("COMMIT")).await?;
    let keys: Vec<(u32, String)> = views.iter().map(|(table, _)| table.clone()).collect();
    let mut names = Names::new(&keys);
    let columns = read_all(&columns, |row| column_row(row, namespaces, &schemas, &mut names))?;
    let positions = migrate_core::introspection::TablePositions::new(keys.iter().map(|(_, key)| key.as_str()));
    let per_view = positions.split(columns, |c| &c.table);
    Ok(views
        .into_iter()
        .zip(per_view)
        .map(|(((_, key), (definition, commented)), columns)| ViewRows {
            key,
            definition,
            commented,
            columns,
        })
        .collect())
}

const BEGIN: &str = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";

/// The tables, then the queries that take their oids, each group sent
/// together; foreign keys by column number. (Reading them on sessions of
/// their own, sharing an exported snapshot, was no faster on a 2-core
/// machine at 500 or 5,000 tables, and cost a backend and a TLS handshake
/// each.)
async fn read_rows(
    client: &Client,
    namespaces: &Namespaces,
    stats: &mut IntrospectStats,
) -> Result<(CatalogRows, Vec<RawForeignKey>, Names), tokio_postgres::Error> {
    let schemas = namespaces.read();
    let by_schema = [(&schemas as &(dyn ToSql + Sync), Type::NAME_ARRAY)];
    let (_, _, table_rows) = futures_util::future::try_join3(
        client.batch_execute(BEGIN),
        client.query_typed(NO_JIT, &[]),
        client.query_typed(TABLES, &by_schema),
    )
    .await?;
    let tables = table_rows
        .iter()
        .map(|row| table_row(row, namespaces))
        .collect::<Result<Vec<_>, _>>()?;
    let mut notes = table_rows
        .iter()
        .zip(&tables)
        .map(|(row, (_, key))| table_notes(row, key))
        .collect::<Result<Vec<Vec<_>>, _>>()?
        .into_iter()
        .flatten()
        .collect::<Vec<_>>();
    let oids: Vec<u32> = tables.iter().map(|(oid, _)| *oid).collect();
    let by_oids = [(&oids as &(dyn ToSql + Sync), Type::OID_ARRAY)];
    let (read, _) = futures_util::future::try_join(
        futures_util::future::try_join_all(
            [
                client.query_typed(COLUMNS, &by_oids),
                client.query_typed(INDEXES, &by_oids),
                client.query_typed(FOREIGN_KEYS, &by_oids),
                client.query_typed(ENUMS, &by_schema),
                client.query_typed(EXTENSIONS, &[]),
                client.query_typed(NOTES, &by_oids),
            ]
            .into_iter()
            // Which listed schemas exist: asked only with several (multiSchema).
            .chain((!namespaces.listed.is_empty()).then(|| client.query_typed(NAMESPACES, &by_schema))),
        ),
        client.batch_execute("COMMIT"),
    )
    .await?;
    stats.statements += 3 + read.len() + 1; // BEGIN, NO_JIT, TABLES; the six (seven); COMMIT
    stats.rows += table_rows.len() + read.iter().map(Vec::len).sum::<usize>();
    let mut read = read.into_iter();
    let mut next = || read.next().unwrap_or_default();
    let [columns, indexes, foreign_keys, enums, extensions, note_rows, existing] = std::array::from_fn(|_| next());
    let mut names = Names::new(&tables);
    let columns = read_all(&columns, |row| column_row(row, namespaces, &schemas, &mut names))?;
    let existing = read_all(&existing, |row| row.try_get::<_, String>(0))?;
    let rows = CatalogRows {
        tables: tables.into_iter().map(|(_, key)| key).collect(),
        namespaces: existing,
        columns,
        indexes: read_all(&indexes, |row| index_row(row, &names))?,
        foreign_keys: Vec::new(), // named by the caller
        enums: read_all(&enums, enum_row)?,
        extensions: read_all(&extensions, extension_row)?,
        notes: {
            notes.extend(read_all(&note_rows, |row| note_row(row, &names))?);
            notes
        },
    };
    Ok((rows, read_all(&foreign_keys, raw_foreign_key)?, names))
}

/// For this transaction: no JIT compilation. From about 2,000 tables on,
/// the planner's cost estimates pass `jit_above_cost` and compiling the
/// columns and indexes queries took longer than running them (5,000
/// tables: 181 against 109 ms, 86 against 38 ms). A server without the
/// setting (PostgreSQL before 11, which has no JIT) sets nothing: `SET`
/// would fail there.
const NO_JIT: &str = "SELECT pg_catalog.set_config(name, 'off', true) FROM pg_catalog.pg_settings WHERE name = 'jit'";

fn read_all<T>(
    rows: &[Row],
    mut read: impl FnMut(&Row) -> Result<T, tokio_postgres::Error>,
) -> Result<Vec<T>, tokio_postgres::Error> {
    rows.iter().map(&mut read).collect()
}

/// The names behind the oids and column numbers the queries return: the
/// schema's tables and their columns, and the tables outside it that its
/// foreign keys reference.
struct Names {
    tables: HashMap<u32, String>,
    columns: HashMap<(u32, i16), String>,
}

impl Names {
    fn new(tables: &[(u32, String)]) -> Names {
        Names {
            tables: tables.iter().cloned().collect(),
            columns: HashMap::new(),
        }
    }

    fn table(&self, oid: u32) -> String {
        self.tables.get(&oid).cloned().unwrap_or_default()
    }

    fn column(&self, table: u32, number: i16) -> Option<String> {
        self.columns.get(&(table, number)).cloned()
    }

    /// The tables `keys` reference that are not the schema's.
    fn referenced_outside(&self, keys: &[RawForeignKey]) -> Vec<u32> {
        let mut outside: Vec<u32> = keys
            .iter()
            .map(|key| key.referenced_table)
            .filter(|oid| !self.tables.contains_key(oid))
            .collect();
        outside.sort_unstable();
        outside.dedup();
        outside
    }

    /// Adds the rows of `referenced_columns.sql`.
    fn add_referenced(&mut self, rows: &[Row], namespaces: &Namespaces) -> Result<(), tokio_postgres::Error> {
        for row in rows {
            let oid: u32 = row.try_get(0)?;
            let namespace = namespaces.relative(row.try_get(4)?);
            let name: &str = row.try_get(1)?;
            self.tables.insert(oid, TableKey::of(namespace.as_deref(), name));
            self.columns.insert((oid, row.try_get(2)?), row.try_get(3)?);
        }
        Ok(())
    }

    /// One row per column pair of `key`, in key order.
    fn foreign_key_rows<'a>(&'a self, key: &'a RawForeignKey) -> impl Iterator<Item = ForeignKeyRow> + 'a {
        let pairs = key.columns.iter().zip(&key.referenced_columns);
        pairs.map(move |(&column, &referenced)| ForeignKeyRow {
            table: self.table(key.table),
            name: key.name.clone(),
            referenced_table: TableKey::parse(&self.table(key.referenced_table)),
            column: self.column(key.table, column).unwrap_or_default(),
            referenced_column: self.column(key.referenced_table, referenced).unwrap_or_default(),
            on_delete: key.on_delete.clone(),
            on_update: key.on_update.clone(),
        })
    }
}

/// A row of `foreign_keys.sql`: columns by number.
struct RawForeignKey {
    table: u32,
    name: String,
    referenced_table: u32,
    columns: Vec<i16>,
    referenced_columns: Vec<i16>,
    on_delete: String,
    on_update: String,
}

fn table_row(row: &Row, namespaces: &Namespaces) -> Result<(u32, String), tokio_postgres::Error> {
    let namespace = namespaces.relative(row.try_get(2)?);
    Ok((row.try_get(0)?, TableKey::of(namespace.as_deref(), row.try_get(1)?)))
}

/// A column row of a table of `schema`, its name kept in `names` for the
/// indexes and keys.
fn column_row(
    row: &Row,
    namespaces: &Namespaces,
    schemas: &[String],
    names: &mut Names,
) -> Result<ColumnRow, tokio_postgres::Error> {
    let (table, number): (u32, i16) = (row.try_get(0)?, row.try_get(1)?);
    let name: String = row.try_get(2)?;
    names.columns.insert((table, number), name.clone());
    let is_array: bool = row.try_get(4)?;
    let formatted: String = row.try_get(8)?;
    Ok(ColumnRow {
        table: names.table(table),
        name,
        not_null: row.try_get(3)?,
        is_array,
        type_name: row.try_get(5)?,
        type_kind: row.try_get(6)?,
        typmod: row.try_get(7)?,
        formatted: element_text(formatted, is_array),
        type_schema: row.try_get(9)?,
        type_in_schema: schemas
            .iter()
            .any(|s| s == row.try_get::<_, &str>(13).unwrap_or_default()),
        type_namespace: namespaces.relative(row.try_get(13)?),
        udt_name: row.try_get(12)?,
        default: row.try_get(10)?,
        identity: row.try_get(11)?,
        generated: row.try_get(14)?,
    })
}

/// `format_type()` of an array type is its element's text and `[]`
/// (PostgreSQL's `format_type.c`), whatever the dimensions: the element's.
fn element_text(formatted: String, is_array: bool) -> String {
    match formatted.strip_suffix("[]") {
        Some(element) if is_array => element.to_string(),
        _ => formatted,
    }
}

fn index_row(row: &Row, names: &Names) -> Result<IndexRow, tokio_postgres::Error> {
    let (table, number): (u32, i16) = (row.try_get(0)?, row.try_get(6)?);
    Ok(IndexRow {
        table: names.table(table),
        index: row.try_get(1)?,
        primary: row.try_get(2)?,
        unique: row.try_get(3)?,
        method: row.try_get(4)?,
        partial: row.try_get(5)?,
        column: (number != 0).then(|| names.column(table, number)).flatten(),
        descending: row.try_get(7)?,
        nulls_first: row.try_get(8)?,
        ops: row.try_get(9)?,
        constraint: row.try_get(10)?,
    })
}

/// The notes of a row of `tables.sql`: partitioned, row level security,
/// subclasses.
fn table_notes(row: &Row, key: &str) -> Result<Vec<NoteRow>, tokio_postgres::Error> {
    let flags = [(3, "partition"), (4, "rls"), (5, "subclasses")];
    let mut notes = Vec::new();
    for (at, kind) in flags {
        if row.try_get::<_, bool>(at)? {
            notes.push(NoteRow {
                table: key.to_string(),
                kind: kind.to_string(),
                name: None,
                column: None,
            });
        }
    }
    Ok(notes)
}

fn note_row(row: &Row, names: &Names) -> Result<NoteRow, tokio_postgres::Error> {
    let table: u32 = row.try_get(0)?;
    let column: Option<i32> = row.try_get(3)?;
    Ok(NoteRow {
        table: names.table(table),
        kind: row.try_get(1)?,
        name: row.try_get(2)?,
        column: column
            .filter(|n| *n > 0)
            .and_then(|n| names.column(table, i16::try_from(n).ok()?)),
    })
}

fn raw_foreign_key(row: &Row) -> Result<RawForeignKey, tokio_postgres::Error> {
    Ok(RawForeignKey {
        table: row.try_get(0)?,
        name: row.try_get(1)?,
        referenced_table: row.try_get(2)?,
        columns: row.try_get(3)?,
        referenced_columns: row.try_get(4)?,
        on_delete: row.try_get(5)?,
        on_update: row.try_get(6)?,
    })
}

fn extension_row(row: &Row) -> Result<ExtensionRow, tokio_postgres::Error> {
    Ok(ExtensionRow {
        name: row.try_get(0)?,
        schema: row.try_get(1)?,
        version: row.try_get(2)?,
    })
}

fn enum_row(row: &Row) -> Result<EnumRow, tokio_postgres::Error> {
    Ok(EnumRow {
        name: row.try_get(0)?,
        value: row.try_get(1)?,
        namespace: row.try_get(2)?,
        commented: row.try_get(3)?,
    })
}

#[cfg(test)]
mod tests {
    use super::element_text;

    #[test]
    fn an_array_type_is_written_as_its_element() {
        assert_eq!(
            element_text("character varying(10)[]".into(), true),
            "character varying(10)"
        );
        assert_eq!(element_text("public.\"my[]\"".into(), false), "public.\"my[]\"");
    }
}
