//! `RedefineTables`: the data survives, columns that become required take
//! their default, indexes come back, and foreign keys still hold after.

mod common;

use common::*;
use migrate_core::diff::{Op, TableRedefinition};
use migrate_core::schema::{DefaultValue, IndexKind, ReferentialAction, ScalarType, Table};
use rusqlite::types::Value;
use rusqlite::Connection;

fn users_from() -> Table {
    let mut user = user_table();
    user.columns.extend([
        int("age").nullable(),
        int("visits").nullable(),
        text("legacy").nullable(),
    ]);
    user
}

/// `name` and `visits` become required with defaults, `age` changes type,
/// `legacy` goes, `joined` arrives, and a new index is added.
fn users_to() -> Table {
    let mut user = table(
        "User",
        vec![
            int("id").auto_increment(),
            text("email"),
            text("name").default(string("anonymous")),
            column("age", ScalarType::BigInt).nullable(),
            int("visits").default(expression("abs(-5)")),
            column("joined", ScalarType::DateTime).default(DefaultValue::Now),
        ],
        &["id"],
    );
    user.indexes
        .push(index("User_email_key", IndexKind::Unique, &["email"]));
    user.indexes.push(index("User_name_idx", IndexKind::Normal, &["name"]));
    user
}

/// A table that references `User` and is not redefined itself.
fn comment() -> Table {
    let mut comment = table("Comment", vec![int("id"), int("userId")], &["id"]);
    comment.foreign_keys.push(foreign_key(
        "Comment_userId_fkey",
        &["userId"],
        ("User", &["id"]),
        ReferentialAction::Cascade,
        ReferentialAction::Cascade,
    ));
    comment
}

fn assert_foreign_keys_hold(db: &Connection) {
    assert!(rows(db, "PRAGMA foreign_key_check").is_empty());
    assert_eq!(rows(db, "PRAGMA foreign_keys"), vec![vec![i(1)]]);
    assert_eq!(rows(db, "PRAGMA defer_foreign_keys"), vec![vec![i(0)]]);
}

#[test]
fn redefine_one_table() {
    let db = database();
    create(&db, &[users_from(), comment()]);
    apply(
        &db,
        r#"INSERT INTO "User" ("email", "name", "age", "visits", "legacy") VALUES ('a', NULL, 30, NULL, 'x'), ('b', 'Bob', NULL, 7, NULL);
           INSERT INTO "Comment" VALUES (1, 2)"#,
    );
    let script = render(&[Op::RedefineTables(vec![TableRedefinition {
        from: users_from(),
        to: users_to(),
    }])]);
    insta::assert_snapshot!(script);
    apply(&db, &script);

    let users = rows(
        &db,
        r#"SELECT "id", "email", "name", "age", "visits" FROM "User" ORDER BY "id""#,
    );
    assert_eq!(
        users,
        vec![
            vec![i(1), t("a"), t("anonymous"), i(30), i(5)],
            vec![i(2), t("b"), t("Bob"), Value::Null, i(7)]
        ]
    );
    let expected = [
        "index User_email_key",
        "index User_name_idx",
        "table Comment",
        "table User",
    ];
    assert_eq!(objects(&db), expected);
    assert_foreign_keys_hold(&db);
    assert!(
        db.execute_batch(r#"INSERT INTO "Comment" VALUES (2, 99)"#).is_err(),
        "Comment still references User"
    );
    apply(&db, r#"DELETE FROM "User" WHERE "id" = 2"#);
    assert!(
        rows(&db, r#"SELECT * FROM "Comment""#).is_empty(),
        "and cascades from the new User"
    );
}

/// `Post`, referencing `User` and itself; `title` optional or required.
fn posts(title_required: bool) -> Table {
    let title = if title_required {
        text("title").default(string("untitled"))
    } else {
        text("title").nullable()
    };
    let mut post = table(
        "Post",
        vec![int("id"), int("authorId"), title, int("parentId").nullable()],
        &["id"],
    );
    post.foreign_keys = vec![
        post_author_key(),
        foreign_key(
            "Post_parentId_fkey",
            &["parentId"],
            ("Post", &["id"]),
            ReferentialAction::SetNull,
            ReferentialAction::Cascade,
        ),
    ];
    post.indexes
        .push(index("Post_authorId_idx", IndexKind::Normal, &["authorId"]));
    post
}

/// Two tables that reference each other's rows, one of them itself.
#[test]
fn redefine_two_tables() {
    let db = database();
    create(&db, &[users_from(), posts(false)]);
    apply(
        &db,
        r#"INSERT INTO "User" ("email") VALUES ('a'), ('b');
           INSERT INTO "Post" VALUES (1, 1, NULL, NULL), (2, 2, 'Hi', 1)"#,
    );
    let ops = vec![Op::RedefineTables(vec![
        TableRedefinition {
            from: users_from(),
            to: users_to(),
        },
        TableRedefinition {
            from: posts(false),
            to: posts(true),
        },
    ])];
    let script = render(&ops);
    insta::assert_snapshot!(script);
    apply(&db, &script);

    let posts = rows(
        &db,
        r#"SELECT "id", "authorId", "title", "parentId" FROM "Post" ORDER BY "id""#,
    );
    assert_eq!(
        posts,
        vec![
            vec![i(1), i(1), t("untitled"), Value::Null],
            vec![i(2), i(2), t("Hi"), i(1)]
        ]
    );
    assert_foreign_keys_hold(&db);
    assert!(
        db.execute_batch(r#"DELETE FROM "User" WHERE "id" = 1"#).is_err(),
        "Post still restricts User"
    );
    apply(&db, r#"DELETE FROM "Post" WHERE "id" = 1"#);
    assert_eq!(
        rows(&db, r#"SELECT "parentId" FROM "Post""#),
        vec![vec![Value::Null]],
        "self reference still set null"
    );
}

/// No column survives: nothing to copy, no `INSERT`.
#[test]
fn redefine_without_copied_columns() {
    let from = table("Log", vec![text("message").nullable()], &[]);
    let to = table(
        "Log",
        vec![int("id").auto_increment(), text("line").nullable()],
        &["id"],
    );
    let db = database();
    create(&db, std::slice::from_ref(&from));
    apply(&db, r#"INSERT INTO "Log" VALUES ('gone')"#);
    let script = render(&[Op::RedefineTables(vec![TableRedefinition { from, to }])]);
    insta::assert_snapshot!(script);
    apply(&db, &script);
    assert!(rows(&db, r#"SELECT * FROM "Log""#).is_empty());
    assert_foreign_keys_hold(&db);
}
