//! Databases on a PostgreSQL or MySQL server, one per test, for any
//! registered database kind (the drivers' own tests and the cross-driver
//! suite alike): where the tests find the server, the database's unique
//! name and URL, creating it with the registry's `create_database` and
//! dropping it with `drop_database` when the test ends.
//!
//! A server comes from its `MIGRATE_TEST_*_URL`, else the conventional
//! local address; one that does not answer fails the test and says what to
//! set. `MIGRATE_TEST_DATABASES` narrows a run on purpose.

use super::database_selected;
use crate::database::{Connect, Database, IfMissing};
use crate::driver::DriverError;
use crate::psl::datamodel::Provider;
use crate::url::redact_credentials;
use std::future::Future;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// The server a database kind's tests create their databases on.
#[derive(Debug, Clone, Copy)]
pub struct TestServer {
    /// The registered database kind.
    pub database: &'static Database,
    /// Its name in `MIGRATE_TEST_DATABASES` (`postgres`).
    pub name: &'static str,
    /// The variable naming the server's URL (`MIGRATE_TEST_POSTGRES_URL`).
    pub variable: &'static str,
    /// The server's conventional local address, used when the variable is unset.
    pub local_url: &'static str,
}

impl TestServer {
    /// The test server of `database`; `None` for a database without a
    /// server (SQLite).
    pub fn of(database: &'static Database) -> Option<TestServer> {
        let (name, variable, local_url) = match database.provider {
            Provider::Postgres => (
                "postgres",
                "MIGRATE_TEST_POSTGRES_URL",
                "postgres://postgres@127.0.0.1:5432/postgres",
            ),
            Provider::Mysql => ("mysql", "MIGRATE_TEST_MYSQL_URL", "mysql://root@127.0.0.1:3306/"),
            Provider::Sqlite => return None,
        };
        Some(TestServer {
            database,
            name,
            variable,
            local_url,
        })
    }

    /// Whether the run covers this database; when it does not, says so on
    /// stderr.
    pub fn selected(&self) -> bool {
        database_selected(self.name)
    }

    /// The server's URL as its variable sets it, if it does.
    pub fn configured_url(&self) -> Option<String> {
        std::env::var(self.variable).ok()
    }

    /// The configured URL, else the conventional local address.
    pub fn url(&self) -> String {
        self.configured_url().unwrap_or_else(|| self.local_url.to_string())
    }

    /// A fresh database on the server of [`TestServer::url`], or `None`
    /// (said on stderr) when the run leaves this database out.
    pub fn fresh_database(&self) -> Option<TestDatabase> {
        self.selected().then(|| self.database_on(&self.url()))
    }

    /// A fresh database on the server at `server`; a server that does not
    /// answer fails the test ([`TestServer::unreachable`]).
    pub fn database_on(&self, server: &str) -> TestDatabase {
        match TestDatabase::create(self.database, server) {
            Ok(database) => database,
            Err(e @ DriverError::Connection { .. }) => self.unreachable(server, &e, ""),
            Err(e) => panic!("cannot create the test database: {e}"),
        }
    }

    /// Fails the test: the server at `server` did not answer (`error`).
    /// The message says what to set, and never the password; `also` adds
    /// the ways to a server that this run has besides (`, or ...`).
    pub fn unreachable(&self, server: &str, error: &DriverError, also: &str) -> ! {
        panic!(
            "{} is not reachable at {} ({error}). Start it, or set {} to a server this test may create databases on{also}, or narrow the run with MIGRATE_TEST_DATABASES=sqlite.",
            self.database.display_name,
            redact_credentials(server),
            self.variable,
        )
    }
}

/// A database of its own for one test, on a server, dropped (with the
/// registry's `drop_database`) when this is dropped, also when the test
/// fails. Creating, checking and dropping it run on a thread of their own
/// with a current-thread runtime of their own: `Drop` cannot await, and the
/// test may hold the database inside a runtime, which blocking would stall.
#[derive(Debug)]
pub struct TestDatabase {
    /// The database's URL: the server's, its path replaced by the name.
    pub url: String,
    name: String,
    database: &'static Database,
}

impl TestDatabase {
    /// Creates a database of a unique name on the server at `server` (a
    /// URL of the server; its path is replaced).
    pub fn create(database: &'static Database, server: &str) -> Result<TestDatabase, DriverError> {
        let name = unique_database_name();
        let url = with_database(server, &name);
        on_own_runtime((database.create_database)(&url))?;
        Ok(TestDatabase { url, name, database })
    }

    /// A unique name on the server at `server` that is not created (for
    /// tests of commands that create a missing database), dropped if it
    /// exists by then. The error: the server does not answer.
    pub fn absent(database: &'static Database, server: &str) -> Result<TestDatabase, DriverError> {
        let name = unique_database_name();
        let url = with_database(server, &name);
        exists(database, &url)?;
        Ok(TestDatabase { url, name, database })
    }

    /// The database's name on its server.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the server has the database now.
    pub fn exists(&self) -> Result<bool, DriverError> {
        exists(self.database, &self.url)
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Err(e) = on_own_runtime((self.database.drop_database)(&self.url)) {
            eprintln!("could not drop the test database {}: {e}", self.name);
        }
    }
}

/// Whether the server has the database `url` names: a session on it opens,
/// or the driver says it is missing.
fn exists(database: &'static Database, url: &str) -> Result<bool, DriverError> {
    on_own_runtime(async {
        let request = Connect {
            url,
            shadow_url: None,
            base_dir: Path::new("."),
            if_missing: IfMissing::Fail,
            blocking_calls: crate::database::BlockingCalls::OwnThread,
            namespaces: &[],
        };
        match (database.connect)(request).await {
            Ok(session) => session.close().await.map(|()| true),
            Err(DriverError::DatabaseMissing { .. }) => Ok(false),
            Err(e) => Err(e),
        }
    })
}

/// Runs `work` to its end on a thread of its own, with a current-thread
/// runtime of its own (a panic in it is the caller's).
fn on_own_runtime<T: Send>(work: impl Future<Output = T> + Send) -> T {
    std::thread::scope(|scope| {
        let thread = scope.spawn(|| {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime for the test database")
                .block_on(work)
        });
        thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// `migrate_test_<pid>_<counter>_<nanos>`: unique among the tests of all the
/// processes sharing one server.
pub fn unique_database_name() -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let counter = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!("migrate_test_{}_{counter}_{nanos}", std::process::id())
}

/// `url` with its database path replaced by `database`, the query kept.
pub fn with_database(url: &str, database: &str) -> String {
    let (main, query) = url.split_once('?').map_or((url, None), |(m, q)| (m, Some(q)));
    let authority_start = main.find("://").map_or(0, |i| i + 3);
    let base = match main[authority_start..].find('/') {
        Some(i) => &main[..authority_start + i],
        None => main,
    };
    match query {
        Some(q) => format!("{base}/{database}?{q}"),
        None => format!("{base}/{database}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_database_urls() {
        let url = "postgres://me:pw@db.local:5433/postgres?sslmode=disable";
        assert_eq!(
            with_database(url, "x"),
            "postgres://me:pw@db.local:5433/x?sslmode=disable"
        );
        assert_eq!(with_database("postgres://me@h", "x"), "postgres://me@h/x");
        assert_eq!(with_database("mysql://root@h:3306/", "x"), "mysql://root@h:3306/x");
    }

    #[test]
    fn names_are_unique() {
        assert_ne!(unique_database_name(), unique_database_name());
        assert!(unique_database_name().starts_with(&format!("migrate_test_{}_", std::process::id())));
    }
}
