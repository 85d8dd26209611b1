//! Opening a session: the whole connection, TCP, TLS negotiation, the
//! server's start-up answer and authentication, within `connect_timeout`.
//!
//! The client library bounds only the TCP connect: a server that accepts
//! the connection and then never answers would hang it forever. So the
//! connection is made on a helper thread, waited for at most the timeout.
//! On timeout the caller gets its error on time and the helper is left
//! behind: it holds its socket until the server answers or closes it (the
//! library cannot cancel a connect in progress).

use super::tls;
use super::url::PgUrl;
use migrate_core::driver::DriverError;
use postgres::Client;
use std::sync::mpsc::{self, RecvTimeoutError};

/// A session on the server and database of `url`, or an error within its
/// `connect_timeout`.
pub fn connect(url: &PgUrl) -> Result<Client, DriverError> {
    let Some(limit) = url.connect_timeout else {
        return tls::connect(url);
    };
    let (sender, receiver) = mpsc::channel();
    let target = url.clone();
    std::thread::Builder::new()
        .name("migrate-postgres-connect".into())
        .spawn(move || {
            let _ = sender.send(tls::connect(&target));
        })
        .map_err(|e| DriverError::Connection(format!("{}: cannot start connecting: {e}", url.describe())))?;
    match receiver.recv_timeout(limit) {
        Ok(result) => result,
        Err(RecvTimeoutError::Timeout) => Err(DriverError::Connection(format!(
            "{}: no answer within {} s (connect_timeout): the server did not accept the connection, or accepted it and never finished the start-up (TLS, authentication)",
            url.describe(),
            limit.as_secs()
        ))),
        Err(RecvTimeoutError::Disconnected) => Err(DriverError::Connection(format!(
            "{}: the connection attempt stopped without an answer",
            url.describe()
        ))),
    }
}
