//! The schema's fingerprint ([`Driver::schema_fingerprint`]): what SQLite
//! reports through every pragma introspection runs is computed from the
//! text of `sqlite_schema`, so that text, in order, with the library's
//! version, decides the introspected schema.
//!
//! [`Driver::schema_fingerprint`]: migrate_core::driver::Driver::schema_fingerprint

use migrate_core::migrations::checksum::checksum;
use rusqlite::Connection;

const ROWS: &str = include_str!("../queries/fingerprint.sql");

/// The lowercase hex SHA-256 of the library's version and of every
/// catalog row but the history table's, each field length-prefixed (no
/// two catalogs spell the same bytes).
pub fn fingerprint(conn: &Connection) -> rusqlite::Result<String> {
    let mut bytes = Vec::new();
    field(&mut bytes, Some(rusqlite::version()));
    let mut statement = conn.prepare(ROWS)?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        for i in 0..4 {
            field(&mut bytes, row.get_ref(i)?.as_str_or_null()?);
        }
    }
    Ok(checksum(&bytes))
}

/// `-` for NULL, else the length, `:`, and the text.
fn field(bytes: &mut Vec<u8>, text: Option<&str>) {
    match text {
        None => bytes.push(b'-'),
        Some(text) => {
            bytes.extend_from_slice(text.len().to_string().as_bytes());
            bytes.push(b':');
            bytes.extend_from_slice(text.as_bytes());
        }
    }
}
