//! A declared column type back to a [`ColumnType`], by Prisma 6.19.3's
//! rules (its SQLite describer's `get_column_type`, probed with the kit in
//! `../shared/prisma6` over every spelling in the tests below).
//!
//! The declared type is lowercased and matched whole: `int`, `integer`,
//! `serial` are `Int`; `bigint` is `BigInt`; `real`, `float`, `double` are
//! `Float`; `boolean` is `Boolean`; `text` and anything holding `char` are
//! `String`; anything holding `numeric` or `decimal` is `Decimal`; `date`,
//! `datetime`, `timestamp` are `DateTime`; `blob`, `binary` are `Bytes`;
//! `jsonb` is `Json`; the same names with `[]` are their scalar. Anything
//! else (`int(11)`, `bool`, `json`, `double precision`, `unsigned big int`,
//! no type at all) is unsupported and named by its lowercased text, as
//! Prisma writes it: `Unsupported("unsigned big int")`. SQLite's affinity
//! rules are not used to guess a scalar.
//!
//! A scalar reads back spelled as the renderer writes it: SQLite enforces
//! no lengths or precisions, so a hand-made `VARCHAR(20)` column and a
//! lowered `String` are the same column and diff to nothing.

use migrate_core::schema::{ColumnType, ScalarType, TypeFamily};

pub(crate) fn column_type(declared: &str) -> ColumnType {
    let lowered = declared.to_ascii_lowercase();
    let (family, sql) = match known(&lowered) {
        Some(scalar) => (
            TypeFamily::Scalar(scalar),
            crate::dialect::types::scalar_sql(scalar).to_string(),
        ),
        None => (TypeFamily::Unsupported, lowered),
    };
    ColumnType {
        family,
        sql,
        list: false,
    }
}

/// Prisma's scalar for a lowercased declared type.
fn known(lowered: &str) -> Option<ScalarType> {
    Some(match lowered {
        "int" | "integer" | "serial" => ScalarType::Int,
        "bigint" => ScalarType::BigInt,
        "real" | "float" | "double" => ScalarType::Float,
        "boolean" => ScalarType::Boolean,
        "text" => ScalarType::String,
        _ if lowered.contains("char") => ScalarType::String,
        _ if lowered.contains("numeric") || lowered.contains("decimal") => ScalarType::Decimal,
        "date" | "datetime" | "timestamp" => ScalarType::DateTime,
        "blob" | "binary" => ScalarType::Bytes,
        "jsonb" => ScalarType::Json,
        _ => return known_list(lowered.strip_suffix("[]")?),
    })
}

/// The list spellings Prisma knows (`text[]`), read as their scalar:
/// SQLite has no lists. Others (`bigint[]`) are unsupported.
fn known_list(element: &str) -> Option<ScalarType> {
    let listed = [
        "int",
        "integer",
        "double",
        "float",
        "boolean",
        "text",
        "binary",
        "date",
        "datetime",
        "timestamp",
    ];
    listed.contains(&element).then(|| known(element)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(declared: &str) -> Option<ScalarType> {
        match column_type(declared).family {
            TypeFamily::Scalar(s) => Some(s),
            _ => None,
        }
    }

    #[test]
    fn rendered_types_map_to_their_scalar() {
        for scalar in ScalarType::ALL {
            let sql = crate::dialect::types::scalar_sql(scalar);
            assert_eq!(column_type(sql).sql, sql);
            assert_eq!(self::scalar(sql), Some(scalar), "{sql}");
        }
    }

    #[test]
    fn case_variants_of_rendered_types_are_canonical() {
        assert_eq!(column_type("integer").sql, "INTEGER");
        assert_eq!(column_type("Text").sql, "TEXT");
        assert_eq!(column_type("varchar(20)").sql, "TEXT");
        assert_eq!(column_type("JsonB").sql, "JSONB");
    }

    #[test]
    fn unsupported_types_are_lowercased_as_prisma_names_them() {
        for (declared, name) in [
            ("UNSIGNED BIG INT", "unsigned big int"),
            ("Unsigned   Big Int", "unsigned   big int"),
            ("STRING", "string"),
            ("ANY", "any"),
            ("JSON", "json"),
            ("UUID", "uuid"),
            ("INT(11)", "int(11)"),
            ("POINT", "point"),
            ("", ""),
        ] {
            let ty = column_type(declared);
            assert_eq!((ty.family, ty.sql.as_str()), (TypeFamily::Unsupported, name));
        }
    }

    /// What Prisma 6.19.3's `db pull` wrote for each declared type (the
    /// kit, `../shared/prisma6`): `None` is `Unsupported("<lowercased>")`.
    #[test]
    fn declared_types_as_prisma_pulls_them() {
        use ScalarType::*;
        let cases = [
            ("INT", Some(Int)),
            ("INTEGER", Some(Int)),
            ("InTeGeR", Some(Int)),
            ("SERIAL", Some(Int)),
            ("INT[]", Some(Int)),
            ("BIGINT[]", None),
            ("REAL[]", None),
            ("JSONB[]", None),
            ("TINYINT", None),
            ("SMALLINT", None),
            ("MEDIUMINT", None),
            ("INT2", None),
            ("INT8", None),
            ("INT(11)", None),
            ("INTEGER(4)", None),
            ("BIGINT", Some(BigInt)),
            ("BigInt", Some(BigInt)),
            ("BIGINT(20)", None),
            ("UNSIGNED BIG INT", None),
            ("VARCHAR(255)", Some(String)),
            ("CHARACTER(20)", Some(String)),
            ("VARYING CHARACTER(255)", Some(String)),
            ("NCHAR(55)", Some(String)),
            ("NATIVE CHARACTER(70)", Some(String)),
            ("NVARCHAR", Some(String)),
            ("TEXT", Some(String)),
            ("TEXT[]", Some(String)),
            ("TEXT(10)", None),
            ("CLOB", None),
            ("STRING", None),
            ("BLOB", Some(Bytes)),
            ("BINARY", Some(Bytes)),
            ("BLOB(10)", None),
            ("REAL", Some(Float)),
            ("DOUBLE", Some(Float)),
            ("FLOAT", Some(Float)),
            ("REAL(4)", None),
            ("FLOAT8", None),
            ("DOUBLE PRECISION", None),
            ("NUMERIC", Some(Decimal)),
            ("NUMERIC(10,2)", Some(Decimal)),
            ("DECIMAL", Some(Decimal)),
            ("DECIMAL(10,5)", Some(Decimal)),
            ("decimal (10, 5)", Some(Decimal)),
            ("MYDECIMAL", Some(Decimal)),
            ("SMALLNUMERIC", Some(Decimal)),
            ("MONEY", None),
            ("BOOLEAN", Some(Boolean)),
            ("BOOLEAN(1)", None),
            ("BOOL", None),
            ("DATE", Some(DateTime)),
            ("DATETIME", Some(DateTime)),
            ("DateTime", Some(DateTime)),
            ("TIMESTAMP", Some(DateTime)),
            ("DATETIME(3)", None),
            ("TIME", None),
            ("JSON", None),
            ("JSONB", Some(Json)),
            ("UUID", None),
            ("ANY", None),
            ("", None),
            ("POINT", None),
        ];
        for (declared, expected) in cases {
            assert_eq!(scalar(declared), expected, "{declared}");
        }
    }
}
