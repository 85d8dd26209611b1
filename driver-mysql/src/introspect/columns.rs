//! One column of a table or of a view from its catalog row.
//!
//! `AUTO_INCREMENT` is in `EXTRA`; an auto-increment column has no default
//! of its own. `ON UPDATE CURRENT_TIMESTAMP` is not kept: `@updatedAt` is
//! the client's, not the database's.
//!
//! A `tinyint(1)` is a `Boolean` unless its default is a number other than
//! 0 and 1: Prisma 6.19.3's describer (`get_column_type` in
//! `sql-schema-describer/src/mysql.rs`) reads `tinyint(1) DEFAULT 2` as an
//! `Int @db.TinyInt`, whose default `db pull` writes as `@default(2)`.

use super::catalog::{ColumnRow, Flavour};
use super::column_types::column_type;
use super::defaults::default_value;
use crate::dialect::column_type_from_catalog;
use crate::dialect::native::MysqlType;
use migrate_core::schema::{Column, ColumnType};

/// `json`: the column has MariaDB's JSON check.
pub(super) fn column(row: ColumnRow, json: bool, flavour: Flavour) -> Column {
    let mut ty = column_type(&row, json);
    if not_a_truth_value(&ty, row.default.as_deref()) {
        ty = column_type_from_catalog("tinyint", "tinyint", false);
    }
    let auto_increment = row.extra.to_ascii_lowercase().contains("auto_increment");
    let default = match &row.default {
        Some(printed) if !auto_increment => default_value(printed, &row.extra, flavour, &ty),
        _ => None,
    };
    Column {
        name: row.name,
        ty,
        nullable: row.nullable,
        default,
        auto_increment,
        sequence: None,
    }
}

/// A `BOOLEAN` (`tinyint(1)`) column whose default is an integer but 0 or 1.
fn not_a_truth_value(ty: &ColumnType, printed: Option<&[u8]>) -> bool {
    let Some(printed) = printed.and_then(|p| std::str::from_utf8(p).ok()) else {
        return false;
    };
    let number = printed.trim().trim_matches('\'');
    MysqlType::parse(&ty.sql) == Some(MysqlType::Boolean) && number.parse::<i64>().is_ok_and(|n| n != 0 && n != 1)
}

/// One column of a view: as a table's column (an enum is named
/// `<view>_<column>`), with the nullability and default the server reports,
/// which are those of the table column it selects (Prisma 6.19.3 writes
/// that default too). Never auto-increment. MariaDB's JSON check belongs to
/// a table, so a view column over a MariaDB JSON column is a LONGTEXT.
pub(super) fn view_column(row: ColumnRow, flavour: Flavour) -> Column {
    Column {
        auto_increment: false,
        ..column(row, false, flavour)
    }
}
