//! The validated data model: what a schema file means, with names resolved,
//! relations paired and defaults typed. Built by `validate`, read by `lower`.

use super::diagnostics::Span;
use crate::schema::{IndexAlgorithm, ReferentialAction, ScalarType, SortOrder};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Provider {
    Postgres,
    Mysql,
    Sqlite,
}

impl Provider {
    /// Parses a datasource `provider` value.
    pub fn from_name(name: &str) -> Option<Provider> {
        match name {
            "postgresql" | "postgres" => Some(Provider::Postgres),
            "mysql" => Some(Provider::Mysql),
            "sqlite" => Some(Provider::Sqlite),
            _ => None,
        }
    }

    /// The name written to `migration_lock.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Provider::Postgres => "postgresql",
            Provider::Mysql => "mysql",
            Provider::Sqlite => "sqlite",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Datamodel {
    pub datasource: Option<Datasource>,
    pub generators: Vec<Generator>,
    pub models: Vec<Model>,
    pub enums: Vec<Enum>,
    /// Views are parsed and kept, never migrated.
    pub views: Vec<Model>,
    pub relations: Vec<Relation>,
}

impl Datamodel {
    pub fn provider(&self) -> Option<Provider> {
        self.datasource.as_ref().map(|d| d.provider)
    }

    pub fn model(&self, name: &str) -> Option<&Model> {
        self.models.iter().find(|m| m.name == name)
    }

    pub fn enum_(&self, name: &str) -> Option<&Enum> {
        self.enums.iter().find(|e| e.name == name)
    }
}

/// Where a URL comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlSource {
    Literal(String),
    Env(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RelationMode {
    #[default]
    ForeignKeys,
    /// Relations are emulated by the client: no foreign keys in the database.
    Prisma,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Datasource {
    pub name: String,
    pub provider: Provider,
    pub url: Option<UrlSource>,
    pub direct_url: Option<UrlSource>,
    pub shadow_database_url: Option<UrlSource>,
    pub relation_mode: RelationMode,
    pub extensions: Vec<Extension>,
    pub schemas: Vec<String>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    pub name: String,
    pub db_name: Option<String>,
    pub schema: Option<String>,
    pub version: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Generator {
    pub name: String,
    pub provider: Option<String>,
    pub output: Option<String>,
    pub preview_features: Vec<String>,
    /// Every property, as `(key, value as written)`.
    pub properties: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub name: String,
    /// `@@map`, else the name.
    pub db_name: String,
    /// The fields in source order; [`Model::push_field`] adds one.
    pub fields: Vec<Field>,
    positions: FieldPositions,
    pub primary_key: Option<PrimaryKey>,
    /// The fields' `@unique`s in field order, then `@@index`es, `@@unique`s
    /// and `@@fulltext`s, each in source order: Prisma's index order.
    pub indexes: Vec<IndexDef>,
    pub ignored: bool,
    pub schema: Option<String>,
    pub doc: Vec<String>,
    pub span: Span,
}

/// Where each field of a [`Model`] is in its `fields`, by name, so that a
/// lookup by name stays constant-time in a model with thousands of fields.
/// It is derived from `fields` and takes no part in comparisons.
#[derive(Debug, Clone, Default)]
struct FieldPositions(HashMap<String, usize>);

impl PartialEq for FieldPositions {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Model {
    /// A model without fields, attributes or documentation yet.
    pub fn new(name: &str, span: Span) -> Self {
        Model {
            name: name.to_string(),
            db_name: name.to_string(),
            fields: Vec::new(),
            positions: FieldPositions::default(),
            primary_key: None,
            indexes: Vec::new(),
            ignored: false,
            schema: None,
            doc: Vec::new(),
            span,
        }
    }

    /// Adds a field; a field whose name is taken is kept, but lookups by
    /// name find the first.
    pub fn push_field(&mut self, field: Field) {
        self.positions.0.entry(field.name.clone()).or_insert(self.fields.len());
        self.fields.push(field);
    }

    /// The first field named `name`.
    pub fn field(&self, name: &str) -> Option<&Field> {
        if self.positions.0.len() == self.fields.len() {
            self.positions.0.get(name).map(|&i| &self.fields[i])
        } else {
            // Fields pushed around `push_field` (or duplicates): search.
            self.fields.iter().find(|f| f.name == name)
        }
    }

    pub fn scalar_fields(&self) -> impl Iterator<Item = &Field> {
        self.fields.iter().filter(|f| !matches!(f.ty, FieldType::Relation(_)))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arity {
    Required,
    Optional,
    List,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    /// `@map`, else the name.
    pub db_name: String,
    pub ty: FieldType,
    pub arity: Arity,
    pub native: Option<NativeType>,
    pub default: Option<DefaultDef>,
    pub updated_at: bool,
    pub ignored: bool,
    pub doc: Vec<String>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FieldType {
    Scalar(ScalarType),
    /// The enum's name in the schema.
    Enum(String),
    /// The related model's name.
    Relation(String),
    Unsupported(String),
}

/// `@db.Name(args)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NativeType {
    pub name: String,
    pub args: Vec<String>,
}

/// `VarChar(191)`, `Decimal(10,2)`, `Text`: as Prisma names it in messages.
impl std::fmt::Display for NativeType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.args.is_empty() {
            true => write!(f, "{}", self.name),
            false => write!(f, "{}({})", self.name, self.args.join(",")),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum DefaultDef {
    Autoincrement,
    Now,
    /// `uuid()`, `uuid(7)`, `cuid()`, `cuid(2)`, `nanoid()`, `ulid()`:
    /// generated by the client, nothing in the database.
    Generated(String),
    /// `dbgenerated("expr")`; `None` for `dbgenerated()`.
    DbGenerated(Option<String>),
    Value(Value),
    List(Vec<Value>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    String(String),
    Number(String),
    Boolean(bool),
    /// An enum value, by its schema name.
    EnumValue(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndexField {
    /// The field's name in the schema.
    pub field: String,
    pub sort: Option<SortOrder>,
    pub length: Option<u32>,
    pub ops: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PrimaryKey {
    pub fields: Vec<IndexField>,
    /// `@@id(name: ...)`: the client's name for the compound key.
    pub name: Option<String>,
    /// `map:`: the constraint's name in the database.
    pub map: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexType {
    Normal,
    Unique,
    Fulltext,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndexDef {
    pub kind: IndexType,
    pub fields: Vec<IndexField>,
    pub name: Option<String>,
    pub map: Option<String>,
    pub algorithm: Option<IndexAlgorithm>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    pub name: String,
    pub db_name: String,
    pub values: Vec<EnumValue>,
    pub schema: Option<String>,
    pub doc: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    pub name: String,
    pub db_name: String,
}

/// A relation with both sides resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum Relation {
    /// One-to-one or one-to-many: a foreign key on `model`'s `fields`.
    Inline {
        model: String,
        fields: Vec<String>,
        referenced_model: String,
        references: Vec<String>,
        on_delete: ReferentialAction,
        on_update: ReferentialAction,
        /// `map:`: the foreign key's name in the database.
        map: Option<String>,
    },
    /// Implicit many-to-many: a `_Name` join table with columns `A`, `B`.
    ManyToMany {
        /// `AToB`, or the explicit relation name.
        name: String,
        /// The model whose name sorts first (column `A`).
        model_a: String,
        model_b: String,
        /// The relation field on `model_a` (of a self-relation, the one
        /// whose name sorts first): where Prisma places the join table.
        field_a: String,
    },
}
