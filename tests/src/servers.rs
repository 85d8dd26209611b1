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

/// A session on the server that creates and drops the test's database.
enum Admin {
    Postgres(postgres::Client),
    Mysql(MysqlDriver),
}

impl ServerDatabase {
    pub fn postgres() -> Self {
        let (server, mut admin) = postgres_server();
        let name = unique_database_name();
        admin
            .batch_execute(&format!("CREATE DATABASE \"{name}\""))
            .expect("create the test database");
        let url = with_database(&server, &name);
        ServerDatabase {
            url,
            name,
            admin: Admin::Postgres(admin),
        }
    }

    pub fn mysql() -> Self {
        let (server, mut admin) = mysql_server();
        let name = unique_database_name();
        admin
            .execute(&format!(
                "CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
            ))
            .expect("create the test database");
        let url = with_database(&server, &name);
        ServerDatabase {
            url,
            name,
            admin: Admin::Mysql(admin),
        }
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
        let (server, admin) = postgres_server();
        let name = unique_database_name();
        ServerDatabase {
            url: with_database(&server, &name),
            name,
            admin: Admin::Postgres(admin),
        }
    }

    /// [`ServerDatabase::postgres_absent`] on the MySQL server.
    pub fn mysql_absent() -> Self {
        let (server, admin) = mysql_server();
        let name = unique_database_name();
        ServerDatabase {
            url: with_database(&server, &name),
            name,
            admin: Admin::Mysql(admin),
        }
    }

    /// The database's name on its server.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the server has the database now.
    pub fn exists(&mut self) -> bool {
        match &mut self.admin {
            Admin::Postgres(client) => client
                .query_opt("SELECT 1 FROM pg_database WHERE datname = $1", &[&self.name])
                .expect("query pg_database")
                .is_some(),
            Admin::Mysql(driver) => !driver
                .query_strings(&format!(
                    "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '{}'",
                    self.name
                ))
                .expect("query information_schema")
                .is_empty(),
        }
    }

    /// Runs SQL as the server's administrator (roles for a test).
    pub fn admin_execute(&mut self, sql: &str) -> Result<(), String> {
        match &mut self.admin {
            Admin::Postgres(client) => client.batch_execute(sql).map_err(|e| e.to_string()),
            Admin::Mysql(driver) => driver.execute(sql).map_err(|e| e.to_string()),
        }
    }
}

impl Drop for ServerDatabase {
    fn drop(&mut self) {
        let _ = match &mut self.admin {
            Admin::Postgres(client) => client
                .batch_execute(&format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name))
                .map_err(|e| e.to_string()),
            Admin::Mysql(driver) => driver
                .execute(&format!("DROP DATABASE IF EXISTS `{}`", self.name))
                .map_err(|e| e.to_string()),
        };
    }
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

/// The server URL and an admin session on it (no database selected).
fn mysql_server() -> (String, MysqlDriver) {
    let configured = std::env::var("MIGRATE_TEST_MYSQL_URL").ok();
    let server = configured.clone().unwrap_or_else(|| MYSQL_DEFAULT.to_string());
    let error = match MysqlDriver::connect_server(&server) {
        Ok(admin) => return (server, admin),
        Err(e) => e.to_string(),
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
    use driver_mysql::MysqlDriver;
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

    pub fn mysql() -> Option<(String, MysqlDriver)> {
        let (_, url) = MYSQL.get_or_init(start_mysql).as_ref()?;
        retry(|| MysqlDriver::connect_server(url).ok()).map(|c| (url.clone(), c))
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
    use driver_mysql::MysqlDriver;

    pub fn postgres() -> Option<(String, postgres::Client)> {
        None
    }

    pub fn mysql() -> Option<(String, MysqlDriver)> {
        None
    }
}
