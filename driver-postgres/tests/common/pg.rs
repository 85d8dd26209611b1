//! A fresh PostgreSQL database per test: created on the server named by
//! `MIGRATE_TEST_POSTGRES_URL` (default: the conventional local address),
//! dropped with `WITH (FORCE)` when the value goes out of scope. A server
//! that cannot be reached fails the test, saying what to set; nothing is
//! skipped silently. Everything that talks to the server is async, for
//! `#[tokio::test]`s; the clients' connections run on the test's runtime. A run narrowed by `MIGRATE_TEST_DATABASES` to leave
//! PostgreSQL out gets no database: [`test_database!`] returns from the test.
#![allow(dead_code, unused_macros, unused_imports)]

/// A fresh database for this test, or an early `return` (said on stderr)
/// when `MIGRATE_TEST_DATABASES` leaves PostgreSQL out of the run.
macro_rules! test_database {
    () => {
        match TestDatabase::if_selected().await {
            Some(db) => db,
            None => return,
        }
    };
}
pub(crate) use test_database;

use migrate_core::testing::server::unique_database_name;
pub use migrate_core::testing::server::with_database;
use migrate_core::url::redact_credentials;
use tokio_postgres::{Client, NoTls};

pub const URL_VARIABLE: &str = "MIGRATE_TEST_POSTGRES_URL";
pub const DEFAULT_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

pub struct TestDatabase {
    /// The URL of the new database (the server URL with its path replaced).
    pub url: String,
    pub name: String,
    server_url: String,
    client: Option<Client>,
}

impl TestDatabase {
    /// Creates `migrate_test_<pid>_<counter>_<nanos>` on the server of
    /// `MIGRATE_TEST_POSTGRES_URL` (else the local default) and connects to it.
    pub async fn new() -> TestDatabase {
        let server_url = std::env::var(URL_VARIABLE).unwrap_or_else(|_| DEFAULT_URL.to_string());
        TestDatabase::on_server(&server_url).await
    }

    /// [`TestDatabase::new`] when the run covers PostgreSQL; `None` (said
    /// on stderr) when `MIGRATE_TEST_DATABASES` leaves it out.
    pub async fn if_selected() -> Option<TestDatabase> {
        if !selected() {
            return None;
        }
        Some(TestDatabase::new().await)
    }

    /// The same on the server at `server_url`.
    pub async fn on_server(server_url: &str) -> TestDatabase {
        let server_url = server_url.to_string();
        let name = unique_database_name();
        let admin = connect_server(&server_url).await;
        admin
            .batch_execute(&format!("CREATE DATABASE \"{name}\""))
            .await
            .unwrap_or_else(|e| panic!("cannot create the test database {name}: {}", describe(&e)));
        let url = with_database(&server_url, &name);
        let client = connect(&url)
            .await
            .unwrap_or_else(|e| panic!("cannot connect to {}: {}", redact_credentials(&url), describe(&e)));
        TestDatabase {
            url,
            name,
            server_url,
            client: Some(client),
        }
    }

    pub fn client(&mut self) -> &mut Client {
        self.client.as_mut().expect("the client lives until drop")
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

impl Drop for TestDatabase {
    /// `Drop` cannot await, and the test's runtime (current-thread) cannot
    /// run a connection while this blocks it: the database is dropped from
    /// a thread with a runtime and a connection of its own, waited for.
    fn drop(&mut self) {
        drop(self.client.take());
        let (server_url, name) = (self.server_url.clone(), self.name.clone());
        let dropping = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime to drop the test database");
            runtime.block_on(drop_database(&server_url, &name));
        });
        let _ = dropping.join();
    }
}

async fn drop_database(server_url: &str, name: &str) {
    let Ok(admin) = connect(server_url).await else {
        return;
    };
    let statement = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    if let Err(e) = admin.batch_execute(&statement).await {
        eprintln!("could not drop the test database {name}: {}", describe(&e));
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
    let selected = migrate_core::testing::database_selected("postgres");
    if !selected {
        eprintln!("skipped: MIGRATE_TEST_DATABASES does not include postgres");
    }
    selected
}

async fn connect_server(url: &str) -> Client {
    connect(url).await.unwrap_or_else(|e| {
        panic!(
            "cannot connect to the PostgreSQL test server at {}: {}\n\
             Start a server there, or set {URL_VARIABLE} to the URL of one where this role may create \
             databases (default {DEFAULT_URL}).",
            redact_credentials(url),
            describe(&e)
        )
    })
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
