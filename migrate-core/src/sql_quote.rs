//! Standard SQL quoting, which PostgreSQL and SQLite share: identifiers in
//! `"..."`, strings in `'...'`, each with its quote doubled. (MySQL quotes
//! identifiers with backticks and reads `\` as an escape in strings, so its
//! driver keeps its own.)

/// `"name"`, with `"` doubled.
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `'text'`, with `'` doubled and backslashes left as they are: SQLite never
/// reads `\` as an escape, nor does PostgreSQL with
/// `standard_conforming_strings` (on by default since 9.1).
pub fn quote_str(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// `"a", "b"`: quoted identifiers joined by `separator`.
pub fn ident_list<'a>(names: impl IntoIterator<Item = &'a str>, separator: &str) -> String {
    names.into_iter().map(quote_ident).collect::<Vec<_>>().join(separator)
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
        assert_eq!(quote_str(r#"a"b"#), r#"'a"b'"#);
    }

    #[test]
    fn lists_use_the_separator() {
        assert_eq!(ident_list(["a", "b"], ", "), r#""a", "b""#);
        assert_eq!(ident_list(["a", "b"], ","), r#""a","b""#);
        assert_eq!(ident_list([], ", "), "");
    }
}
