//! `diff(from, to)`: the ordered plan of [`Op`]s that turns one schema into
//! another. Pure and deterministic; knows nothing of SQL. Tables, indexes and
//! foreign keys are matched by name; a renamed table is a drop and a create,
//! as in Prisma.

mod defaults;
mod foreign_key_indexes;
mod indexes;
mod ops;
mod order;
mod summary;
mod tables;
mod warnings;

pub use defaults::same_default;
pub use ops::{EnumUsage, Op, TableChange, TableRedefinition};
pub use summary::summarize;
pub use tables::same_column;
pub use warnings::{header as warnings_header, removed_values, warnings, Warning};

use crate::driver::{Capabilities, Dialect, EnumSupport};
use crate::schema::{Column, Enum, Schema, Table, TypeFamily};
use tables::{diff_table, TableDiff, UnderForeignKeys};

/// The plan from `from` to `to` for `dialect`'s database: its
/// capabilities decide where objects are created and what is rebuilt, its
/// casts which type changes keep a column's values.
pub fn diff(from: &Schema, to: &Schema, dialect: &dyn Dialect) -> Vec<Op> {
    let caps = &dialect.capabilities();
    let mut ops: Vec<Op> = to
        .used_namespaces()
        .into_iter()
        .filter(|n| !from.namespaces.iter().any(|known| known == n))
        .map(|n| Op::CreateSchema(n.to_string()))
        .collect();
    if from.manages_extensions || to.manages_extensions {
        ops.extend(
            to.extensions
                .iter()
                .filter(|e| !from.extensions.iter().any(|f| f.name == e.name))
                .map(|e| Op::CreateExtension(e.clone())),
        );
    }
    // Inline enums change with their columns' types; only named types are
    // objects of their own.
    if caps.enums == EnumSupport::NamedTypes {
        ops.extend(enum_ops(from, to, dialect));
    }
    let mut redefinitions = Vec::new();
    let (from_tables, to_tables) = (from.tables_by_name(), to.tables_by_name());
    let under_keys = UnderForeignKeys::new(from, to, dialect);
    let dropped: Vec<&Table> = from
        .tables
        .iter()
        .filter(|t| !to_tables.contains_key(&t.key()))
        .collect();
    for table in &dropped {
        ops.extend(drop_table(table, caps));
    }
    for table in &to.tables {
        match from_tables.get(&table.key()).copied() {
            None => ops.extend(create_table(table, caps)),
            Some(old) => match diff_table(old, table, dialect, &under_keys) {
                TableDiff::Unchanged => {}
                TableDiff::InPlace(table_ops) => ops.extend(table_ops),
                TableDiff::Redefine(r) => redefinitions.push(*r),
            },
        }
    }
    if !redefinitions.is_empty() {
        ops.extend(dropped.iter().flat_map(|t| drop_indexes(t)));
        // In the order the tables had.
        redefinitions.sort_by_key(|r| from.tables.iter().position(|t| t.key() == r.from.key()));
        ops.push(Op::RedefineTables(redefinitions));
    }
    order::sort(&mut ops, from, to);
    if caps.auto_increment_keyed {
        order::keep_auto_increment_keyed(&mut ops, from, to);
    }
    ops
}

fn enum_ops(from: &Schema, to: &Schema, dialect: &dyn Dialect) -> Vec<Op> {
    let mut ops = Vec::new();
    for e in &to.enums {
        match from.enum_in(e.namespace.as_deref(), &e.name) {
            None => ops.push(Op::CreateEnum(e.clone())),
            Some(old) if !same_values(old, e) => ops.push(Op::AlterEnum {
                from: old.clone(),
                to: e.clone(),
                usages: enum_usages(from, to, old, dialect),
            }),
            Some(_) => {}
        }
    }
    let dropped = from
        .enums
        .iter()
        .filter(|e| to.enum_in(e.namespace.as_deref(), &e.name).is_none());
    ops.extend(dropped.map(|e: &Enum| Op::DropEnum(e.clone())));
    ops
}

/// Values compare as a set: `ADD VALUE` appends, so a history that adds
/// values later leaves them in another order than a schema lists them, and
/// neither the database nor Prisma (6.19.3 reports no difference) tells
/// the orders apart.
fn same_values(a: &Enum, b: &Enum) -> bool {
    a.values.len() == b.values.len() && a.values.iter().all(|v| b.values.contains(v))
}

/// The columns of `from` typed with the enum `old` (the step runs before
/// any table change, so these are the columns a recreated type must
/// convert, including those dropped or retyped later in the plan; a column
/// added by the plan is created after the step, with the new type).
fn enum_usages(from: &Schema, to: &Schema, old: &Enum, dialect: &dyn Dialect) -> Vec<EnumUsage> {
    // Where two database schemas each have an enum of this name
    // (multiSchema), by the type's spelling too.
    let ambiguous = from.enums.iter().filter(|e| e.name == old.name).count() > 1;
    let spelled = dialect
        .column_type(crate::driver::FieldTypeRef::Enum {
            namespace: old.namespace.as_deref(),
            name: &old.name,
            values: &old.values,
            list: false,
        })
        .sql;
    let uses_enum =
        |c: &Column| c.ty.family == TypeFamily::Enum(old.name.clone()) && (!ambiguous || c.ty.sql == spelled);
    let mut usages = Vec::new();
    for table in &from.tables {
        for column in table.columns.iter().filter(|c| uses_enum(c)) {
            let target = to
                .table_named(&table.qualified_name())
                .and_then(|t| t.column(&column.name));
            let keeps_enum = target.is_some_and(&uses_enum);
            usages.push(EnumUsage {
                table: table.qualified_name(),
                column: column.name.clone(),
                list: column.ty.list,
                drop_default: column.default.is_some(),
                // A retyped column takes its current default back (as text,
                // which holds any value) for the later step to change.
                default: match target {
                    Some(target) if keeps_enum => target.default.clone(),
                    Some(_) => column.default.clone(),
                    None => None,
                },
                leaves_enum: !keeps_enum,
            });
        }
    }
    usages
}

fn create_table(table: &Table, caps: &Capabilities) -> Vec<Op> {
    let mut created = table.clone();
    let mut ops = Vec::new();
    if !caps.foreign_keys_in_create_table {
        let fks = std::mem::take(&mut created.foreign_keys);
        ops.extend(fks.into_iter().map(|fk| Op::AddForeignKey {
            table: table.qualified_name(),
            foreign_key: fk,
        }));
    }
    if !caps.indexes_in_create_table {
        let indexes = std::mem::take(&mut created.indexes);
        ops.extend(indexes.into_iter().map(|index| Op::CreateIndex {
            table: table.qualified_name(),
            index,
        }));
    }
    ops.insert(0, Op::CreateTable(created));
    ops
}

fn drop_table(table: &Table, caps: &Capabilities) -> Vec<Op> {
    let mut ops = Vec::new();
    if !caps.foreign_keys_in_create_table {
        let fks = table.foreign_keys.iter().cloned();
        ops.extend(fks.map(|fk| Op::DropForeignKey {
            table: table.qualified_name(),
            foreign_key: fk,
        }));
    }
    ops.push(Op::DropTable(table.clone()));
    ops
}

/// A dropped table's indexes, one step each. Prisma 6.19.3 drops them
/// before the table where its plan also redefines tables (SQLite): the
/// statements change nothing the `DROP TABLE` would not, and keep the
/// script Prisma's.
fn drop_indexes(table: &Table) -> impl Iterator<Item = Op> + '_ {
    table.indexes.iter().map(|index| Op::DropIndex {
        table: table.qualified_name(),
        index: index.clone(),
    })
}

#[cfg(test)]
mod tests;
