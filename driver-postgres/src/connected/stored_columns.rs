//! Columns in PostgreSQL's own spelling: they are created in a temporary
//! table (private to this session, gone with it) and read back by the very
//! introspection that reads the user's schema, pointed at the session's
//! temporary schema; then the table is dropped.

use crate::dialect::{column_default, full_type, quote_ident};
use crate::introspect::introspect;
use migrate_core::schema::{Column, Schema};
use tokio_postgres::Client;

const PROBE_TABLE: &str = "_migrate_column_probe";

/// One answer per column; `None` where PostgreSQL refuses the column.
pub async fn stored_columns(client: &mut Client, columns: &[Column]) -> Vec<Option<Column>> {
    if let Ok(all) = probe(client, columns).await {
        return all;
    }
    // One refused column fails the table: ask again one by one.
    let mut answers = Vec::with_capacity(columns.len());
    for c in columns {
        let one = probe(client, std::slice::from_ref(c)).await;
        answers.push(one.ok().and_then(|mut one| one.pop().flatten()));
    }
    answers
}

async fn probe(client: &mut Client, columns: &[Column]) -> Result<Vec<Option<Column>>, tokio_postgres::Error> {
    let definitions: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let default = column_default(c).map(|d| format!(" DEFAULT {d}")).unwrap_or_default();
            format!("{} {}{default}", quote_ident(&probe_name(i)), full_type(&c.ty))
        })
        .collect();
    let table = format!("pg_temp.{}", quote_ident(PROBE_TABLE));
    client
        .batch_execute(&format!(
            "CREATE TEMPORARY TABLE {} ({})",
            quote_ident(PROBE_TABLE),
            definitions.join(", ")
        ))
        .await?;
    let read = read_temporary_schema(client).await;
    client.batch_execute(&format!("DROP TABLE IF EXISTS {table}")).await?;
    let read = read?;
    let probed = read.table(PROBE_TABLE);
    Ok(columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let stored = probed?.column(&probe_name(i))?;
            Some(Column {
                name: c.name.clone(),
                ..stored.clone()
            })
        })
        .collect())
}

/// The session's temporary schema, introspected.
async fn read_temporary_schema(client: &mut Client) -> Result<Schema, tokio_postgres::Error> {
    let schema: String = client
        .query_one(
            "SELECT nspname::text FROM pg_catalog.pg_namespace WHERE oid = pg_catalog.pg_my_temp_schema()",
            &[],
        )
        .await?
        .get(0);
    introspect(client, &schema).await
}

fn probe_name(i: usize) -> String {
    format!("c{i}")
}
