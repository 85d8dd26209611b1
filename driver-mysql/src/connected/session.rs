//! One blocking session over mysql_async: a current-thread runtime of its
//! own, so the [`Driver`](migrate_core::driver::Driver) stays synchronous.

use super::error::{connection_error, describe};
use super::url::{MysqlUrl, SslMode};
use migrate_core::driver::DriverError;
use mysql_async::prelude::{FromRow, Queryable};
use mysql_async::{Conn, OptsBuilder, Params, SslOpts};
use std::future::Future;
use std::time::Duration;
use tokio::runtime::Runtime;

pub struct Session {
    rt: Runtime,
    /// `None` when a statement ran out of time and no new connection could
    /// take the place of the one closed.
    conn: Option<Conn>,
    /// Statements sent, for tests that show a command's round trips.
    sent: u64,
    /// The URL: its `socket_timeout`, and a second session to cancel a
    /// statement that ran out of time.
    url: Box<MysqlUrl>,
}

impl Session {
    /// A session within the URL's `connect_timeout`: TCP, TLS and the
    /// server's handshake share one budget (also when `sslmode=prefer`
    /// falls back to a plain connection).
    pub fn connect(url: &MysqlUrl) -> Result<Session, DriverError> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| DriverError::Connection(e.to_string()))?;
        let conn = rt.block_on(connect_within_timeout(url)).map_err(|e| match e {
            Refusal::UnknownDatabase => DriverError::DatabaseMissing {
                database: url.database.clone(),
                location: url.location(),
            },
            Refusal::Other(message) => connection_error(url, message),
        })?;
        let mut session = Session {
            rt,
            conn: Some(conn),
            sent: 0,
            url: Box::new(url.clone()),
        };
        // Timestamps are written and read as UTC; the session's zone must
        // not shift `CURRENT_TIMESTAMP(3)` defaults either.
        session
            .execute("SET SESSION time_zone = '+00:00'")
            .map_err(|e| connection_error(url, describe(&e)))?;
        Ok(session)
    }

    /// Runs statements whose results are not needed (text protocol).
    pub fn execute(&mut self, sql: &str) -> Result<(), mysql_async::Error> {
        let mut conn = self.take()?;
        let outcome = self.within(conn.query_drop(sql));
        self.settle(conn, outcome)
    }

    /// Rows of a query without parameters (text protocol).
    pub fn query<T: FromRow + Send + 'static>(&mut self, sql: &str) -> Result<Vec<T>, mysql_async::Error> {
        let mut conn = self.take()?;
        let outcome = self.within(conn.query(sql));
        self.settle(conn, outcome)
    }

    /// Rows of a prepared statement with parameters.
    pub fn exec<T: FromRow + Send + 'static>(
        &mut self,
        sql: &str,
        params: impl Into<Params> + Send,
    ) -> Result<Vec<T>, mysql_async::Error> {
        let mut conn = self.take()?;
        let outcome = self.within(conn.exec(sql, params));
        self.settle(conn, outcome)
    }

    /// A prepared statement with parameters, results dropped.
    pub fn exec_drop(&mut self, sql: &str, params: impl Into<Params> + Send) -> Result<(), mysql_async::Error> {
        let mut conn = self.take()?;
        let outcome = self.within(conn.exec_drop(sql, params));
        self.settle(conn, outcome)
    }

    /// The connection, for one statement.
    fn take(&mut self) -> Result<Conn, mysql_async::Error> {
        self.sent += 1;
        self.conn.take().ok_or_else(closed)
    }

    /// Runs a statement for at most the URL's `socket_timeout`; `None` when
    /// it ran out of time.
    fn within<T>(
        &self,
        work: impl Future<Output = Result<T, mysql_async::Error>>,
    ) -> Option<Result<T, mysql_async::Error>> {
        match self.url.socket_timeout {
            None => Some(self.rt.block_on(work)),
            Some(limit) => self.rt.block_on(async { tokio::time::timeout(limit, work).await.ok() }),
        }
    }

    /// Puts the connection back after a statement. One that ran out of time
    /// is cancelled on the server (`KILL QUERY` from a second session) and
    /// its connection closed (it is in the middle of a reply); a new one
    /// takes its place, so that the failure can still be recorded. (Session
    /// state such as a named lock went with the old connection.)
    fn settle<T>(
        &mut self,
        conn: Conn,
        outcome: Option<Result<T, mysql_async::Error>>,
    ) -> Result<T, mysql_async::Error> {
        match outcome {
            Some(result) => {
                self.conn = Some(conn);
                result
            }
            None => {
                let id = conn.id();
                drop(conn);
                cancel(&self.rt, &self.url, id);
                self.reconnect();
                let limit = self.url.socket_timeout.unwrap_or_default();
                Err(mysql_async::Error::Other(Box::new(StatementTimeout(limit))))
            }
        }
    }

    /// A new connection in place of one closed after a timeout; without
    /// one, the session answers every statement with an error.
    fn reconnect(&mut self) {
        self.conn = self.rt.block_on(connect_within_timeout(&self.url)).ok();
        if self.conn.is_some() && self.execute("SET SESSION time_zone = '+00:00'").is_err() {
            self.conn = None;
        }
    }
}

/// A statement that ran longer than `socket_timeout`.
#[derive(Debug)]
struct StatementTimeout(Duration);

impl std::fmt::Display for StatementTimeout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the statement did not finish within {} s (socket_timeout) and was cancelled",
            self.0.as_secs()
        )
    }
}

impl std::error::Error for StatementTimeout {}

fn closed() -> mysql_async::Error {
    mysql_async::Error::Other(
        "the session was closed after a statement ran out of time, and could not reconnect".into(),
    )
}

/// `KILL QUERY` for the statement of connection `id`, from a second session
/// (best effort: the first one is already closed).
fn cancel(rt: &Runtime, url: &MysqlUrl, id: u32) {
    rt.block_on(async {
        let Ok(mut admin) = connect_within_timeout(url).await else {
            return;
        };
        let _ = admin.query_drop(format!("KILL QUERY {id}")).await;
        let _ = admin.disconnect().await;
    });
}

impl Session {
    /// Statements sent on this session so far.
    pub fn statements_sent(&self) -> u64 {
        self.sent
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            let _ = self.rt.block_on(conn.disconnect());
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Verify {
    Yes,
    No,
}

/// Why no connection was made.
enum Refusal {
    /// The server has no database of the URL's name (error 1049).
    UnknownDatabase,
    Other(String),
}

impl From<String> for Refusal {
    fn from(message: String) -> Self {
        Refusal::Other(message)
    }
}

/// MySQL's ER_BAD_DB_ERROR: "Unknown database".
const UNKNOWN_DATABASE: u16 = 1049;

async fn open(url: &MysqlUrl, tls: Option<Verify>) -> Result<Conn, Refusal> {
    let mut opts = OptsBuilder::default()
        .user(Some(url.user.clone()))
        .pass(url.password.clone())
        .db_name((!url.database.is_empty()).then(|| url.database.clone()))
        .prefer_socket(false)
        .stmt_cache_size(0);
    opts = match &url.socket {
        Some(socket) => opts.socket(Some(socket.display().to_string())),
        None => opts.ip_or_hostname(url.host.clone()).tcp_port(url.port),
    };
    if let Some(verify) = tls {
        let mut ssl = SslOpts::default().with_danger_accept_invalid_certs(verify == Verify::No);
        if let Some(path) = &url.ssl_root_cert {
            ssl = ssl.with_root_certs(vec![path.clone().into()]);
        }
        opts = opts.ssl_opts(Some(ssl));
    }
    match Conn::new(opts).await {
        Ok(conn) => Ok(conn),
        Err(mysql_async::Error::Driver(mysql_async::DriverError::NoClientSslFlagFromServer)) => Err(Refusal::Other(
            "the URL asks for TLS (sslmode=require) but the server offers none: enable TLS on the server, or use sslmode=prefer".into(),
        )),
        Err(mysql_async::Error::Server(e)) if e.code == UNKNOWN_DATABASE => Err(Refusal::UnknownDatabase),
        Err(e) => Err(describe(&e).into()),
    }
}

/// [`negotiate`] within the URL's `connect_timeout`, counted once for all
/// the attempts.
async fn connect_within_timeout(url: &MysqlUrl) -> Result<Conn, Refusal> {
    match url.connect_timeout {
        None => negotiate(url).await,
        Some(limit) => tokio::time::timeout(limit, negotiate(url)).await.unwrap_or_else(|_| {
            Err(Refusal::Other(format!(
                "no answer within {} s (connect_timeout): the server accepted the connection but did not finish the handshake, or did not accept it at all",
                limit.as_secs()
            )))
        }),
    }
}

/// A connection with TLS as `sslmode` asks.
async fn negotiate(url: &MysqlUrl) -> Result<Conn, Refusal> {
    match url.ssl_mode {
        // As the mysql client's PREFERRED: encryption without verification,
        // plain when the server has no TLS.
        SslMode::Prefer => match open(url, Some(Verify::No)).await {
            Ok(conn) => Ok(conn),
            Err(_) => open(url, None).await,
        },
        SslMode::Require if url.accept_invalid_certs => open(url, Some(Verify::No)).await,
        SslMode::Require => open(url, Some(Verify::Yes)).await,
        SslMode::Disable => open(url, None).await,
    }
}
