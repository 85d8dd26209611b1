//! `_prisma_migrations` with Prisma's SQLite DDL. Timestamps are written as
//! Prisma's engine writes SQLite `DATETIME` values: integer milliseconds
//! since the Unix epoch. They are read in that form and as the RFC 3339 text
//! Prisma writes through a driver adapter (the way Prisma 7 always runs), so
//! a history either wrote reads back; rows are ordered by instant here, as
//! SQLite would sort integers before text.

use migrate_core::migrations::{HistoryRow, Timestamp};
use rusqlite::types::{Type, ValueRef};
use rusqlite::{params, Connection, OptionalExtension, Row};

const CREATE: &str = include_str!("../queries/history_create.sql");
const SELECT: &str = "SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count FROM _prisma_migrations ORDER BY rowid";

pub fn exists(conn: &Connection) -> rusqlite::Result<bool> {
    let found = conn
        .query_row(
            "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = '_prisma_migrations'",
            [],
            |_| Ok(()),
        )
        .optional()?;
    Ok(found.is_some())
}

pub fn create(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(CREATE)
}

/// Every row, ordered by `started_at` (rows of one instant in the order
/// they were written).
pub fn rows(conn: &Connection) -> rusqlite::Result<Vec<HistoryRow>> {
    let mut stmt = conn.prepare(SELECT)?;
    let mut rows = stmt.query_map([], row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    rows.sort_by_key(|r| r.started_at);
    Ok(rows)
}

fn row(r: &Row<'_>) -> rusqlite::Result<HistoryRow> {
    Ok(HistoryRow {
        id: r.get(0)?,
        checksum: r.get(1)?,
        finished_at: timestamp(r, 2)?,
        migration_name: r.get(3)?,
        logs: r.get(4)?,
        rolled_back_at: timestamp(r, 5)?,
        started_at: timestamp(r, 6)?
            .ok_or_else(|| rusqlite::Error::InvalidColumnType(6, "started_at".into(), Type::Null))?,
        applied_steps_count: r.get(7)?,
    })
}

/// A timestamp column in either form Prisma writes; an unreadable value
/// is an error naming the column.
fn timestamp(r: &Row<'_>, index: usize) -> rusqlite::Result<Option<Timestamp>> {
    let unreadable =
        |ty| rusqlite::Error::InvalidColumnType(index, r.as_ref().column_name(index).unwrap_or("?").into(), ty);
    match r.get_ref(index)? {
        ValueRef::Null => Ok(None),
        ValueRef::Integer(ms) => Ok(Some(Timestamp(ms))),
        ValueRef::Text(text) => std::str::from_utf8(text)
            .ok()
            .and_then(Timestamp::from_text)
            .map(Some)
            .ok_or_else(|| unreadable(Type::Text)),
        ValueRef::Real(_) => Err(unreadable(Type::Real)),
        ValueRef::Blob(_) => Err(unreadable(Type::Blob)),
    }
}

pub fn insert(conn: &Connection, row: &HistoryRow) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            row.id,
            row.checksum,
            row.finished_at.map(|t| t.0),
            row.migration_name,
            row.logs,
            row.rolled_back_at.map(|t| t.0),
            row.started_at.0,
            row.applied_steps_count
        ],
    )?;
    Ok(())
}

pub fn update(conn: &Connection, row: &HistoryRow) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE _prisma_migrations SET finished_at = ?2, logs = ?3, rolled_back_at = ?4, applied_steps_count = ?5 WHERE id = ?1",
        params![row.id, row.finished_at.map(|t| t.0), row.logs, row.rolled_back_at.map(|t| t.0), row.applied_steps_count],
    )?;
    Ok(())
}
