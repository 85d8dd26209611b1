//! MySQL errors as the engine sees them: the server's error number kept,
//! the password never shown.

use super::url::MysqlUrl;
use migrate_core::driver::{ConnectionFailure, DriverError};
use migrate_core::url::hide_secrets;

pub fn query_error(e: mysql_async::Error) -> DriverError {
    match e {
        mysql_async::Error::Server(s) => DriverError::Query {
            code: Some(s.code.to_string()),
            message: s.message,
        },
        other => DriverError::Query {
            code: None,
            message: describe(&other),
        },
    }
}

pub fn connection_error(url: &MysqlUrl, failure: ConnectionFailure, message: String) -> DriverError {
    let message = hide_secrets(&message, url.password.as_deref());
    DriverError::Connection {
        failure,
        message: format!("{}: {message}", url.describe()),
    }
}

/// The server's message without the client library's `Server error: `...'` wrapping.
pub fn describe(e: &mysql_async::Error) -> String {
    match e {
        mysql_async::Error::Server(s) => s.message.clone(),
        mysql_async::Error::Io(io) => io.to_string(),
        mysql_async::Error::Other(e) => e.to_string(),
        other => other.to_string(),
    }
}
