//! The connected half: a SQLite database file (or memory) behind the
//! [`Driver`] trait.

mod apply;
mod database;
mod history;
mod lock;
mod reset;
mod statements;
mod url;
mod worker;

pub use database::DATABASE;
pub use url::{database_path, SqliteUrl};

use crate::SqliteDialect;
use migrate_core::database::BlockingCalls;
use migrate_core::driver::{Dialect, Driver, DriverError, ScriptError};
use migrate_core::migrations::HistoryRow;
use migrate_core::schema::{Schema, TableName};
use rusqlite::Connection;
use worker::Calls;

/// A SQLite database behind the [`Driver`] trait. By default the
/// connection lives on a thread of the driver's own, so the driver never
/// blocks the caller's runtime ([`BlockingCalls`]).
pub struct SqliteDriver {
    calls: Calls,
}

impl SqliteDriver {
    /// Opens (creating if needed) the database at `url`. Errors:
    /// [`DriverError::Connection`] naming the file when SQLite cannot open it.
    pub fn open(url: &SqliteUrl) -> Result<Self, DriverError> {
        Self::open_with(url, BlockingCalls::OwnThread)
    }

    /// [`SqliteDriver::open`], its calls run where `blocking` says.
    pub fn open_with(url: &SqliteUrl, blocking: BlockingCalls) -> Result<Self, DriverError> {
        let conn = match url {
            SqliteUrl::Memory => Connection::open_in_memory(),
            SqliteUrl::File(path) => Connection::open(path),
        }
        .map_err(|e| DriverError::connection(format!("{}: {e}", url.describe())))?;
        conn.busy_timeout(lock::TIMEOUT).map_err(query_error)?;
        Ok(SqliteDriver {
            calls: Calls::new(conn, blocking)?,
        })
    }

    /// Runs `call` on the connection's thread, mapping a rusqlite error.
    async fn call<R: Send + 'static>(
        &mut self,
        call: impl FnOnce(&Connection) -> rusqlite::Result<R> + Send + 'static,
    ) -> Result<R, DriverError> {
        self.calls.run(move |conn| call(conn)).await?.map_err(query_error)
    }

    /// Runs a script-running `call` on the connection's thread.
    async fn call_script(
        &mut self,
        call: impl FnOnce(&Connection) -> Result<(), ScriptError> + Send + 'static,
    ) -> Result<(), ScriptError> {
        self.calls
            .run(move |conn| call(conn))
            .await
            .map_err(|error| ScriptError {
                applied_steps: 0,
                statement: None,
                rolled_back: false,
                error,
            })?
    }
}

#[async_trait::async_trait]
impl Driver for SqliteDriver {
    fn dialect(&self) -> &dyn Dialect {
        &SqliteDialect
    }

    /// Databases without schemas of their own (a MySQL schema is the
    /// database itself).
    fn namespaces(&self) -> Vec<String> {
        Vec::new()
    }

    async fn introspect(&mut self) -> Result<Schema, DriverError> {
        self.call(crate::introspect::introspect).await
    }

    async fn schema_fingerprint(&mut self) -> Result<Option<String>, DriverError> {
        self.call(crate::introspect::fingerprint).await.map(Some)
    }

    async fn introspect_views(&mut self) -> Result<Vec<migrate_core::schema::View>, DriverError> {
        self.call(crate::introspect::introspect_views).await
    }

    async fn apply_script(&mut self, script: &str) -> Result<(), ScriptError> {
        let script = script.to_owned();
        self.call_script(move |conn| apply::apply_script(conn, &script)).await
    }

    async fn apply_migration(&mut self, script: &str, row: &HistoryRow) -> Result<(), ScriptError> {
        let (script, row) = (script.to_owned(), row.clone());
        self.call_script(move |conn| apply::apply_migration(conn, &script, &row))
            .await
    }

    async fn history_table_exists(&mut self) -> Result<bool, DriverError> {
        self.call(history::exists).await
    }

    async fn create_history_table(&mut self) -> Result<(), DriverError> {
        self.call(history::create).await
    }

    async fn history(&mut self) -> Result<Vec<HistoryRow>, DriverError> {
        self.call(history::rows).await
    }

    async fn insert_history(&mut self, row: &HistoryRow) -> Result<(), DriverError> {
        let row = row.clone();
        self.call(move |conn| history::insert(conn, &row)).await
    }

    async fn update_history(&mut self, row: &HistoryRow) -> Result<(), DriverError> {
        let row = row.clone();
        self.call(move |conn| history::update(conn, &row)).await
    }

    async fn lock(&mut self) -> Result<(), DriverError> {
        self.calls.run(|conn| lock::lock(conn)).await?
    }

    async fn unlock(&mut self) -> Result<(), DriverError> {
        self.call(lock::unlock).await
    }

    async fn reset(&mut self) -> Result<(), DriverError> {
        self.call(reset::reset).await
    }

    async fn create_shadow(&mut self) -> Result<Box<dyn Driver>, DriverError> {
        // SQLite's shadow database: a fresh one in memory.
        Ok(Box::new(Self::open_with(&SqliteUrl::Memory, self.calls.blocking())?))
    }

    async fn server_version(&mut self) -> Result<String, DriverError> {
        Ok(rusqlite::version().to_string())
    }

    async fn row_count(&mut self, table: &TableName) -> Result<u64, DriverError> {
        let sql = format!(
            "SELECT count(*) FROM {}",
            migrate_core::sql_quote::quote_ident(&table.name)
        );
        self.call(move |conn| conn.query_row(&sql, [], |r| r.get::<_, i64>(0)).map(|n| n as u64))
            .await
    }

    async fn query_column(&mut self, sql: &str) -> Result<Vec<Option<String>>, DriverError> {
        let sql = sql.to_string();
        self.call(move |conn| {
            let mut statement = conn.prepare(&sql)?;
            let rows = statement.query_map([], |r| r.get::<_, rusqlite::types::Value>(0))?;
            rows.map(|value| value.map(text_of)).collect()
        })
        .await
    }
}

/// A value as text, as SQLite's `CAST(x AS TEXT)` spells it.
fn text_of(value: rusqlite::types::Value) -> Option<String> {
    use rusqlite::types::Value;
    match value {
        Value::Null => None,
        Value::Integer(i) => Some(i.to_string()),
        Value::Real(f) => Some(f.to_string()),
        Value::Text(t) => Some(t),
        Value::Blob(b) => Some(String::from_utf8_lossy(&b).into_owned()),
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
