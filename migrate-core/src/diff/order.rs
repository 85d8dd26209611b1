//! Prisma's step order. Prisma sorts its steps by kind ([`Op::rank`]), then
//! by where their objects stand: a drop or change by the object's place in
//! the schema it starts from, a creation by its place in the schema it goes
//! to. A place is the position in the schema's lists: tables (and in them
//! indexes and foreign keys) and enums in the order the schema holds them,
//! which for a lowered schema is Prisma's (models as written, join tables
//! after them) and for an introspected one the catalogue's (by name).
//! Index creations on new tables come before those on existing tables.
//! Extensions go by name. Finally a unique index that becomes the primary
//! key of a table that had none is dropped only once the key exists.

use super::ops::Op;
use crate::schema::{Enum, Schema, Table, TableKey, TableName};
use std::collections::HashMap;

/// Sorts `ops` into Prisma's order.
pub(super) fn sort(ops: &mut Vec<Op>, from: &Schema, to: &Schema) {
    let (from_places, to_places) = (Places::new(from), Places::new(to));
    let mut keyed: Vec<(Key, Op)> = ops
        .drain(..)
        .map(|op| (key(&op, &from_places, &to_places), op))
        .collect();
    keyed.sort_by_key(|(key, _)| *key);
    ops.extend(keyed.into_iter().map(|(_, op)| op));
    drop_unique_after_new_primary_key(ops, from);
}

/// (kind, places): a missing place sorts first.
type Key = (u8, [usize; 4]);

fn key(op: &Op, from: &Places<'_>, to: &Places<'_>) -> Key {
    let places = match op {
        Op::CreateSchema(name) => [to.namespace(name), 0, 0, 0],
        Op::CreateExtension(e) => [to.extension(&e.name), 0, 0, 0],
        Op::CreateEnum(e) => [to.enum_(e), 0, 0, 0],
        Op::AlterEnum { from: old, to: new, .. } => [from.enum_(old), to.enum_(new), 0, 0],
        Op::DropForeignKey { table, foreign_key } => {
            let (t, f) = from.foreign_key(table, &foreign_key.name);
            [t, f, 0, 0]
        }
        Op::DropIndex { table, index } => {
            let (t, i) = from.index(table, &index.name);
            [t, i, 0, 0]
        }
        Op::AlterTable { table, .. } => [from.table(key_of(table)), to.table(key_of(table)), 0, 0],
        Op::DropTable(t) => [from.table(t.key()), 0, 0, 0],
        Op::DropEnum(e) => [from.enum_(e), 0, 0, 0],
        Op::CreateTable(t) => [to.table(t.key()), 0, 0, 0],
        Op::RedefineTables(_) => [0; 4],
        Op::CreateIndex { table, index } => {
            let (t, i) = to.index(table, &index.name);
            [from.table(key_of(table)), t, i, 0]
        }
        Op::RenameForeignKey {
            table,
            from: old,
            to: new,
        } => {
            let ((t, f), (u, g)) = (from.foreign_key(table, old), to.foreign_key(table, new));
            [t, f, u, g]
        }
        Op::AddForeignKey { table, foreign_key } => {
            let (t, f) = to.foreign_key(table, &foreign_key.name);
            [t, f, 0, 0]
        }
        Op::RenameIndex {
            table,
            from: old,
            to: new,
        } => {
            let ((t, i), (u, j)) = (from.index(table, old), to.index(table, new));
            [t, i, u, j]
        }
        Op::RedefineIndex {
            table,
            from: old,
            to: new,
        } => {
            let ((t, i), (u, j)) = (from.index(table, &old.name), to.index(table, &new.name));
            [t, i, u, j]
        }
    };
    (op.rank(), places)
}

/// One-based places of a schema's objects (0: not in the schema).
struct Places<'a> {
    tables: HashMap<TableKey<'a>, (usize, &'a Table)>,
    enums: HashMap<TableKey<'a>, usize>,
    extensions: HashMap<&'a str, usize>,
    namespaces: HashMap<&'a str, usize>,
}

fn key_of(table: &TableName) -> TableKey<'_> {
    (table.namespace.as_deref(), table.name.as_str())
}

impl<'a> Places<'a> {
    fn new(schema: &'a Schema) -> Self {
        let mut extensions: Vec<&str> = schema.extensions.iter().map(|e| e.name.as_str()).collect();
        extensions.sort_unstable();
        Places {
            tables: schema
                .tables
                .iter()
                .enumerate()
                .map(|(i, t)| (t.key(), (i + 1, t)))
                .collect(),
            enums: schema
                .enums
                .iter()
                .enumerate()
                .map(|(i, e)| ((e.namespace.as_deref(), e.name.as_str()), i + 1))
                .collect(),
            extensions: extensions.into_iter().enumerate().map(|(i, e)| (e, i + 1)).collect(),
            namespaces: schema
                .namespaces
                .iter()
                .enumerate()
                .map(|(i, n)| (n.as_str(), i + 1))
                .collect(),
        }
    }

    fn table(&self, key: TableKey<'_>) -> usize {
        self.tables.get(&key).map_or(0, |(at, _)| *at)
    }

    fn enum_(&self, e: &Enum) -> usize {
        let key = (e.namespace.as_deref(), e.name.as_str());
        self.enums.get(&key).copied().unwrap_or(0)
    }

    fn namespace(&self, name: &str) -> usize {
        self.namespaces.get(name).copied().unwrap_or(0)
    }

    fn extension(&self, name: &str) -> usize {
        self.extensions.get(name).copied().unwrap_or(0)
    }

    fn index(&self, table: &TableName, name: &str) -> (usize, usize) {
        self.in_table(table, |t| t.indexes.iter().position(|i| i.name == name))
    }

    fn foreign_key(&self, table: &TableName, name: &str) -> (usize, usize) {
        self.in_table(table, |t| t.foreign_keys.iter().position(|f| f.name == name))
    }

    fn in_table(&self, table: &TableName, position: impl Fn(&Table) -> Option<usize>) -> (usize, usize) {
        match self.tables.get(&key_of(table)) {
            Some((at, t)) => (*at, position(t).map_or(0, |p| p + 1)),
            None => (0, 0),
        }
    }
}

/// Moves the creation of an index that leads with a table's auto-increment
/// column before the `AlterTable` whose new primary key does not lead with
/// it, and the drop of one after the `AlterTable` whose old key did not: in
/// between, MySQL would refuse the column leading no index (error 1075).
/// Prisma 6.19.3 keeps its usual order, which fails (its issue 2630).
pub(super) fn keep_auto_increment_keyed(ops: &mut Vec<Op>, from: &Schema, to: &Schema) {
    let alters: Vec<TableName> = ops
        .iter()
        .filter_map(|op| match op {
            Op::AlterTable { table, changes } if changes_primary_key(changes) => Some(table.clone()),
            _ => None,
        })
        .collect();
    for table in alters {
        let leads = |schema: &Schema, index: &crate::schema::Index| {
            schema
                .table_named(&table)
                .and_then(auto_increment_column)
                .is_some_and(|column| index.columns.first().is_some_and(|c| c.name == column))
        };
        let at = |ops: &[Op]| {
            ops.iter()
                .position(|op| matches!(op, Op::AlterTable { table: t, .. } if *t == table))
        };
        let creations = |op: &Op| matches!(op, Op::CreateIndex { table: t, index } if *t == table && leads(to, index));
        while let Some(i) = ops
            .iter()
            .position(creations)
            .filter(|i| at(ops).is_some_and(|a| a < *i))
        {
            let moved = ops.remove(i);
            ops.insert(at(ops).expect("found above"), moved);
        }
        let drops = |op: &Op| matches!(op, Op::DropIndex { table: t, index } if *t == table && leads(from, index));
        while let Some(i) = ops.iter().position(drops).filter(|i| at(ops).is_some_and(|a| a > *i)) {
            let moved = ops.remove(i);
            ops.insert(at(ops).expect("found above") + 1, moved);
        }
    }
}

fn changes_primary_key(changes: &[super::ops::TableChange]) -> bool {
    use super::ops::TableChange;
    changes
        .iter()
        .any(|c| matches!(c, TableChange::DropPrimaryKey(_) | TableChange::AddPrimaryKey(_)))
}

/// The auto-increment column of a table whose primary key does not lead with it.
fn auto_increment_column(table: &Table) -> Option<&str> {
    let column = table.columns.iter().find(|c| c.auto_increment)?;
    let leads_key = table
        .primary_key
        .as_ref()
        .and_then(|pk| pk.columns.first())
        .is_some_and(|c| c.name == column.name);
    (!leads_key).then_some(column.name.as_str())
}

/// Prisma moves the drop of a unique index on a table without a primary key
/// to just after the `AlterTable` that makes those columns the key, so the
/// table is never left without a unique key on them.
fn drop_unique_after_new_primary_key(ops: &mut Vec<Op>, from: &Schema) {
    let mut i = 0;
    while i < ops.len() {
        let target = match &ops[i] {
            Op::DropIndex { table, index } if index.kind == crate::schema::IndexKind::Unique => {
                let keyless = from.table_named(table).is_some_and(|t| t.primary_key.is_none());
                let columns: Vec<&str> = index.columns.iter().map(|c| c.name.as_str()).collect();
                keyless
                    .then(|| ops.iter().position(|op| adds_primary_key_on(op, table, &columns)))
                    .flatten()
            }
            _ => None,
        };
        match target {
            Some(at) if at > i => {
                let moved = ops.remove(i);
                ops.insert(at, moved);
            }
            _ => i += 1,
        }
    }
}

fn adds_primary_key_on(op: &Op, table: &TableName, columns: &[&str]) -> bool {
    use super::ops::TableChange;
    let Op::AlterTable { table: t, changes } = op else {
        return false;
    };
    t == table
        && changes.iter().any(|c| {
            matches!(c, TableChange::AddPrimaryKey(pk)
                if pk.columns.iter().map(|c| c.name.as_str()).eq(columns.iter().copied()))
        })
}
