//! Prisma field types to PostgreSQL column types: the scalar defaults
//! (`String` is `TEXT`, `DateTime` is `TIMESTAMP(3)`), `@db.*` native types,
//! enums as their named type, scalar lists as arrays. The `sql` never holds
//! the `[]` of a list: `ColumnType::list` says it, and the renderer adds it.

use super::native::PgType;

use migrate_core::driver::FieldTypeRef;
use migrate_core::schema::{ColumnType, TypeFamily};

/// The canonical column type of a field on PostgreSQL.
pub(crate) fn column_type(field: FieldTypeRef<'_>) -> ColumnType {
    match field {
        FieldTypeRef::Scalar { scalar, native, list } => {
            let ty = native
                .and_then(PgType::from_native)
                .unwrap_or_else(|| PgType::for_scalar(scalar));
            ColumnType {
                family: TypeFamily::Scalar(scalar),
                sql: ty.sql(),
                list,
            }
        }
        FieldTypeRef::Enum {
            namespace, name, list, ..
        } => ColumnType {
            family: TypeFamily::Enum(name.to_string()),
            sql: super::quote::quote_in(namespace, name),
            list,
        },
        FieldTypeRef::Unsupported(sql) => ColumnType {
            family: TypeFamily::Unsupported,
            sql: sql.to_string(),
            list: false,
        },
    }
}

/// The type as written in DDL: `sql`, plus `[]` for a list. An
/// `Unsupported("_point")[]` (Prisma 6.19.3's `db pull` names the array type)
/// is written by its element, `point[]`: PostgreSQL has no type `_point[]`.
pub(crate) fn full_type(ty: &ColumnType) -> String {
    match (ty.list, &ty.family) {
        (true, TypeFamily::Unsupported) => format!("{}[]", ty.sql.strip_prefix('_').unwrap_or(&ty.sql)),
        (true, _) => format!("{}[]", ty.sql),
        (false, _) => ty.sql.clone(),
    }
}
