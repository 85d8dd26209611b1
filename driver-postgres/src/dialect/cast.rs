//! Whether a column type change can be made in place with `SET DATA TYPE`,
//! or the column must be dropped and added again (losing its data), as
//! Prisma does for changes it calls "not castable": between enums, between
//! an enum and anything else, from a scalar to a list, from a list to
//! anything but text, and between built-in types PostgreSQL has no cast
//! for (such as `TEXT` to `INTEGER`). Changes to and from `Unsupported`
//! types are attempted in place.

use super::native::PgType::{self, *};
use migrate_core::schema::{ColumnType, TypeFamily};

pub(crate) fn must_recreate(from: &ColumnType, to: &ColumnType) -> bool {
    if from.sql == to.sql && from.list == to.list {
        return false;
    }
    let enum_involved = |t: &ColumnType| matches!(t.family, TypeFamily::Enum(_));
    if enum_involved(from) || enum_involved(to) {
        return true;
    }
    let (old, new) = (PgType::parse(&from.sql), PgType::parse(&to.sql));
    match (from.list, to.list) {
        (false, true) => true,
        (true, false) => !matches!(new, Some(Text | VarChar(_) | Char(_))),
        _ => match (old, new) {
            (Some(old), Some(new)) => !castable(old, new),
            _ => false,
        },
    }
}

/// Prisma's table of changes it makes with `SET DATA TYPE` (safe or risky).
fn castable(old: PgType, new: PgType) -> bool {
    let to_text = matches!(new, Text | VarChar(None));
    to_text || castable_beyond_text(old, new)
}

fn castable_beyond_text(old: PgType, new: PgType) -> bool {
    let numeric = |t: PgType| matches!(t, SmallInt | Integer | BigInt | Decimal(..) | Real | DoublePrecision);
    let string = |t: PgType| matches!(t, VarChar(_) | Char(_));
    let long_string = |min: u32| matches!(new, VarChar(Some(n)) | Char(n) if n > min);
    let time_kind = |t: PgType| matches!(t, Timestamp(_) | Timestamptz(_) | Date | Time(_) | Timetz(_));
    match old {
        Money | Citext => true,
        Inet => matches!(new, Citext | VarChar(_)),
        Oid => matches!(new, VarChar(_) | BigInt | Integer),
        SmallInt | Integer | BigInt | Decimal(..) | Real | DoublePrecision => numeric(new) || string(new),
        VarChar(_) | Char(_) => string(new),
        Text => matches!(new, Citext) || string(new),
        ByteA => long_string(2),
        Timestamp(_) => time_kind(new) || long_string(22),
        Timestamptz(_) => time_kind(new) || long_string(27),
        Date => matches!(new, Timestamp(_) | Timestamptz(_)) || long_string(27),
        Time(_) => matches!(new, Time(_) | Timetz(_)) || long_string(13),
        Timetz(_) => matches!(new, Time(_) | Timetz(_)) || long_string(18),
        Boolean => matches!(new, VarChar(_) | Char(4..)),
        Bit(len) => bit_castable(len, new),
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
        VarChar(Some(n)) | VarBit(Some(n)) | Char(n) => n >= len,
        _ => false,
    }
}

fn varbit_castable(len: Option<u32>, new: PgType) -> bool {
    match (len, new) {
        (_, VarChar(_) | Char(_)) | (None, Bit(_)) | (Some(_), VarBit(None)) => true,
        (Some(old), Bit(n)) => n <= old,
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
            ("\"Role\"", "TEXT"),
            ("TEXT", "\"Role\""),
            ("\"A\"", "\"B\""),
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
    }
}
