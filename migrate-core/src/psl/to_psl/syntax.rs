//! Small constructors for the syntax tree: everything built here has an
//! empty span, since it comes from the database and not from a file.

use crate::psl::ast::{Arg, Arity, Attribute, Expr, Field, FieldTypeExpr, Ident, StringLit};

pub(crate) fn ident(name: impl Into<String>) -> Ident {
    Ident {
        name: name.into(),
        span: Default::default(),
    }
}

pub(crate) fn ident_expr(name: impl Into<String>) -> Expr {
    Expr::Ident(ident(name))
}

pub(crate) fn string(value: &str) -> Expr {
    Expr::String(string_lit(value), Default::default())
}

pub(crate) fn string_lit(value: &str) -> StringLit {
    StringLit {
        value: value.to_string(),
        raw: escape(value),
    }
}

pub(crate) fn number(text: impl Into<String>) -> Expr {
    Expr::Number(text.into(), Default::default())
}

pub(crate) fn call(name: &str, args: Vec<Arg>) -> Expr {
    Expr::Call(ident(name), args, Default::default())
}

pub(crate) fn array(items: Vec<Expr>) -> Expr {
    Expr::Array(items, Default::default())
}

/// `[a, b]` of identifiers.
pub(crate) fn ident_list<S: AsRef<str>>(names: &[S]) -> Expr {
    array(names.iter().map(|n| ident_expr(n.as_ref())).collect())
}

pub(crate) fn positional(value: Expr) -> Arg {
    Arg {
        name: None,
        value,
        span: Default::default(),
    }
}

pub(crate) fn named(name: &str, value: Expr) -> Arg {
    Arg {
        name: Some(ident(name)),
        value,
        span: Default::default(),
    }
}

/// `@name` (or `@@name`) without parentheses.
pub(crate) fn bare_attribute(name: &str) -> Attribute {
    Attribute {
        name: ident(name),
        args: Vec::new(),
        parens: false,
        span: Default::default(),
        comment: None,
    }
}

/// `@name(args)`, written without parentheses when there are no arguments.
pub(crate) fn attribute(name: &str, args: Vec<Arg>) -> Attribute {
    Attribute {
        name: ident(name),
        parens: !args.is_empty(),
        args,
        span: Default::default(),
        comment: None,
    }
}

pub(crate) fn field(name: &str, ty: FieldTypeExpr, arity: Arity, attributes: Vec<Attribute>) -> Field {
    Field {
        name: ident(name),
        ty,
        arity,
        attributes,
        doc: Vec::new(),
        comment: None,
        span: Default::default(),
    }
}

pub(crate) fn named_type(name: &str) -> FieldTypeExpr {
    FieldTypeExpr::Named(ident(name))
}

pub(crate) fn unsupported_type(sql: &str) -> FieldTypeExpr {
    FieldTypeExpr::Unsupported(string_lit(sql), Default::default())
}

/// The text between the quotes of a schema string holding `value`: the
/// escapes the lexer reads back.
pub(crate) fn escape(value: &str) -> String {
    let mut raw = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '"' => raw.push_str("\\\""),
            '\\' => raw.push_str("\\\\"),
            '\n' => raw.push_str("\\n"),
            '\r' => raw.push_str("\\r"),
            '\t' => raw.push_str("\\t"),
            // Other ASCII control characters as `\u001b`, as Prisma 6.19.3
            // writes them (C1 controls and the rest of Unicode as they are).
            c if c.is_ascii_control() => raw.push_str(&format!("\\u{:04x}", c as u32)),
            c => raw.push(c),
        }
    }
    raw
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::psl::lexer::{lex, Tok};

    #[test]
    fn escaped_strings_read_back_as_written() {
        for value in [
            "plain",
            "it's \"quoted\"",
            "back\\slash",
            "line\nbreak\ttab\r",
            "nul\0",
            "\u{1b}[31mred\u{7f}",
            "héllo ✓ \u{85}",
        ] {
            let text = format!("\"{}\"", escape(value));
            let toks: Vec<Tok> = lex(0, &text).into_iter().map(|t| t.tok).collect();
            assert_eq!(toks, vec![Tok::Str(value.to_string(), escape(value))], "{value:?}");
        }
    }

    #[test]
    fn ascii_control_characters_are_written_as_prisma_writes_them() {
        assert_eq!(escape("\u{1b}[1m\u{7f}\u{8}\0"), "\\u001b[1m\\u007f\\u0008\\u0000");
        assert_eq!(escape("tab\t\u{85}é"), "tab\\t\u{85}é");
    }
}
