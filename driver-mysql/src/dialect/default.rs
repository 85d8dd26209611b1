//! Column defaults as Prisma writes them after `DEFAULT` on MySQL: strings
//! and enum values quoted, numbers and booleans as written, `now()` as
//! `CURRENT_TIMESTAMP(p)` with the column's fractional-second precision (3
//! when it has none), `dbgenerated(...)` verbatim (MySQL wants an expression
//! in parentheses, which the schema writes: `dbgenerated("(uuid())")`).
//!
//! Prisma leaves bytes defaults out on MySQL; we write them as
//! parenthesised expressions (`(X'0a')`), which MySQL 8.0.13+ and MariaDB
//! 10.2+ accept on `BLOB` columns, so that the database has the default the
//! schema declares. JSON defaults never reach here: as in Prisma, they are
//! the client's alone on MySQL (`Capabilities::json_defaults`).

use super::native::MysqlType;
use super::quote::quote_string;
use migrate_core::schema::{ColumnType, DateTimeDefault, DefaultValue, Literal};

/// Prisma's precision for `now()` on a column without one.
const NOW_PRECISION: u32 = 3;

/// The text after `DEFAULT`, `None` when there is nothing to write (an empty
/// `dbgenerated("")`), or why MySQL cannot hold the default.
pub(crate) fn render_default(default: &DefaultValue, ty: &ColumnType) -> Result<Option<String>, String> {
    Ok(match default {
        DefaultValue::Literal(literal) => Some(render_literal(literal)),
        DefaultValue::Now => Some(format!("CURRENT_TIMESTAMP({})", now_precision(ty))),
        DefaultValue::Expression(expr) => (!expr.trim().is_empty()).then(|| expr.clone()),
        DefaultValue::List(_) => return Err("MySQL has no list columns, so no list defaults".to_string()),
        // Read from PostgreSQL only; not a default.
        DefaultValue::Generated(_) => None,
    })
}

fn render_literal(literal: &Literal) -> String {
    match literal {
        Literal::String(text) | Literal::EnumValue(text) => quote_string(text),
        Literal::Number(number) => number.clone(),
        Literal::Boolean(value) => value.to_string(),
        Literal::Json(text) => format!("({})", quote_string(text)),
        Literal::Bytes(hex) => format!("(X'{}')", hex.to_ascii_lowercase()),
        Literal::DateTime(instant) => quote_string(&utc_without_offset(instant)),
    }
}

/// A date-time constant as its instant in UTC without an offset,
/// `2020-01-01 08:20:30.123`: the only spelling both MySQL and MariaDB take
/// as a `DATETIME` default (Prisma writes RFC 3339, which MariaDB 10.11
/// refuses: `Invalid default value`).
fn utc_without_offset(instant: &DateTimeDefault) -> String {
    instant.instant().naive_utc().format("%Y-%m-%d %H:%M:%S%.f").to_string()
}

fn now_precision(ty: &ColumnType) -> u32 {
    match MysqlType::parse(&ty.sql) {
        Some(MysqlType::DateTime(p) | MysqlType::Timestamp(p) | MysqlType::Time(p)) => p,
        _ => NOW_PRECISION,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use migrate_core::schema::{ScalarType, TypeFamily};

    fn ty(sql: &str) -> ColumnType {
        ColumnType {
            family: TypeFamily::Scalar(ScalarType::DateTime),
            sql: sql.into(),
            list: false,
        }
    }

    fn render(default: DefaultValue, sql: &str) -> Option<String> {
        render_default(&default, &ty(sql)).unwrap()
    }

    #[test]
    fn literals() {
        let lit = |l: Literal| render(DefaultValue::Literal(l), "TEXT").unwrap();
        assert_eq!(lit(Literal::String(r"it's \".into())), r"'it''s \\'");
        assert_eq!(lit(Literal::Number("-1.5".into())), "-1.5");
        assert_eq!(lit(Literal::Boolean(true)), "true");
        assert_eq!(lit(Literal::Bytes("DEADbeef".into())), "(X'deadbeef')");
        assert_eq!(lit(Literal::Json(r#"{"a":"b'c"}"#.into())), r#"('{"a":"b''c"}')"#);
        let at = DateTimeDefault::parse("2020-01-01T10:20:30.123+02:00").unwrap();
        assert_eq!(lit(Literal::DateTime(at)), "'2020-01-01 08:20:30.123'");
    }

    #[test]
    fn now_takes_the_column_precision() {
        assert_eq!(
            render(DefaultValue::Now, "DATETIME(3)").unwrap(),
            "CURRENT_TIMESTAMP(3)"
        );
        assert_eq!(
            render(DefaultValue::Now, "TIMESTAMP(0)").unwrap(),
            "CURRENT_TIMESTAMP(0)"
        );
        assert_eq!(render(DefaultValue::Now, "DATE").unwrap(), "CURRENT_TIMESTAMP(3)");
    }

    #[test]
    fn expressions_and_lists() {
        let expr = |e: &str| render(DefaultValue::Expression(e.into()), "INTEGER");
        assert_eq!(expr("(uuid())").as_deref(), Some("(uuid())"));
        assert_eq!(expr(" "), None);
        assert!(render_default(&DefaultValue::List(Vec::new()), &ty("INTEGER")).is_err());
    }
}
