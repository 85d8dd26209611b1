//! Differences inside one table that exists on both sides.

use super::defaults::{same_default, same_json_default};
use super::foreign_key_indexes::{indexes_named_like_new_keys, indexes_of_dropped_keys, keys_losing_their_index};
use super::indexes::{index_ops, SameIndex};
use super::ops::{Op, TableChange, TableRedefinition};
use crate::driver::{Capabilities, Dialect, TableAlteration, TypeChange};
use crate::schema::{
    Column, ColumnType, DefaultValue, ForeignKey, PrimaryKey, ScalarType, Schema, Table, TableKey, TypeFamily,
};
use std::collections::{HashMap, HashSet};

/// The ops for one table, or a redefinition when the dialect cannot make the
/// change in place.
pub enum TableDiff {
    Unchanged,
    InPlace(Vec<Op>),
    Redefine(Box<TableRedefinition>),
}

/// What a plan changes under the foreign keys of other tables: a key over
/// a retyped column (referencing or referenced) is dropped and added again,
/// as Prisma 6.19.3 does (PostgreSQL refuses to retype a column a key
/// uses), and so is a key referencing a primary key that is dropped and
/// added again (which the database refuses while the key depends on it;
/// Prisma's script fails there). Where tables are redefined, a key is
/// rewritten only with its own table.
pub struct UnderForeignKeys<'a> {
    retyped: HashSet<(TableKey<'a>, &'a str)>,
    replaced_keys: HashMap<TableKey<'a>, &'a PrimaryKey>,
}

impl<'a> UnderForeignKeys<'a> {
    /// The changes of the tables both schemas hold.
    pub fn new(from: &'a Schema, to: &Schema, dialect: &dyn Dialect) -> Self {
        let to_tables = to.tables_by_name();
        let mut retyped = HashSet::new();
        let mut replaced_keys = HashMap::new();
        let in_place = dialect.capabilities().table_alteration != TableAlteration::Redefine;
        for old in from.tables.iter().filter(|_| in_place) {
            let Some(new) = to_tables.get(&old.key()) else { continue };
            for column in &old.columns {
                if new
                    .column(&column.name)
                    .is_some_and(|c| !same_type(&column.ty, &c.ty, dialect))
                {
                    retyped.insert((old.key(), column.name.as_str()));
                }
            }
            if let Some(pk) = old
                .primary_key
                .as_ref()
                .filter(|_| primary_key_replaced(old, new, dialect))
            {
                replaced_keys.insert(old.key(), pk);
            }
        }
        UnderForeignKeys { retyped, replaced_keys }
    }

    /// Whether `fk`, of the table `table`, must be dropped and added again.
    fn moves(&self, table: TableKey<'_>, fk: &ForeignKey) -> bool {
        let retyped = |t: TableKey<'_>, c: &String| self.retyped.contains(&(t, c.as_str()));
        let on_replaced_key = self.replaced_keys.get(&fk.referenced_key()).is_some_and(|pk| {
            pk.columns.len() == fk.referenced_columns.len()
                && pk.columns.iter().all(|c| fk.referenced_columns.contains(&c.name))
        });
        on_replaced_key
            || fk.columns.iter().any(|c| retyped(table, c))
            || fk.referenced_columns.iter().any(|c| retyped(fk.referenced_key(), c))
    }
}

/// Whether the primary key is dropped and added again: its columns or name
/// change (a change of name alone is a rename where the database has one),
/// or the type of one of its columns does (Prisma replaces the key then).
fn primary_key_replaced(from: &Table, to: &Table, dialect: &dyn Dialect) -> bool {
    let retyped = |name: &str| match (from.column(name), to.column(name)) {
        (Some(old), Some(new)) => !same_type(&old.ty, &new.ty, dialect),
        _ => false,
    };
    let key_retyped = from
        .primary_key
        .as_ref()
        .is_some_and(|pk| pk.columns.iter().any(|c| retyped(&c.name)));
    let renamed = renamed_primary_key(from, to, dialect.capabilities()).is_some();
    (from.primary_key != to.primary_key && !renamed) || key_retyped
}

pub fn diff_table(from: &Table, to: &Table, dialect: &dyn Dialect, under_keys: &UnderForeignKeys<'_>) -> TableDiff {
    let caps = &dialect.capabilities();
    let changes = column_changes(from, to, dialect);
    let fks_changed = foreign_key_ops(from, to, caps, under_keys);
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
    let recreated: Vec<String> = changes
        .iter()
        .filter_map(|c| match c {
            TableChange::RecreateColumn { from, .. } => Some(from.name.clone()),
            _ => None,
        })
        .collect();
    let mut ops = Vec::new();
    if !changes.is_empty() {
        ops.push(Op::AlterTable {
            table: to.qualified_name(),
            changes,
        });
    }
    ops.extend(index_ops(from, to, dialect, &recreated));
    ops.extend(fks_changed);
    if caps.foreign_key_indexes {
        let in_the_way = indexes_named_like_new_keys(from, &ops);
        ops.extend(in_the_way);
        let left_behind = indexes_of_dropped_keys(from, to, &ops);
        ops.extend(left_behind);
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
    let constant_default = |c: &Column| match &c.default {
        Some(d) if d.left_to_database() => true,
        Some(DefaultValue::Now | DefaultValue::Expression(_)) => false,
        _ => true,
    };
    matches!(change, TableChange::AddColumn(c) if c.nullable && !c.auto_increment && constant_default(c))
}

/// Prisma's order inside one table: the old primary key, dropped columns
/// and added columns (each by name, in byte order), changed columns (in the
/// order the table had them), the new primary key.
fn column_changes(from: &Table, to: &Table, dialect: &dyn Dialect) -> Vec<TableChange> {
    let mut changes = Vec::new();
    let renamed_key = renamed_primary_key(from, to, dialect.capabilities());
    let key_changed = primary_key_replaced(from, to, dialect);
    changes.extend(renamed_key);
    if key_changed {
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
    if key_changed {
        if let Some(pk) = &to.primary_key {
            changes.push(TableChange::AddPrimaryKey(pk.clone()));
        }
    }
    changes
}

/// A primary key that differs only by its name is renamed where the
/// database renames constraints, as Prisma 6.19.3 renames it: dropping it
/// would fail while a foreign key references it.
fn renamed_primary_key(from: &Table, to: &Table, caps: Capabilities) -> Option<TableChange> {
    let (Some(old), Some(new)) = (&from.primary_key, &to.primary_key) else {
        return None;
    };
    match (&old.name, &new.name) {
        (Some(a), Some(b)) if a != b && old.columns == new.columns && caps.rename_constraint => {
            Some(TableChange::RenamePrimaryKey {
                from: a.clone(),
                to: b.clone(),
            })
        }
        _ => None,
    }
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
    let retyped = !same_type(&from.ty, &to.ty, dialect);
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
    same_type(&a.ty, &b.ty, dialect) && a.nullable == b.nullable && same_increment_and_default(a, b, dialect)
}

/// An auto-incrementing column and one whose default draws from a sequence
/// (the dialect says which, [`Dialect::draws_from_sequence`]) are one
/// column: PostgreSQL reads both back alike, and Prisma 6.19.3 pulls both
/// as `autoincrement()` (our pulls before it wrote `dbgenerated(...)` for a
/// sequence the column did not own).
fn same_increment_and_default(a: &Column, b: &Column, dialect: &dyn Dialect) -> bool {
    let draws_from_sequence = |c: &Column| {
        c.auto_increment || matches!(&c.default, Some(DefaultValue::Expression(e)) if dialect.draws_from_sequence(e))
    };
    let json = |c: &Column| c.ty.family == TypeFamily::Scalar(ScalarType::Json);
    match a.auto_increment == b.auto_increment {
        true if (json(a) || json(b)) && !dialect.capabilities().json_defaults => true,
        true if json(a) && json(b) => same_json_default(a.default.as_ref(), b.default.as_ref())
            .unwrap_or_else(|| same_default(a.default.as_ref(), b.default.as_ref())),
        true => same_default(a.default.as_ref(), b.default.as_ref()),
        false => draws_from_sequence(a) && draws_from_sequence(b),
    }
}

/// Two `Unsupported` types are one type, whatever their text (only a list
/// against a single value differs), as Prisma 6.19.3 compares them: its
/// `db pull` writes `Unsupported("interval")` for an `interval(3)` column,
/// and its diff changes nothing for `Unsupported("point")` against a
/// `circle` column either. Comparing their text would migrate columns
/// Prisma's users never asked to change.
fn same_type(a: &ColumnType, b: &ColumnType, dialect: &dyn Dialect) -> bool {
    let unsupported = a.family == TypeFamily::Unsupported && b.family == TypeFamily::Unsupported;
    (unsupported && a.list == b.list) || dialect.same_type(a, b)
}

fn foreign_key_ops(from: &Table, to: &Table, caps: &Capabilities, under_keys: &UnderForeignKeys<'_>) -> Vec<Op> {
    let table = to.qualified_name();
    let same_definition = |a: &ForeignKey, b: &ForeignKey| {
        (a.columns == b.columns && a.referenced() == b.referenced())
            && (a.referenced_columns == b.referenced_columns
                && a.on_delete == b.on_delete
                && a.on_update == b.on_update)
    };
    let same = |a: &ForeignKey, b: &ForeignKey| {
        (a.name == b.name || !caps.named_foreign_keys) && same_definition(a, b) && !under_keys.moves(from.key(), a)
    };
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
        let renamed = (caps.rename_constraint && !to.name.starts_with('_'))
            .then(|| added.iter().position(|t| t.name != fk.name && same_definition(fk, t)))
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
