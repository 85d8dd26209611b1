//! One column of a table or of a view from its catalog row.
//!
//! `AUTO_INCREMENT` is in `EXTRA`; an auto-increment column has no default
//! of its own. `ON UPDATE CURRENT_TIMESTAMP` is not kept: `@updatedAt` is
//! the client's, not the database's.

use super::catalog::{ColumnRow, Flavour};
use super::column_types::column_type;
use super::defaults::default_value;
use migrate_core::schema::Column;

/// `json`: the column has MariaDB's JSON check.
pub(super) fn column(row: ColumnRow, json: bool, flavour: Flavour) -> Column {
    let ty = column_type(&row, json);
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
