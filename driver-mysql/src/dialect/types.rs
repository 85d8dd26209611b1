//! Prisma field types to MySQL column types (`String` is `VARCHAR(191)`,
//! `DateTime` is `DATETIME(3)`, `@db.*` native types, enums inline as
//! `ENUM(...)`), and the same canonical [`ColumnType`] read back from
//! `information_schema`, so that the differ, which compares `sql`, sees a
//! pushed schema as unchanged.

use super::enums::{enum_sql, enum_values};
use super::native::MysqlType;
use migrate_core::driver::FieldTypeRef;
use migrate_core::schema::{ColumnType, ScalarType, TypeFamily};

/// The canonical column type of a field on MySQL.
pub(crate) fn column_type(field: FieldTypeRef<'_>) -> ColumnType {
    match field {
        FieldTypeRef::Scalar { scalar, native, list } => ColumnType {
            family: TypeFamily::Scalar(scalar),
            sql: lowered_type(scalar, native).sql(),
            list,
        },
        FieldTypeRef::Enum { name, values, list, .. } => ColumnType {
            family: TypeFamily::Enum(name.to_string()),
            sql: enum_sql(values),
            list,
        },
        FieldTypeRef::Unsupported(sql) => unsupported_field(sql),
    }
}

/// `Unsupported("TEXT")` names a type MySQL reports as `TEXT` again: it
/// takes that canonical spelling (and stays `Unsupported`).
fn unsupported_field(sql: &str) -> ColumnType {
    match MysqlType::from_column_type(sql) {
        Some(ty) => ColumnType {
            sql: ty.sql(),
            ..unsupported(sql)
        },
        None => unsupported(sql),
    }
}

fn lowered_type(scalar: ScalarType, native: Option<&migrate_core::psl::datamodel::NativeType>) -> MysqlType {
    native
        .and_then(|n| MysqlType::from_native(n, scalar))
        .unwrap_or_else(|| MysqlType::for_scalar(scalar))
}

/// The canonical [`ColumnType`] of a column as `information_schema.COLUMNS`
/// describes it: the same value lowering gives the field `db pull` writes
/// for the column.
///
/// - `data_type`: `DATA_TYPE` (`int`, `varchar`, `enum`, `longtext`...).
/// - `column_type`: `COLUMN_TYPE` (`int(11)`, `int(10) unsigned`,
///   `tinyint(1)`, `varchar(191)`, `decimal(65,30)`, `datetime(3)`,
///   `enum('A','B')`...), as MySQL 8 or MariaDB spell it: integer display
///   widths are ignored, except that `tinyint(1)` is `BOOLEAN`.
/// - `json_check`: the column has a `CHECK (json_valid(column))`
///   constraint. MariaDB stores `JSON` as `longtext` with that check; pass
///   `true` for such a `longtext` column and it reads as `JSON`. (MySQL 8
///   reports `json` and needs no flag.)
///
/// An inline enum has no name in the database: it comes back as
/// `TypeFamily::Enum("")`, which introspection replaces with the name it
/// gives the enum (Prisma names it `<table>_<column>`); [`enum_values`]
/// reads its values. The differ compares only `sql`, never the enum's name.
/// A type Prisma has no name for (`point`, `set(...)`, `float(7,4)`,
/// `zerofill`) is `TypeFamily::Unsupported` with `column_type` as MySQL
/// spells it (lowercase outside quotes), what `db pull` writes in
/// `Unsupported("...")`; lowering spells `Unsupported("POINT")` the same.
pub fn column_type_from_catalog(data_type: &str, column_type: &str, json_check: bool) -> ColumnType {
    if data_type.eq_ignore_ascii_case("enum") {
        if let Some(values) = enum_values(column_type) {
            return ColumnType {
                family: TypeFamily::Enum(String::new()),
                sql: enum_sql(&values),
                list: false,
            };
        }
    }
    if json_check && data_type.eq_ignore_ascii_case("longtext") {
        return scalar(MysqlType::Json);
    }
    match MysqlType::from_column_type(column_type) {
        Some(ty) => scalar(ty),
        None => unsupported(column_type),
    }
}

fn scalar(ty: MysqlType) -> ColumnType {
    ColumnType {
        family: TypeFamily::Scalar(ty.scalar()),
        sql: ty.sql(),
        list: false,
    }
}

/// `Unsupported("POINT")` is `point`: MySQL reports type names in lowercase,
/// so they are kept that way, quoted literals (`set('A')`) as written.
fn unsupported(sql: &str) -> ColumnType {
    let mut quoted = false;
    let lowered = sql
        .trim()
        .chars()
        .map(|c| {
            quoted ^= c == '\'';
            if quoted {
                c
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    ColumnType {
        family: TypeFamily::Unsupported,
        sql: lowered,
        list: false,
    }
}
