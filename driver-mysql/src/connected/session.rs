//! One blocking session over mysql_async: a current-thread runtime of its
//! own, so the [`Driver`](migrate_core::driver::Driver) stays synchronous.

use super::error::{connection_error, describe};
use super::url::{MysqlUrl, SslMode};
use migrate_core::driver::DriverError;
use mysql_async::prelude::{FromRow, Queryable};
use mysql_async::{Conn, OptsBuilder, Params, SslOpts};
use tokio::runtime::Runtime;

pub struct Session {
    rt: Runtime,
    /// Always `Some` until dropped.
    conn: Option<Conn>,
    /// Statements sent, for tests that show a command's round trips.
    sent: u64,
}

impl Session {
    pub fn connect(url: &MysqlUrl) -> Result<Session, DriverError> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| DriverError::Connection(e.to_string()))?;
        let conn = match url.ssl_mode {
            // As the mysql client's PREFERRED: encryption without verification,
            // plain when the server has no TLS.
            SslMode::Prefer => match rt.block_on(open(url, Some(Verify::No))) {
                Ok(conn) => Ok(conn),
                Err(_) => rt.block_on(open(url, None)),
            },
            SslMode::Require if url.accept_invalid_certs => rt.block_on(open(url, Some(Verify::No))),
            SslMode::Require => rt.block_on(open(url, Some(Verify::Yes))),
            SslMode::Disable => rt.block_on(open(url, None)),
        }
        .map_err(|m| connection_error(url, m))?;
        let mut session = Session {
            rt,
            conn: Some(conn),
            sent: 0,
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
        self.sent += 1;
        let conn = self.conn.as_mut().expect("connection open until drop");
        self.rt.block_on(conn.query_drop(sql))
    }

    /// Rows of a query without parameters (text protocol).
    pub fn query<T: FromRow + Send + 'static>(&mut self, sql: &str) -> Result<Vec<T>, mysql_async::Error> {
        self.sent += 1;
        let conn = self.conn.as_mut().expect("connection open until drop");
        self.rt.block_on(conn.query(sql))
    }

    /// Rows of a prepared statement with parameters.
    pub fn exec<T: FromRow + Send + 'static>(
        &mut self,
        sql: &str,
        params: impl Into<Params> + Send,
    ) -> Result<Vec<T>, mysql_async::Error> {
        self.sent += 1;
        let conn = self.conn.as_mut().expect("connection open until drop");
        self.rt.block_on(conn.exec(sql, params))
    }

    /// A prepared statement with parameters, results dropped.
    pub fn exec_drop(&mut self, sql: &str, params: impl Into<Params> + Send) -> Result<(), mysql_async::Error> {
        self.sent += 1;
        let conn = self.conn.as_mut().expect("connection open until drop");
        self.rt.block_on(conn.exec_drop(sql, params))
    }
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

async fn open(url: &MysqlUrl, tls: Option<Verify>) -> Result<Conn, String> {
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
    match tokio::time::timeout(url.connect_timeout, Conn::new(opts)).await {
        Ok(Ok(conn)) => Ok(conn),
        Ok(Err(mysql_async::Error::Driver(mysql_async::DriverError::NoClientSslFlagFromServer))) => Err(
            "the URL asks for TLS (sslmode=require) but the server offers none: enable TLS on the server, or use sslmode=prefer".into(),
        ),
        Ok(Err(e)) => Err(describe(&e)),
        Err(_) => Err(format!(
            "no answer within {} s (connect_timeout)",
            url.connect_timeout.as_secs()
        )),
    }
}
