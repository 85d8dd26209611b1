//! Scripts as Prisma runs them on PostgreSQL: the whole file as one
//! simple-query batch. A migration runs in a transaction together with its
//! history row, so both commit or neither does.
//!
//! Escape for statements that cannot run in a transaction
//! (`CREATE INDEX CONCURRENTLY`, `ALTER TYPE ... ADD VALUE` on old servers):
//! a migration whose first line is `-- migrate:no-transaction` runs as a
//! plain batch, its row written before and finished after, as on databases
//! without transactional DDL. Keep such a statement alone in its migration.

use super::error::query_error;
use super::history;
use migrate_core::driver::ScriptError;
use migrate_core::migrations::{HistoryRow, Timestamp};
use postgres::Client;

const NO_TRANSACTION: &str = "-- migrate:no-transaction";

pub fn apply_script(client: &mut Client, script: &str) -> Result<(), ScriptError> {
    client.batch_execute(script).map_err(|e| failed(e, false))
}

pub fn apply_migration(client: &mut Client, schema: &str, script: &str, row: &HistoryRow) -> Result<(), ScriptError> {
    let finished = HistoryRow {
        finished_at: None,
        applied_steps_count: 1,
        ..row.clone()
    };
    if script.trim_start().starts_with(NO_TRANSACTION) {
        history::insert(client, schema, row).map_err(|e| failed(e, false))?;
        apply_script(client, script)?;
        let done = HistoryRow {
            finished_at: Some(Timestamp::now()),
            ..finished
        };
        return history::update(client, schema, &done).map_err(|e| failed(e, false));
    }
    let mut tx = client.transaction().map_err(|e| failed(e, true))?;
    tx.batch_execute(script).map_err(|e| failed(e, true))?;
    let done = HistoryRow {
        finished_at: Some(Timestamp::now()),
        ..finished
    };
    history::insert_in(&mut tx, schema, &done).map_err(|e| failed(e, true))?;
    tx.commit().map_err(|e| failed(e, true))
}

fn failed(e: postgres::Error, rolled_back: bool) -> ScriptError {
    let statement = e.as_db_error().and_then(|db| db.where_().map(str::to_string));
    ScriptError {
        applied_steps: 0,
        statement,
        error: query_error(e),
        rolled_back,
    }
}
