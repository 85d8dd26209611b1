//! Defaults in PostgreSQL's own spelling: the columns are created in a
//! temporary table inside a transaction that is rolled back, and their
//! defaults read back with `pg_get_expr`, as introspection reads them.

use crate::dialect::{column_default, full_type, quote_ident};
use crate::introspect::default_value;
use migrate_core::schema::{Column, DefaultValue};
use postgres::Client;

const PROBE_TABLE: &str = "_migrate_default_probe";

/// One answer per column; `None` where PostgreSQL refuses the column.
pub fn stored_defaults(client: &mut Client, columns: &[Column]) -> Vec<Option<DefaultValue>> {
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

fn probe(client: &mut Client, columns: &[Column]) -> Result<Vec<Option<DefaultValue>>, postgres::Error> {
    let definitions: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| match column_default(c) {
            Some(default) => format!(
                "{} {} DEFAULT {default}",
                quote_ident(&format!("c{i}")),
                full_type(&c.ty)
            ),
            None => format!("{} {}", quote_ident(&format!("c{i}")), full_type(&c.ty)),
        })
        .collect();
    let mut tx = client.transaction()?;
    tx.batch_execute(&format!(
        "CREATE TEMPORARY TABLE {} ({}) ON COMMIT DROP",
        quote_ident(PROBE_TABLE),
        definitions.join(", ")
    ))?;
    let rows = tx.query(
        "SELECT pg_get_expr(d.adbin, d.adrelid)
         FROM pg_catalog.pg_attribute AS a
         LEFT JOIN pg_catalog.pg_attrdef AS d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         WHERE a.attrelid = pg_catalog.to_regclass('pg_temp.' || $1) AND a.attnum > 0 AND NOT a.attisdropped
         ORDER BY a.attnum",
        &[&PROBE_TABLE],
    )?;
    tx.rollback()?;
    Ok(rows
        .iter()
        .zip(columns)
        .map(|(row, column)| {
            let text: Option<String> = row.get(0);
            text.map(|t| default_value(&t, &column.ty))
        })
        .collect())
}
