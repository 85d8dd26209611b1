//! The migration lock on a MariaDB Galera cluster, where `GET_LOCK` holds
//! on one node only. The lock is the one row of `_migrate_lock`, taken by
//! a compare-and-set `UPDATE`: Galera certifies every write cluster-wide,
//! so of two nodes setting the row at once one commits and the other gets
//! a deadlock error (1213) and tries again. The holder renews the row
//! (`beat`) from a second session every third of the lease; a waiter that
//! sees the same owner and beat for a whole lease, on its own clock (no
//! server clocks compared), takes the lock over, so a killed holder's lock
//! ends. Every read of the lock session is causal (`wsrep_sync_wait`), so
//! the new holder sees the history rows the last one wrote.
//!
//! Settings (environment): `MIGRATE_GALERA_LOCK=off` leaves only
//! `GET_LOCK`; `MIGRATE_GALERA_LOCK_LEASE` is the lease in seconds
//! (default 30). Guarantee and limits: `docs/distributed.md`.

use super::error::query_error;
use super::session::Session;
use super::url::MysqlUrl;
use migrate_core::driver::DriverError;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

// The lock table, `_migrate_lock`, is left out of introspection like
// `_prisma_migrations` (`queries/tables.sql`).
const CREATE: &str = "CREATE TABLE IF NOT EXISTS `_migrate_lock` (\
     `id` TINYINT UNSIGNED NOT NULL PRIMARY KEY, \
     `owner` VARCHAR(191) NULL, \
     `beat` BIGINT UNSIGNED NOT NULL DEFAULT 0, \
     `taken_at` DATETIME(6) NULL\
     ) ENGINE=InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci";
const SEED: &str = "INSERT IGNORE INTO `_migrate_lock` (`id`) VALUES (1)";
const READ: &str = "SELECT `owner`, `beat` FROM `_migrate_lock` WHERE `id` = 1";
const TAKE_FREE: &str = "UPDATE `_migrate_lock` SET `owner` = ?, `beat` = `beat` + 1, `taken_at` = UTC_TIMESTAMP(6) \
     WHERE `id` = 1 AND `owner` IS NULL";
const TAKE_OVER: &str = "UPDATE `_migrate_lock` SET `owner` = ?, `beat` = `beat` + 1, `taken_at` = UTC_TIMESTAMP(6) \
     WHERE `id` = 1 AND `owner` = ? AND `beat` = ?";
const RENEW: &str = "UPDATE `_migrate_lock` SET `beat` = `beat` + 1 WHERE `id` = 1 AND `owner` = ?";
const RELEASE: &str = "UPDATE `_migrate_lock` SET `owner` = NULL, `taken_at` = NULL WHERE `id` = 1 AND `owner` = ?";

/// Deadlock (1213): on Galera, also a write that lost certification.
/// Lock wait timeout (1205).
const RETRIED: [u16; 2] = [1213, 1205];

/// How long a waiter polls between looks at the lock row.
const POLL: Duration = Duration::from_millis(100);

/// Whether the session's server is a Galera node (`wsrep_on` is `ON`;
/// MySQL has no such variable, a lone MariaDB says `OFF`), and the cluster
/// lock is not turned off.
pub async fn wanted(session: &mut Session) -> Result<bool, DriverError> {
    if matches!(
        std::env::var("MIGRATE_GALERA_LOCK").as_deref(),
        Ok("off" | "0" | "false")
    ) {
        return Ok(false);
    }
    let rows: Vec<(String, String)> = session
        .query("SHOW VARIABLES LIKE 'wsrep_on'")
        .await
        .map_err(query_error)?;
    Ok(rows.first().is_some_and(|(_, value)| value.eq_ignore_ascii_case("ON")))
}

/// The lease: how long a holder that stopped renewing keeps the lock.
fn lease() -> Duration {
    let seconds = std::env::var("MIGRATE_GALERA_LOCK_LEASE")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| *s > 0.0)
        .unwrap_or(30.0);
    Duration::from_secs_f64(seconds)
}

/// A held cluster lock: its owner id and the task renewing it.
pub struct ClusterLock {
    owner: String,
    lost: Arc<AtomicBool>,
    renewal: tokio::task::JoinHandle<()>,
}

impl ClusterLock {
    /// Takes the lock for `session` (on the URL's database); renewal runs
    /// on a second session. A waiter waits as long as the holder renews
    /// the lock (app instances at boot wait for the one deploying), and
    /// gives up when the row has not changed for the lease and 10 s more,
    /// which a lock that ends with its lease never reaches.
    /// Errors: [`DriverError::LockTimeout`] when the wait ran out.
    pub async fn acquire(session: &mut Session, url: &MysqlUrl) -> Result<ClusterLock, DriverError> {
        session
            .execute("SET SESSION wsrep_sync_wait = 1")
            .await
            .map_err(query_error)?;
        let lease = lease();
        let owner = owner_id();
        prepare_table(session).await?;
        let started = Instant::now();
        let mut changed = Instant::now();
        let mut watched: Option<(Option<String>, u64, Instant)> = None;
        loop {
            let (holder, beat) = read(session).await?;
            let took = match &holder {
                None => try_update(session, TAKE_FREE, (owner.as_str(),)).await?,
                Some(h) => match &watched {
                    Some((seen, seen_beat, since))
                        if seen.as_deref() == Some(h.as_str()) && *seen_beat == beat && since.elapsed() >= lease =>
                    {
                        try_update(session, TAKE_OVER, (owner.as_str(), h.as_str(), beat)).await?
                    }
                    Some((seen, seen_beat, _)) if seen.as_deref() == Some(h.as_str()) && *seen_beat == beat => false,
                    _ => {
                        watched = Some((holder.clone(), beat, Instant::now()));
                        changed = Instant::now();
                        false
                    }
                },
            };
            if took {
                let lost = Arc::new(AtomicBool::new(false));
                let renewal = tokio::spawn(renew(url.clone(), owner.clone(), lease, lost.clone()));
                return Ok(ClusterLock { owner, lost, renewal });
            }
            if changed.elapsed() >= lease + Duration::from_secs(10) {
                return Err(DriverError::LockTimeout {
                    waited: started.elapsed(),
                });
            }
            tokio::time::sleep(POLL + jitter()).await;
        }
    }

    /// Fails when the lock is no longer this holder's: its renewal found
    /// another owner, or the row says so now (a causal read).
    pub async fn check(&self, session: &mut Session) -> Result<(), DriverError> {
        let (holder, _) = read(session).await?;
        if self.lost.load(Ordering::SeqCst) || holder.as_deref() != Some(self.owner.as_str()) {
            return Err(DriverError::LockLost { holder });
        }
        Ok(())
    }

    /// Stops the renewal and frees the row, if it is still this holder's.
    pub async fn release(self, session: &mut Session) -> Result<(), DriverError> {
        // A renewal in flight afterwards matches no row: it names the owner.
        self.renewal.abort();
        retrying(session, RELEASE, (self.owner.as_str(),).into()).await?;
        Ok(())
    }
}

/// [`ClusterLock::check`] of the lock `session` holds, if any: before a
/// statement or a history write.
pub async fn check_held(lock: Option<&ClusterLock>, session: &mut Session) -> Result<(), DriverError> {
    match lock {
        Some(held) => held.check(session).await,
        None => Ok(()),
    }
}

impl Drop for ClusterLock {
    fn drop(&mut self) {
        self.renewal.abort();
    }
}

/// The table and its one row, created by whichever process comes first
/// (both statements are no-ops for the others).
async fn prepare_table(session: &mut Session) -> Result<(), DriverError> {
    session.execute(CREATE).await.map_err(query_error)?;
    retrying(session, SEED, mysql_async::Params::Empty).await?;
    Ok(())
}

async fn read(session: &mut Session) -> Result<(Option<String>, u64), DriverError> {
    let rows: Vec<(Option<String>, u64)> = session.query(READ).await.map_err(query_error)?;
    Ok(rows.into_iter().next().unwrap_or((None, 0)))
}

/// A compare-and-set update: whether it changed the row. A lost race
/// (certification) is `false`, to be looked at again.
async fn try_update<P>(session: &mut Session, sql: &str, params: P) -> Result<bool, DriverError>
where
    P: Into<mysql_async::Params> + Send,
{
    match session.exec_affected(sql, params).await {
        Ok(n) => Ok(n == 1),
        Err(e) if is_retried(&e) => Ok(false),
        Err(e) => Err(query_error(e)),
    }
}

/// Runs a write again while it loses certification, up to five times.
async fn retrying(session: &mut Session, sql: &str, params: mysql_async::Params) -> Result<u64, DriverError> {
    let mut tries = 0;
    loop {
        match session.exec_affected(sql, params.clone()).await {
            Err(e) if is_retried(&e) && tries < 5 => tries += 1,
            other => return other.map_err(query_error),
        }
        tokio::time::sleep(jitter()).await;
    }
}

fn is_retried(e: &mysql_async::Error) -> bool {
    matches!(e, mysql_async::Error::Server(s) if RETRIED.contains(&s.code))
}

/// Renews the lock every third of the lease until aborted; sets `lost`
/// when the row has another owner. A renewal that fails (a node briefly
/// away) is tried again at the next tick.
async fn renew(url: MysqlUrl, owner: String, lease: Duration, lost: Arc<AtomicBool>) {
    let mut session: Option<Session> = None;
    loop {
        tokio::time::sleep(lease / 3).await;
        if session.is_none() {
            session = Session::connect(&url).await.ok();
        }
        let Some(s) = session.as_mut() else { continue };
        match s.exec_affected(RENEW, (owner.as_str(),)).await {
            Ok(0) => {
                lost.store(true, Ordering::SeqCst);
                return;
            }
            Ok(_) => {}
            Err(e) if is_retried(&e) => {}
            Err(_) => session = None,
        }
    }
}

/// Who holds the lock, for a person reading the row: host, process id
/// and a random part that makes it unique.
fn owner_id() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|_| "host".into());
    let mut id = format!("{host}:{}:{}", std::process::id(), uuid::Uuid::new_v4().simple());
    id.truncate(191);
    id
}

/// Up to 50 ms, so that waiters on several nodes do not poll in step.
fn jitter() -> Duration {
    Duration::from_millis(u64::from(uuid::Uuid::new_v4().as_bytes()[0]) % 50)
}
