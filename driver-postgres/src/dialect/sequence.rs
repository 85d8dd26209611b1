//! The sequence behind an auto-increment column, for the alterations that
//! add or remove auto-increment on an existing column.
//!
//! `SERIAL` names its sequence `<table>_<column>_seq`, shortening the longer
//! of the two names until the whole fits in 63 bytes. Adding auto-increment
//! creates a sequence of that name. Removing it drops the sequence the
//! introspected column draws from ([`Column::sequence`]), whatever made it
//! (Prisma 6.19.3 creates `group_id_seq` for `"Group"`), and `SERIAL`'s
//! name for a column of a schema file, which names none. (Prisma writes
//! the name it creates lowercased and bare, which fails for
//! `"order item"`; and `DROP SEQUENCE ""` for a schema file's column.)
//!
//! [`Column::sequence`]: migrate_core::schema::Column::sequence

use super::quote::{is_plain_identifier, quote_ident, quote_in, quote_str, quote_table};
use migrate_core::schema::TableName;

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

/// How statements refer to the sequence `name` of `table`: bare when that
/// reads the same (as Prisma writes it), else quoted; in the table's
/// database schema (`"auth".s`, as Prisma 6.19.3 writes it), since a
/// sequence owned by a column must be in its table's schema.
fn reference(table: &TableName, name: &str) -> String {
    let bare = match is_plain_identifier(name) {
        true => name.to_string(),
        false => quote_ident(name),
    };
    match &table.namespace {
        Some(ns) => format!("{}.{bare}", quote_ident(ns)),
        None => bare,
    }
}

/// `CREATE SEQUENCE s`, before the `ALTER TABLE`.
pub(crate) fn create(table: &TableName, name: &str) -> String {
    format!("CREATE SEQUENCE {}", reference(table, name))
}

/// `nextval('s')`, the column's new default.
pub(crate) fn next_value(table: &TableName, name: &str) -> String {
    format!("nextval({})", quote_str(&reference(table, name)))
}

/// `ALTER SEQUENCE s OWNED BY "T"."c"`, after the `ALTER TABLE`: the
/// sequence goes when the column goes, as with `SERIAL`.
pub(crate) fn owned_by(table: &TableName, name: &str, column: &str) -> String {
    format!(
        "ALTER SEQUENCE {} OWNED BY {}.{}",
        reference(table, name),
        quote_table(table),
        quote_ident(column)
    )
}

/// `ALTER SEQUENCE s AS BIGINT`, after the column's type changed: the
/// sequence's bounds follow its type where they were the old type's.
pub(crate) fn retype(table: &TableName, name: &str, ty: &str) -> String {
    format!("ALTER SEQUENCE {} AS {ty}", reference(table, name))
}

/// `DROP SEQUENCE "s"`, after the default that used it is gone; in the
/// table's schema (Prisma 6.19.3 leaves the schema out there, and the drop
/// fails outside the session's schema).
pub(crate) fn drop(table: &TableName, name: &str) -> String {
    format!("DROP SEQUENCE {}", quote_in(table.namespace.as_deref(), name))
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
        let t = TableName::unqualified("User");
        assert_eq!(next_value(&t, "user_id_seq"), "nextval('user_id_seq')");
        assert_eq!(next_value(&t, "User_id_seq"), r#"nextval('"User_id_seq"')"#);
        assert_eq!(create(&t, "it's_seq"), r#"CREATE SEQUENCE "it's_seq""#);
        assert_eq!(next_value(&t, "it's_seq"), r#"nextval('"it''s_seq"')"#);
    }

    #[test]
    fn a_sequence_is_in_its_tables_schema() {
        let t = TableName {
            namespace: Some("auth".into()),
            name: "session".into(),
        };
        assert_eq!(create(&t, "session_id_seq"), r#"CREATE SEQUENCE "auth".session_id_seq"#);
        assert_eq!(next_value(&t, "session_id_seq"), r#"nextval('"auth".session_id_seq')"#);
        assert_eq!(
            owned_by(&t, "session_id_seq", "id"),
            r#"ALTER SEQUENCE "auth".session_id_seq OWNED BY "auth"."session"."id""#
        );
        assert_eq!(drop(&t, "session_id_seq"), r#"DROP SEQUENCE "auth"."session_id_seq""#);
    }
}
