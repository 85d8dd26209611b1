//! How a column type change is made: in place with `SET DATA TYPE`, or by
//! dropping the column and adding it again (losing its data), as Prisma
//! does for changes it calls "not castable": from a scalar to a list, from
//! a list to anything but text, between an enum and a type other than
//! text, and between built-in types PostgreSQL has no cast for (such as
//! `TEXT` to `INTEGER`). Changes to and from `Unsupported` types are
//! attempted in place.
//!
//! Unlike Prisma, text and enums convert in place through their text form
//! (`USING ("c"::text::"Role")`), so a text column becoming an enum keeps
//! its values; a value that is not one of the enum's fails the migration,
//! which rolls back whole.

use super::native::PgType::{self, *};
use migrate_core::driver::TypeChange;
use migrate_core::schema::{ColumnType, TypeFamily};

pub(crate) fn type_change(from: &ColumnType, to: &ColumnType) -> TypeChange {
    if from.sql == to.sql && from.list == to.list {
        return TypeChange::SafeCast;
    }
    let castable = match (from.list, to.list) {
        (false, true) => false,
        (true, false) => !is_enum(from) && matches!(PgType::parse(&to.sql), Some(Text | VarChar(_) | Char(_))),
        _ if is_enum(from) || is_enum(to) => converts_through_text(from) && converts_through_text(to),
        _ => match (PgType::parse(&from.sql), PgType::parse(&to.sql)) {
            (Some(old), Some(new)) => castable(old, new),
            _ => true,
        },
    };
    let lossless = match (PgType::parse(&from.sql), PgType::parse(&to.sql)) {
        (_, Some(Text | VarChar(None))) => !to.list,
        (Some(old), Some(new)) => from.list == to.list && widens(old, new),
        _ => false,
    };
    match castable {
        false => TypeChange::NotCastable,
        true if lossless => TypeChange::SafeCast,
        true => TypeChange::RiskyCast,
    }
}

/// Every value of `old` is a value of `new`, unchanged: a change without a
/// data-loss warning. Prisma 6.19.3 warns on none of these (measured on a
/// table with a row: `migrate dev`'s migration header); it also passes
/// some that lose data (`TIMESTAMP(6)` to `TIMESTAMP(3)` or `DATE`,
/// `INTEGER` to `REAL`), which stay warnings here.
fn widens(old: PgType, new: PgType) -> bool {
    // Digits before the point, and the text length of the widest value
    // (sign included), of the integer types.
    let integer = |t: PgType| match t {
        SmallInt => Some((5, 6)),
        Integer => Some((10, 11)),
        BigInt => Some((19, 20)),
        _ => None,
    };
    let text_of = |len: u32| new.bounded_length().is_some_and(|n| n >= len);
    match (old, new) {
        (SmallInt, Integer | BigInt) | (Integer, BigInt) => true,
        (SmallInt, Real | DoublePrecision) | (Integer, DoublePrecision) | (Real, DoublePrecision) => true,
        (_, Decimal(None)) if integer(old).is_some() => true,
        (_, Decimal(Some((p, s)))) if integer(old).is_some() => integer(old).is_some_and(|(digits, _)| p - s >= digits),
        (Decimal(Some((p, s))), Decimal(Some((p2, s2)))) => s2 >= s && p2 - s2 >= p - s,
        (Decimal(_), Decimal(None)) => true,
        (_, VarChar(Some(_)) | Char(_)) if integer(old).is_some() => integer(old).is_some_and(|(_, len)| text_of(len)),
        (VarChar(Some(_)) | Char(_), VarChar(Some(_)) | Char(_)) => old.bounded_length().is_some_and(text_of),
        (Timestamp(a), Timestamp(b) | Timestamptz(b)) | (Timestamptz(a), Timestamp(b) | Timestamptz(b)) => {
            b.unwrap_or(6) >= a.unwrap_or(6)
        }
        (Date, Timestamp(_) | Timestamptz(_)) => true,
        (Time(a), Time(b) | Timetz(b)) | (Timetz(a), Timetz(b)) => b.unwrap_or(6) >= a.unwrap_or(6),
        _ => false,
    }
}

/// The expression after `USING` for a change to an enum (through text),
/// `None` when PostgreSQL casts on its own (an enum to text, say).
pub(crate) fn using(column: &str, from: &ColumnType, to: &ColumnType, to_sql: &str) -> Option<String> {
    if !is_enum(to) {
        return None;
    }
    let text = if from.list { "text[]" } else { "text" };
    Some(format!("({column}::{text}::{to_sql})"))
}

pub(crate) fn is_enum(ty: &ColumnType) -> bool {
    matches!(ty.family, TypeFamily::Enum(_))
}

/// Enums and the text types: a value of one is a value of the other.
fn converts_through_text(ty: &ColumnType) -> bool {
    is_enum(ty)
        || matches!(
            PgType::parse(&ty.sql),
            Some(Text | VarChar(_) | Char(_) | Bpchar | Citext)
        )
}

/// Prisma's table of changes it makes with `SET DATA TYPE` (safe or risky).
fn castable(old: PgType, new: PgType) -> bool {
    let to_text = matches!(new, Text | VarChar(None) | Bpchar);
    to_text || castable_beyond_text(old, new)
}

fn castable_beyond_text(old: PgType, new: PgType) -> bool {
    let numeric = |t: PgType| matches!(t, SmallInt | Integer | BigInt | Decimal(..) | Real | DoublePrecision);
    let string = |t: PgType| matches!(t, VarChar(_) | Char(_) | Bpchar);
    let long_string = |min: u32| matches!(new, VarChar(None) | Bpchar) || new.bounded_length().is_some_and(|n| n > min);
    let time_kind = |t: PgType| matches!(t, Timestamp(_) | Timestamptz(_) | Date | Time(_) | Timetz(_));
    match old {
        Money | Citext => true,
        Inet => matches!(new, Citext | VarChar(_)),
        Oid => matches!(new, VarChar(_) | BigInt | Integer),
        SmallInt | Integer | BigInt | Decimal(..) | Real | DoublePrecision => numeric(new) || string(new),
        VarChar(_) | Char(_) | Bpchar => string(new),
        Text => matches!(new, Citext) || string(new),
        ByteA => long_string(2),
        Timestamp(_) => time_kind(new) || long_string(22),
        Timestamptz(_) => time_kind(new) || long_string(27),
        Date => matches!(new, Timestamp(_) | Timestamptz(_)) || long_string(27),
        Time(_) => matches!(new, Time(_) | Timetz(_)) || long_string(13),
        Timetz(_) => matches!(new, Time(_) | Timetz(_)) || long_string(18),
        Boolean => matches!(new, VarChar(_) | Char(Some(4..)) | Bpchar),
        Bit(len) => bit_castable(len.unwrap_or(1), new),
        VarBit(len) => varbit_castable(len, new),
        Uuid => long_string(31),
        Xml => string(new),
        Json => matches!(new, JsonB) || string(new),
        JsonB => matches!(new, Json) || string(new),
    }
}

fn bit_castable(len: u32, new: PgType) -> bool {
    match new {
        VarBit(None) => true,
        VarBit(Some(n)) => n >= len,
        other => other.bounded_length().is_some_and(|n| n >= len),
    }
}

fn varbit_castable(len: Option<u32>, new: PgType) -> bool {
    match (len, new) {
        (_, VarChar(_) | Char(_)) | (None, Bit(_)) | (Some(_), VarBit(None)) => true,
        (Some(old), Bit(n)) => n.unwrap_or(1) <= old,
        (Some(old), VarBit(Some(n))) => n > old,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use migrate_core::schema::ScalarType;

    fn ty(sql: &str, list: bool) -> ColumnType {
        let family = if sql.starts_with('"') {
            TypeFamily::Enum(sql.trim_matches('"').into())
        } else {
            TypeFamily::Scalar(ScalarType::String)
        };
        ColumnType {
            family,
            sql: sql.into(),
            list,
        }
    }

    fn recreate(from: &str, to: &str) -> bool {
        must_recreate(&ty(from, false), &ty(to, false))
    }

    fn must_recreate(from: &ColumnType, to: &ColumnType) -> bool {
        type_change(from, to) == TypeChange::NotCastable
    }

    /// The changes Prisma 6.19.3 makes without a data-loss warning where no
    /// value can change; narrowing stays risky.
    #[test]
    fn widening_is_safe_and_narrowing_risky() {
        let change = |from: &str, to: &str| type_change(&ty(from, false), &ty(to, false));
        for (from, to) in [
            ("SMALLINT", "INTEGER"),
            ("INTEGER", "BIGINT"),
            ("INTEGER", "DOUBLE PRECISION"),
            ("REAL", "DOUBLE PRECISION"),
            ("SMALLINT", "DECIMAL(10,2)"),
            ("INTEGER", "DECIMAL(20,0)"),
            ("BIGINT", "DECIMAL(30,0)"),
            ("DECIMAL(10,2)", "DECIMAL(12,2)"),
            ("INTEGER", "VARCHAR(20)"),
            ("SMALLINT", "VARCHAR(10)"),
            ("VARCHAR(10)", "VARCHAR(20)"),
            ("CHAR(5)", "VARCHAR(10)"),
            ("VARCHAR(10)", "CHAR(10)"),
            ("TIMESTAMP(3)", "TIMESTAMP(6)"),
            ("TIMESTAMP(3)", "TIMESTAMPTZ(3)"),
            ("TIMESTAMPTZ(3)", "TIMESTAMP(3)"),
            ("DATE", "TIMESTAMP(3)"),
            ("TIME(6)", "TIMETZ(6)"),
        ] {
            assert_eq!(change(from, to), TypeChange::SafeCast, "{from} to {to}");
        }
        for (from, to) in [
            ("INTEGER", "SMALLINT"),
            ("BIGINT", "INTEGER"),
            ("DOUBLE PRECISION", "REAL"),
            ("DECIMAL(12,2)", "DECIMAL(10,2)"),
            ("DECIMAL(10,2)", "DECIMAL(10,4)"),
            ("DECIMAL(10,2)", "INTEGER"),
            ("INTEGER", "VARCHAR(5)"),
            ("VARCHAR(20)", "VARCHAR(10)"),
            ("TEXT", "VARCHAR(10)"),
            ("VARCHAR(10)", "CHAR(5)"),
            ("TIMESTAMP(6)", "TIMESTAMP(3)"),
            ("TIMESTAMP(3)", "DATE"),
            ("INTEGER", "REAL"),
        ] {
            assert_eq!(change(from, to), TypeChange::RiskyCast, "{from} to {to}");
        }
    }

    #[test]
    fn casts_in_place() {
        for (from, to) in [
            ("INTEGER", "TEXT"),
            ("INTEGER", "BIGINT"),
            ("INTEGER", "DOUBLE PRECISION"),
            ("DOUBLE PRECISION", "DECIMAL(65,30)"),
            ("VARCHAR(10)", "VARCHAR(5)"),
            ("TEXT", "VARCHAR(10)"),
            ("TIMESTAMP(3)", "TIMESTAMPTZ(6)"),
            ("TIME(3)", "TIME(6)"),
            ("JSON", "JSONB"),
            ("BIT(4)", "VARBIT(8)"),
            ("tsvector", "TEXT"),
            ("\"Role\"", "TEXT"),
            ("TEXT", "\"Role\""),
            ("VARCHAR(20)", "\"Role\""),
            ("\"A\"", "\"B\""),
        ] {
            assert!(!recreate(from, to), "{from} -> {to}");
        }
    }

    #[test]
    fn recreates() {
        for (from, to) in [
            ("TEXT", "INTEGER"),
            ("TEXT", "UUID"),
            ("BOOLEAN", "INTEGER"),
            ("INTEGER", "\"Role\""),
            ("\"Role\"", "BOOLEAN"),
            ("UUID", "VARCHAR(10)"),
            ("BIT(4)", "BIT(8)"),
            ("DATE", "TIME(6)"),
        ] {
            assert!(recreate(from, to), "{from} -> {to}");
        }
    }

    #[test]
    fn lists() {
        assert!(must_recreate(&ty("TEXT", false), &ty("TEXT", true)));
        assert!(!must_recreate(&ty("TEXT", true), &ty("TEXT", false)));
        assert!(must_recreate(&ty("INTEGER", true), &ty("INTEGER", false)));
        assert!(!must_recreate(&ty("INTEGER", true), &ty("BIGINT", true)));
        assert!(!must_recreate(&ty("TEXT", true), &ty("\"Role\"", true)));
        assert!(must_recreate(&ty("\"Role\"", true), &ty("TEXT", false)));
    }

    #[test]
    fn text_and_enums_convert_through_text() {
        let role = ty("\"Role\"", false);
        assert_eq!(
            using("\"c\"", &ty("TEXT", false), &role, "\"Role\"").as_deref(),
            Some("(\"c\"::text::\"Role\")")
        );
        assert_eq!(
            using("\"c\"", &ty("TEXT", true), &ty("\"Role\"", true), "\"Role\"[]").as_deref(),
            Some("(\"c\"::text[]::\"Role\"[])")
        );
        assert_eq!(
            using("\"c\"", &ty("TEXT", false), &ty("INTEGER", false), "INTEGER"),
            None
        );
        assert_eq!(using("\"c\"", &role, &ty("TEXT", false), "TEXT"), None);
        assert_eq!(type_change(&role, &ty("TEXT", false)), TypeChange::SafeCast);
        assert_eq!(type_change(&ty("TEXT", false), &role), TypeChange::RiskyCast);
    }
}
