//! Identifier quoting and literal escaping, in one place.

/// `` `name` ``, a backtick inside doubled.
pub fn quote_ident(name: &str) -> String {
    format!("`{}`", name.replace('`', "``"))
}

/// `'text'`, quotes doubled and backslashes escaped (MySQL reads `\` as an
/// escape in strings unless NO_BACKSLASH_ESCAPES is set).
pub fn quote_string(text: &str) -> String {
    format!("'{}'", text.replace('\\', "\\\\").replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_backslashes_are_escaped() {
        assert_eq!(quote_ident("we`ird"), "`we``ird`");
        assert_eq!(quote_string(r"it's \ here"), r"'it''s \\ here'");
    }
}
