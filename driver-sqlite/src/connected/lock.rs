//! The migration lock: SQLite's exclusive locking mode, taken at once with
//! an exclusive transaction and held until unlocked or the connection
//! closes (a crashed process never leaves it held). A second `migrate`
//! retries for up to the timeout, then fails with P1002.
//!
//! The exclusive transaction is begun in normal locking mode and the mode
//! switched only once it is held: in exclusive mode a connection keeps the
//! SHARED lock between the busy handler's retries, so two waiting processes
//! would block each other until both time out. SQLite can also answer
//! "busy" at once when two connections would deadlock, hence the retry loop
//! around the connection's busy timeout (set, for each attempt, to the time
//! left: the whole wait is the timeout, not a multiple of it).

use migrate_core::driver::DriverError;
use rusqlite::{Connection, ErrorCode};
use std::time::{Duration, Instant};

pub const TIMEOUT: Duration = Duration::from_secs(10);

pub fn lock(conn: &Connection) -> Result<(), DriverError> {
    let start = Instant::now();
    let deadline = start + TIMEOUT;
    let result = lock_until(conn, start, deadline);
    // Each attempt waited at most what was left; back to the usual wait.
    conn.busy_timeout(TIMEOUT).map_err(super::query_error)?;
    result
}

fn lock_until(conn: &Connection, start: Instant, deadline: Instant) -> Result<(), DriverError> {
    loop {
        let left = deadline
            .saturating_duration_since(Instant::now())
            .max(Duration::from_millis(1));
        conn.busy_timeout(left).map_err(super::query_error)?;
        match conn.execute_batch("BEGIN EXCLUSIVE; PRAGMA main.locking_mode = EXCLUSIVE; COMMIT;") {
            Ok(()) => return Ok(()),
            Err(e) if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy) => {
                // A failed attempt can leave a SHARED lock held in exclusive
                // mode; keeping it while waiting would stop every other
                // process from ever getting its exclusive lock (livelock).
                // Releasing it must not wait: holding none, the release's
                // read would wait for the holder (a second full timeout).
                let _ = conn.busy_timeout(Duration::ZERO);
                let _ = conn.execute_batch("ROLLBACK;");
                let _ = unlock(conn);
                if Instant::now() >= deadline {
                    return Err(DriverError::LockTimeout {
                        waited: start.elapsed(),
                    });
                }
                std::thread::sleep(backoff());
            }
            Err(e) => return Err(super::query_error(e)),
        }
    }
}

/// 10 to 40 ms, varied per process and attempt so that waiting processes
/// do not retry in lockstep.
fn backoff() -> Duration {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let spread = (nanos ^ std::process::id().wrapping_mul(2_654_435_761)) % 30;
    Duration::from_millis(10 + u64::from(spread))
}

/// Back to normal locking; the lock is released at the next access.
pub fn unlock(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch("PRAGMA main.locking_mode = NORMAL; SELECT count(*) FROM sqlite_schema;")
}
