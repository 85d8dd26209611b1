//! Foreign keys: added after every table exists, dropped before anything
//! they use goes.

use super::quote::{quote_ident, quote_table};
use migrate_core::schema::TableName;
use migrate_core::script::ForeignKeyStatements;

/// `ALTER TABLE "T" ADD CONSTRAINT "n" FOREIGN KEY ("a") REFERENCES "U"("id")
/// ON DELETE .. ON UPDATE ..` (no space before the referenced columns, as
/// Prisma writes it on PostgreSQL) and `ALTER TABLE "T" DROP CONSTRAINT "n"`.
pub(crate) const FOREIGN_KEYS: ForeignKeyStatements = ForeignKeyStatements {
    quote: quote_ident,
    drop: "DROP CONSTRAINT",
};

/// `ALTER TABLE "t" RENAME CONSTRAINT "old" TO "new"`: a foreign or
/// primary key whose name alone changes, as Prisma renames it.
pub(crate) fn rename_constraint(table: &TableName, from: &str, to: &str) -> String {
    format!(
        "ALTER TABLE {} RENAME CONSTRAINT {} TO {}",
        quote_table(table),
        quote_ident(from),
        quote_ident(to)
    )
}
