//! The syntax tree of a Prisma schema file. It keeps everything the formatter
//! needs to write the file back: comments, blank lines and member order.

use super::diagnostics::Span;

#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// A parsed `.prisma` file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SchemaFile {
    pub items: Vec<TopItem>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TopItem {
    Block(Block),
    /// A comment between blocks, as written: `// x`, `/// x` (documenting
    /// nothing) or `/* x */` (which may span lines).
    Comment(String),
    /// A blank line between blocks (runs are collapsed to one).
    Blank,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Datasource,
    Generator,
    Model,
    View,
    Enum,
    /// `type`: composite types, MongoDB only.
    Type,
}

impl BlockKind {
    pub fn keyword(self) -> &'static str {
        match self {
            BlockKind::Datasource => "datasource",
            BlockKind::Generator => "generator",
            BlockKind::Model => "model",
            BlockKind::View => "view",
            BlockKind::Enum => "enum",
            BlockKind::Type => "type",
        }
    }
}

/// A `keyword Name { ... }` block. Members depend on the kind: properties for
/// datasources and generators, fields for models/views/types, values for enums;
/// block attributes, comments and blank lines for all.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    pub name: Ident,
    /// `///` lines just above the block, without the slashes.
    pub doc: Vec<String>,
    pub members: Vec<Member>,
    pub span: Span,
}

impl Block {
    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.members.iter().filter_map(|m| match m {
            Member::Field(f) => Some(f),
            _ => None,
        })
    }

    pub fn properties(&self) -> impl Iterator<Item = &Property> {
        self.members.iter().filter_map(|m| match m {
            Member::Property(p) => Some(p),
            _ => None,
        })
    }

    pub fn values(&self) -> impl Iterator<Item = &EnumValue> {
        self.members.iter().filter_map(|m| match m {
            Member::Value(v) => Some(v),
            _ => None,
        })
    }

    pub fn attributes(&self) -> impl Iterator<Item = &Attribute> {
        self.members.iter().filter_map(|m| match m {
            Member::Attribute(a) => Some(a),
            _ => None,
        })
    }

    pub fn property(&self, key: &str) -> Option<&Property> {
        self.properties().find(|p| p.key.name == key)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Member {
    Field(Field),
    Property(Property),
    Value(EnumValue),
    /// `@@name(...)` inside a block.
    Attribute(Attribute),
    /// A comment line, as written: `// x`, `/// x` (documenting nothing) or
    /// `/* x */` (which may span lines).
    Comment(String),
    Blank,
}

/// `key = value` in a datasource or generator.
#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    pub key: Ident,
    pub value: Expr,
    pub doc: Vec<String>,
    pub comment: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: Ident,
    pub ty: FieldTypeExpr,
    pub arity: Arity,
    pub attributes: Vec<Attribute>,
    pub doc: Vec<String>,
    /// The comments at the end of the line, as written (`// x`, `/* x */`).
    pub comment: Option<String>,
    pub span: Span,
}

impl Field {
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name.name == name)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum FieldTypeExpr {
    Named(Ident),
    /// `Unsupported("...")`
    Unsupported(StringLit, Span),
}

impl FieldTypeExpr {
    pub fn span(&self) -> Span {
        match self {
            FieldTypeExpr::Named(i) => i.span,
            FieldTypeExpr::Unsupported(_, s) => *s,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Arity {
    Required,
    Optional,
    List,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    pub name: Ident,
    pub attributes: Vec<Attribute>,
    pub doc: Vec<String>,
    pub comment: Option<String>,
    pub span: Span,
}

/// `@name(args)` on a field or enum value, `@@name(args)` on a block. The
/// name holds dots for namespaced attributes (`db.VarChar`).
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    pub name: Ident,
    pub args: Vec<Arg>,
    /// Whether the attribute was written with parentheses.
    pub parens: bool,
    pub span: Span,
}

impl Attribute {
    /// The argument named `name`, or else the first unnamed one when `name`
    /// is the attribute's default argument.
    pub fn arg(&self, name: &str) -> Option<&Expr> {
        self.args
            .iter()
            .find(|a| a.name.as_ref().is_some_and(|n| n.name == name))
            .map(|a| &a.value)
    }

    pub fn positional(&self, index: usize) -> Option<&Expr> {
        self.args
            .iter()
            .filter(|a| a.name.is_none())
            .nth(index)
            .map(|a| &a.value)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Arg {
    pub name: Option<Ident>,
    pub value: Expr,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StringLit {
    /// The value with escapes resolved.
    pub value: String,
    /// The text between the quotes, as written.
    pub raw: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    String(StringLit, Span),
    /// Kept as written: `1`, `-2.5`, `1e3`.
    Number(String, Span),
    /// A bare word: `true`, `Cascade`, a field or enum value name, `a.b`.
    Ident(Ident),
    /// `name(args)`: `env("X")`, `now()`, `b(sort: Desc)`.
    Call(Ident, Vec<Arg>, Span),
    Array(Vec<Expr>, Span),
}

impl Expr {
    pub fn span(&self) -> Span {
        match self {
            Expr::String(_, s) | Expr::Number(_, s) | Expr::Call(_, _, s) | Expr::Array(_, s) => *s,
            Expr::Ident(i) => i.span,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Expr::String(s, _) => Some(&s.value),
            _ => None,
        }
    }

    pub fn as_ident(&self) -> Option<&str> {
        match self {
            Expr::Ident(i) => Some(&i.name),
            _ => None,
        }
    }

    /// A short description for error messages.
    pub fn describe(&self) -> &'static str {
        match self {
            Expr::String(..) => "a string",
            Expr::Number(..) => "a number",
            Expr::Ident(..) => "a constant",
            Expr::Call(..) => "a function",
            Expr::Array(..) => "a list",
        }
    }
}
