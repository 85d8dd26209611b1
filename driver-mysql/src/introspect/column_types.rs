//! A column's type from its catalog row, in the spelling lowering gives the
//! same field: the dialect's [`column_type_from_catalog`] does the mapping;
//! here only what the row alone does not say. MariaDB's JSON is a LONGTEXT
//! with `CHECK (json_valid(col))`, and a MySQL enum is inline in its column,
//! named `<table>_<column>` as Prisma names it.

use super::catalog::ColumnRow;
use crate::dialect::column_type_from_catalog;
use migrate_core::schema::{ColumnType, TypeFamily};

/// `json_check`: the column has MariaDB's JSON check.
pub(super) fn column_type(row: &ColumnRow, json_check: bool) -> ColumnType {
    let mut ty = column_type_from_catalog(&row.data_type, &row.column_type, json_check);
    if let TypeFamily::Enum(name) = &mut ty.family {
        *name = enum_name(&row.table, &row.name);
    }
    ty
}

/// Prisma's name for the enum inline in a column.
pub(super) fn enum_name(table: &str, column: &str) -> String {
    format!("{table}_{column}")
}
