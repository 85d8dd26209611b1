//! MySQL's column types as `migrate` spells them: one canonical SQL text per
//! type, written the way Prisma writes it in migrations (`INTEGER UNSIGNED`,
//! `DECIMAL(65, 30)`, `DATETIME(3)`), with the arguments MySQL would fill in
//! made explicit (`CHAR` is `CHAR(1)`, `DECIMAL` is `DECIMAL(10, 0)`,
//! `DATETIME` is `DATETIME(0)`), so that a lowered column and one read from
//! `information_schema` compare equal. Integer display widths (`int(11)`)
//! mean nothing and are dropped, except `tinyint(1)`, which is how MySQL
//! stores `BOOLEAN`.

use migrate_core::psl::datamodel::NativeType;
use migrate_core::schema::ScalarType;

/// Prisma's `String` (191 characters of utf8mb4 fit an index key).
const VARCHAR_DEFAULT: u32 = 191;
/// Prisma's `DateTime` precision.
const DATETIME_PRECISION: u32 = 3;
/// Prisma's `Decimal` without arguments.
const DECIMAL_DEFAULT: (u32, u32) = (65, 30);
/// What MySQL makes of `DECIMAL` without arguments.
const DECIMAL_BARE: (u32, u32) = (10, 0);

/// A MySQL column type with its arguments filled in.
///
/// The `@db.*` names and the Prisma scalars they fit are Prisma's; ranges and
/// sizes are the MySQL manual's (Data Types chapter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MysqlType {
    /// `INTEGER` (`@db.Int`): 4 bytes, signed; Prisma's default for `Int`.
    Int,
    /// `INTEGER UNSIGNED` (`@db.UnsignedInt`, on an `Int`): 4 bytes, 0 to 4294967295.
    UnsignedInt,
    /// `SMALLINT` (`@db.SmallInt`, on an `Int`): 2 bytes, signed.
    SmallInt,
    /// `SMALLINT UNSIGNED` (`@db.UnsignedSmallInt`, on an `Int`): 2 bytes, 0 to 65535.
    UnsignedSmallInt,
    /// `TINYINT` (`@db.TinyInt` on an `Int`): 1 byte, signed. On a `Boolean`,
    /// `@db.TinyInt` is [`MysqlType::Boolean`].
    TinyInt,
    /// `TINYINT UNSIGNED` (`@db.UnsignedTinyInt`, on an `Int`): 1 byte, 0 to 255.
    UnsignedTinyInt,
    /// `MEDIUMINT` (`@db.MediumInt`, on an `Int`): 3 bytes, signed.
    MediumInt,
    /// `MEDIUMINT UNSIGNED` (`@db.UnsignedMediumInt`, on an `Int`): 3 bytes,
    /// 0 to 16777215.
    UnsignedMediumInt,
    /// `BIGINT` (`@db.BigInt`): 8 bytes, signed; Prisma's default for `BigInt`.
    BigInt,
    /// `BIGINT UNSIGNED` (`@db.UnsignedBigInt`, on a `BigInt`): 8 bytes, 0 to
    /// 2^64 - 1.
    UnsignedBigInt,
    /// `BOOLEAN`, stored as `tinyint(1)`.
    /// `@db.TinyInt` on a `Boolean`; Prisma's default for `Boolean`.
    Boolean,
    /// `YEAR` (`@db.Year`, on an `Int`): a year, 1901 to 2155 (or 0000), in 1 byte.
    Year,
    /// `DECIMAL(p, s)` (`@db.Decimal(p, s)`): `p` digits in all (at most 65),
    /// `s` of them after the point (at most 30). `@db.Decimal` is MySQL's
    /// `DECIMAL(10, 0)`; Prisma's `Decimal` is `DECIMAL(65, 30)`.
    Decimal(u32, u32),
    /// `FLOAT` (`@db.Float`, on a `Float`): 4-byte floating point.
    Float,
    /// `DOUBLE` (`@db.Double`): 8-byte floating point; Prisma's default for `Float`.
    Double,
    /// `BIT(n)` (`@db.Bit(n)`, on a `Boolean` or `Bytes`): `n` bits, 1 to 64;
    /// introspection reads `BIT(1)` as a `Boolean`, a wider one as `Bytes`.
    Bit(u32),
    /// `CHAR(n)` (`@db.Char(n)`, on a `String`): exactly `n` characters (0 to
    /// 255), padded with spaces; `@db.Char` is `CHAR(1)`, as in MySQL.
    Char(u32),
    /// `VARCHAR(n)` (`@db.VarChar(n)`): at most `n` characters; Prisma's
    /// `String` is `VARCHAR(191)`.
    VarChar(u32),
    /// `TINYTEXT` (`@db.TinyText`, on a `String`): at most 255 bytes.
    TinyText,
    /// `TEXT` (`@db.Text`, on a `String`): at most 65535 bytes.
    Text,
    /// `MEDIUMTEXT` (`@db.MediumText`, on a `String`): at most 16 MiB - 1 bytes.
    MediumText,
    /// `LONGTEXT` (`@db.LongText`, on a `String`): at most 4 GiB - 1 bytes.
    LongText,
    /// `BINARY(n)` (`@db.Binary(n)`, on `Bytes`): exactly `n` bytes (0 to
    /// 255), padded with zero bytes; `@db.Binary` is `BINARY(1)`, as in MySQL.
    Binary(u32),
    /// `VARBINARY(n)` (`@db.VarBinary(n)`, on `Bytes`): at most `n` bytes.
    VarBinary(u32),
    /// `TINYBLOB` (`@db.TinyBlob`, on `Bytes`): at most 255 bytes.
    TinyBlob,
    /// `BLOB` (`@db.Blob`, on `Bytes`): at most 65535 bytes.
    Blob,
    /// `MEDIUMBLOB` (`@db.MediumBlob`, on `Bytes`): at most 16 MiB - 1 bytes.
    MediumBlob,
    /// `LONGBLOB` (`@db.LongBlob`): at most 4 GiB - 1 bytes; Prisma's default
    /// for `Bytes`.
    LongBlob,
    /// `DATE` (`@db.Date`, on a `DateTime`): a day, no time of day.
    Date,
    /// `TIME(p)` (`@db.Time(p)`, on a `DateTime`): a time of day (or an
    /// interval, in MySQL) with `p` fractional-second digits (0 to 6);
    /// `@db.Time` is `TIME(0)`.
    Time(u32),
    /// `DATETIME(p)` (`@db.DateTime(p)`): date and time, no time zone, with
    /// `p` fractional-second digits (0 to 6); `@db.DateTime` is
    /// `DATETIME(0)`, Prisma's `DateTime` is `DATETIME(3)`.
    DateTime(u32),
    /// `TIMESTAMP(p)` (`@db.Timestamp(p)`, on a `DateTime`): date and time
    /// stored as UTC (converted from and to the session's time zone), 1970 to
    /// 2038, with `p` fractional-second digits (0 to 6); `@db.Timestamp` is
    /// `TIMESTAMP(0)`.
    Timestamp(u32),
    /// `JSON` (`@db.Json`): a JSON document (MySQL stores it in a binary
    /// format, MariaDB as `LONGTEXT`); Prisma's default for `Json`.
    Json,
}

impl MysqlType {
    /// The type Prisma gives a scalar without `@db.*`.
    pub fn for_scalar(scalar: ScalarType) -> MysqlType {
        match scalar {
            ScalarType::String => MysqlType::VarChar(VARCHAR_DEFAULT),
            ScalarType::Boolean => MysqlType::Boolean,
            ScalarType::Int => MysqlType::Int,
            ScalarType::BigInt => MysqlType::BigInt,
            ScalarType::Float => MysqlType::Double,
            ScalarType::Decimal => MysqlType::Decimal(DECIMAL_DEFAULT.0, DECIMAL_DEFAULT.1),
            ScalarType::DateTime => MysqlType::DateTime(DATETIME_PRECISION),
            ScalarType::Json => MysqlType::Json,
            ScalarType::Bytes => MysqlType::LongBlob,
        }
    }

    /// `@db.Name(args)` on a field of `scalar` (`Boolean @db.TinyInt` is
    /// `BOOLEAN`, as Prisma writes it), or `None` for a name or arguments
    /// MySQL does not have (validation keeps those out).
    pub fn from_native(native: &NativeType, scalar: ScalarType) -> Option<MysqlType> {
        let args: Vec<u32> = native
            .args
            .iter()
            .map(|a| a.trim().parse().ok())
            .collect::<Option<_>>()?;
        if native.name == "TinyInt" && scalar == ScalarType::Boolean {
            return args.is_empty().then_some(MysqlType::Boolean);
        }
        Self::named(&native.name, &args)
    }

    /// A type by its Prisma name and arguments.
    fn named(name: &str, args: &[u32]) -> Option<MysqlType> {
        let optional = |default: u32| match args {
            [] => Some(default),
            [n] => Some(*n),
            _ => None,
        };
        let one = || match args {
            [n] => Some(*n),
            _ => None,
        };
        Some(match name {
            "Decimal" => match args {
                [] => MysqlType::Decimal(DECIMAL_BARE.0, DECIMAL_BARE.1),
                [p, s] => MysqlType::Decimal(*p, *s),
                _ => return None,
            },
            "Bit" => MysqlType::Bit(one()?),
            "Char" => MysqlType::Char(optional(1)?),
            "VarChar" => MysqlType::VarChar(one()?),
            "Binary" => MysqlType::Binary(optional(1)?),
            "VarBinary" => MysqlType::VarBinary(one()?),
            "Time" => MysqlType::Time(optional(0)?),
            "DateTime" => MysqlType::DateTime(optional(0)?),
            "Timestamp" => MysqlType::Timestamp(optional(0)?),
            _ if args.is_empty() => Self::bare(name)?,
            _ => return None,
        })
    }

    /// Types without arguments, by their Prisma name.
    fn bare(name: &str) -> Option<MysqlType> {
        Some(match name {
            "Int" => MysqlType::Int,
            "UnsignedInt" => MysqlType::UnsignedInt,
            "SmallInt" => MysqlType::SmallInt,
            "UnsignedSmallInt" => MysqlType::UnsignedSmallInt,
            "TinyInt" => MysqlType::TinyInt,
            "UnsignedTinyInt" => MysqlType::UnsignedTinyInt,
            "MediumInt" => MysqlType::MediumInt,
            "UnsignedMediumInt" => MysqlType::UnsignedMediumInt,
            "BigInt" => MysqlType::BigInt,
            "UnsignedBigInt" => MysqlType::UnsignedBigInt,
            "Year" => MysqlType::Year,
            "Float" => MysqlType::Float,
            "Double" => MysqlType::Double,
            "TinyText" => MysqlType::TinyText,
            "Text" => MysqlType::Text,
            "MediumText" => MysqlType::MediumText,
            "LongText" => MysqlType::LongText,
            "TinyBlob" => MysqlType::TinyBlob,
            "Blob" => MysqlType::Blob,
            "MediumBlob" => MysqlType::MediumBlob,
            "LongBlob" => MysqlType::LongBlob,
            "Date" => MysqlType::Date,
            "Json" => MysqlType::Json,
            _ => return None,
        })
    }

    /// The `@db.*` attribute for this type (the inverse of
    /// [`MysqlType::from_native`]; `BOOLEAN` is `@db.TinyInt` on a `Boolean`).
    pub fn to_native(self) -> NativeType {
        let (name, args): (&str, Vec<u32>) = match self {
            MysqlType::Boolean => ("TinyInt", vec![]),
            MysqlType::Decimal(p, s) => ("Decimal", vec![p, s]),
            MysqlType::Bit(n) => ("Bit", vec![n]),
            MysqlType::Char(n) => ("Char", vec![n]),
            MysqlType::VarChar(n) => ("VarChar", vec![n]),
            MysqlType::Binary(n) => ("Binary", vec![n]),
            MysqlType::VarBinary(n) => ("VarBinary", vec![n]),
            MysqlType::Time(p) => ("Time", vec![p]),
            MysqlType::DateTime(p) => ("DateTime", vec![p]),
            MysqlType::Timestamp(p) => ("Timestamp", vec![p]),
            other => (other.prisma_name(), vec![]),
        };
        NativeType {
            name: name.to_string(),
            args: args.iter().map(u32::to_string).collect(),
        }
    }

    /// The Prisma name of a type without arguments.
    fn prisma_name(self) -> &'static str {
        match self {
            MysqlType::Int => "Int",
            MysqlType::UnsignedInt => "UnsignedInt",
            MysqlType::SmallInt => "SmallInt",
            MysqlType::UnsignedSmallInt => "UnsignedSmallInt",
            MysqlType::TinyInt | MysqlType::Boolean => "TinyInt",
            MysqlType::UnsignedTinyInt => "UnsignedTinyInt",
            MysqlType::MediumInt => "MediumInt",
            MysqlType::UnsignedMediumInt => "UnsignedMediumInt",
            MysqlType::BigInt => "BigInt",
            MysqlType::UnsignedBigInt => "UnsignedBigInt",
            MysqlType::Year => "Year",
            MysqlType::Float => "Float",
            MysqlType::Double => "Double",
            MysqlType::TinyText => "TinyText",
            MysqlType::Text => "Text",
            MysqlType::MediumText => "MediumText",
            MysqlType::LongText => "LongText",
            MysqlType::TinyBlob => "TinyBlob",
            MysqlType::Blob => "Blob",
            MysqlType::MediumBlob => "MediumBlob",
            MysqlType::LongBlob => "LongBlob",
            MysqlType::Date => "Date",
            MysqlType::Json => "Json",
            MysqlType::Decimal(..) => "Decimal",
            MysqlType::Bit(_) => "Bit",
            MysqlType::Char(_) => "Char",
            MysqlType::VarChar(_) => "VarChar",
            MysqlType::Binary(_) => "Binary",
            MysqlType::VarBinary(_) => "VarBinary",
            MysqlType::Time(_) => "Time",
            MysqlType::DateTime(_) => "DateTime",
            MysqlType::Timestamp(_) => "Timestamp",
        }
    }

    /// The canonical SQL spelling.
    pub fn sql(self) -> String {
        let with = |name: &str, n: u32| format!("{name}({n})");
        match self {
            MysqlType::Decimal(p, s) => format!("DECIMAL({p}, {s})"),
            MysqlType::Bit(n) => with("BIT", n),
            MysqlType::Char(n) => with("CHAR", n),
            MysqlType::VarChar(n) => with("VARCHAR", n),
            MysqlType::Binary(n) => with("BINARY", n),
            MysqlType::VarBinary(n) => with("VARBINARY", n),
            MysqlType::Time(p) => with("TIME", p),
            MysqlType::DateTime(p) => with("DATETIME", p),
            MysqlType::Timestamp(p) => with("TIMESTAMP", p),
            other => other.keyword().to_string(),
        }
    }

    /// The SQL of a type without arguments.
    fn keyword(self) -> &'static str {
        match self {
            MysqlType::Int => "INTEGER",
            MysqlType::UnsignedInt => "INTEGER UNSIGNED",
            MysqlType::SmallInt => "SMALLINT",
            MysqlType::UnsignedSmallInt => "SMALLINT UNSIGNED",
            MysqlType::TinyInt => "TINYINT",
            MysqlType::UnsignedTinyInt => "TINYINT UNSIGNED",
            MysqlType::MediumInt => "MEDIUMINT",
            MysqlType::UnsignedMediumInt => "MEDIUMINT UNSIGNED",
            MysqlType::BigInt => "BIGINT",
            MysqlType::UnsignedBigInt => "BIGINT UNSIGNED",
            MysqlType::Boolean => "BOOLEAN",
            MysqlType::Year => "YEAR",
            MysqlType::Float => "FLOAT",
            MysqlType::Double => "DOUBLE",
            MysqlType::TinyText => "TINYTEXT",
            MysqlType::Text => "TEXT",
            MysqlType::MediumText => "MEDIUMTEXT",
            MysqlType::LongText => "LONGTEXT",
            MysqlType::TinyBlob => "TINYBLOB",
            MysqlType::Blob => "BLOB",
            MysqlType::MediumBlob => "MEDIUMBLOB",
            MysqlType::LongBlob => "LONGBLOB",
            MysqlType::Date => "DATE",
            MysqlType::Json => "JSON",
            MysqlType::Decimal(..) => "DECIMAL",
            MysqlType::Bit(_) => "BIT",
            MysqlType::Char(_) => "CHAR",
            MysqlType::VarChar(_) => "VARCHAR",
            MysqlType::Binary(_) => "BINARY",
            MysqlType::VarBinary(_) => "VARBINARY",
            MysqlType::Time(_) => "TIME",
            MysqlType::DateTime(_) => "DATETIME",
            MysqlType::Timestamp(_) => "TIMESTAMP",
        }
    }

    /// The Prisma scalar a column of this type holds when `db pull` reads it
    /// (`BIT(1)` is a `Boolean`, a wider `BIT` is `Bytes`).
    pub fn scalar(self) -> ScalarType {
        use MysqlType::*;
        match self {
            Int | UnsignedInt | SmallInt | UnsignedSmallInt | TinyInt | UnsignedTinyInt | MediumInt
            | UnsignedMediumInt | Year => ScalarType::Int,
            BigInt | UnsignedBigInt => ScalarType::BigInt,
            Boolean | Bit(1) => ScalarType::Boolean,
            Decimal(..) => ScalarType::Decimal,
            Float | Double => ScalarType::Float,
            Char(_) | VarChar(_) | TinyText | Text | MediumText | LongText => ScalarType::String,
            Bit(_) | Binary(_) | VarBinary(_) | TinyBlob | Blob | MediumBlob | LongBlob => ScalarType::Bytes,
            Date | Time(_) | DateTime(_) | Timestamp(_) => ScalarType::DateTime,
            Json => ScalarType::Json,
        }
    }

    /// Reads a canonical spelling back (`None` for anything else, such as an
    /// `Unsupported("...")` type or an inline enum).
    pub fn parse(sql: &str) -> Option<MysqlType> {
        let parsed = Self::from_column_type(sql)?;
        (parsed.sql() == sql).then_some(parsed)
    }

    /// A type as `information_schema.COLUMNS.COLUMN_TYPE` spells it
    /// (`int(10) unsigned`, `decimal(65,30)`, `tinyint(1)`), in any case;
    /// `None` for a type Prisma has no name for (`float(7,4)`, `zerofill`,
    /// `point`, `set(...)`, an enum).
    pub fn from_column_type(text: &str) -> Option<MysqlType> {
        let spelled = Spelled::parse(text)?;
        if spelled.unsigned {
            return spelled.integer_unsigned();
        }
        spelled.signed()
    }
}

/// A column type split into its name, arguments and `UNSIGNED` flag.
struct Spelled {
    name: String,
    args: Vec<u32>,
    unsigned: bool,
}

impl Spelled {
    fn parse(text: &str) -> Option<Spelled> {
        let lower = text.trim().to_ascii_lowercase();
        if lower.ends_with(" zerofill") {
            return None;
        }
        let (rest, unsigned) = match lower.strip_suffix(" unsigned") {
            Some(rest) => (rest.trim_end(), true),
            None => (lower.as_str(), false),
        };
        let (name, args) = match rest.split_once('(') {
            Some((name, args)) => (name, parse_args(args.strip_suffix(')')?)?),
            None => (rest, Vec::new()),
        };
        Some(Spelled {
            name: name.trim().to_string(),
            args,
            unsigned,
        })
    }

    /// Integers only; the display width is ignored.
    fn integer_unsigned(&self) -> Option<MysqlType> {
        Some(match self.name.as_str() {
            "int" | "integer" => MysqlType::UnsignedInt,
            "smallint" => MysqlType::UnsignedSmallInt,
            "tinyint" => MysqlType::UnsignedTinyInt,
            "mediumint" => MysqlType::UnsignedMediumInt,
            "bigint" => MysqlType::UnsignedBigInt,
            _ => return None,
        })
    }

    fn signed(&self) -> Option<MysqlType> {
        let prisma_name = match self.name.as_str() {
            "tinyint" if self.args == [1] => return Some(MysqlType::Boolean),
            "bool" | "boolean" => return Some(MysqlType::Boolean),
            "int" | "integer" => return Some(MysqlType::Int),
            "smallint" => return Some(MysqlType::SmallInt),
            "tinyint" => return Some(MysqlType::TinyInt),
            "mediumint" => return Some(MysqlType::MediumInt),
            "bigint" => return Some(MysqlType::BigInt),
            "year" => return Some(MysqlType::Year),
            "decimal" | "numeric" | "dec" if self.args.len() == 1 => {
                return Some(MysqlType::Decimal(self.args[0], 0));
            }
            "decimal" | "numeric" | "dec" => "Decimal",
            "double" | "double precision" | "real" => "Double",
            "bit" if self.args.is_empty() => return Some(MysqlType::Bit(1)),
            other => return Self::by_sql_name(other).and_then(|n| MysqlType::named(n, &self.args)),
        };
        MysqlType::named(prisma_name, &self.args)
    }

    /// The Prisma name of a type whose SQL name is its lowercase form.
    fn by_sql_name(name: &str) -> Option<&'static str> {
        const NAMES: [&str; 19] = [
            "Float",
            "Bit",
            "Char",
            "VarChar",
            "TinyText",
            "Text",
            "MediumText",
            "LongText",
            "Binary",
            "VarBinary",
            "TinyBlob",
            "Blob",
            "MediumBlob",
            "LongBlob",
            "Date",
            "Time",
            "DateTime",
            "Timestamp",
            "Json",
        ];
        NAMES.into_iter().find(|n| n.eq_ignore_ascii_case(name))
    }
}

fn parse_args(text: &str) -> Option<Vec<u32>> {
    if text.trim().is_empty() {
        return Some(Vec::new());
    }
    text.split(',').map(|a| a.trim().parse().ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn native(name: &str, args: &[&str], scalar: ScalarType) -> Option<String> {
        let native = NativeType {
            name: name.to_string(),
            args: args.iter().map(|a| a.to_string()).collect(),
        };
        MysqlType::from_native(&native, scalar).map(MysqlType::sql)
    }

    #[test]
    fn arguments_are_checked_and_filled_in() {
        let s = ScalarType::String;
        assert_eq!(native("VarChar", &["12"], s).as_deref(), Some("VARCHAR(12)"));
        assert_eq!(native("VarChar", &[], s), None);
        assert_eq!(native("Char", &[], s).as_deref(), Some("CHAR(1)"));
        assert_eq!(native("Text", &["1"], s), None);
        assert_eq!(native("Decimal", &["10"], ScalarType::Decimal), None);
        assert_eq!(
            native("Decimal", &[], ScalarType::Decimal).as_deref(),
            Some("DECIMAL(10, 0)")
        );
        assert_eq!(
            native("DateTime", &[], ScalarType::DateTime).as_deref(),
            Some("DATETIME(0)")
        );
        assert_eq!(native("TinyInt", &[], ScalarType::Boolean).as_deref(), Some("BOOLEAN"));
        assert_eq!(native("TinyInt", &[], ScalarType::Int).as_deref(), Some("TINYINT"));
        assert_eq!(native("Nope", &[], s), None);
    }

    #[test]
    fn catalog_spellings() {
        let t = MysqlType::from_column_type;
        assert_eq!(t("int(11)"), Some(MysqlType::Int));
        assert_eq!(t("int(10) unsigned"), Some(MysqlType::UnsignedInt));
        assert_eq!(t("tinyint(1)"), Some(MysqlType::Boolean));
        assert_eq!(t("tinyint(1) unsigned"), Some(MysqlType::UnsignedTinyInt));
        assert_eq!(t("tinyint"), Some(MysqlType::TinyInt));
        assert_eq!(t("decimal(65,30)"), Some(MysqlType::Decimal(65, 30)));
        assert_eq!(t("double"), Some(MysqlType::Double));
        assert_eq!(t("float(7,4)"), None);
        assert_eq!(t("int(10) unsigned zerofill"), None);
        assert_eq!(t("decimal(10,2) unsigned"), None);
        assert_eq!(t("point"), None);
        assert_eq!(t("enum('a')"), None);
    }

    #[test]
    fn only_canonical_spellings_parse() {
        assert_eq!(MysqlType::parse("INTEGER UNSIGNED"), Some(MysqlType::UnsignedInt));
        assert_eq!(MysqlType::parse("DECIMAL(10, 2)"), Some(MysqlType::Decimal(10, 2)));
        assert_eq!(MysqlType::parse("DECIMAL(10,2)"), None);
        assert_eq!(MysqlType::parse("int(11)"), None);
        assert_eq!(MysqlType::parse("ENUM('A')"), None);
    }
}
