//! `_prisma_migrations` in the URL's schema, with Prisma's PostgreSQL DDL.

use migrate_core::migrations::{HistoryRow, Timestamp};
use migrate_core::sql_quote::quote_str;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio_postgres::{Client, GenericClient, Row};

fn table(schema: &str) -> String {
    format!("{}.\"_prisma_migrations\"", crate::dialect::quote_ident(schema))
}

pub async fn exists(client: &Client, schema: &str) -> Result<bool, tokio_postgres::Error> {
    let row = client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = $1 AND tablename = '_prisma_migrations')",
            &[&schema],
        )
        .await?;
    Ok(row.get(0))
}

pub async fn create(client: &Client, schema: &str) -> Result<(), tokio_postgres::Error> {
    let sql = include_str!("../queries/history_create.sql").replace("{table}", &table(schema));
    client
        .batch_execute(&format!(
            "CREATE SCHEMA IF NOT EXISTS {};\n{sql}",
            crate::dialect::quote_ident(schema)
        ))
        .await
}

pub async fn rows(client: &Client, schema: &str) -> Result<Vec<HistoryRow>, tokio_postgres::Error> {
    let sql = format!(
        "SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count FROM {} ORDER BY started_at ASC",
        table(schema)
    );
    Ok(client.query(&sql, &[]).await?.iter().map(row).collect())
}

fn row(r: &Row) -> HistoryRow {
    HistoryRow {
        id: r.get(0),
        checksum: r.get(1),
        finished_at: r.get::<_, Option<SystemTime>>(2).map(to_timestamp),
        migration_name: r.get(3),
        logs: r.get(4),
        rolled_back_at: r.get::<_, Option<SystemTime>>(5).map(to_timestamp),
        started_at: to_timestamp(r.get(6)),
        applied_steps_count: r.get::<_, i32>(7) as u32,
    }
}

/// Inserts within whatever transaction `client` is.
pub async fn insert(
    client: &(impl GenericClient + Sync),
    schema: &str,
    row: &HistoryRow,
) -> Result<(), tokio_postgres::Error> {
    let sql = format!(
        "INSERT INTO {} (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        table(schema)
    );
    client
        .execute(
            &sql,
            &[
                &row.id,
                &row.checksum,
                &row.finished_at.map(to_system),
                &row.migration_name,
                &row.logs,
                &row.rolled_back_at.map(to_system),
                &to_system(row.started_at),
                &(row.applied_steps_count as i32),
            ],
        )
        .await?;
    Ok(())
}

/// [`insert`] as one statement of SQL text, for sending in one simple
/// query with the migration it records; `None` when a value holds a
/// backslash, which a server with `standard_conforming_strings` off would
/// read as an escape (use [`insert`] then).
pub fn insert_statement(schema: &str, row: &HistoryRow) -> Option<String> {
    let texts = [
        Some(&row.id),
        Some(&row.checksum),
        Some(&row.migration_name),
        row.logs.as_ref(),
    ];
    if texts.iter().flatten().any(|t| t.contains('\\')) {
        return None;
    }
    let text = |t: Option<&String>| t.map_or("NULL".to_string(), |t| quote_str(t));
    let time = |t: Option<Timestamp>| {
        t.map_or("NULL".to_string(), |t| {
            format!("'{}+00'::timestamptz", t.sql_datetime())
        })
    };
    Some(format!(
        "INSERT INTO {} (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES ({}, {}, {}, {}, {}, {}, {}, {})",
        table(schema),
        text(Some(&row.id)),
        text(Some(&row.checksum)),
        time(row.finished_at),
        text(Some(&row.migration_name)),
        text(row.logs.as_ref()),
        time(row.rolled_back_at),
        time(Some(row.started_at)),
        row.applied_steps_count,
    ))
}

/// Updates within whatever transaction `client` is.
pub async fn update(
    client: &(impl GenericClient + Sync),
    schema: &str,
    row: &HistoryRow,
) -> Result<(), tokio_postgres::Error> {
    let sql = format!(
        "UPDATE {} SET finished_at = $2, logs = $3, rolled_back_at = $4, applied_steps_count = $5 WHERE id = $1",
        table(schema)
    );
    client
        .execute(
            &sql,
            &[
                &row.id,
                &row.finished_at.map(to_system),
                &row.logs,
                &row.rolled_back_at.map(to_system),
                &(row.applied_steps_count as i32),
            ],
        )
        .await?;
    Ok(())
}

fn to_system(t: Timestamp) -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(t.0.max(0) as u64)
}

fn to_timestamp(t: SystemTime) -> Timestamp {
    Timestamp(t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64))
}
