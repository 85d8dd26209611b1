//! PostgreSQL errors as the engine sees them: the SQLSTATE code kept, the
//! password never shown.

use super::url::PgUrl;
use migrate_core::driver::{ConnectionFailure, DriverError};
use migrate_core::url::hide_secrets;

pub fn query_error(e: tokio_postgres::Error) -> DriverError {
    match e.as_db_error() {
        Some(db) => DriverError::Query {
            code: Some(db.code().code().to_string()),
            message: db.message().to_string(),
        },
        None => DriverError::Query {
            code: None,
            message: e.to_string(),
        },
    }
}

pub fn connection_error(url: &PgUrl, e: tokio_postgres::Error) -> DriverError {
    if e.code() == Some(&tokio_postgres::error::SqlState::INVALID_CATALOG_NAME) {
        return DriverError::DatabaseMissing {
            database: url.database.clone(),
            location: url.location(),
        };
    }
    let failure = failure(&e);
    let message = match e.as_db_error() {
        Some(db) => db.message().to_string(),
        None => e.to_string(),
    };
    let message = hide_secrets(&message, url.password.as_deref());
    DriverError::Connection {
        failure,
        message: format!("{}: {message}", url.describe()),
    }
}

/// SQLSTATE class 28 (`invalid_authorization_specification`, `28P01`
/// `invalid_password`) refuses the credentials; tokio-postgres says
/// "error connecting to server" when the socket itself could not be
/// connected (refused, unknown host, no route).
fn failure(e: &tokio_postgres::Error) -> ConnectionFailure {
    match e.as_db_error() {
        Some(db) if db.code().code().starts_with("28") => ConnectionFailure::Authentication,
        Some(_) => ConnectionFailure::Other,
        None if e.to_string().starts_with("error connecting to server") => ConnectionFailure::Unreachable,
        None => ConnectionFailure::Other,
    }
}
