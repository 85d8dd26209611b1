//! Scripts on a database without transactional DDL: every statement runs,
//! and commits, on its own. A migration's row is written first and counts
//! its applied statements as they run, so a failure (or a crash) leaves a
//! row that says how far the script got.

use super::error::query_error;
use super::session::Session;
use super::{history, statements};
use migrate_core::driver::ScriptError;
use migrate_core::migrations::{HistoryRow, Timestamp};

pub async fn apply_script(session: &mut Session, script: &str) -> Result<u32, ScriptError> {
    run(session, script, None).await
}

pub async fn apply_migration(session: &mut Session, script: &str, row: &HistoryRow) -> Result<(), ScriptError> {
    history::insert(session, row).await.map_err(|e| failed(0, None, e))?;
    let steps = run(session, script, Some(&row.id)).await?;
    let finished = HistoryRow {
        finished_at: Some(Timestamp::now()),
        applied_steps_count: steps,
        ..row.clone()
    };
    history::update(session, &finished)
        .await
        .map_err(|e| failed(steps, None, e))
}

/// Runs each statement, after each one but the last writing the number
/// run so far to the history row `counted_in` (a migration's); returns the
/// number run. The last count is left to the finishing update, as each
/// write is a commit (an fsync) of its own; a crash between the last
/// statement and that update leaves a row one short, `finished_at` empty.
async fn run(session: &mut Session, script: &str, counted_in: Option<&str>) -> Result<u32, ScriptError> {
    let statements = statements::split(script);
    let mut done = 0;
    for (i, statement) in statements.iter().enumerate() {
        session
            .execute(statement)
            .await
            .map_err(|e| failed(done, Some(statement), e))?;
        done += 1;
        if let Some(id) = counted_in.filter(|_| i + 1 < statements.len()) {
            history::set_applied_steps(session, id, done)
                .await
                .map_err(|e| failed(done, None, e))?;
        }
    }
    Ok(done)
}

fn failed(applied_steps: u32, statement: Option<&str>, e: mysql_async::Error) -> ScriptError {
    ScriptError {
        applied_steps,
        statement: statement.map(str::to_string),
        rolled_back: false,
        error: query_error(e),
    }
}
