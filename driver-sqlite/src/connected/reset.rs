//! Drops every table, view, index and trigger, the history table included.

use rusqlite::Connection;

pub fn reset(conn: &Connection) -> rusqlite::Result<()> {
    let objects: Vec<(String, String)> = {
        let mut stmt = conn.prepare(
            "SELECT type, name FROM sqlite_schema WHERE type IN ('view', 'table', 'trigger') AND name NOT LIKE 'sqlite_%' ORDER BY type = 'table'",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut script = String::from("PRAGMA foreign_keys = OFF;\n");
    for (kind, name) in objects {
        script.push_str(&format!(
            "DROP {} IF EXISTS {};\n",
            kind.to_uppercase(),
            migrate_core::sql_quote::quote_ident(&name)
        ));
    }
    script.push_str("PRAGMA foreign_keys = ON;\n");
    conn.execute_batch(&script)
}
