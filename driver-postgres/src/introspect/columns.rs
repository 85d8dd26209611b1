//! One column from its catalog row.
//!
//! A column whose default draws from a sequence (`SERIAL`, `BIGSERIAL`, or
//! `nextval()` of a sequence another column owns, as an inheriting table's)
//! or that is an identity column auto-increments and has no default of its
//! own: that is how lowering represents `@default(autoincrement())`, and
//! how Prisma 6.19.3 reads every `nextval()` default. A generated column (`GENERATED ALWAYS AS
//! (...) STORED`) has its expression as its default, as Prisma 6.19.3 reads
//! it: `db pull` writes `@default(dbgenerated("(a + b)"))`, and a schema
//! without it (or with another) drifts.
//!
//! An array column reads back nullable whatever its `NOT NULL`: a list field
//! (`String[]`) has no optional form, Prisma reads every array column as a
//! list and never compares its nullability (`varchar(10)[] NOT NULL`
//! against `String[]` is no change to Prisma 6.19.3), and lowering makes a
//! list column nullable.

use super::catalog::ColumnRow;
use super::column_types::column_type;
use super::defaults::default_value;
use migrate_core::schema::Column;

pub(super) fn column(row: ColumnRow) -> Column {
    let ty = column_type(&row);
    let serial = row.default.as_deref().is_some_and(draws_from_sequence);
    let auto_increment = serial || row.identity;
    let default = match &row.default {
        Some(text) if !auto_increment => Some(default_value(text, &ty)),
        _ => None,
    };
    Column {
        name: row.name,
        ty,
        nullable: !row.not_null || row.is_array,
        default,
        auto_increment,
    }
}

/// `nextval('"T_id_seq"'::regclass)`.
pub(crate) fn draws_from_sequence(default: &str) -> bool {
    let call = default.trim_start();
    call.get(..8).is_some_and(|name| name.eq_ignore_ascii_case("nextval("))
}
