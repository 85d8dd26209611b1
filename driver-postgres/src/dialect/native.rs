//! PostgreSQL's built-in column types as `migrate` spells them: one
//! canonical SQL text per type, so that a lowered column and an introspected
//! one compare equal (`VARCHAR(120)`, `TIMESTAMP(3)`, `DECIMAL(65,30)`).
//! `@db.Char` and `@db.Bit` without a length stay bare, as Prisma writes
//! them (`CHAR`, `BIT`, which PostgreSQL makes `CHAR(1)`, `BIT(1)`);
//! `VARCHAR` and `VARBIT` without a length are unbounded and stay bare. A time type without a precision stays bare
//! too, as Prisma writes it (`@db.Time` is `TIME`), and is the same type as
//! one of PostgreSQL's default precision, 6 (see `PgType::same`).

use migrate_core::psl::datamodel::NativeType;
use migrate_core::schema::ScalarType;

/// Default precision of the time types, and Prisma's `DateTime` precision.
const TIME_PRECISION: u32 = 6;
const DATETIME_PRECISION: u32 = 3;
/// Prisma's `Decimal` without arguments.
const DECIMAL_DEFAULT: (u32, u32) = (65, 30);

/// A built-in PostgreSQL column type with its arguments filled in.
///
/// The `@db.*` names and the Prisma scalars they fit are Prisma's; sizes and
/// meanings are the PostgreSQL manual's (chapter 8, Data Types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PgType {
    /// `TEXT` (`@db.Text`): strings of any length; Prisma's default for `String`.
    Text,
    /// `CHAR(n)` (`@db.Char(n)`): exactly `n` characters, blank-padded.
    /// `None` is `@db.Char` without a length, written `CHAR` as Prisma
    /// writes it (PostgreSQL makes that `CHAR(1)`): the same type as
    /// `CHAR(1)`, and as what Prisma 6.19.3 pulls as `@db.Char` (an
    /// unbounded [`PgType::Bpchar`], the one-byte `"char"`).
    Char(Option<u32>),
    /// `BPCHAR` without a length: blank-padded, any length. Read from a
    /// database only (a column declared `bpchar`); Prisma 6.19.3 pulls it
    /// as `@db.Char`, which is the same type to it.
    Bpchar,
    /// `VARCHAR(n)` (`@db.VarChar(n)`): at most `n` characters; `None` is a
    /// bare `VARCHAR`, any length.
    VarChar(Option<u32>),
    /// `BIT(n)` (`@db.Bit(n)`, on a `String`): exactly `n` bits. `None` is
    /// `@db.Bit` without a length, written `BIT` as Prisma writes it
    /// (PostgreSQL makes that `BIT(1)`), and the same type as `BIT(1)`.
    Bit(Option<u32>),
    /// `VARBIT(n)` (`@db.VarBit(n)`, on a `String`): at most `n` bits; `None`
    /// is a bare `VARBIT`, any length.
    VarBit(Option<u32>),
    /// `UUID` (`@db.Uuid`, on a `String`).
    Uuid,
    /// `XML` (`@db.Xml`, on a `String`).
    Xml,
    /// `INET` (`@db.Inet`, on a `String`): an IPv4 or IPv6 host address,
    /// optionally with its subnet.
    Inet,
    /// `CITEXT` (`@db.Citext`, on a `String`): case-insensitive text, the
    /// `citext` extension's type.
    Citext,
    /// `BOOLEAN` (`@db.Boolean`); Prisma's default for `Boolean`.
    Boolean,
    /// `SMALLINT` (`@db.SmallInt`, on an `Int`): 2 bytes.
    SmallInt,
    /// `INTEGER` (`@db.Integer`): 4 bytes; Prisma's default for `Int`.
    Integer,
    /// `BIGINT` (`@db.BigInt`): 8 bytes; Prisma's default for `BigInt`.
    BigInt,
    /// `OID` (`@db.Oid`, on an `Int`): PostgreSQL's object identifier, an
    /// unsigned 4-byte integer.
    Oid,
    /// `REAL` (`@db.Real`, on a `Float`): 4-byte floating point.
    Real,
    /// `DOUBLE PRECISION` (`@db.DoublePrecision`): 8-byte floating point;
    /// Prisma's default for `Float`.
    DoublePrecision,
    /// `DECIMAL(p,s)` (`@db.Decimal(p, s)`): `p` digits in all, `s` of them
    /// after the point; Prisma's `Decimal` is `(65, 30)`. `None` is
    /// `DECIMAL` without a limit (`@db.Decimal`, as Prisma 6.19.3 writes it).
    Decimal(Option<(u32, u32)>),
    /// `MONEY` (`@db.Money`, on a `Decimal`): a currency amount, its
    /// fraction digits set by the server's `lc_monetary`.
    Money,
    /// `TIMESTAMP(p)` (`@db.Timestamp(p)`): date and time without a time
    /// zone; `p` is the fractional-second digits, `None` where none is
    /// written (PostgreSQL's 6). Prisma's `DateTime` is `TIMESTAMP(3)`.
    Timestamp(Option<u32>),
    /// `TIMESTAMPTZ(p)` (`@db.Timestamptz(p)`): date and time with a time
    /// zone (stored as UTC); `p` as for [`PgType::Timestamp`].
    Timestamptz(Option<u32>),
    /// `DATE` (`@db.Date`, on a `DateTime`): a day, no time of day.
    Date,
    /// `TIME(p)` (`@db.Time(p)`, on a `DateTime`): a time of day without a
    /// time zone; `p` as for [`PgType::Timestamp`].
    Time(Option<u32>),
    /// `TIMETZ(p)` (`@db.Timetz(p)`, on a `DateTime`): a time of day with a
    /// time zone offset; `p` as for [`PgType::Timestamp`].
    Timetz(Option<u32>),
    /// `JSON` (`@db.Json`): JSON kept as the text that was written.
    Json,
    /// `JSONB` (`@db.JsonB`): JSON stored decomposed, in binary; Prisma's
    /// default for `Json`.
    JsonB,
    /// `BYTEA` (`@db.ByteA`): a byte string; Prisma's default for `Bytes`.
    ByteA,
}

impl PgType {
    /// The type Prisma gives a scalar without `@db.*`.
    pub fn for_scalar(scalar: ScalarType) -> PgType {
        match scalar {
            ScalarType::String => PgType::Text,
            ScalarType::Boolean => PgType::Boolean,
            ScalarType::Int => PgType::Integer,
            ScalarType::BigInt => PgType::BigInt,
            ScalarType::Float => PgType::DoublePrecision,
            ScalarType::Decimal => PgType::Decimal(Some(DECIMAL_DEFAULT)),
            ScalarType::DateTime => PgType::Timestamp(Some(DATETIME_PRECISION)),
            ScalarType::Json => PgType::JsonB,
            ScalarType::Bytes => PgType::ByteA,
        }
    }

    /// `@db.Name(args)`, or `None` for a name or arguments PostgreSQL's
    /// catalogue does not have (validation keeps those out).
    pub fn from_native(native: &NativeType) -> Option<PgType> {
        let args: Vec<u32> = native
            .args
            .iter()
            .map(|a| a.trim().parse().ok())
            .collect::<Option<_>>()?;
        let one = || match args.as_slice() {
            [] => Some(None),
            [n] => Some(Some(*n)),
            _ => None,
        };
        let none = || args.is_empty().then_some(());
        Some(match native.name.as_str() {
            "Text" => none().map(|_| PgType::Text)?,
            "Char" => PgType::Char(one()?),
            "VarChar" => PgType::VarChar(one()?),
            "Bit" => PgType::Bit(one()?),
            "VarBit" => PgType::VarBit(one()?),
            "Decimal" => match args.as_slice() {
                [] => PgType::Decimal(None),
                [p, s] => PgType::Decimal(Some((*p, *s))),
                _ => return None,
            },
            "Timestamp" => PgType::Timestamp(one()?),
            "Timestamptz" => PgType::Timestamptz(one()?),
            "Time" => PgType::Time(one()?),
            "Timetz" => PgType::Timetz(one()?),
            name => none().and_then(|_| Self::bare(name))?,
        })
    }

    /// Native types without arguments, by their Prisma name.
    fn bare(name: &str) -> Option<PgType> {
        Some(match name {
            "Uuid" => PgType::Uuid,
            "Xml" => PgType::Xml,
            "Inet" => PgType::Inet,
            "Citext" => PgType::Citext,
            "Boolean" => PgType::Boolean,
            "SmallInt" => PgType::SmallInt,
            "Integer" => PgType::Integer,
            "BigInt" => PgType::BigInt,
            "Oid" => PgType::Oid,
            "Real" => PgType::Real,
            "DoublePrecision" => PgType::DoublePrecision,
            "Money" => PgType::Money,
            "Date" => PgType::Date,
            "Json" => PgType::Json,
            "JsonB" => PgType::JsonB,
            "ByteA" => PgType::ByteA,
            _ => return None,
        })
    }

    /// The `@db.*` attribute for this type (the inverse of [`PgType::from_native`]).
    pub fn to_native(self) -> NativeType {
        let (name, args): (&str, Vec<u32>) = match self {
            PgType::Text => ("Text", vec![]),
            PgType::Char(n) => ("Char", n.into_iter().collect()),
            PgType::Bpchar => ("Char", vec![]),
            PgType::VarChar(n) => ("VarChar", n.into_iter().collect()),
            PgType::Bit(n) => ("Bit", n.into_iter().collect()),
            PgType::VarBit(n) => ("VarBit", n.into_iter().collect()),
            PgType::Uuid => ("Uuid", vec![]),
            PgType::Xml => ("Xml", vec![]),
            PgType::Inet => ("Inet", vec![]),
            PgType::Citext => ("Citext", vec![]),
            PgType::Boolean => ("Boolean", vec![]),
            PgType::SmallInt => ("SmallInt", vec![]),
            PgType::Integer => ("Integer", vec![]),
            PgType::BigInt => ("BigInt", vec![]),
            PgType::Oid => ("Oid", vec![]),
            PgType::Real => ("Real", vec![]),
            PgType::DoublePrecision => ("DoublePrecision", vec![]),
            PgType::Decimal(None) => ("Decimal", vec![]),
            PgType::Decimal(Some((p, s))) => ("Decimal", vec![p, s]),
            PgType::Money => ("Money", vec![]),
            PgType::Timestamp(p) => ("Timestamp", p.into_iter().collect()),
            PgType::Timestamptz(p) => ("Timestamptz", p.into_iter().collect()),
            PgType::Date => ("Date", vec![]),
            PgType::Time(p) => ("Time", p.into_iter().collect()),
            PgType::Timetz(p) => ("Timetz", p.into_iter().collect()),
            PgType::Json => ("Json", vec![]),
            PgType::JsonB => ("JsonB", vec![]),
            PgType::ByteA => ("ByteA", vec![]),
        };
        NativeType {
            name: name.to_string(),
            args: args.iter().map(u32::to_string).collect(),
        }
    }

    /// The canonical SQL spelling.
    pub fn sql(self) -> String {
        let with = |name: &str, n: u32| format!("{name}({n})");
        match self {
            PgType::Char(Some(n)) => with("CHAR", n),
            PgType::VarChar(Some(n)) => with("VARCHAR", n),
            PgType::Bit(Some(n)) => with("BIT", n),
            PgType::VarBit(Some(n)) => with("VARBIT", n),
            PgType::Decimal(Some((p, s))) => format!("DECIMAL({p},{s})"),
            PgType::Timestamp(Some(p)) => with("TIMESTAMP", p),
            PgType::Timestamptz(Some(p)) => with("TIMESTAMPTZ", p),
            PgType::Time(Some(p)) => with("TIME", p),
            PgType::Timetz(Some(p)) => with("TIMETZ", p),
            other => other.keyword().to_string(),
        }
    }

    /// The type name without arguments.
    fn keyword(self) -> &'static str {
        match self {
            PgType::Text => "TEXT",
            PgType::Char(_) => "CHAR",
            PgType::Bpchar => "BPCHAR",
            PgType::VarChar(_) => "VARCHAR",
            PgType::Bit(_) => "BIT",
            PgType::VarBit(_) => "VARBIT",
            PgType::Uuid => "UUID",
            PgType::Xml => "XML",
            PgType::Inet => "INET",
            PgType::Citext => "CITEXT",
            PgType::Boolean => "BOOLEAN",
            PgType::SmallInt => "SMALLINT",
            PgType::Integer => "INTEGER",
            PgType::BigInt => "BIGINT",
            PgType::Oid => "OID",
            PgType::Real => "REAL",
            PgType::DoublePrecision => "DOUBLE PRECISION",
            PgType::Decimal(..) => "DECIMAL",
            PgType::Money => "MONEY",
            PgType::Timestamp(_) => "TIMESTAMP",
            PgType::Timestamptz(_) => "TIMESTAMPTZ",
            PgType::Date => "DATE",
            PgType::Time(_) => "TIME",
            PgType::Timetz(_) => "TIMETZ",
            PgType::Json => "JSON",
            PgType::JsonB => "JSONB",
            PgType::ByteA => "BYTEA",
        }
    }

    /// Reads a canonical spelling back (`None` for anything else, such as an
    /// `Unsupported("...")` type or an enum).
    pub fn parse(sql: &str) -> Option<PgType> {
        let (name, args) = match sql.split_once('(') {
            Some((name, rest)) => (name, parse_args(rest.strip_suffix(')')?)?),
            None => (sql, Vec::new()),
        };
        let parsed = Self::ALL_KEYWORDS
            .iter()
            .copied()
            .find(|t| t.keyword() == name)
            .and_then(|t| t.with_args(&args))?;
        (parsed.sql() == sql).then_some(parsed)
    }

    /// One value of each type, to find a type by its keyword.
    const ALL_KEYWORDS: [PgType; 27] = [
        PgType::Text,
        PgType::Char(None),
        PgType::Bpchar,
        PgType::VarChar(None),
        PgType::Bit(None),
        PgType::VarBit(None),
        PgType::Uuid,
        PgType::Xml,
        PgType::Inet,
        PgType::Citext,
        PgType::Boolean,
        PgType::SmallInt,
        PgType::Integer,
        PgType::BigInt,
        PgType::Oid,
        PgType::Real,
        PgType::DoublePrecision,
        PgType::Decimal(None),
        PgType::Money,
        PgType::Timestamp(None),
        PgType::Timestamptz(None),
        PgType::Date,
        PgType::Time(None),
        PgType::Timetz(None),
        PgType::Json,
        PgType::JsonB,
        PgType::ByteA,
    ];

    /// This type with its arguments replaced by `args`.
    fn with_args(self, args: &[u32]) -> Option<PgType> {
        Some(match (self, args) {
            (PgType::Char(_), [n]) => PgType::Char(Some(*n)),
            (PgType::VarChar(_), []) => PgType::VarChar(None),
            (PgType::VarChar(_), [n]) => PgType::VarChar(Some(*n)),
            (PgType::Bit(_), [n]) => PgType::Bit(Some(*n)),
            (PgType::VarBit(_), []) => PgType::VarBit(None),
            (PgType::VarBit(_), [n]) => PgType::VarBit(Some(*n)),
            (PgType::Decimal(_), [p, s]) => PgType::Decimal(Some((*p, *s))),
            (PgType::Timestamp(_), [p]) => PgType::Timestamp(Some(*p)),
            (PgType::Timestamptz(_), [p]) => PgType::Timestamptz(Some(*p)),
            (PgType::Time(_), [p]) => PgType::Time(Some(*p)),
            (PgType::Timetz(_), [p]) => PgType::Timetz(Some(*p)),
            (t, []) if t.sql() == t.keyword() => t,
            _ => return None,
        })
    }

    /// Whether two types are one to PostgreSQL: a time type without a
    /// precision has the default one (`TIME` is `TIME(6)`). `@db.Char`
    /// without a length is `CHAR(1)`, and also an unbounded `BPCHAR`, which
    /// Prisma 6.19.3 pulls as `@db.Char` and then sees no change in;
    /// `@db.Bit` without one is `BIT(1)`.
    pub fn same(self, other: PgType) -> bool {
        let bare_char = |a: PgType, b: PgType| {
            (a == PgType::Char(None) && matches!(b, PgType::Char(Some(1)) | PgType::Bpchar))
                || (a == PgType::Bit(None) && b == PgType::Bit(Some(1)))
        };
        let (a, b) = (self.with_default_precision(), other.with_default_precision());
        a == b || bare_char(a, b) || bare_char(b, a)
    }

    fn with_default_precision(self) -> PgType {
        let p = |p: Option<u32>| Some(p.unwrap_or(TIME_PRECISION));
        match self {
            PgType::Timestamp(x) => PgType::Timestamp(p(x)),
            PgType::Timestamptz(x) => PgType::Timestamptz(p(x)),
            PgType::Time(x) => PgType::Time(p(x)),
            PgType::Timetz(x) => PgType::Timetz(p(x)),
            other => other,
        }
    }

    /// The most characters a `CHAR(n)` or `VARCHAR(n)` holds (`CHAR` alone
    /// holds one); `None` for the other types, unbounded ones included.
    pub(crate) fn bounded_length(self) -> Option<u32> {
        match self {
            PgType::Char(n) => Some(n.unwrap_or(1)),
            PgType::VarChar(n) => n,
            _ => None,
        }
    }

    /// Whether an auto-increment column of this type is a `SERIAL` kind.
    pub(crate) fn serial(self) -> Option<&'static str> {
        match self {
            PgType::SmallInt => Some("SMALLSERIAL"),
            PgType::Integer => Some("SERIAL"),
            PgType::BigInt => Some("BIGSERIAL"),
            _ => None,
        }
    }
}

fn parse_args(text: &str) -> Option<Vec<u32>> {
    text.split(',').map(|a| a.trim().parse().ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn native(name: &str, args: &[&str]) -> Option<String> {
        let native = NativeType {
            name: name.to_string(),
            args: args.iter().map(|a| a.to_string()).collect(),
        };
        PgType::from_native(&native).map(PgType::sql)
    }

    #[test]
    fn arguments_are_checked() {
        assert_eq!(native("VarChar", &["12"]).as_deref(), Some("VARCHAR(12)"));
        assert_eq!(native("VarChar", &["a"]), None);
        assert_eq!(native("Text", &["1"]), None);
        assert_eq!(native("Decimal", &["10"]), None);
        assert_eq!(native("Nope", &[]), None);
    }

    #[test]
    fn only_canonical_spellings_parse() {
        assert_eq!(PgType::parse("VARCHAR(12)"), Some(PgType::VarChar(Some(12))));
        assert_eq!(PgType::parse("DOUBLE PRECISION"), Some(PgType::DoublePrecision));
        assert_eq!(PgType::parse("DECIMAL(10,2)"), Some(PgType::Decimal(Some((10, 2)))));
        assert_eq!(PgType::parse("DECIMAL"), Some(PgType::Decimal(None)));
        assert_eq!(PgType::parse("DECIMAL(10, 2)"), None);
        assert_eq!(PgType::parse("CHAR"), Some(PgType::Char(None)));
        assert_eq!(PgType::parse("CHAR(1)"), Some(PgType::Char(Some(1))));
        assert_eq!(PgType::parse("BPCHAR"), Some(PgType::Bpchar));
        assert_eq!(PgType::parse("TEXT(1)"), None);
        assert_eq!(PgType::parse("tsvector"), None);
        assert_eq!(PgType::parse("\"Role\""), None);
        assert_eq!(PgType::parse("TIME"), Some(PgType::Time(None)));
        assert_eq!(PgType::parse("TIMESTAMPTZ(6)"), Some(PgType::Timestamptz(Some(6))));
    }

    #[test]
    fn char_and_bit_without_a_length_are_one_long_and_char_also_an_unbounded_bpchar() {
        assert_eq!(native("Char", &[]).as_deref(), Some("CHAR"));
        assert!(PgType::Char(None).same(PgType::Char(Some(1))));
        assert!(PgType::Bpchar.same(PgType::Char(None)));
        assert!(!PgType::Bpchar.same(PgType::Char(Some(1))));
        assert!(!PgType::Char(None).same(PgType::Char(Some(2))));
        assert_eq!(PgType::Bpchar.to_native().args, Vec::<String>::new());
        assert_eq!(native("Bit", &[]).as_deref(), Some("BIT"));
        assert!(PgType::Bit(None).same(PgType::Bit(Some(1))));
        assert!(!PgType::Bit(None).same(PgType::Bit(Some(2))));
    }

    #[test]
    fn a_time_type_without_precision_has_the_default_one() {
        assert_eq!(native("Time", &[]).as_deref(), Some("TIME"));
        assert!(PgType::Time(None).same(PgType::Time(Some(6))));
        assert!(!PgType::Time(None).same(PgType::Time(Some(3))));
        assert!(!PgType::Time(None).same(PgType::Timetz(None)));
    }
}
