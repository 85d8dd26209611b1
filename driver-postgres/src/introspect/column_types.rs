//! A column's catalog type back to a [`ColumnType`] in the canonical
//! spelling lowering uses (the dialect's `PgType::sql`), so that a lowered
//! column and the column it was created as compare equal: `int4` is
//! `INTEGER`, `varchar` with modifier 14 is `VARCHAR(10)`, `timestamptz`
//! with modifier 3 is `TIMESTAMPTZ(3)`, an enum is its quoted name. A time
//! type without a precision has PostgreSQL's default one, 6, written out
//! (`TIMESTAMP(6)`), as Prisma reads it; but an array of one stays bare
//! (`TIMESTAMP`), as Prisma 6.19.3 pulls it (`@db.Timestamp`: the catalog
//! has no precision for an array's element). Arrays are their element's
//! type with `list`. A `bpchar` without a length is `BPCHAR` (unbounded). A domain's column is its base type's (the query reads it
//! so). Any other type is unsupported and spelled as `format_type()` writes
//! it, without the schema it adds when the search path does not find the
//! type (`geometry`, not `public.geometry`), as `Unsupported("...")` names
//! it; but, as Prisma 6.19.3 names them, an array of such a type is its
//! array type's name (`_point`), and an enum of another schema its bare
//! name (`mood`, not `"mood"` or `other.mood`).

use super::catalog::ColumnRow;
use crate::dialect::quote::quote_in;
use migrate_core::schema::{ColumnType, ScalarType, TypeFamily};

/// The header the catalog adds to the declared length of a character type.
const VARHDRSZ: i32 = 4;
/// The precision of a time type declared without one.
const TIME_PRECISION: i32 = 6;

pub(super) fn column_type(row: &ColumnRow) -> ColumnType {
    let enum_ = row.type_kind == "e";
    let (family, sql) = if enum_ && row.type_in_schema {
        let sql = quote_in(row.type_namespace.as_deref(), &row.type_name);
        (TypeFamily::Enum(row.type_name.clone()), sql)
    } else {
        match known(&row.type_name, row.typmod, row.is_array) {
            Some((scalar, sql)) => (TypeFamily::Scalar(scalar), sql),
            None if row.is_array || enum_ => (TypeFamily::Unsupported, row.udt_name.clone()),
            None => (TypeFamily::Unsupported, unqualified(row)),
        }
    };
    ColumnType {
        family,
        sql,
        list: row.is_array,
    }
}

/// `format_type()`'s text without a leading `schema.`.
fn unqualified(row: &ColumnRow) -> String {
    let prefix = format!("{}.", row.type_schema);
    let text = &row.formatted;
    text.strip_prefix(&prefix).unwrap_or(text).to_string()
}

/// The scalar and canonical spelling of a built-in type by `typname`.
fn known(type_name: &str, typmod: i32, array: bool) -> Option<(ScalarType, String)> {
    let precision = |typmod: i32| match array {
        true => length(typmod, 0),
        false => precision(typmod),
    };
    let plain = |scalar: ScalarType, sql: &str| Some((scalar, sql.to_string()));
    match type_name {
        "text" => plain(ScalarType::String, "TEXT"),
        "uuid" => plain(ScalarType::String, "UUID"),
        "citext" => plain(ScalarType::String, "CITEXT"),
        "xml" => plain(ScalarType::String, "XML"),
        "inet" => plain(ScalarType::String, "INET"),
        "varchar" => sized(ScalarType::String, "VARCHAR", length(typmod, VARHDRSZ)),
        // Declared `bpchar` without a length: unbounded (`CHAR` alone is CHAR(1)).
        "bpchar" if typmod < 0 => plain(ScalarType::String, "BPCHAR"),
        "bpchar" => sized(ScalarType::String, "CHAR", length(typmod, VARHDRSZ)),
        "bit" => sized(ScalarType::String, "BIT", length(typmod, 0)),
        "varbit" => sized(ScalarType::String, "VARBIT", length(typmod, 0)),
        "int4" => plain(ScalarType::Int, "INTEGER"),
        "int2" => plain(ScalarType::Int, "SMALLINT"),
        "oid" => plain(ScalarType::Int, "OID"),
        "int8" => plain(ScalarType::BigInt, "BIGINT"),
        "float8" => plain(ScalarType::Float, "DOUBLE PRECISION"),
        "float4" => plain(ScalarType::Float, "REAL"),
        "numeric" => Some((ScalarType::Decimal, numeric(typmod))),
        "money" => plain(ScalarType::Decimal, "MONEY"),
        "bool" => plain(ScalarType::Boolean, "BOOLEAN"),
        "timestamp" => sized(ScalarType::DateTime, "TIMESTAMP", precision(typmod)),
        "timestamptz" => sized(ScalarType::DateTime, "TIMESTAMPTZ", precision(typmod)),
        "date" => plain(ScalarType::DateTime, "DATE"),
        "time" => sized(ScalarType::DateTime, "TIME", precision(typmod)),
        "timetz" => sized(ScalarType::DateTime, "TIMETZ", precision(typmod)),
        "jsonb" => plain(ScalarType::Json, "JSONB"),
        "json" => plain(ScalarType::Json, "JSON"),
        "bytea" => plain(ScalarType::Bytes, "BYTEA"),
        _ => None,
    }
}

/// `NAME(n)`, or `NAME` without a modifier.
fn sized(scalar: ScalarType, name: &str, argument: Option<i32>) -> Option<(ScalarType, String)> {
    Some(match argument {
        Some(n) => (scalar, format!("{name}({n})")),
        None => (scalar, name.to_string()),
    })
}

/// The length or precision a modifier stands for; -1 is none.
fn length(typmod: i32, header: i32) -> Option<i32> {
    (typmod >= header).then_some(typmod - header)
}

/// A time type's fractional digits.
fn precision(typmod: i32) -> Option<i32> {
    Some(length(typmod, 0).unwrap_or(TIME_PRECISION))
}

/// `DECIMAL(p,s)`: the modifier holds the precision in its high 16 bits and
/// the scale in its low 16 bits, after the header.
fn numeric(typmod: i32) -> String {
    match length(typmod, VARHDRSZ) {
        Some(packed) => format!("DECIMAL({},{})", (packed >> 16) & 0xffff, packed & 0xffff),
        None => "DECIMAL".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(type_name: &str, type_kind: &str, typmod: i32, formatted: &str) -> ColumnRow {
        ColumnRow {
            table: "t".into(),
            name: "c".into(),
            not_null: false,
            is_array: false,
            type_name: type_name.into(),
            type_kind: type_kind.into(),
            typmod,
            formatted: formatted.into(),
            type_schema: "public".into(),
            type_in_schema: true,
            type_namespace: None,
            udt_name: type_name.into(),
            default: None,
            identity: false,
            generated: false,
        }
    }

    fn sql(type_name: &str, typmod: i32) -> String {
        column_type(&row(type_name, "b", typmod, "?")).sql
    }

    #[test]
    fn modifiers_become_arguments() {
        assert_eq!(sql("varchar", 14), "VARCHAR(10)");
        assert_eq!(sql("varchar", -1), "VARCHAR");
        assert_eq!(sql("bpchar", 5), "CHAR(1)");
        assert_eq!(sql("numeric", 655_366), "DECIMAL(10,2)");
        assert_eq!(sql("numeric", (65 << 16) + 30 + 4), "DECIMAL(65,30)");
        assert_eq!(sql("numeric", -1), "DECIMAL");
        assert_eq!(sql("timestamp", 3), "TIMESTAMP(3)");
        assert_eq!(sql("timestamptz", 0), "TIMESTAMPTZ(0)");
        assert_eq!(sql("timestamptz", -1), "TIMESTAMPTZ(6)");
        assert_eq!(sql("timestamp", -1), "TIMESTAMP(6)");
        assert_eq!(sql("time", 2), "TIME(2)");
        assert_eq!(sql("timetz", -1), "TIMETZ(6)");
        assert_eq!(sql("bit", 3), "BIT(3)");
        assert_eq!(sql("varbit", -1), "VARBIT");
    }

    #[test]
    fn enums_are_quoted_and_others_kept_as_formatted() {
        let role = column_type(&row("Ro\"le", "e", -1, "\"Ro\"\"le\""));
        assert_eq!(
            (role.family, role.sql),
            (TypeFamily::Enum("Ro\"le".into()), "\"Ro\"\"le\"".into())
        );
        let other = column_type(&row("tsvector", "b", -1, "tsvector"));
        assert_eq!((other.family, other.sql), (TypeFamily::Unsupported, "tsvector".into()));
        let hidden = column_type(&row("geometry", "b", -1, "public.geometry"));
        assert_eq!(hidden.sql, "geometry");
    }

    #[test]
    fn arrays_and_enums_of_other_schemas_by_their_own_names() {
        let points = ColumnRow {
            is_array: true,
            udt_name: "_point".into(),
            ..row("point", "b", -1, "point")
        };
        assert_eq!(column_type(&points).sql, "_point");
        let mood = ColumnRow {
            type_in_schema: false,
            type_namespace: Some("other".into()),
            type_schema: "other".into(),
            ..row("Mo od", "e", -1, "other.\"Mo od\"")
        };
        let mood = column_type(&mood);
        assert_eq!((mood.family, mood.sql), (TypeFamily::Unsupported, "Mo od".into()));
    }
}
