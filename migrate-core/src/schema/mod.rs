//! The one dialect-neutral model of a database. Both sides of every diff are
//! a [`Schema`], whether lowered from a schema file or introspected.
//!
//! Tables keep their order (schema-file order when lowered, so generated SQL
//! follows the models as written, as Prisma's does); lookups are by name.

mod datetime;
mod names;

pub use datetime::{same_instant, DateTimeDefault};
pub use names::{ConstraintNames, IdentifierLimit};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schema {
    pub tables: Vec<Table>,
    /// Named enum types (PostgreSQL). Where enums are inline (MySQL),
    /// introspection lists the columns' enums here for `db pull` only; the
    /// differ reads them only for named types. Empty where enums are text.
    pub enums: Vec<Enum>,
    /// Database extensions the schema needs (PostgreSQL `extensions`).
    pub extensions: Vec<Extension>,
}

impl Schema {
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.name == name)
    }

    pub fn enum_(&self, name: &str) -> Option<&Enum> {
        self.enums.iter().find(|e| e.name == name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub name: String,
    pub columns: Vec<Column>,
    pub primary_key: Option<PrimaryKey>,
    /// Unique constraints, plain and fulltext indexes, in declaration order.
    pub indexes: Vec<Index>,
    pub foreign_keys: Vec<ForeignKey>,
}

impl Table {
    pub fn new(name: impl Into<String>) -> Self {
        Table {
            name: name.into(),
            columns: Vec::new(),
            primary_key: None,
            indexes: Vec::new(),
            foreign_keys: Vec::new(),
        }
    }

    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    pub fn index(&self, name: &str) -> Option<&Index> {
        self.indexes.iter().find(|i| i.name == name)
    }

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub ty: ColumnType,
    pub nullable: bool,
    pub default: Option<DefaultValue>,
    pub auto_increment: bool,
}

/// The Prisma scalar a column holds. Lets `db pull` map a column back to a
/// field type, and lets renderers pick literal syntax for defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ScalarType {
    String,
    Boolean,
    Int,
    BigInt,
    Float,
    Decimal,
    DateTime,
    Json,
    Bytes,
}

impl ScalarType {
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

    pub fn from_name(name: &str) -> Option<ScalarType> {
        ScalarType::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// What a column holds, in the dialect's canonical spelling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnType {
    pub family: TypeFamily,
    /// The SQL type as the dialect writes it in DDL, canonical so that a
    /// lowered and an introspected column compare equal (`TEXT`, `VARCHAR(191)`).
    pub sql: String,
    /// A scalar list (PostgreSQL arrays).
    pub list: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeFamily {
    Scalar(ScalarType),
    /// A Prisma enum; the name is the enum's database name.
    Enum(String),
    /// `Unsupported("...")`: kept as written.
    Unsupported,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DefaultValue {
    /// A constant in its neutral spelling: strings unescaped, numbers as
    /// written, booleans `true`/`false`, bytes as lowercase hex.
    Literal(Literal),
    /// The database's current timestamp (`now()`).
    Now,
    /// A raw SQL expression (`dbgenerated("...")`).
    Expression(String),
    /// A list default for scalar lists.
    List(Vec<Literal>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Literal {
    String(String),
    Number(String),
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrimaryKey {
    /// The constraint name, where the dialect keeps one.
    pub name: Option<String>,
    pub columns: Vec<IndexColumn>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortOrder {
    Asc,
    Desc,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexColumn {
    pub name: String,
    pub sort: Option<SortOrder>,
    /// Prefix length (MySQL).
    pub length: Option<u32>,
    /// Operator class (PostgreSQL `ops:`).
    pub ops: Option<String>,
}

impl IndexColumn {
    pub fn named(name: impl Into<String>) -> Self {
        IndexColumn {
            name: name.into(),
            sort: None,
            length: None,
            ops: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IndexKind {
    Normal,
    Unique,
    Fulltext,
}

/// Index methods (`@@index(type: ...)`), PostgreSQL only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IndexAlgorithm {
    BTree,
    Hash,
    Gist,
    Gin,
    SpGist,
    Brin,
}

impl IndexAlgorithm {
    pub const ALL: [IndexAlgorithm; 6] = [
        IndexAlgorithm::BTree,
        IndexAlgorithm::Hash,
        IndexAlgorithm::Gist,
        IndexAlgorithm::Gin,
        IndexAlgorithm::SpGist,
        IndexAlgorithm::Brin,
    ];

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Index {
    pub name: String,
    pub kind: IndexKind,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReferentialAction {
    Cascade,
    Restrict,
    NoAction,
    SetNull,
    SetDefault,
}

impl ReferentialAction {
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignKey {
    pub name: String,
    pub columns: Vec<String>,
    pub referenced_table: String,
    pub referenced_columns: Vec<String>,
    pub on_delete: ReferentialAction,
    pub on_update: ReferentialAction,
}

/// A PostgreSQL extension, by its database name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    pub name: String,
    pub schema: Option<String>,
    pub version: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enum {
    pub name: String,
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
