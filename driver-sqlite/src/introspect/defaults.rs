//! A column's `dflt_value` (the default's SQL text as written, without the
//! one pair of parentheses SQLite drops) back to a [`DefaultValue`], read
//! by the column's type family as Prisma 6.19.3 reads it (its describer,
//! probed with the kit in `../shared/prisma6` over the spellings in the
//! tests below):
//!
//! | family | a constant when | else |
//! | --- | --- | --- |
//! | `Int`, `BigInt` | `-`? digits, optionally in `'...'`, in 64 bits | expression |
//! | `Float`, `Decimal` | a signed decimal number, optionally in `'...'` | expression |
//! | `Boolean` | `0`, `1` (also `'0'`, `-0`), `true`, `false` (any case) | expression |
//! | `String` | one `'...'` or `"..."` string, a number, a bare word | expression |
//! | `DateTime` | `now()` for `current_timestamp`, `datetime('now')`, `datetime('now', 'localtime')` (any case) | expression |
//! | `Json` | valid JSON, bare or in one `'...'` string | expression |
//! | `Bytes`, unsupported | never | expression |
//!
//! The expression is the text as SQLite reports it, as Prisma writes it in
//! `dbgenerated("...")`. Where Prisma is wrong we read better, and say so:
//! on `String` it makes every text a string (`random()` becomes the string
//! `"random()"`, which a migration would write as a constant), and on
//! `Json` it keeps the quotes (`'{}'` becomes `"'{}'"`, which its own
//! validator refuses). `NULL` is no default, as in Prisma.

use super::default_numbers::{decimal, integer};
use migrate_core::schema::{DefaultValue, Literal, ScalarType, TypeFamily};

/// `None` for `DEFAULT NULL`, which is no default (as Prisma reads it).
pub(super) fn default_value(text: &str, family: &TypeFamily) -> Option<DefaultValue> {
    if text.eq_ignore_ascii_case("NULL") {
        return None;
    }
    let constant = match family {
        TypeFamily::Scalar(scalar) => constant(text, *scalar),
        TypeFamily::Enum(_) | TypeFamily::Unsupported => None,
    };
    Some(match constant {
        Some(default) => default,
        None => DefaultValue::Expression(text.to_string()),
    })
}

/// What a default of `scalar`'s family means, unless it is an expression.
fn constant(text: &str, scalar: ScalarType) -> Option<DefaultValue> {
    let literal = |l| Some(DefaultValue::Literal(l));
    match scalar {
        ScalarType::Int | ScalarType::BigInt => literal(Literal::Number(integer(text)?.to_string())),
        ScalarType::Float | ScalarType::Decimal => literal(Literal::Number(decimal(text)?)),
        ScalarType::Boolean => literal(Literal::Boolean(truth(text)?)),
        ScalarType::String => literal(string_constant(text)?),
        ScalarType::DateTime => is_now(text).then_some(DefaultValue::Now),
        ScalarType::Json => literal(Literal::Json(json(text)?)),
        ScalarType::Bytes => None,
    }
}

/// `0`/`1` as integers, then `true`/`false` in any case.
fn truth(text: &str) -> Option<bool> {
    match integer(text) {
        Some(0) => Some(false),
        Some(1) => Some(true),
        _ if text.eq_ignore_ascii_case("true") => Some(true),
        _ if text.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// A string; a number or a bare word (`DEFAULT abc`, which SQLite takes
/// as a string) as its text, as Prisma writes them. A keyword (`TRUE`,
/// `CURRENT_DATE`) is an expression.
fn string_constant(text: &str) -> Option<Literal> {
    let string = string_literal(text, '\'').or_else(|| string_literal(text, '"'));
    let as_written = crate::dialect::default::is_signed_number(text) || is_bare_word(text);
    string
        .or_else(|| as_written.then(|| text.to_string()))
        .map(Literal::String)
}

fn is_bare_word(text: &str) -> bool {
    let word = text.chars().all(|c| c.is_alphanumeric() || c == '_') && text.starts_with(|c: char| c.is_alphabetic());
    word && !crate::dialect::default::is_keyword_literal(text)
}

/// The three spellings of the current time Prisma reads as `now()`.
fn is_now(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["current_timestamp", "datetime('now')", "datetime('now', 'localtime')"].contains(&lower.as_str())
}

/// A JSON document: bare (`0`, `true`), or the text of one string.
fn json(text: &str) -> Option<String> {
    let document = string_literal(text, '\'').unwrap_or_else(|| text.to_string());
    serde_json::from_str::<serde_json::Value>(&document)
        .is_ok()
        .then_some(document)
}

/// The value of exactly one `quote`d literal, doubled quotes unescaped
/// (SQLite reads a `"..."` as a string where no column has that name).
fn string_literal(text: &str, quote: char) -> Option<String> {
    let inner = text.strip_prefix(quote)?.strip_suffix(quote)?;
    let doubled = format!("{quote}{quote}");
    (!inner.replace(&doubled, "").contains(quote)).then(|| inner.replace(&doubled, &quote.to_string()))
}

#[cfg(test)]
mod tests;
