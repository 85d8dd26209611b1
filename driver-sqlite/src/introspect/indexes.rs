//! The indexes of one table, from its `index_list` × `index_xinfo` rows.
//!
//! Left out, because a [`migrate_core::schema::Index`] cannot describe them:
//! partial indexes (`WHERE ...`), indexes on expressions or the rowid, and
//! indexes on a column `table_info` hides (a generated column), as Prisma
//! 6.19.3 leaves them out: a pulled schema would name a column it lacks.
//! The differ therefore never drops them, but a table redefinition does not
//! recreate them either.

use super::catalog::IndexRow;
use migrate_core::schema::{Column, Index, IndexColumn, IndexKind, SortOrder};

/// `rows`: one table's, each index's rows together, in key order;
/// `columns`: the table's columns as read.
pub(super) fn indexes(rows: Vec<IndexRow>, columns: &[Column]) -> Vec<Index> {
    let mut indexes = Vec::new();
    let mut rows = rows.into_iter().peekable();
    while let Some(first) = rows.next() {
        let mut group = vec![first];
        while let Some(next) = rows.next_if(|r| r.index == group[0].index) {
            group.push(next);
        }
        indexes.extend(index(group));
    }
    indexes.retain(|i| i.columns.iter().all(|c| columns.iter().any(|t| t.name == c.name)));
    indexes
}

fn index(rows: Vec<IndexRow>) -> Option<Index> {
    let first = rows.first()?;
    if first.partial {
        return None;
    }
    let (name, unique, constraint) = (first.index.clone(), first.unique, first.constraint);
    let columns = rows.into_iter().map(index_column).collect::<Option<Vec<_>>>()?;
    Some(Index {
        name,
        kind: if unique { IndexKind::Unique } else { IndexKind::Normal },
        columns,
        algorithm: None,
        constraint,
    })
}

/// A named column; ascending is the default and reads back as no sort.
fn index_column(row: IndexRow) -> Option<IndexColumn> {
    let name = row.column.filter(|_| row.cid >= 0)?;
    Some(IndexColumn {
        sort: row.desc.then_some(SortOrder::Desc),
        ..IndexColumn::named(name)
    })
}
