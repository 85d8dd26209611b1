//! The columns and primary key of one table, and the columns of one view,
//! from their `table_info` rows.

use super::catalog::ColumnRow;
use super::column_types::column_type;
use super::defaults::default_value;
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

/// One column of a table. `without_rowid`: the table is `WITHOUT ROWID`;
/// `single_key`: its primary key has exactly one column.
///
/// A key column is not nullable when SQLite never stores NULL in it, even
/// without `NOT NULL`: the rowid alias (`INTEGER PRIMARY KEY`) and any key
/// column of a `WITHOUT ROWID` table.
///
/// A single key column declared `INTEGER` auto-increments as Prisma 6.19.3
/// reads it: with or without `AUTOINCREMENT` in the table text, and also
/// where SQLite does not make it the rowid alias (`INTEGER PRIMARY KEY
/// DESC`, a `WITHOUT ROWID` table); `db pull` writes it
/// `@default(autoincrement())`, and the differ compares no rowid key's
/// auto-increment. `INT PRIMARY KEY` does not (Prisma: no default). The
/// table text's `AUTOINCREMENT` adds nothing: SQLite allows it only there.
pub(super) fn column(row: ColumnRow, without_rowid: bool, single_key: bool) -> Column {
    let in_key = row.pk > 0;
    let declared_integer = row.declared_type.eq_ignore_ascii_case("INTEGER");
    let rowid_alias = in_key && single_key && !without_rowid && declared_integer;
    let never_null = in_key && (rowid_alias || without_rowid);
    let ty = column_type(&row.declared_type);
    Column {
        default: row.default.as_deref().and_then(|d| default_value(d, &ty.family)),
        ty,
        nullable: !row.not_null && !never_null,
        auto_increment: in_key && single_key && declared_integer,
        sequence: None,
        name: row.name,
    }
}

/// One column of a view: [`column`] of a table without a primary key, so
/// the same declared type reads back as the same type. SQLite reports
/// every view column nullable and without a default (`table_info` has
/// neither for a view); the default is left out all the same.
pub(super) fn view_column(row: ColumnRow) -> Column {
    Column {
        default: None,
        ..column(row, false, false)
    }
}
