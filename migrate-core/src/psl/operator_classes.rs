//! PostgreSQL index methods and the field types they take: the operator
//! classes a schema can name (`@@index([c(ops: JsonbPathOps)], type: Gin)`),
//! each with its index methods and the field it expects, and the field
//! types each method has a default operator class for. Part of the language,
//! as `native_types` is; the classes' SQL names belong to the PostgreSQL
//! driver.
//!
//! The tables are Prisma 6.19.3's verdicts, asked of it on a grid of every
//! method × scalar and native type (single and list) × operator class; the
//! rule below reproduces each of its answers. Where Prisma accepts what
//! PostgreSQL refuses (a BRIN index on an array, `InetOps` on an `inet[]`),
//! it is followed: the migration then fails with PostgreSQL's message.

use crate::schema::IndexAlgorithm::{self, *};
use crate::schema::ScalarType::{self, *};

/// What an operator class expects of the field it indexes. A list field
/// passes where its element would, as Prisma reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operand {
    /// A field of one of these native types (`@db.Inet`), whatever its
    /// scalar type.
    Native(&'static [&'static str]),
    /// A field of this scalar type, without a native type or with one of
    /// these.
    Scalar(ScalarType, &'static [&'static str]),
    /// A list field, of any type.
    List,
}

/// An operator class as the schema names it.
#[derive(Debug, PartialEq, Eq)]
pub struct OperatorClass {
    /// The name after `ops:`: `JsonbPathOps`.
    pub name: &'static str,
    /// The index methods it belongs to.
    pub methods: &'static [IndexAlgorithm],
    /// The field it expects.
    pub operand: Operand,
}

const fn class(name: &'static str, methods: &'static [IndexAlgorithm], operand: Operand) -> OperatorClass {
    OperatorClass { name, methods, operand }
}

const BRIN: &[IndexAlgorithm] = &[Brin];
const INET: Operand = Operand::Native(&["Inet"]);

/// Every operator class a schema can name; any other is written `raw("...")`
/// and goes unchecked.
pub const OPERATOR_CLASSES: &[OperatorClass] = &[
    class("InetOps", &[Gist, SpGist], INET),
    class("JsonbOps", &[Gin], Operand::Scalar(Json, &["JsonB"])),
    class("JsonbPathOps", &[Gin], Operand::Scalar(Json, &["JsonB"])),
    class("ArrayOps", &[Gin], Operand::List),
    class(
        "TextOps",
        &[SpGist],
        Operand::Scalar(String, &["Text", "VarChar", "Char"]),
    ),
    class("BitMinMaxOps", BRIN, Operand::Native(&["Bit"])),
    class("VarBitMinMaxOps", BRIN, Operand::Native(&["VarBit"])),
    class("BpcharBloomOps", BRIN, Operand::Native(&["Char"])),
    class("BpcharMinMaxOps", BRIN, Operand::Native(&["Char"])),
    class("ByteaBloomOps", BRIN, Operand::Scalar(Bytes, &["ByteA"])),
    class("ByteaMinMaxOps", BRIN, Operand::Scalar(Bytes, &["ByteA"])),
    class("DateBloomOps", BRIN, Operand::Native(&["Date"])),
    class("DateMinMaxOps", BRIN, Operand::Native(&["Date"])),
    class("DateMinMaxMultiOps", BRIN, Operand::Native(&["Date"])),
    class("Float4BloomOps", BRIN, Operand::Native(&["Real"])),
    class("Float4MinMaxOps", BRIN, Operand::Native(&["Real"])),
    class("Float4MinMaxMultiOps", BRIN, Operand::Native(&["Real"])),
    class("Float8BloomOps", BRIN, Operand::Scalar(Float, &["DoublePrecision"])),
    class("Float8MinMaxOps", BRIN, Operand::Scalar(Float, &["DoublePrecision"])),
    class(
        "Float8MinMaxMultiOps",
        BRIN,
        Operand::Scalar(Float, &["DoublePrecision"]),
    ),
    class("InetInclusionOps", BRIN, INET),
    class("InetBloomOps", BRIN, INET),
    class("InetMinMaxOps", BRIN, INET),
    class("InetMinMaxMultiOps", BRIN, INET),
    class("Int2BloomOps", BRIN, Operand::Native(&["SmallInt"])),
    class("Int2MinMaxOps", BRIN, Operand::Native(&["SmallInt"])),
    class("Int2MinMaxMultiOps", BRIN, Operand::Native(&["SmallInt"])),
    class("Int4BloomOps", BRIN, Operand::Scalar(Int, &["Integer"])),
    class("Int4MinMaxOps", BRIN, Operand::Scalar(Int, &["Integer"])),
    class("Int4MinMaxMultiOps", BRIN, Operand::Scalar(Int, &["Integer"])),
    class("Int8BloomOps", BRIN, Operand::Scalar(BigInt, &["BigInt"])),
    class("Int8MinMaxOps", BRIN, Operand::Scalar(BigInt, &["BigInt"])),
    class("Int8MinMaxMultiOps", BRIN, Operand::Scalar(BigInt, &["BigInt"])),
    class("NumericBloomOps", BRIN, Operand::Scalar(Decimal, &["Decimal"])),
    class("NumericMinMaxOps", BRIN, Operand::Scalar(Decimal, &["Decimal"])),
    class("NumericMinMaxMultiOps", BRIN, Operand::Scalar(Decimal, &["Decimal"])),
    class("OidBloomOps", BRIN, Operand::Native(&["Oid"])),
    class("OidMinMaxOps", BRIN, Operand::Native(&["Oid"])),
    class("OidMinMaxMultiOps", BRIN, Operand::Native(&["Oid"])),
    class("TextBloomOps", BRIN, Operand::Scalar(String, &["Text", "VarChar"])),
    class("TextMinMaxOps", BRIN, Operand::Scalar(String, &["Text", "VarChar"])),
    class("TimestampBloomOps", BRIN, Operand::Scalar(DateTime, &["Timestamp"])),
    class("TimestampMinMaxOps", BRIN, Operand::Scalar(DateTime, &["Timestamp"])),
    class(
        "TimestampMinMaxMultiOps",
        BRIN,
        Operand::Scalar(DateTime, &["Timestamp"]),
    ),
    class("TimestampTzBloomOps", BRIN, Operand::Native(&["Timestamptz"])),
    class("TimestampTzMinMaxOps", BRIN, Operand::Native(&["Timestamptz"])),
    class("TimestampTzMinMaxMultiOps", BRIN, Operand::Native(&["Timestamptz"])),
    class("TimeBloomOps", BRIN, Operand::Native(&["Time"])),
    class("TimeMinMaxOps", BRIN, Operand::Native(&["Time"])),
    class("TimeMinMaxMultiOps", BRIN, Operand::Native(&["Time"])),
    class("TimeTzBloomOps", BRIN, Operand::Native(&["Timetz"])),
    class("TimeTzMinMaxOps", BRIN, Operand::Native(&["Timetz"])),
    class("TimeTzMinMaxMultiOps", BRIN, Operand::Native(&["Timetz"])),
    class("UuidBloomOps", BRIN, Operand::Native(&["Uuid"])),
    class("UuidMinMaxOps", BRIN, Operand::Native(&["Uuid"])),
    class("UuidMinMaxMultiOps", BRIN, Operand::Native(&["Uuid"])),
];

/// The operator class the schema names `name`; `None` for one written
/// with `raw("...")`.
pub fn operator_class(name: &str) -> Option<&'static OperatorClass> {
    OPERATOR_CLASSES.iter().find(|c| c.name == name)
}

/// The fields an index method has a default operator class for, where it
/// has not one for every type (B-tree and hash have). `Unsupported` fields
/// always pass: their type is the database's business.
#[derive(Debug)]
pub struct MethodDefaults {
    /// The method.
    pub method: IndexAlgorithm,
    /// Fields of these native types.
    pub natives: &'static [&'static str],
    /// Fields of these scalar types without a native type.
    pub scalars: &'static [ScalarType],
    /// Every list field (GIN's `array_ops`), whatever its type.
    pub lists: bool,
}

const METHOD_DEFAULTS: &[MethodDefaults] = &[
    MethodDefaults {
        method: Gist,
        natives: &[],
        scalars: &[String],
        lists: false,
    },
    MethodDefaults {
        method: Gin,
        natives: &["JsonB"],
        scalars: &[Json],
        lists: true,
    },
    MethodDefaults {
        method: SpGist,
        natives: &["Text", "VarChar", "Char", "Inet"],
        scalars: &[String],
        lists: false,
    },
    MethodDefaults {
        method: Brin,
        natives: &[
            "Text",
            "VarChar",
            "Char",
            "Bit",
            "VarBit",
            "Uuid",
            "Inet",
            "SmallInt",
            "Integer",
            "BigInt",
            "Oid",
            "Real",
            "DoublePrecision",
            "Decimal",
            "Date",
            "Time",
            "Timetz",
            "Timestamp",
            "Timestamptz",
            "ByteA",
        ],
        scalars: &[String, Int, BigInt, Float, Decimal, DateTime, Bytes],
        lists: false,
    },
];

/// The methods whose indexes hold one column. Prisma refuses a multi-column
/// SP-GiST index; PostgreSQL refuses a multi-column hash index too ("access
/// method does not support multicolumn indexes"), which Prisma lets through
/// to the migration: it is refused here.
pub const SINGLE_COLUMN_METHODS: [IndexAlgorithm; 2] = [SpGist, Hash];

/// What `method` has a default operator class for; `None` for a method
/// that has one for every type.
pub fn method_defaults(method: IndexAlgorithm) -> Option<&'static MethodDefaults> {
    METHOD_DEFAULTS.iter().find(|d| d.method == method)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_every_class_has_a_method() {
        for (i, c) in OPERATOR_CLASSES.iter().enumerate() {
            assert!(!c.methods.is_empty(), "{}", c.name);
            assert!(
                OPERATOR_CLASSES[..i].iter().all(|d| d.name != c.name),
                "{} twice",
                c.name
            );
        }
        assert_eq!(operator_class("JsonbPathOps").map(|c| c.methods), Some(&[Gin][..]));
        assert!(operator_class("gin_trgm_ops").is_none());
    }

    #[test]
    fn btree_and_hash_have_a_default_for_every_type() {
        assert!(method_defaults(BTree).is_none());
        assert!(method_defaults(Hash).is_none());
        assert!(method_defaults(Gin).is_some_and(|d| d.lists));
    }
}
