//! The syntax tree of a Prisma schema file. It keeps everything the formatter
//! needs to write the file back: comments, blank lines and member order.

use super::diagnostics::Span;

/// A name as written in the file, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    /// The name as written: `User`, `db.VarChar` for a namespaced attribute.
    pub name: String,
    /// Where the name stands in its file.
    pub span: Span,
}

/// A parsed `.prisma` file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SchemaFile {
    /// The file's blocks, and the comments and blank lines between them, in file order.
    pub items: Vec<TopItem>,
}

/// What stands at the top level of a file.
#[derive(Debug, Clone, PartialEq)]
pub enum TopItem {
    /// A `keyword Name { ... }` block.
    Block(Block),
    /// A comment between blocks, as written: `// x`, `/// x` (documenting
    /// nothing) or `/* x */` (which may span lines).
    Comment(String),
    /// A blank line between blocks (runs are collapsed to one).
    Blank,
}

/// The properties of the datasource blocks among `items`, to rewrite.
pub fn datasource_properties_mut(items: &mut [TopItem]) -> impl Iterator<Item = &mut Property> {
    properties_mut(items, BlockKind::Datasource)
}

/// The properties of every block of `kind` among `items`.
pub fn properties(items: &[TopItem], kind: BlockKind) -> impl Iterator<Item = &Property> {
    items
        .iter()
        .filter_map(move |item| match item {
            TopItem::Block(block) if block.kind == kind => Some(&block.members),
            _ => None,
        })
        .flatten()
        .filter_map(|member| match member {
            Member::Property(p) => Some(p),
            _ => None,
        })
}

/// The properties of every block of `kind` among `items`, to edit in place.
pub fn properties_mut(items: &mut [TopItem], kind: BlockKind) -> impl Iterator<Item = &mut Property> {
    items
        .iter_mut()
        .filter_map(move |item| match item {
            TopItem::Block(block) if block.kind == kind => Some(&mut block.members),
            _ => None,
        })
        .flatten()
        .filter_map(|member| match member {
            Member::Property(p) => Some(p),
            _ => None,
        })
}

/// The keyword that opens a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// `datasource`: the database and its URLs.
    Datasource,
    /// `generator`: a client or other generator, run by `migrate generate`.
    Generator,
    /// `model`: a table.
    Model,
    /// `view`: a database view; parsed and kept, never migrated.
    View,
    /// `enum`: a named list of values.
    Enum,
    /// `type`: composite types, MongoDB only.
    Type,
}

impl BlockKind {
    /// The keyword as written in a schema file.
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
    /// The keyword that opens the block.
    pub kind: BlockKind,
    /// The block's name: `User` in `model User { ... }`.
    pub name: Ident,
    /// `///` lines just above the block, without the slashes.
    pub doc: Vec<String>,
    /// Everything between the braces, in file order.
    pub members: Vec<Member>,
    /// From the keyword to the closing `}`.
    pub span: Span,
}

impl Block {
    /// The fields of a model, view or type, in file order.
    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.members.iter().filter_map(|m| match m {
            Member::Field(f) => Some(f),
            _ => None,
        })
    }

    /// The `key = value` properties of a datasource or generator, in file order.
    pub fn properties(&self) -> impl Iterator<Item = &Property> {
        self.members.iter().filter_map(|m| match m {
            Member::Property(p) => Some(p),
            _ => None,
        })
    }

    /// The values of an enum, in file order.
    pub fn values(&self) -> impl Iterator<Item = &EnumValue> {
        self.members.iter().filter_map(|m| match m {
            Member::Value(v) => Some(v),
            _ => None,
        })
    }

    /// The block attributes (`@@...`), in file order.
    pub fn attributes(&self) -> impl Iterator<Item = &Attribute> {
        self.members.iter().filter_map(|m| match m {
            Member::Attribute(a) => Some(a),
            _ => None,
        })
    }

    /// The first property with this key.
    pub fn property(&self, key: &str) -> Option<&Property> {
        self.properties().find(|p| p.key.name == key)
    }
}

/// One line inside a block.
#[derive(Debug, Clone, PartialEq)]
pub enum Member {
    /// A field of a model, view or type.
    Field(Field),
    /// A property of a datasource or generator.
    Property(Property),
    /// A value of an enum.
    Value(EnumValue),
    /// `@@name(...)` inside a block.
    Attribute(Attribute),
    /// A comment line, as written: `// x`, `/// x` (documenting nothing) or
    /// `/* x */` (which may span lines).
    Comment(String),
    /// A blank line (runs are collapsed to one).
    Blank,
}

/// `key = value` in a datasource or generator.
#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    /// The key: `provider` in `provider = "postgresql"`.
    pub key: Ident,
    /// The value, as parsed.
    pub value: Expr,
    /// `///` lines just above the property, without the slashes.
    pub doc: Vec<String>,
    /// The comments at the end of the line, as written (`// x`, `/* x */`).
    pub comment: Option<String>,
    /// From the key to the end of the value.
    pub span: Span,
}

/// `name Type? @attr(...)` in a model, view or type.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The field's name as written: `email` in `email String @unique`.
    pub name: Ident,
    /// The type as written: a name, or `Unsupported("...")`.
    pub ty: FieldTypeExpr,
    /// `Type`, `Type?` or `Type[]` as written.
    pub arity: Arity,
    /// The field attributes (`@id`, `@db.VarChar(191)`...), in file order.
    pub attributes: Vec<Attribute>,
    /// `///` lines just above the field, without the slashes.
    pub doc: Vec<String>,
    /// The comments at the end of the line, as written (`// x`, `/* x */`).
    pub comment: Option<String>,
    /// From the name to the end of the last attribute (or of the type).
    pub span: Span,
}

impl Field {
    /// The first attribute with this name (without `@`): `"id"`, `"db.VarChar"`.
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name.name == name)
    }
}

/// A field's type as written.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldTypeExpr {
    /// A name: a scalar type, an enum or a model, resolved by validation.
    Named(Ident),
    /// `Unsupported("...")`
    Unsupported(StringLit, Span),
}

impl FieldTypeExpr {
    /// Where the type stands in its file.
    pub fn span(&self) -> Span {
        match self {
            FieldTypeExpr::Named(i) => i.span,
            FieldTypeExpr::Unsupported(_, s) => *s,
        }
    }
}

/// The type modifier written after a field's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Arity {
    /// No modifier: `Type`.
    Required,
    /// `Type?`.
    Optional,
    /// `Type[]`.
    List,
}

/// `Name @map("...")` in an enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// The value's name as written: `ADMIN` in `ADMIN @map("admin")`.
    pub name: Ident,
    /// Its attributes (`@map` is the only valid one), in file order.
    pub attributes: Vec<Attribute>,
    /// `///` lines just above the value, without the slashes.
    pub doc: Vec<String>,
    /// The comments at the end of the line, as written (`// x`, `/* x */`).
    pub comment: Option<String>,
    /// From the name to the end of the last attribute.
    pub span: Span,
}

/// `@name(args)` on a field or enum value, `@@name(args)` on a block. The
/// name holds dots for namespaced attributes (`db.VarChar`).
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    /// The name without `@` or `@@`: `map`, `db.VarChar`.
    pub name: Ident,
    /// The arguments, in file order.
    pub args: Vec<Arg>,
    /// Whether the attribute was written with parentheses.
    pub parens: bool,
    /// From the `@` (or `@@`) to the closing parenthesis, or to the end of the name.
    pub span: Span,
    /// A block attribute's comment at the end of its line, as written
    /// (`// used for upsert`); the formatter keeps it there, as Prisma's
    /// does. `None` for field attributes (the field holds its comment).
    pub comment: Option<String>,
}

impl Attribute {
    /// The argument named `name`. Unnamed arguments are not matched: see
    /// [`Attribute::positional`] for those.
    pub fn arg(&self, name: &str) -> Option<&Expr> {
        self.args
            .iter()
            .find(|a| a.name.as_ref().is_some_and(|n| n.name == name))
            .map(|a| &a.value)
    }

    /// The `index`th unnamed argument (0-based), skipping named ones.
    pub fn positional(&self, index: usize) -> Option<&Expr> {
        self.args
            .iter()
            .filter(|a| a.name.is_none())
            .nth(index)
            .map(|a| &a.value)
    }
}

/// One argument of an attribute or function call: `value` or `name: value`.
#[derive(Debug, Clone, PartialEq)]
pub struct Arg {
    /// The name, for `name: value`; `None` for an unnamed argument.
    pub name: Option<Ident>,
    /// The value: `[a, b]` in `fields: [a, b]`.
    pub value: Expr,
    /// From the name (or the value) to the end of the value.
    pub span: Span,
}

/// A string literal, as its value and as written.
#[derive(Debug, Clone, PartialEq)]
pub struct StringLit {
    /// The value with escapes resolved.
    pub value: String,
    /// The text between the quotes, as written.
    pub raw: String,
}

/// A value in the schema language.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A string: `"postgresql"`.
    String(StringLit, Span),
    /// Kept as written: `1`, `-2.5`, `1e3`.
    Number(String, Span),
    /// A bare word: `true`, `Cascade`, a field or enum value name, `a.b`.
    Ident(Ident),
    /// `name(args)`: `env("X")`, `now()`, `b(sort: Desc)`.
    Call(Ident, Vec<Arg>, Span),
    /// `[a, b, c]`.
    Array(Vec<Expr>, Span),
}

impl Expr {
    /// Where the value stands in its file.
    pub fn span(&self) -> Span {
        match self {
            Expr::String(_, s) | Expr::Number(_, s) | Expr::Call(_, _, s) | Expr::Array(_, s) => *s,
            Expr::Ident(i) => i.span,
        }
    }

    /// The string's value (escapes resolved), for a string literal; `None` for anything else.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Expr::String(s, _) => Some(&s.value),
            _ => None,
        }
    }

    /// The word, for a bare word (`Cascade`, `true`); `None` for anything else.
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
