//! A shadow database created for one replay and always dropped: awaited by
//! [`ShadowDatabase::drop_database`] when the driver using it is closed, or,
//! when that driver is dropped without being closed (a cancelled task, a
//! panic), best effort on a thread of its own. One that a killed process
//! left behind is dropped by the next one created on the server (see
//! [`migrate_core::shadow_name`]).

use super::drop_database::drop_statement;
use super::error::query_error;
use super::session::{self, Session};
use super::url::PgUrl;
use migrate_core::driver::DriverError;
use migrate_core::shadow_name;
use std::time::Duration;
use tokio_postgres::Client;

/// How long a dropped driver may block its caller to drop its shadow
/// database (the URL's `connect_timeout` may be unbounded).
const FALLBACK_LIMIT: Duration = Duration::from_secs(30);

pub struct ShadowDatabase {
    pub name: String,
    /// The main database's URL, for the fallback's own connection.
    main: PgUrl,
    /// A connection to the main database, used to drop the shadow one;
    /// `None` once the drop was awaited, so that it never runs twice.
    admin: Option<Session>,
    /// The server answered `CREATE DATABASE`; `false` while it may still be
    /// running (the fallback then also drops it a moment later).
    created: bool,
}

impl ShadowDatabase {
    pub async fn create(main: &PgUrl) -> Result<Self, DriverError> {
        let admin = session::connect(main).await?;
        remove_leftovers(&admin.client).await;
        // The guard exists before the database does: a task cancelled while
        // `CREATE DATABASE` runs still drops it (see `Drop`).
        let mut shadow = ShadowDatabase {
            name: shadow_name::new_name(),
            main: main.clone(),
            admin: Some(admin),
            created: false,
        };
        let sql = format!("CREATE DATABASE {}", crate::dialect::quote_ident(&shadow.name));
        let admin = shadow.admin.as_ref().expect("set above");
        if let Err(e) = admin.client.batch_execute(&sql).await {
            // Nothing to drop.
            if let Some(admin) = shadow.admin.take() {
                admin.close().await;
            }
            let cause = query_error(e);
            return Err(DriverError::connection(format!(
                "could not create the shadow database (P3014): {cause}. Give the role the CREATEDB privilege (ALTER ROLE {} CREATEDB), or set `shadowDatabaseUrl` in the datasource to a database migrate may reset.",
                main.user
            )));
        }
        shadow.created = true;
        Ok(shadow)
    }

    /// Drops the database (`WITH (FORCE)`: a session still on it is ended)
    /// and closes the admin connection. Call it once the shadow's own
    /// session is closed. Cancelled before the server answered, it leaves
    /// the drop to [`Drop`].
    pub async fn drop_database(mut self) -> Result<(), DriverError> {
        let Some(admin) = &self.admin else {
            return Ok(());
        };
        sessions_ended(&admin.client, &self.name).await;
        let result = admin.client.batch_execute(&drop_statement(&self.name)).await;
        if let Some(admin) = self.admin.take() {
            admin.close().await;
        }
        result.map_err(query_error)
    }
}

/// Waits, briefly, until no session is on database `name`: a closed
/// session's backend exits a moment after its `Terminate`, and one that
/// `WITH (FORCE)` ends instead is logged by the server as a FATAL error
/// ("terminating connection due to administrator command").
async fn sessions_ended(admin: &Client, name: &str) {
    const SQL: &str = "SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE datname = $1";
    for _ in 0..50 {
        match admin.query_one(SQL, &[&name]).await {
            Ok(row) if row.get::<_, i64>(0) > 0 => tokio::time::sleep(Duration::from_millis(2)).await,
            _ => return,
        }
    }
}

impl Drop for ShadowDatabase {
    /// The fallback for a driver dropped without `close`. `Drop` cannot
    /// await, and the admin session's connection runs on the caller's
    /// runtime, which cannot make progress while this blocks it (a
    /// current-thread runtime) or may be shutting down. So the database is
    /// dropped from a thread with its own small runtime and connection,
    /// waited for, so that the drop is done when the driver is (the CLI
    /// exits right after a failed command).
    fn drop(&mut self) {
        let Some(admin) = self.admin.take() else {
            return;
        };
        drop(admin);
        let (main, name, created) = (self.main.clone(), self.name.clone(), self.created);
        let dropping = std::thread::Builder::new()
            .name("migrate-postgres-shadow-drop".into())
            .spawn(move || drop_on_own_runtime(&main, &name, created));
        if let Ok(thread) = dropping {
            let _ = thread.join();
        }
    }
}

/// Best effort, within [`FALLBACK_LIMIT`]: any failure leaves a leftover
/// the next shadow database created on the server removes.
/// With `created` false, the cancelled `CREATE DATABASE` may commit after
/// the first drop (its session runs on until it answers): the drop is
/// tried again a moment later.
fn drop_on_own_runtime(main: &PgUrl, name: &str, created: bool) {
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread().enable_all().build() else {
        return;
    };
    let dropping = async {
        if let Ok(admin) = session::connect(main).await {
            let _ = admin.client.batch_execute(&drop_statement(name)).await;
            if !created {
                tokio::time::sleep(std::time::Duration::from_millis(500)).await;
                let _ = admin.client.batch_execute(&drop_statement(name)).await;
            }
            admin.close().await;
        }
    };
    let _ = runtime.block_on(async { tokio::time::timeout(FALLBACK_LIMIT, dropping).await });
}

/// Drops the shadow databases killed processes left on the server: our
/// names only, old enough, and no session on them (`DROP DATABASE` without
/// `FORCE` also refuses one that a session joined meanwhile). Best effort: a
/// leftover that cannot be dropped now is tried again next time.
async fn remove_leftovers(admin: &Client) {
    let Ok(rows) = admin.query(include_str!("../queries/shadow_leftovers.sql"), &[]).await else {
        return;
    };
    let now = std::time::SystemTime::now();
    for name in rows.iter().filter_map(|r| r.try_get::<_, String>(0).ok()) {
        if shadow_name::is_leftover(&name, now) {
            let sql = format!("DROP DATABASE IF EXISTS {}", crate::dialect::quote_ident(&name));
            let _ = admin.batch_execute(&sql).await;
        }
    }
}
