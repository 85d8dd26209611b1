//! Foreign keys: added after every table exists, dropped before anything
//! they use goes.

use super::quote::{ident_list, quote_ident};
use migrate_core::schema::ForeignKey;

/// `ALTER TABLE "T" ADD CONSTRAINT "n" FOREIGN KEY ("a") REFERENCES "U"("id")
/// ON DELETE .. ON UPDATE ..` (no space before the referenced columns, as
/// Prisma writes it on PostgreSQL).
pub(crate) fn add_foreign_key(table: &str, fk: &ForeignKey) -> String {
    format!("ALTER TABLE {} ADD {}", quote_ident(table), constraint(fk))
}

/// The constraint as `ADD` and `CREATE TABLE` write it.
pub(crate) fn constraint(fk: &ForeignKey) -> String {
    let name = if fk.name.is_empty() {
        String::new()
    } else {
        format!("CONSTRAINT {} ", quote_ident(&fk.name))
    };
    format!(
        "{name}FOREIGN KEY ({}) REFERENCES {}({}) ON DELETE {} ON UPDATE {}",
        ident_list(fk.columns.iter().map(String::as_str), ", "),
        quote_ident(&fk.referenced_table),
        ident_list(fk.referenced_columns.iter().map(String::as_str), ", "),
        fk.on_delete.sql(),
        fk.on_update.sql(),
    )
}

pub(crate) fn drop_foreign_key(table: &str, fk: &ForeignKey) -> Result<String, String> {
    if fk.name.is_empty() {
        return Err(format!(
            "a foreign key of `{table}` has no name, so it cannot be dropped by name"
        ));
    }
    Ok(format!(
        "ALTER TABLE {} DROP CONSTRAINT {}",
        quote_ident(table),
        quote_ident(&fk.name)
    ))
}

/// `ALTER TABLE "t" RENAME CONSTRAINT "old" TO "new"`: a key whose name
/// alone changes, as Prisma renames it.
pub(crate) fn rename_foreign_key(table: &str, from: &str, to: &str) -> String {
    format!(
        "ALTER TABLE {} RENAME CONSTRAINT {} TO {}",
        quote_ident(table),
        quote_ident(from),
        quote_ident(to)
    )
}
