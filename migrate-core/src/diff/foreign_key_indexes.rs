//! Foreign keys and the indexes MySQL keeps for them: every key needs an
//! index that starts with its columns, which the server makes itself (named
//! after the key) when none exists, and refuses to drop while the key
//! needs it.

use super::ops::Op;
use crate::schema::{ForeignKey, Index, IndexColumn, IndexKind, Table};

/// Whether `index` is a plain index on exactly the columns of a foreign key
/// of `to` (the one the database made for the key, or one it now needs).
pub(super) fn backs_kept_foreign_key(index: &Index, to: &Table) -> bool {
    index.kind == IndexKind::Normal
        && to.foreign_keys.iter().any(|fk| {
            fk.columns.len() == index.columns.len() && fk.columns.iter().zip(&index.columns).all(|(f, i)| *f == i.name)
        })
}

/// Where every foreign key needs an index that starts with its columns
/// (MySQL refuses to drop the last one, errno 1553), a kept key whose
/// only such index the plan drops is dropped before the index and added
/// again after the plan's new indexes: the database then uses a new index
/// that covers it, or makes its own, as it does for a new key.
pub(super) fn keys_losing_their_index(from: &Table, to: &Table, ops: &[Op]) -> Vec<Op> {
    let dropped: Vec<&Index> = ops
        .iter()
        .filter_map(|op| match op {
            Op::DropIndex { index, .. } => Some(index),
            _ => None,
        })
        .collect();
    let covered_after_drops = |fk: &ForeignKey| {
        from.indexes
            .iter()
            .any(|i| !dropped.iter().any(|d| d.name == i.name) && covers(i, fk))
    };
    let mut refreshed = Vec::new();
    for fk in from.foreign_keys.iter().filter(|fk| to.foreign_keys.contains(fk)) {
        if dropped.iter().any(|i| covers(i, fk)) && !covered_after_drops(fk) {
            let table = to.qualified_name();
            refreshed.push(Op::DropForeignKey {
                table: table.clone(),
                foreign_key: fk.clone(),
            });
            refreshed.push(Op::AddForeignKey {
                table,
                foreign_key: fk.clone(),
            });
        }
    }
    refreshed
}

/// Where a new foreign key gets an index named after itself (MySQL), an
/// index of that name on other columns (the one the server made for a key
/// this plan drops, say) makes `ADD CONSTRAINT` fail (errno 1061, even
/// when another index would serve): it is dropped first.
pub(super) fn indexes_named_like_new_keys(from: &Table, ops: &[Op]) -> Vec<Op> {
    let dropped = |name: &str| {
        ops.iter()
            .any(|op| matches!(op, Op::DropIndex { index, .. } if index.name == name))
    };
    let mut in_the_way: Vec<Op> = Vec::new();
    for op in ops {
        let Op::AddForeignKey { table, foreign_key } = op else {
            continue;
        };
        let Some(index) = from.index(&foreign_key.name) else {
            continue;
        };
        let same_columns = index.columns.len() == foreign_key.columns.len()
            && index
                .columns
                .iter()
                .zip(&foreign_key.columns)
                .all(|(i, f)| i.name == *f);
        let listed = in_the_way
            .iter()
            .any(|o| matches!(o, Op::DropIndex { index: i, .. } if i.name == index.name));
        if !same_columns && !dropped(&index.name) && !listed {
            in_the_way.push(Op::DropIndex {
                table: table.clone(),
                index: index.clone(),
            });
        }
    }
    in_the_way
}

/// The index the server made for a foreign key the plan drops, where the
/// old side is a schema file (which does not list it: no index or key of
/// the table starts with the key's columns) and the key's columns stay: dropped with the key, as a diff from the database (which
/// lists it) drops it, so that no stray index is left behind.
pub(super) fn indexes_of_dropped_keys(from: &Table, to: &Table, ops: &[Op]) -> Vec<Op> {
    let still_needed = |fk: &ForeignKey| {
        to.index(&fk.name).is_some()
            || !fk.columns.iter().all(|c| to.column(c).is_some())
            || to.foreign_keys.iter().any(|kept| kept.columns == fk.columns)
    };
    ops.iter()
        .filter_map(|op| match op {
            Op::DropForeignKey { table, foreign_key } => Some((table, foreign_key)),
            _ => None,
        })
        .filter(|(_, fk)| !served_in(from, fk) && !still_needed(fk))
        .map(|(table, fk)| Op::DropIndex {
            table: table.clone(),
            index: Index {
                name: fk.name.clone(),
                kind: IndexKind::Normal,
                columns: fk.columns.iter().map(IndexColumn::named).collect(),
                algorithm: None,
                constraint: false,
            },
        })
        .collect()
}

/// Whether an index or the primary key of `table` starts with the key's
/// columns: the server then made no index of its own for the key.
fn served_in(table: &Table, fk: &ForeignKey) -> bool {
    let by_key = table.primary_key.as_ref().is_some_and(|pk| {
        fk.columns.len() <= pk.columns.len() && fk.columns.iter().zip(&pk.columns).all(|(f, c)| *f == c.name)
    });
    by_key || table.indexes.iter().any(|i| covers(i, fk))
}

/// Whether the index's leading columns are the key's columns.
fn covers(index: &Index, fk: &ForeignKey) -> bool {
    fk.columns.len() <= index.columns.len() && fk.columns.iter().zip(&index.columns).all(|(f, i)| *f == i.name)
}
