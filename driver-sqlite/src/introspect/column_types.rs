//! A declared column type back to a [`ColumnType`].
//!
//! A type Prisma knows by name (`TEXT`, `VARCHAR(20)`, `int`, `DOUBLE
//! PRECISION`, `bool`, ...) reads back as its scalar, spelled as the renderer
//! writes that scalar: SQLite does not enforce lengths or precisions, so a
//! hand-made `VARCHAR(20)` column and a lowered `String` are the same column
//! and diff to nothing (Prisma compares SQLite columns by scalar too). Any
//! other type (`POINT`, an `Unsupported("...")` type) is unsupported and kept
//! verbatim, so `db pull` writes `Unsupported("POINT")` and the round trip
//! holds; SQLite's affinity rules are not used to guess a scalar.

use migrate_core::schema::{ColumnType, ScalarType, TypeFamily};

pub(crate) fn column_type(declared: &str) -> ColumnType {
    let (family, sql) = match known(&base_name(declared)) {
        Some(scalar) => (
            TypeFamily::Scalar(scalar),
            crate::dialect::types::scalar_sql(scalar).to_string(),
        ),
        None => (TypeFamily::Unsupported, declared.to_string()),
    };
    ColumnType {
        family,
        sql,
        list: false,
    }
}

/// The type name without its arguments, uppercase, blanks collapsed:
/// `double   precision(10, 2)` is `DOUBLE PRECISION`.
fn base_name(declared: &str) -> String {
    let name = declared.split('(').next().unwrap_or_default();
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_uppercase()
}

/// Prisma's names (any type holding `CHAR` is text: `NCHAR`, `CHARACTER
/// VARYING`), and a few more spellings SQLite's own affinity rules read
/// the same way (`INT8`, `BOOL`, `JSON`...), which Prisma leaves unsupported.
fn known(base: &str) -> Option<ScalarType> {
    Some(match base {
        "TEXT" | "CLOB" => ScalarType::String,
        _ if base.contains("CHAR") => ScalarType::String,
        "INTEGER" | "INT" | "SERIAL" => ScalarType::Int,
        "BIGINT" | "INT8" | "UNSIGNED BIG INT" => ScalarType::BigInt,
        "REAL" | "FLOAT" | "DOUBLE" | "DOUBLE PRECISION" => ScalarType::Float,
        "DECIMAL" | "NUMERIC" => ScalarType::Decimal,
        "BOOLEAN" | "BOOL" => ScalarType::Boolean,
        "DATETIME" | "DATE" | "TIMESTAMP" => ScalarType::DateTime,
        "JSONB" | "JSON" => ScalarType::Json,
        "BLOB" | "BINARY" => ScalarType::Bytes,
        _ => return None,
    })
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
        assert_eq!(column_type("circle").sql, "circle");
        assert_eq!(column_type("POINT").family, TypeFamily::Unsupported);
    }

    #[test]
    fn other_spellings_by_name_only() {
        let cases = [
            ("VARCHAR(20)", Some(ScalarType::String)),
            ("NCHAR(55)", Some(ScalarType::String)),
            ("VARYING CHARACTER(255)", Some(ScalarType::String)),
            ("serial", Some(ScalarType::Int)),
            ("BINARY", Some(ScalarType::Bytes)),
            ("int", Some(ScalarType::Int)),
            ("TINYINT", None),
            ("POINT", None),
            ("FLOATING POINT", None),
            ("DOUBLE PRECISION", Some(ScalarType::Float)),
            ("double   precision", Some(ScalarType::Float)),
            ("NUMERIC(10, 2)", Some(ScalarType::Decimal)),
            ("timestamp", Some(ScalarType::DateTime)),
            ("json", Some(ScalarType::Json)),
            ("bool", Some(ScalarType::Boolean)),
            ("", None),
            ("circle", None),
            ("TIME", None),
        ];
        for (declared, expected) in cases {
            assert_eq!(scalar(declared), expected, "{declared}");
        }
    }
}
