//! The connected half: one session on a MySQL or MariaDB database behind
//! the [`Driver`] trait. Migrations work in the URL's database.

mod apply;
mod create_database;
mod error;
mod history;
mod lock;
mod session;
mod shadow;
mod statements;
mod stored_columns;
mod url;

pub use create_database::create_database;
pub(crate) use session::Session;
pub use url::{MysqlUrl, SslMode};

use crate::dialect::quote_ident;
use crate::MysqlDialect;
use error::query_error;
use migrate_core::driver::{Dialect, Driver, DriverError, ScriptError};
use migrate_core::migrations::HistoryRow;
use migrate_core::schema::{Column, Schema};
use shadow::{ShadowDatabase, CREATE_OPTIONS};

pub struct MysqlDriver {
    session: Session,
    url: MysqlUrl,
    /// `shadowDatabaseUrl`, when the datasource names one.
    shadow_url: Option<String>,
    /// Set on a shadow database this driver created: dropped with it.
    _shadow: Option<ShadowDatabase>,
}

impl MysqlDriver {
    pub fn connect(url: &str, shadow_url: Option<String>) -> Result<Self, DriverError> {
        let url = MysqlUrl::parse(url).map_err(|e| DriverError::Connection(format!("invalid MySQL URL: {e}")))?;
        if url.database.is_empty() {
            return Err(DriverError::Connection(format!(
                "{}: the URL names no database; migrate works in the database the URL's path names (mysql://user@host:3306/mydb).",
                url.describe()
            )));
        }
        Self::open(url, shadow_url, None)
    }

    /// A session with no database selected, for administration: creating
    /// and dropping databases (test harnesses, benchmarks).
    pub fn connect_server(url: &str) -> Result<Self, DriverError> {
        let url = MysqlUrl::parse(url).map_err(|e| DriverError::Connection(format!("invalid MySQL URL: {e}")))?;
        Self::open(url.with_database(""), None, None)
    }

    fn open(url: MysqlUrl, shadow_url: Option<String>, shadow: Option<ShadowDatabase>) -> Result<Self, DriverError> {
        let session = Session::connect(&url)?;
        Ok(MysqlDriver {
            session,
            url,
            shadow_url,
            _shadow: shadow,
        })
    }

    pub fn url(&self) -> &MysqlUrl {
        &self.url
    }

    /// Statements sent on this driver's session so far (tests count the
    /// round trips of introspection with it).
    pub fn statements_sent(&self) -> u64 {
        self.session.statements_sent()
    }

    /// Runs SQL outside the migration machinery (tests, benchmarks).
    pub fn execute(&mut self, sql: &str) -> Result<(), DriverError> {
        self.session.execute(sql).map_err(query_error)
    }

    /// The first column of every row, as text (tests, benchmarks).
    pub fn query_strings(&mut self, sql: &str) -> Result<Vec<Option<String>>, DriverError> {
        self.session.query(sql).map_err(query_error)
    }
}

impl Driver for MysqlDriver {
    fn dialect(&self) -> &dyn Dialect {
        &MysqlDialect
    }

    fn introspect(&mut self) -> Result<Schema, DriverError> {
        crate::introspect::introspect(&mut self.session, &self.url.database).map_err(query_error)
    }

    fn apply_script(&mut self, script: &str) -> Result<(), ScriptError> {
        apply::apply_script(&mut self.session, script).map(|_| ())
    }

    fn apply_migration(&mut self, script: &str, row: &HistoryRow) -> Result<(), ScriptError> {
        apply::apply_migration(&mut self.session, script, row)
    }

    fn history_table_exists(&mut self) -> Result<bool, DriverError> {
        history::exists(&mut self.session).map_err(query_error)
    }

    fn create_history_table(&mut self) -> Result<(), DriverError> {
        history::create(&mut self.session).map_err(query_error)
    }

    fn history(&mut self) -> Result<Vec<HistoryRow>, DriverError> {
        history::rows(&mut self.session).map_err(query_error)
    }

    fn insert_history(&mut self, row: &HistoryRow) -> Result<(), DriverError> {
        history::insert(&mut self.session, row).map_err(query_error)
    }

    fn update_history(&mut self, row: &HistoryRow) -> Result<(), DriverError> {
        history::update(&mut self.session, row).map_err(query_error)
    }

    fn lock(&mut self) -> Result<(), DriverError> {
        lock::lock(&mut self.session)
    }

    fn unlock(&mut self) -> Result<(), DriverError> {
        lock::unlock(&mut self.session)
    }

    fn reset(&mut self) -> Result<(), DriverError> {
        let db = quote_ident(&self.url.database);
        for sql in [
            format!("DROP DATABASE IF EXISTS {db}"),
            format!("CREATE DATABASE {db} {CREATE_OPTIONS}"),
            format!("USE {db}"),
        ] {
            self.session.execute(&sql).map_err(query_error)?;
        }
        Ok(())
    }

    fn create_shadow(&mut self) -> Result<Box<dyn Driver>, DriverError> {
        if let Some(url) = &self.shadow_url {
            let mut shadow = MysqlDriver::connect(url, None)?;
            if shadow.url.database == self.url.database
                && shadow.url.host == self.url.host
                && shadow.url.port == self.url.port
            {
                return Err(DriverError::Connection(
                    "shadowDatabaseUrl points at the main database; it must name another database".into(),
                ));
            }
            shadow.reset()?;
            return Ok(Box::new(shadow));
        }
        let created = ShadowDatabase::create(&self.url)?;
        let url = self.url.with_database(&created.name);
        Ok(Box::new(MysqlDriver::open(url, None, Some(created))?))
    }

    fn stored_columns(&mut self, columns: &[Column]) -> Result<Vec<Option<Column>>, DriverError> {
        Ok(stored_columns::stored_columns(&mut self.session, columns))
    }

    fn row_count(&mut self, table: &str) -> Result<u64, DriverError> {
        let sql = format!("SELECT COUNT(*) FROM {}", quote_ident(table));
        let rows: Vec<u64> = self.session.query(&sql).map_err(query_error)?;
        Ok(rows.first().copied().unwrap_or(0))
    }
}
