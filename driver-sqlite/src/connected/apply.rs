//! Runs scripts statement by statement, so a failure can say which statement
//! failed and how many ran before it.
//!
//! A migration runs in one transaction with its history row: a crash or a
//! failure leaves neither. Inside a transaction `PRAGMA foreign_keys` is a
//! no-op, so the script's own setting is taken before it starts: foreign
//! keys are on, as Prisma runs every script (a data migration's `DELETE`
//! cascades, a row that breaks a key fails at once), unless the script
//! sets them (Prisma's table rebuilds and dropped tables switch them off,
//! so that dropping a referenced table does not cascade; see
//! [`sets_foreign_keys`]). Then they stay off for the whole script, and
//! `PRAGMA foreign_key_check` before the commit refuses a script that broke
//! keys; rows that broke them before it ran are not its doing and do not
//! stop it (Prisma never checks).
//!
//! A script that manages its own transaction (`BEGIN; ... COMMIT;`) or holds
//! a statement SQLite refuses or ignores inside one (`VACUUM`, `PRAGMA
//! journal_mode`; see [`needs_no_transaction`]), or whose first line is
//! `-- migrate:no-transaction`, runs as Prisma runs every SQLite script: as
//! written, without a transaction around it. Its row is written before and
//! finished after, so a failure half-way leaves a failed row; a transaction
//! the script opened and did not finish is rolled back.

use super::statements::{needs_no_transaction, sets_foreign_keys};
use super::{history, query_error};
use migrate_core::driver::{DriverError, ScriptError};
use migrate_core::migrations::{HistoryRow, Timestamp};
use rusqlite::{Batch, Connection};
use std::collections::BTreeMap;

/// A script on its own, in autocommit mode (`db execute`, `db push`); a
/// transaction it opened and did not finish is rolled back.
pub fn apply_script(conn: &Connection, script: &str) -> Result<(), ScriptError> {
    run_statements(conn, script)
        .map(|_| ())
        .inspect_err(|_| roll_back_open(conn))
}

/// Rolls back the transaction a failed script left open, if any.
fn roll_back_open(conn: &Connection) {
    if !conn.is_autocommit() {
        let _ = conn.execute_batch("ROLLBACK;");
    }
}

/// The explicit opt-out of the transaction, on a script's first line.
const NO_TRANSACTION: &str = "-- migrate:no-transaction";

pub fn apply_migration(conn: &Connection, script: &str, row: &HistoryRow) -> Result<(), ScriptError> {
    if script.trim_start().starts_with(NO_TRANSACTION) || needs_no_transaction(script) {
        return apply_without_transaction(conn, script, row);
    }
    let setup = |sql: &str| conn.execute_batch(sql).map_err(|e| failed(0, None, query_error(e)));
    let keys_off = sets_foreign_keys(script);
    setup(match keys_off {
        true => "PRAGMA foreign_keys = OFF; BEGIN IMMEDIATE;",
        false => "PRAGMA foreign_keys = ON; BEGIN IMMEDIATE;",
    })?;
    let result = run_in_transaction(conn, script, row, keys_off);
    let end = if result.is_ok() { "COMMIT;" } else { "ROLLBACK;" };
    let ended = conn.execute_batch(end).map_err(|e| failed(0, None, query_error(e)));
    setup("PRAGMA foreign_keys = ON;")?;
    result.map_err(|e| ScriptError { rolled_back: true, ..e }).and(ended)
}

/// The row, then the script as written (committing as it goes, or as its
/// own transactions commit), then the finished row.
fn apply_without_transaction(conn: &Connection, script: &str, row: &HistoryRow) -> Result<(), ScriptError> {
    history::insert(conn, row).map_err(|e| failed(0, None, query_error(e)))?;
    let steps = run_statements(conn, script).inspect_err(|_| roll_back_open(conn));
    // A script that switched foreign keys off and left them so does not
    // leave them off for the migrations after it.
    let restored = conn.execute_batch("PRAGMA foreign_keys = ON;");
    let steps = steps?;
    restored.map_err(|e| failed(steps, None, query_error(e)))?;
    let finished = HistoryRow {
        finished_at: Some(Timestamp::now()),
        applied_steps_count: 1,
        ..row.clone()
    };
    history::update(conn, &finished).map_err(|e| failed(steps, None, query_error(e)))
}

fn run_in_transaction(conn: &Connection, script: &str, row: &HistoryRow, keys_off: bool) -> Result<(), ScriptError> {
    let before = match keys_off {
        true => broken_foreign_keys(conn).map_err(|e| failed(0, None, e))?,
        false => BTreeMap::new(),
    };
    let steps = run_statements(conn, script)?;
    if keys_off {
        check_foreign_keys(conn, &before).map_err(|e| failed(steps, None, e))?;
    }
    let finished = HistoryRow {
        finished_at: Some(Timestamp::now()),
        applied_steps_count: 1,
        ..row.clone()
    };
    history::insert(conn, &finished).map_err(|e| failed(steps, None, query_error(e)))
}

/// Rows that break a foreign key, as `(table, referenced table)` and the
/// rows of `table` (rowids) that do. The check reads every table, so it is
/// skipped when no table declares a foreign key.
fn broken_foreign_keys(conn: &Connection) -> Result<BTreeMap<(String, String), Vec<i64>>, DriverError> {
    const ANY_FOREIGN_KEY: &str =
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%REFERENCES%')";
    let mut broken: BTreeMap<(String, String), Vec<i64>> = BTreeMap::new();
    if !conn
        .query_row(ANY_FOREIGN_KEY, [], |r| r.get::<_, bool>(0))
        .map_err(query_error)?
    {
        return Ok(broken);
    }
    let mut stmt = conn.prepare("PRAGMA foreign_key_check").map_err(query_error)?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(1).unwrap_or(0),
            ))
        })
        .map_err(query_error)?;
    for row in rows {
        let (table, parent, rowid) = row.map_err(query_error)?;
        broken.entry((table, parent)).or_default().push(rowid);
    }
    Ok(broken)
}

/// Refuses a script that left more rows breaking a foreign key than there
/// were before it (`before`, from [`broken_foreign_keys`]): those it broke.
fn check_foreign_keys(conn: &Connection, before: &BTreeMap<(String, String), Vec<i64>>) -> Result<(), DriverError> {
    let after = broken_foreign_keys(conn)?;
    let broken: Vec<String> = after
        .iter()
        .filter(|(key, rows)| rows.len() > before.get(*key).map_or(0, Vec::len))
        .flat_map(|((table, parent), rows)| {
            let old = before
                .get(&(table.clone(), parent.clone()))
                .cloned()
                .unwrap_or_default();
            let new = rows.iter().filter(move |row| !old.contains(row));
            new.map(move |row| format!("{table} (row {row}) -> {parent}"))
        })
        .collect();
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
/// The statements of `script`, one by one: how many ran. On a failure, the
/// count is of those that stay applied: the ones that ran outside a
/// transaction, or whose transaction committed (one still open is rolled
/// back by the caller).
fn run_statements(conn: &Connection, script: &str) -> Result<u32, ScriptError> {
    let mut batch = Batch::new(conn, script);
    let (mut steps, mut durable) = (0, 0);
    loop {
        let mut stmt = match batch.next() {
            Ok(Some(stmt)) => stmt,
            Ok(None) => return Ok(steps),
            Err(e) => return Err(failed(durable, None, query_error(e))),
        };
        let sql = stmt.expanded_sql();
        run_to_end(&mut stmt).map_err(|e| failed(durable, sql, query_error(e)))?;
        steps += 1;
        if conn.is_autocommit() {
            durable = steps;
        }
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
