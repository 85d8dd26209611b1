//! Runs scripts statement by statement, so a failure can say which statement
//! failed and how many ran before it.
//!
//! A migration runs in one transaction with its history row: a crash or a
//! failure leaves neither. Foreign keys are switched off around the
//! transaction (inside one `PRAGMA foreign_keys` is a no-op, and dropping a
//! table that others reference would otherwise cascade) and checked with
//! `PRAGMA foreign_key_check` before the commit.

use super::{history, query_error};
use migrate_core::driver::{DriverError, ScriptError};
use migrate_core::migrations::{HistoryRow, Timestamp};
use rusqlite::{Batch, Connection};

/// A script on its own, in autocommit mode (`db execute`, `db push`).
pub fn apply_script(conn: &Connection, script: &str) -> Result<(), ScriptError> {
    run_statements(conn, script).map(|_| ())
}

pub fn apply_migration(conn: &Connection, script: &str, row: &HistoryRow) -> Result<(), ScriptError> {
    let setup = |sql: &str| conn.execute_batch(sql).map_err(|e| failed(0, None, query_error(e)));
    setup("PRAGMA foreign_keys = OFF; BEGIN IMMEDIATE;")?;
    let result = run_in_transaction(conn, script, row);
    let end = if result.is_ok() { "COMMIT;" } else { "ROLLBACK;" };
    let ended = conn.execute_batch(end).map_err(|e| failed(0, None, query_error(e)));
    setup("PRAGMA foreign_keys = ON;")?;
    result.map_err(|e| ScriptError { rolled_back: true, ..e }).and(ended)
}

fn run_in_transaction(conn: &Connection, script: &str, row: &HistoryRow) -> Result<(), ScriptError> {
    let steps = run_statements(conn, script)?;
    check_foreign_keys(conn).map_err(|e| failed(steps, None, e))?;
    let finished = HistoryRow {
        finished_at: Some(Timestamp::now()),
        applied_steps_count: 1,
        ..row.clone()
    };
    history::insert(conn, &finished).map_err(|e| failed(steps, None, query_error(e)))
}

/// Rows that break a foreign key after the script ran. The check reads
/// every table, so it is skipped when no table declares a foreign key.
fn check_foreign_keys(conn: &Connection) -> Result<(), DriverError> {
    const ANY_FOREIGN_KEY: &str =
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%REFERENCES%')";
    if !conn
        .query_row(ANY_FOREIGN_KEY, [], |r| r.get::<_, bool>(0))
        .map_err(query_error)?
    {
        return Ok(());
    }
    let mut stmt = conn.prepare("PRAGMA foreign_key_check").map_err(query_error)?;
    let broken: Vec<String> = stmt
        .query_map([], |r| {
            Ok(format!(
                "{} (row {}) -> {}",
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1).unwrap_or(0),
                r.get::<_, String>(2)?
            ))
        })
        .map_err(query_error)?
        .collect::<rusqlite::Result<_>>()
        .map_err(query_error)?;
    if broken.is_empty() {
        return Ok(());
    }
    Err(DriverError::Query {
        code: Some("SQLITE_CONSTRAINT_FOREIGNKEY".into()),
        message: format!(
            "The migration leaves rows that violate foreign keys: {}",
            broken.join(", ")
        ),
    })
}

/// Runs every statement; the count of those that ran.
fn run_statements(conn: &Connection, script: &str) -> Result<u32, ScriptError> {
    let mut batch = Batch::new(conn, script);
    let mut steps = 0;
    loop {
        let mut stmt = match batch.next() {
            Ok(Some(stmt)) => stmt,
            Ok(None) => return Ok(steps),
            Err(e) => return Err(failed(steps, None, query_error(e))),
        };
        let sql = stmt.expanded_sql();
        run_to_end(&mut stmt).map_err(|e| failed(steps, sql, query_error(e)))?;
        steps += 1;
    }
}

fn failed(applied_steps: u32, statement: Option<String>, error: DriverError) -> ScriptError {
    ScriptError {
        applied_steps,
        statement,
        error,
        rolled_back: false,
    }
}

/// Steps a statement until done; statements that return rows (PRAGMA,
/// SELECT) are read to the end.
fn run_to_end(stmt: &mut rusqlite::Statement<'_>) -> rusqlite::Result<()> {
    let mut rows = stmt.raw_query();
    while rows.next()?.is_some() {}
    Ok(())
}
