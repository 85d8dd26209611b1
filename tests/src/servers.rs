//! Databases on a server, one per test. A server comes from its
//! `MIGRATE_TEST_*_URL`; else the conventional local address, if it answers;
//! else (with the `docker` feature) a container started once for the whole
//! test run; else the test fails and says what to set.

use driver_mysql::MysqlDriver;
use migrate_core::testing::server::{unique_database_name, with_database};

const POSTGRES_DEFAULT: &str = "postgres://postgres@127.0.0.1:5432/postgres";
const MYSQL_DEFAULT: &str = "mysql://root@127.0.0.1:3306/";

pub struct ServerDatabase {
    pub url: String,
    name: String,
    admin: Admin,
}

/// How the test's database is created and dropped. Administration blocks
/// (PostgreSQL's through the `postgres` crate, MySQL's through a runtime of
/// its own), so it always runs on a thread of its own ([`off_runtime`]):
/// a test may hold a `ServerDatabase` inside `#[tokio::test]`.
enum Admin {
    Postgres(Box<postgres::Client>),
    /// The server's URL: each statement opens a session of its own.
    Mysql(String),
}

impl Admin {
    fn execute(&mut self, sql: &str) -> Result<(), String> {
        match self {
            Admin::Postgres(client) => off_runtime(|| client.batch_execute(sql).map_err(|e| e.to_string())),
            Admin::Mysql(server) => mysql_admin(server, sql, false).map(|_| ()),
        }
    }

    /// The first column of every row of `sql`, as text.
    fn query(&mut self, sql: &str) -> Result<Vec<Option<String>>, String> {
        match self {
            Admin::Postgres(client) => off_runtime(|| {
                let rows = client.simple_query(sql).map_err(|e| e.to_string())?;
                Ok(rows
                    .iter()
                    .filter_map(|m| match m {
                        postgres::SimpleQueryMessage::Row(row) => Some(row.get(0).map(str::to_string)),
                        _ => None,
                    })
                    .collect())
            }),
            Admin::Mysql(server) => mysql_admin(server, sql, true),
        }
    }
}

impl ServerDatabase {
    pub fn postgres() -> Self {
        let mut db = ServerDatabase::postgres_absent();
        db.admin
            .execute(&format!("CREATE DATABASE \"{}\"", db.name))
            .expect("create the test database");
        db
    }

    pub fn mysql() -> Self {
        let mut db = ServerDatabase::mysql_absent();
        db.admin
            .execute(&format!(
                "CREATE DATABASE `{}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
                db.name
            ))
            .expect("create the test database");
        db
    }

    /// [`ServerDatabase::mysql`] when the run covers MySQL; `None`, said on
    /// stderr, when `MIGRATE_TEST_DATABASES` leaves it out.
    pub fn mysql_if_selected() -> Option<Self> {
        if !crate::harness::DbKind::Mysql.selected() {
            eprintln!("skipped: MIGRATE_TEST_DATABASES does not include mysql");
            return None;
        }
        Some(ServerDatabase::mysql())
    }

    /// A unique database name on the PostgreSQL server that is not created:
    /// for tests of commands that create a missing database. Dropped (if
    /// it exists by then) when the test ends.
    pub fn postgres_absent() -> Self {
        let (server, admin) = off_runtime(postgres_server);
        let name = unique_database_name();
        ServerDatabase {
            url: with_database(&server, &name),
            name,
            admin: Admin::Postgres(Box::new(admin)),
        }
    }

    /// [`ServerDatabase::postgres_absent`] on the MySQL server.
    pub fn mysql_absent() -> Self {
        let server = mysql_server();
        let name = unique_database_name();
        ServerDatabase {
            url: with_database(&server, &name),
            name,
            admin: Admin::Mysql(server),
        }
    }

    /// The database's name on its server.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the server has the database now.
    pub fn exists(&mut self) -> bool {
        let sql = match self.admin {
            Admin::Postgres(_) => format!("SELECT 1 FROM pg_database WHERE datname = '{}'", self.name),
            Admin::Mysql(_) => format!(
                "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '{}'",
                self.name
            ),
        };
        !self.admin.query(&sql).expect("query the server's databases").is_empty()
    }

    /// Runs SQL as the server's administrator (roles for a test).
    pub fn admin_execute(&mut self, sql: &str) -> Result<(), String> {
        self.admin.execute(sql)
    }
}

impl Drop for ServerDatabase {
    fn drop(&mut self) {
        let sql = match self.admin {
            Admin::Postgres(_) => format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name),
            Admin::Mysql(_) => format!("DROP DATABASE IF EXISTS `{}`", self.name),
        };
        let _ = self.admin.execute(&sql);
        // The `postgres` client ends its own runtime when dropped, which a
        // thread of a tokio runtime must not do.
        if let Admin::Postgres(client) = std::mem::replace(&mut self.admin, Admin::Mysql(String::new())) {
            off_runtime(move || drop(client));
        }
    }
}

/// Runs `work` on a thread of its own, outside any async runtime, and
/// gives its result (a panic in it is the caller's).
pub fn off_runtime<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| {
        s.spawn(work)
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// A MySQL session for code outside async (test set-up, sync tests): the
/// driver and the current-thread runtime it runs on. Never used from
/// inside a runtime (blocking there panics); see [`off_runtime`].
pub struct BlockingMysql {
    runtime: tokio::runtime::Runtime,
    driver: MysqlDriver,
}

impl BlockingMysql {
    /// A session on the database `url` names, or on the server alone
    /// (no database selected) when `url` names none.
    pub fn connect(url: &str) -> Result<Self, String> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        let named = driver_mysql::MysqlUrl::parse(url).is_ok_and(|u| !u.database.is_empty());
        let driver = runtime
            .block_on(async {
                match named {
                    true => MysqlDriver::connect(url, None).await,
                    false => MysqlDriver::connect_server(url).await,
                }
            })
            .map_err(|e| e.to_string())?;
        Ok(BlockingMysql { runtime, driver })
    }

    /// Runs statements whose results are not needed.
    pub fn execute(&mut self, sql: &str) -> Result<(), String> {
        self.runtime
            .block_on(self.driver.execute(sql))
            .map_err(|e| e.to_string())
    }

    /// The first column of every row, as text.
    pub fn query_strings(&mut self, sql: &str) -> Result<Vec<Option<String>>, String> {
        self.runtime
            .block_on(self.driver.query_strings(sql))
            .map_err(|e| e.to_string())
    }
}

/// One administration statement on the MySQL server (no database
/// selected), in a session of its own, off any runtime; with `rows`, the
/// first column of every row.
fn mysql_admin(server: &str, sql: &str, rows: bool) -> Result<Vec<Option<String>>, String> {
    off_runtime(|| {
        let mut admin = BlockingMysql::connect(server)?;
        match rows {
            true => admin.query_strings(sql),
            false => admin.execute(sql).map(|()| Vec::new()),
        }
    })
}

/// The server URL and an admin connection to it.
fn postgres_server() -> (String, postgres::Client) {
    let configured = std::env::var("MIGRATE_TEST_POSTGRES_URL").ok();
    let server = configured.clone().unwrap_or_else(|| POSTGRES_DEFAULT.to_string());
    let error = match postgres::Client::connect(&server, postgres::NoTls) {
        Ok(client) => return (server, client),
        Err(e) => e.to_string(),
    };
    if configured.is_none() {
        if let Some(found) = docker::postgres() {
            return found;
        }
    }
    unreachable_server("PostgreSQL", &server, &error, "MIGRATE_TEST_POSTGRES_URL")
}

/// The URL of a MySQL server that answers.
fn mysql_server() -> String {
    let configured = std::env::var("MIGRATE_TEST_MYSQL_URL").ok();
    let server = configured.clone().unwrap_or_else(|| MYSQL_DEFAULT.to_string());
    let error = match mysql_admin(&server, "SELECT 1", false) {
        Ok(_) => return server,
        Err(e) => e,
    };
    if configured.is_none() {
        if let Some(found) = docker::mysql() {
            return found;
        }
    }
    unreachable_server("MySQL", &server, &error, "MIGRATE_TEST_MYSQL_URL")
}

fn unreachable_server(database: &str, server: &str, error: &str, variable: &str) -> ! {
    panic!(
        "{database} is not reachable at {} ({error}). Start it, or set {variable} to a server this test may create databases on, or run with `--features migrate-tests/docker` where Docker runs, or narrow the run with MIGRATE_TEST_DATABASES=sqlite.",
        migrate_core::url::redact_credentials(server)
    )
}

#[cfg(feature = "docker")]
mod docker {
    use std::sync::OnceLock;
    use std::time::{Duration, Instant};
    use testcontainers::core::{IntoContainerPort, WaitFor};
    use testcontainers::runners::SyncRunner;
    use testcontainers::{Container, GenericImage, ImageExt};

    type Started = Option<(Container<GenericImage>, String)>;

    /// One container per server kind for the whole run; removed when the
    /// process exits.
    static POSTGRES: OnceLock<Started> = OnceLock::new();
    static MYSQL: OnceLock<Started> = OnceLock::new();

    pub fn postgres() -> Option<(String, postgres::Client)> {
        let (_, url) = POSTGRES.get_or_init(start_postgres).as_ref()?;
        retry(|| postgres::Client::connect(url, postgres::NoTls).ok()).map(|c| (url.clone(), c))
    }

    pub fn mysql() -> Option<String> {
        let (_, url) = MYSQL.get_or_init(start_mysql).as_ref()?;
        retry(|| super::mysql_admin(url, "SELECT 1", false).ok()).map(|_| url.clone())
    }

    /// A fresh server can refuse connections for a few seconds after its
    /// ready message.
    fn retry<T>(mut connect: impl FnMut() -> Option<T>) -> Option<T> {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            match connect() {
                Some(c) => return Some(c),
                None if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(250)),
                None => return None,
            }
        }
    }

    fn start_postgres() -> Started {
        let container = GenericImage::new("postgres", "16-alpine")
            .with_exposed_port(5432.tcp())
            .with_wait_for(WaitFor::message_on_stderr(
                "database system is ready to accept connections",
            ))
            .with_env_var("POSTGRES_HOST_AUTH_METHOD", "trust")
            .start()
            .ok()?;
        let port = container.get_host_port_ipv4(5432).ok()?;
        Some((container, format!("postgres://postgres@127.0.0.1:{port}/postgres")))
    }

    fn start_mysql() -> Started {
        let container = GenericImage::new("mysql", "8.4")
            .with_exposed_port(3306.tcp())
            // The server started for initialisation says "ready" too, on
            // port 0; the real one names its port.
            .with_wait_for(WaitFor::message_on_stderr("port: 3306"))
            .with_env_var("MYSQL_ALLOW_EMPTY_PASSWORD", "yes")
            .start()
            .ok()?;
        let port = container.get_host_port_ipv4(3306).ok()?;
        Some((container, format!("mysql://root@127.0.0.1:{port}/")))
    }
}

#[cfg(not(feature = "docker"))]
mod docker {
    //! Without the `docker` feature no server is started.

    pub fn postgres() -> Option<(String, postgres::Client)> {
        None
    }

    pub fn mysql() -> Option<String> {
        None
    }
}
