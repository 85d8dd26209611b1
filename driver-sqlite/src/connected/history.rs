//! `_prisma_migrations` with Prisma's SQLite DDL. Timestamps are stored as
//! Prisma stores SQLite `DATETIME` values: integer milliseconds since the
//! Unix epoch.

use migrate_core::migrations::{HistoryRow, Timestamp};
use rusqlite::{params, Connection, OptionalExtension, Row};

const CREATE: &str = include_str!("../queries/history_create.sql");
const SELECT: &str = "SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count FROM _prisma_migrations ORDER BY started_at ASC";

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

pub fn rows(conn: &Connection) -> rusqlite::Result<Vec<HistoryRow>> {
    let mut stmt = conn.prepare(SELECT)?;
    let rows = stmt.query_map([], row)?;
    rows.collect()
}

fn row(r: &Row<'_>) -> rusqlite::Result<HistoryRow> {
    Ok(HistoryRow {
        id: r.get(0)?,
        checksum: r.get(1)?,
        finished_at: r.get::<_, Option<i64>>(2)?.map(Timestamp),
        migration_name: r.get(3)?,
        logs: r.get(4)?,
        rolled_back_at: r.get::<_, Option<i64>>(5)?.map(Timestamp),
        started_at: Timestamp(r.get(6)?),
        applied_steps_count: r.get(7)?,
    })
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
