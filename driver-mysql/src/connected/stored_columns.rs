//! Expression defaults and date-time constants in the server's own spelling (MariaDB stores
//! `now() + interval 7 day` as `current_timestamp() + interval 7 day`): the
//! columns are created in a temporary table, which no other session sees
//! and which is dropped at once, and read back with `SHOW COLUMNS`, whose
//! `Default` is `information_schema`'s for expressions.

use super::Session;
use crate::dialect::column_definition;
use crate::dialect::quote_ident;
use crate::introspect::shown_default;
use migrate_core::schema::{Column, DefaultValue, Literal};
use mysql_async::Row;

const PROBE_TABLE: &str = "_migrate_default_probe";

/// One answer per column, the type as given; `None` for a column without
/// an expression default, and where the server refuses the column.
pub async fn stored_columns(session: &mut Session, columns: &[Column]) -> Vec<Option<Column>> {
    let version: String = session
        .query::<String>(include_str!("../queries/version.sql"))
        .await
        .ok()
        .and_then(|v| v.into_iter().next())
        .unwrap_or_default();
    let mut stored = Vec::with_capacity(columns.len());
    for c in columns {
        stored.push(match &c.default {
            // A date-time constant is cut to the column's precision when stored.
            Some(DefaultValue::Expression(_) | DefaultValue::Literal(Literal::DateTime(_))) => {
                probe(session, c, &version).await.map(|default| Column {
                    default: Some(default),
                    ..c.clone()
                })
            }
            _ => None,
        });
    }
    stored
}

async fn probe(session: &mut Session, column: &Column, version: &str) -> Option<DefaultValue> {
    let probe = Column {
        name: "c".into(),
        nullable: true,
        ..column.clone()
    };
    let definition = column_definition(PROBE_TABLE, &probe).ok()?;
    let table = quote_ident(PROBE_TABLE);
    session
        .execute(&format!("CREATE TEMPORARY TABLE {table} ({definition})"))
        .await
        .ok()?;
    let shown: Option<Vec<Row>> = session.query(&format!("SHOW FULL COLUMNS FROM {table}")).await.ok();
    let _ = session
        .execute(&format!("DROP TEMPORARY TABLE IF EXISTS {table}"))
        .await;
    let row = shown?.into_iter().next()?;
    let printed: Option<Vec<u8>> = row.get("Default");
    let extra: String = row.get("Extra").unwrap_or_default();
    if let Some(DefaultValue::Literal(Literal::DateTime(_))) = &column.default {
        // `SHOW COLUMNS` prints a constant unquoted on MariaDB too.
        return Some(DefaultValue::Literal(Literal::String(
            String::from_utf8(printed?).ok()?,
        )));
    }
    shown_default(&printed?, &extra, version, &column.ty)
}
