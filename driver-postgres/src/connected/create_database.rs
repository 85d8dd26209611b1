//! Creating the database a URL names when the server does not have it, as
//! Prisma's `dev`, `deploy`, `db push` and `reset` do: from a session on the
//! server's `postgres` database (`template1` when that one is refused), with
//! the URL's own credentials.

use super::error::query_error;
use super::session;
use super::session::Session;
use super::url::{session_url, PgUrl};
use crate::dialect::quote_ident;
use migrate_core::driver::{CreateRefused, DriverError};
use tokio_postgres::error::SqlState;

/// Databases every PostgreSQL server has, tried in this order for the
/// session that creates the new one (Prisma's order).
const MAINTENANCE_DATABASES: [&str; 2] = ["postgres", "template1"];

/// Creates the database `url` names. Creating one that exists meanwhile
/// (another process was quicker) is no error. A user without the
/// `CREATEDB` privilege gets [`DriverError::CreateDatabaseRefused`].
pub async fn create_database(url: &str) -> Result<(), DriverError> {
    let url = session_url(url)?;
    let admin = maintenance_session(&url).await?;
    let sql = format!("CREATE DATABASE {}", quote_ident(&url.database));
    let created = admin.client.batch_execute(&sql).await;
    admin.close().await;
    match created {
        Ok(()) => Ok(()),
        // Two creating at once: the loser sees the name taken in the catalog.
        Err(e) if e.code() == Some(&SqlState::DUPLICATE_DATABASE) || e.code() == Some(&SqlState::UNIQUE_VIOLATION) => {
            Ok(())
        }
        Err(e) if e.code() == Some(&SqlState::INSUFFICIENT_PRIVILEGE) => {
            let answer = query_error(e);
            Err(DriverError::CreateDatabaseRefused(Box::new(CreateRefused {
                database: url.database.clone(),
                location: url.location(),
                user: url.user.clone(),
                reason: format!(
                    "{answer}. Create it as a user who may, or grant this one the privilege (ALTER ROLE {} CREATEDB).",
                    quote_ident(&url.user)
                ),
            })))
        }
        Err(e) => Err(query_error(e)),
    }
}

/// A session on the first maintenance database the server lets the user in.
pub(super) async fn maintenance_session(url: &PgUrl) -> Result<Session, DriverError> {
    let mut last = None;
    for database in MAINTENANCE_DATABASES {
        match session::connect(&url.with_database(database)).await {
            Ok(client) => return Ok(client),
            Err(e) => last = Some(e),
        }
    }
    Err(last.expect("at least one maintenance database is tried"))
}
