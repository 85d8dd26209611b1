//! Column defaults as `@default(...)`: `autoincrement()`, `now()`, a
//! constant written for the field's type, or `dbgenerated("...")` for what
//! no constant says. Defaults the client generates (`uuid()`, `cuid()`...)
//! leave nothing in the database: they come from the existing schema.

use super::plan::{FieldKind, ModelPlan, Plan};
use super::syntax::{array, attribute, call, ident_expr, number, positional, string};
use crate::psl::ast::{Attribute, Expr};
use crate::schema::{DateTimeDefault, DefaultValue, Literal, ScalarType};

/// Functions whose values the client makes.
const CLIENT_FUNCTIONS: [&str; 4] = ["uuid", "cuid", "nanoid", "ulid"];

pub(super) fn default_attribute(plan: &Plan<'_>, m: &ModelPlan<'_>, column: usize) -> Option<Attribute> {
    let col = &m.table.columns[column];
    // A SQLite rowid key fills itself whatever its default says; a default
    // it has is written (Prisma writes `autoincrement()` and loses it).
    let value = match (&col.default, col.auto_increment) {
        (None, true) => call("autoincrement", Vec::new()),
        (Some(default), _) => value(plan, m.columns[column].kind, default),
        (None, false) => return client_default(plan, m, column),
    };
    Some(attribute("default", vec![positional(value)]))
}

/// The existing field's `@default(uuid())` (or another client function, or
/// a bare `dbgenerated()`), for a column without a database default.
fn client_default(plan: &Plan<'_>, m: &ModelPlan<'_>, column: usize) -> Option<Attribute> {
    let old = plan.old_field(m, column)?;
    let attr = old.attribute("default")?;
    let kept = match attr.positional(0)? {
        Expr::Call(f, args, _) => {
            CLIENT_FUNCTIONS.contains(&f.name.as_str()) || (f.name == "dbgenerated" && args.is_empty())
        }
        _ => false,
    };
    kept.then(|| attr.clone())
}

fn value(plan: &Plan<'_>, kind: FieldKind, default: &DefaultValue) -> Expr {
    match default {
        DefaultValue::Now if kind == FieldKind::Scalar(ScalarType::DateTime) => call("now", Vec::new()),
        DefaultValue::Now => db_generated("CURRENT_TIMESTAMP"),
        DefaultValue::Expression(sql) => db_generated(sql),
        DefaultValue::Generated(expression) => value(plan, kind, expression),
        DefaultValue::Literal(l) => literal(plan, kind, l).unwrap_or_else(|| db_generated(&sql_literal(l))),
        DefaultValue::List(items) => {
            let values: Option<Vec<Expr>> = items.iter().map(|l| literal(plan, kind, l)).collect();
            values.map(array).unwrap_or_else(|| {
                let sql: Vec<String> = items.iter().map(sql_literal).collect();
                db_generated(&format!("ARRAY[{}]", sql.join(", ")))
            })
        }
    }
}

fn db_generated(sql: &str) -> Expr {
    call("dbgenerated", vec![positional(string(sql))])
}

/// The constant for a field of `kind`, when the schema language has one
/// that means the same as the database's.
fn literal(plan: &Plan<'_>, kind: FieldKind, l: &Literal) -> Option<Expr> {
    let scalar = match kind {
        FieldKind::Scalar(s) => s,
        FieldKind::Enum(e) => {
            let value = text(l)?;
            let found = plan.enums[e].values.iter().find(|v| v.db_name == value)?;
            return Some(ident_expr(&found.name));
        }
        FieldKind::Unsupported => return None,
    };
    match (scalar, l) {
        (ScalarType::String | ScalarType::Json, _) => text(l).map(string),
        (ScalarType::Boolean, _) => boolean(l).map(|b| ident_expr(b.to_string())),
        (ScalarType::Int | ScalarType::BigInt, _) => text(l).filter(|t| t.parse::<i64>().is_ok()).map(number),
        (ScalarType::Float, _) => text(l).and_then(decimal_number).map(|n| number(&n)),
        (ScalarType::Decimal, Literal::String(s)) if s.parse::<f64>().is_ok() && decimal_number(s).is_none() => {
            Some(string(s))
        }
        (ScalarType::Decimal, _) => text(l).and_then(decimal_number).map(|n| number(&n)),
        (ScalarType::DateTime, Literal::DateTime(d)) => Some(string(d.as_str())),
        (ScalarType::DateTime, Literal::String(s)) if DateTimeDefault::is_rfc3339(s) => Some(string(s)),
        (ScalarType::DateTime, _) => None,
        (ScalarType::Bytes, Literal::Bytes(hex) | Literal::String(hex)) => base64(hex).map(|b| string(&b)),
        (ScalarType::Bytes, _) => None,
    }
}

/// The literal's text, for the literals that are text in the database.
fn text(l: &Literal) -> Option<&str> {
    match l {
        Literal::String(s) | Literal::EnumValue(s) | Literal::Json(s) | Literal::Number(s) => Some(s),
        Literal::DateTime(d) => Some(d.as_str()),
        Literal::Boolean(_) | Literal::Bytes(_) => None,
    }
}

fn boolean(l: &Literal) -> Option<bool> {
    match l {
        Literal::Boolean(b) => Some(*b),
        Literal::Number(n) if n == "0" || n == "1" => Some(n == "1"),
        Literal::String(s) if s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false") => {
            Some(s.eq_ignore_ascii_case("true"))
        }
        _ => None,
    }
}

/// `text` as the schema language writes a number: `-12`, `0.5`; a
/// database's `1e-3` written out (`0.001`), as Prisma's grammar has no
/// exponent.
fn decimal_number(text: &str) -> Option<String> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['+', '-']).unwrap_or(e))),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((int, frac)) => digits(int) && digits(frac),
        None => digits(mantissa),
    };
    if !mantissa_ok || !exponent.is_none_or(digits) {
        return None;
    }
    match exponent {
        None => Some(text.to_string()),
        // Rust prints an f64 in full, never with an exponent.
        Some(_) => text
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .map(|v| v.to_string()),
    }
}

/// A constant in SQL, for `dbgenerated`.
fn sql_literal(l: &Literal) -> String {
    match l {
        Literal::String(s) | Literal::EnumValue(s) | Literal::Json(s) => crate::sql_quote::quote_str(s),
        Literal::DateTime(d) => format!("'{}'", d.as_str()),
        Literal::Number(n) => n.clone(),
        Literal::Boolean(b) => b.to_string(),
        Literal::Bytes(hex) => format!("x'{hex}'"),
    }
}

/// Databases keep bytes as hex; the schema language writes base64.
fn base64(hex: &str) -> Option<String> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect();
    let mut out = String::new();
    for chunk in bytes?.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_to_base64() {
        assert_eq!(base64("deadbeef").as_deref(), Some("3q2+7w=="));
        assert_eq!(base64("").as_deref(), Some(""));
        assert_eq!(base64("666f6f").as_deref(), Some("Zm9v"));
        assert_eq!(base64("666f").as_deref(), Some("Zm8="));
        assert_eq!(base64("abc"), None);
        assert_eq!(base64("zz"), None);
    }

    #[test]
    fn numbers_as_the_schema_writes_them() {
        for ok in ["0", "-42", "0.5", "19.99"] {
            assert_eq!(decimal_number(ok).as_deref(), Some(ok));
        }
        assert_eq!(decimal_number("1e-3").as_deref(), Some("0.001"));
        assert_eq!(decimal_number("2E+10").as_deref(), Some("20000000000"));
        for not in [".5", "5.", "+1", "0xFF", "", "-", "1e", "abc"] {
            assert_eq!(decimal_number(not), None, "{not}");
        }
    }

    #[test]
    fn sql_literals_for_dbgenerated() {
        assert_eq!(sql_literal(&Literal::String("it's".into())), "'it''s'");
        assert_eq!(sql_literal(&Literal::Bytes("00ff".into())), "x'00ff'");
    }
}
