//! Named enum types: `CREATE TYPE ... AS ENUM`, `DROP TYPE`, and
//! `ALTER TYPE ... ADD VALUE` for values added to an existing enum.
//!
//! `ADD VALUE` could not run inside a transaction block before PostgreSQL
//! 12, and since then a value added in a transaction cannot be used (as a
//! default, in an `UPDATE`) before that transaction commits. Prisma's
//! migration then fails; the driver's apply commits the added values first
//! (see `connected/apply.rs`). Prisma's warning comment (for more than one
//! added value) is written the same way.
//!
//! Removing values recreates the enum as Prisma does: `CREATE TYPE "E_new"`,
//! every column using it converted (`ALTER TABLE ... ALTER COLUMN ... TYPE
//! "E_new" USING ("c"::text::"E_new")`, defaults dropped before and set
//! again after), the old type renamed away and dropped, the new one renamed
//! to the old name. A column the plan drops or retypes later is converted
//! to text instead, so that the old type can be dropped and a removed value
//! in it does not stop the step. Prisma wraps this in `BEGIN;`/`COMMIT;`; we do not: the
//! driver already runs the whole migration in one transaction, which a
//! `COMMIT` inside the script would end early (leaving the rest of the
//! migration and its history row outside it). A row holding a removed value
//! makes the cast fail and the whole migration roll back.

use super::default::render_default;
use super::quote::{quote_ident, quote_in, quote_str, quote_table};
use migrate_core::diff::EnumUsage;
use migrate_core::schema::Enum;

const MANY_VALUES_WARNING: &str = "\
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.
";

/// `CREATE TYPE "E" AS ENUM ('A', 'B')`.
pub(crate) fn create_enum(e: &Enum) -> String {
    let values: Vec<String> = e.values.iter().map(|v| quote_str(v)).collect();
    format!("CREATE TYPE {} AS ENUM ({})", type_name(e), values.join(", "))
}

pub(crate) fn drop_enum(e: &Enum) -> String {
    format!("DROP TYPE {}", type_name(e))
}

/// `"E"`, or `"ns"."E"` outside the session's schema.
fn type_name(e: &Enum) -> String {
    quote_in(e.namespace.as_deref(), &e.name)
}

/// One `ADD VALUE` per added value; nothing when only the order changed
/// (PostgreSQL keeps the order values were added in, as Prisma leaves it);
/// the type recreated when a value is removed.
pub(crate) fn alter_enum(from: &Enum, to: &Enum, usages: &[EnumUsage]) -> Vec<String> {
    if !values_missing_from(&from.values, &to.values).is_empty() {
        return recreate_enum(from, to, usages);
    }
    let mut statements: Vec<String> = values_missing_from(&to.values, &from.values)
        .into_iter()
        .map(|value| format!("ALTER TYPE {} ADD VALUE {}", type_name(from), quote_str(value)))
        .collect();
    if statements.len() > 1 {
        statements[0] = format!("{MANY_VALUES_WARNING}\n\n{}", statements[0]);
    }
    statements
}

/// Prisma's recreation, without its `BEGIN`/`COMMIT` (see the module doc).
fn recreate_enum(from: &Enum, to: &Enum, usages: &[EnumUsage]) -> Vec<String> {
    let namespace = to.namespace.as_deref();
    let name = type_name(to);
    let new = quote_in(namespace, &format!("{}_new", to.name));
    let old = quote_in(namespace, &format!("{}_old", to.name));
    let column = |u: &EnumUsage| {
        format!(
            "ALTER TABLE {} ALTER COLUMN {}",
            quote_table(&u.table),
            quote_ident(&u.column)
        )
    };
    let mut statements = vec![create_enum(&Enum {
        namespace: to.namespace.clone(),
        name: format!("{}_new", to.name),
        values: to.values.clone(),
    })];
    for u in usages.iter().filter(|u| u.drop_default) {
        statements.push(format!("{} DROP DEFAULT", column(u)));
    }
    for u in usages {
        let ty = match (u.leaves_enum, u.list) {
            (true, false) => "text".to_string(),
            (true, true) => "text[]".to_string(),
            (false, false) => new.clone(),
            (false, true) => format!("{new}[]"),
        };
        // A list goes through its text form too (`'{A,B}'`), as Prisma writes it.
        let via_text = if u.leaves_enum { "" } else { "::text" };
        statements.push(format!(
            "{} TYPE {ty} USING ({}{via_text}::{ty})",
            column(u),
            quote_ident(&u.column)
        ));
    }
    // `RENAME TO` takes a bare name: the type stays in its schema.
    statements.push(format!(
        "ALTER TYPE {} RENAME TO {}",
        type_name(from),
        quote_ident(&format!("{}_old", to.name))
    ));
    statements.push(format!("ALTER TYPE {new} RENAME TO {}", quote_ident(&to.name)));
    statements.push(format!("DROP TYPE {old}"));
    // Only the defaults dropped above come back here (as Prisma writes it); a
    // new default is the table step's.
    for u in usages.iter().filter(|u| u.drop_default) {
        let base = if u.leaves_enum { "text" } else { name.as_str() };
        let full_type = if u.list { format!("{base}[]") } else { base.to_string() };
        if let Some(default) = u.default.as_ref().and_then(|d| render_default(d, &full_type)) {
            statements.push(format!("{} SET DEFAULT {default}", column(u)));
        }
    }
    statements
}

/// The values of `values` that `other` lacks, in order.
fn values_missing_from<'a>(values: &'a [String], other: &[String]) -> Vec<&'a str> {
    values
        .iter()
        .filter(|v| !other.contains(v))
        .map(String::as_str)
        .collect()
}
