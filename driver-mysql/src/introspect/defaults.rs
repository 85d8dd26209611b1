//! A column default as `information_schema.COLUMNS` prints it, back to the
//! [`DefaultValue`] lowering produces for the same field.
//!
//! The servers print defaults differently. MariaDB writes SQL: a string
//! literal quoted and escaped (`'it''s'`), a number bare, the absence of a
//! default of a nullable column as `NULL`, an expression as its text
//! (`current_timestamp(3)`, `uuid()`). MySQL 8 writes a literal's value
//! unquoted and an expression's text, telling them apart with
//! `DEFAULT_GENERATED` in `EXTRA`. Either way the constant is then read by
//! the column's type: `1` in a `TINYINT(1)` is `true`, a string in an enum
//! column is an enum value, in a JSON column a document, in a binary column
//! bytes.
//!
//! An expression comes back in parentheses, as Prisma 6.19.3's MySQL
//! describer gives it (`dbgenerated_expression` in
//! `sql-schema-describer/src/mysql.rs`): `uuid()` is `(uuid())`, which is
//! what `db pull` writes in `dbgenerated("...")`. On MariaDB, where every
//! default is printed as SQL, a date-time constant is such an expression
//! too: `'2024-01-02 03:04:05.000'` is `('2024-01-02 03:04:05.000')`.

use super::catalog::Flavour;
use super::quoted::unescape;
use migrate_core::number::is_unsigned_decimal;
use migrate_core::schema::{canonical_number, ColumnType, DefaultValue, Literal, ScalarType, TypeFamily};

/// A default before the column's type says what its constant means.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Raw {
    /// No default (MariaDB's `NULL`).
    Null,
    Now,
    Number(String),
    /// The constant's bytes (binary columns' are not text).
    Text(Vec<u8>),
    /// A MySQL hexadecimal or bit literal's bytes (`0xDEAD`).
    Bytes(Vec<u8>),
    Expression(String),
}

/// `printed`: `COLUMN_DEFAULT`; `extra`: `EXTRA`.
pub(super) fn default_value(printed: &[u8], extra: &str, flavour: Flavour, ty: &ColumnType) -> Option<DefaultValue> {
    let raw = match flavour {
        Flavour::Mariadb => mariadb_datetime_constant(printed, &ty.family).unwrap_or_else(|| mariadb(printed)),
        Flavour::Mysql => mysql(printed, extra, &ty.family),
    };
    typed(raw, ty)
}

/// A quoted constant in a date-time column, which Prisma's describer reads
/// as an expression on MariaDB.
fn mariadb_datetime_constant(printed: &[u8], family: &TypeFamily) -> Option<Raw> {
    let datetime = *family == TypeFamily::Scalar(ScalarType::DateTime);
    let quoted = printed.len() > 1 && printed.starts_with(b"'") && printed.ends_with(b"'");
    (datetime && quoted).then(|| Raw::Expression(String::from_utf8_lossy(printed).into_owned()))
}

/// `uuid()` as `(uuid())`; an expression that opens with a parenthesis
/// is kept as it is (`(1 + 2)`).
fn parenthesized(expression: String) -> String {
    if expression.starts_with('(') {
        expression
    } else {
        format!("({expression})")
    }
}

fn mariadb(printed: &[u8]) -> Raw {
    if let Some(quoted) = printed.strip_prefix(b"'").and_then(|p| p.strip_suffix(b"'")) {
        return Raw::Text(unescape(quoted));
    }
    let text = String::from_utf8_lossy(printed).trim().to_string();
    if text.eq_ignore_ascii_case("NULL") {
        Raw::Null
    } else {
        expression_or_constant(text)
    }
}

/// A binary column's literal default is printed as a hexadecimal literal.
fn mysql(printed: &[u8], extra: &str, family: &TypeFamily) -> Raw {
    let generated = extra.to_ascii_uppercase().contains("DEFAULT_GENERATED");
    let text = String::from_utf8_lossy(printed).trim().to_string();
    if let Some(inner) = introduced_string(&text).filter(|_| generated) {
        return Raw::Text(unescape(inner.as_bytes()));
    }
    if generated || is_now(&text) {
        return expression_or_constant(text);
    }
    match hex_literal(&text) {
        Some(bytes) if *family == TypeFamily::Scalar(ScalarType::Bytes) => Raw::Bytes(bytes),
        _ => Raw::Text(printed.to_vec()),
    }
}

/// MySQL 8 prints a string constant given as an expression (a JSON
/// column's default must be one) with its character set and its quotes
/// escaped: `_utf8mb4\'{}\'`. The inside, still escaped.
fn introduced_string(text: &str) -> Option<String> {
    let rest = text.strip_prefix('_')?;
    let quoted = rest.trim_start_matches(|c: char| c.is_ascii_alphanumeric());
    let inner = match quoted.strip_prefix("\\'") {
        Some(inner) => inner.strip_suffix("\\'")?.to_string(),
        None => quoted.strip_prefix('\'')?.strip_suffix('\'')?.to_string(),
    };
    Some(inner)
}

/// An unquoted default: the current time, a number, a hexadecimal literal
/// or an expression.
fn expression_or_constant(text: String) -> Raw {
    if is_now(&text) {
        Raw::Now
    } else if is_number(&text) {
        Raw::Number(text)
    } else if let Some(bytes) = hex_literal(&text) {
        Raw::Bytes(bytes)
    } else {
        Raw::Expression(text)
    }
}

/// `current_timestamp()`, `CURRENT_TIMESTAMP(3)`, `now()`: what
/// `@default(now())` writes, in every spelling the servers print back.
fn is_now(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let call = lower.trim_start_matches('(').trim_end_matches(')');
    let name = call.split('(').next().unwrap_or("").trim();
    let args = call[name.len()..].trim_start_matches('(');
    matches!(name, "current_timestamp" | "now" | "localtimestamp")
        && args.bytes().all(|b| b.is_ascii_digit() || b == b' ')
}

/// `-1`, `2.5`, `.5`, `1e-3`: how the servers print numeric defaults.
fn is_number(text: &str) -> bool {
    is_unsigned_decimal(text.strip_prefix(['-', '+']).unwrap_or(text))
}

/// `0xDEAD` or `x'dead'`, as bytes.
fn hex_literal(text: &str) -> Option<Vec<u8>> {
    let digits = text
        .strip_prefix("0x")
        .or_else(|| text.strip_prefix(['x', 'X'])?.strip_prefix('\'')?.strip_suffix('\''))?;
    if digits.len() % 2 != 0 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..digits.len())
        .step_by(2)
        .map(|at| u8::from_str_radix(&digits[at..at + 2], 16).ok())
        .collect()
}

/// The default of a column of type `ty`.
fn typed(raw: Raw, ty: &ColumnType) -> Option<DefaultValue> {
    let literal = match raw {
        Raw::Null => return None,
        Raw::Now => return Some(DefaultValue::Now),
        Raw::Expression(text) => return Some(DefaultValue::Expression(parenthesized(text))),
        Raw::Number(n) => number_literal(n, &ty.family),
        Raw::Text(bytes) => text_literal(bytes, &ty.family),
        Raw::Bytes(bytes) => bytes_literal(bytes, &ty.family),
    };
    Some(DefaultValue::Literal(literal))
}

fn number_literal(n: String, family: &TypeFamily) -> Literal {
    match family {
        TypeFamily::Scalar(ScalarType::Boolean) => boolean(&n).map_or(Literal::Number(n), Literal::Boolean),
        TypeFamily::Scalar(ScalarType::String | ScalarType::DateTime) => Literal::String(n),
        TypeFamily::Scalar(ScalarType::Decimal) => Literal::Number(canonical_number(&n)),
        TypeFamily::Enum(_) => Literal::EnumValue(n),
        _ => Literal::Number(n),
    }
}

fn text_literal(bytes: Vec<u8>, family: &TypeFamily) -> Literal {
    let scalar = match family {
        TypeFamily::Scalar(ScalarType::Bytes) => return Literal::Bytes(hex(&bytes)),
        TypeFamily::Scalar(scalar) => Some(*scalar),
        TypeFamily::Enum(_) | TypeFamily::Unsupported => None,
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    match (scalar, family) {
        (None, TypeFamily::Enum(_)) => Literal::EnumValue(text),
        (Some(ScalarType::Json), _) => Literal::Json(text),
        (Some(ScalarType::Boolean), _) => boolean(&text).map_or(Literal::String(text), Literal::Boolean),
        (Some(ScalarType::Int | ScalarType::BigInt | ScalarType::Float), _) if is_number(&text) => {
            Literal::Number(text)
        }
        (Some(ScalarType::Decimal), _) if is_number(&text) => Literal::Number(canonical_number(&text)),
        _ => Literal::String(text),
    }
}

fn bytes_literal(bytes: Vec<u8>, family: &TypeFamily) -> Literal {
    match family {
        TypeFamily::Scalar(ScalarType::Bytes) => Literal::Bytes(hex(&bytes)),
        _ => Literal::String(String::from_utf8_lossy(&bytes).into_owned()),
    }
}

/// `1`/`0` (a `TINYINT(1)`'s), `true`/`false`.
fn boolean(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "1" | "true" => Some(true),
        "0" | "false" => Some(false),
        _ => None,
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(family: TypeFamily) -> ColumnType {
        ColumnType {
            family,
            sql: String::new(),
            list: false,
        }
    }

    fn scalar(s: ScalarType) -> ColumnType {
        ty(TypeFamily::Scalar(s))
    }

    fn maria(printed: &str, t: &ColumnType) -> Option<DefaultValue> {
        default_value(printed.as_bytes(), "", Flavour::Mariadb, t)
    }

    fn mysql(printed: &str, extra: &str, t: &ColumnType) -> Option<DefaultValue> {
        default_value(printed.as_bytes(), extra, Flavour::Mysql, t)
    }

    fn lit(l: Literal) -> Option<DefaultValue> {
        Some(DefaultValue::Literal(l))
    }

    #[test]
    fn mariadb_spellings() {
        let string = scalar(ScalarType::String);
        assert_eq!(maria("NULL", &string), None);
        assert_eq!(maria("'NULL'", &string), lit(Literal::String("NULL".into())));
        assert_eq!(
            maria("'it''s \\\\ a\\nb'", &string),
            lit(Literal::String("it's \\ a\nb".into()))
        );
        assert_eq!(maria("''", &string), lit(Literal::String(String::new())));
        assert_eq!(
            maria("current_timestamp(3)", &scalar(ScalarType::DateTime)),
            Some(DefaultValue::Now)
        );
        assert_eq!(
            maria("current_timestamp()", &scalar(ScalarType::DateTime)),
            Some(DefaultValue::Now)
        );
        assert_eq!(maria("1", &scalar(ScalarType::Boolean)), lit(Literal::Boolean(true)));
        assert_eq!(maria("-5", &scalar(ScalarType::Int)), lit(Literal::Number("-5".into())));
        assert_eq!(
            maria("1.500000000000000000000000000000", &scalar(ScalarType::Decimal)),
            lit(Literal::Number("1.5".into()))
        );
        assert_eq!(
            maria("'{\"a\":1}'", &scalar(ScalarType::Json)),
            lit(Literal::Json("{\"a\":1}".into()))
        );
        assert_eq!(
            maria("'A'", &ty(TypeFamily::Enum("T_e".into()))),
            lit(Literal::EnumValue("A".into()))
        );
        assert_eq!(
            maria("uuid()", &string),
            Some(DefaultValue::Expression("(uuid())".into()))
        );
        assert_eq!(
            maria("'2024-01-02 03:04:05.000'", &scalar(ScalarType::DateTime)),
            Some(DefaultValue::Expression("('2024-01-02 03:04:05.000')".into()))
        );
        assert_eq!(
            maria("(1 + 2)", &scalar(ScalarType::Int)),
            Some(DefaultValue::Expression("(1 + 2)".into()))
        );
    }

    #[test]
    fn mariadb_binary_default_is_its_bytes() {
        let printed = b"'\xde\xad''\\0'";
        let got = default_value(printed, "", Flavour::Mariadb, &scalar(ScalarType::Bytes));
        assert_eq!(got, lit(Literal::Bytes("dead2700".into())));
    }

    #[test]
    fn mysql_spellings() {
        let string = scalar(ScalarType::String);
        assert_eq!(mysql("it's", "", &string), lit(Literal::String("it's".into())));
        assert_eq!(mysql("NULL", "", &string), lit(Literal::String("NULL".into())));
        assert_eq!(
            mysql(
                "CURRENT_TIMESTAMP(3)",
                "DEFAULT_GENERATED",
                &scalar(ScalarType::DateTime)
            ),
            Some(DefaultValue::Now)
        );
        assert_eq!(
            mysql("uuid()", "DEFAULT_GENERATED", &string),
            Some(DefaultValue::Expression("(uuid())".into()))
        );
        assert_eq!(
            mysql("0", "", &scalar(ScalarType::Boolean)),
            lit(Literal::Boolean(false))
        );
        assert_eq!(
            mysql("0xDEADBEEF", "", &scalar(ScalarType::Bytes)),
            lit(Literal::Bytes("deadbeef".into()))
        );
        assert_eq!(
            mysql("2.50", "", &scalar(ScalarType::Decimal)),
            lit(Literal::Number("2.5".into()))
        );
        assert_eq!(
            mysql(
                "_utf8mb4\\'{\"a\": \\'x\\'}\\'",
                "DEFAULT_GENERATED",
                &scalar(ScalarType::Json)
            ),
            lit(Literal::Json("{\"a\": 'x'}".into()))
        );
        assert_eq!(mysql("0xab", "", &string), lit(Literal::String("0xab".into())));
    }
}
