//! Index changes of one table: kept, renamed (or redefined where the
//! database cannot rename), created and dropped.

use super::foreign_key_indexes::backs_kept_foreign_key;
use super::ops::Op;
use crate::driver::Dialect;
use crate::schema::{Index, IndexAlgorithm, IndexColumn, Table};

/// Whether an index of `from` and one of `to` are one definition: kind,
/// method and columns, an operator class that is its column type's default
/// being the same as none. A B-tree column the target gives no operator
/// class keeps the one it has: Prisma 6.19.3 never reads B-tree operator
/// classes from a database, so a migration that wrote `("name"
/// text_pattern_ops)` for `@@index([name])` is no change to it.
pub(super) struct SameIndex<'a> {
    pub(super) from: &'a Table,
    pub(super) to: &'a Table,
    pub(super) dialect: &'a dyn Dialect,
}

impl SameIndex<'_> {
    pub(super) fn check(&self, a: &Index, b: &Index) -> bool {
        a.kind == b.kind
            && a.algorithm == b.algorithm
            && a.columns.len() == b.columns.len()
            && a.columns.iter().zip(&b.columns).all(|(x, y)| {
                let (x_ops, y_ops) = (self.ops(self.from, a, x), self.ops(self.to, b, y));
                let any_ops = y_ops.is_none() && matches!(b.algorithm, None | Some(IndexAlgorithm::BTree));
                x.name == y.name && x.order() == y.order() && x.length == y.length && (x_ops == y_ops || any_ops)
            })
    }

    /// The column's operator class, `None` for the default one.
    fn ops<'i>(&self, table: &Table, index: &Index, column: &'i IndexColumn) -> Option<&'i str> {
        let ops = column.ops.as_deref()?;
        let default = table
            .column(&column.name)
            .and_then(|c| self.dialect.default_operator_class(index.algorithm, &c.ty));
        (default != Some(ops)).then_some(ops)
    }
}

/// The index ops of a table changed in place; `recreated` names the
/// columns dropped and added again (a type the database cannot cast to).
/// Their indexes go with the old column: one the target keeps is created
/// again after the change, as Prisma 6.19.3 does, and one it renames is
/// created under its new name (Prisma renames the index that is gone, and
/// its script fails).
pub(super) fn index_ops(from: &Table, to: &Table, dialect: &dyn Dialect, recreated: &[String]) -> Vec<Op> {
    let caps = &dialect.capabilities();
    let same = SameIndex { from, to, dialect };
    let same_index_definition = |a: &Index, b: &Index| same.check(a, b);
    let table = to.qualified_name();
    let mut ops = Vec::new();
    let mut matched_from = vec![false; from.indexes.len()];
    let mut unmatched_to = Vec::new();
    let on_recreated = |i: &Index| i.columns.iter().any(|c| recreated.contains(&c.name));
    for index in &to.indexes {
        match from
            .indexes
            .iter()
            .position(|i| i.name == index.name && same_index_definition(i, index))
        {
            Some(pos) if on_recreated(index) => {
                matched_from[pos] = true;
                unmatched_to.push(index);
            }
            Some(pos) => matched_from[pos] = true,
            None => unmatched_to.push(index),
        }
    }
    for index in unmatched_to {
        let renamed = from
            .indexes
            .iter()
            .enumerate()
            .find(|(pos, i)| !matched_from[*pos] && same_index_definition(i, index) && to.index(&i.name).is_none());
        match renamed {
            Some((pos, _)) if on_recreated(index) => {
                matched_from[pos] = true;
                ops.push(Op::CreateIndex {
                    table: table.clone(),
                    index: index.clone(),
                });
            }
            Some((pos, old)) => {
                matched_from[pos] = true;
                ops.push(if caps.rename_index {
                    Op::RenameIndex {
                        table: table.clone(),
                        from: old.name.clone(),
                        to: index.name.clone(),
                    }
                } else {
                    Op::RedefineIndex {
                        table: table.clone(),
                        from: old.clone(),
                        to: index.clone(),
                    }
                });
            }
            None => ops.push(Op::CreateIndex {
                table: table.clone(),
                index: index.clone(),
            }),
        }
    }
    for (pos, index) in from.indexes.iter().enumerate() {
        let kept_for_a_key = caps.foreign_key_indexes && backs_kept_foreign_key(index, to);
        if !matched_from[pos] && !kept_for_a_key {
            ops.push(Op::DropIndex {
                table: table.clone(),
                index: index.clone(),
            });
        }
    }
    ops
}
