//! The connected half: a SQLite database file (or memory) behind the
//! [`Driver`] trait.

mod apply;
mod history;
mod lock;
mod reset;
mod url;

pub use url::{database_path, SqliteUrl};

use crate::SqliteDialect;
use migrate_core::driver::{Dialect, Driver, DriverError, ScriptError};
use migrate_core::migrations::HistoryRow;
use migrate_core::schema::Schema;
use rusqlite::Connection;

pub struct SqliteDriver {
    conn: Connection,
}

impl SqliteDriver {
    /// Opens (creating if needed) the database at `url`.
    pub fn open(url: &SqliteUrl) -> Result<Self, DriverError> {
        let conn = match url {
            SqliteUrl::Memory => Connection::open_in_memory(),
            SqliteUrl::File(path) => Connection::open(path),
        }
        .map_err(|e| DriverError::Connection(format!("{}: {e}", url.describe())))?;
        conn.busy_timeout(lock::TIMEOUT).map_err(query_error)?;
        Ok(SqliteDriver { conn })
    }

    /// A fresh in-memory database: SQLite's shadow database.
    pub fn shadow() -> Result<Self, DriverError> {
        Self::open(&SqliteUrl::Memory)
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

impl Driver for SqliteDriver {
    fn dialect(&self) -> &dyn Dialect {
        &SqliteDialect
    }

    fn introspect(&mut self) -> Result<Schema, DriverError> {
        crate::introspect::introspect(&self.conn).map_err(query_error)
    }

    fn apply_script(&mut self, script: &str) -> Result<(), ScriptError> {
        apply::apply_script(&self.conn, script)
    }

    fn apply_migration(&mut self, script: &str, row: &HistoryRow) -> Result<(), ScriptError> {
        apply::apply_migration(&self.conn, script, row)
    }

    fn history_table_exists(&mut self) -> Result<bool, DriverError> {
        history::exists(&self.conn).map_err(query_error)
    }

    fn create_history_table(&mut self) -> Result<(), DriverError> {
        history::create(&self.conn).map_err(query_error)
    }

    fn history(&mut self) -> Result<Vec<HistoryRow>, DriverError> {
        history::rows(&self.conn).map_err(query_error)
    }

    fn insert_history(&mut self, row: &HistoryRow) -> Result<(), DriverError> {
        history::insert(&self.conn, row).map_err(query_error)
    }

    fn update_history(&mut self, row: &HistoryRow) -> Result<(), DriverError> {
        history::update(&self.conn, row).map_err(query_error)
    }

    fn lock(&mut self) -> Result<(), DriverError> {
        lock::lock(&self.conn)
    }

    fn unlock(&mut self) -> Result<(), DriverError> {
        lock::unlock(&self.conn).map_err(query_error)
    }

    fn reset(&mut self) -> Result<(), DriverError> {
        reset::reset(&self.conn).map_err(query_error)
    }

    fn create_shadow(&mut self) -> Result<Box<dyn Driver>, DriverError> {
        Ok(Box::new(Self::shadow()?))
    }

    fn row_count(&mut self, table: &str) -> Result<u64, DriverError> {
        let sql = format!("SELECT count(*) FROM {}", migrate_core::sql_quote::quote_ident(table));
        self.conn
            .query_row(&sql, [], |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
            .map_err(query_error)
    }
}

/// A rusqlite error as the engine sees it, with SQLite's extended code.
pub(crate) fn query_error(e: rusqlite::Error) -> DriverError {
    let code = match &e {
        rusqlite::Error::SqliteFailure(f, _) => Some(f.extended_code.to_string()),
        _ => None,
    };
    DriverError::Query {
        code,
        message: e.to_string(),
    }
}
