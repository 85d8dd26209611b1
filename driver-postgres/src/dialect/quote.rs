//! Identifier quoting and string-literal escaping: the only place SQL text is
//! built from names and user strings.

/// `"name"`, with `"` doubled.
pub(crate) fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `'text'`, with `'` doubled. PostgreSQL's `standard_conforming_strings`
/// (on by default since 9.1) keeps backslashes literal.
pub(crate) fn quote_str(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// `"a", "b"`: quoted identifiers joined by `separator`.
pub(crate) fn ident_list<'a>(names: impl IntoIterator<Item = &'a str>, separator: &str) -> String {
    names.into_iter().map(quote_ident).collect::<Vec<_>>().join(separator)
}

/// Whether `name` reads the same unquoted: lowercase ASCII letters, digits
/// and `_`, not starting with a digit. (Callers use it for generated names
/// that end in a suffix such as `_seq`, so keywords cannot occur.)
pub(crate) fn is_plain_identifier(name: &str) -> bool {
    let mut bytes = name.bytes();
    let first_ok = bytes.next().is_some_and(|b| b.is_ascii_lowercase() || b == b'_');
    first_ok && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_double_their_quotes() {
        assert_eq!(quote_ident("User"), r#""User""#);
        assert_eq!(quote_ident(r#"we"ird"#), r#""we""ird""#);
    }

    #[test]
    fn strings_double_their_quotes() {
        assert_eq!(quote_str("USER"), "'USER'");
        assert_eq!(quote_str("it's"), "'it''s'");
        assert_eq!(quote_str(r"back\slash"), r"'back\slash'");
    }

    #[test]
    fn lists_use_the_separator() {
        assert_eq!(ident_list(["a", "b"], ", "), r#""a", "b""#);
        assert_eq!(ident_list(["a", "b"], ","), r#""a","b""#);
        assert_eq!(ident_list([], ", "), "");
    }

    #[test]
    fn plain_identifiers() {
        assert!(is_plain_identifier("user_id_seq"));
        assert!(is_plain_identifier("_x1"));
        assert!(!is_plain_identifier("User_id_seq"));
        assert!(!is_plain_identifier("1x"));
        assert!(!is_plain_identifier("a b"));
        assert!(!is_plain_identifier(""));
    }
}
