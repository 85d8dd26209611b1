//! Dropping the database a URL names (test harnesses), as a shadow
//! database is dropped: from a session with no database selected, with the
//! URL's own credentials.

use super::error::query_error;
use super::url::session_url;
use super::Session;
use crate::dialect::quote_ident;
use migrate_core::driver::DriverError;

/// Drops the database `url` names, if the server has it.
pub async fn drop_database(url: &str) -> Result<(), DriverError> {
    let url = session_url(url)?;
    let mut admin = Session::connect(&url.with_database("")).await?;
    let dropped = admin.execute(&drop_statement(&url.database)).await.map_err(query_error);
    admin.close().await;
    dropped
}

/// `` DROP DATABASE IF EXISTS `name` ``.
pub(super) fn drop_statement(name: &str) -> String {
    format!("DROP DATABASE IF EXISTS {}", quote_ident(name))
}
