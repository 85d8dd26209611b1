//! The validated data model: what a schema file means, with names resolved,
//! relations paired and defaults typed. Built by `validate`, read by `lower`.

use super::diagnostics::Span;
use super::operator_classes::OperatorClass;
use crate::schema::{IndexAlgorithm, ReferentialAction, ScalarType, SortOrder};
use std::collections::HashMap;

/// The database a datasource's `provider` names: one of the three migrate supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Provider {
    /// `"postgresql"` (or its alias `"postgres"`).
    Postgres,
    /// `"mysql"`: MySQL and MariaDB.
    Mysql,
    /// `"sqlite"`.
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

/// What a whole schema means: its datasource and generators, and its models, enums and views
/// with every relation resolved.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Datamodel {
    /// The `datasource` block; `None` when the schema has none.
    pub datasource: Option<Datasource>,
    /// The `generator` blocks, in source order.
    pub generators: Vec<Generator>,
    /// The `model` blocks, in source order.
    pub models: Vec<Model>,
    /// The `enum` blocks, in source order.
    pub enums: Vec<Enum>,
    /// Views are parsed and kept, never migrated.
    pub views: Vec<Model>,
    /// Every relation between models, each resolved from its pair of relation fields.
    pub relations: Vec<Relation>,
}

impl Datamodel {
    /// The datasource's provider; `None` without a datasource.
    pub fn provider(&self) -> Option<Provider> {
        self.datasource.as_ref().map(|d| d.provider)
    }

    /// The model with this schema name (not its `@@map` name).
    pub fn model(&self, name: &str) -> Option<&Model> {
        self.models.iter().find(|m| m.name == name)
    }

    /// The enum with this schema name (not its `@@map` name).
    pub fn enum_(&self, name: &str) -> Option<&Enum> {
        self.enums.iter().find(|e| e.name == name)
    }

    /// Whether a generator enables the preview feature `feature`.
    pub fn has_preview_feature(&self, feature: &str) -> bool {
        preview_enabled(&self.generators, feature)
    }
}

/// Whether one of `generators` lists `feature` in its `previewFeatures`
/// (in any case, as Prisma 6.19.3 reads them).
pub fn preview_enabled(generators: &[Generator], feature: &str) -> bool {
    generators
        .iter()
        .flat_map(|g| &g.preview_features)
        .any(|f| f.eq_ignore_ascii_case(feature))
}

/// A value written in the schema or read from the environment: Prisma's
/// `EnvValue`. The datasource's URLs, and a generator's `provider`,
/// `output` and `binaryTargets`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnvValue {
    /// A string written in the schema: `url = "postgresql://..."`.
    Literal(String),
    /// `env("VAR")`: the name of the environment variable that holds the value.
    Env(String),
}

impl EnvValue {
    /// The value a well-formed expression gives: a string, or `env` with
    /// one string (the variable's name); `None` for anything else.
    pub fn from_expr(expr: &super::ast::Expr) -> Option<EnvValue> {
        use super::ast::Expr;
        match expr {
            Expr::String(s, _) => Some(EnvValue::Literal(s.value.clone())),
            Expr::Call(f, args, _) if f.name == "env" => match args.as_slice() {
                [arg] if arg.name.is_none() => arg.value.as_str().map(|v| EnvValue::Env(v.to_string())),
                _ => None,
            },
            _ => None,
        }
    }

    /// The value now: the literal, or the variable's value in the process
    /// environment (`.env` files already loaded into it); `None` when unset.
    pub fn resolve(&self) -> Option<String> {
        match self {
            EnvValue::Literal(s) => Some(s.clone()),
            EnvValue::Env(var) => std::env::var(var).ok(),
        }
    }
}

/// The datasource's `relationMode` (called `referentialIntegrity` before Prisma 4.5): whether
/// relations are foreign keys in the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RelationMode {
    /// `"foreignKeys"`, the default: every inline relation is a foreign key in the database.
    #[default]
    ForeignKeys,
    /// Relations are emulated by the client: no foreign keys in the database.
    Prisma,
}

/// The `datasource` block: which database, and where to reach it.
#[derive(Debug, Clone, PartialEq)]
pub struct Datasource {
    /// The block's name: `db` in `datasource db { ... }`.
    pub name: String,
    /// The database, from `provider`.
    pub provider: Provider,
    /// `url`: the database to migrate. Prisma migrates over `directUrl` instead when it is set.
    pub url: Option<EnvValue>,
    /// `directUrl`: a direct connection for migrations, where `url` goes through a connection
    /// pooler.
    pub direct_url: Option<EnvValue>,
    /// `shadowDatabaseUrl`: the shadow database `migrate dev` replays migrations on, where
    /// one cannot be created on the fly.
    pub shadow_database_url: Option<EnvValue>,
    /// `relationMode`: foreign keys in the database, or relations emulated by the client.
    pub relation_mode: RelationMode,
    /// `extensions` (PostgreSQL only): the database extensions the schema needs.
    pub extensions: Vec<Extension>,
    /// `schemas` (Prisma's multiSchema, PostgreSQL only): the database schemas, as written.
    pub schemas: Vec<String>,
    /// The whole block in its file.
    pub span: Span,
}

impl Datasource {
    /// The database schema migrations run in, for multiSchema: the `?schema=`
    /// of the URL Prisma migrates over (`directUrl`, else `url`) as the
    /// environment gives it now, else `public` (PostgreSQL's default). A
    /// `@@schema` naming it is written unqualified, as Prisma 6.19.3 does.
    pub fn session_namespace(&self) -> String {
        session_namespace(self.direct_url.as_ref().or(self.url.as_ref()))
    }
}

/// The `?schema=` of `url` as the environment gives it now, else `public`:
/// see [`Datasource::session_namespace`].
pub fn session_namespace(url: Option<&EnvValue>) -> String {
    let url = url.and_then(EnvValue::resolve);
    let schema = url
        .and_then(|u| crate::url::ServerUrl::parse(&u).ok())
        .and_then(|u| u.params.into_iter().find(|(k, _)| k == "schema").map(|(_, v)| v));
    schema.filter(|s| !s.is_empty()).unwrap_or_else(|| "public".to_string())
}

/// One entry of the datasource's `extensions` list: `pg_trgm`, or
/// `postgis(map: "postgis", schema: "public", version: "3.4")`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    /// The extension's name as written in the list.
    pub name: String,
    /// `map:`: the extension's name in the database, where it differs from `name`.
    pub db_name: Option<String>,
    /// `schema:`: the database schema to create the extension in.
    pub schema: Option<String>,
    /// `version:`: the extension version to install.
    pub version: Option<String>,
}

/// A `generator` block: kept to write the schema back, and run by `migrate generate` (crate `migrate-generate`).
#[derive(Debug, Clone, PartialEq)]
pub struct Generator {
    /// The block's name: `client` in `generator client { ... }`.
    pub name: String,
    /// `provider`, such as `"prisma-client-js"`; `None` when missing or not a string.
    pub provider: Option<String>,
    /// `output`: where the generator writes, as a string; `None` when not set.
    pub output: Option<String>,
    /// `previewFeatures`: the preview feature flags, as written.
    pub preview_features: Vec<String>,
    /// Every property, as `(key, value as written)`.
    pub properties: Vec<(String, String)>,
}

/// A `model` block (or a `view`, in [`Datamodel::views`]) with its attributes applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The model's name in the schema, which the client uses.
    pub name: String,
    /// `@@map`, else the name.
    pub db_name: String,
    /// The fields in source order; [`Model::push_field`] adds one.
    pub fields: Vec<Field>,
    positions: FieldPositions,
    /// `@id` or `@@id`; `None` for a model without a primary key.
    pub primary_key: Option<PrimaryKey>,
    /// The fields' `@unique`s in field order, then `@@index`es, `@@unique`s
    /// and `@@fulltext`s, each in source order: Prisma's index order.
    pub indexes: Vec<IndexDef>,
    /// `@@ignore`: the client leaves the model out; its table is still migrated.
    pub ignored: bool,
    /// `@@schema("name")` (multiSchema): the database schema of its table, as written.
    pub schema: Option<String>,
    /// The `///` documentation lines above the block, without the slashes.
    pub doc: Vec<String>,
    /// The whole block in its file.
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

    /// The fields that are not relation fields: those that hold a column each.
    pub fn scalar_fields(&self) -> impl Iterator<Item = &Field> {
        self.fields.iter().filter(|f| !matches!(f.ty, FieldType::Relation(_)))
    }
}

/// Whether a field holds one value, may be null, or holds a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arity {
    /// `Type`: a value is required (a `NOT NULL` column).
    Required,
    /// `Type?`: one value or null.
    Optional,
    /// `Type[]`: a list (a PostgreSQL array for scalars; the many side for relation fields).
    List,
}

/// A field of a model: a column, or a relation field (which holds no column).
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The field's name in the schema, which the client uses.
    pub name: String,
    /// `@map`, else the name.
    pub db_name: String,
    /// What the field holds: a scalar, an enum, a related model, or an `Unsupported` type.
    pub ty: FieldType,
    /// `Type`, `Type?` or `Type[]`.
    pub arity: Arity,
    /// `@db.Name(args)`: the native database type; `None` for the provider's default type.
    pub native: Option<NativeType>,
    /// `@default(...)`; `None` when the field has none.
    pub default: Option<DefaultDef>,
    /// `@updatedAt`: the client sets the field to the current time on every update.
    pub updated_at: bool,
    /// `@ignore`: the client leaves the field out; its column is still migrated.
    pub ignored: bool,
    /// The `///` documentation lines above the field, without the slashes.
    pub doc: Vec<String>,
    /// The whole field line in its file.
    pub span: Span,
}

/// A field's type, resolved against the schema's enums and models.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldType {
    /// A built-in scalar type: `String`, `Int`, `DateTime`...
    Scalar(ScalarType),
    /// The enum's name in the schema.
    Enum(String),
    /// The related model's name.
    Relation(String),
    /// `Unsupported("type")`: a database type Prisma has no scalar for, as written between the
    /// quotes. A type name that resolves to nothing is also kept here, after its error.
    Unsupported(String),
}

/// `@db.Name(args)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NativeType {
    /// The type's name after `@db.`: `VarChar`, `Timestamptz`...
    pub name: String,
    /// The arguments, whole numbers as written: `["191"]`, `["10", "2"]`.
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

/// A field's `@default(...)`, by what it asks of the database.
#[derive(Debug, Clone, PartialEq)]
pub enum DefaultDef {
    /// `autoincrement()`: an auto-increment column (`SERIAL`, `AUTO_INCREMENT`...).
    Autoincrement,
    /// `now()`: the database's current timestamp.
    Now,
    /// `uuid()`, `uuid(7)`, `cuid()`, `cuid(2)`, `nanoid()`, `ulid()`:
    /// generated by the client, nothing in the database.
    Generated(String),
    /// `dbgenerated("expr")`; `None` for `dbgenerated()`.
    DbGenerated(Option<String>),
    /// A constant: `@default("x")`, `@default(0)`, `@default(true)`, `@default(Admin)`.
    Value(Value),
    /// A list of constants, for scalar lists: `@default([1, 2])`.
    List(Vec<Value>),
}

/// A constant of a default, checked against the field's type.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A string with its escapes resolved: text, or base64 for `Bytes`, JSON for `Json`,
    /// RFC 3339 for `DateTime`, a number in quotes for `Decimal` and `BigInt`.
    String(String),
    /// A number as written: `1`, `-2.5`, `1e3`.
    Number(String),
    /// `true` or `false`.
    Boolean(bool),
    /// An enum value, by its schema name.
    EnumValue(String),
}

/// One field of a key or index, with its per-field arguments: `b(sort: Desc, length: 10)`.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexField {
    /// The field's name in the schema.
    pub field: String,
    /// `sort:`: the column's order in the index; `None` is the database's default (ascending).
    pub sort: Option<SortOrder>,
    /// `length:` (MySQL): the index covers only this prefix of the value (in characters, bytes
    /// for binary columns, as MySQL counts it).
    pub length: Option<u32>,
    /// `ops:` (PostgreSQL): the operator class. Other databases have none,
    /// and their indexes leave it out.
    pub ops: Option<IndexOps>,
}

/// An index field's operator class (`ops:`).
#[derive(Debug, Clone, PartialEq)]
pub enum IndexOps {
    /// One Prisma names, such as `JsonbPathOps`: checked against the index
    /// method and the field.
    Named(&'static OperatorClass),
    /// `raw("gin_trgm_ops")`: the SQL name, unchecked.
    Raw(String),
}

impl IndexOps {
    /// The name as written: `JsonbPathOps`, or the text of `raw("...")`.
    pub fn name(&self) -> &str {
        match self {
            IndexOps::Named(class) => class.name,
            IndexOps::Raw(sql) => sql,
        }
    }
}

/// A model's primary key: `@id` on one field, or `@@id([a, b])`.
#[derive(Debug, Clone, PartialEq)]
pub struct PrimaryKey {
    /// The key's fields, in key order.
    pub fields: Vec<IndexField>,
    /// `@@id(name: ...)`: the client's name for the compound key.
    pub name: Option<String>,
    /// `map:`: the constraint's name in the database.
    pub map: Option<String>,
}

/// Which kind of index an attribute declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexType {
    /// `@@index`: a plain index.
    Normal,
    /// `@unique` or `@@unique`: a unique constraint (a unique index in the database).
    Unique,
    /// `@@fulltext` (MySQL): a full-text index.
    Fulltext,
}

/// A field's `@unique`, or a model's `@@index`, `@@unique` or `@@fulltext`.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexDef {
    /// Which attribute declared it.
    pub kind: IndexType,
    /// The indexed fields, in index order.
    pub fields: Vec<IndexField>,
    /// `name:` (`@@unique` only): the client's name for a compound unique key.
    pub name: Option<String>,
    /// `map:` (or `name:` on `@@index`, its spelling before Prisma 3): the index's database name;
    /// `None` for Prisma's default name.
    pub map: Option<String>,
    /// `type:` (`@@index` only): the index method; `None` for the database's default.
    pub algorithm: Option<IndexAlgorithm>,
    /// The attribute in its file.
    pub span: Span,
}

/// An `enum` block.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// The enum's name in the schema, which the client uses.
    pub name: String,
    /// `@@map`, else the name: the enum type's name in the database.
    pub db_name: String,
    /// The values, in source order.
    pub values: Vec<EnumValue>,
    /// `@@schema("name")` (multiSchema): the database schema of the enum type, as written.
    pub schema: Option<String>,
    /// The `///` documentation lines above the block, without the slashes.
    pub doc: Vec<String>,
}

/// One value of an enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// The value's name in the schema, which the client uses.
    pub name: String,
    /// `@map`, else the name: the value as the database stores it.
    pub db_name: String,
}

/// A relation with both sides resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum Relation {
    /// One-to-one or one-to-many: a foreign key on `model`'s `fields`.
    Inline {
        /// The model holding the foreign key (`fields`), by schema name.
        model: String,
        /// The foreign key's fields on `model`, in key order.
        fields: Vec<String>,
        /// The model the foreign key points to, by schema name.
        referenced_model: String,
        /// `references:`: the fields of `referenced_model` the key points to, in the order of
        /// `fields`.
        references: Vec<String>,
        /// `onDelete:`, else Prisma's default: `SetNull` when the relation is optional, else
        /// `Restrict`.
        on_delete: ReferentialAction,
        /// `onUpdate:`, else Prisma's default, `Cascade`.
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
        /// The other model (column `B`).
        model_b: String,
        /// The relation field on `model_a` (of a self-relation, the one
        /// whose name sorts first): where Prisma places the join table.
        field_a: String,
    },
}
