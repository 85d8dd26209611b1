//! What `db pull` notes about a table and the schema file cannot say (see
//! [`TableNote`]), from the rows of `notes.sql` and of the indexes.

use super::catalog::{NoteRow, TableKey};
use migrate_core::schema::{Table, TableNote};
use std::collections::BTreeMap;

/// The rows' notes by table key (see [`TableKey`]), in the rows' order.
pub(super) fn by_table(rows: Vec<NoteRow>) -> BTreeMap<String, Vec<TableNote>> {
    let mut notes: BTreeMap<String, Vec<TableNote>> = BTreeMap::new();
    for row in rows {
        if let Some(note) = note(row.kind.as_str(), row.name, row.column) {
            notes.entry(row.table).or_default().push(note);
        }
    }
    notes
}

fn note(kind: &str, name: Option<String>, column: Option<String>) -> Option<TableNote> {
    Some(match kind {
        "partition" => TableNote::Partitioned,
        "subclasses" => TableNote::HasSubclasses,
        "rls" => TableNote::RowLevelSecurity,
        "comment" => TableNote::Comment { column },
        "check" => TableNote::CheckConstraint(name?),
        "exclusion" => TableNote::ExclusionConstraint(name?),
        "deferring" => TableNote::NonDefaultDeferring(name?),
        _ => return None,
    })
}

/// Moves `table`'s notes from `rows` ([`by_table`]) to `notes`, keyed as
/// [`PullNotes`](migrate_core::schema::PullNotes) keys them, with the
/// notes of its indexes after them.
pub(super) fn add(
    rows: &mut BTreeMap<String, Vec<TableNote>>,
    notes: &mut BTreeMap<String, Vec<TableNote>>,
    table: &Table,
    indexes: Vec<TableNote>,
) {
    let mut found = rows
        .remove(&TableKey::of(table.namespace.as_deref(), &table.name))
        .unwrap_or_default();
    found.extend(indexes);
    if !found.is_empty() {
        notes.insert(table.qualified_name().to_string(), found);
    }
}
