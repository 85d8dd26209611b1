//! Names Prisma reserves for models, views and enums: its client's
//! `PrismaClient` and JavaScript's reserved words (compared with case:
//! `Class` is a fine name). Asked of Prisma 6.19.3 name by name; names such
//! as `Prisma`, `static` or `string` are not reserved.

/// The reserved names, sorted.
pub const RESERVED_NAMES: [&str; 47] = [
    "PrismaClient",
    "async",
    "await",
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
    "new",
    "null",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

/// Whether a model, view or enum may not be called `name`.
pub fn is_reserved(name: &str) -> bool {
    RESERVED_NAMES.binary_search(&name).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_and_case_sensitive() {
        assert!(RESERVED_NAMES.windows(2).all(|w| w[0] < w[1]));
        assert!(is_reserved("class") && is_reserved("PrismaClient"));
        assert!(!is_reserved("Class") && !is_reserved("Prisma") && !is_reserved("static"));
    }
}
