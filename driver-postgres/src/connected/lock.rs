//! The migration lock, two session advisory locks tried together for up to
//! 10 seconds (P1002 after that):
//! - Prisma's key (72707369), shared: it excludes a Prisma process, whose
//!   `pg_advisory_lock(72707369)` is exclusive, from the whole database;
//! - the schema's own key (72707369 and a hash of the schema's name, the
//!   two-key form, whose key space is apart from the one-key form's),
//!   exclusive: it excludes another `migrate` on the same schema, and only
//!   there, so that the schemas of one database (a fan-out's tenants) are
//!   migrated at once.
//!
//! A session lock is released when the connection ends, so a crashed
//! process never leaves it held. `PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK`
//! turns it off, as in Prisma (for PgBouncer in transaction mode).

use super::error::query_error;
use migrate_core::driver::DriverError;
use std::time::{Duration, Instant};
use tokio_postgres::Client;

const KEY: i64 = 72707369;
const TIMEOUT: Duration = Duration::from_secs(10);

/// Both locks, or neither: the shared one is given back when the schema's
/// is taken by someone else. (`CASE` evaluates its branches in order.)
const TRY_LOCK: &str = "SELECT CASE WHEN pg_catalog.pg_try_advisory_lock_shared($1) THEN \
     CASE WHEN pg_catalog.pg_try_advisory_lock($2, $3) THEN true \
     ELSE NOT pg_catalog.pg_advisory_unlock_shared($1) END \
     ELSE false END";
const UNLOCK: &str = "SELECT pg_catalog.pg_advisory_unlock($2, $3), pg_catalog.pg_advisory_unlock_shared($1)";

fn disabled() -> bool {
    std::env::var_os("PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK").is_some()
}

pub async fn lock(client: &Client, schema: &str) -> Result<(), DriverError> {
    if disabled() {
        return Ok(());
    }
    let (prisma, schema) = (KEY as i32, schema_key(schema));
    let start = Instant::now();
    loop {
        let got: bool = client
            .query_one(TRY_LOCK, &[&KEY, &prisma, &schema])
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

pub async fn unlock(client: &Client, schema: &str) -> Result<(), DriverError> {
    if disabled() {
        return Ok(());
    }
    client
        .query_one(UNLOCK, &[&KEY, &(KEY as i32), &schema_key(schema)])
        .await
        .map_err(query_error)?;
    Ok(())
}

/// The schema's key: FNV-1a of its name, as a signed 32-bit number (the
/// same in every version of migrate; two schemas that share one only wait
/// for each other).
fn schema_key(schema: &str) -> i32 {
    let hash = schema
        .bytes()
        .fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    hash as i32
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_schema_key_is_fixed() {
        // FNV-1a 32 of "public": a changed key would let two versions of
        // migrate work on one schema at once.
        assert_eq!(super::schema_key("public") as u32, 0xcc90_9380_u32);
    }
}
