//! Column defaults as Prisma writes them after `DEFAULT` on PostgreSQL:
//! strings, enum values and JSON quoted, numbers and booleans as written,
//! bytes as a `'\x..'` hex literal, `now()` as `CURRENT_TIMESTAMP`,
//! `dbgenerated(...)` verbatim, and list defaults as a typed array
//! constructor (`ARRAY['a', 'b']::TEXT[]`, Prisma 4 and later).

use super::quote::quote_str;
use migrate_core::schema::{DefaultValue, Literal};

/// The text after `DEFAULT`, or `None` when there is nothing to write (an
/// empty `dbgenerated("")`). `full_type` is the column's DDL type, which
/// list defaults are cast to.
pub(crate) fn render_default(default: &DefaultValue, full_type: &str) -> Option<String> {
    match default {
        DefaultValue::Literal(literal) => Some(render_literal(literal)),
        DefaultValue::Now => Some("CURRENT_TIMESTAMP".to_string()),
        DefaultValue::Expression(expr) => (!expr.trim().is_empty()).then(|| expr.clone()),
        DefaultValue::List(values) => Some(render_list(values, full_type)),
        // Not a default: see `column_definition`.
        DefaultValue::Generated(_) => None,
    }
}

fn render_literal(literal: &Literal) -> String {
    match literal {
        Literal::String(text) | Literal::EnumValue(text) | Literal::Json(text) => quote_str(text),
        Literal::Number(number) => number.clone(),
        Literal::Boolean(value) => value.to_string(),
        Literal::Bytes(hex) => format!("'\\x{}'", hex.to_ascii_lowercase()),
        Literal::DateTime(instant) => quote_str(&instant.with_offset()),
    }
}

fn render_list(values: &[Literal], full_type: &str) -> String {
    let items: Vec<String> = values.iter().map(render_literal).collect();
    format!("ARRAY[{}]::{full_type}", items.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literal(l: Literal) -> String {
        render_default(&DefaultValue::Literal(l), "TEXT").unwrap_or_default()
    }

    #[test]
    fn literals() {
        assert_eq!(literal(Literal::String("it's".into())), "'it''s'");
        assert_eq!(literal(Literal::Number("-1.5".into())), "-1.5");
        assert_eq!(literal(Literal::Boolean(false)), "false");
        assert_eq!(literal(Literal::Bytes("DEADbeef".into())), r"'\xdeadbeef'");
        assert_eq!(literal(Literal::Json(r#"{"a":"b'c"}"#.into())), r#"'{"a":"b''c"}'"#);
    }

    #[test]
    fn lists_and_expressions() {
        let list = DefaultValue::List(vec![Literal::Number("1".into()), Literal::Number("2".into())]);
        assert_eq!(
            render_default(&list, "INTEGER[]").as_deref(),
            Some("ARRAY[1, 2]::INTEGER[]")
        );
        let empty = DefaultValue::List(Vec::new());
        assert_eq!(render_default(&empty, "TEXT[]").as_deref(), Some("ARRAY[]::TEXT[]"));
        let expr = DefaultValue::Expression("gen_random_uuid()".into());
        assert_eq!(render_default(&expr, "UUID").as_deref(), Some("gen_random_uuid()"));
        assert_eq!(render_default(&DefaultValue::Expression(" ".into()), "UUID"), None);
    }
}
