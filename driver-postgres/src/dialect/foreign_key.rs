//! Foreign keys: added after every table exists, dropped before anything
//! they use goes.

use super::quote::quote_ident;
use migrate_core::schema::ForeignKey;
use migrate_core::script::{foreign_key_clause, foreign_key_name_to_drop};

/// `ALTER TABLE "T" ADD CONSTRAINT "n" FOREIGN KEY ("a") REFERENCES "U"("id")
/// ON DELETE .. ON UPDATE ..` (no space before the referenced columns, as
/// Prisma writes it on PostgreSQL).
pub(crate) fn add_foreign_key(table: &str, fk: &ForeignKey) -> String {
    format!("ALTER TABLE {} ADD {}", quote_ident(table), constraint(fk))
}

/// The constraint as `ADD` and `CREATE TABLE` write it.
pub(crate) fn constraint(fk: &ForeignKey) -> String {
    foreign_key_clause(fk, quote_ident, "")
}

pub(crate) fn drop_foreign_key(table: &str, fk: &ForeignKey) -> Result<String, String> {
    let name = foreign_key_name_to_drop(table, fk)?;
    Ok(format!(
        "ALTER TABLE {} DROP CONSTRAINT {}",
        quote_ident(table),
        quote_ident(name)
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
