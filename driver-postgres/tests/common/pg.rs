//! A fresh PostgreSQL database per test, with a client on it: the shared
//! [`server::TestDatabase`] (created on the server of
//! `MIGRATE_TEST_POSTGRES_URL`, default the conventional local address, and
//! dropped `WITH (FORCE)` when the value goes out of scope) bound to
//! PostgreSQL. A server that cannot be reached fails the test, saying what
//! to set; nothing is skipped silently. The client's connection runs on the
//! test's runtime. A run narrowed by `MIGRATE_TEST_DATABASES` to leave
//! PostgreSQL out gets no database: [`test_database!`] returns from the test.
#![allow(dead_code, unused_macros, unused_imports)]

/// A fresh database for this test, or an early `return` (said on stderr)
/// when `MIGRATE_TEST_DATABASES` leaves PostgreSQL out.
macro_rules! test_database {
    () => {
        match TestDatabase::if_selected().await {
            Some(db) => db,
            None => return,
        }
    };
}
pub(crate) use test_database;

use migrate_core::testing::server::{self, TestServer};
use migrate_core::url::redact_credentials;
use tokio_postgres::{Client, NoTls};

pub struct TestDatabase {
    /// Dropped before the database is.
    client: Client,
    database: server::TestDatabase,
}

/// The database's URL and name.
impl std::ops::Deref for TestDatabase {
    type Target = server::TestDatabase;

    fn deref(&self) -> &server::TestDatabase {
        &self.database
    }
}

impl TestDatabase {
    /// A fresh database on the test server, and a client on it.
    pub async fn new() -> TestDatabase {
        TestDatabase::on_server(&test_server().url()).await
    }

    /// [`TestDatabase::new`] when the run covers PostgreSQL; `None` (said
    /// on stderr) when `MIGRATE_TEST_DATABASES` leaves it out.
    pub async fn if_selected() -> Option<TestDatabase> {
        Some(TestDatabase::with_client(test_server().fresh_database()?).await)
    }

    /// The same on the server at `server_url`.
    pub async fn on_server(server_url: &str) -> TestDatabase {
        TestDatabase::with_client(test_server().database_on(server_url)).await
    }

    async fn with_client(database: server::TestDatabase) -> TestDatabase {
        let client = connect(&database.url).await.unwrap_or_else(|e| {
            panic!(
                "cannot connect to {}: {}",
                redact_credentials(&database.url),
                describe(&e)
            )
        });
        TestDatabase { client, database }
    }

    pub fn client(&mut self) -> &mut Client {
        &mut self.client
    }

    /// Runs a script as one simple-query batch, as `migrate` applies a
    /// migration; panics with the error and the script.
    pub async fn apply(&mut self, script: &str) {
        if let Err(e) = self.client().batch_execute(script).await {
            panic!("script failed: {}\n--- script ---\n{script}", describe(&e));
        }
    }

    /// Runs a script that must fail; returns the error message.
    pub async fn apply_err(&mut self, script: &str) -> String {
        match self.client().batch_execute(script).await {
            Ok(()) => panic!("script should have failed:\n{script}"),
            Err(e) => describe(&e),
        }
    }

    /// The first column of every row of `sql`, as text (`NULL` as "NULL").
    pub async fn texts(&mut self, sql: &str) -> Vec<String> {
        let rows = self
            .client()
            .simple_query(sql)
            .await
            .unwrap_or_else(|e| panic!("query failed: {}\n{sql}", describe(&e)));
        rows.into_iter()
            .filter_map(|message| match message {
                tokio_postgres::SimpleQueryMessage::Row(row) => Some(row.get(0).unwrap_or("NULL").to_string()),
                _ => None,
            })
            .collect()
    }

    /// The single value of `sql`, as text.
    pub async fn text(&mut self, sql: &str) -> String {
        let mut values = self.texts(sql).await;
        assert_eq!(values.len(), 1, "expected one row from {sql}, got {values:?}");
        values.remove(0)
    }
}

/// A client on `url` without TLS, its connection spawned on the current
/// runtime.
pub async fn connect(url: &str) -> Result<Client, tokio_postgres::Error> {
    let (client, connection) = tokio_postgres::connect(url, NoTls).await?;
    tokio::spawn(async move {
        let _ = connection.await;
    });
    Ok(client)
}

/// Whether the run covers PostgreSQL; when it does not, says so on stderr.
pub fn selected() -> bool {
    test_server().selected()
}

/// The server the tests create their databases on.
fn test_server() -> TestServer {
    TestServer::of(&driver_postgres::DATABASE).expect("PostgreSQL has a server")
}

/// A driver error with the server's message, detail and hint when there are.
pub fn describe(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => {
            let mut text = format!("{}: {}", db.code().code(), db.message());
            for extra in [db.detail(), db.hint()].into_iter().flatten() {
                text.push_str(&format!(" ({extra})"));
            }
            text
        }
        None => e.to_string(),
    }
}
