//! Identifier quoting and string-literal escaping: the only place SQL text is
//! built from names and user strings.

/// `"name"`, with `"` doubled.
pub(crate) fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `'text'`, with `'` doubled.
pub(crate) fn quote_str(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// `"a", "b"`: a comma-separated list of quoted identifiers.
pub(crate) fn ident_list<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names.into_iter().map(quote_ident).collect::<Vec<_>>().join(", ")
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
        assert_eq!(quote_str(r#"a"b"#), r#"'a"b'"#);
    }

    #[test]
    fn lists_are_comma_separated() {
        assert_eq!(ident_list(["a", "b"]), r#""a", "b""#);
        assert_eq!(ident_list([]), "");
    }
}
