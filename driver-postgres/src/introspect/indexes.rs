//! The primary key and indexes of one table, from its index rows.
//!
//! A UNIQUE constraint and a `CREATE UNIQUE INDEX` both read back as one
//! unique index (the constraint's name is its index's name), the former
//! marked as a constraint, which only `DROP CONSTRAINT` removes. The primary
//! key is the index behind the PRIMARY KEY constraint, which shares its name.
//!
//! Left out, because a [`migrate_core::schema::Index`] cannot describe them:
//! partial indexes (`WHERE ...`), indexes on expressions, indexes of a
//! method other than btree, hash, gist, gin, spgist and brin, and (in the
//! query) the indexes behind exclusion constraints. INCLUDE columns read as
//! columns of their index, after its keys, as Prisma 6.19.3 reads them. The
//! differ therefore never drops them. Also not kept: `NULLS FIRST/LAST` and
//! `NULLS NOT DISTINCT`. An index on expressions that is not partial is
//! noted for `db pull` ([`TableNote::ExpressionIndex`]), as Prisma 6.19.3
//! notes it, and so is a column of one that sorts NULLs the other way than
//! its direction's default ([`TableNote::NullSortOrder`]); partial indexes it
//! passes over in silence.

use super::catalog::IndexRow;
use crate::dialect::ops::prisma_operator_class;
use migrate_core::introspection::TableIndexes;
use migrate_core::schema::{Index, IndexAlgorithm, IndexColumn, IndexKind, PrimaryKey, SortOrder, TableNote};

/// `rows`: one table's, each index's rows together, in key order. The
/// notes come by index name (bytes), each index's columns in key order, as
/// Prisma 6.19.3 lists them.
pub(super) fn table_indexes(rows: Vec<IndexRow>) -> TableIndexes {
    let mut found = TableIndexes::read(rows, |r| r.index.clone(), add);
    found.notes.sort_by(|a, b| index_of(a).cmp(index_of(b)));
    found
}

/// The index a note is about.
fn index_of(note: &TableNote) -> &str {
    match note {
        TableNote::ExpressionIndex(index) | TableNote::NullSortOrder { index, .. } => index,
        _ => "",
    }
}

fn add(found: &mut TableIndexes, rows: Vec<IndexRow>) {
    let first = &rows[0];
    if first.partial {
        return;
    }
    let (name, primary, unique, constraint) = (first.index.clone(), first.primary, first.unique, first.constraint);
    if rows.iter().any(|r| r.column.is_none()) {
        found.notes.push(TableNote::ExpressionIndex(name));
        return;
    }
    found.notes.extend(
        rows.iter()
            .filter(|r| r.nulls_first != r.descending)
            .map(|r| TableNote::NullSortOrder {
                index: name.clone(),
                column: r.column.clone().unwrap_or_default(),
            }),
    );
    let Some(algorithm) = algorithm(&first.method) else {
        return;
    };
    let Some(columns) = rows.into_iter().map(index_column).collect::<Option<Vec<_>>>() else {
        return;
    };
    if primary {
        found.primary_key = Some(PrimaryKey {
            name: Some(name),
            columns,
        });
    } else {
        found.indexes.push(Index {
            name,
            kind: if unique { IndexKind::Unique } else { IndexKind::Normal },
            columns,
            algorithm,
            constraint,
        });
    }
}

/// The method as the schema names it, `Some(None)` for btree (the
/// default); `None` for a method the schema has no name for.
fn algorithm(method: &str) -> Option<Option<IndexAlgorithm>> {
    Some(match method {
        "btree" => None,
        "hash" => Some(IndexAlgorithm::Hash),
        "gist" => Some(IndexAlgorithm::Gist),
        "gin" => Some(IndexAlgorithm::Gin),
        "spgist" => Some(IndexAlgorithm::SpGist),
        "brin" => Some(IndexAlgorithm::Brin),
        _ => return None,
    })
}

/// A named column; ascending is the default and reads back as no sort. An
/// operator class is named as the schema names it (`JsonbPathOps` for
/// `jsonb_path_ops`; one Prisma has no name for keeps its SQL name, written
/// `raw("...")`), as lowering keeps it.
fn index_column(row: IndexRow) -> Option<IndexColumn> {
    Some(IndexColumn {
        sort: row.descending.then_some(SortOrder::Desc),
        ops: row.ops.as_deref().map(|ops| prisma_operator_class(ops).to_string()),
        ..IndexColumn::named(row.column?)
    })
}
