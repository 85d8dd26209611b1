//! A shadow database created for one replay and always dropped: when the
//! driver that uses it is dropped, also after a failure.

use super::error::query_error;
use super::session::Session;
use super::url::MysqlUrl;
use crate::dialect::quote_ident;
use migrate_core::driver::DriverError;

/// The character set and collation Prisma gives the databases it creates.
pub const CREATE_OPTIONS: &str = "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci";

pub struct ShadowDatabase {
    pub name: String,
    /// A session on the main database, used to drop the shadow one.
    admin: Session,
}

impl ShadowDatabase {
    pub fn create(main: &MysqlUrl) -> Result<Self, DriverError> {
        let mut admin = Session::connect(main)?;
        let name = format!("prisma_migrate_shadow_db_{}", unique_suffix());
        let sql = format!("CREATE DATABASE {} {CREATE_OPTIONS}", quote_ident(&name));
        admin.execute(&sql).map_err(|e| {
            let cause = query_error(e);
            DriverError::Connection(format!(
                "could not create the shadow database (P3014): {cause}. Grant the user the CREATE and DROP privileges (GRANT CREATE, DROP ON *.* TO '{}'), or set `shadowDatabaseUrl` in the datasource to a database migrate may reset.",
                main.user
            ))
        })?;
        Ok(ShadowDatabase { name, admin })
    }
}

impl Drop for ShadowDatabase {
    fn drop(&mut self) {
        let _ = self
            .admin
            .execute(&format!("DROP DATABASE IF EXISTS {}", quote_ident(&self.name)));
    }
}

/// Unique per process, time and call; short enough for MySQL's 64-character names.
fn unique_suffix() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() % 1_000_000_000_000);
    format!("{}_{}_{}", std::process::id(), nanos, N.fetch_add(1, Ordering::SeqCst))
}
