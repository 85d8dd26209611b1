//! Column defaults compared as the database holds them: by their text, a
//! number by its value, a date-time by its instant, an expression without outer parentheses, case and
//! blanks.

use crate::schema::{same_instant, DefaultValue, Literal};

/// Defaults compare by their text: an enum value, a JSON document and a
/// string with the same text are the same default in the database.
pub fn same_default(a: Option<&DefaultValue>, b: Option<&DefaultValue>) -> bool {
    match (a, b) {
        (Some(DefaultValue::Literal(Literal::DateTime(d))), Some(other))
        | (Some(other), Some(DefaultValue::Literal(Literal::DateTime(d)))) => {
            constant_text(other).is_some_and(|text| same_instant(d.as_str(), &text))
        }
        (Some(DefaultValue::Literal(x)), Some(DefaultValue::Literal(y))) => literal_text(x) == literal_text(y),
        (Some(DefaultValue::Literal(x)), Some(DefaultValue::Expression(e)))
        | (Some(DefaultValue::Expression(e)), Some(DefaultValue::Literal(x))) => {
            quoted_constant(e).is_some_and(|text| text == literal_text(x)) || bare_constant(e, x)
        }
        (Some(DefaultValue::List(x)), Some(DefaultValue::List(y))) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| literal_text(x) == literal_text(y))
        }
        (Some(DefaultValue::Expression(x)), Some(DefaultValue::Expression(y))) => {
            normalize_expression(x) == normalize_expression(y)
        }
        _ => a == b,
    }
}

/// The text of a constant default: a literal's, or that of an expression
/// that is one quoted string.
fn constant_text(d: &DefaultValue) -> Option<String> {
    match d {
        DefaultValue::Literal(l) => Some(literal_text(l)),
        DefaultValue::Expression(e) => quoted_constant(e),
        DefaultValue::Now | DefaultValue::List(_) => None,
    }
}

/// An expression that is a bare number or truth value, as the literal is:
/// Prisma 6.19.3 pulls a SQLite `INT(11) DEFAULT 0` or `bool DEFAULT 0` as
/// `@default(dbgenerated("0"))`, which the database reads back as `0`, and
/// `false` for a `bool` (`0` and `1` are SQLite's and MySQL's truth values).
fn bare_constant(expression: &str, literal: &Literal) -> bool {
    let e = normalize_expression(expression);
    match literal {
        Literal::Number(n) => {
            let numeric = e
                .trim_start_matches(['-', '+'])
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.');
            numeric && !e.is_empty() && crate::schema::canonical_number(&e) == crate::schema::canonical_number(n)
        }
        Literal::Boolean(b) => matches!((e.as_str(), b), ("0" | "false", false) | ("1" | "true", true)),
        _ => false,
    }
}

/// The value of an expression that is one `'...'` string (`''` unescaped),
/// optionally cast as PostgreSQL prints it (`'x'::timestamp without time
/// zone`): `dbgenerated("'x'")` is the constant `x` in the database.
fn quoted_constant(expression: &str) -> Option<String> {
    let mut text = String::new();
    let mut chars = expression.trim().trim_start_matches('(').chars();
    if chars.next()? != '\'' {
        return None;
    }
    loop {
        match chars.next()? {
            '\'' if chars.clone().next() == Some('\'') => {
                chars.next();
                text.push('\'');
            }
            '\'' => break,
            c => text.push(c),
        }
    }
    let rest: String = chars.collect();
    let rest = rest.trim_end_matches(')').trim();
    let cast = rest.strip_prefix("::").is_some_and(|t| {
        t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '_' | '(' | ')' | ',' | '"'))
    });
    (rest.is_empty() || cast).then_some(text)
}

fn literal_text(l: &Literal) -> String {
    match l {
        Literal::String(s) | Literal::EnumValue(s) | Literal::Json(s) => s.clone(),
        Literal::Number(n) => crate::schema::canonical_number(n),
        Literal::Bytes(h) => h.to_ascii_lowercase(),
        Literal::Boolean(b) => b.to_string(),
        Literal::DateTime(d) => d.as_str().to_string(),
    }
}

/// Expressions compare without outer parentheses, case and blanks.
fn normalize_expression(e: &str) -> String {
    let mut s = e.trim();
    while s.starts_with('(') && s.ends_with(')') && balanced(&s[1..s.len() - 1]) {
        s = s[1..s.len() - 1].trim();
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_lowercase()
}

fn balanced(s: &str) -> bool {
    let mut depth = 0i32;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}
