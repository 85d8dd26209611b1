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

/// One column of a view: its name, type (by [`column_type`], as for a
/// table column; an enum is named `<view>_<column>`) and nullability as the
/// server reports them: MySQL derives a view column's nullability from what
/// it selects. No default and no auto-increment, though MySQL reports those
/// of the table column a view column selects. MariaDB's JSON check belongs
/// to a table, so a view column over a MariaDB JSON column is a LONGTEXT.
pub(super) fn view_column(row: ColumnRow) -> Column {
    Column {
        ty: column_type(&row, false),
        name: row.name,
        nullable: row.nullable,
        default: None,
        auto_increment: false,
        sequence: None,
    }
}
