//! Opening a session: the whole connection, TCP, TLS negotiation, the
//! server's start-up answer and authentication, within `connect_timeout`.
//!
//! The client library bounds only the TCP connect: a server that accepts
//! the connection and then never answers would hang it forever. So the
//! whole start-up is one future, given at most the timeout; on timeout it is
//! dropped, which closes its socket.
//!
//! The session's connection (the task that talks to the server) runs on the
//! caller's tokio runtime; a runtime with IO and time enabled is needed. An
//! error of the connection itself is not logged: it surfaces as the error of
//! the next query.

use super::tls;
use super::url::PgUrl;
use migrate_core::driver::{ConnectionFailure, DriverError};
use std::future::Future;
use tokio::task::JoinHandle;
use tokio_postgres::Client;

/// One session: the client, and the task driving its connection.
pub struct Session {
    pub client: Client,
    /// Ends once the client is dropped and the server told so.
    pub connection: JoinHandle<()>,
}

impl Session {
    /// The session of `client`, its `connection` spawned on the caller's
    /// runtime.
    pub fn spawn<C>(client: Client, connection: C) -> Session
    where
        C: Future<Output = Result<(), tokio_postgres::Error>> + Send + 'static,
    {
        Session {
            client,
            connection: tokio::spawn(async move {
                let _ = connection.await;
            }),
        }
    }

    /// Ends the session and waits until the connection is closed (the
    /// server has been sent its `Terminate`).
    pub async fn close(self) {
        drop(self.client);
        // A connection that failed has nothing left to close.
        let _ = self.connection.await;
    }
}

/// A session on the server and database of `url`, or an error within its
/// `connect_timeout`.
pub async fn connect(url: &PgUrl) -> Result<Session, DriverError> {
    if tokio::runtime::Handle::try_current().is_err() {
        return Err(DriverError::connection(
            "a PostgreSQL session runs on the caller's tokio runtime: connect from inside one (#[tokio::main], Runtime::block_on)",
        ));
    }
    let Some(limit) = url.timeouts.connect else {
        return tls::connect(url).await;
    };
    match tokio::time::timeout(limit, tls::connect(url)).await {
        Ok(result) => result,
        Err(_elapsed) => Err(DriverError::Connection {
            failure: ConnectionFailure::Unreachable,
            message: format!(
            "{}: no answer within {} s (connect_timeout): the server did not accept the connection, or accepted it and never finished the start-up (TLS, authentication)",
            url.describe(),
            limit.as_secs()
        ),
        }),
    }
}
