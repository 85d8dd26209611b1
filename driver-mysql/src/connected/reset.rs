//! `reset`: the database emptied. Dropped and created again, as Prisma
//! does; on a Galera node whose cluster lock this session holds, emptied
//! object by object instead, keeping the lock table `_migrate_lock`, so
//! that the lock holds throughout (dropping the database would drop the
//! lock row and let a waiting process in).

use super::error::query_error;
use super::session::Session;
use super::shadow::CREATE_OPTIONS;
use crate::dialect::quote_ident;
use migrate_core::driver::DriverError;

/// Drops and creates the database `name` again, then works in it.
pub async fn drop_and_create(session: &mut Session, name: &str) -> Result<(), DriverError> {
    let db = quote_ident(name);
    for sql in [
        super::drop_database::drop_statement(name),
        format!("CREATE DATABASE {db} {CREATE_OPTIONS}"),
        format!("USE {db}"),
    ] {
        session.execute(&sql).await.map_err(query_error)?;
    }
    Ok(())
}

/// Drops every table, view, sequence, routine and event of the session's
/// database but the lock table, with foreign key checks off meanwhile.
pub async fn empty_keeping_lock_table(session: &mut Session) -> Result<(), DriverError> {
    let statements = drop_statements(session).await.map_err(query_error)?;
    session
        .execute("SET FOREIGN_KEY_CHECKS = 0")
        .await
        .map_err(query_error)?;
    let mut dropped = Ok(());
    for sql in &statements {
        dropped = session.execute(sql).await.map_err(query_error);
        if dropped.is_err() {
            break;
        }
    }
    let restored = session.execute("SET FOREIGN_KEY_CHECKS = 1").await.map_err(query_error);
    dropped.and(restored)
}

async fn drop_statements(session: &mut Session) -> Result<Vec<String>, mysql_async::Error> {
    let tables: Vec<(String, String)> = session
        .query(
            "SELECT TABLE_TYPE, TABLE_NAME FROM information_schema.TABLES \
             WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> '_migrate_lock'",
        )
        .await?;
    let routines: Vec<(String, String)> = session
        .query("SELECT ROUTINE_TYPE, ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()")
        .await?;
    let events: Vec<String> = session
        .query("SELECT EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()")
        .await?;
    let tables = tables.into_iter().map(|(kind, name)| {
        let what = match kind.as_str() {
            "VIEW" => "VIEW",
            "SEQUENCE" => "SEQUENCE",
            _ => "TABLE",
        };
        format!("DROP {what} IF EXISTS {}", quote_ident(&name))
    });
    let routines = routines
        .into_iter()
        .map(|(kind, name)| format!("DROP {kind} IF EXISTS {}", quote_ident(&name)));
    let events = events
        .into_iter()
        .map(|name| format!("DROP EVENT IF EXISTS {}", quote_ident(&name)));
    Ok(tables.chain(routines).chain(events).collect())
}
