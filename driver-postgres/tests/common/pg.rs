//! A fresh PostgreSQL database per test: created on the server named by
//! `MIGRATE_TEST_POSTGRES_URL` (default: the conventional local address),
//! dropped with `WITH (FORCE)` when the value goes out of scope. A server
//! that cannot be reached fails the test, saying what to set; nothing is
//! skipped silently. A run narrowed by `MIGRATE_TEST_DATABASES` to leave
//! PostgreSQL out gets no database: [`test_database!`] returns from the test.
#![allow(dead_code, unused_macros, unused_imports)]

/// A fresh database for this test, or an early `return` (said on stderr)
/// when `MIGRATE_TEST_DATABASES` leaves PostgreSQL out of the run.
macro_rules! test_database {
    () => {
        match TestDatabase::if_selected() {
            Some(db) => db,
            None => return,
        }
    };
}
pub(crate) use test_database;

use migrate_core::testing::server::unique_database_name;
pub use migrate_core::testing::server::with_database;
use migrate_core::url::redact_credentials;
use postgres::{Client, NoTls};

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
    pub fn new() -> TestDatabase {
        let server_url = std::env::var(URL_VARIABLE).unwrap_or_else(|_| DEFAULT_URL.to_string());
        TestDatabase::on_server(&server_url)
    }

    /// [`TestDatabase::new`] when the run covers PostgreSQL; `None` (said
    /// on stderr) when `MIGRATE_TEST_DATABASES` leaves it out.
    pub fn if_selected() -> Option<TestDatabase> {
        selected().then(TestDatabase::new)
    }

    /// The same on the server at `server_url`.
    pub fn on_server(server_url: &str) -> TestDatabase {
        let server_url = server_url.to_string();
        let name = unique_database_name();
        let mut admin = connect_server(&server_url);
        admin
            .batch_execute(&format!("CREATE DATABASE \"{name}\""))
            .unwrap_or_else(|e| panic!("cannot create the test database {name}: {}", describe(&e)));
        let url = with_database(&server_url, &name);
        let client = Client::connect(&url, NoTls)
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
    pub fn apply(&mut self, script: &str) {
        if let Err(e) = self.client().batch_execute(script) {
            panic!("script failed: {}\n--- script ---\n{script}", describe(&e));
        }
    }

    /// Runs a script that must fail; returns the error message.
    pub fn apply_err(&mut self, script: &str) -> String {
        match self.client().batch_execute(script) {
            Ok(()) => panic!("script should have failed:\n{script}"),
            Err(e) => describe(&e),
        }
    }

    /// The first column of every row of `sql`, as text (`NULL` as "NULL").
    pub fn texts(&mut self, sql: &str) -> Vec<String> {
        let rows = self
            .client()
            .simple_query(sql)
            .unwrap_or_else(|e| panic!("query failed: {}\n{sql}", describe(&e)));
        rows.into_iter()
            .filter_map(|message| match message {
                postgres::SimpleQueryMessage::Row(row) => Some(row.get(0).unwrap_or("NULL").to_string()),
                _ => None,
            })
            .collect()
    }

    /// The single value of `sql`, as text.
    pub fn text(&mut self, sql: &str) -> String {
        let mut values = self.texts(sql);
        assert_eq!(values.len(), 1, "expected one row from {sql}, got {values:?}");
        values.remove(0)
    }
}

impl Default for TestDatabase {
    fn default() -> Self {
        TestDatabase::new()
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        drop(self.client.take());
        let Ok(mut admin) = Client::connect(&self.server_url, NoTls) else {
            return;
        };
        let statement = format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name);
        if let Err(e) = admin.batch_execute(&statement) {
            eprintln!("could not drop the test database {}: {}", self.name, describe(&e));
        }
    }
}

/// Whether the run covers PostgreSQL; when it does not, says so on stderr.
pub fn selected() -> bool {
    let selected = migrate_core::testing::database_selected("postgres");
    if !selected {
        eprintln!("skipped: MIGRATE_TEST_DATABASES does not include postgres");
    }
    selected
}

fn connect_server(url: &str) -> Client {
    Client::connect(url, NoTls).unwrap_or_else(|e| {
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
pub fn describe(e: &postgres::Error) -> String {
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
