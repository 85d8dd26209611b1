//! The `@db.*` native types each provider accepts: their arguments and the
//! scalar types they fit. Part of the language (validation needs it for
//! every provider); how they are written in SQL belongs to each driver.

use super::datamodel::Provider;
use crate::schema::ScalarType::{self, *};

/// How many integer arguments a native type takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Args {
    /// `Name` only.
    None,
    /// `Name` or `Name(n)`.
    OptionalOne,
    /// `Name(n)`.
    One,
    /// `Name`, or `Name(p, s)`.
    OptionalTwo,
}

impl Args {
    /// Whether `n` arguments are a valid count.
    pub fn accepts(self, n: usize) -> bool {
        match self {
            Args::None => n == 0,
            Args::OptionalOne => n <= 1,
            Args::One => n == 1,
            Args::OptionalTwo => n == 0 || n == 2,
        }
    }

    /// The valid counts, for messages: "at most one argument".
    pub fn describe(self) -> &'static str {
        match self {
            Args::None => "no arguments",
            Args::OptionalOne => "at most one argument",
            Args::One => "exactly one argument",
            Args::OptionalTwo => "no arguments or two arguments",
        }
    }
}

/// One native type of a provider, as the schema spells it: `@db.VarChar(191)`.
pub struct NativeTypeSpec {
    /// The name after `@db.`: `VarChar`.
    pub name: &'static str,
    /// How many arguments it takes.
    pub args: Args,
    /// The field types it can be used on.
    pub scalars: &'static [ScalarType],
}

const fn t(name: &'static str, args: Args, scalars: &'static [ScalarType]) -> NativeTypeSpec {
    NativeTypeSpec { name, args, scalars }
}

const POSTGRES: &[NativeTypeSpec] = &[
    t("Text", Args::None, &[String]),
    t("Char", Args::OptionalOne, &[String]),
    t("VarChar", Args::OptionalOne, &[String]),
    t("Bit", Args::OptionalOne, &[String]),
    t("VarBit", Args::OptionalOne, &[String]),
    t("Uuid", Args::None, &[String]),
    t("Xml", Args::None, &[String]),
    t("Inet", Args::None, &[String]),
    t("Citext", Args::None, &[String]),
    t("Boolean", Args::None, &[Boolean]),
    t("Integer", Args::None, &[Int]),
    t("SmallInt", Args::None, &[Int]),
    t("Oid", Args::None, &[Int]),
    t("BigInt", Args::None, &[BigInt]),
    t("DoublePrecision", Args::None, &[Float]),
    t("Real", Args::None, &[Float]),
    t("Decimal", Args::OptionalTwo, &[Decimal]),
    t("Money", Args::None, &[Decimal]),
    t("Timestamp", Args::OptionalOne, &[DateTime]),
    t("Timestamptz", Args::OptionalOne, &[DateTime]),
    t("Date", Args::None, &[DateTime]),
    t("Time", Args::OptionalOne, &[DateTime]),
    t("Timetz", Args::OptionalOne, &[DateTime]),
    t("Json", Args::None, &[Json]),
    t("JsonB", Args::None, &[Json]),
    t("ByteA", Args::None, &[Bytes]),
];

const MYSQL: &[NativeTypeSpec] = &[
    t("VarChar", Args::One, &[String]),
    t("Char", Args::OptionalOne, &[String]),
    t("Text", Args::None, &[String]),
    t("TinyText", Args::None, &[String]),
    t("MediumText", Args::None, &[String]),
    t("LongText", Args::None, &[String]),
    t("Bit", Args::One, &[Boolean, Bytes]),
    t("Binary", Args::OptionalOne, &[Bytes]),
    t("VarBinary", Args::One, &[Bytes]),
    t("TinyBlob", Args::None, &[Bytes]),
    t("Blob", Args::None, &[Bytes]),
    t("MediumBlob", Args::None, &[Bytes]),
    t("LongBlob", Args::None, &[Bytes]),
    t("Int", Args::None, &[Int]),
    t("UnsignedInt", Args::None, &[Int]),
    t("SmallInt", Args::None, &[Int]),
    t("UnsignedSmallInt", Args::None, &[Int]),
    t("TinyInt", Args::None, &[Int, Boolean]),
    t("UnsignedTinyInt", Args::None, &[Int]),
    t("MediumInt", Args::None, &[Int]),
    t("UnsignedMediumInt", Args::None, &[Int]),
    t("Year", Args::None, &[Int]),
    t("BigInt", Args::None, &[BigInt]),
    t("UnsignedBigInt", Args::None, &[BigInt]),
    t("Decimal", Args::OptionalTwo, &[Decimal]),
    t("Float", Args::None, &[Float]),
    t("Double", Args::None, &[Float]),
    t("DateTime", Args::OptionalOne, &[DateTime]),
    t("Timestamp", Args::OptionalOne, &[DateTime]),
    t("Date", Args::None, &[DateTime]),
    t("Time", Args::OptionalOne, &[DateTime]),
    t("Json", Args::None, &[Json]),
];

/// Native types of a provider; SQLite has none.
pub fn native_types(provider: Provider) -> &'static [NativeTypeSpec] {
    match provider {
        Provider::Postgres => POSTGRES,
        Provider::Mysql => MYSQL,
        Provider::Sqlite => &[],
    }
}

/// The provider's native type named `name` (as after `@db.`), if it has one.
pub fn find(provider: Provider, name: &str) -> Option<&'static NativeTypeSpec> {
    native_types(provider).iter().find(|t| t.name == name)
}
