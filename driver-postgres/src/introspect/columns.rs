//! One column from its catalog row.
//!
//! A column whose default draws from a sequence (`SERIAL`, `BIGSERIAL`, or
//! `nextval()` of a sequence another column owns, as an inheriting table's)
//! or that is an identity column auto-increments and has no default of its
//! own: that is how lowering represents `@default(autoincrement())`, and
//! how Prisma 6.19.3 reads every `nextval()` default. A generated column (`GENERATED ALWAYS AS
//! (...) STORED`) has its expression as [`DefaultValue::Generated`]: `db
//! pull` writes `@default(dbgenerated("(a + b)"))` as Prisma 6.19.3 does, and
//! no migration changes it (see `DefaultValue::Generated`).
//!
//! An array column reads back nullable whatever its `NOT NULL`: a list field
//! (`String[]`) has no optional form, Prisma reads every array column as a
//! list and never compares its nullability (`varchar(10)[] NOT NULL`
//! against `String[]` is no change to Prisma 6.19.3), and lowering makes a
//! list column nullable.

use super::catalog::ColumnRow;
use super::column_types::column_type;
use super::defaults::default_value;
use migrate_core::schema::{Column, DefaultValue, Sequence};

pub(super) fn column(row: ColumnRow) -> Column {
    let ty = column_type(&row);
    let serial = row.default.as_deref().is_some_and(draws_from_sequence);
    let auto_increment = serial || row.identity;
    let default = match &row.default {
        Some(text) if row.generated => Some(DefaultValue::Generated(Box::new(default_value(text, &ty)))),
        Some(text) if !auto_increment => Some(default_value(text, &ty)),
        _ => None,
    };
    Column {
        name: row.name,
        ty,
        nullable: !row.not_null || row.is_array,
        default,
        auto_increment,
        sequence: row
            .default
            .as_deref()
            .and_then(sequence_name)
            .map(|name| Sequence { name, shared: false }),
    }
}

/// The sequence a `nextval()` default draws from, unqualified and
/// unquoted: `group_id_seq` from `nextval('group_id_seq'::regclass)`,
/// `Group_id_seq` from `nextval('"Group_id_seq"'::regclass)` or
/// `nextval('auth."Group_id_seq"'::regclass)`. `None` for any other
/// default.
pub(crate) fn sequence_name(default: &str) -> Option<String> {
    if !draws_from_sequence(default) {
        return None;
    }
    let literal = default.trim_start()[8..].trim_start().strip_prefix('\'')?;
    let end = literal.find("'::").or_else(|| literal.rfind('\''))?;
    let reference = literal[..end].replace("''", "'");
    identifier_parts(&reference).pop()
}

/// The dot-separated parts of an SQL name (`a."B.c"` is `a`, `B.c`),
/// quotes removed; unquoted parts folded to lowercase, as PostgreSQL reads
/// them.
fn identifier_parts(name: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = name.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                parts.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            ('.', false) => parts.push(String::new()),
            (c, true) => parts.last_mut().unwrap().push(c),
            (c, false) => parts.last_mut().unwrap().extend(c.to_lowercase()),
        }
    }
    parts
}

/// `nextval('"T_id_seq"'::regclass)`.
pub(crate) fn draws_from_sequence(default: &str) -> bool {
    let call = default.trim_start();
    call.get(..8).is_some_and(|name| name.eq_ignore_ascii_case("nextval("))
}

#[cfg(test)]
mod tests {
    use super::sequence_name;

    #[test]
    fn sequence_names_are_read_from_nextval_defaults() {
        let name = |d: &str| sequence_name(d);
        assert_eq!(
            name("nextval('group_id_seq'::regclass)").as_deref(),
            Some("group_id_seq")
        );
        assert_eq!(
            name(r#"nextval('"Group_id_seq"'::regclass)"#).as_deref(),
            Some("Group_id_seq")
        );
        assert_eq!(
            name(r#"nextval('auth."T_id_seq"'::regclass)"#).as_deref(),
            Some("T_id_seq")
        );
        assert_eq!(name(r#"nextval('"a.b""c"'::regclass)"#).as_deref(), Some(r#"a.b"c"#));
        assert_eq!(name(r#"nextval('"it''s_seq"'::regclass)"#).as_deref(), Some("it's_seq"));
        assert_eq!(name("NEXTVAL('Mixed_Seq')").as_deref(), Some("mixed_seq"));
        assert_eq!(name("now()"), None);
    }
}
