//! The catalog queries (`src/queries/*.sql`) and their rows. Every statement
//! goes through [`Catalog::run`], which counts it: the number is the same
//! for one table or a thousand.

use migrate_core::introspection::IntrospectStats;
use tokio_postgres::types::{ToSql, Type};
use tokio_postgres::{Client, IsolationLevel, Row, Transaction};

const TABLES: &str = migrate_core::catalog_query!("tables.sql");
const COLUMNS: &str = migrate_core::catalog_query!("columns.sql");
const INDEXES: &str = migrate_core::catalog_query!("indexes.sql");
const FOREIGN_KEYS: &str = migrate_core::catalog_query!("foreign_keys.sql");
const HAS_TABLES: &str = migrate_core::catalog_query!("has_tables.sql");
const ENUMS: &str = include_str!("../queries/enums.sql");
const EXTENSIONS: &str = include_str!("../queries/extensions.sql");

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
    /// `pg_get_expr()` of the default.
    pub default: Option<String>,
    /// `GENERATED ... AS IDENTITY`.
    pub identity: bool,
    /// `GENERATED ALWAYS AS (...) STORED`: `default` is the expression.
    pub generated: bool,
    /// A sequence is owned by the column (SERIAL).
    pub owns_sequence: bool,
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
    /// The operator class, when not the default for the column's type.
    pub ops: Option<String>,
    /// The index behind a UNIQUE constraint.
    pub constraint: bool,
}

/// One column of one foreign key.
pub(super) struct ForeignKeyRow {
    pub table: String,
    pub name: String,
    pub referenced_table: String,
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
    /// `None` for an enum without values.
    pub value: Option<String>,
}

/// Whether the schema named `schema` has a user table: one query.
pub(super) async fn has_tables(client: &Client, schema: &str) -> Result<bool, tokio_postgres::Error> {
    client
        .query_typed_one(HAS_TABLES, &[(&schema, Type::NAME)])
        .await?
        .try_get(0)
}

/// Every row introspection needs, read in one snapshot.
pub(super) struct CatalogRows {
    pub tables: Vec<String>,
    pub columns: Vec<ColumnRow>,
    pub indexes: Vec<IndexRow>,
    pub foreign_keys: Vec<ForeignKeyRow>,
    pub enums: Vec<EnumRow>,
    pub extensions: Vec<ExtensionRow>,
}

/// Reads the catalog of the schema named `schema` in one read-only
/// REPEATABLE READ transaction, so that every query sees the same state.
pub(super) async fn read(
    client: &mut Client,
    schema: &str,
) -> Result<(CatalogRows, IntrospectStats), tokio_postgres::Error> {
    let mut stats = IntrospectStats::default();
    let transaction = snapshot_transaction(client).await?;
    stats.statements += 1;
    let rows = read_rows(&mut Catalog {
        transaction: &transaction,
        schema,
        stats: &mut stats,
    })
    .await?;
    transaction.commit().await?;
    stats.statements += 1;
    Ok((rows, stats))
}

/// A read-only REPEATABLE READ transaction: one snapshot for every query.
async fn snapshot_transaction(client: &mut Client) -> Result<Transaction<'_>, tokio_postgres::Error> {
    client
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .await
}

async fn read_rows(catalog: &mut Catalog<'_, '_>) -> Result<CatalogRows, tokio_postgres::Error> {
    let schema = catalog.schema;
    Ok(CatalogRows {
        tables: catalog.run(TABLES, &[schema], |row| row.try_get(0)).await?,
        columns: catalog.run(COLUMNS, &[schema], column_row).await?,
        indexes: catalog.run(INDEXES, &[schema], index_row).await?,
        foreign_keys: catalog.run(FOREIGN_KEYS, &[schema], foreign_key_row).await?,
        enums: catalog.run(ENUMS, &[schema], enum_row).await?,
        extensions: catalog.run(EXTENSIONS, &[], extension_row).await?,
    })
}

/// From this many tables on, [`read_with_sessions`] reads columns, indexes
/// and foreign keys at once. Measured on a 2-core machine (whole `db pull`):
/// even at 500 tables (66.8 against 65.0 ms), 549 against 425 ms at 5,000,
/// where the three queries take 142, 130 and 104 ms on the server; below,
/// opening the sessions costs what the overlap saves.
const AT_ONCE_FROM_TABLES: i64 = 500;

/// The snapshot to share, and how many tables (partitions included) the
/// schema `$1` has.
const EXPORT: &str = "SELECT pg_catalog.pg_export_snapshot(), \
     (SELECT count(*) FROM pg_catalog.pg_class AS c JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace \
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p'))";

/// [`read`] of the URL's schema. For a schema of many tables, the columns,
/// indexes and foreign keys are read at once, each on a session of its own
/// opened for `url`, in a transaction that joins this one's snapshot
/// (`pg_export_snapshot()` and `SET TRANSACTION SNAPSHOT`: the PostgreSQL
/// manual, "Snapshot Synchronization Functions"), so every query sees one
/// state. A query whose session cannot be had runs here instead.
pub(super) async fn read_with_sessions(
    client: &mut Client,
    url: &crate::PgUrl,
) -> Result<(CatalogRows, IntrospectStats), tokio_postgres::Error> {
    let schema = url.schema.as_str();
    let mut stats = IntrospectStats::default();
    let transaction = snapshot_transaction(client).await?;
    // Exported first: a snapshot cannot be exported from a savepoint, and
    // a failed export ends the transaction (then read as `read` does). The
    // schema's tables are counted with it, so that the other sessions
    // connect while this one reads the tables, enums and extensions.
    let (snapshot, count) = match transaction.query_typed_one(EXPORT, &[(&schema, Type::NAME)]).await {
        Ok(row) => (row.try_get::<_, String>(0)?, row.try_get::<_, i64>(1)?),
        Err(_) => {
            transaction.rollback().await?;
            return read(client, schema).await;
        }
    };
    stats.statements += 2;
    let [columns, indexes, foreign_keys] = match count >= AT_ONCE_FROM_TABLES {
        true => [COLUMNS, INDEXES, FOREIGN_KEYS].map(|sql| Some(on_session_of_its_own(url, &snapshot, sql))),
        false => [None, None, None],
    };
    let mut catalog = Catalog {
        transaction: &transaction,
        schema,
        stats: &mut stats,
    };
    let rows = CatalogRows {
        tables: catalog.run(TABLES, &[schema], |row| row.try_get(0)).await?,
        enums: catalog.run(ENUMS, &[schema], enum_row).await?,
        extensions: catalog.run(EXTENSIONS, &[], extension_row).await?,
        columns: catalog.rows_of(columns, COLUMNS, column_row).await?,
        indexes: catalog.rows_of(indexes, INDEXES, index_row).await?,
        foreign_keys: catalog.rows_of(foreign_keys, FOREIGN_KEYS, foreign_key_row).await?,
    };
    transaction.commit().await?;
    stats.statements += 1;
    Ok((rows, stats))
}

/// The rows of a schema query (`$1` the schema) run on a new session in
/// the transaction of `snapshot`, started at once; its answer is `None`
/// when the session could not be had or the query failed there.
fn on_session_of_its_own(
    url: &crate::PgUrl,
    snapshot: &str,
    sql: &'static str,
) -> tokio::task::JoinHandle<Option<Vec<Row>>> {
    let (url, snapshot) = (url.clone(), snapshot.to_string());
    let read = async move {
        let session = crate::connected::open_session(&url).await.ok()?;
        let setup = format!(
            "START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; SET TRANSACTION SNAPSHOT {}; SET LOCAL search_path TO {};",
            migrate_core::sql_quote::quote_str(&snapshot),
            crate::dialect::quote_ident(&url.schema)
        );
        let rows = match session.client.batch_execute(&setup).await {
            Ok(()) => session.client.query_typed(sql, &[(&url.schema, Type::NAME)]).await.ok(),
            Err(_) => None,
        };
        session.close().await;
        rows
    };
    tokio::spawn(read)
}

struct Catalog<'t, 'c> {
    transaction: &'t Transaction<'c>,
    schema: &'t str,
    stats: &'t mut IntrospectStats,
}

impl Catalog<'_, '_> {
    /// The rows another session read for `sql`, or, when it could not,
    /// `sql` run here. Counted as one statement either way.
    async fn rows_of<T>(
        &mut self,
        elsewhere: Option<tokio::task::JoinHandle<Option<Vec<Row>>>>,
        sql: &str,
        read: fn(&Row) -> Result<T, tokio_postgres::Error>,
    ) -> Result<Vec<T>, tokio_postgres::Error> {
        let rows = match elsewhere {
            Some(task) => task.await.ok().flatten(),
            None => None,
        };
        let Some(rows) = rows else {
            let schema = self.schema;
            return self.run(sql, &[schema], read).await;
        };
        self.stats.statements += 1;
        self.stats.other_sessions += 1;
        self.stats.rows += rows.len();
        rows.iter().map(read).collect()
    }

    /// Runs one query (the schema's queries take its name as `$1`, typed
    /// `name`) and reads its rows: the only way a catalog query is sent.
    /// Typed parameters let parse, bind and execute go in one round trip.
    async fn run<T>(
        &mut self,
        sql: &str,
        params: &[&str],
        read: fn(&Row) -> Result<T, tokio_postgres::Error>,
    ) -> Result<Vec<T>, tokio_postgres::Error> {
        self.stats.statements += 1;
        let typed: Vec<(&(dyn ToSql + Sync), Type)> =
            params.iter().map(|p| (p as &(dyn ToSql + Sync), Type::NAME)).collect();
        let rows = self.transaction.query_typed(sql, &typed).await?;
        self.stats.rows += rows.len();
        rows.iter().map(read).collect()
    }
}

fn column_row(row: &Row) -> Result<ColumnRow, tokio_postgres::Error> {
    Ok(ColumnRow {
        table: row.try_get(0)?,
        name: row.try_get(1)?,
        not_null: row.try_get(2)?,
        is_array: row.try_get(3)?,
        type_name: row.try_get(4)?,
        type_kind: row.try_get(5)?,
        typmod: row.try_get(6)?,
        formatted: row.try_get(7)?,
        type_schema: row.try_get(8)?,
        default: row.try_get(9)?,
        identity: row.try_get(10)?,
        generated: row.try_get(11)?,
        owns_sequence: row.try_get(12)?,
    })
}

fn index_row(row: &Row) -> Result<IndexRow, tokio_postgres::Error> {
    Ok(IndexRow {
        table: row.try_get(0)?,
        index: row.try_get(1)?,
        primary: row.try_get(2)?,
        unique: row.try_get(3)?,
        method: row.try_get(4)?,
        partial: row.try_get(5)?,
        column: row.try_get::<_, bool>(6)?.then(|| row.try_get(7)).transpose()?,
        descending: row.try_get(8)?,
        ops: row.try_get(9)?,
        constraint: row.try_get(10)?,
    })
}

fn foreign_key_row(row: &Row) -> Result<ForeignKeyRow, tokio_postgres::Error> {
    Ok(ForeignKeyRow {
        table: row.try_get(0)?,
        name: row.try_get(1)?,
        referenced_table: row.try_get(2)?,
        column: row.try_get(3)?,
        referenced_column: row.try_get(4)?,
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
    })
}
