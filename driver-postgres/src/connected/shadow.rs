//! A shadow database created for one replay and always dropped: when the
//! driver that uses it is dropped, also after a failure. One that a killed
//! process left behind is dropped by the next one created on the server
//! (see [`migrate_core::shadow_name`]).

use super::error::query_error;
use super::url::PgUrl;
use migrate_core::driver::DriverError;
use migrate_core::shadow_name;
use postgres::Client;

pub struct ShadowDatabase {
    pub name: String,
    /// A connection to the main database, used to drop the shadow one.
    admin: Client,
}

impl ShadowDatabase {
    pub fn create(main: &PgUrl) -> Result<Self, DriverError> {
        let mut admin = super::session::connect(main)?;
        remove_leftovers(&mut admin);
        let name = shadow_name::new_name();
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

/// Drops the shadow databases killed processes left on the server: our
/// names only, old enough, and no session on them (`DROP DATABASE` without
/// `FORCE` also refuses one that a session joined meanwhile). Best effort: a
/// leftover that cannot be dropped now is tried again next time.
fn remove_leftovers(admin: &mut Client) {
    let Ok(rows) = admin.query(include_str!("../queries/shadow_leftovers.sql"), &[]) else {
        return;
    };
    let now = std::time::SystemTime::now();
    for name in rows.iter().filter_map(|r| r.try_get::<_, String>(0).ok()) {
        if shadow_name::is_leftover(&name, now) {
            let sql = format!("DROP DATABASE IF EXISTS {}", crate::dialect::quote_ident(&name));
            let _ = admin.batch_execute(&sql);
        }
    }
}
