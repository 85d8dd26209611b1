//! One session over mysql_async, on the caller's tokio runtime (a
//! current-thread one in the CLI, a multi-thread one in services). The
//! runtime needs its I/O and time drivers (`enable_all`): the timeouts are
//! `tokio::time::timeout`s.
//!
//! A session dropped without [`Session::close`] says goodbye all the same:
//! inside a runtime its `Drop` spawns the `COM_QUIT` (mysql_async 0.37's own
//! `Drop for Conn` spawns one that does nothing, and the server then logs
//! "Aborted connection ... Got an error reading communication packets" for
//! every session). Outside a runtime (or after it ended) the socket just
//! closes, which ends the session on the server as well (a named lock goes
//! with it). Neither panics, so a driver may be dropped anywhere.

use super::error::{connection_error, describe};
use super::url::{MysqlUrl, SslMode};
use migrate_core::driver::{ConnectionFailure, DriverError};
use mysql_async::prelude::{FromRow, Queryable};
use mysql_async::{Conn, OptsBuilder, Params, SslOpts};
use std::future::Future;
use std::time::Duration;

/// Timestamps are written and read as UTC; the session's zone must not
/// shift `CURRENT_TIMESTAMP(3)` defaults either.
const UTC: &str = "SET SESSION time_zone = '+00:00'";

pub struct Session {
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
    pub async fn connect(url: &MysqlUrl) -> Result<Session, DriverError> {
        if tokio::runtime::Handle::try_current().is_err() {
            return Err(DriverError::connection(
                "a MySQL session runs on the caller's tokio runtime: connect from inside one (#[tokio::main], Runtime::block_on)",
            ));
        }
        let conn = connect_within_timeout(url).await.map_err(|e| match e {
            Refusal::UnknownDatabase => DriverError::DatabaseMissing {
                database: url.database.clone(),
                location: url.location(),
            },
            Refusal::Other(failure, message) => connection_error(url, failure, message),
        })?;
        let mut session = Session {
            conn: Some(conn),
            sent: 0,
            url: Box::new(url.clone()),
        };
        session
            .execute(UTC)
            .await
            .map_err(|e| connection_error(url, ConnectionFailure::Other, describe(&e)))?;
        Ok(session)
    }

    /// Runs statements whose results are not needed (text protocol).
    pub async fn execute(&mut self, sql: &str) -> Result<(), mysql_async::Error> {
        let limit = self.url.timeouts.socket;
        let outcome = within(limit, self.conn()?.query_drop(sql)).await;
        self.settle(outcome).await
    }

    /// Rows of a query without parameters (text protocol).
    pub async fn query<T: FromRow + Send + 'static>(&mut self, sql: &str) -> Result<Vec<T>, mysql_async::Error> {
        let limit = self.url.timeouts.socket;
        let outcome = within(limit, self.conn()?.query(sql)).await;
        self.settle(outcome).await
    }

    /// Rows of a prepared statement with parameters.
    pub async fn exec<T: FromRow + Send + 'static>(
        &mut self,
        sql: &str,
        params: impl Into<Params> + Send,
    ) -> Result<Vec<T>, mysql_async::Error> {
        let limit = self.url.timeouts.socket;
        let outcome = within(limit, self.conn()?.exec(sql, params)).await;
        self.settle(outcome).await
    }

    /// A prepared statement with parameters, results dropped.
    pub async fn exec_drop(&mut self, sql: &str, params: impl Into<Params> + Send) -> Result<(), mysql_async::Error> {
        let limit = self.url.timeouts.socket;
        let outcome = within(limit, self.conn()?.exec_drop(sql, params)).await;
        self.settle(outcome).await
    }

    /// A prepared statement with parameters: the number of rows it
    /// changed (found, for an `UPDATE`, only where a value changed).
    pub async fn exec_affected(
        &mut self,
        sql: &str,
        params: impl Into<Params> + Send,
    ) -> Result<u64, mysql_async::Error> {
        self.exec_drop(sql, params).await?;
        Ok(self.conn.as_ref().map_or(0, Conn::affected_rows))
    }

    /// Ends the session on the server (`COM_QUIT`), awaited. Best effort:
    /// a connection that fails to say goodbye is closed all the same.
    pub async fn close(mut self) {
        if let Some(conn) = self.conn.take() {
            let _ = conn.disconnect().await;
        }
    }

    /// The connection, for one statement. It stays in the session
    /// meanwhile, so that a statement whose caller stops awaiting (a
    /// cancelled task) does not leave the session without one.
    fn conn(&mut self) -> Result<&mut Conn, mysql_async::Error> {
        self.sent += 1;
        self.conn.as_mut().ok_or_else(closed)
    }

    /// After a statement. One that ran out of time is cancelled on the
    /// server (`KILL QUERY` from a second session) and its connection
    /// dropped (it is in the middle of a reply; mysql_async finishes it on
    /// the runtime once the statement is killed); a new one takes its
    /// place, so that the failure can still be recorded. (Session state
    /// such as a named lock went with the old connection.)
    async fn settle<T>(&mut self, outcome: Option<Result<T, mysql_async::Error>>) -> Result<T, mysql_async::Error> {
        match outcome {
            Some(result) => result,
            None => {
                if let Some(conn) = self.conn.take() {
                    let id = conn.id();
                    drop(conn);
                    cancel(&self.url, id).await;
                }
                self.reconnect().await;
                let limit = self.url.timeouts.socket.unwrap_or_default();
                Err(mysql_async::Error::Other(Box::new(StatementTimeout(limit))))
            }
        }
    }

    /// A new connection in place of one closed after a timeout; without
    /// one, the session answers every statement with an error.
    /// (Not through [`Session::execute`], which calls this: an async
    /// function cannot recurse.)
    async fn reconnect(&mut self) {
        let Ok(mut conn) = connect_within_timeout(&self.url).await else {
            return;
        };
        self.sent += 1;
        let zone = within(self.url.timeouts.socket, conn.query_drop(UTC)).await;
        self.conn = matches!(zone, Some(Ok(()))).then_some(conn);
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let Some(conn) = self.conn.take() else { return };
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move {
                let _ = conn.disconnect().await;
            });
        }
    }
}

/// Runs a statement for at most `limit` (the URL's `socket_timeout`);
/// `None` when it ran out of time.
async fn within<T>(
    limit: Option<Duration>,
    work: impl Future<Output = Result<T, mysql_async::Error>>,
) -> Option<Result<T, mysql_async::Error>> {
    match limit {
        None => Some(work.await),
        Some(limit) => tokio::time::timeout(limit, work).await.ok(),
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
/// (best effort: the first one is already dropped).
async fn cancel(url: &MysqlUrl, id: u32) {
    let Ok(mut admin) = connect_within_timeout(url).await else {
        return;
    };
    let _ = admin.query_drop(format!("KILL QUERY {id}")).await;
    let _ = admin.disconnect().await;
}

impl Session {
    /// Statements sent on this session so far.
    pub fn statements_sent(&self) -> u64 {
        self.sent
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
    Other(ConnectionFailure, String),
}

impl From<&mysql_async::Error> for Refusal {
    fn from(e: &mysql_async::Error) -> Self {
        let failure = match e {
            mysql_async::Error::Server(s) if ACCESS_DENIED.contains(&s.code) => ConnectionFailure::Authentication,
            mysql_async::Error::Io(mysql_async::IoError::Io(io)) if unreachable(io.kind()) => {
                ConnectionFailure::Unreachable
            }
            _ => ConnectionFailure::Other,
        };
        Refusal::Other(failure, describe(e))
    }
}

/// No server at the address (a server that closes the connection answered).
fn unreachable(kind: std::io::ErrorKind) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        kind,
        ConnectionRefused | HostUnreachable | NetworkUnreachable | TimedOut | NotFound | AddrNotAvailable
    )
}

/// ER_ACCESS_DENIED_ERROR ("Access denied for user ... (using password:
/// YES)") and ER_ACCESS_DENIED_NO_PASSWORD_ERROR: the credentials refused.
const ACCESS_DENIED: [u16; 2] = [1045, 1698];

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
            ConnectionFailure::Other,
            "the URL asks for TLS (sslmode=require) but the server offers none: enable TLS on the server, or use sslmode=prefer".into(),
        )),
        Err(mysql_async::Error::Server(e)) if e.code == UNKNOWN_DATABASE => Err(Refusal::UnknownDatabase),
        Err(e) => Err((&e).into()),
    }
}

/// [`negotiate`] within the URL's `connect_timeout`, counted once for all
/// the attempts.
async fn connect_within_timeout(url: &MysqlUrl) -> Result<Conn, Refusal> {
    match url.timeouts.connect {
        None => negotiate(url).await,
        Some(limit) => tokio::time::timeout(limit, negotiate(url)).await.unwrap_or_else(|_| {
            Err(Refusal::Other(
                ConnectionFailure::Unreachable,
                format!(
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
