//! Identifier quoting and string-literal escaping: the only place SQL text is
//! built from names and user strings (standard SQL's, shared with SQLite).

use migrate_core::schema::TableName;
pub(crate) use migrate_core::sql_quote::{ident_list, quote_ident, quote_str};

/// `"T"`, or `"ns"."T"` for a table outside the session's schema.
pub(crate) fn quote_table(table: &TableName) -> String {
    quote_in(table.namespace.as_deref(), &table.name)
}

/// `"name"`, or `"ns"."name"`: an object of a database schema other than
/// the session's (multiSchema).
pub(crate) fn quote_in(namespace: Option<&str>, name: &str) -> String {
    migrate_core::script::qualified(quote_ident, namespace, name)
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
    fn plain_identifiers() {
        assert!(is_plain_identifier("user_id_seq"));
        assert!(is_plain_identifier("_x1"));
        assert!(!is_plain_identifier("User_id_seq"));
        assert!(!is_plain_identifier("1x"));
        assert!(!is_plain_identifier("a b"));
        assert!(!is_plain_identifier(""));
    }
}
