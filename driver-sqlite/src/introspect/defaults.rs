//! A column's `dflt_value` (the default's SQL text as written, without the
//! one pair of parentheses SQLite drops) back to a [`DefaultValue`].
//!
//! Every default the renderer writes comes back as something the differ
//! accepts: `CURRENT_TIMESTAMP` (and `datetime('now')`, the same value) is
//! [`DefaultValue::Now`]; `NULL` is no default; a quoted string
//! (also how strings, enum values, JSON and bytes are written) is a string
//! literal, which compares by text with the lowered literal; numbers and
//! `true`/`false` are literals; anything else is an expression.

use super::sql_text::{closing_paren, tokenize, Token};
use crate::dialect::default::is_signed_number;
use migrate_core::schema::{DefaultValue, Literal};

/// `None` for `DEFAULT NULL`, which is no default (as Prisma reads it).
pub(super) fn default_value(text: &str) -> Option<DefaultValue> {
    let text = text.trim();
    let bare = without_parentheses(text);
    Some(if text.eq_ignore_ascii_case("NULL") {
        return None;
    } else if text.eq_ignore_ascii_case("CURRENT_TIMESTAMP") || is_datetime_now(bare) {
        DefaultValue::Now
    } else if let Some(literal) = literal(text) {
        DefaultValue::Literal(literal)
    } else {
        DefaultValue::Expression(bare.to_string())
    })
}

/// `datetime('now')`: what `CURRENT_TIMESTAMP` gives, spelled as a function.
fn is_datetime_now(text: &str) -> bool {
    let tokens = tokenize(text);
    matches!(
        tokens.as_slice(),
        [Token::Word(f), Token::Punct('('), Token::Str(arg), Token::Punct(')')]
            if f.eq_ignore_ascii_case("datetime") && arg.eq_ignore_ascii_case("now")
    )
}

fn literal(text: &str) -> Option<Literal> {
    if text.eq_ignore_ascii_case("true") || text.eq_ignore_ascii_case("false") {
        Some(Literal::Boolean(text.eq_ignore_ascii_case("true")))
    } else if is_signed_number(text) {
        Some(Literal::Number(text.to_string()))
    } else if let Some(string) = string_literal(text, '\'').or_else(|| string_literal(text, '"')) {
        Some(Literal::String(string))
    } else {
        blob_literal(text).map(Literal::Bytes)
    }
}

/// The value of exactly one `'...'` literal, `''` unescaped; or of one
/// `"..."`, which SQLite reads as a string where no column has that name.
fn string_literal(text: &str, quote: char) -> Option<String> {
    let inner = text.strip_prefix(quote)?.strip_suffix(quote)?;
    let doubled = format!("{quote}{quote}");
    let unescaped = inner.replace(&doubled, &quote.to_string());
    (!inner.replace(&doubled, "").contains(quote)).then_some(unescaped)
}

/// `x'00FF'` as lowercase hex.
fn blob_literal(text: &str) -> Option<String> {
    let hex = text.strip_prefix(['x', 'X'])?.strip_prefix('\'')?.strip_suffix('\'')?;
    let valid = hex.len() % 2 == 0 && hex.bytes().all(|b| b.is_ascii_hexdigit());
    valid.then(|| hex.to_ascii_lowercase())
}

/// `text` without one outer pair of parentheses that enclose all of it.
fn without_parentheses(text: &str) -> &str {
    let tokens = tokenize(text);
    let encloses_all = tokens.first() == Some(&Token::Punct('('))
        && closing_paren(&tokens, 0) == Some(tokens.len() - 1)
        && text.ends_with(')');
    if encloses_all {
        text[1..text.len() - 1].trim()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literal(l: Literal) -> Option<DefaultValue> {
        Some(DefaultValue::Literal(l))
    }

    fn expression(e: &str) -> Option<DefaultValue> {
        Some(DefaultValue::Expression(e.to_string()))
    }

    #[test]
    fn now_in_any_case() {
        assert_eq!(default_value("CURRENT_TIMESTAMP"), Some(DefaultValue::Now));
        assert_eq!(default_value("current_timestamp"), Some(DefaultValue::Now));
        assert_eq!(default_value("(datetime('now'))"), Some(DefaultValue::Now));
        assert_eq!(default_value("DateTime( 'NOW' )"), Some(DefaultValue::Now));
        assert_eq!(
            default_value("datetime('now', 'localtime')"),
            expression("datetime('now', 'localtime')")
        );
        assert_eq!(default_value("CURRENT_DATE"), expression("CURRENT_DATE"));
    }

    #[test]
    fn literals() {
        assert_eq!(default_value("'it''s'"), literal(Literal::String("it's".into())));
        assert_eq!(default_value("''"), literal(Literal::String(String::new())));
        assert_eq!(default_value("\"dq\""), literal(Literal::String("dq".into())));
        assert_eq!(default_value("TRUE"), literal(Literal::Boolean(true)));
        assert_eq!(default_value("false"), literal(Literal::Boolean(false)));
        assert_eq!(default_value("x'00FF'"), literal(Literal::Bytes("00ff".into())));
        for number in [
            "0",
            "-42",
            "+2.5",
            ".5",
            "5.",
            "1e-3",
            "2E+10",
            "0xFF",
            "9007199254740993",
        ] {
            assert_eq!(
                default_value(number),
                literal(Literal::Number(number.into())),
                "{number}"
            );
        }
    }

    #[test]
    fn expressions_lose_one_enclosing_pair() {
        assert_eq!(default_value("random()"), expression("random()"));
        assert_eq!(default_value("((1) + 2)"), expression("(1) + 2"));
        assert_eq!(default_value("(1) + (2)"), expression("(1) + (2)"));
        assert_eq!(default_value("(')')"), expression("')'"));
        assert_eq!(default_value("'a' || 'b'"), expression("'a' || 'b'"));
        assert_eq!(default_value("NULL"), None);
        assert_eq!(default_value("null"), None);
        for not_a_literal in ["e5", "1e", "0x", "-", ".", "x'0'", "'a'b'"] {
            assert_eq!(
                default_value(not_a_literal),
                expression(not_a_literal),
                "{not_a_literal}"
            );
        }
    }
}
