//! Names in the generated languages: TypeScript property keys and string
//! literals, Rust identifiers in snake_case and UpperCamelCase with keywords escaped.

use std::collections::HashSet;

/// Whether `name` can stand unquoted as a TypeScript property name.
pub fn is_ts_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '$' => {}
        _ => return false,
    }
    chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// A TypeScript string literal in double quotes: the JSON string, which
/// JavaScript reads as written (ECMAScript 2019 on, U+2028 included).
pub fn ts_string(value: &str) -> String {
    serde_json::to_string(value).expect("a string serialises")
}

/// A property key: the name itself when it is an identifier, else quoted.
pub fn ts_key(name: &str) -> String {
    if is_ts_identifier(name) {
        name.to_string()
    } else {
        ts_string(name)
    }
}

/// Words TypeScript refuses as the name of a type alias or a `const`: its reserved
/// words (strict mode and modules included) and its predefined type names.
const TS_RESERVED: &[&str] = &[
    "any",
    "arguments",
    "await",
    "bigint",
    "boolean",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "eval",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "implements",
    "import",
    "in",
    "instanceof",
    "interface",
    "let",
    "never",
    "new",
    "null",
    "number",
    "object",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "static",
    "string",
    "super",
    "switch",
    "symbol",
    "this",
    "throw",
    "true",
    "try",
    "type",
    "typeof",
    "undefined",
    "unknown",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

/// A TypeScript identifier for a type named `name` in the schema: the name itself
/// when TypeScript takes it (always, for the names Prisma accepts), else with
/// invalid characters as `_`, a `_` before a leading digit, and a `_` after a reserved word.
pub fn ts_type_ident(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '$' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    if TS_RESERVED.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// `base`, or `base` with `_` appended until it is not in `taken`; the result is taken.
pub fn fresh(base: String, taken: &mut HashSet<String>) -> String {
    let mut name = base;
    while taken.contains(&name) {
        name.push('_');
    }
    taken.insert(name.clone());
    name
}

/// A Rust string literal.
pub fn rust_string(value: &str) -> String {
    format!("{value:?}")
}

/// Words splitting a name at `_`, `-`, spaces, and case changes:
/// `createdAt` → created, at; `HTTPStatus` → http, status; `field2Name` → field2, name.
fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        if c.is_uppercase() && !current.is_empty() {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            // aB → a|B; ABc → A|Bc; 2B → 2|B
            if prev.is_lowercase() || prev.is_numeric() || (prev.is_uppercase() && next_lower) {
                words.push(std::mem::take(&mut current));
            }
        }
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `createdAt` → `created_at`.
pub fn snake_case(name: &str) -> String {
    words(name).join("_")
}

/// `IN_PROGRESS` → `InProgress`, `admin` → `Admin`.
pub fn upper_camel_case(name: &str) -> String {
    words(name)
        .iter()
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect()
}

/// Rust's strict and reserved keywords (2021 edition), which need `r#`.
const RUST_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn", "else", "enum",
    "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod", "move",
    "mut", "override", "priv", "pub", "ref", "return", "static", "struct", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// A Rust identifier for `name`: keywords as raw identifiers (`r#type`); the
/// keywords that cannot be raw (`self`, `Self`, `super`, `crate`, `_`) get a `_` suffix,
/// and a name starting with a digit a `_` prefix.
pub fn rust_ident(name: &str) -> String {
    match name {
        "self" | "Self" | "super" | "crate" | "_" | "" => format!("{name}_"),
        n if n.starts_with(|c: char| c.is_ascii_digit()) => format!("_{n}"),
        n if RUST_KEYWORDS.contains(&n) => format!("r#{n}"),
        n => n.to_string(),
    }
}

/// Whether a name is usable as a Rust identifier after [`rust_ident`]:
/// ASCII letters, digits and `_` only.
pub fn is_plain_ascii(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Rust's primitive types, which a type of the same name would shadow.
const RUST_PRIMITIVES: &[&str] = &[
    "bool", "char", "str", "f32", "f64", "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128",
    "usize",
];

/// `name` as a Rust identifier with no case change: characters other than ASCII
/// letters, digits and `_` (a `-` in a Prisma name) as `_`, a primitive type's
/// name with a `_` suffix, keywords escaped as by [`rust_ident`].
pub fn rust_ident_as_written(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' })
        .collect();
    if RUST_PRIMITIVES.contains(&out.as_str()) {
        out.push('_');
    }
    rust_ident(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_splits_where_a_reader_would() {
        assert_eq!(snake_case("createdAt"), "created_at");
        assert_eq!(snake_case("HTTPStatus"), "http_status");
        assert_eq!(snake_case("userID"), "user_id");
        assert_eq!(snake_case("field2Name"), "field2_name");
        assert_eq!(snake_case("already_snake"), "already_snake");
        assert_eq!(snake_case("providerAccountId"), "provider_account_id");
        assert_eq!(snake_case("A"), "a");
    }

    #[test]
    fn upper_camel_case_of_enum_values() {
        assert_eq!(upper_camel_case("IN_PROGRESS"), "InProgress");
        assert_eq!(upper_camel_case("USER"), "User");
        assert_eq!(upper_camel_case("admin"), "Admin");
        assert_eq!(upper_camel_case("v2"), "V2");
    }

    #[test]
    fn keywords_are_escaped() {
        assert_eq!(rust_ident("type"), "r#type");
        assert_eq!(rust_ident("self"), "self_");
        assert_eq!(rust_ident("Self"), "Self_");
        assert_eq!(rust_ident("1st"), "_1st");
        assert_eq!(rust_ident("name"), "name");
    }

    #[test]
    fn names_as_written_are_made_identifiers() {
        assert_eq!(rust_ident_as_written("two-three"), "two_three");
        assert_eq!(rust_ident_as_written("i32"), "i32_");
        assert_eq!(rust_ident_as_written("type"), "r#type");
        assert_eq!(rust_ident_as_written("fooBar"), "fooBar");
        assert_eq!(ts_type_ident("Date"), "Date");
        assert_eq!(ts_type_ident("my-model"), "my_model");
        assert_eq!(ts_type_ident("class"), "class_");
        assert_eq!(ts_type_ident("9lives"), "_9lives");
        let mut taken = HashSet::from(["DB".to_string(), "DB_".to_string()]);
        assert_eq!(fresh("DB".into(), &mut taken), "DB__");
        assert_eq!(fresh("Other".into(), &mut taken), "Other");
        assert!(taken.contains("Other"));
    }

    #[test]
    fn typescript_keys_are_quoted_when_needed() {
        assert_eq!(ts_key("name"), "name");
        assert_eq!(ts_key("first name"), "\"first name\"");
        assert_eq!(ts_key("2fa"), "\"2fa\"");
        assert_eq!(ts_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
    }
}
