//! The sequence behind an auto-increment column, for the alterations that
//! add or remove auto-increment on an existing column.
//!
//! `SERIAL` names its sequence `<table>_<column>_seq`, shortening the longer
//! of the two names until the whole fits in 63 bytes. The column model keeps
//! no sequence name, so both directions assume that name: removing
//! auto-increment drops it, and adding auto-increment creates it, so that a
//! later removal finds it. (Prisma lowercases the name it creates; it reads
//! the real name from the column default when it drops one.)

use super::quote::{is_plain_identifier, quote_ident, quote_str};

/// PostgreSQL's longest identifier, in bytes.
const MAX_IDENTIFIER: usize = 63;

/// The name `SERIAL` gives the sequence of `table`.`column`.
pub(crate) fn serial_sequence_name(table: &str, column: &str) -> String {
    let room = MAX_IDENTIFIER - "_".len() - "_seq".len();
    let (mut a, mut b) = (table.len(), column.len());
    while a + b > room {
        if a > b {
            a -= 1;
        } else {
            b -= 1;
        }
    }
    format!("{}_{}_seq", clip(table, a), clip(column, b))
}

/// The first `max` bytes of `s`, on a char boundary.
fn clip(s: &str, max: usize) -> &str {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// How statements refer to a sequence: bare when that reads the same (as
/// Prisma writes it), else quoted.
fn reference(name: &str) -> String {
    if is_plain_identifier(name) {
        name.to_string()
    } else {
        quote_ident(name)
    }
}

/// `CREATE SEQUENCE s`, before the `ALTER TABLE`.
pub(crate) fn create(name: &str) -> String {
    format!("CREATE SEQUENCE {}", reference(name))
}

/// `nextval('s')`, the column's new default.
pub(crate) fn next_value(name: &str) -> String {
    format!("nextval({})", quote_str(&reference(name)))
}

/// `ALTER SEQUENCE s OWNED BY "T"."c"`, after the `ALTER TABLE`: the
/// sequence goes when the column goes, as with `SERIAL`.
pub(crate) fn owned_by(name: &str, table: &str, column: &str) -> String {
    format!(
        "ALTER SEQUENCE {} OWNED BY {}.{}",
        reference(name),
        quote_ident(table),
        quote_ident(column)
    )
}

/// `DROP SEQUENCE "s"`, after the default that used it is gone.
pub(crate) fn drop(name: &str) -> String {
    format!("DROP SEQUENCE {}", quote_ident(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_names() {
        assert_eq!(serial_sequence_name("User", "id"), "User_id_seq");
        let long = serial_sequence_name(&"t".repeat(70), "id");
        assert_eq!(long.len(), 63);
        assert!(long.ends_with("tt_id_seq"));
        let both = serial_sequence_name(&"a".repeat(40), &"b".repeat(40));
        assert_eq!(both, format!("{}_{}_seq", "a".repeat(29), "b".repeat(29)));
        assert!(serial_sequence_name(&"é".repeat(40), "id").len() <= 63);
    }

    #[test]
    fn references() {
        assert_eq!(next_value("user_id_seq"), "nextval('user_id_seq')");
        assert_eq!(next_value("User_id_seq"), r#"nextval('"User_id_seq"')"#);
        assert_eq!(create("it's_seq"), r#"CREATE SEQUENCE "it's_seq""#);
        assert_eq!(next_value("it's_seq"), r#"nextval('"it''s_seq"')"#);
    }
}
