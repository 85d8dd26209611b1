//! `DropTable`, `AlterTable` (columns added and dropped in place), and the
//! script layout: blank lines between steps, the empty plan.

mod common;

use common::*;
use migrate_core::diff::{Op, TableChange};
use migrate_core::schema::ScalarType;
use rusqlite::types::Value;

fn post() -> migrate_core::schema::Table {
    let mut post = table("Post", vec![int("id").auto_increment(), int("authorId")], &["id"]);
    post.foreign_keys.push(post_author_key());
    post
}

/// The referenced table goes first: foreign keys are off during each drop.
#[test]
fn drop_tables() {
    let db = database();
    create(&db, &[user_table(), post()]);
    apply(
        &db,
        r#"INSERT INTO "User" ("email") VALUES ('a'); INSERT INTO "Post" ("authorId") VALUES (1)"#,
    );
    let script = render(&[Op::DropTable(user_table()), Op::DropTable(post())]);
    insta::assert_snapshot!(script);
    apply(&db, &script);
    assert!(objects(&db).is_empty());
    assert_eq!(
        rows(&db, "PRAGMA foreign_keys"),
        vec![vec![i(1)]],
        "foreign keys are back on"
    );
}

#[test]
fn add_and_drop_columns() {
    let db = database();
    create(&db, &[user_table()]);
    apply(&db, r#"INSERT INTO "User" ("email") VALUES ('a')"#);
    let changes = vec![
        TableChange::AddColumn(text("bio").nullable()),
        TableChange::AddColumn(int("karma").default(number("0"))),
        TableChange::AddColumn(column("score", ScalarType::Float).nullable().default(number("0.25"))),
        TableChange::DropColumn(text("name").nullable()),
    ];
    let script = render(&[Op::AlterTable {
        table: "User".into(),
        changes,
    }]);
    insta::assert_snapshot!(script);
    apply(&db, &script);
    let user = rows(&db, r#"SELECT * FROM "User""#);
    assert_eq!(user, vec![vec![i(1), t("a"), Value::Null, i(0), Value::Real(0.25)]]);
}

#[test]
fn steps_are_separated_by_one_blank_line_and_end_with_a_newline() {
    let users = user_table();
    let ops = vec![
        Op::CreateTable(users.clone()),
        Op::CreateIndex {
            table: "User".into(),
            index: users.indexes[0].clone(),
        },
        Op::DropTable(users),
    ];
    let script = render(&ops);
    let expected_tail = "CREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\");\n\n-- DropTable\nPRAGMA foreign_keys=off;\nDROP TABLE \"User\";\nPRAGMA foreign_keys=on;\n";
    assert!(
        script.starts_with("-- CreateTable\nCREATE TABLE \"User\" (\n"),
        "{script}"
    );
    assert!(script.ends_with(expected_tail), "{script}");
    assert!(script.contains(");\n\n-- CreateIndex\n"), "{script}");
    apply(&database(), &script);
}

#[test]
fn empty_plan() {
    let script = render(&[]);
    assert_eq!(script, "-- This is an empty migration.");
    apply(&database(), &script);
}
