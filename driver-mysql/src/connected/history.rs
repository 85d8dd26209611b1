//! `_prisma_migrations` with Prisma's MySQL DDL. Timestamps are UTC
//! `DATETIME(3)` values, passed as text so the session's zone never
//! shifts them.

use super::session::Session;
use migrate_core::migrations::{HistoryRow, Timestamp};
use mysql_async::Value;

const CREATE: &str = include_str!("../queries/history_create.sql");
const SELECT: &str = "SELECT id, checksum, DATE_FORMAT(finished_at, '%Y-%m-%d %H:%i:%s.%f'), migration_name, logs, \
     DATE_FORMAT(rolled_back_at, '%Y-%m-%d %H:%i:%s.%f'), DATE_FORMAT(started_at, '%Y-%m-%d %H:%i:%s.%f'), \
     applied_steps_count FROM `_prisma_migrations` ORDER BY started_at ASC";

type Row = (
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    String,
    u32,
);

pub async fn exists(session: &mut Session) -> Result<bool, mysql_async::Error> {
    let found: Vec<u8> = session.query(
        "SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = '_prisma_migrations'",
    ).await?;
    Ok(!found.is_empty())
}

pub async fn create(session: &mut Session) -> Result<(), mysql_async::Error> {
    session.execute(CREATE).await
}

pub async fn rows(session: &mut Session) -> Result<Vec<HistoryRow>, mysql_async::Error> {
    Ok(session.query::<Row>(SELECT).await?.into_iter().map(row).collect())
}

fn row((id, checksum, finished, name, logs, rolled_back, started, steps): Row) -> HistoryRow {
    let time = |t: Option<String>| t.and_then(|t| Timestamp::from_sql_datetime(&t));
    HistoryRow {
        id,
        checksum,
        finished_at: time(finished),
        migration_name: name,
        logs,
        rolled_back_at: time(rolled_back),
        started_at: time(Some(started)).unwrap_or(Timestamp(0)),
        applied_steps_count: steps,
    }
}

pub async fn insert(session: &mut Session, row: &HistoryRow) -> Result<(), mysql_async::Error> {
    session.exec_drop(
        "INSERT INTO `_prisma_migrations` (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        vec![
            Value::from(&row.id),
            Value::from(&row.checksum),
            datetime(row.finished_at),
            Value::from(&row.migration_name),
            Value::from(row.logs.as_deref()),
            datetime(row.rolled_back_at),
            datetime(Some(row.started_at)),
            Value::from(row.applied_steps_count),
        ],
    ).await
}

pub async fn update(session: &mut Session, row: &HistoryRow) -> Result<(), mysql_async::Error> {
    session.exec_drop(
        "UPDATE `_prisma_migrations` SET finished_at = ?, logs = ?, rolled_back_at = ?, applied_steps_count = ? WHERE id = ?",
        vec![
            datetime(row.finished_at),
            Value::from(row.logs.as_deref()),
            datetime(row.rolled_back_at),
            Value::from(row.applied_steps_count),
            Value::from(&row.id),
        ],
    ).await
}

pub async fn set_applied_steps(session: &mut Session, id: &str, steps: u32) -> Result<(), mysql_async::Error> {
    session
        .exec_drop(
            "UPDATE `_prisma_migrations` SET applied_steps_count = ? WHERE id = ?",
            vec![Value::from(steps), Value::from(id)],
        )
        .await
}

fn datetime(t: Option<Timestamp>) -> Value {
    Value::from(t.map(Timestamp::sql_datetime))
}
