//! The one dialect-neutral model of a database. Both sides of every diff are
//! a [`Schema`], whether lowered from a schema file or introspected.
//!
//! Tables keep their order (schema-file order when lowered, so generated SQL
//! follows the models as written, as Prisma's does); lookups are by name.

pub mod array_text;
mod datetime;
mod names;

pub use datetime::{same_instant, DateTimeDefault};
pub use names::{ConstraintNames, IdentifierLimit};

/// A database's tables, enum types and extensions: what the differ compares.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Schema {
    /// The tables: in schema-file order when lowered (models, then implicit many-to-many join
    /// tables), by name in byte order when introspected.
    pub tables: Vec<Table>,
    /// Named enum types (PostgreSQL). Where enums are inline (MySQL),
    /// introspection lists the columns' enums here for `db pull` only; the
    /// differ reads them only for named types. Empty where enums are text.
    pub enums: Vec<Enum>,
    /// Database extensions the schema needs (PostgreSQL `extensions`).
    pub extensions: Vec<Extension>,
    /// Whether the schema file manages the database's extensions (the
    /// `postgresqlExtensions` preview feature, with which it may list them).
    /// Only then does the differ create extensions: Prisma 6.19.3 leaves them
    /// out of every comparison otherwise, so that an extension added to a
    /// database by hand is not drift. Lowering sets it; an introspected schema
    /// has it false, and takes it from the schema file where a command
    /// compares two databases (`migrate dev`'s drift check).
    #[serde(default)]
    pub manages_extensions: bool,
    /// What introspection found that the schema file cannot say, which
    /// `db pull` writes above the models and enums and warns of. The differ
    /// does not read it.
    #[serde(default)]
    pub notes: PullNotes,
    /// The database schemas (PostgreSQL namespaces) the schema knows to
    /// exist, by name in byte order: lowered, the datasource's `schemas`,
    /// else the session's; introspected, those of the datasource's
    /// `schemas` the database has, else the session's. The differ creates
    /// a schema the target puts a table or an enum in and the source does
    /// not know (`CREATE SCHEMA IF NOT EXISTS`), and never drops one: so
    /// the empty schema's script opens with `CREATE SCHEMA IF NOT EXISTS
    /// "public"`, as Prisma 6.19.3's `migrate diff --from-empty` does.
    /// Empty on databases without schemas.
    #[serde(default)]
    pub namespaces: Vec<String>,
    /// The name of the database schema whose objects have no namespace
    /// (`Table::namespace` is `None`): the session's, the URL's
    /// `?schema=`, else `public`. `None` on databases without schemas, and
    /// for the empty schema.
    #[serde(default)]
    pub session_namespace: Option<String>,
}

/// A table's name with the database schema it is in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TableName {
    /// The database schema (PostgreSQL namespace); `None` for the one the
    /// session works in (the URL's `?schema=`, else `public`), and always
    /// on databases without schemas.
    pub namespace: Option<String>,
    /// The table's name in the database.
    pub name: String,
}

impl TableName {
    /// The table `name` in the session's schema.
    pub fn unqualified(name: impl Into<String>) -> Self {
        TableName {
            namespace: None,
            name: name.into(),
        }
    }
}

impl From<&str> for TableName {
    /// The table `name` in the session's schema.
    fn from(name: &str) -> Self {
        TableName::unqualified(name)
    }
}

impl std::fmt::Display for TableName {
    /// `name`, or `namespace.name` (for messages; SQL quotes each part).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.namespace {
            Some(ns) => write!(f, "{ns}.{}", self.name),
            None => f.write_str(&self.name),
        }
    }
}

/// What introspection found that the schema file cannot say (PostgreSQL):
/// `db pull` notes it above the model or enum and warns of it, as Prisma
/// 6.19.3 does (see `to_psl`). Not read by the differ.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PullNotes {
    /// By table, keyed by [`TableName`]'s `Display` (`name`, or
    /// `namespace.name` outside the session's schema); each table's notes
    /// in the order introspection found them.
    pub tables: std::collections::BTreeMap<String, Vec<TableNote>>,
    /// The enum types with a comment (`COMMENT ON TYPE`), keyed as
    /// [`PullNotes::tables`].
    pub commented_enums: std::collections::BTreeSet<String>,
}

impl PullNotes {
    /// What introspection noted about `table`.
    pub fn of_table(&self, table: &TableName) -> &[TableNote] {
        self.tables.get(&table.to_string()).map_or(&[], Vec::as_slice)
    }

    /// Whether the enum type `name` (of `namespace`) has a comment.
    pub fn enum_is_commented(&self, namespace: Option<&str>, name: &str) -> bool {
        let key = TableName {
            namespace: namespace.map(str::to_string),
            name: name.to_string(),
        };
        self.commented_enums.contains(&key.to_string())
    }
}

/// Something a table has that the schema file cannot say. Names are the
/// database's (constraints, indexes, columns).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TableNote {
    /// A partitioned table (`PARTITION BY`; its partitions are not read).
    Partitioned,
    /// Other tables inherit from it (`INHERITS`; partitions aside).
    HasSubclasses,
    /// A CHECK constraint, by name (inherited ones included).
    CheckConstraint(String),
    /// An EXCLUDE constraint, by name.
    ExclusionConstraint(String),
    /// A comment on the table or on one of its columns.
    Comment {
        /// The column; `None` for the table's own comment.
        column: Option<String>,
    },
    /// A primary key, unique or foreign key constraint declared
    /// `DEFERRABLE`, by name.
    NonDefaultDeferring(String),
    /// Row level security is enabled (`ENABLE ROW LEVEL SECURITY`).
    RowLevelSecurity,
    /// A column of a (not partial) index sorts NULLs the other way than its
    /// direction's default (`ASC NULLS FIRST`, `DESC NULLS LAST`).
    NullSortOrder {
        /// The index's name.
        index: String,
        /// The column's name.
        column: String,
    },
    /// An index (not partial) with an expression among its keys, by name.
    ExpressionIndex(String),
}

impl Schema {
    /// The table with this database name, in the session's schema.
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.name == name && t.namespace.is_none())
    }

    /// The table with this name in this database schema.
    pub fn table_named(&self, name: &TableName) -> Option<&Table> {
        self.tables
            .iter()
            .find(|t| t.name == name.name && t.namespace == name.namespace)
    }

    /// The foreign keys that reference a table the schema does not hold
    /// (introspection of one PostgreSQL schema whose table references
    /// another schema's), with the table they belong to.
    pub fn foreign_keys_to_other_tables(&self) -> Vec<(&Table, &ForeignKey)> {
        let names = self.tables_by_name();
        let mut outside = Vec::new();
        for table in &self.tables {
            let keys = table.foreign_keys.iter();
            outside.extend(
                keys.filter(|fk| !names.contains_key(&fk.referenced_key()))
                    .map(|fk| (table, fk)),
            );
        }
        outside
    }

    /// Every table by `(namespace, name)` (the first of a name, as
    /// [`Schema::table_named`] finds it): for code that looks up many
    /// tables, in constant time each.
    pub fn tables_by_name(&self) -> std::collections::HashMap<TableKey<'_>, &Table> {
        let mut by_name = std::collections::HashMap::with_capacity(self.tables.len());
        for t in &self.tables {
            by_name.entry(t.key()).or_insert(t);
        }
        by_name
    }

    /// The database schemas this schema puts a table or an enum in, by
    /// name in byte order (the session's by its name).
    pub fn used_namespaces(&self) -> Vec<&str> {
        let tables = self.tables.iter().map(|t| t.namespace.as_deref());
        let enums = self.enums.iter().map(|e| e.namespace.as_deref());
        let used: std::collections::BTreeSet<&str> = tables
            .chain(enums)
            .filter_map(|n| n.or(self.session_namespace.as_deref()))
            .collect();
        used.into_iter().collect()
    }

    /// The enum type with this database name, in the session's schema.
    pub fn enum_(&self, name: &str) -> Option<&Enum> {
        self.enums.iter().find(|e| e.name == name && e.namespace.is_none())
    }

    /// The enum type with this name in this database schema.
    pub fn enum_in(&self, namespace: Option<&str>, name: &str) -> Option<&Enum> {
        self.enums
            .iter()
            .find(|e| e.name == name && e.namespace.as_deref() == namespace)
    }
}

/// A table: its columns, primary key, indexes and foreign keys.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Table {
    /// The database schema (`@@schema`); `None` for the session's own, as in [`TableName`].
    #[serde(default)]
    pub namespace: Option<String>,
    /// The table's name in the database (a model's `@@map`, else its name).
    pub name: String,
    /// The columns, in field order when lowered.
    pub columns: Vec<Column>,
    /// `None` for a table without a primary key.
    pub primary_key: Option<PrimaryKey>,
    /// Unique constraints, plain and fulltext indexes, in declaration order.
    pub indexes: Vec<Index>,
    /// The foreign keys the table holds (none under `relationMode = "prisma"`).
    pub foreign_keys: Vec<ForeignKey>,
    /// What the database holds on the table that no schema file describes,
    /// where a change must keep it or say it goes (read on SQLite, whose
    /// table rebuild drops the table and all that hangs on it). Never
    /// compared; empty when lowered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unmodelled: Vec<Unmodelled>,
}

/// A part of a table that no schema file describes (see [`Table::unmodelled`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Unmodelled {
    /// A trigger on the table.
    Trigger(DatabaseObject),
    /// An index that [`Table::indexes`] cannot hold (partial, on an
    /// expression, on a generated column).
    Index(DatabaseObject),
    /// A generated column (`GENERATED ALWAYS AS (...)`), which SQLite hides
    /// from `table_info`: its name, and its definition as the `CREATE TABLE`
    /// text has it (`"hours" REAL GENERATED ALWAYS AS ("minutes" / 60.0)
    /// VIRTUAL`).
    GeneratedColumn(DatabaseObject),
    /// A `CHECK` constraint.
    Check {
        /// `CONSTRAINT <name>`, when it has one.
        name: Option<String>,
        /// The column it is declared on; `None` for a table constraint.
        column: Option<String>,
        /// It as a table constraint, as the `CREATE TABLE` text has it
        /// (`CONSTRAINT "positive" CHECK ("minutes" >= 0)`); empty when the
        /// text could not be read.
        sql: String,
        /// The identifiers it names, lowercase (as [`DatabaseObject::names`]).
        names: Vec<String>,
    },
}

/// A trigger or index as the database keeps it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DatabaseObject {
    /// Its name.
    pub name: String,
    /// The statement that makes it, as the database keeps it (SQLite:
    /// `sqlite_schema.sql`).
    pub sql: String,
    /// The identifiers the statement names, lowercase: a superset of the
    /// columns it depends on.
    pub names: Vec<String>,
}

impl Table {
    /// A table with this name and nothing in it yet.
    pub fn new(name: impl Into<String>) -> Self {
        Table {
            namespace: None,
            name: name.into(),
            columns: Vec::new(),
            primary_key: None,
            indexes: Vec::new(),
            foreign_keys: Vec::new(),
            unmodelled: Vec::new(),
        }
    }

    /// The table's name with its database schema.
    pub fn qualified_name(&self) -> TableName {
        TableName {
            namespace: self.namespace.clone(),
            name: self.name.clone(),
        }
    }

    /// `(namespace, name)`, the table's key in [`Schema::tables_by_name`].
    pub fn key(&self) -> TableKey<'_> {
        (self.namespace.as_deref(), self.name.as_str())
    }

    /// The column with this name.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// The index or unique constraint with this name.
    pub fn index(&self, name: &str) -> Option<&Index> {
        self.indexes.iter().find(|i| i.name == name)
    }

    /// The foreign key with this constraint name.
    pub fn foreign_key(&self, name: &str) -> Option<&ForeignKey> {
        self.foreign_keys.iter().find(|f| f.name == name)
    }

    /// Whether `column` is the whole primary key.
    pub fn is_single_primary_key(&self, column: &str) -> bool {
        self.primary_key
            .as_ref()
            .is_some_and(|pk| pk.columns.len() == 1 && pk.columns[0].name == column)
    }
}

/// A database view, as `db pull` reads it with the `views` preview feature.
/// Migrations never create, drop or compare views (nor does Prisma 6.19.3's
/// migrate): only the pulled schema and its `views/` folder hold them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    /// The database schema; `None` for the session's own, as in [`TableName`].
    pub namespace: Option<String>,
    /// The view's name in the database.
    pub name: String,
    /// Its columns in order, as the database describes them. PostgreSQL and
    /// SQLite report every view column as nullable; MySQL reports the
    /// nullability and the default of the column a view column selects
    /// (and Prisma 6.19.3 writes that default). Never auto-increment.
    pub columns: Vec<Column>,
    /// MySQL: the enums inline in its `ENUM(...)` columns, named
    /// `<view>_<column>` as a table's are; elsewhere empty (enum types are
    /// the schema's).
    pub enums: Vec<Enum>,
    /// The view's query as Prisma 6.19.3 writes it to `views/`, before
    /// formatting: PostgreSQL's `pg_get_viewdef()` (with its `;`), MySQL's
    /// `information_schema.VIEWS.VIEW_DEFINITION` (without one), SQLite's
    /// query part of the stored `CREATE VIEW` statement, followed by `;`.
    pub definition: String,
    /// The view or one of its columns has a comment (PostgreSQL): `db pull`
    /// notes it above the view and warns of it, as Prisma 6.19.3 does.
    pub commented: bool,
}

/// A table's `(namespace, name)`, borrowed: see [`TableName`].
pub type TableKey<'a> = (Option<&'a str>, &'a str);

/// A column of a table.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Column {
    /// The column's name in the database (a field's `@map`, else its name).
    pub name: String,
    /// What the column holds, and its SQL type.
    pub ty: ColumnType,
    /// Whether the column accepts `NULL`: an optional field, or a scalar list (Prisma leaves lists
    /// nullable).
    pub nullable: bool,
    /// The column's `DEFAULT`; `None` without one (client-side defaults, such as `uuid()`,
    /// have none).
    pub default: Option<DefaultValue>,
    /// The database numbers new rows itself: `autoincrement()` (`SERIAL`, `AUTO_INCREMENT`), or
    /// SQLite's `INTEGER PRIMARY KEY`, an alias of the rowid.
    pub auto_increment: bool,
    /// The sequence an auto-increment column draws from, where
    /// introspection read one (PostgreSQL: from the column's `nextval()`
    /// default, whatever the sequence was called when it was made); `None`
    /// when lowered. Not compared.
    #[serde(default)]
    pub sequence: Option<Sequence>,
}

/// The sequence behind an auto-increment column, as the database has it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sequence {
    /// Its name, unqualified and unquoted.
    pub name: String,
    /// Another column draws from it too (a shared sequence): removing
    /// auto-increment from one column keeps it, where otherwise it is
    /// dropped.
    pub shared: bool,
}

/// The Prisma scalar a column holds. Lets `db pull` map a column back to a
/// field type, and lets renderers pick literal syntax for defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum ScalarType {
    /// `String`: text.
    String,
    /// `Boolean`.
    Boolean,
    /// `Int`: a 32-bit signed integer.
    Int,
    /// `BigInt`: a 64-bit signed integer.
    BigInt,
    /// `Float`: a double-precision floating-point number.
    Float,
    /// `Decimal`: an exact decimal number.
    Decimal,
    /// `DateTime`: an instant, stored as a timestamp.
    DateTime,
    /// `Json`: a JSON value.
    Json,
    /// `Bytes`: binary data.
    Bytes,
}

impl ScalarType {
    /// Every scalar type.
    pub const ALL: [ScalarType; 9] = [
        ScalarType::String,
        ScalarType::Boolean,
        ScalarType::Int,
        ScalarType::BigInt,
        ScalarType::Float,
        ScalarType::Decimal,
        ScalarType::DateTime,
        ScalarType::Json,
        ScalarType::Bytes,
    ];

    /// The type's name in the schema language: `String`, `DateTime`...
    pub fn name(self) -> &'static str {
        match self {
            ScalarType::String => "String",
            ScalarType::Boolean => "Boolean",
            ScalarType::Int => "Int",
            ScalarType::BigInt => "BigInt",
            ScalarType::Float => "Float",
            ScalarType::Decimal => "Decimal",
            ScalarType::DateTime => "DateTime",
            ScalarType::Json => "Json",
            ScalarType::Bytes => "Bytes",
        }
    }

    /// The scalar type a schema type name spells; `None` for any other name (an enum, a model...).
    pub fn from_name(name: &str) -> Option<ScalarType> {
        ScalarType::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// What a column holds, in the dialect's canonical spelling.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ColumnType {
    /// What the column's values are to Prisma.
    pub family: TypeFamily,
    /// The SQL type as the dialect writes it in DDL, canonical so that a
    /// lowered and an introspected column compare equal (`TEXT`, `VARCHAR(191)`).
    pub sql: String,
    /// A scalar list (PostgreSQL arrays).
    pub list: bool,
}

/// What a column's values are to Prisma: a scalar, an enum, or neither.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TypeFamily {
    /// A Prisma scalar type.
    Scalar(ScalarType),
    /// A Prisma enum; the name is the enum's database name.
    Enum(String),
    /// `Unsupported("...")`: kept as written.
    Unsupported,
}

/// A column's `DEFAULT`, in a spelling that does not depend on the dialect.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DefaultValue {
    /// A constant in its neutral spelling: strings unescaped, numbers as
    /// written, booleans `true`/`false`, bytes as lowercase hex.
    Literal(Literal),
    /// The database's current timestamp (`now()`).
    Now,
    /// A raw SQL expression (`dbgenerated("...")`); empty for
    /// `dbgenerated()`, see [`DefaultValue::left_to_database`].
    Expression(String),
    /// A list default for scalar lists.
    List(Vec<Literal>),
    /// A generated column's expression (PostgreSQL's `GENERATED ALWAYS AS
    /// (...) STORED`), read by introspection only. The database computes
    /// the column and no schema can say how, so no migration changes it:
    /// it is the same as any other default, or none, while two generation
    /// expressions compare as expressions. Prisma 6.19.3 reads it as a
    /// default, and a schema without `dbgenerated("...")` gets an `ALTER
    /// COLUMN ... DROP DEFAULT` that PostgreSQL refuses ("is a generated
    /// column"). Holds the expression as a default would read (a constant
    /// as its literal), which `db pull` writes as Prisma 6.19.3 does:
    /// `dbgenerated("(a + b)")`, `5`.
    Generated(Box<DefaultValue>),
}

impl DefaultValue {
    /// `dbgenerated()` without an expression: whatever the database has
    /// (a generated column's expression, a default set by hand), which a
    /// migration never creates, changes or drops, as in Prisma 6.19.3.
    pub fn left_to_database(&self) -> bool {
        matches!(self, DefaultValue::Expression(e) if e.trim().is_empty())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
/// A constant default, in a spelling that does not depend on the dialect.
pub enum Literal {
    /// A string, unescaped.
    String(String),
    /// A number, as written.
    Number(String),
    /// `true` or `false`.
    Boolean(bool),
    /// Enum value (database name).
    EnumValue(String),
    /// Bytes, lowercase hex.
    Bytes(String),
    /// Json, as text.
    Json(String),
    /// A `DateTime` field's constant, as the schema writes it (RFC 3339).
    DateTime(DateTimeDefault),
}

/// A table's primary key.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PrimaryKey {
    /// The constraint name, where the dialect keeps one.
    pub name: Option<String>,
    /// The key's columns, in key order.
    pub columns: Vec<IndexColumn>,
}

/// A column's order in an index (`sort:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum SortOrder {
    /// Ascending (`ASC`), the databases' default.
    Asc,
    /// Descending (`DESC`).
    Desc,
}

/// One column of an index or primary key, with its per-column options.
///
/// Two columns are equal when they index alike: no order and `Asc` are the
/// same order (databases report ascending as no order; a schema may write
/// `sort: Asc`, which renders `ASC` as Prisma writes it).
#[derive(Debug, Clone, Eq, serde::Serialize, serde::Deserialize)]
pub struct IndexColumn {
    /// The column's name.
    pub name: String,
    /// `sort:`; `None` for the database's default (ascending).
    pub sort: Option<SortOrder>,
    /// Prefix length (MySQL).
    pub length: Option<u32>,
    /// Operator class (PostgreSQL `ops:`).
    pub ops: Option<String>,
}

impl PartialEq for IndexColumn {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.order() == other.order() && self.length == other.length && self.ops == other.ops
    }
}

impl IndexColumn {
    /// The column's order, ascending where none is written or reported.
    pub fn order(&self) -> SortOrder {
        self.sort.unwrap_or(SortOrder::Asc)
    }

    /// A column with this name and no options.
    pub fn named(name: impl Into<String>) -> Self {
        IndexColumn {
            name: name.into(),
            sort: None,
            length: None,
            ops: None,
        }
    }
}

/// What an index is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum IndexKind {
    /// A plain index (`@@index`).
    Normal,
    /// A unique index or constraint (`@unique`, `@@unique`).
    Unique,
    /// A full-text index (`@@fulltext`, MySQL).
    Fulltext,
}

/// Index methods (`@@index(type: ...)`), PostgreSQL only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum IndexAlgorithm {
    /// B-tree, the default method.
    BTree,
    /// Hash.
    Hash,
    /// GiST, the generalized search tree.
    Gist,
    /// GIN, the generalized inverted index (arrays, `jsonb`, full-text search).
    Gin,
    /// SP-GiST, the space-partitioned GiST.
    SpGist,
    /// BRIN, the block range index.
    Brin,
}

impl IndexAlgorithm {
    /// Every index method.
    pub const ALL: [IndexAlgorithm; 6] = [
        IndexAlgorithm::BTree,
        IndexAlgorithm::Hash,
        IndexAlgorithm::Gist,
        IndexAlgorithm::Gin,
        IndexAlgorithm::SpGist,
        IndexAlgorithm::Brin,
    ];

    /// The schema spelling, as in `@@index(type: Hash)`.
    pub fn name(self) -> &'static str {
        match self {
            IndexAlgorithm::BTree => "BTree",
            IndexAlgorithm::Hash => "Hash",
            IndexAlgorithm::Gist => "Gist",
            IndexAlgorithm::Gin => "Gin",
            IndexAlgorithm::SpGist => "SpGist",
            IndexAlgorithm::Brin => "Brin",
        }
    }
}

/// An index or unique constraint of a table.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Index {
    /// The index's name in the database (`map:`, else Prisma's default, such as `User_email_key`).
    pub name: String,
    /// Plain, unique or full-text.
    pub kind: IndexKind,
    /// The indexed columns, in index order.
    pub columns: Vec<IndexColumn>,
    /// `None` is the database's default method.
    pub algorithm: Option<IndexAlgorithm>,
    /// The index behind a `UNIQUE` constraint of the table's definition
    /// (PostgreSQL's `pg_constraint`; SQLite's `sqlite_autoindex_*`), not
    /// one made by `CREATE UNIQUE INDEX`: the database drops it only with
    /// its constraint (PostgreSQL) or its table (SQLite). Set by
    /// introspection; never compared (a schema file cannot say it).
    pub constraint: bool,
}

/// What a foreign key does to the referencing rows when the referenced row is deleted
/// (`onDelete`) or its key updated (`onUpdate`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ReferentialAction {
    /// Delete or update the referencing rows too.
    Cascade,
    /// Refuse the change while rows reference the row, checked at once.
    Restrict,
    /// Refuse the change if rows still reference the row when the constraint is checked (which
    /// PostgreSQL can defer to the end of the transaction; the same as `RESTRICT` in InnoDB).
    NoAction,
    /// Set the referencing columns to `NULL`.
    SetNull,
    /// Set the referencing columns to their defaults.
    SetDefault,
}

impl ReferentialAction {
    /// Every action.
    pub const ALL: [ReferentialAction; 5] = [
        ReferentialAction::Cascade,
        ReferentialAction::Restrict,
        ReferentialAction::NoAction,
        ReferentialAction::SetNull,
        ReferentialAction::SetDefault,
    ];

    /// The Prisma schema spelling.
    pub fn name(self) -> &'static str {
        match self {
            ReferentialAction::Cascade => "Cascade",
            ReferentialAction::Restrict => "Restrict",
            ReferentialAction::NoAction => "NoAction",
            ReferentialAction::SetNull => "SetNull",
            ReferentialAction::SetDefault => "SetDefault",
        }
    }

    /// The SQL spelling.
    pub fn sql(self) -> &'static str {
        match self {
            ReferentialAction::Cascade => "CASCADE",
            ReferentialAction::Restrict => "RESTRICT",
            ReferentialAction::NoAction => "NO ACTION",
            ReferentialAction::SetNull => "SET NULL",
            ReferentialAction::SetDefault => "SET DEFAULT",
        }
    }
}

/// A foreign key constraint, held by the referencing table.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ForeignKey {
    /// The constraint's name (`map:`, else Prisma's default, such as `Post_authorId_fkey`).
    pub name: String,
    /// The referencing columns of this table, in key order.
    pub columns: Vec<String>,
    /// The referenced table.
    pub referenced_table: String,
    /// The referenced table's database schema, as in [`TableName`].
    #[serde(default)]
    pub referenced_namespace: Option<String>,
    /// The referenced columns, in the order of `columns`.
    pub referenced_columns: Vec<String>,
    /// `ON DELETE`.
    pub on_delete: ReferentialAction,
    /// `ON UPDATE`.
    pub on_update: ReferentialAction,
}

impl ForeignKey {
    /// The referenced table's name with its database schema.
    pub fn referenced(&self) -> TableName {
        TableName {
            namespace: self.referenced_namespace.clone(),
            name: self.referenced_table.clone(),
        }
    }

    /// The referenced table's key in [`Schema::tables_by_name`].
    pub fn referenced_key(&self) -> TableKey<'_> {
        (self.referenced_namespace.as_deref(), self.referenced_table.as_str())
    }
}

/// A PostgreSQL extension, by its database name.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Extension {
    /// The extension's name in the database: `CREATE EXTENSION name`.
    pub name: String,
    /// The database schema to create it in; `None` for the database's default.
    pub schema: Option<String>,
    /// The version to install; `None` for the extension's default version.
    pub version: Option<String>,
}

/// An enum type: a named type in PostgreSQL (`CREATE TYPE ... AS ENUM`); on MySQL, the values
/// of a column's inline `ENUM(...)`, listed by introspection for `db pull`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Enum {
    /// The database schema (`@@schema`); `None` for the session's own, as in [`TableName`].
    #[serde(default)]
    pub namespace: Option<String>,
    /// The type's name in the database (`@@map`, else the enum's name); for a MySQL inline enum,
    /// `<table>_<column>`, as Prisma names it.
    pub name: String,
    /// The values as the database stores them (`@map`, else their names), in order.
    pub values: Vec<String>,
}

/// A decimal number in its shortest spelling: `1.0`, `+1` and `1.000` are
/// `1`; `1.50` is `1.5`. Databases print defaults with their own digits,
/// and defaults compare by value.
pub fn canonical_number(n: &str) -> String {
    let n = n.trim().trim_start_matches('+');
    match n.split_once('.') {
        Some((int, frac)) if !n.contains(['e', 'E']) => {
            let frac = frac.trim_end_matches('0');
            if frac.is_empty() {
                int.to_string()
            } else {
                format!("{int}.{frac}")
            }
        }
        _ => n.to_string(),
    }
}
