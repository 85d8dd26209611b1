//! Databases on a server, one per test: [`TestDatabase`] (creating,
//! dropping and naming them through the registry) with the server this run
//! has. A server comes from its `MIGRATE_TEST_*_URL`; else the conventional
//! local address, if it answers; else (with the `docker` feature) a
//! container started once for the whole test run; else the test fails and
//! says what to set.

use driver_mysql::MysqlDriver;
use migrate_core::database::Database;
use migrate_core::driver::DriverError;
use migrate_core::psl::datamodel::Provider;
pub use migrate_core::testing::server::with_database;
use migrate_core::testing::server::{TestDatabase, TestServer};

/// A database of its own for one test, on the server this run has.
pub struct ServerDatabase {
    database: TestDatabase,
    /// The server's kind and URL, for administration.
    provider: Provider,
    server: String,
}

/// The database's `url` and `name()`.
impl std::ops::Deref for ServerDatabase {
    type Target = TestDatabase;

    fn deref(&self) -> &TestDatabase {
        &self.database
    }
}

/// How a test's database starts: created, or only named.
type Start = fn(&'static Database, &str) -> Result<TestDatabase, DriverError>;

impl ServerDatabase {
    pub fn postgres() -> Self {
        ServerDatabase::on(&driver_postgres::DATABASE, TestDatabase::create)
    }

    pub fn mysql() -> Self {
        ServerDatabase::on(&driver_mysql::DATABASE, TestDatabase::create)
    }

    /// [`ServerDatabase::mysql`] when the run covers MySQL; `None`, said on
    /// stderr, when `MIGRATE_TEST_DATABASES` leaves it out.
    pub fn mysql_if_selected() -> Option<Self> {
        let selected = TestServer::of(&driver_mysql::DATABASE)?.selected();
        selected.then(ServerDatabase::mysql)
    }

    /// [`ServerDatabase::mysql_if_selected`], and a session on it.
    pub async fn mysql_session() -> Option<(Self, MysqlDriver)> {
        let db = ServerDatabase::mysql_if_selected()?;
        let driver = MysqlDriver::connect(&db.url, None)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        Some((db, driver))
    }

    /// A unique database name on the PostgreSQL server that is not created:
    /// for tests of commands that create a missing database. Dropped (if
    /// it exists by then) when the test ends.
    pub fn postgres_absent() -> Self {
        ServerDatabase::on(&driver_postgres::DATABASE, TestDatabase::absent)
    }

    /// [`ServerDatabase::postgres_absent`] on the MySQL server.
    pub fn mysql_absent() -> Self {
        ServerDatabase::on(&driver_mysql::DATABASE, TestDatabase::absent)
    }

    /// Whether the server has the database now.
    pub fn exists(&mut self) -> bool {
        self.database.exists().expect("ask the server for the database")
    }

    /// Runs SQL as the server's administrator (roles for a test), in a
    /// session of its own.
    pub fn admin_execute(&mut self, sql: &str) -> Result<(), String> {
        let server = self.server.as_str();
        match self.provider {
            Provider::Mysql => off_runtime(|| BlockingMysql::connect(server)?.execute(sql)),
            _ => off_runtime(|| {
                let mut admin = postgres::Client::connect(server, postgres::NoTls).map_err(|e| e.to_string())?;
                admin.batch_execute(sql).map_err(|e| e.to_string())
            }),
        }
    }

    /// The database `start` makes on the server this run has for `database`.
    fn on(database: &'static Database, start: Start) -> Self {
        let server = TestServer::of(database).expect("a database on a server");
        let url = server.url();
        let (started, url) = match start(database, &url) {
            Ok(started) => (started, url),
            Err(error @ DriverError::Connection { .. }) => match server.configured_url() {
                None => docker::start(&server, start).unwrap_or_else(|| server.unreachable(&url, &error, DOCKER)),
                Some(_) => server.unreachable(&url, &error, DOCKER),
            },
            Err(error) => panic!("cannot create the test database: {error}"),
        };
        ServerDatabase {
            database: started,
            provider: database.provider,
            server: url,
        }
    }
}

/// The way to a server the `docker` feature adds, for the message of an
/// unreachable one.
const DOCKER: &str = ", or run with `--features migrate-tests/docker` where Docker runs";

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

#[cfg(feature = "docker")]
mod docker {
    use super::Start;
    use migrate_core::psl::datamodel::Provider;
    use migrate_core::testing::server::{TestDatabase, TestServer};
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

    /// The database `start` makes on a container of `server`'s kind, and
    /// the container's server URL.
    pub fn start(server: &TestServer, start: Start) -> Option<(TestDatabase, String)> {
        let (_, url) = match server.database.provider {
            Provider::Postgres => POSTGRES.get_or_init(start_postgres),
            _ => MYSQL.get_or_init(start_mysql),
        }
        .as_ref()?;
        retry(|| start(server.database, url).ok()).map(|database| (database, url.clone()))
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

    use super::Start;
    use migrate_core::testing::server::{TestDatabase, TestServer};

    pub fn start(_: &TestServer, _: Start) -> Option<(TestDatabase, String)> {
        None
    }
}
