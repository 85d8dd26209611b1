//! Columns in PostgreSQL's own spelling: they are created in a temporary
//! table (private to this session, gone with it) and read back by the very
//! introspection that reads the user's schema, pointed at the session's
//! temporary schema; then the table is dropped.

use crate::dialect::{column_default, full_type, quote_ident};
use crate::introspect::introspect;
use migrate_core::schema::Column;
use postgres::Client;

const PROBE_TABLE: &str = "_migrate_column_probe";

/// One answer per column; `None` where PostgreSQL refuses the column.
pub fn stored_columns(client: &mut Client, columns: &[Column]) -> Vec<Option<Column>> {
    if let Ok(all) = probe(client, columns) {
        return all;
    }
    // One refused column fails the table: ask again one by one.
    columns
        .iter()
        .map(|c| {
            probe(client, std::slice::from_ref(c))
                .ok()
                .and_then(|mut one| one.pop().flatten())
        })
        .collect()
}

fn probe(client: &mut Client, columns: &[Column]) -> Result<Vec<Option<Column>>, postgres::Error> {
    let definitions: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let default = column_default(c).map(|d| format!(" DEFAULT {d}")).unwrap_or_default();
            format!("{} {}{default}", quote_ident(&probe_name(i)), full_type(&c.ty))
        })
        .collect();
    let table = format!("pg_temp.{}", quote_ident(PROBE_TABLE));
    client.batch_execute(&format!(
        "CREATE TEMPORARY TABLE {} ({})",
        quote_ident(PROBE_TABLE),
        definitions.join(", ")
    ))?;
    let read = (|| {
        let schema: String = client
            .query_one(
                "SELECT nspname::text FROM pg_catalog.pg_namespace WHERE oid = pg_catalog.pg_my_temp_schema()",
                &[],
            )?
            .get(0);
        introspect(client, &schema)
    })();
    client.batch_execute(&format!("DROP TABLE IF EXISTS {table}"))?;
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

fn probe_name(i: usize) -> String {
    format!("c{i}")
}
