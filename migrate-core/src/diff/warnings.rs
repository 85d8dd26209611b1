//! Data-loss warnings for a plan, in Prisma's words. Pure: the texts for the
//! migration file need no database; the engine adds row counts for the
//! console and to decide whether a change really loses data.

use super::ops::{Op, TableChange, TableRedefinition};
use crate::driver::{Dialect, TypeChange};
use crate::schema::{Column, Enum, Index, IndexKind, TableName, Unmodelled};

/// A data-loss warning about one step of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The table the step changes; an empty name for an enum's removed values.
    pub table: TableName,
    /// Cannot run at all when the table has rows (rather than losing data).
    pub unexecutable: bool,
    /// Prisma's text: "You are about to drop the `Post` table. If the table is not empty, all
    /// the data it contains will be lost."
    pub message: String,
}

/// Every warning of a plan, as Prisma lists them: those that may lose data
/// first, then those that cannot run on a table with rows, each in step
/// order (and inside one `ALTER TABLE` in clause order).
pub fn warnings(ops: &[Op], dialect: &dyn Dialect) -> Vec<Warning> {
    let created: Vec<TableName> = ops
        .iter()
        .filter_map(|op| match op {
            Op::CreateTable(t) => Some(t.qualified_name()),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    for op in ops {
        match op {
            Op::DropTable(t) => out.push(drop_table(&t.qualified_name())),
            Op::AlterTable { table, changes } => {
                let mut ordered: Vec<&TableChange> = changes.iter().collect();
                ordered.sort_by_key(|c| c.rank());
                out.extend(ordered.into_iter().filter_map(|c| change(table, c, dialect)));
            }
            Op::RedefineTables(rs) => rs.iter().for_each(|r| out.extend(redefinition(r, dialect))),
            Op::CreateIndex { table, index } if index.kind == IndexKind::Unique && !created.contains(table) => {
                out.push(unique(table, index))
            }
            Op::AlterEnum { from, to, .. } => {
                let removed = removed_values(from, to);
                if !removed.is_empty() {
                    out.push(Warning {
                        table: TableName::unqualified(""),
                        unexecutable: false,
                        message: format!("The values [{}] on the enum `{}` will be removed. If these variants are still used in the database, this will fail.", removed.join(","), to.name),
                    });
                }
            }
            _ => {}
        }
    }
    out.sort_by_key(|w| w.unexecutable);
    out
}

/// The values of `from` that `to` no longer has, in `from`'s order.
pub fn removed_values(from: &Enum, to: &Enum) -> Vec<String> {
    from.values.iter().filter(|v| !to.values.contains(v)).cloned().collect()
}

/// The `/* Warnings: ... */` block that opens a migration file.
pub fn header(warnings: &[Warning]) -> String {
    if warnings.is_empty() {
        return String::new();
    }
    let mut out = String::from("/*\n  Warnings:\n\n");
    for w in warnings {
        out.push_str(&format!("  - {}\n", w.message));
    }
    out.push_str("\n*/\n");
    out
}

fn drop_table(qualified: &TableName) -> Warning {
    // Prisma 6.19.3 names the table without its schema.
    let table = &qualified.name;
    Warning {
        table: qualified.clone(),
        unexecutable: false,
        message: format!(
            "You are about to drop the `{table}` table. If the table is not empty, all the data it contains will be lost."
        ),
    }
}

fn drop_column(qualified: &TableName, column: &str) -> Warning {
    // Prisma 6.19.3 names the table without its schema.
    let table = &qualified.name;
    Warning {
        table: qualified.clone(),
        unexecutable: false,
        message: format!(
            "You are about to drop the column `{column}` on the `{table}` table. All the data in the column will be lost."
        ),
    }
}

fn added_required(qualified: &TableName, column: &Column) -> Option<Warning> {
    // Prisma 6.19.3 names the table without its schema.
    let table = &qualified.name;
    (!column.nullable && column.default.is_none() && !column.auto_increment).then(|| Warning {
        table: qualified.clone(),
        unexecutable: true,
        message: format!("Added the required column `{}` to the `{table}` table without a default value. This is not possible if the table is not empty.", column.name),
    })
}

/// A column made required, or cast where the cast may fail (Prisma warns
/// of risky casts only, naming the types as it names them).
fn altered(qualified: &TableName, from: &Column, to: &Column, dialect: &dyn Dialect) -> Option<Warning> {
    // Prisma 6.19.3 names the table without its schema.
    let table = &qualified.name;
    if from.nullable && !to.nullable && to.default.is_none() {
        return Some(Warning {
            table: qualified.clone(),
            unexecutable: true,
            message: format!("Made the column `{}` on table `{table}` required. This step will fail if there are existing NULL values in that column.", to.name),
        });
    }
    let retyped = from.ty.sql != to.ty.sql || from.ty.list != to.ty.list;
    let risky = retyped && dialect.type_change(&from.ty, &to.ty) == TypeChange::RiskyCast;
    risky.then(|| Warning {
        table: qualified.clone(),
        unexecutable: false,
        message: format!(
            "You are about to alter the column `{}` on the `{table}` table. The data in that column could be lost. The data in that column will be cast from `{}` to `{}`.",
            to.name,
            dialect.type_name(&from.ty),
            dialect.type_name(&to.ty)
        ),
    })
}

/// A column dropped and added again: its values are lost, and a required
/// column without a default cannot be added back to a table with rows.
fn recreated(qualified: &TableName, from: &Column, to: &Column) -> Warning {
    // Prisma 6.19.3 names the table without its schema.
    let table = &qualified.name;
    let name = &to.name;
    if to.nullable || to.default.is_some() || to.auto_increment {
        return Warning {
            table: qualified.clone(),
            unexecutable: false,
            message: format!("The `{name}` column on the `{table}` table would be dropped and recreated. This will lead to data loss if there is data in the column."),
        };
    }
    if from.nullable {
        return added_required(qualified, to).expect("a required column without a default");
    }
    Warning {
        table: qualified.clone(),
        unexecutable: true,
        message: format!("Changed the type of `{name}` on the `{table}` table. No cast exists, the column would be dropped and recreated, which cannot be done if there is data, since the column is required."),
    }
}

fn unique(qualified: &TableName, index: &Index) -> Warning {
    // Prisma 6.19.3 names the table without its schema.
    let table = &qualified.name;
    let cols: Vec<&str> = index.columns.iter().map(|c| c.name.as_str()).collect();
    Warning {
        table: qualified.clone(),
        unexecutable: false,
        message: format!("A unique constraint covering the columns `[{}]` on the table `{table}` will be added. If there are existing duplicate values, this will fail.", cols.join(",")),
    }
}

fn change(table: &TableName, change: &TableChange, dialect: &dyn Dialect) -> Option<Warning> {
    match change {
        TableChange::DropColumn(c) => Some(drop_column(table, &c.name)),
        TableChange::AddColumn(c) => added_required(table, c),
        TableChange::AlterColumn { from, to } => altered(table, from, to, dialect),
        TableChange::RecreateColumn { from, to } => Some(recreated(table, from, to)),
        TableChange::DropPrimaryKey(_) | TableChange::RenamePrimaryKey { .. } | TableChange::AddPrimaryKey(_) => None,
    }
}

/// Prisma's order inside a redefinition: dropped columns, changed
/// columns, then (cannot run on rows) added required columns and columns
/// made required. A new unique index gets no warning of its own here.
fn redefinition(r: &TableRedefinition, dialect: &dyn Dialect) -> Vec<Warning> {
    let table = &r.to.qualified_name();
    let mut out: Vec<Warning> = r
        .from
        .columns
        .iter()
        .filter(|c| r.to.column(&c.name).is_none())
        .map(|c| drop_column(table, &c.name))
        .collect();
    let changed: Vec<Warning> =
        r.to.columns
            .iter()
            .filter_map(|c| r.from.column(&c.name).and_then(|old| altered(table, old, c, dialect)))
            .collect();
    let (made_required, cast): (Vec<Warning>, Vec<Warning>) = changed.into_iter().partition(|w| w.unexecutable);
    out.extend(cast);
    let added = r.to.columns.iter().filter(|c| r.from.column(&c.name).is_none());
    out.extend(added.filter_map(|c| added_required(table, c)));
    out.extend(made_required);
    out.extend(unmodelled_lost(r));
    out
}

/// Ours: what a rebuild drops that the schema does not describe (see
/// [`TableRedefinition::unmodelled`]).
fn unmodelled_lost(r: &TableRedefinition) -> Option<Warning> {
    let (_, lost) = r.unmodelled();
    if lost.is_empty() {
        return None;
    }
    let named: Vec<String> = lost
        .iter()
        .map(|u| match u {
            Unmodelled::GeneratedColumn(o) => format!("the generated column `{}`", o.name),
            Unmodelled::Index(o) => format!("the index `{}`", o.name),
            Unmodelled::Trigger(o) => format!("the trigger `{}`", o.name),
            Unmodelled::Check { name: Some(name), .. } => format!("the check constraint `{name}`"),
            Unmodelled::Check {
                column: Some(column), ..
            } => format!("a check constraint on `{column}`"),
            Unmodelled::Check { .. } => "a check constraint".to_string(),
        })
        .collect();
    Some(Warning {
        table: r.to.qualified_name(),
        unexecutable: false,
        message: format!(
            "The table `{}` is rebuilt, which drops what the schema cannot describe: {}. To keep {it}, add {it} back at the end of this migration (`--create-only`); the migration that made {it} has the SQL.",
            r.to.name,
            named.join(", "),
            it = if named.len() == 1 { "it" } else { "them" },
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{ColumnType, ScalarType, Table, TypeFamily};

    fn col(name: &str, nullable: bool) -> Column {
        let ty = ColumnType {
            family: TypeFamily::Scalar(ScalarType::String),
            sql: "TEXT".into(),
            list: false,
        };
        Column {
            name: name.into(),
            ty,
            nullable,
            default: None,
            auto_increment: false,
            sequence: None,
        }
    }

    #[test]
    fn header_lists_warnings_in_prismas_layout() {
        let ops = vec![
            Op::AlterTable {
                table: "User".into(),
                changes: vec![TableChange::DropColumn(col("bio", true))],
            },
            Op::DropTable(Table::new("Post")),
        ];
        assert_eq!(
            header(&warnings(&ops, &crate::testing::PgNames)),
            "/*\n  Warnings:\n\n  - You are about to drop the column `bio` on the `User` table. All the data in the column will be lost.\n  - You are about to drop the `Post` table. If the table is not empty, all the data it contains will be lost.\n\n*/\n"
        );
    }

    #[test]
    fn redefinitions_warn_about_required_and_dropped_columns() {
        let mut from = Table::new("T");
        from.columns = vec![col("a", true), col("gone", true)];
        let mut to = Table::new("T");
        to.columns = vec![col("a", false), col("new", false)];
        let ws = warnings(
            &[Op::RedefineTables(vec![TableRedefinition { from, to }])],
            &crate::testing::PgNames,
        );
        let texts: Vec<&str> = ws.iter().map(|w| w.message.as_str()).collect();
        assert!(texts[0].starts_with("You are about to drop the column `gone`"));
        assert!(texts[1].starts_with("Added the required column `new`"));
        assert!(texts[2].starts_with("Made the column `a` on table `T` required"));
        assert!(!ws[0].unexecutable && ws[1].unexecutable && ws[2].unexecutable);
    }
}
