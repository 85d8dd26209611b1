//! Whether a column type change keeps every value: `MODIFY` without a
//! data-loss warning. MySQL converts any type to any other in place, so a
//! change is safe or risky, never "not castable". Safe: integers and
//! floats into wider ones, integers and decimals into decimals with room
//! for their digits, strings and bytes into types at least as long (a
//! `VARCHAR(n)` holds up to 4·n bytes in `utf8mb4`, Prisma's charset),
//! date-times into ones with at least their fractional digits, a date into
//! a date-time, enums that keep their values. Prisma 6.19.3's MySQL differ
//! passes these too (`VARCHAR(200)` to `VARCHAR(255)`, `INT` to `BIGINT`).

use super::enums::enum_values;
use super::native::MysqlType::{self, *};
use migrate_core::driver::TypeChange;
use migrate_core::schema::ColumnType;

/// Bytes a `utf8mb4` character may take.
const BYTES_PER_CHAR: u64 = 4;

pub(crate) fn type_change(from: &ColumnType, to: &ColumnType) -> TypeChange {
    let safe = match (enum_values(&from.sql), enum_values(&to.sql)) {
        (Some(old), Some(new)) => old.iter().all(|v| new.contains(v)),
        (Some(_), None) | (None, Some(_)) => false,
        (None, None) => match (
            MysqlType::from_column_type(&from.sql),
            MysqlType::from_column_type(&to.sql),
        ) {
            (Some(old), Some(new)) => old == new || widens(old, new),
            _ => false,
        },
    };
    match safe {
        true => TypeChange::SafeCast,
        false => TypeChange::RiskyCast,
    }
}

/// Every value of `old` is a value of `new`, unchanged.
fn widens(old: MysqlType, new: MysqlType) -> bool {
    if let (Some(a), Some(b)) = (integer(old), integer(new)) {
        return holds(a, b);
    }
    match (old, new) {
        (Float, Double) => true,
        (Decimal(p, s), Decimal(p2, s2)) => s2 >= s && p2 - s2 >= p - s,
        (_, Decimal(p, s)) => integer(old).is_some_and(|i| p - s >= i.digits),
        (Char(n) | VarChar(n), Char(m) | VarChar(m)) => m >= n,
        (Binary(n) | VarBinary(n), Binary(m) | VarBinary(m)) => m >= n,
        (Bit(n), Bit(m)) => m >= n,
        (DateTime(p), DateTime(q)) | (Time(p), Time(q)) | (Timestamp(p), Timestamp(q)) => q >= p,
        (Date, DateTime(_)) => true,
        _ => match (max_bytes(old), max_bytes(new)) {
            (Some(a), Some(b)) => text_like(old) == text_like(new) && b >= a,
            _ => false,
        },
    }
}

/// An integer type: its size in bytes, whether it is unsigned, and the
/// digits of its widest value.
#[derive(Clone, Copy)]
struct Integer {
    bytes: u8,
    unsigned: bool,
    digits: u32,
}

fn integer(t: MysqlType) -> Option<Integer> {
    let (bytes, unsigned, digits) = match t {
        TinyInt => (1, false, 3),
        UnsignedTinyInt => (1, true, 3),
        SmallInt => (2, false, 5),
        UnsignedSmallInt => (2, true, 5),
        MediumInt => (3, false, 7),
        UnsignedMediumInt => (3, true, 8),
        Int => (4, false, 10),
        UnsignedInt => (4, true, 10),
        BigInt => (8, false, 19),
        UnsignedBigInt => (8, true, 20),
        _ => return None,
    };
    Some(Integer {
        bytes,
        unsigned,
        digits,
    })
}

/// Whether every value of integer type `a` fits in `b`: a signed type
/// never fits in an unsigned one, an unsigned one fits in a wider signed one.
fn holds(a: Integer, b: Integer) -> bool {
    match (a.unsigned, b.unsigned) {
        (false, true) => false,
        (true, false) => b.bytes > a.bytes,
        _ => b.bytes >= a.bytes,
    }
}

/// The most bytes a value of a string or bytes type takes.
fn max_bytes(t: MysqlType) -> Option<u64> {
    Some(match t {
        Char(n) | VarChar(n) => u64::from(n) * BYTES_PER_CHAR,
        Binary(n) | VarBinary(n) => u64::from(n),
        TinyText | TinyBlob => 255,
        Text | Blob => 65_535,
        MediumText | MediumBlob => 16_777_215,
        LongText | LongBlob => 4_294_967_295,
        _ => return None,
    })
}

/// Characters or bytes: a string does not become bytes without a change.
fn text_like(t: MysqlType) -> bool {
    matches!(t, Char(_) | VarChar(_) | TinyText | Text | MediumText | LongText)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(from: &str, to: &str) -> TypeChange {
        let ty = |sql: &str| ColumnType {
            family: migrate_core::schema::TypeFamily::Unsupported,
            sql: sql.into(),
            list: false,
        };
        type_change(&ty(from), &ty(to))
    }

    #[test]
    fn widenings_are_safe_and_the_rest_risky() {
        let safe = [
            ("VARCHAR(200)", "VARCHAR(255)"),
            ("VARCHAR(191)", "TEXT"),
            ("CHAR(10)", "VARCHAR(10)"),
            ("TEXT", "LONGTEXT"),
            ("INTEGER", "BIGINT"),
            ("TINYINT", "SMALLINT"),
            ("INTEGER UNSIGNED", "BIGINT"),
            ("SMALLINT", "DECIMAL(10,2)"),
            ("DECIMAL(10,2)", "DECIMAL(12,4)"),
            ("FLOAT", "DOUBLE"),
            ("DATETIME(0)", "DATETIME(3)"),
            ("DATE", "DATETIME(3)"),
            ("VARBINARY(16)", "BLOB"),
            ("ENUM('a','b')", "ENUM('a','b','c')"),
        ];
        for (from, to) in safe {
            assert_eq!(change(from, to), TypeChange::SafeCast, "{from} -> {to}");
        }
        let risky = [
            ("VARCHAR(255)", "VARCHAR(200)"),
            ("VARCHAR(20000)", "TEXT"),
            ("TEXT", "VARCHAR(255)"),
            ("BIGINT", "INTEGER"),
            ("INTEGER", "INTEGER UNSIGNED"),
            ("INTEGER UNSIGNED", "INTEGER"),
            ("INTEGER", "DECIMAL(10,2)"),
            ("DECIMAL(10,2)", "DECIMAL(10,3)"),
            ("DOUBLE", "FLOAT"),
            ("DATETIME(3)", "DATETIME(0)"),
            ("DATETIME(3)", "DATE"),
            ("TIMESTAMP(3)", "DATETIME(3)"),
            ("TEXT", "BLOB"),
            ("ENUM('a','b')", "ENUM('a')"),
            ("INTEGER", "VARCHAR(191)"),
        ];
        for (from, to) in risky {
            assert_eq!(change(from, to), TypeChange::RiskyCast, "{from} -> {to}");
        }
    }
}
