//! The human-readable account of a plan (`migrate diff` without `--script`),
//! in the shape of Prisma's.

use super::ops::{Op, TableChange};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// The plan as Prisma's `migrate diff` prints it without `--script`: `[+]`, `[-]` and `[*]`
/// sections of added, removed and changed objects, or `No difference detected.` for an empty
/// plan.
pub fn summarize(ops: &[Op]) -> String {
    if ops.is_empty() {
        return "No difference detected.\n".to_string();
    }
    let mut sections: Vec<(String, Vec<String>)> = Vec::new();
    let mut per_table: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut redefined = BTreeSet::new();
    let mut push = |title: &str, item: String| match sections.iter_mut().find(|(t, _)| t == title) {
        Some((_, items)) => items.push(item),
        None => sections.push((title.to_string(), vec![item])),
    };
    for op in ops {
        match op {
            Op::CreateSchema(name) => push("[+] Added schemas", name.clone()),
            Op::CreateExtension(e) => push("[+] Added extensions", e.name.clone()),
            Op::CreateEnum(e) => push("[+] Added enums", enum_name(e)),
            Op::DropEnum(e) => push("[-] Removed enums", enum_name(e)),
            Op::AlterEnum { to, .. } => push("[*] Changed enums", enum_name(to)),
            Op::CreateTable(t) => push("[+] Added tables", t.qualified_name().to_string()),
            Op::DropTable(t) => push("[-] Removed tables", t.qualified_name().to_string()),
            Op::RedefineTables(rs) => redefined.extend(rs.iter().map(|r| r.to.qualified_name().to_string())),
            other => {
                let (table, line) = table_line(other);
                per_table.entry(table).or_default().push(line);
            }
        }
    }
    let mut out = String::new();
    for (title, items) in sections {
        let _ = writeln!(out, "\n{title}");
        items.iter().for_each(|i| {
            let _ = writeln!(out, "  - {i}");
        });
    }
    // As Prisma 6.19.3 prints them: a section of its own per table, by name.
    for table in redefined {
        let _ = writeln!(out, "\n[*] Redefined table `{table}`");
    }
    for (table, lines) in per_table {
        let _ = writeln!(out, "\n[*] Changed the `{table}` table");
        lines.iter().for_each(|l| {
            let _ = writeln!(out, "  {l}");
        });
    }
    out
}

/// An enum as the summary names it: `auth.mood` outside the session's schema, as tables.
fn enum_name(e: &crate::schema::Enum) -> String {
    match &e.namespace {
        Some(ns) => format!("{ns}.{}", e.name),
        None => e.name.clone(),
    }
}

/// The table an op changes, as the summary names it (`billing.invoices` outside the session's schema).
fn table_line(op: &Op) -> (String, String) {
    let cols = |c: &[String]| c.join(", ");
    match op {
        Op::CreateIndex { table, index } => {
            let names: Vec<String> = index.columns.iter().map(|c| c.name.clone()).collect();
            (
                table.to_string(),
                format!("[+] Added {} on columns ({})", index_word(index), cols(&names)),
            )
        }
        Op::DropIndex { table, index } => {
            let names: Vec<String> = index.columns.iter().map(|c| c.name.clone()).collect();
            (
                table.to_string(),
                format!("[-] Removed {} on columns ({})", index_word(index), cols(&names)),
            )
        }
        Op::AddForeignKey { table, foreign_key } => (
            table.to_string(),
            format!("[+] Added foreign key on columns ({})", cols(&foreign_key.columns)),
        ),
        Op::DropForeignKey { table, foreign_key } => (
            table.to_string(),
            format!("[-] Removed foreign key on columns ({})", cols(&foreign_key.columns)),
        ),
        Op::RenameIndex { table, from, to } => (table.to_string(), format!("[*] Renamed index `{from}` to `{to}`")),
        Op::RenameForeignKey { table, from, to } => {
            (table.to_string(), format!("[*] Renamed foreign key `{from}` to `{to}`"))
        }
        Op::RedefineIndex { table, from, to } => (
            table.to_string(),
            format!("[*] Renamed index `{}` to `{}`", from.name, to.name),
        ),
        Op::AlterTable { table, changes } => {
            let lines: Vec<String> = changes.iter().map(change_line).collect();
            (table.to_string(), lines.join("\n  "))
        }
        _ => (String::new(), String::new()),
    }
}

fn index_word(index: &crate::schema::Index) -> &'static str {
    match index.kind {
        crate::schema::IndexKind::Unique => "unique index",
        crate::schema::IndexKind::Normal => "index",
        crate::schema::IndexKind::Fulltext => "fulltext index",
    }
}

fn change_line(change: &TableChange) -> String {
    match change {
        TableChange::AddColumn(c) => format!("[+] Added column `{}`", c.name),
        TableChange::DropColumn(c) => format!("[-] Removed column `{}`", c.name),
        TableChange::AlterColumn { to, .. } => format!("[*] Altered column `{}`", to.name),
        TableChange::RecreateColumn { to, .. } => format!("[*] Dropped and recreated column `{}`", to.name),
        TableChange::DropPrimaryKey(_) => "[-] Removed the primary key".into(),
        TableChange::RenamePrimaryKey { to, .. } => format!("[*] Renamed the primary key to `{to}`"),
        TableChange::AddPrimaryKey(pk) => {
            let names: Vec<&str> = pk.columns.iter().map(|c| c.name.as_str()).collect();
            format!("[+] Added the primary key on columns ({})", names.join(", "))
        }
    }
}
