//! The primary key and indexes of one table, from its statistics rows.
//!
//! MySQL and MariaDB keep no difference between a UNIQUE constraint and a
//! unique index, and name the primary key `PRIMARY` (the neutral schema
//! keeps no name for it: MySQL cannot). The index MySQL creates for a
//! foreign key whose columns no index starts with is named after the
//! constraint and reads back as the plain index it is.
//!
//! Left out, because a [`migrate_core::schema::Index`] cannot describe them:
//! indexes with a functional key part (MySQL 8) and SPATIAL indexes. The
//! differ therefore never drops them.

use super::catalog::IndexRow;
use migrate_core::introspection::TableIndexes;
use migrate_core::schema::{Column, Index, IndexColumn, IndexKind, PrimaryKey, SortOrder};

/// `rows`: one table's, each index's rows together, in key order.
pub(super) fn table_indexes(rows: Vec<IndexRow>) -> TableIndexes {
    TableIndexes::read(rows, |r| r.index.clone(), add)
}

fn add(found: &mut TableIndexes, rows: Vec<IndexRow>) {
    let first = &rows[0];
    let (name, unique) = (first.index.clone(), first.unique);
    let Some(kind) = kind(&first.index_type, unique) else {
        return;
    };
    let Some(columns) = rows.into_iter().map(index_column).collect::<Option<Vec<_>>>() else {
        return;
    };
    if name == "PRIMARY" {
        found.primary_key = Some(PrimaryKey { name: None, columns });
    } else {
        found.indexes.push(Index {
            name,
            kind,
            columns,
            algorithm: None,
            constraint: false,
        });
    }
}

/// `None` for an index type the schema has no kind for (`SPATIAL`).
fn kind(index_type: &str, unique: bool) -> Option<IndexKind> {
    match index_type {
        "FULLTEXT" => Some(IndexKind::Fulltext),
        "BTREE" | "HASH" if unique => Some(IndexKind::Unique),
        "BTREE" | "HASH" => Some(IndexKind::Normal),
        _ => None,
    }
}

/// A named column; ascending is the default and reads back as no sort.
fn index_column(row: IndexRow) -> Option<IndexColumn> {
    Some(IndexColumn {
        sort: row.descending.then_some(SortOrder::Desc),
        length: row.length,
        ..IndexColumn::named(row.column?)
    })
}

/// Prefix lengths the server chose itself: a plain index on a column wider
/// than the 3,072-byte key limit is cut to the prefix that fits (note 1071,
/// "Specified key was too long"): 768 characters of `utf8mb4`, 1,024 of
/// `utf8mb3`, 3,072 bytes of a binary or single-byte column. The schema never
/// wrote that length, so it is read back as none (a schema that writes it
/// explicitly is told apart only by the column's width).
pub(super) fn drop_automatic_prefixes(indexes: &mut [Index], columns: &[Column]) {
    const AUTOMATIC: [u32; 3] = [768, 1024, 3072];
    for index in indexes.iter_mut().filter(|i| i.kind == IndexKind::Normal) {
        for key in &mut index.columns {
            let Some(length) = key.length.filter(|l| AUTOMATIC.contains(l)) else {
                continue;
            };
            let width = columns
                .iter()
                .find(|c| c.name == key.name)
                .and_then(|c| declared_width(&c.ty.sql));
            if width.is_some_and(|w| w > length) {
                key.length = None;
            }
        }
    }
}

/// `n` of `VARCHAR(n)`, `VARBINARY(n)` and the like.
fn declared_width(sql: &str) -> Option<u32> {
    let (_, args) = sql.split_once('(')?;
    args.strip_suffix(')')?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(index: &str, unique: bool, index_type: &str, column: Option<&str>) -> IndexRow {
        IndexRow {
            table: "T".into(),
            index: index.into(),
            unique,
            index_type: index_type.into(),
            column: column.map(Into::into),
            descending: false,
            length: None,
        }
    }

    #[test]
    fn groups_rows_by_index() {
        let mut desc = row("T_a_b_idx", false, "BTREE", Some("b"));
        desc.descending = true;
        desc.length = Some(10);
        let found = table_indexes(vec![
            row("PRIMARY", true, "BTREE", Some("id")),
            row("T_a_b_idx", false, "BTREE", Some("a")),
            desc,
            row("T_t_idx", false, "FULLTEXT", Some("t")),
            row("T_g_idx", false, "SPATIAL", Some("g")),
            row("T_expr_idx", false, "BTREE", None),
        ]);
        let pk = found.primary_key.unwrap();
        assert_eq!((pk.name, pk.columns), (None, vec![IndexColumn::named("id")]));
        let names: Vec<_> = found.indexes.iter().map(|i| (i.name.as_str(), i.kind)).collect();
        assert_eq!(
            names,
            [("T_a_b_idx", IndexKind::Normal), ("T_t_idx", IndexKind::Fulltext)]
        );
        let b = &found.indexes[0].columns[1];
        assert_eq!((b.sort, b.length), (Some(SortOrder::Desc), Some(10)));
    }
}
