//! Prisma field types to SQLite column types. SQLite has no native types
//! (`@db.*` is rejected by validation) and no lists, so the mapping is fixed.

use migrate_core::driver::FieldTypeRef;
use migrate_core::schema::{ColumnType, ScalarType, TypeFamily};

/// The canonical column type of a field on SQLite.
pub(crate) fn column_type(field: FieldTypeRef<'_>) -> ColumnType {
    let (family, sql) = match field {
        FieldTypeRef::Scalar { scalar, .. } => (TypeFamily::Scalar(scalar), scalar_sql(scalar).to_string()),
        FieldTypeRef::Enum { name, .. } => (TypeFamily::Enum(name.to_string()), "TEXT".to_string()),
        FieldTypeRef::Unsupported(sql) => (TypeFamily::Unsupported, sql.to_string()),
    };
    ColumnType {
        family,
        sql,
        list: false,
    }
}

/// The type Prisma writes for a scalar on SQLite.
pub(crate) fn scalar_sql(scalar: ScalarType) -> &'static str {
    match scalar {
        ScalarType::String => "TEXT",
        ScalarType::Boolean => "BOOLEAN",
        ScalarType::Int => "INTEGER",
        ScalarType::BigInt => "BIGINT",
        ScalarType::Float => "REAL",
        ScalarType::Decimal => "DECIMAL",
        ScalarType::DateTime => "DATETIME",
        ScalarType::Json => "JSONB",
        ScalarType::Bytes => "BLOB",
    }
}
