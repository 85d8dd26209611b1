//! Data-loss warnings for a plan, in Prisma's words. Pure: the texts for the
//! migration file need no database; the engine adds row counts for the
//! console and to decide whether a change really loses data.

use super::ops::{Op, TableChange, TableRedefinition};
use crate::schema::{Column, Index, IndexKind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub table: String,
    /// Cannot run at all when the table has rows (rather than losing data).
    pub unexecutable: bool,
    pub message: String,
}

/// Every warning of a plan, in step order.
pub fn warnings(ops: &[Op]) -> Vec<Warning> {
    let created: Vec<&str> = ops
        .iter()
        .filter_map(|op| match op {
            Op::CreateTable(t) => Some(t.name.as_str()),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    for op in ops {
        match op {
            Op::DropTable(t) => out.push(drop_table(&t.name)),
            Op::AlterTable { table, changes } => {
                changes
                    .iter()
                    .filter_map(|c| change(table, c))
                    .for_each(|w| out.push(w));
            }
            Op::RedefineTables(rs) => rs.iter().for_each(|r| out.extend(redefinition(r))),
            Op::CreateIndex { table, index }
                if index.kind == IndexKind::Unique && !created.contains(&table.as_str()) =>
            {
                out.push(unique(table, index))
            }
            Op::AlterEnum { from, to, .. } => {
                let removed: Vec<&str> = from
                    .values
                    .iter()
                    .filter(|v| !to.values.contains(v))
                    .map(String::as_str)
                    .collect();
                if !removed.is_empty() {
                    out.push(Warning {
                        table: String::new(),
                        unexecutable: false,
                        message: format!("The values [{}] on the enum `{}` will be removed. If these variants are still used in the database, this will fail.", removed.join(","), to.name),
                    });
                }
            }
            _ => {}
        }
    }
    out
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

fn drop_table(table: &str) -> Warning {
    Warning {
        table: table.into(),
        unexecutable: false,
        message: format!(
            "You are about to drop the `{table}` table. If the table is not empty, all the data it contains will be lost."
        ),
    }
}

fn drop_column(table: &str, column: &str) -> Warning {
    Warning {
        table: table.into(),
        unexecutable: false,
        message: format!(
            "You are about to drop the column `{column}` on the `{table}` table. All the data in the column will be lost."
        ),
    }
}

fn added_required(table: &str, column: &Column) -> Option<Warning> {
    (!column.nullable && column.default.is_none() && !column.auto_increment).then(|| Warning {
        table: table.into(),
        unexecutable: true,
        message: format!("Added the required column `{}` to the `{table}` table without a default value. This is not possible if the table is not empty.", column.name),
    })
}

fn altered(table: &str, from: &Column, to: &Column) -> Option<Warning> {
    if from.nullable && !to.nullable && to.default.is_none() {
        return Some(Warning {
            table: table.into(),
            unexecutable: true,
            message: format!("Made the column `{}` on table `{table}` required. This step will fail if there are existing NULL values in that column.", to.name),
        });
    }
    (from.ty.sql != to.ty.sql || from.ty.list != to.ty.list).then(|| Warning {
        table: table.into(),
        unexecutable: false,
        message: format!(
            "You are about to alter the column `{}` on the `{table}` table. The data in that column could be lost. The data in that column will be cast from `{}` to `{}`.",
            to.name, from.ty.sql, to.ty.sql
        ),
    })
}

fn unique(table: &str, index: &Index) -> Warning {
    let cols: Vec<&str> = index.columns.iter().map(|c| c.name.as_str()).collect();
    Warning {
        table: table.into(),
        unexecutable: false,
        message: format!("A unique constraint covering the columns `[{}]` on the table `{table}` will be added. If there are existing duplicate values, this will fail.", cols.join(",")),
    }
}

fn change(table: &str, change: &TableChange) -> Option<Warning> {
    match change {
        TableChange::DropColumn(c) => Some(drop_column(table, &c.name)),
        TableChange::AddColumn(c) => added_required(table, c),
        TableChange::AlterColumn { from, to } => altered(table, from, to),
        TableChange::DropPrimaryKey(_) | TableChange::AddPrimaryKey(_) => None,
    }
}

fn redefinition(r: &TableRedefinition) -> Vec<Warning> {
    let table = &r.to.name;
    let mut out = Vec::new();
    for c in &r.to.columns {
        match r.from.column(&c.name) {
            None => out.extend(added_required(table, c)),
            Some(old) => out.extend(altered(table, old, c)),
        }
    }
    for c in r.from.columns.iter().filter(|c| r.to.column(&c.name).is_none()) {
        out.push(drop_column(table, &c.name));
    }
    let new_unique =
        r.to.indexes
            .iter()
            .filter(|i| i.kind == IndexKind::Unique && r.from.index(&i.name).is_none());
    out.extend(new_unique.map(|i| unique(table, i)));
    out
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
            header(&warnings(&ops)),
            "/*\n  Warnings:\n\n  - You are about to drop the column `bio` on the `User` table. All the data in the column will be lost.\n  - You are about to drop the `Post` table. If the table is not empty, all the data it contains will be lost.\n\n*/\n"
        );
    }

    #[test]
    fn redefinitions_warn_about_required_and_dropped_columns() {
        let mut from = Table::new("T");
        from.columns = vec![col("a", true), col("gone", true)];
        let mut to = Table::new("T");
        to.columns = vec![col("a", false), col("new", false)];
        let ws = warnings(&[Op::RedefineTables(vec![TableRedefinition { from, to }])]);
        let texts: Vec<&str> = ws.iter().map(|w| w.message.as_str()).collect();
        assert!(texts[0].starts_with("Made the column `a` on table `T` required"));
        assert!(texts[1].starts_with("Added the required column `new`"));
        assert!(texts[2].starts_with("You are about to drop the column `gone`"));
        assert!(ws[0].unexecutable && ws[1].unexecutable && !ws[2].unexecutable);
    }
}
