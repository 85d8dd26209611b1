//! The enum inline in an `ENUM(...)` column, named as Prisma names it
//! (`<table>_<column>`), for `db pull` to write as an enum block.

use super::catalog::ColumnRow;
use super::column_types::enum_name;
use crate::dialect::enum_values;
use migrate_core::schema::Enum;

pub(super) fn inline_enum(row: &ColumnRow) -> Option<Enum> {
    if !row.data_type.eq_ignore_ascii_case("enum") {
        return None;
    }
    Some(Enum {
        namespace: None,
        name: enum_name(&row.table, &row.name),
        values: enum_values(&row.column_type)?,
    })
}
