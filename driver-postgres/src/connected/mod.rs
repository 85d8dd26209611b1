//! The connected half: one session on a PostgreSQL database behind the
//! [`Driver`] trait. Migrations work in the URL's schema (`?schema=`).

mod apply;
mod create_database;
mod database;
mod drop_database;
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
pub use database::DATABASE;
pub use drop_database::drop_database;
pub(crate) use session::Session;
pub use url::{PgUrl, SslMode};

use crate::PostgresDialect;
use error::query_error;
use migrate_core::driver::{Dialect, Driver, DriverError, ScriptError};
use migrate_core::migrations::HistoryRow;
use migrate_core::schema::{Column, Schema, TableName};
use shadow::ShadowDatabase;
use tokio::task::JoinHandle;
use tokio_postgres::Client;

/// A session on one PostgreSQL database, on the caller's tokio runtime
/// (IO and time enabled). End it with [`Driver::close`]: a shadow database
/// the driver created is then dropped, awaited.
pub struct PostgresDriver {
    client: Client,
    /// The task driving the client's connection.
    connection: JoinHandle<()>,
    url: PgUrl,
    /// The datasource's `schemas` (multiSchema); empty: the URL's schema alone.
    namespaces: Vec<String>,
    /// `shadowDatabaseUrl`, when the datasource names one.
    shadow_url: Option<String>,
    /// Set on a shadow database this driver created: dropped by `close`, or
    /// with the driver (after its session, the field being last).
    shadow: Option<ShadowDatabase>,
}

impl PostgresDriver {
    /// Which schema of which database of which server this session is
    /// in, by the server's own facts rather than the URL's spelling
    /// (`localhost` and `127.0.0.1` are one server): the postmaster's start
    /// time and port, the database's oid, and the schema.
    async fn identity(&self) -> Result<String, DriverError> {
        const SQL: &str = "SELECT pg_catalog.pg_postmaster_start_time()::text || ' ' || \
            pg_catalog.current_setting('port') || ' ' || d.oid::text \
            FROM pg_catalog.pg_database AS d WHERE d.datname = pg_catalog.current_database()";
        let row = self.client.query_one(SQL, &[]).await.map_err(query_error)?;
        Ok(format!("{} {}", row.get::<_, String>(0), self.url.schema))
    }

    /// A session on the database `url` names (`?schema=` set as the search
    /// path); `shadow_url` is the datasource's `shadowDatabaseUrl`. Spawns
    /// the connection on the caller's runtime.
    ///
    /// Errors: [`DriverError::Connection`] for an invalid URL or a server
    /// that cannot be reached within `connect_timeout`,
    /// [`DriverError::DatabaseMissing`] for a database the server lacks.
    pub async fn connect(url: &str, shadow_url: Option<String>) -> Result<Self, DriverError> {
        let url = url::session_url(url)?;
        Self::open(url, shadow_url).await
    }

    /// This session reads, and a reset empties, the datasource's `schemas`
    /// (multiSchema) besides the URL's own.
    pub fn with_namespaces(self, namespaces: Vec<String>) -> Self {
        PostgresDriver { namespaces, ..self }
    }

    /// The database schemas this session introspects.
    fn introspected(&self) -> crate::introspect::Namespaces {
        crate::introspect::Namespaces {
            session: self.url.schema.clone(),
            listed: self.namespaces.clone(),
        }
    }

    async fn open(url: PgUrl, shadow_url: Option<String>) -> Result<Self, DriverError> {
        let Session { client, connection } = session::connect(&url).await?;
        let mut setup = format!("SET search_path TO {};", crate::dialect::quote_ident(&url.schema));
        if let Some(limit) = url.timeouts.socket {
            // `socket_timeout`: the server cancels a statement that runs longer.
            setup.push_str(&format!("SET statement_timeout = {};", limit.as_millis()));
        }
        client.batch_execute(&setup).await.map_err(query_error)?;
        Ok(PostgresDriver {
            client,
            connection,
            url,
            namespaces: Vec::new(),
            shadow_url,
            shadow: None,
        })
    }

    /// The session's client (`Client::query*` take `&self`; a transaction
    /// needs `&mut`).
    pub fn client(&mut self) -> &mut Client {
        &mut self.client
    }

    /// The URL the session was opened with, parsed.
    pub fn url(&self) -> &PgUrl {
        &self.url
    }

    /// A new shadow database on the main one's server, and a driver on it.
    async fn created_shadow(&self) -> Result<PostgresDriver, DriverError> {
        let created = ShadowDatabase::create(&self.url).await?;
        match PostgresDriver::open(self.url.with_database(&created.name), None).await {
            Ok(driver) => Ok(PostgresDriver {
                shadow: Some(created),
                namespaces: self.namespaces.clone(),
                ..driver
            }),
            Err(e) => {
                let _ = created.drop_database().await;
                Err(e)
            }
        }
    }
}

#[async_trait::async_trait]
impl Driver for PostgresDriver {
    fn dialect(&self) -> &dyn Dialect {
        &PostgresDialect
    }

    async fn introspect(&mut self) -> Result<Schema, DriverError> {
        let namespaces = self.introspected();
        crate::introspect::introspect_in(&mut self.client, &namespaces)
            .await
            .map_err(query_error)
    }

    fn namespaces(&self) -> Vec<String> {
        std::iter::once(self.url.schema.clone())
            .chain(self.namespaces.iter().cloned())
            .collect()
    }

    async fn introspect_views(&mut self) -> Result<Vec<migrate_core::schema::View>, DriverError> {
        crate::introspect::introspect_views(&self.client, &self.introspected())
            .await
            .map_err(query_error)
    }

    async fn has_tables(&mut self) -> Result<bool, DriverError> {
        crate::introspect::has_tables(&self.client, &self.introspected())
            .await
            .map_err(query_error)
    }

    async fn apply_script(&mut self, script: &str) -> Result<(), ScriptError> {
        apply::apply_script(&self.client, script).await
    }

    async fn apply_migration(&mut self, script: &str, row: &HistoryRow) -> Result<(), ScriptError> {
        apply::apply_migration(&mut self.client, &self.url.schema, script, row).await
    }

    async fn history_table_exists(&mut self) -> Result<bool, DriverError> {
        history::exists(&self.client, &self.url.schema)
            .await
            .map_err(query_error)
    }

    async fn create_history_table(&mut self) -> Result<(), DriverError> {
        history::create(&self.client, &self.url.schema)
            .await
            .map_err(query_error)
    }

    async fn history(&mut self) -> Result<Vec<HistoryRow>, DriverError> {
        history::rows(&self.client, &self.url.schema).await.map_err(query_error)
    }

    async fn insert_history(&mut self, row: &HistoryRow) -> Result<(), DriverError> {
        history::insert(&self.client, &self.url.schema, row)
            .await
            .map_err(query_error)
    }

    async fn update_history(&mut self, row: &HistoryRow) -> Result<(), DriverError> {
        history::update(&self.client, &self.url.schema, row)
            .await
            .map_err(query_error)
    }

    async fn lock(&mut self) -> Result<(), DriverError> {
        lock::lock(&self.client, &self.url.schema).await
    }

    async fn unlock(&mut self) -> Result<(), DriverError> {
        lock::unlock(&self.client, &self.url.schema).await
    }

    /// Drops the URL's schema and the datasource's `schemas` with all they
    /// hold (as Prisma 6.19.3's reset does), and creates the URL's again,
    /// and `public` when listed: the database is then as a new one, which
    /// has `public`, and which migrations were made against (the shadow
    /// database is one), so they create the other schemas but not that one.
    async fn reset(&mut self) -> Result<(), DriverError> {
        let quote = crate::dialect::quote_ident;
        let schema = quote(&self.url.schema);
        let mut sql = String::new();
        for other in self.namespaces.iter().filter(|n| **n != self.url.schema) {
            sql.push_str(&format!("DROP SCHEMA IF EXISTS {} CASCADE;\n", quote(other)));
        }
        sql.push_str(&format!(
            "DROP SCHEMA IF EXISTS {schema} CASCADE;\nCREATE SCHEMA {schema};"
        ));
        if self.url.schema != "public" && self.namespaces.iter().any(|n| n == "public") {
            sql.push_str("\nCREATE SCHEMA IF NOT EXISTS \"public\";");
        }
        self.client.batch_execute(&sql).await.map_err(query_error)
    }

    async fn create_shadow(&mut self) -> Result<Box<dyn Driver>, DriverError> {
        if let Some(url) = &self.shadow_url {
            let mut shadow = PostgresDriver::connect(url, None)
                .await?
                .with_namespaces(self.namespaces.clone());
            if shadow.identity().await? == self.identity().await? {
                return Err(DriverError::ShadowIsMain(self.url.describe()));
            }
            shadow.reset().await?;
            return Ok(Box::new(shadow));
        }
        Ok(Box::new(self.created_shadow().await?))
    }

    /// Closes the session, then drops the shadow database this driver
    /// created (on the main database's connection).
    async fn close(self: Box<Self>) -> Result<(), DriverError> {
        let PostgresDriver {
            client,
            connection,
            shadow,
            ..
        } = *self;
        Session { client, connection }.close().await;
        match shadow {
            Some(shadow) => shadow.drop_database().await,
            None => Ok(()),
        }
    }

    async fn stored_columns(&mut self, columns: &[Column]) -> Result<Vec<Option<Column>>, DriverError> {
        Ok(stored_columns::stored_columns(&mut self.client, columns).await)
    }

    async fn server_version(&mut self) -> Result<String, DriverError> {
        let row = self
            .client()
            .query_one("SHOW server_version", &[])
            .await
            .map_err(query_error)?;
        Ok(row.get(0))
    }

    async fn row_count(&mut self, table: &TableName) -> Result<u64, DriverError> {
        let sql = format!("SELECT count(*) FROM {}", crate::dialect::quote::quote_table(table));
        let row = self.client.query_one(&sql, &[]).await.map_err(query_error)?;
        Ok(row.get::<_, i64>(0) as u64)
    }

    async fn rows_holding(
        &mut self,
        table: &TableName,
        column: &str,
        list: bool,
        values: &[String],
    ) -> Result<Option<u64>, DriverError> {
        let column = crate::dialect::quote_ident(column);
        let holds = match list {
            true => format!("{column}::text[] && $1::text[]"),
            false => format!("{column}::text = ANY($1::text[])"),
        };
        let sql = format!(
            "SELECT count(*) FROM {} WHERE {holds}",
            crate::dialect::quote::quote_table(table)
        );
        let row = self.client.query_one(&sql, &[&values]).await.map_err(query_error)?;
        Ok(Some(row.get::<_, i64>(0) as u64))
    }

    async fn query_column(&mut self, sql: &str) -> Result<Vec<Option<String>>, DriverError> {
        let messages = self.client.simple_query(sql).await.map_err(query_error)?;
        Ok(messages
            .iter()
            .filter_map(|m| match m {
                tokio_postgres::SimpleQueryMessage::Row(row) => Some(row.get(0).map(str::to_string)),
                _ => None,
            })
            .collect())
    }
}
