//! Dropping the database a URL names (test harnesses), as a shadow
//! database is dropped: `WITH (FORCE)`, from a session on a maintenance
//! database, with the URL's own credentials.

use super::create_database::maintenance_session;
use super::error::query_error;
use super::url::session_url;
use crate::dialect::quote_ident;
use migrate_core::driver::DriverError;

/// Drops the database `url` names, if the server has it; sessions still on
/// it are ended.
pub async fn drop_database(url: &str) -> Result<(), DriverError> {
    let url = session_url(url)?;
    let admin = maintenance_session(&url).await?;
    let dropped = admin.client.batch_execute(&drop_statement(&url.database)).await;
    admin.close().await;
    dropped.map_err(query_error)
}

/// `DROP DATABASE IF EXISTS "name" WITH (FORCE)`: a session still on the
/// database is ended.
pub(super) fn drop_statement(name: &str) -> String {
    format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", quote_ident(name))
}
