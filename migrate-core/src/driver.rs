//! What the engine needs from a database: the pure [`Dialect`] (types,
//! rendering, capabilities; no connection) and the connected [`Driver`]
//! (introspect, execute, history rows, lock, reset).

use crate::diff::Op;
use crate::migrations::HistoryRow;
use crate::psl::datamodel::{NativeType, Provider};
use crate::schema::{Column, ColumnType, IdentifierLimit, IndexAlgorithm, ScalarType, Schema};

/// How a database stores Prisma enums.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumSupport {
    /// Named types created with `CREATE TYPE` (PostgreSQL).
    NamedTypes,
    /// Inline in the column type (MySQL `ENUM(...)`).
    Inline,
    /// Plain text columns (SQLite).
    Text,
}

/// How a database changes an existing table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableAlteration {
    /// `ALTER TABLE` for columns, primary keys and foreign keys.
    InPlace,
    /// Only nullable columns can be added in place; every other change
    /// rebuilds the table through a copy (SQLite).
    Redefine,
}

/// Dialect differences as data, read by lowering and the differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capabilities {
    /// How the database stores Prisma enums.
    pub enums: EnumSupport,
    /// The database has scalar lists (`Int[]`): PostgreSQL arrays.
    pub scalar_lists: bool,
    /// Foreign keys are written inside `CREATE TABLE` instead of added after.
    pub foreign_keys_in_create_table: bool,
    /// A new table's indexes are written inside its `CREATE TABLE` (MySQL)
    /// instead of as `CreateIndex` steps after it.
    pub indexes_in_create_table: bool,
    /// The database gives a foreign key whose columns no index covers an
    /// index of its own, named after the constraint (MySQL). Introspection
    /// sees it, and the database refuses to drop an index a foreign key
    /// needs, so the differ never drops a plain index on exactly the columns
    /// of a foreign key the target keeps.
    pub foreign_key_indexes: bool,
    /// Whether columns and primary keys change in place or by rebuilding the table.
    pub table_alteration: TableAlteration,
    /// `ALTER INDEX ... RENAME` exists; else a rename drops and creates.
    pub rename_index: bool,
    /// A foreign key or a primary key that only changes its name is renamed
    /// (`ALTER TABLE ... RENAME CONSTRAINT`, PostgreSQL) rather than dropped
    /// and added.
    pub rename_constraint: bool,
    /// Primary key constraints carry a name the database keeps.
    pub named_primary_keys: bool,
    /// Foreign keys carry a name a schema sets (`map:`) and a plan keeps.
    /// Where they do not (SQLite: Prisma refuses `map:` there and never
    /// compares the names a table's text holds), keys compare without it.
    pub named_foreign_keys: bool,
    /// Implicit many-to-many tables get a primary key (PostgreSQL since
    /// Prisma 6) rather than a unique index.
    pub join_table_primary_key: bool,
    /// The longest identifier the database accepts; Prisma's default names are cut to it.
    pub identifier_limit: IdentifierLimit,
    /// A single-column `Int` primary key is the table's rowid and
    /// auto-increments whatever its default (SQLite: Prisma writes
    /// `INTEGER PRIMARY KEY AUTOINCREMENT` for every such key, with or
    /// without `@default(autoincrement())`, and never for a `BigInt` one).
    pub rowid_primary_key: bool,
    /// Index columns take an operator class (`ops:`, PostgreSQL). Where
    /// they do not, Prisma accepts the schema's `ops:` and leaves it out.
    pub operator_classes: bool,
    /// A database holds database schemas (PostgreSQL namespaces): a session
    /// works in one of them, and multiSchema's `@@schema` names others.
    pub namespaces: bool,
    /// The database reports whether a view column may hold NULL (MySQL
    /// derives it from what the column selects). Where it does not
    /// (PostgreSQL and SQLite report every view column nullable), `db pull`
    /// keeps the existing field's required arity, as Prisma 6.19.3 does.
    pub view_nullability: bool,
    /// An auto-increment column must lead an index at every moment (MySQL's
    /// error 1075, "there can be only one auto column and it must be defined
    /// as a key"): an index that leads with it is created before, and dropped
    /// after, a primary key change that leaves it leading none.
    pub auto_increment_keyed: bool,
    /// `Json` column defaults are written and compared. Where they are not
    /// (MySQL: Prisma 6.19.3 leaves them out of its scripts, as MySQL before
    /// 8.0.13 refuses any default on a `JSON` column, and its differ never
    /// compares them), a `Json` field's `@default` is the client's alone.
    pub json_defaults: bool,
}

impl Capabilities {
    /// PostgreSQL's: the PostgreSQL dialect's, and those of the core's test
    /// dialect that lowers and pulls as PostgreSQL does (`testing::PgNames`).
    pub const POSTGRES: Capabilities = Capabilities {
        enums: EnumSupport::NamedTypes,
        scalar_lists: true,
        foreign_keys_in_create_table: false,
        indexes_in_create_table: false,
        foreign_key_indexes: false,
        table_alteration: TableAlteration::InPlace,
        rename_index: true,
        rename_constraint: true,
        named_primary_keys: true,
        named_foreign_keys: true,
        join_table_primary_key: true,
        identifier_limit: IdentifierLimit::POSTGRES,
        rowid_primary_key: false,
        operator_classes: true,
        namespaces: true,
        view_nullability: false,
        auto_increment_keyed: false,
        json_defaults: true,
    };
}

/// The column a field lowers to, as the dialect sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FieldTypeRef<'a> {
    /// A scalar field.
    Scalar {
        /// The field's scalar type.
        scalar: ScalarType,
        /// `@db.*`; `None` for the scalar's default type in this database.
        native: Option<&'a NativeType>,
        /// `Type[]`: a scalar list.
        list: bool,
    },
    /// A Prisma enum (its database name and values).
    Enum {
        /// The enum type's database schema; `None` for the session's own.
        namespace: Option<&'a str>,
        /// The enum type's name in the database (`@@map`, else the enum's name).
        name: &'a str,
        /// The values as the database stores them (`@map`, else their names), in order.
        values: &'a [String],
        /// `Enum[]`: a list of the enum.
        list: bool,
    },
    /// `Unsupported("type")`: the database type, as written between the quotes.
    Unsupported(&'a str),
}

/// How a database changes the type of an existing column (Prisma's terms).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeChange {
    /// Converted in place; every value converts.
    SafeCast,
    /// Converted in place; a value that does not convert fails the step
    /// (or, where the database truncates, loses precision).
    RiskyCast,
    /// The database has no conversion: the column is dropped and added
    /// again, losing its values.
    NotCastable,
}

/// The pure part of a driver: no connection needed.
pub trait Dialect: Send + Sync {
    /// The database this dialect speaks, as a datasource `provider` names it.
    fn provider(&self) -> Provider;

    /// What the database can do, for lowering and the differ.
    fn capabilities(&self) -> Capabilities;

    /// The canonical column type of a field.
    fn column_type(&self, field: FieldTypeRef<'_>) -> ColumnType;

    /// The `@db.*` attribute that makes a `scalar` field lower to `column`,
    /// for `db pull`; `None` when the scalar's own type is the column's (and
    /// always for a database without native types).
    fn native_type(&self, column: &ColumnType, scalar: ScalarType) -> Option<NativeType>;

    /// Renders a sorted plan as a migration script with Prisma's step
    /// comments (`-- CreateTable`), a blank line between steps. Refuses a
    /// step the database cannot run rather than write SQL that would not do
    /// what the plan says (the differ, reading the capabilities, never plans
    /// one).
    fn render(&self, ops: &[Op]) -> Result<String, RenderError>;

    /// Whether two column types are one type to the database, however they
    /// are written (PostgreSQL: `TIME` is `TIME(6)`). The default compares
    /// the canonical spellings.
    fn same_type(&self, a: &ColumnType, b: &ColumnType) -> bool {
        a.sql == b.sql && a.list == b.list
    }

    /// Whether a default expression draws from a sequence, as an
    /// auto-incrementing column does (PostgreSQL: `nextval('s'::regclass)`):
    /// a schema's `dbgenerated(...)` of it and `autoincrement()` are then one
    /// column. The default: none does.
    fn draws_from_sequence(&self, expression: &str) -> bool {
        let _ = expression;
        false
    }

    /// A column type as Prisma names it in messages: the native type where
    /// the database has them (`DoublePrecision`, `VarChar(191)`), else the
    /// scalar (`Float`). The default names the scalar, or the SQL of an enum
    /// or an unsupported type.
    fn type_name(&self, ty: &ColumnType) -> String {
        match &ty.family {
            crate::schema::TypeFamily::Scalar(s) => s.name().to_string(),
            _ => ty.sql.clone(),
        }
    }

    /// The operator class (as the schema names it) an index column of type
    /// `column` gets under `method` when none is written, where the
    /// database has such defaults (PostgreSQL: `ArrayOps` for an array in a
    /// GIN index): an index that names it is the same as one that does not.
    /// The default: none.
    fn default_operator_class(&self, method: Option<IndexAlgorithm>, column: &ColumnType) -> Option<&'static str> {
        let _ = (method, column);
        None
    }

    /// How a column of type `from` becomes one of type `to` (the types
    /// differ). The default, for a database that converts every change in
    /// place or by copying the table: [`TypeChange::RiskyCast`].
    fn type_change(&self, from: &ColumnType, to: &ColumnType) -> TypeChange {
        let _ = (from, to);
        TypeChange::RiskyCast
    }
}

/// A planned step the database cannot execute.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot run {step} on {database}: {reason}")]
pub struct RenderError {
    /// The database's name for messages: `SQLite`, `MySQL`...
    pub database: &'static str,
    /// The step's description (`AddForeignKey`).
    pub step: &'static str,
    /// What the database lacks, naming the table, column or index.
    pub reason: String,
}

/// A database error, already free of credentials.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DriverError {
    /// No session could be started: `failure` says why where the driver can
    /// tell (Prisma's P1001 and P1000); `message` is the driver's, naming the
    /// URL without its password.
    #[error("{}{message}", failure.lead())]
    Connection {
        /// Why, as far as the driver can tell.
        failure: ConnectionFailure,
        /// The driver's message.
        message: String,
    },
    /// `shadowDatabaseUrl` leads to the main database, however it is
    /// written (the server answered both sessions as one database): `dev`
    /// would empty it. Holds where that is.
    #[error(
        "shadowDatabaseUrl leads to the main database ({0}), which `dev` would empty: it must name another database."
    )]
    ShadowIsMain(String),
    /// `waited` is the time actually spent waiting, as measured.
    #[error("Timed out waiting for the migration lock after {:.1} s (P1002): another `migrate` (or `prisma`) is running against this database.", .waited.as_secs_f64())]
    LockTimeout {
        /// How long `migrate` waited for the lock.
        waited: std::time::Duration,
    },
    /// The lock stopped being this process's while it worked: another
    /// process took it over after this one did not renew it within the
    /// lease (the cluster lock of a MariaDB Galera cluster). Nothing more
    /// was written.
    #[error("Another process took the migration lock over while this one held it (this one did not renew it within the lease, MIGRATE_GALERA_LOCK_LEASE; {}), so this one stopped before its next statement or history write. Run `migrate status` to see where the history stands.", holder_now(.holder))]
    LockLost {
        /// Who holds the lock now, as its row says; `None` when it is free.
        holder: Option<String>,
    },
    /// A statement failed: the database's error.
    #[error("{message}")]
    Query {
        /// The database's own error code, when it has one.
        code: Option<String>,
        /// The database's message.
        message: String,
    },
    /// The URL's database does not exist (Prisma's P1003). `location` is
    /// where the server is (`host:port`, `unix:/socket/folder`), or a SQLite
    /// file's path.
    #[error("P1003: Database `{database}` does not exist at `{location}`.")]
    DatabaseMissing {
        /// The database's name, as the URL gives it.
        database: String,
        /// Where it was looked for.
        location: String,
    },
    /// The database is missing and the URL's user may not create it.
    #[error(transparent)]
    CreateDatabaseRefused(Box<CreateRefused>),
}

/// Why a session could not be started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectionFailure {
    /// No server answered at the URL's address: the connection was refused,
    /// the host is unknown or unreachable, or nothing answered within
    /// `connect_timeout` (Prisma's P1001).
    Unreachable,
    /// The server refused the URL's user or password (Prisma's P1000;
    /// PostgreSQL's SQLSTATE class 28, MySQL's error 1045).
    Authentication,
    /// Anything else: an unusable URL, TLS, a SQLite file that cannot be opened.
    Other,
}

impl ConnectionFailure {
    fn lead(self) -> &'static str {
        match self {
            ConnectionFailure::Unreachable => "P1001: Can't reach the database server: ",
            ConnectionFailure::Authentication => "P1000: Authentication failed against the database server: ",
            ConnectionFailure::Other => "Could not connect to the database: ",
        }
    }
}

fn holder_now(holder: &Option<String>) -> String {
    match holder {
        Some(holder) => format!("it is now held by `{holder}`"),
        None => "it is free again now".into(),
    }
}

impl DriverError {
    /// A [`DriverError::Connection`] of no known kind ([`ConnectionFailure::Other`]).
    pub fn connection(message: impl Into<String>) -> DriverError {
        DriverError::Connection {
            failure: ConnectionFailure::Other,
            message: message.into(),
        }
    }

    /// Prisma's error code, where Prisma has one: P1000 (credentials
    /// refused), P1001 (server unreachable), P1002 (lock timeout), P1003
    /// (database missing), P1010 (the user may not create it). A database's
    /// own code is in [`DriverError::Query`]'s `code`.
    pub fn code(&self) -> Option<&'static str> {
        match self {
            DriverError::Connection { failure, .. } => match failure {
                ConnectionFailure::Unreachable => Some("P1001"),
                ConnectionFailure::Authentication => Some("P1000"),
                ConnectionFailure::Other => None,
            },
            DriverError::ShadowIsMain(_) => None,
            DriverError::LockTimeout { .. } => Some("P1002"),
            DriverError::LockLost { .. } => None,
            DriverError::DatabaseMissing { .. } => Some("P1003"),
            DriverError::CreateDatabaseRefused(_) => Some("P1010"),
            DriverError::Query { .. } => None,
        }
    }
}

/// Why a missing database was not created: the URL's user may not.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Database `{database}` does not exist on the database server at `{location}`, and the user `{user}` may not create it: {reason}")]
pub struct CreateRefused {
    /// The missing database's name.
    pub database: String,
    /// Where the server is (`host:port`).
    pub location: String,
    /// The URL's user.
    pub user: String,
    /// The server's answer and what would allow it.
    pub reason: String,
}

/// A migration script that stopped part-way.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{error}")]
pub struct ScriptError {
    /// Statements that ran before the failing one (they stay applied where
    /// the database has no transactional DDL).
    pub applied_steps: u32,
    /// The statement that failed, when the driver knows it.
    pub statement: Option<String>,
    /// The database undid the whole script (transactional DDL).
    pub rolled_back: bool,
    /// Why the statement failed.
    pub error: DriverError,
}

/// The connected half of a driver: one session on one database. The
/// engine's commands are written once over it; nothing here knows SQL beyond
/// what the dialect renders.
///
/// Every method is `async` and the trait is `Send`, so a driver can move
/// between the threads of a multi-thread runtime. Drivers run on the
/// caller's runtime (tokio): none builds a runtime of its own.
#[async_trait::async_trait]
pub trait Driver: Send {
    /// The SQL dialect of this database.
    fn dialect(&self) -> &dyn Dialect;

    /// The user's schema, without the history table.
    async fn introspect(&mut self) -> Result<Schema, DriverError>;

    /// The views of the schemas [`Driver::introspect`] reads, for `db pull`
    /// with the `views` preview feature, in the order Prisma 6.19.3 pulls
    /// new ones in (PostgreSQL: as they were made, whatever their schema; MySQL
    /// and SQLite: by name).
    /// Materialized views are not views here (Prisma 6.19.3 leaves them out
    /// too), nor are views that belong to an extension.
    async fn introspect_views(&mut self) -> Result<Vec<crate::schema::View>, DriverError>;

    /// Runs a script (`db execute`, `db push`, shadow replay).
    async fn apply_script(&mut self, script: &str) -> Result<(), ScriptError>;

    /// Runs a migration and records `row` as finished (`finished_at` now,
    /// one applied step). Where the database has transactional DDL, the
    /// script and the row commit together or not at all, so a crash leaves
    /// no trace; elsewhere the row is written as started first and a failure
    /// leaves it unfinished. On error the engine records the failure.
    async fn apply_migration(&mut self, script: &str, row: &HistoryRow) -> Result<(), ScriptError>;

    /// Whether the schema has a table of the user's (introspection's
    /// tables: not the history table): `deploy` refuses to start a history
    /// on such a database (P3005). The default introspects; a server
    /// driver answers with one query, which matters when one `deploy`
    /// starts many histories (a fan-out's new tenants).
    async fn has_tables(&mut self) -> Result<bool, DriverError> {
        Ok(!self.introspect().await?.tables.is_empty())
    }

    /// A digest (lowercase hex SHA-256) of everything [`Driver::introspect`]
    /// reads, such that two databases of this kind with the same
    /// fingerprint introspect to the same schema on the same engine: one
    /// schema read can stand for the other (`dev` skips reading a database
    /// the replay cache has seen). `None`, the default, where no cheap
    /// digest covers the catalog (the servers: what introspection reads is
    /// spread over many catalog tables).
    async fn schema_fingerprint(&mut self) -> Result<Option<String>, DriverError> {
        Ok(None)
    }

    /// Whether the history table `_prisma_migrations` exists.
    async fn history_table_exists(&mut self) -> Result<bool, DriverError>;

    /// Creates `_prisma_migrations` with Prisma's DDL for this database.
    async fn create_history_table(&mut self) -> Result<(), DriverError>;

    /// Every row, ordered by `started_at`.
    async fn history(&mut self) -> Result<Vec<HistoryRow>, DriverError>;

    /// Adds a row to `_prisma_migrations`.
    async fn insert_history(&mut self, row: &HistoryRow) -> Result<(), DriverError>;

    /// Writes `finished_at`, `logs`, `rolled_back_at` and
    /// `applied_steps_count` of the row with this id.
    async fn update_history(&mut self, row: &HistoryRow) -> Result<(), DriverError>;

    /// Takes the migration lock for this connection's lifetime (or until
    /// [`Driver::unlock`]), waiting a bounded time.
    async fn lock(&mut self) -> Result<(), DriverError>;

    /// Releases the migration lock taken by [`Driver::lock`].
    async fn unlock(&mut self) -> Result<(), DriverError>;

    /// Drops every object of the schema, the history table included.
    async fn reset(&mut self) -> Result<(), DriverError>;

    /// A new, empty database of the same kind for replaying migrations,
    /// dropped when the returned driver is dropped (also on failure).
    async fn create_shadow(&mut self) -> Result<Box<dyn Driver>, DriverError>;

    /// Ends the session. A shadow database this driver created is dropped
    /// here, awaited; dropping the driver without `close` (a cancelled
    /// task) still drops it, on a thread of its own, best effort. The
    /// default does nothing more than drop.
    async fn close(self: Box<Self>) -> Result<(), DriverError> {
        Ok(())
    }

    /// The server's version as it reports it (`16.4`, `10.11.6-MariaDB`;
    /// SQLite: the library's, `3.46.0`): part of the replay cache's key, so
    /// that a server upgrade never reuses a schema another version built.
    async fn server_version(&mut self) -> Result<String, DriverError>;

    /// The database schemas introspection reads: the session's first, then
    /// the datasource's `schemas` (PostgreSQL); empty where a database has
    /// no schemas of its own. Part of what keys the replay cache. (No
    /// default: a driver that wraps another must pass its answer on.)
    fn namespaces(&self) -> Vec<String>;

    /// Rows in a table (for data-loss warnings).
    async fn row_count(&mut self, table: &crate::schema::TableName) -> Result<u64, DriverError>;

    /// Rows of `table` whose `column` (a list of values when `list`) holds
    /// any of `values`, compared as text: the rows an enum value's removal
    /// would fail on. `None` where the driver cannot tell (the default).
    async fn rows_holding(
        &mut self,
        table: &crate::schema::TableName,
        column: &str,
        list: bool,
        values: &[String],
    ) -> Result<Option<u64>, DriverError> {
        let _ = (table, column, list, values);
        Ok(None)
    }

    /// The first column of every row `sql` returns, as text (`NULL` as
    /// `None`): the user's own listing query, such as the tenants of a
    /// fan-out (`deploy --schemas-query`). The default refuses, for a
    /// driver that has no way to run one.
    async fn query_column(&mut self, sql: &str) -> Result<Vec<Option<String>>, DriverError> {
        let _ = sql;
        Err(DriverError::Query {
            code: None,
            message: "this database's driver does not run listing queries".into(),
        })
    }

    /// Each column as introspection would read it once the database stored
    /// it: the database's own spelling of the type (`Unsupported` types
    /// above all) and of the default (PostgreSQL keeps `now() +
    /// '3 days'::interval` for `NOW() + interval '3 days'`), or `None` where
    /// the database refuses the column (a type or function it lacks) or the
    /// driver does not ask. One answer per column, in order; the database is
    /// left unchanged. The default answers `None` for every column, for a
    /// database that stores columns as written (SQLite).
    async fn stored_columns(&mut self, columns: &[Column]) -> Result<Vec<Option<Column>>, DriverError> {
        Ok(vec![None; columns.len()])
    }
}
