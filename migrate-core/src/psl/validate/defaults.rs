//! `@default(...)`: the value must fit the field's type.

use super::{args, Ctx};
use crate::psl::ast::{Attribute, Expr};
use crate::psl::datamodel::{Arity, DefaultDef, Enum, Field, FieldType, Value};
use crate::schema::DateTimeDefault;
use crate::schema::ScalarType;
use std::collections::{HashMap, HashSet};

/// How many values of an enum a message lists.
const LISTED_VALUES: usize = 10;

/// The values of every enum, by enum name (the first enum of a name), so
/// that checking a default costs the same with ten values or ten thousand.
#[derive(Debug, Default)]
pub struct EnumValues(HashMap<String, (HashSet<String>, Vec<String>)>);

impl EnumValues {
    pub fn of(enums: &[Enum]) -> Self {
        let mut map = HashMap::new();
        for e in enums {
            map.entry(e.name.clone()).or_insert_with(|| {
                let names: Vec<String> = e.values.iter().map(|v| v.name.clone()).collect();
                (names.iter().cloned().collect(), names)
            });
        }
        EnumValues(map)
    }

    /// Whether `value` is one of the enum's values; the values to list when
    /// it is not. An enum not known here was reported elsewhere.
    fn check(&self, enum_name: &str, value: &str) -> Result<(), String> {
        match self.0.get(enum_name) {
            Some((set, names)) if !set.contains(value) => {
                let mut listed = names.iter().take(LISTED_VALUES).cloned().collect::<Vec<_>>().join(", ");
                if names.len() > LISTED_VALUES {
                    listed.push_str(&format!(" (and {} more)", names.len() - LISTED_VALUES));
                }
                Err(listed)
            }
            _ => Ok(()),
        }
    }
}

pub fn default(ctx: &mut Ctx<'_>, field: &Field, attr: &Attribute) -> Option<DefaultDef> {
    let enums = &ctx.enum_values;
    args::check_names(attr, &["value", "map"], 1, ctx.diags);
    if let Some(map) = attr.arg("map") {
        // Only SQL Server names default constraints.
        ctx.diags.error(
            map.span(),
            "You defined a database name for the default value of a field on the model. This is not supported by the provider.",
        );
    }
    let Some(expr) = args::get(attr, "value", true) else {
        ctx.diags.error(
            attr.span,
            "`@default` needs a value, such as `@default(0)` or `@default(now())`.",
        );
        return None;
    };
    let result = if field.arity == Arity::List {
        list(field, enums, expr)
    } else {
        single(field, enums, expr)
    };
    match result {
        Ok(d) => Some(d),
        Err(message) => {
            ctx.diags.error(expr.span(), message);
            None
        }
    }
}

fn list(field: &Field, enums: &EnumValues, expr: &Expr) -> Result<DefaultDef, String> {
    match expr {
        Expr::Array(items, _) => items
            .iter()
            .map(|i| value(field, enums, i))
            .collect::<Result<_, _>>()
            .map(DefaultDef::List),
        Expr::Call(f, args, _) if f.name == "dbgenerated" => db_generated(args),
        other => Err(format!(
            "The default of the list field `{}` must be a list, not {}.",
            field.name,
            other.describe()
        )),
    }
}

fn single(field: &Field, enums: &EnumValues, expr: &Expr) -> Result<DefaultDef, String> {
    match expr {
        Expr::Call(f, args, _) => function(field, &f.name, args),
        Expr::Array(..) => Err(format!(
            "The field `{}` is not a list, so its default cannot be a list.",
            field.name
        )),
        _ => value(field, enums, expr).map(DefaultDef::Value),
    }
}

fn function(field: &Field, name: &str, args: &[crate::psl::ast::Arg]) -> Result<DefaultDef, String> {
    let scalar = match &field.ty {
        FieldType::Scalar(s) => Some(*s),
        _ => None,
    };
    let fits = |types: &[ScalarType]| scalar.is_some_and(|s| types.contains(&s));
    let mismatch = |fitting: &str| {
        format!(
            "The function `{name}()` cannot be the default of the field `{}` of type `{}`: it fits only {fitting} fields.",
            field.name,
            type_name(field)
        )
    };
    match name {
        "dbgenerated" => db_generated(args),
        "autoincrement" | "now" if !args.is_empty() => Err(format!("`{name}()` takes no arguments.")),
        "autoincrement" if fits(&[ScalarType::Int, ScalarType::BigInt]) => Ok(DefaultDef::Autoincrement),
        "now" if fits(&[ScalarType::DateTime]) => Ok(DefaultDef::Now),
        "uuid" | "cuid" | "nanoid" | "ulid" if fits(&[ScalarType::String]) => generated(name, args),
        "autoincrement" => Err(mismatch("`Int` and `BigInt`")),
        "now" => Err(mismatch("`DateTime`")),
        "uuid" | "cuid" | "nanoid" | "ulid" => Err(mismatch("`String`")),
        other => Err(format!("Unknown function in `@default`: `{other}()`. Known: autoincrement(), now(), uuid(), cuid(), nanoid(), ulid(), dbgenerated(). For an SQL expression, write `dbgenerated(\"{other}()\")`.")),
    }
}

fn generated(name: &str, args: &[crate::psl::ast::Arg]) -> Result<DefaultDef, String> {
    let arg = match args {
        [] => None,
        [a] if a.name.is_none() => match &a.value {
            Expr::Number(n, _) => Some(n.as_str()),
            _ => return Err(format!("The argument of `{name}()` must be a number.")),
        },
        _ => return Err(format!("`{name}()` takes at most one argument.")),
    };
    let valid = match (name, arg) {
        (_, None) => true,
        ("uuid", Some(v)) => v == "4" || v == "7",
        ("cuid", Some(v)) => v == "1" || v == "2",
        ("nanoid", Some(v)) => v.parse::<u8>().is_ok_and(|n| (2..=255).contains(&n)),
        _ => false,
    };
    if !valid {
        let valid_forms = match name {
            "uuid" => "Use `uuid()`, `uuid(4)` or `uuid(7)`.",
            "cuid" => "Use `cuid()` or `cuid(2)`.",
            "nanoid" => "Give `nanoid()` a length from 2 to 255, such as `nanoid(16)`.",
            _ => "Write it without an argument.",
        };
        return Err(format!(
            "`{name}({})` is not a valid version or length. {valid_forms}",
            arg.unwrap_or_default()
        ));
    }
    Ok(DefaultDef::Generated(match arg {
        Some(a) => format!("{name}({a})"),
        None => format!("{name}()"),
    }))
}

fn db_generated(args: &[crate::psl::ast::Arg]) -> Result<DefaultDef, String> {
    match args {
        [] => Ok(DefaultDef::DbGenerated(None)),
        [a] if a.name.is_none() => match a.value.as_str() {
            Some(s) if !s.trim().is_empty() => Ok(DefaultDef::DbGenerated(Some(s.to_string()))),
            Some(_) => Err("`dbgenerated(\"...\")` needs a non-empty SQL expression.".into()),
            None => {
                Err("`dbgenerated` takes one string: the SQL expression, such as `dbgenerated(\"random()\")`.".into())
            }
        },
        _ => Err("`dbgenerated` takes one string: the SQL expression, such as `dbgenerated(\"random()\")`.".into()),
    }
}

fn type_name(field: &Field) -> String {
    match &field.ty {
        FieldType::Scalar(s) => s.name().to_string(),
        FieldType::Enum(e) | FieldType::Relation(e) => e.clone(),
        FieldType::Unsupported(u) => format!("Unsupported(\"{u}\")"),
    }
}

/// A constant default: checked against the field's type.
fn value(field: &Field, enums: &EnumValues, expr: &Expr) -> Result<Value, String> {
    let wrong = || {
        format!(
            "The default {} does not fit the field `{}` of type `{}`.{}",
            describe(expr),
            field.name,
            type_name(field),
            fitting_example(&field.ty)
        )
    };
    match (&field.ty, expr) {
        (FieldType::Enum(e), Expr::Ident(v)) => match enums.check(e, &v.name) {
            Ok(()) => Ok(Value::EnumValue(v.name.clone())),
            Err(values) => Err(format!(
                "The default `{}` is not a value of the enum `{e}`. Use one of: {values}.",
                v.name
            )),
        },
        // Prisma's grammar has no exponent: it refuses `@default(1e10)` on
        // any type, as a line it cannot read (measured with 6.19.3).
        (FieldType::Scalar(_), Expr::Number(n, _)) if n.contains(['e', 'E']) => Err(format!(
            "The default {n} is written with an exponent, which Prisma's schema language does not read: write the number out ({}).",
            n.parse::<f64>().map_or_else(|_| "digits and an optional decimal point".to_string(), |v| v.to_string())
        )),
        // Prisma reads a BigInt default only as a number.
        (FieldType::Scalar(ScalarType::BigInt), Expr::String(v, _)) => Err(format!(
            "Error parsing attribute \"@default\": Expected a BigInt value, but found `\"{}\"`.{}",
            v.raw,
            fitting_example(&field.ty)
        )),
        (FieldType::Scalar(s), _) => {
            if let Some(problem) = parse_error(*s, expr) {
                return Err(format!(
                    "Error parsing attribute \"@default\": Parse error: {problem}{}",
                    fitting_example(&field.ty)
                ));
            }
            scalar_value(*s, expr).ok_or_else(wrong)
        }
        _ => Err(wrong()),
    }
}

/// Prisma's parse error for a default of the right kind whose text does not
/// parse as the type (measured with Prisma 6.19.3's `validate`): base64
/// for `Bytes`, RFC 3339 for `DateTime` (with chrono's reason, as Prisma
/// uses chrono), a decimal for `Decimal`, a 64-bit integer for `BigInt`,
/// JSON for `Json` (with serde_json's reason, as Prisma uses serde_json).
fn parse_error(s: ScalarType, expr: &Expr) -> Option<String> {
    use base64::Engine;
    match (s, expr) {
        (ScalarType::Bytes, Expr::String(v, _)) => base64::engine::general_purpose::STANDARD
            .decode(&v.value)
            .err()
            .map(|_| {
                format!(
                    "\"{}\" is not a valid base64 string. (Could not convert from `base64 encoded bytes` to `PrismaValue::Bytes`)",
                    v.raw
                )
            }),
        (ScalarType::DateTime, Expr::String(v, _)) => DateTimeDefault::check(&v.value)
            .err()
            .map(|e| format!("\"{}\" is not a valid rfc3339 datetime string. ({e})", v.raw)),
        (ScalarType::Json, Expr::String(v, _)) => serde_json::from_str::<serde::de::IgnoredAny>(&v.value)
            .err()
            .map(|e| format!("\"{}\" is not a valid JSON string. ({e})", v.raw)),
        (ScalarType::Decimal, Expr::String(v, _)) => {
            decimal_error(&v.value).map(|e| format!("\"{}\" is not a valid decimal. ({e})", v.raw))
        }
        (ScalarType::BigInt, Expr::Number(n, _)) if !n.contains(['.', 'e', 'E']) => n
            .parse::<i64>()
            .err()
            .map(|e| format!("\"{n}\" is not a valid integer. ({e})")),
        _ => None,
    }
}

/// Why `v` is not a decimal number (`-1.5`, `.5`, `1e5`), in the words of
/// the decimal parser Prisma uses.
fn decimal_error(v: &str) -> Option<&'static str> {
    if v.is_empty() {
        return Some("Failed to parse empty string");
    }
    let ok = crate::number::is_unsigned_decimal(v.strip_prefix(['+', '-']).unwrap_or(v));
    (!ok).then_some("invalid digit found in string")
}

/// " Use ..., such as ..." for a type's constant defaults.
fn fitting_example(ty: &FieldType) -> &'static str {
    match ty {
        FieldType::Scalar(ScalarType::Int | ScalarType::BigInt) => " Use a whole number, such as `@default(0)`.",
        FieldType::Scalar(ScalarType::Float | ScalarType::Decimal) => " Use a number, such as `@default(1.5)`.",
        FieldType::Scalar(ScalarType::Boolean) => " Use `true` or `false`.",
        FieldType::Scalar(ScalarType::String) => " Use a string, such as `@default(\"text\")`.",
        FieldType::Scalar(ScalarType::DateTime) => {
            " Use `now()` or an RFC 3339 date-time string, such as `@default(\"2024-01-01T00:00:00Z\")`."
        }
        FieldType::Scalar(ScalarType::Json) => " Use JSON in a string, such as `@default(\"{}\")`.",
        FieldType::Scalar(ScalarType::Bytes) => " Use base64 in a string, such as `@default(\"AQID\")`.",
        FieldType::Enum(_) => " Use one of the enum's values.",
        FieldType::Relation(_) | FieldType::Unsupported(_) => " Only `dbgenerated(\"...\")` fits this type.",
    }
}

fn scalar_value(s: ScalarType, expr: &Expr) -> Option<Value> {
    use ScalarType::*;
    match (s, expr) {
        (String | Json | Bytes | DateTime | Decimal, Expr::String(v, _)) => Some(Value::String(v.value.clone())),
        (Int | BigInt, Expr::Number(n, _)) if n.parse::<i64>().is_ok() => Some(Value::Number(n.clone())),
        (Float | Decimal, Expr::Number(n, _)) if n.parse::<f64>().is_ok() => Some(Value::Number(n.clone())),
        (Boolean, Expr::Ident(i)) if i.name == "true" || i.name == "false" => Some(Value::Boolean(i.name == "true")),
        _ => None,
    }
}

fn describe(expr: &Expr) -> String {
    match expr {
        Expr::String(s, _) => format!("\"{}\"", s.raw),
        Expr::Number(n, _) => n.clone(),
        Expr::Ident(i) => format!("`{}`", i.name),
        other => other.describe().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::decimal_error;

    #[test]
    fn decimals_parse_as_prismas() {
        for ok in ["1", "-0.5", "+2.", ".5", "1e5", "1.5E-3"] {
            assert_eq!(decimal_error(ok), None, "{ok}");
        }
        assert_eq!(decimal_error(""), Some("Failed to parse empty string"));
        for bad in ["abc", "1.2.3", ".", "1e", "inf", "NaN", "1,5", " 1"] {
            assert_eq!(decimal_error(bad), Some("invalid digit found in string"), "{bad}");
        }
    }
}
