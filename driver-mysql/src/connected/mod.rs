//! The connected half: one session on a MySQL or MariaDB database behind
//! the [`Driver`] trait, on the caller's tokio runtime. Migrations work in
//! the URL's database.

mod apply;
mod cluster_lock;
mod create_database;
mod database;
mod drop_database;
mod error;
mod history;
mod lock;
mod reset;
mod session;
mod shadow;
mod statements;
mod stored_columns;
mod url;

pub use create_database::create_database;
pub use database::DATABASE;
pub use drop_database::drop_database;
pub(crate) use session::Session;
pub use url::{MysqlUrl, SslMode};

use crate::dialect::quote_ident;
use crate::MysqlDialect;
use error::query_error;
use migrate_core::driver::{Dialect, Driver, DriverError, ScriptError};
use migrate_core::migrations::HistoryRow;
use migrate_core::schema::{Column, Schema};
use shadow::ShadowDatabase;

/// A session on one MySQL or MariaDB database (the URL's path), on the
/// caller's tokio runtime (I/O and time enabled). End it with
/// [`Driver::close`]: a shadow database the driver created is then dropped,
/// awaited.
pub struct MysqlDriver {
    // Dropped in this order: the session before the shadow database it is on.
    session: Session,
    url: MysqlUrl,
    /// `shadowDatabaseUrl`, when the datasource names one.
    shadow_url: Option<String>,
    /// Set on a shadow database this driver created: dropped by
    /// [`Driver::close`], or with the driver.
    shadow: Option<ShadowDatabase>,
    /// The cluster lock, while held on a Galera node.
    cluster_lock: Option<cluster_lock::ClusterLock>,
}

impl MysqlDriver {
    /// A session on the database `url` names (`mysql://user:password@host:port/database?...`),
    /// on the caller's tokio runtime (which needs its I/O and time drivers).
    /// `shadow_url` is the datasource's `shadowDatabaseUrl`, if any.
    ///
    /// Errors: [`DriverError::Connection`] for an invalid URL, one without a
    /// database, or a server that cannot be reached within `connect_timeout`;
    /// [`DriverError::DatabaseMissing`] when the server has no such database.
    pub async fn connect(url: &str, shadow_url: Option<String>) -> Result<Self, DriverError> {
        let url = url::session_url(url)?;
        if url.database.is_empty() {
            return Err(DriverError::connection(format!(
                "{}: the URL names no database; migrate works in the database the URL's path names (mysql://user@host:3306/mydb).",
                url.describe()
            )));
        }
        Self::open(url, shadow_url).await
    }

    /// A session with no database selected, for administration: creating
    /// and dropping databases (test harnesses, benchmarks).
    pub async fn connect_server(url: &str) -> Result<Self, DriverError> {
        let url = url::session_url(url)?;
        Self::open(url.with_database(""), None).await
    }

    async fn open(url: MysqlUrl, shadow_url: Option<String>) -> Result<Self, DriverError> {
        let session = Session::connect(&url).await?;
        Ok(MysqlDriver {
            session,
            url,
            shadow_url,
            shadow: None,
            cluster_lock: None,
        })
    }

    /// A session on a new shadow database next to `main`'s; the database
    /// is dropped again (awaited) when no session opens on it.
    async fn on_new_shadow(main: &MysqlUrl) -> Result<Self, DriverError> {
        let created = ShadowDatabase::create(main).await?;
        let url = main.with_database(&created.name);
        match Session::connect(&url).await {
            Ok(session) => Ok(MysqlDriver {
                session,
                url,
                shadow_url: None,
                shadow: Some(created),
                cluster_lock: None,
            }),
            Err(e) => {
                let _ = created.drop_database().await;
                Err(e)
            }
        }
    }

    /// The URL the session was opened with, parsed.
    pub fn url(&self) -> &MysqlUrl {
        &self.url
    }

    /// Statements sent on this driver's session so far (tests count the
    /// round trips of introspection with it).
    pub fn statements_sent(&self) -> u64 {
        self.session.statements_sent()
    }

    /// Runs SQL outside the migration machinery (tests, benchmarks).
    pub async fn execute(&mut self, sql: &str) -> Result<(), DriverError> {
        self.session.execute(sql).await.map_err(query_error)
    }

    /// Which database of which server this session is in, by the server's
    /// own facts rather than the URL's spelling (`localhost` and
    /// `127.0.0.1` are one server): its host name, port and data directory,
    /// and the database.
    async fn identity(&mut self) -> Result<Vec<Option<String>>, DriverError> {
        self.query_strings("SELECT CONCAT_WS(' ', @@hostname, @@port, @@datadir, DATABASE())")
            .await
    }

    /// The first column of every row, as text (tests, benchmarks, and
    /// [`Driver::query_column`]); the other columns are ignored.
    pub async fn query_strings(&mut self, sql: &str) -> Result<Vec<Option<String>>, DriverError> {
        let rows: Vec<mysql_async::Row> = self.session.query(sql).await.map_err(query_error)?;
        rows.into_iter()
            .map(|mut row| match row.take_opt::<Option<String>, _>(0) {
                Some(Ok(value)) => Ok(value),
                Some(Err(e)) => Err(DriverError::Query {
                    code: None,
                    message: format!("the query's first column is not text: {e}"),
                }),
                None => Err(DriverError::Query {
                    code: None,
                    message: "the query returns no column".into(),
                }),
            })
            .collect()
    }
}

#[async_trait::async_trait]
impl Driver for MysqlDriver {
    fn dialect(&self) -> &dyn Dialect {
        &MysqlDialect
    }

    /// Databases without schemas of their own (a MySQL schema is the
    /// database itself).
    fn namespaces(&self) -> Vec<String> {
        Vec::new()
    }

    async fn introspect(&mut self) -> Result<Schema, DriverError> {
        crate::introspect::introspect(&mut self.session, &self.url.database)
            .await
            .map_err(query_error)
    }

    async fn introspect_views(&mut self) -> Result<Vec<migrate_core::schema::View>, DriverError> {
        crate::introspect::introspect_views(&mut self.session, &self.url.database)
            .await
            .map_err(query_error)
    }

    async fn has_tables(&mut self) -> Result<bool, DriverError> {
        crate::introspect::has_tables(&mut self.session, &self.url.database)
            .await
            .map_err(query_error)
    }

    async fn apply_script(&mut self, script: &str) -> Result<(), ScriptError> {
        apply::apply_script(&mut self.session, script).await.map(|_| ())
    }

    async fn apply_migration(&mut self, script: &str, row: &HistoryRow) -> Result<(), ScriptError> {
        apply::apply_migration(&mut self.session, script, row, self.cluster_lock.as_ref()).await
    }

    async fn history_table_exists(&mut self) -> Result<bool, DriverError> {
        history::exists(&mut self.session).await.map_err(query_error)
    }

    async fn create_history_table(&mut self) -> Result<(), DriverError> {
        history::create(&mut self.session).await.map_err(query_error)
    }

    async fn history(&mut self) -> Result<Vec<HistoryRow>, DriverError> {
        history::rows(&mut self.session).await.map_err(query_error)
    }

    async fn insert_history(&mut self, row: &HistoryRow) -> Result<(), DriverError> {
        cluster_lock::check_held(self.cluster_lock.as_ref(), &mut self.session).await?;
        history::insert(&mut self.session, row).await.map_err(query_error)
    }

    async fn update_history(&mut self, row: &HistoryRow) -> Result<(), DriverError> {
        cluster_lock::check_held(self.cluster_lock.as_ref(), &mut self.session).await?;
        history::update(&mut self.session, row).await.map_err(query_error)
    }

    async fn lock(&mut self) -> Result<(), DriverError> {
        self.cluster_lock = lock::lock(&mut self.session, &self.url).await?;
        Ok(())
    }

    async fn unlock(&mut self) -> Result<(), DriverError> {
        lock::unlock(&mut self.session, self.cluster_lock.take()).await
    }

    async fn reset(&mut self) -> Result<(), DriverError> {
        match self.cluster_lock {
            Some(_) => reset::empty_keeping_lock_table(&mut self.session).await,
            None => reset::drop_and_create(&mut self.session, &self.url.database).await,
        }
    }

    async fn create_shadow(&mut self) -> Result<Box<dyn Driver>, DriverError> {
        if let Some(url) = &self.shadow_url {
            let mut shadow = MysqlDriver::connect(url, None).await?;
            if shadow.identity().await? == self.identity().await? {
                return Err(DriverError::ShadowIsMain(self.url.describe()));
            }
            shadow.reset().await?;
            return Ok(Box::new(shadow));
        }
        Ok(Box::new(MysqlDriver::on_new_shadow(&self.url).await?))
    }

    /// Closes the session (`COM_QUIT`), then drops the shadow database this
    /// driver created, if any, from its admin session: the error is the
    /// `DROP DATABASE`'s.
    async fn close(self: Box<Self>) -> Result<(), DriverError> {
        let MysqlDriver { session, shadow, .. } = *self;
        session.close().await;
        match shadow {
            Some(shadow) => shadow.drop_database().await,
            None => Ok(()),
        }
    }

    async fn stored_columns(&mut self, columns: &[Column]) -> Result<Vec<Option<Column>>, DriverError> {
        Ok(stored_columns::stored_columns(&mut self.session, columns).await)
    }

    async fn server_version(&mut self) -> Result<String, DriverError> {
        let rows: Vec<String> = self
            .session
            .query(include_str!("../queries/version.sql"))
            .await
            .map_err(query_error)?;
        Ok(rows.into_iter().next().unwrap_or_default())
    }

    async fn query_column(&mut self, sql: &str) -> Result<Vec<Option<String>>, DriverError> {
        self.query_strings(sql).await
    }

    async fn row_count(&mut self, table: &migrate_core::schema::TableName) -> Result<u64, DriverError> {
        let sql = format!("SELECT COUNT(*) FROM {}", quote_ident(&table.name));
        let rows: Vec<u64> = self.session.query(&sql).await.map_err(query_error)?;
        Ok(rows.first().copied().unwrap_or(0))
    }
}
