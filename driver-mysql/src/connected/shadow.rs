//! A shadow database created for one replay and always dropped: when the
//! driver that uses it is dropped, also after a failure. One that a killed
//! process left behind is dropped by the next one created on the server
//! (see [`migrate_core::shadow_name`]).

use super::error::query_error;
use super::session::Session;
use super::url::MysqlUrl;
use crate::dialect::quote_ident;
use migrate_core::driver::DriverError;
use migrate_core::shadow_name;

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
        remove_leftovers(&mut admin);
        let name = shadow_name::new_name();
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

/// Drops the shadow databases killed processes left on the server: our
/// names only, old enough, and no session on them. Best effort: a leftover
/// that cannot be dropped now is tried again next time.
fn remove_leftovers(admin: &mut Session) {
    let Ok(names) = admin.query::<String>(include_str!("../queries/shadow_leftovers.sql")) else {
        return;
    };
    let now = std::time::SystemTime::now();
    for name in names.iter().filter(|n| shadow_name::is_leftover(n, now)) {
        let _ = admin.execute(&format!("DROP DATABASE IF EXISTS {}", quote_ident(name)));
    }
}
