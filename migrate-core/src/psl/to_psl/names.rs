//! Names in the schema from names in the database: an identifier is kept
//! as it is; anything else is cleaned up the way Prisma does (leading
//! characters that are not letters dropped, other invalid characters turned
//! into `_`) and the original is kept with `@map` / `@@map`.

use std::collections::HashSet;

/// Type names a model or enum cannot take: the built-in types (Prisma
/// itself prints them unchanged, a schema its validator then rejects), and
/// the names Prisma reserves ([`crate::psl::reserved::RESERVED_NAMES`]).
const BUILT_IN_TYPES: [&str; 9] = [
    "String", "Boolean", "Int", "BigInt", "Float", "Decimal", "DateTime", "Json", "Bytes",
];

fn is_reserved_type_name(name: &str) -> bool {
    BUILT_IN_TYPES.contains(&name) || crate::psl::reserved::is_reserved(name)
}

/// `name` made an identifier; empty when it holds no letter at all.
pub(super) fn sanitize(name: &str) -> String {
    let start = name.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(name.len());
    replace_invalid(&name[start..])
}

fn replace_invalid(name: &str) -> String {
    let valid = |c: char| c.is_ascii_alphanumeric() || c == '_';
    name.chars().map(|c| if valid(c) { c } else { '_' }).collect()
}

/// The name of a model or enum for a database object called `db_name`;
/// a reserved name becomes `Renamed<name>`.
pub(super) fn type_name(db_name: &str) -> String {
    let name = non_empty(sanitize(db_name), "Model", db_name);
    if is_reserved_type_name(&name) {
        format!("Renamed{name}")
    } else {
        name
    }
}

/// Whether the model or enum for `db_name` is renamed for a reserved name.
pub(super) fn is_reserved(db_name: &str) -> bool {
    is_reserved_type_name(&non_empty(sanitize(db_name), "Model", db_name))
}

/// The name of a field for a column called `db_name`.
pub(super) fn field_name(db_name: &str) -> String {
    non_empty(sanitize(db_name), "field", db_name)
}

/// The name of an enum value stored as `db_name`.
pub(super) fn value_name(db_name: &str) -> String {
    if db_name.is_empty() {
        return "EMPTY_ENUM_VALUE".to_string();
    }
    non_empty(sanitize(db_name), "VALUE", db_name)
}

/// `name`, or `{prefix}_{db_name}` cleaned up when `name` is empty (a
/// database name without a letter: `123`).
fn non_empty(name: String, prefix: &str, db_name: &str) -> String {
    if name.is_empty() {
        format!("{prefix}_{}", replace_invalid(db_name))
    } else {
        name
    }
}

/// Names taken in one scope (top-level types, or one block's members).
#[derive(Debug, Default)]
pub(super) struct Taken(HashSet<String>);

impl Taken {
    /// Takes `name` if it is free, else the first free `name_2`, `name_3`...
    pub(super) fn claim(&mut self, name: &str) -> String {
        let mut candidate = name.to_string();
        let mut n = 2;
        while self.0.contains(&candidate) {
            candidate = format!("{name}_{n}");
            n += 1;
        }
        self.0.insert(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizing_drops_leading_non_letters_and_replaces_the_rest() {
        assert_eq!(sanitize("_PostToTag"), "PostToTag");
        assert_eq!(sanitize("2fa codes"), "fa_codes");
        assert_eq!(sanitize("e-mail"), "e_mail");
        assert_eq!(sanitize("123"), "");
    }

    #[test]
    fn type_names_avoid_built_in_types_and_emptiness() {
        assert_eq!(type_name("users"), "users");
        assert_eq!(type_name("String"), "RenamedString");
        assert_eq!(type_name("await"), "Renamedawait");
        assert_eq!(type_name("Await"), "Await");
        assert_eq!(
            type_name("Unsupported"),
            "Unsupported",
            "kept, as Prisma 6.19.3 keeps it"
        );
        assert_eq!(type_name("1 2"), "Model_1_2");
        assert_eq!(field_name("42"), "field_42");
        assert_eq!(value_name(""), "EMPTY_ENUM_VALUE");
        assert_eq!(value_name("in progress"), "in_progress");
    }

    #[test]
    fn claiming_suffixes_taken_names() {
        let mut taken = Taken::default();
        assert_eq!(taken.claim("a"), "a");
        assert_eq!(taken.claim("a"), "a_2");
        assert_eq!(taken.claim("a"), "a_3");
    }
}
