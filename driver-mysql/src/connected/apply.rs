//! Scripts on a database without transactional DDL: every statement runs,
//! and commits, on its own. A migration's row is written first and counts
//! its applied statements as they run, so a failure (or a crash) leaves a
//! row that says how far the script got. Under a Galera cluster lock, the
//! lock is checked before each statement and each history write.

use super::cluster_lock::{check_held, ClusterLock};
use super::error::query_error;
use super::session::Session;
use super::{history, statements};
use migrate_core::driver::ScriptError;
use migrate_core::migrations::{HistoryRow, Timestamp};

pub async fn apply_script(session: &mut Session, script: &str) -> Result<u32, ScriptError> {
    run(session, script, None, None).await
}

/// Runs the migration `script` recorded in `row`, under `lock` when the
/// session holds a cluster lock.
pub async fn apply_migration(
    session: &mut Session,
    script: &str,
    row: &HistoryRow,
    lock: Option<&ClusterLock>,
) -> Result<(), ScriptError> {
    still_held(session, lock, 0).await?;
    history::insert(session, row).await.map_err(|e| failed(0, None, e))?;
    let steps = run(session, script, Some(&row.id), lock).await?;
    let finished = HistoryRow {
        finished_at: Some(Timestamp::now()),
        applied_steps_count: steps,
        ..row.clone()
    };
    still_held(session, lock, steps).await?;
    match history::update(session, &finished).await {
        // A script that leaves tables locked has no use for the locks
        // after it ends: they are released so that its row can be written.
        Err(e) if is_not_locked(&e) => {
            unlock_tables(session).await;
            history::update(session, &finished).await
        }
        result => result,
    }
    .map_err(|e| failed(steps, None, e))
}

/// Runs each statement, after each one but the last writing the number
/// run so far to the history row `counted_in` (a migration's); returns the
/// number run. The last count is left to the finishing update, as each
/// write is a commit (an fsync) of its own; a crash between the last
/// statement and that update leaves a row one short, `finished_at` empty.
async fn run(
    session: &mut Session,
    script: &str,
    counted_in: Option<&str>,
    lock: Option<&ClusterLock>,
) -> Result<u32, ScriptError> {
    let statements = statements::split(script);
    let mut done = 0;
    for (i, statement) in statements.iter().enumerate() {
        if i > 0 {
            still_held(session, lock, done).await?;
        }
        if let Err(e) = session.execute(statement).await {
            // The failure is recorded in the history table next, which
            // table locks the script took would keep out of reach.
            unlock_tables(session).await;
            return Err(failed(done, Some(statement), e));
        }
        done += 1;
        if let Some(id) = counted_in.filter(|_| i + 1 < statements.len()) {
            match history::set_applied_steps(session, id, done).await {
                // The script holds table locks (`LOCK TABLES`, as dumps
                // write): the history table is out of reach until it
                // unlocks them, and the count catches up with the next write.
                Err(e) if is_not_locked(&e) => {}
                result => result.map_err(|e| failed(done, None, e))?,
            }
        }
    }
    Ok(done)
}

/// Fails when the cluster lock (if any) is no longer this session's.
async fn still_held(session: &mut Session, lock: Option<&ClusterLock>, done: u32) -> Result<(), ScriptError> {
    check_held(lock, session).await.map_err(|error| ScriptError {
        applied_steps: done,
        statement: None,
        rolled_back: false,
        error,
    })
}

/// Releases the session's table locks, if any (`UNLOCK TABLES` is a no-op
/// without them); a failure here leaves the error at hand to be reported.
async fn unlock_tables(session: &mut Session) {
    let _ = session.execute("UNLOCK TABLES").await;
}

/// MySQL's error 1100 (`ER_TABLE_NOT_LOCKED`): the session holds table
/// locks that do not include the table it touched.
fn is_not_locked(e: &mysql_async::Error) -> bool {
    matches!(e, mysql_async::Error::Server(s) if s.code == 1100)
}

fn failed(applied_steps: u32, statement: Option<&str>, e: mysql_async::Error) -> ScriptError {
    ScriptError {
        applied_steps,
        statement: statement.map(str::to_string),
        rolled_back: false,
        error: query_error(e),
    }
}
