//! The migration lock: `GET_LOCK('prisma_migrate', 10)`, Prisma's named
//! lock. It belongs to the session, so a crashed process never leaves it
//! held; it is server-wide, as in Prisma, so `migrate` and `prisma` exclude
//! each other. On a Galera node, where a named lock holds on that node
//! only, the cluster lock ([`ClusterLock`]) is taken first.
//! `PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK` turns both off.

use super::cluster_lock::{self, ClusterLock};
use super::error::query_error;
use super::session::Session;
use super::url::MysqlUrl;
use migrate_core::driver::DriverError;
use std::time::Instant;

const TIMEOUT_SECONDS: u64 = 10;

fn disabled() -> bool {
    std::env::var_os("PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK").is_some()
}

/// On a Galera node the cluster lock first (a waiter waits there as long
/// as the holder renews it, also when both go through one node), then the
/// named lock, which then only a Prisma process on that node can hold.
/// The cluster lock is returned, to be released with [`unlock`].
pub async fn lock(session: &mut Session, url: &MysqlUrl) -> Result<Option<ClusterLock>, DriverError> {
    if disabled() {
        return Ok(None);
    }
    let cluster = match cluster_lock::wanted(session).await? {
        true => Some(ClusterLock::acquire(session, url).await?),
        false => None,
    };
    match named_lock(session).await {
        Ok(()) => Ok(cluster),
        Err(e) => {
            if let Some(held) = cluster {
                let _ = held.release(session).await;
            }
            Err(e)
        }
    }
}

async fn named_lock(session: &mut Session) -> Result<(), DriverError> {
    let sql = format!("SELECT GET_LOCK('prisma_migrate', {TIMEOUT_SECONDS})");
    let start = Instant::now();
    let got: Vec<Option<i64>> = session.query(&sql).await.map_err(query_error)?;
    match got.first() {
        Some(Some(1)) => Ok(()),
        Some(Some(0)) => Err(DriverError::LockTimeout {
            waited: start.elapsed(),
        }),
        _ => Err(DriverError::Query {
            code: None,
            message: "GET_LOCK('prisma_migrate') failed".into(),
        }),
    }
}

/// Releases the cluster lock `cluster` (if held), then the named lock.
pub async fn unlock(session: &mut Session, cluster: Option<ClusterLock>) -> Result<(), DriverError> {
    if disabled() {
        return Ok(());
    }
    let released = match cluster {
        Some(held) => held.release(session).await,
        None => Ok(()),
    };
    release_named(session).await?;
    released
}

async fn release_named(session: &mut Session) -> Result<(), DriverError> {
    session
        .execute("DO RELEASE_LOCK('prisma_migrate')")
        .await
        .map_err(query_error)
}
