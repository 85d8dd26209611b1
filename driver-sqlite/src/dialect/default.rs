//! Column defaults as SQLite accepts them after `DEFAULT`.
//!
//! SQLite's grammar allows a literal, a signed number, or a parenthesized
//! expression there. Prisma writes `dbgenerated(...)` verbatim, so
//! `dbgenerated("random()")` is a syntax error under Prisma; we wrap anything
//! that is not already one of the accepted forms in parentheses. SQLite
//! reports `DEFAULT (random())` back as `random()`, so both spellings describe
//! the same database.

use migrate_core::schema::{DefaultValue, Literal};
use migrate_core::sql_quote::quote_str;

/// The text after `DEFAULT`, or `None` when there is nothing to write (an
/// empty expression; a list, which SQLite cannot have and the caller rejects).
pub(crate) fn render_default(default: &DefaultValue) -> Option<String> {
    match default {
        DefaultValue::Literal(literal) => Some(render_literal(literal)),
        DefaultValue::Now => Some("CURRENT_TIMESTAMP".to_string()),
        DefaultValue::Expression(expr) => render_expression(expr),
        // Read from PostgreSQL only; not a default.
        DefaultValue::List(_) | DefaultValue::Generated(_) => None,
    }
}

/// Whether `ALTER TABLE ADD COLUMN` accepts the default: SQLite refuses
/// `CURRENT_*` and anything in parentheses there.
pub(crate) fn is_constant(default: &DefaultValue) -> bool {
    match render_default(default) {
        Some(sql) => !sql.starts_with('(') && !sql.to_ascii_uppercase().starts_with("CURRENT_"),
        None => matches!(default, DefaultValue::Expression(_)),
    }
}

fn render_literal(literal: &Literal) -> String {
    match literal {
        Literal::String(text) | Literal::EnumValue(text) => quote_str(text),
        // Prisma writes Json raw, which is a syntax error for objects: quote it.
        Literal::Json(json) => quote_str(json),
        // Prisma's spelling: the lowercase hex digits as a string.
        Literal::Bytes(hex) => quote_str(hex),
        Literal::DateTime(instant) => quote_str(&instant.with_offset()),
        Literal::Boolean(value) => value.to_string(),
        Literal::Number(number) => render_expression(number).unwrap_or_else(|| "NULL".to_string()),
    }
}

/// `expr` as written when SQLite takes it bare, else `(expr)`.
fn render_expression(expr: &str) -> Option<String> {
    let expr = expr.trim();
    if expr.is_empty() {
        None
    } else if stands_alone(expr) {
        Some(expr.to_string())
    } else {
        Some(format!("({expr})"))
    }
}

/// Whether SQLite accepts `expr` after `DEFAULT` without parentheses.
fn stands_alone(expr: &str) -> bool {
    is_signed_number(expr)
        || is_string_literal(expr)
        || is_blob_literal(expr)
        || is_keyword_literal(expr)
        || is_parenthesized(expr)
}

/// `NULL`, `TRUE`, `CURRENT_TIMESTAMP`...: the keywords SQLite reads as a
/// value in a default, in any case.
pub(crate) fn is_keyword_literal(expr: &str) -> bool {
    const KEYWORDS: [&str; 6] = [
        "NULL",
        "TRUE",
        "FALSE",
        "CURRENT_TIME",
        "CURRENT_DATE",
        "CURRENT_TIMESTAMP",
    ];
    KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(expr))
}

/// `-1`, `+2.5`, `.5`, `1e-3`, `0xFF`: SQLite's numeric literals (a sign
/// and hexadecimal integers, which PostgreSQL and MySQL print otherwise).
pub(crate) fn is_signed_number(expr: &str) -> bool {
    let unsigned = expr.strip_prefix(['+', '-']).unwrap_or(expr);
    is_hex_number(unsigned) || migrate_core::number::is_unsigned_decimal(unsigned)
}

fn is_hex_number(text: &str) -> bool {
    let digits = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X"));
    digits.is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// One `'...'` literal, inner quotes doubled.
fn is_string_literal(expr: &str) -> bool {
    let Some(inner) = expr.strip_prefix('\'').and_then(|e| e.strip_suffix('\'')) else {
        return false;
    };
    !inner.replace("''", "").contains('\'')
}

/// `x'00ff'`.
fn is_blob_literal(expr: &str) -> bool {
    let Some(quoted) = expr.strip_prefix(['x', 'X']) else {
        return false;
    };
    let Some(hex) = quoted.strip_prefix('\'').and_then(|e| e.strip_suffix('\'')) else {
        return false;
    };
    hex.len() % 2 == 0 && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `(...)` where the first parenthesis closes at the very end, skipping
/// parentheses inside quoted strings and identifiers.
fn is_parenthesized(expr: &str) -> bool {
    if !expr.starts_with('(') {
        return false;
    }
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (at, c) in expr.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"' | '`') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return at == expr.len() - 1;
                }
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expr(e: &str) -> String {
        render_default(&DefaultValue::Expression(e.to_string())).unwrap_or_default()
    }

    #[test]
    fn bare_forms_stay_as_written() {
        for e in [
            "-1",
            "+2.5",
            ".5",
            "5.",
            "1e10",
            "2.5E-3",
            "0xFF",
            "'a''b'",
            "x'00ff'",
            "NULL",
            "true",
            "current_timestamp",
            "(random())",
            "((1) + (2))",
            "(')')",
        ] {
            assert_eq!(expr(e), e, "{e}");
        }
    }

    #[test]
    fn other_expressions_get_parentheses() {
        for e in [
            "random()",
            "1 + 2",
            "'a' || 'b'",
            "(a) + (b)",
            "datetime('now')",
            "e5",
            "1e",
            "0x",
            "x'0'",
            "abc",
            "'a'b'",
            "-",
            ".",
        ] {
            assert_eq!(expr(e), format!("({e})"), "{e}");
        }
    }

    #[test]
    fn constant_defaults() {
        assert!(is_constant(&DefaultValue::Literal(Literal::String("(x)".into()))));
        assert!(is_constant(&DefaultValue::Expression("-1".into())));
        assert!(!is_constant(&DefaultValue::Now));
        assert!(!is_constant(&DefaultValue::Expression("current_date".into())));
        assert!(!is_constant(&DefaultValue::Expression("1 + 1".into())));
        assert!(!is_constant(&DefaultValue::List(Vec::new())));
    }

    #[test]
    fn empty_expression_writes_no_default() {
        assert_eq!(render_default(&DefaultValue::Expression("  ".into())), None);
    }
}
