//! Creating the database a URL names when the server does not have it, as
//! Prisma's `dev`, `deploy`, `db push` and `reset` do: from a session with
//! no database selected, with the URL's own credentials, in the character
//! set and collation migrate gives every database it creates.

use super::error::query_error;
use super::shadow::CREATE_OPTIONS;
use super::url::session_url;
use super::Session;
use crate::dialect::quote_ident;
use migrate_core::driver::{CreateRefused, DriverError};

/// ER_DBACCESS_DENIED_ERROR: the user may not create (or use) the database.
const ACCESS_DENIED: &str = "1044";

/// Creates the database `url` names; one that exists meanwhile (another
/// process was quicker) is no error. A user without the `CREATE` privilege
/// gets [`DriverError::CreateDatabaseRefused`].
pub async fn create_database(url: &str) -> Result<(), DriverError> {
    let url = session_url(url)?;
    let mut admin = Session::connect(&url.with_database("")).await?;
    let sql = format!(
        "CREATE DATABASE IF NOT EXISTS {} {CREATE_OPTIONS}",
        quote_ident(&url.database)
    );
    match admin.execute(&sql).await.map_err(query_error) {
        Err(DriverError::Query {
            code: Some(code),
            message,
        }) if code == ACCESS_DENIED => Err(DriverError::CreateDatabaseRefused(Box::new(CreateRefused {
            database: url.database.clone(),
            location: url.location(),
            user: url.user.clone(),
            reason: format!(
                "{message}. Create it as a user who may, or grant this one the CREATE privilege (GRANT CREATE ON *.* TO ...)."
            ),
        }))),
        other => other,
    }
}
