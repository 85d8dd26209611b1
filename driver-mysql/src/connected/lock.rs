//! The migration lock: `GET_LOCK('prisma_migrate', 10)`, Prisma's named
//! lock. It belongs to the session, so a crashed process never leaves it
//! held; it is server-wide, as in Prisma, so `migrate` and `prisma` exclude
//! each other. `PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK` turns it off.

use super::error::query_error;
use super::session::Session;
use migrate_core::driver::DriverError;
use std::time::Instant;

const TIMEOUT_SECONDS: u64 = 10;

fn disabled() -> bool {
    std::env::var_os("PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK").is_some()
}

pub async fn lock(session: &mut Session) -> Result<(), DriverError> {
    if disabled() {
        return Ok(());
    }
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

pub async fn unlock(session: &mut Session) -> Result<(), DriverError> {
    if disabled() {
        return Ok(());
    }
    session
        .execute("DO RELEASE_LOCK('prisma_migrate')")
        .await
        .map_err(query_error)
}
