//! A shadow database created for one replay and always dropped: when the
//! driver that uses it is dropped, also after a failure.

use super::error::query_error;
use super::url::PgUrl;
use migrate_core::driver::DriverError;
use postgres::Client;

pub struct ShadowDatabase {
    pub name: String,
    /// A connection to the main database, used to drop the shadow one.
    admin: Client,
}

impl ShadowDatabase {
    pub fn create(main: &PgUrl) -> Result<Self, DriverError> {
        let mut admin = super::session::connect(main)?;
        let name = format!("prisma_migrate_shadow_db_{}", uuid_like());
        let sql = format!("CREATE DATABASE {}", crate::dialect::quote_ident(&name));
        admin.batch_execute(&sql).map_err(|e| {
            let cause = query_error(e);
            DriverError::Connection(format!(
                "could not create the shadow database (P3014): {cause}. Give the role the CREATEDB privilege (ALTER ROLE {} CREATEDB), or set `shadowDatabaseUrl` in the datasource to a database migrate may reset.",
                main.user
            ))
        })?;
        Ok(ShadowDatabase { name, admin })
    }
}

impl Drop for ShadowDatabase {
    fn drop(&mut self) {
        let sql = format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            crate::dialect::quote_ident(&self.name)
        );
        let _ = self.admin.batch_execute(&sql);
    }
}

/// A unique suffix: process id, time and a counter.
fn uuid_like() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{}_{}_{}", std::process::id(), nanos, N.fetch_add(1, Ordering::SeqCst))
}
