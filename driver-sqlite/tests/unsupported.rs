//! Steps the differ never plans for SQLite: `render` refuses each, naming the
//! step and why. Enum steps have nothing to do: SQLite keeps enums as text.

mod common;

use common::*;
use driver_sqlite::SqliteDialect;
use migrate_core::diff::{Op, TableChange, TableRedefinition};
use migrate_core::driver::{Dialect, RenderError};
use migrate_core::schema::{DefaultValue, Enum, IndexAlgorithm, IndexKind, Literal, PrimaryKey, ScalarType};

fn role(values: &[&str]) -> Enum {
    Enum {
        namespace: Default::default(),
        name: "Role".into(),
        values: values.iter().map(|v| v.to_string()).collect(),
    }
}

#[test]
fn enum_steps_render_nothing() {
    let ops = vec![
        Op::CreateEnum(role(&["A"])),
        Op::AlterEnum {
            from: role(&["A"]),
            to: role(&["A", "B"]),
            usages: Vec::new(),
        },
        Op::DropEnum(role(&["A", "B"])),
    ];
    assert_eq!(render(&ops), "-- This is an empty migration.");
    let mut with_table = ops.clone();
    with_table.insert(1, Op::DropTable(user_table()));
    let script = render(&with_table);
    assert!(
        script.starts_with("-- DropTable\n") && !script.contains("Enum"),
        "{script}"
    );
}

/// One plan per unsupported case, each a step on its own.
fn unsupported_plans() -> Vec<Op> {
    let fk = post_author_key();
    let fulltext = index("Post_title_idx", IndexKind::Fulltext, &["title"]);
    let mut hashed = index("Post_title_hash_idx", IndexKind::Normal, &["title"]);
    hashed.algorithm = Some(IndexAlgorithm::Hash);
    let mut prefix = index("Post_title_prefix_idx", IndexKind::Normal, &["title"]);
    prefix.columns[0].length = Some(10);
    let mut with_fulltext = table("Post", vec![int("id"), text("title")], &["id"]);
    with_fulltext.indexes.push(fulltext.clone());
    let mut listed = text("tags");
    listed.ty.list = true;
    let list_default = text("tags").default(DefaultValue::List(vec![Literal::String("a".into())]));
    let counter = table("Counter", vec![int("id"), int("n").auto_increment()], &["id"]);
    let pk = PrimaryKey {
        name: None,
        columns: vec![migrate_core::schema::IndexColumn::named("id")],
    };
    vec![
        Op::DropForeignKey {
            table: "Post".into(),
            foreign_key: fk.clone(),
        },
        Op::AddForeignKey {
            table: "Post".into(),
            foreign_key: fk,
        },
        Op::RenameIndex {
            table: "Post".into(),
            from: "Post_a_idx".into(),
            to: "Post_b_idx".into(),
        },
        alter(TableChange::AlterColumn {
            from: text("title").nullable(),
            to: text("title"),
        }),
        alter(TableChange::AddPrimaryKey(pk.clone())),
        alter(TableChange::DropPrimaryKey(pk)),
        alter(TableChange::AddColumn(
            column("at", ScalarType::DateTime).default(DefaultValue::Now),
        )),
        alter(TableChange::AddColumn(int("n").default(expression("1 + 1")))),
        alter(TableChange::AddColumn(int("required"))),
        alter(TableChange::AddColumn(
            int("serial").auto_increment().default(number("1")),
        )),
        alter(TableChange::AddColumn(listed.clone())),
        Op::CreateTable(table("Tagged", vec![listed], &[])),
        Op::CreateTable(table("Tagged", vec![list_default], &[])),
        Op::CreateTable(counter),
        Op::CreateTable(with_fulltext.clone()),
        Op::RedefineTables(vec![TableRedefinition {
            from: with_fulltext.clone(),
            to: with_fulltext,
        }]),
        Op::CreateIndex {
            table: "Post".into(),
            index: fulltext.clone(),
        },
        Op::CreateIndex {
            table: "Post".into(),
            index: hashed,
        },
        Op::CreateIndex {
            table: "Post".into(),
            index: prefix,
        },
        Op::RedefineIndex {
            table: "Post".into(),
            from: index("Post_title_key", IndexKind::Unique, &["title"]),
            to: fulltext,
        },
    ]
}

/// An `AlterTable` step whose first change is fine and second is not: the
/// whole step is refused.
fn alter(change: TableChange) -> Op {
    Op::AlterTable {
        table: "Post".into(),
        changes: vec![TableChange::AddColumn(text("ok").nullable()), change],
    }
}

#[test]
fn unsupported_steps_are_refused_with_the_reason() {
    for op in &unsupported_plans() {
        let Err(RenderError { database, step, reason }) = SqliteDialect.render(std::slice::from_ref(op)) else {
            panic!("{op:?} is accepted");
        };
        assert_eq!((database, step), ("SQLite", op.description()));
        assert!(reason.contains("`"), "the reason names what is wrong: {reason}");
    }
}

#[test]
fn render_reports_the_first_unsupported_step() {
    let mut ops = vec![Op::CreateTable(user_table())];
    ops.extend(unsupported_plans());
    let error = SqliteDialect.render(&ops).unwrap_err();
    assert_eq!(error.to_string(), "cannot run DropForeignKey on SQLite: foreign key `Post_authorId_fkey` cannot be dropped from `Post` in place; the table must be redefined");
}
