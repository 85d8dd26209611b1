//! PostgreSQL's text form of a one-dimensional array, `{a,"b c",NULL}`, as
//! its elements. Quoted elements are unescaped (`\"`, `\\`); unquoted ones
//! are trimmed and may escape with a backslash too. Introspection reads
//! list defaults with it; the differ compares such a default written as an
//! expression (Prisma's `dbgenerated("'{a,b}'::text[]")`) with a list.

/// The elements, `None` for a NULL; `None` when `text` is not a
/// one-dimensional array (nested, with bounds, or malformed).
pub fn elements(text: &str) -> Option<Vec<Option<String>>> {
    let inner = text.trim().strip_prefix('{')?.strip_suffix('}')?;
    if inner.trim().is_empty() {
        return Some(Vec::new());
    }
    let mut elements = Vec::new();
    let mut chars = inner.chars().peekable();
    loop {
        elements.push(element(&mut chars)?);
        match chars.next() {
            Some(',') => {}
            None => return Some(elements),
            Some(_) => return None,
        }
    }
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// One element, up to (not including) the `,` after it.
fn element(chars: &mut Chars<'_>) -> Option<Option<String>> {
    while chars.next_if(|c| c.is_whitespace()).is_some() {}
    if chars.next_if_eq(&'"').is_some() {
        let value = quoted(chars)?;
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        return Some(Some(value));
    }
    let value = unquoted(chars)?;
    Some((!value.eq_ignore_ascii_case("NULL")).then_some(value))
}

/// The rest of a `"..."` element after its opening quote.
fn quoted(chars: &mut Chars<'_>) -> Option<String> {
    let mut value = String::new();
    loop {
        match chars.next()? {
            '"' => return Some(value),
            '\\' => value.push(chars.next()?),
            c => value.push(c),
        }
    }
}

/// A bare element, blanks around it trimmed. Braces and quotes must be
/// escaped inside it; an unescaped one is a nested array or malformed.
fn unquoted(chars: &mut Chars<'_>) -> Option<String> {
    let mut value = String::new();
    while let Some(&c) = chars.peek() {
        match c {
            ',' => break,
            '{' | '}' | '"' => return None,
            '\\' => {
                chars.next();
                value.push(chars.next()?);
                continue;
            }
            c => value.push(c),
        }
        chars.next();
    }
    let trimmed = value.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn some(items: &[&str]) -> Option<Vec<Option<String>>> {
        Some(items.iter().map(|s| Some(s.to_string())).collect())
    }

    #[test]
    fn bare_and_quoted_elements() {
        assert_eq!(elements("{}"), some(&[]));
        assert_eq!(elements("{ }"), some(&[]));
        assert_eq!(elements("{a,b}"), some(&["a", "b"]));
        assert_eq!(elements("{ a , b c }"), some(&["a", "b c"]));
        assert_eq!(
            elements(r#"{"a,b","q\"x","back\\slash",""}"#),
            some(&["a,b", "q\"x", "back\\slash", ""])
        );
        assert_eq!(elements(r"{a\,b}"), some(&["a,b"]));
        assert_eq!(elements("{t,f}"), some(&["t", "f"]));
    }

    #[test]
    fn nulls_are_none_and_quoted_null_is_text() {
        assert_eq!(
            elements(r#"{NULL,"NULL",null}"#),
            Some(vec![None, Some("NULL".into()), None])
        );
    }

    #[test]
    fn not_one_dimensional_arrays() {
        for text in [
            "{{1,2},{3,4}}",
            "[1:2]={1,2}",
            "{a",
            "a}",
            "{a,}",
            "{\"a\" b}",
            "{\"a}",
            "",
        ] {
            assert_eq!(elements(text), None, "{text}");
        }
    }
}
