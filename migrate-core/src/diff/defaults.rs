//! Column defaults compared as the database holds them: by their text, a
//! number by its value, a date-time by its instant, an expression without outer parentheses, case and
//! blanks.

use crate::schema::{array_text, same_instant, DefaultValue, Literal};

/// Defaults compare by their text: an enum value, a JSON document and a
/// string with the same text are the same default in the database. A
/// target (`b`) that leaves the default to the database (`dbgenerated()`)
/// is the same as any; moving away from one is a change (to the new
/// default, or dropping it), as Prisma 6.19.3 diffs two schema files. A
/// generated column's expression is the same as any default but another
/// generation expression (see [`DefaultValue::Generated`]).
pub fn same_default(a: Option<&DefaultValue>, b: Option<&DefaultValue>) -> bool {
    if b.is_some_and(DefaultValue::left_to_database) {
        return true;
    }
    match (a, b) {
        (Some(DefaultValue::Generated(x)), Some(DefaultValue::Generated(y))) => same_default(Some(x), Some(y)),
        (Some(DefaultValue::Generated(_)), _) | (_, Some(DefaultValue::Generated(_))) => true,
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
        (Some(DefaultValue::List(items)), Some(DefaultValue::Expression(e)))
        | (Some(DefaultValue::Expression(e)), Some(DefaultValue::List(items))) => {
            if let Some(text) = quoted_constant(e) {
                return array_text::elements(&text).is_some_and(|elements| {
                    elements.len() == items.len()
                        && elements
                            .iter()
                            .zip(items)
                            .all(|(element, item)| element.as_deref() == Some(literal_text(item).as_str()))
                });
            }
            array_elements(e).is_some_and(|elements| {
                elements.len() == items.len()
                    && elements.into_iter().zip(items).all(|(element, item)| {
                        same_default(
                            Some(&DefaultValue::Expression(without_casts(element).to_string())),
                            Some(&DefaultValue::Literal(item.clone())),
                        )
                    })
            })
        }
        (Some(DefaultValue::Expression(x)), Some(DefaultValue::Expression(y))) => {
            normalize_expression(x) == normalize_expression(y)
        }
        _ => a == b,
    }
}

/// Whether two defaults of a `Json` column are one document, as Prisma
/// 6.19.3 compares them: both constants that parse as JSON are the same
/// when their values are (`{"a":1}` and `{ "a" : 1 }`: a `json` column keeps
/// the text as written, where `jsonb` prints its own), and a constant that is
/// no JSON is no change. `None` where either is no constant (no default, an
/// expression, `dbgenerated()`): [`same_default`] decides.
pub fn same_json_default(a: Option<&DefaultValue>, b: Option<&DefaultValue>) -> Option<bool> {
    let (a, b) = (constant_text(a?)?, constant_text(b?)?);
    let parse = |text: &str| serde_json::from_str::<serde_json::Value>(text).ok();
    Some(match (parse(&a), parse(&b)) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    })
}

/// The text of a constant default: a literal's, or that of an expression
/// that is one quoted string.
fn constant_text(d: &DefaultValue) -> Option<String> {
    match d {
        DefaultValue::Literal(l) => Some(literal_text(l)),
        DefaultValue::Expression(e) => quoted_constant(e),
        DefaultValue::Now | DefaultValue::List(_) | DefaultValue::Generated(_) => None,
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
    let cast = rest.strip_prefix("::").is_some_and(is_type_name);
    (rest.is_empty() || cast).then_some(text)
}

/// The elements of an `ARRAY[...]` expression, optionally cast as a whole
/// (`ARRAY['2024-01-01 00:00:00'::timestamp(3) without time zone]`, as
/// PostgreSQL prints a date-time list's default and Prisma 6.19.3 pulls
/// it, or `(ARRAY[]::timestamp without time zone[])::timestamp(3) without
/// time zone[]`), each as its own expression; `None` for any other
/// expression.
fn array_elements(expression: &str) -> Option<Vec<&str>> {
    let e = expression.trim().trim_start_matches(['(', ' ']);
    let body = e.get(..6).filter(|head| head.eq_ignore_ascii_case("ARRAY["))?;
    let inner = &e[body.len()..];
    let (mut elements, mut depth, mut quoted, mut start) = (Vec::new(), 0i32, false, 0);
    for (at, c) in inner.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            _ if quoted => {}
            '(' | '[' => depth += 1,
            ')' => depth -= 1,
            ']' if depth == 0 => {
                // Only casts may follow, and the parentheses closing around them.
                let whole_cast = is_type_name(&inner[at + 1..].replace("::", " "));
                let last = inner[start..at].trim();
                if !last.is_empty() {
                    elements.push(last);
                }
                return whole_cast.then_some(elements);
            }
            ']' => depth -= 1,
            ',' if depth == 0 => {
                elements.push(inner[start..at].trim());
                start = at + 1;
            }
            _ => {}
        }
    }
    None
}

/// An expression without the casts and parentheses around it:
/// `('-2'::integer)::bigint` is `'-2'`, `(1)::bigint` is `1`.
fn without_casts(expression: &str) -> &str {
    let mut e = expression.trim();
    loop {
        if e.starts_with('(') && e.ends_with(')') && balanced(&e[1..e.len() - 1]) {
            e = e[1..e.len() - 1].trim();
            continue;
        }
        match last_top_level_cast(e) {
            Some(at) => e = e[..at].trim(),
            None => return e,
        }
    }
}

/// Where the last `::type` outside quotes and parentheses starts, when
/// only a type name follows it.
fn last_top_level_cast(e: &str) -> Option<usize> {
    let (mut depth, mut quoted, mut last) = (0i32, false, None);
    let bytes = e.as_bytes();
    for (at, &b) in bytes.iter().enumerate() {
        match b {
            b'\'' => quoted = !quoted,
            _ if quoted => {}
            b'(' => depth += 1,
            b')' => depth -= 1,
            b':' if depth == 0 && bytes.get(at + 1) == Some(&b':') && (at == 0 || bytes[at - 1] != b':') => {
                last = Some(at)
            }
            _ => {}
        }
    }
    let at = last?;
    is_type_name(&e[at + 2..]).then_some(at)
}

/// Text that can only be a type name after `::` (`timestamp(3) without
/// time zone`, `"Role"[]`, `numeric(10,2)`): no operator, quote or call.
fn is_type_name(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_ascii_alphanumeric() || " _()[],\"".contains(c))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn expression(e: &str) -> DefaultValue {
        DefaultValue::Expression(e.to_string())
    }

    fn list(items: &[Literal]) -> DefaultValue {
        DefaultValue::List(items.to_vec())
    }

    #[test]
    fn array_expressions_are_split_into_elements() {
        assert_eq!(
            array_elements("ARRAY['a, b'::text, ('x')::text]::text[]"),
            Some(vec!["'a, b'::text", "('x')::text"])
        );
        assert_eq!(
            array_elements("(ARRAY[]::timestamp without time zone[])::timestamp(3) without time zone[]"),
            Some(vec![])
        );
        assert_eq!(array_elements("ARRAY[1] || ARRAY[2]"), None);
        assert_eq!(array_elements("'{1,2}'::int[]"), None);
    }

    #[test]
    fn casts_are_taken_off() {
        assert_eq!(without_casts("('-2'::integer)::bigint"), "'-2'");
        assert_eq!(without_casts("(1)::bigint"), "1");
        assert_eq!(
            without_casts("'2024-01-01 00:00:00'::timestamp(3) without time zone"),
            "'2024-01-01 00:00:00'"
        );
        assert_eq!(without_casts("now()"), "now()");
    }

    /// Prisma 6.19.3 pulls lists PostgreSQL prints with casts as
    /// `dbgenerated("ARRAY[...]")`: the same default as the list.
    #[test]
    fn a_list_is_the_array_expression_of_its_elements() {
        let numbers = list(&[Literal::Number("1".into()), Literal::Number("-2".into())]);
        let printed = expression("ARRAY[(1)::bigint, ('-2'::integer)::bigint]");
        assert!(same_default(Some(&numbers), Some(&printed)));
        assert!(same_default(Some(&printed), Some(&numbers)));
        let other = list(&[Literal::Number("1".into()), Literal::Number("2".into())]);
        assert!(!same_default(Some(&other), Some(&printed)));
        let instants = list(&[Literal::DateTime(
            crate::schema::DateTimeDefault::parse("2024-01-01T00:00:00Z").unwrap(),
        )]);
        let at = expression("ARRAY['2024-01-01 00:00:00'::timestamp(3) without time zone]");
        assert!(same_default(Some(&instants), Some(&at)));
        let later = expression("ARRAY['2024-01-02 00:00:00'::timestamp(3) without time zone]");
        assert!(!same_default(Some(&instants), Some(&later)));
        assert!(same_default(Some(&list(&[])), Some(&expression("ARRAY[]::integer[]"))));
    }

    /// `dbgenerated()` leaves the default to the database, as Prisma 6.19.3
    /// does (prisma/prisma#14799): a generated column's expression, or no
    /// default at all, is no change; `DROP DEFAULT` fails on a generated column.
    #[test]
    fn a_default_left_to_the_database_matches_any() {
        let generated = expression("to_tsvector('english'::regconfig, title)");
        assert!(same_default(Some(&generated), Some(&expression(""))));
        assert!(same_default(None, Some(&expression(""))));
        assert!(!same_default(Some(&generated), None));
        // From `dbgenerated()` to a default of its own, or to none: a change,
        // as Prisma 6.19.3 writes it (`SET DEFAULT`, `DROP DEFAULT`).
        assert!(!same_default(Some(&expression("")), Some(&generated)));
        assert!(!same_default(Some(&expression("")), None));
    }
}
