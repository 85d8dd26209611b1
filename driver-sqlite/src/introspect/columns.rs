//! The columns and primary key of one table, from its `table_info` rows.

use super::catalog::{ColumnRow, TableRow};
use super::column_types::column_type;
use super::defaults::default_value;
use super::sql_text::TableText;
use migrate_core::schema::{Column, IndexColumn, PrimaryKey};

/// The key columns in key order. SQLite keeps no constraint name a
/// migration could use, nor (in what the renderer writes) sort orders.
pub(super) fn primary_key(rows: &[ColumnRow]) -> Option<PrimaryKey> {
    let mut keyed: Vec<&ColumnRow> = rows.iter().filter(|r| r.pk > 0).collect();
    keyed.sort_by_key(|r| r.pk);
    (!keyed.is_empty()).then(|| PrimaryKey {
        name: None,
        columns: keyed.iter().map(|r| IndexColumn::named(&r.name)).collect(),
    })
}

/// One column. `single_key`: the primary key has exactly one column.
///
/// A key column is not nullable when SQLite never stores NULL in it, even
/// without `NOT NULL`: the rowid alias (`INTEGER PRIMARY KEY`) and any key
/// column of a `WITHOUT ROWID` table. AUTOINCREMENT can only be on the
/// rowid alias, so the table text having it marks the single key column.
pub(super) fn column(row: ColumnRow, table: &TableRow, text: &TableText, single_key: bool) -> Column {
    let in_key = row.pk > 0;
    let rowid_alias = in_key && single_key && !table.without_rowid && row.declared_type.eq_ignore_ascii_case("INTEGER");
    let never_null = in_key && (rowid_alias || table.without_rowid);
    Column {
        ty: column_type(&row.declared_type),
        nullable: !row.not_null && !never_null,
        default: row.default.as_deref().and_then(default_value),
        auto_increment: in_key && single_key && text.autoincrement,
        name: row.name,
    }
}
