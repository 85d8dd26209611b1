//! A shadow database created for one replay and always dropped: by
//! [`ShadowDatabase::drop_database`] when the driver that uses it is
//! closed, else when that driver is dropped (a cancelled task, a panic).
//! One that a killed process left behind is dropped by the next one
//! created on the server (see [`migrate_core::shadow_name`]).

use super::drop_database::drop_statement;
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
    /// The main database's URL, for the session that drops the shadow one
    /// when it is dropped without [`ShadowDatabase::drop_database`].
    main: MysqlUrl,
    /// A session on the main database, used to drop the shadow one; `None`
    /// once it did (the database is dropped once).
    admin: Option<Session>,
    /// The server answered `CREATE DATABASE`; `false` while it may still be
    /// running (the fallback then also drops it a moment later).
    created: bool,
}

impl ShadowDatabase {
    pub async fn create(main: &MysqlUrl) -> Result<Self, DriverError> {
        let mut admin = Session::connect(main).await?;
        remove_leftovers(&mut admin).await;
        // The guard exists before the database does: a task cancelled while
        // `CREATE DATABASE` runs still drops it (see `Drop`).
        let mut shadow = ShadowDatabase {
            name: shadow_name::new_name(),
            main: main.clone(),
            admin: Some(admin),
            created: false,
        };
        let sql = format!("CREATE DATABASE {} {CREATE_OPTIONS}", quote_ident(&shadow.name));
        let admin = shadow.admin.as_mut().expect("set above");
        if let Err(e) = admin.execute(&sql).await {
            // Nothing to drop.
            if let Some(admin) = shadow.admin.take() {
                admin.close().await;
            }
            let cause = query_error(e);
            return Err(DriverError::connection(format!(
                "could not create the shadow database (P3014): {cause}. Grant the user the CREATE and DROP privileges (GRANT CREATE, DROP ON *.* TO '{}'), or set `shadowDatabaseUrl` in the datasource to a database migrate may reset.",
                main.user
            )));
        }
        shadow.created = true;
        Ok(shadow)
    }

    /// Drops the database, awaited, and closes the admin session. Called
    /// after the shadow's own session is closed. Once the `DROP DATABASE`
    /// answered (even with an error) dropping `self` does nothing more;
    /// cancelled before, `Drop` still drops the database.
    pub async fn drop_database(mut self) -> Result<(), DriverError> {
        let Some(admin) = &mut self.admin else {
            return Ok(());
        };
        let dropped = admin.execute(&drop_statement(&self.name)).await.map_err(query_error);
        if let Some(admin) = self.admin.take() {
            admin.close().await;
        }
        dropped
    }
}

/// Dropped without [`ShadowDatabase::drop_database`]: `Drop` cannot await,
/// and the admin session belongs to the caller's runtime, which must not
/// be blocked (a current-thread one would deadlock) and may be gone. So a
/// thread of its own, with a small current-thread runtime and a new admin
/// session, drops the database. Best effort and not waited for: a leftover
/// is removed by the next shadow database created on the server.
impl Drop for ShadowDatabase {
    fn drop(&mut self) {
        if self.admin.take().is_none() {
            return;
        }
        let (main, name, created) = (self.main.clone(), std::mem::take(&mut self.name), self.created);
        let _ = std::thread::Builder::new()
            .name("migrate-shadow-drop".into())
            .spawn(move || drop_on_own_runtime(&main, &name, created));
    }
}

/// With `created` false, the cancelled `CREATE DATABASE` may finish after
/// the first drop (its session runs on until it answers): the drop is
/// tried again a moment later.
fn drop_on_own_runtime(main: &MysqlUrl, name: &str, created: bool) {
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread().enable_all().build() else {
        return;
    };
    runtime.block_on(async {
        let Ok(mut admin) = Session::connect(main).await else {
            return;
        };
        let _ = admin.execute(&drop_statement(name)).await;
        if !created {
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            let _ = admin.execute(&drop_statement(name)).await;
        }
        admin.close().await;
    });
}

/// Drops the shadow databases killed processes left on the server: our
/// names only, old enough, and no session on them. Best effort: a leftover
/// that cannot be dropped now is tried again next time.
async fn remove_leftovers(admin: &mut Session) {
    let Ok(names) = admin
        .query::<String>(include_str!("../queries/shadow_leftovers.sql"))
        .await
    else {
        return;
    };
    let now = std::time::SystemTime::now();
    for name in names.iter().filter(|n| shadow_name::is_leftover(n, now)) {
        let _ = admin.execute(&drop_statement(name)).await;
    }
}
