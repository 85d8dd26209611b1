//! The migration lock: a session advisory lock with Prisma's key, tried
//! for up to 10 seconds (P1002 after that). A session lock is released when
//! the connection ends, so a crashed process never leaves it held.
//! `PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK` turns it off, as in Prisma (for
//! PgBouncer in transaction mode).

use super::error::query_error;
use migrate_core::driver::DriverError;
use std::time::{Duration, Instant};
use tokio_postgres::Client;

const KEY: i64 = 72707369;
const TIMEOUT: Duration = Duration::from_secs(10);

fn disabled() -> bool {
    std::env::var_os("PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK").is_some()
}

pub async fn lock(client: &Client) -> Result<(), DriverError> {
    if disabled() {
        return Ok(());
    }
    let start = Instant::now();
    loop {
        let got: bool = client
            .query_one("SELECT pg_try_advisory_lock($1)", &[&KEY])
            .await
            .map_err(query_error)?
            .get(0);
        if got {
            return Ok(());
        }
        if start.elapsed() >= TIMEOUT {
            return Err(DriverError::LockTimeout {
                waited: start.elapsed(),
            });
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

pub async fn unlock(client: &Client) -> Result<(), DriverError> {
    if disabled() {
        return Ok(());
    }
    client
        .query_one("SELECT pg_advisory_unlock($1)", &[&KEY])
        .await
        .map_err(query_error)?;
    Ok(())
}
