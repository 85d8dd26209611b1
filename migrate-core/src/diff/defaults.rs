//! Column defaults compared as the database holds them: by their text, a
//! number by its value, an expression without outer parentheses, case and
//! blanks.

use crate::schema::{DefaultValue, Literal};

/// Defaults compare by their text: an enum value, a JSON document and a
/// string with the same text are the same default in the database.
pub fn same_default(a: Option<&DefaultValue>, b: Option<&DefaultValue>) -> bool {
    match (a, b) {
        (Some(DefaultValue::Literal(x)), Some(DefaultValue::Literal(y))) => literal_text(x) == literal_text(y),
        (Some(DefaultValue::List(x)), Some(DefaultValue::List(y))) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| literal_text(x) == literal_text(y))
        }
        (Some(DefaultValue::Expression(x)), Some(DefaultValue::Expression(y))) => {
            normalize_expression(x) == normalize_expression(y)
        }
        _ => a == b,
    }
}

fn literal_text(l: &Literal) -> String {
    match l {
        Literal::String(s) | Literal::EnumValue(s) | Literal::Json(s) => s.clone(),
        Literal::Number(n) => crate::schema::canonical_number(n),
        Literal::Bytes(h) => h.to_ascii_lowercase(),
        Literal::Boolean(b) => b.to_string(),
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
