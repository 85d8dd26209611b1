//! The connected half: one session on a PostgreSQL database behind the
//! [`Driver`] trait. Migrations work in the URL's schema (`?schema=`).

mod apply;
mod create_database;
mod error;
mod history;
mod lock;
mod session;
mod shadow;
mod statements;
mod stored_columns;
mod tls;
mod url;

pub use create_database::create_database;
pub use url::{PgUrl, SslMode};

use crate::PostgresDialect;
use error::query_error;
use migrate_core::driver::{Dialect, Driver, DriverError, ScriptError};
use migrate_core::migrations::HistoryRow;
use migrate_core::schema::{Column, Schema};
use postgres::Client;
use shadow::ShadowDatabase;

pub struct PostgresDriver {
    client: Client,
    url: PgUrl,
    /// `shadowDatabaseUrl`, when the datasource names one.
    shadow_url: Option<String>,
    /// Set on a shadow database this driver created: dropped with it.
    _shadow: Option<ShadowDatabase>,
}

impl PostgresDriver {
    pub fn connect(url: &str, shadow_url: Option<String>) -> Result<Self, DriverError> {
        let url = PgUrl::parse(url).map_err(|e| DriverError::Connection(format!("invalid PostgreSQL URL: {e}")))?;
        Self::open(url, shadow_url, None)
    }

    fn open(url: PgUrl, shadow_url: Option<String>, shadow: Option<ShadowDatabase>) -> Result<Self, DriverError> {
        let mut client = session::connect(&url)?;
        let mut setup = format!("SET search_path TO {};", crate::dialect::quote_ident(&url.schema));
        if let Some(limit) = url.socket_timeout {
            // `socket_timeout`: the server cancels a statement that runs longer.
            setup.push_str(&format!("SET statement_timeout = {};", limit.as_millis()));
        }
        client.batch_execute(&setup).map_err(query_error)?;
        Ok(PostgresDriver {
            client,
            url,
            shadow_url,
            _shadow: shadow,
        })
    }

    pub fn client(&mut self) -> &mut Client {
        &mut self.client
    }

    pub fn url(&self) -> &PgUrl {
        &self.url
    }
}

impl Driver for PostgresDriver {
    fn dialect(&self) -> &dyn Dialect {
        &PostgresDialect
    }

    fn introspect(&mut self) -> Result<Schema, DriverError> {
        crate::introspect::introspect(&mut self.client, &self.url.schema).map_err(query_error)
    }

    fn apply_script(&mut self, script: &str) -> Result<(), ScriptError> {
        apply::apply_script(&mut self.client, script)
    }

    fn apply_migration(&mut self, script: &str, row: &HistoryRow) -> Result<(), ScriptError> {
        apply::apply_migration(&mut self.client, &self.url.schema, script, row)
    }

    fn history_table_exists(&mut self) -> Result<bool, DriverError> {
        history::exists(&mut self.client, &self.url.schema).map_err(query_error)
    }

    fn create_history_table(&mut self) -> Result<(), DriverError> {
        history::create(&mut self.client, &self.url.schema).map_err(query_error)
    }

    fn history(&mut self) -> Result<Vec<HistoryRow>, DriverError> {
        history::rows(&mut self.client, &self.url.schema).map_err(query_error)
    }

    fn insert_history(&mut self, row: &HistoryRow) -> Result<(), DriverError> {
        history::insert(&mut self.client, &self.url.schema, row).map_err(query_error)
    }

    fn update_history(&mut self, row: &HistoryRow) -> Result<(), DriverError> {
        history::update(&mut self.client, &self.url.schema, row).map_err(query_error)
    }

    fn lock(&mut self) -> Result<(), DriverError> {
        lock::lock(&mut self.client)
    }

    fn unlock(&mut self) -> Result<(), DriverError> {
        lock::unlock(&mut self.client)
    }

    fn reset(&mut self) -> Result<(), DriverError> {
        let schema = crate::dialect::quote_ident(&self.url.schema);
        let sql = format!("DROP SCHEMA IF EXISTS {schema} CASCADE;\nCREATE SCHEMA {schema};");
        self.client.batch_execute(&sql).map_err(query_error)
    }

    fn create_shadow(&mut self) -> Result<Box<dyn Driver>, DriverError> {
        if let Some(url) = &self.shadow_url {
            let mut shadow = PostgresDriver::connect(url, None)?;
            if shadow.url.database == self.url.database && shadow.url.host == self.url.host {
                return Err(DriverError::Connection(
                    "shadowDatabaseUrl points at the main database; it must name another database".into(),
                ));
            }
            shadow.reset()?;
            return Ok(Box::new(shadow));
        }
        let created = ShadowDatabase::create(&self.url)?;
        let url = self.url.with_database(&created.name);
        Ok(Box::new(PostgresDriver::open(url, None, Some(created))?))
    }

    fn stored_columns(&mut self, columns: &[Column]) -> Result<Vec<Option<Column>>, DriverError> {
        Ok(stored_columns::stored_columns(&mut self.client, columns))
    }

    fn row_count(&mut self, table: &str) -> Result<u64, DriverError> {
        let sql = format!("SELECT count(*) FROM {}", crate::dialect::quote_ident(table));
        let row = self.client.query_one(&sql, &[]).map_err(query_error)?;
        Ok(row.get::<_, i64>(0) as u64)
    }
}
