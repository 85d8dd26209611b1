//! Differences inside one table that exists on both sides.

use super::ops::{Op, TableChange, TableRedefinition};
use crate::driver::{Capabilities, Dialect, TableAlteration, TypeChange};
use crate::schema::{Column, DefaultValue, ForeignKey, Index, IndexColumn, IndexKind, Literal, Table};

/// The ops for one table, or a redefinition when the dialect cannot make the
/// change in place.
pub enum TableDiff {
    Unchanged,
    InPlace(Vec<Op>),
    Redefine(Box<TableRedefinition>),
}

pub fn diff_table(from: &Table, to: &Table, dialect: &dyn Dialect) -> TableDiff {
    let caps = &dialect.capabilities();
    let changes = column_changes(from, to, dialect);
    let fks_changed = foreign_key_ops(from, to, caps);
    let needs_redefine = caps.table_alteration == TableAlteration::Redefine
        && (changes.iter().any(|c| !can_apply_in_place_without_alter(c))
            || !fks_changed.is_empty()
            || loses_a_unique_constraint(from, to, dialect));
    if needs_redefine {
        return TableDiff::Redefine(Box::new(TableRedefinition {
            from: from.clone(),
            to: to.clone(),
        }));
    }
    let mut ops = Vec::new();
    if !changes.is_empty() {
        ops.push(Op::AlterTable {
            table: to.name.clone(),
            changes,
        });
    }
    ops.extend(index_ops(from, to, dialect));
    ops.extend(fks_changed);
    if caps.foreign_key_indexes {
        let in_the_way = indexes_named_like_new_keys(from, &ops);
        ops.extend(in_the_way);
        ops.extend(keys_losing_their_index(from, to, &ops));
    }
    if ops.is_empty() {
        TableDiff::Unchanged
    } else {
        TableDiff::InPlace(ops)
    }
}

/// A UNIQUE constraint of the table's definition that the target does not
/// keep under its name: where tables are redefined, only a rebuild removes
/// it (SQLite refuses to drop its `sqlite_autoindex_*` index).
fn loses_a_unique_constraint(from: &Table, to: &Table, dialect: &dyn Dialect) -> bool {
    let same = SameIndex { from, to, dialect };
    from.indexes
        .iter()
        .filter(|i| i.constraint)
        .any(|i| !to.index(&i.name).is_some_and(|t| same.check(i, t)))
}

/// Where tables are redefined for any other change, only adding a nullable
/// column with a constant default (or none) happens in place: `ADD COLUMN`
/// refuses expression defaults and auto-increment.
fn can_apply_in_place_without_alter(change: &TableChange) -> bool {
    let constant_default = |c: &Column| !matches!(c.default, Some(DefaultValue::Now | DefaultValue::Expression(_)));
    matches!(change, TableChange::AddColumn(c) if c.nullable && !c.auto_increment && constant_default(c))
}

/// Prisma's order inside one table: the old primary key, dropped columns
/// and added columns (each by name, in byte order), changed columns (in the
/// order the table had them), the new primary key.
fn column_changes(from: &Table, to: &Table, dialect: &dyn Dialect) -> Vec<TableChange> {
    let mut changes = Vec::new();
    if from.primary_key != to.primary_key {
        if let Some(pk) = &from.primary_key {
            changes.push(TableChange::DropPrimaryKey(pk.clone()));
        }
    }
    let mut dropped: Vec<&Column> = from.columns.iter().filter(|c| to.column(&c.name).is_none()).collect();
    dropped.sort_by(|a, b| a.name.cmp(&b.name));
    changes.extend(dropped.into_iter().map(|c| TableChange::DropColumn(c.clone())));
    let mut added: Vec<&Column> = to.columns.iter().filter(|c| from.column(&c.name).is_none()).collect();
    added.sort_by(|a, b| a.name.cmp(&b.name));
    changes.extend(added.into_iter().map(|c| TableChange::AddColumn(c.clone())));
    for old in &from.columns {
        let Some(col) = to.column(&old.name) else { continue };
        if !same_column(old, col, dialect) && !only_rowid_autoincrement(old, col, dialect) {
            changes.push(column_change(old, col, dialect));
        }
    }
    if from.primary_key != to.primary_key {
        if let Some(pk) = &to.primary_key {
            changes.push(TableChange::AddPrimaryKey(pk.clone()));
        }
    }
    changes
}

/// A rowid key's `AUTOINCREMENT` alone is no change (Prisma makes no step
/// for it on SQLite: the key fills itself either way).
fn only_rowid_autoincrement(from: &Column, to: &Column, dialect: &dyn Dialect) -> bool {
    let to = Column {
        auto_increment: from.auto_increment,
        ..to.clone()
    };
    dialect.capabilities().rowid_primary_key && same_column(from, &to, dialect)
}

/// A type written another way but the same to the database takes the
/// spelling it has, so that renderers and warnings see no type change.
fn column_change(from: &Column, to: &Column, dialect: &dyn Dialect) -> TableChange {
    let retyped = !dialect.same_type(&from.ty, &to.ty);
    let mut to = to.clone();
    if !retyped {
        to.ty = from.ty.clone();
    }
    let from = from.clone();
    if retyped && dialect.type_change(&from.ty, &to.ty) == TypeChange::NotCastable {
        TableChange::RecreateColumn { from, to }
    } else {
        TableChange::AlterColumn { from, to }
    }
}

/// Columns are compared by type as the dialect sees them; the Prisma scalar
/// family is only a hint for `db pull` and is not compared.
pub fn same_column(a: &Column, b: &Column, dialect: &dyn Dialect) -> bool {
    dialect.same_type(&a.ty, &b.ty)
        && a.nullable == b.nullable
        && a.auto_increment == b.auto_increment
        && same_default(a.default.as_ref(), b.default.as_ref())
}

/// Defaults compare by their text: an enum value, a JSON document and a
/// string with the same text are the same default in the database.
pub fn same_default(a: Option<&DefaultValue>, b: Option<&DefaultValue>) -> bool {
    match (a, b) {
        (Some(DefaultValue::Literal(x)), Some(DefaultValue::Literal(y))) => literal_text(x) == literal_text(y),
        (Some(DefaultValue::List(x)), Some(DefaultValue::List(y))) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| literal_text(x) == literal_text(y))
        }
        (Some(DefaultValue::Expression(x)), Some(DefaultValue::Expression(y))) => {
            normalize_expression(x) == normalize_expression(y)
        }
        _ => a == b,
    }
}

fn literal_text(l: &Literal) -> String {
    match l {
        Literal::String(s) | Literal::EnumValue(s) | Literal::Json(s) => s.clone(),
        Literal::Number(n) => crate::schema::canonical_number(n),
        Literal::Bytes(h) => h.to_ascii_lowercase(),
        Literal::Boolean(b) => b.to_string(),
    }
}

/// Expressions compare without outer parentheses, case and blanks.
fn normalize_expression(e: &str) -> String {
    let mut s = e.trim();
    while s.starts_with('(') && s.ends_with(')') && balanced(&s[1..s.len() - 1]) {
        s = s[1..s.len() - 1].trim();
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_lowercase()
}

fn balanced(s: &str) -> bool {
    let mut depth = 0i32;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}

/// Whether an index of `from` and one of `to` are one definition: kind,
/// method and columns, an operator class that is its column type's default
/// being the same as none.
struct SameIndex<'a> {
    from: &'a Table,
    to: &'a Table,
    dialect: &'a dyn Dialect,
}

impl SameIndex<'_> {
    fn check(&self, a: &Index, b: &Index) -> bool {
        a.kind == b.kind
            && a.algorithm == b.algorithm
            && a.columns.len() == b.columns.len()
            && a.columns.iter().zip(&b.columns).all(|(x, y)| {
                let (x_ops, y_ops) = (self.ops(self.from, a, x), self.ops(self.to, b, y));
                x.name == y.name && x.sort == y.sort && x.length == y.length && x_ops == y_ops
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

fn index_ops(from: &Table, to: &Table, dialect: &dyn Dialect) -> Vec<Op> {
    let caps = &dialect.capabilities();
    let same = SameIndex { from, to, dialect };
    let same_index_definition = |a: &Index, b: &Index| same.check(a, b);
    let table = to.name.clone();
    let mut ops = Vec::new();
    let mut matched_from = vec![false; from.indexes.len()];
    let mut unmatched_to = Vec::new();
    for index in &to.indexes {
        match from
            .indexes
            .iter()
            .position(|i| i.name == index.name && same_index_definition(i, index))
        {
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

/// Whether `index` is a plain index on exactly the columns of a foreign key
/// of `to` (the one the database made for the key, or one it now needs).
fn backs_kept_foreign_key(index: &Index, to: &Table) -> bool {
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
fn keys_losing_their_index(from: &Table, to: &Table, ops: &[Op]) -> Vec<Op> {
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
            let table = to.name.clone();
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
fn indexes_named_like_new_keys(from: &Table, ops: &[Op]) -> Vec<Op> {
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

/// Whether the index's leading columns are the key's columns.
fn covers(index: &Index, fk: &ForeignKey) -> bool {
    fk.columns.len() <= index.columns.len() && fk.columns.iter().zip(&index.columns).all(|(f, i)| *f == i.name)
}

fn foreign_key_ops(from: &Table, to: &Table, caps: &Capabilities) -> Vec<Op> {
    let table = to.name.clone();
    let same_definition = |a: &ForeignKey, b: &ForeignKey| {
        (a.columns == b.columns && a.referenced_table == b.referenced_table)
            && (a.referenced_columns == b.referenced_columns
                && a.on_delete == b.on_delete
                && a.on_update == b.on_update)
    };
    let same = |a: &ForeignKey, b: &ForeignKey| (a.name == b.name || !caps.named_foreign_keys) && same_definition(a, b);
    let dropped: Vec<&ForeignKey> = from
        .foreign_keys
        .iter()
        .filter(|f| !to.foreign_keys.iter().any(|t| same(f, t)))
        .collect();
    let mut added: Vec<&ForeignKey> = to
        .foreign_keys
        .iter()
        .filter(|t| !from.foreign_keys.iter().any(|f| same(f, t)))
        .collect();
    let mut ops = Vec::new();
    for fk in dropped {
        // Prisma renames a key whose name alone changes, but never a join table's.
        let renamed = (caps.rename_foreign_key && !to.name.starts_with('_'))
            .then(|| added.iter().position(|t| same_definition(fk, t)))
            .flatten();
        match renamed {
            Some(at) => ops.push(Op::RenameForeignKey {
                table: table.clone(),
                from: fk.name.clone(),
                to: added.remove(at).name.clone(),
            }),
            None => ops.push(Op::DropForeignKey {
                table: table.clone(),
                foreign_key: fk.clone(),
            }),
        }
    }
    ops.extend(added.into_iter().map(|fk| Op::AddForeignKey {
        table: table.clone(),
        foreign_key: fk.clone(),
    }));
    ops
}
