//! A column default as `pg_get_expr()` prints it back to a [`DefaultValue`].
//!
//! `CURRENT_TIMESTAMP` and `now()` are [`DefaultValue::Now`]. A constant,
//! whatever casts PostgreSQL wrapped it in, is read by the column's type: in
//! a numeric column `'-1'::integer` is the number `-1`, in a `BYTEA` column
//! `'\xdead'::bytea` is bytes, in a JSON column `'{}'::jsonb` is JSON, in an
//! enum column `'USER'::"Role"` is the enum value, elsewhere a quoted string
//! is a string, except in a date-time, `UUID` or unsupported column (or
//! list), where it stays the expression PostgreSQL printed, as Prisma reads
//! it. A list column's
//! `ARRAY[...]` or `'{...}'` is a list of such literals. Anything else is
//! an expression, kept verbatim.

use super::constants::{constant, Constant};
use super::tokens::{tokenize, Token};
use migrate_core::number::is_unsigned_decimal;
use migrate_core::schema::array_text::elements;
use migrate_core::schema::{ColumnType, DefaultValue, Literal, ScalarType, TypeFamily};

pub(super) fn default_value(text: &str, ty: &ColumnType) -> DefaultValue {
    if is_now(text) {
        return DefaultValue::Now;
    }
    if kept_as_expression(ty) {
        let empty = match constant(text) {
            Some(Constant::Array(items)) => items.is_empty(),
            Some(Constant::Str(form)) => elements(&form).is_some_and(|items| items.is_empty()),
            _ => false,
        };
        // An empty list (`ARRAY[]`, `'{}'`) is `@default([])` to Prisma too.
        return match empty && ty.list {
            true => DefaultValue::List(Vec::new()),
            false => DefaultValue::Expression(text.to_string()),
        };
    }
    let value = match constant(text) {
        Some(c) if ty.list => list(c, &ty.family).map(DefaultValue::List),
        Some(c) => literal(c, &ty.family).map(DefaultValue::Literal),
        None => None,
    };
    value.unwrap_or_else(|| DefaultValue::Expression(text.to_string()))
}

/// Columns whose constants Prisma 6.19.3 reads back as the expression
/// PostgreSQL printed, casts kept: date-times
/// (`dbgenerated("'2024-03-01 09:00:00'::timestamp without time zone")`),
/// `UUID` (`dbgenerated("'00000000-...'::uuid")`) and unsupported types
/// (`dbgenerated("'10.0.0.0/8'::cidr")`), lists of them too
/// (`dbgenerated("ARRAY['...'::uuid]")`).
fn kept_as_expression(ty: &ColumnType) -> bool {
    match &ty.family {
        TypeFamily::Scalar(ScalarType::DateTime) | TypeFamily::Unsupported => true,
        TypeFamily::Scalar(ScalarType::String) => ty.sql == "UUID",
        TypeFamily::Scalar(_) | TypeFamily::Enum(_) => false,
    }
}

/// `CURRENT_TIMESTAMP` or `now()`. Not `CURRENT_TIMESTAMP(3)`: Prisma
/// 6.19.3 reads a precision as an expression of its own
/// (`dbgenerated("CURRENT_TIMESTAMP(3)")`), which `now()` in the schema
/// changes to `CURRENT_TIMESTAMP`.
fn is_now(text: &str) -> bool {
    let tokens = tokenize(text);
    match tokens.as_slice() {
        [word] => word.is_keyword("CURRENT_TIMESTAMP"),
        [word, Token::Punct('('), Token::Punct(')')] => word.is_keyword("now"),
        _ => false,
    }
}

/// The elements of `ARRAY[...]` or of an array's text form.
fn list(value: Constant, family: &TypeFamily) -> Option<Vec<Literal>> {
    match value {
        Constant::Array(items) => items.into_iter().map(|item| literal(item, family)).collect(),
        Constant::Str(text) => elements(&text)?
            .into_iter()
            .map(|item| literal(Constant::Str(item?), family))
            .collect(),
        _ => None,
    }
}

/// One constant as a literal of a column of `family`; NULL and nested
/// arrays have none.
fn literal(value: Constant, family: &TypeFamily) -> Option<Literal> {
    match value {
        Constant::Str(text) => Some(string_literal(text, family)),
        Constant::Number(n) => Some(Literal::Number(n)),
        Constant::Boolean(b) => Some(Literal::Boolean(b)),
        Constant::Null | Constant::Array(_) => None,
    }
}

fn string_literal(text: String, family: &TypeFamily) -> Literal {
    let scalar = match family {
        TypeFamily::Enum(_) => return Literal::EnumValue(text),
        TypeFamily::Scalar(scalar) => *scalar,
        TypeFamily::Unsupported => return Literal::String(text),
    };
    match scalar {
        ScalarType::Int | ScalarType::BigInt | ScalarType::Float | ScalarType::Decimal if is_number(&text) => {
            Literal::Number(text)
        }
        ScalarType::Boolean => match boolean(&text) {
            Some(b) => Literal::Boolean(b),
            None => Literal::String(text),
        },
        ScalarType::Json => Literal::Json(text),
        ScalarType::Bytes => match hex(&text) {
            Some(hex) => Literal::Bytes(hex),
            None => Literal::String(text),
        },
        _ => Literal::String(text),
    }
}

/// `-1`, `2.5`, `.5`, `1e-3`: what a numeric column prints (its sign only
/// ever `-`, unlike the `+` MySQL and SQLite defaults may keep).
fn is_number(text: &str) -> bool {
    is_unsigned_decimal(text.strip_prefix('-').unwrap_or(text))
}

/// A boolean's text forms as PostgreSQL prints them in arrays (`t`, `f`).
fn boolean(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "t" | "true" => Some(true),
        "f" | "false" => Some(false),
        _ => None,
    }
}

/// `\xDEAD` as lowercase hex.
fn hex(text: &str) -> Option<String> {
    let hex = text.strip_prefix("\\x")?;
    let valid = hex.len() % 2 == 0 && hex.bytes().all(|b| b.is_ascii_hexdigit());
    valid.then(|| hex.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(family: TypeFamily, list: bool) -> ColumnType {
        ColumnType {
            family,
            sql: String::new(),
            list,
        }
    }

    fn scalar(s: ScalarType) -> ColumnType {
        ty(TypeFamily::Scalar(s), false)
    }

    fn lit(text: &str, column: ColumnType) -> DefaultValue {
        default_value(text, &column)
    }

    fn literal(l: Literal) -> DefaultValue {
        DefaultValue::Literal(l)
    }

    #[test]
    fn now_in_its_spellings() {
        let at = scalar(ScalarType::DateTime);
        for text in ["CURRENT_TIMESTAMP", "now()", "current_timestamp"] {
            assert_eq!(lit(text, at.clone()), DefaultValue::Now, "{text}");
        }
        for text in ["CURRENT_DATE", "CURRENT_TIMESTAMP(3)"] {
            assert_eq!(lit(text, at.clone()), DefaultValue::Expression(text.into()), "{text}");
        }
    }

    #[test]
    fn strings_by_column_type() {
        let string = |s: &str| literal(Literal::String(s.into()));
        assert_eq!(lit("'it''s'::text", scalar(ScalarType::String)), string("it's"));
        assert_eq!(lit("'5'::text", scalar(ScalarType::String)), string("5"));
        assert_eq!(lit("'x'::character varying", scalar(ScalarType::String)), string("x"));
        let role = ty(TypeFamily::Enum("Role".into()), false);
        assert_eq!(
            lit("'USER'::\"Role\"", role),
            literal(Literal::EnumValue("USER".into()))
        );
        let json = literal(Literal::Json("{\"a\": 1}".into()));
        assert_eq!(lit("'{\"a\": 1}'::jsonb", scalar(ScalarType::Json)), json);
        let bytes = literal(Literal::Bytes("deadbeef".into()));
        assert_eq!(lit("'\\xDEADbeef'::bytea", scalar(ScalarType::Bytes)), bytes);
        assert_eq!(
            lit("'\\x'::bytea", scalar(ScalarType::Bytes)),
            literal(Literal::Bytes(String::new()))
        );
        assert_eq!(lit("'abc'::bytea", scalar(ScalarType::Bytes)), string("abc"));
        assert_eq!(lit("'101'::\"bit\"", scalar(ScalarType::String)), string("101"));
    }

    #[test]
    fn numbers_and_booleans() {
        let number = |n: &str| literal(Literal::Number(n.into()));
        assert_eq!(lit("5", scalar(ScalarType::Int)), number("5"));
        assert_eq!(lit("'-1'::integer", scalar(ScalarType::Int)), number("-1"));
        assert_eq!(
            lit("'9007199254740993'::bigint", scalar(ScalarType::BigInt)),
            number("9007199254740993")
        );
        assert_eq!(lit("'-1.5'::numeric", scalar(ScalarType::Float)), number("-1.5"));
        assert_eq!(lit("9.99", scalar(ScalarType::Decimal)), number("9.99"));
        let nan = literal(Literal::String("NaN".into()));
        assert_eq!(lit("'NaN'::double precision", scalar(ScalarType::Float)), nan);
        assert_eq!(
            lit("true", scalar(ScalarType::Boolean)),
            literal(Literal::Boolean(true))
        );
        assert_eq!(
            lit("false", scalar(ScalarType::Boolean)),
            literal(Literal::Boolean(false))
        );
    }

    #[test]
    fn lists_in_both_forms() {
        let texts = ty(TypeFamily::Scalar(ScalarType::String), true);
        let ab = DefaultValue::List(vec![Literal::String("a".into()), Literal::String("b".into())]);
        assert_eq!(lit("ARRAY['a'::text, 'b'::text]", texts.clone()), ab);
        assert_eq!(lit("'{a,b}'::text[]", texts.clone()), ab);
        assert_eq!(lit("'{}'::text[]", texts.clone()), DefaultValue::List(vec![]));
        let ints = ty(TypeFamily::Scalar(ScalarType::Int), true);
        assert_eq!(lit("ARRAY[]::integer[]", ints.clone()), DefaultValue::List(vec![]));
        let numbers = vec![Literal::Number("1".into()), Literal::Number("-2".into())];
        assert_eq!(lit("ARRAY[1, '-2'::integer]", ints), DefaultValue::List(numbers));
        let flags = ty(TypeFamily::Scalar(ScalarType::Boolean), true);
        let tf = DefaultValue::List(vec![Literal::Boolean(true), Literal::Boolean(false)]);
        assert_eq!(lit("'{t,f}'::boolean[]", flags.clone()), tf);
        assert_eq!(lit("ARRAY[true, false]", flags), tf);
        let roles = ty(TypeFamily::Enum("Role".into()), true);
        let users = DefaultValue::List(vec![Literal::EnumValue("USER".into())]);
        assert_eq!(lit("ARRAY['USER'::\"Role\"]", roles), users);
    }

    #[test]
    fn uuid_and_unsupported_constants_keep_their_casts() {
        let uuid = |list| ColumnType {
            sql: "UUID".into(),
            ..ty(TypeFamily::Scalar(ScalarType::String), list)
        };
        let unsupported = |list| ty(TypeFamily::Unsupported, list);
        let cases = [
            ("'00000000-0000-0000-0000-000000000000'::uuid", uuid(false)),
            ("ARRAY['00000000-0000-0000-0000-000000000000'::uuid]", uuid(true)),
            ("'10.0.0.0/8'::cidr", unsupported(false)),
            ("'[1,5)'::int4range", unsupported(false)),
            ("'{10.0.0.0/8}'::cidr[]", unsupported(true)),
        ];
        for (text, column) in cases {
            assert_eq!(lit(text, column), DefaultValue::Expression(text.into()), "{text}");
        }
        assert_eq!(lit("'{}'::uuid[]", uuid(true)), DefaultValue::List(vec![]));
        assert_eq!(lit("'{}'::cidr[]", unsupported(true)), DefaultValue::List(vec![]));
    }

    #[test]
    fn everything_else_is_an_expression() {
        let texts = ty(TypeFamily::Scalar(ScalarType::String), true);
        let int = scalar(ScalarType::Int);
        let cases = [
            ("ARRAY['a'::text, NULL::text]", texts.clone()),
            ("'{a,NULL}'::text[]", texts.clone()),
            ("'a'::text", texts),
            ("ARRAY[1]", int.clone()),
            ("nextval('t_id_seq'::regclass)", int.clone()),
            ("gen_random_uuid()", scalar(ScalarType::String)),
            ("(a + 1)", int),
        ];
        for (text, column) in cases {
            assert_eq!(lit(text, column), DefaultValue::Expression(text.into()), "{text}");
        }
    }
}
