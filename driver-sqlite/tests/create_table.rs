//! `CreateTable`: primary keys, foreign keys, every column type, quoting.

mod common;

use common::*;
use migrate_core::diff::Op;
use migrate_core::schema::{ReferentialAction, ScalarType};

#[test]
fn int_autoincrement_primary_key() {
    let db = database();
    let script = create(&db, &[user_table()]);
    insta::assert_snapshot!(script);
    apply(&db, r#"INSERT INTO "User" ("email") VALUES ('a'), ('b')"#);
    assert_eq!(rows(&db, r#"SELECT "id" FROM "User""#), vec![vec![i(1)], vec![i(2)]]);
}

#[test]
fn string_primary_key() {
    let db = database();
    let script = create(
        &db,
        &[table("Tag", vec![text("id"), text("label").nullable()], &["id"])],
    );
    insta::assert_snapshot!(script);
    apply(&db, r#"INSERT INTO "Tag" ("id") VALUES ('x')"#);
    let duplicate = db.execute_batch(r#"INSERT INTO "Tag" ("id") VALUES ('x')"#);
    assert!(duplicate.is_err(), "the primary key is enforced");
}

#[test]
fn composite_primary_key_with_foreign_keys() {
    let post = table("Post", vec![int("id")], &["id"]);
    let tag = table("Tag", vec![text("id")], &["id"]);
    let mut post_tag = table(
        "PostTag",
        vec![int("postId"), text("tagId"), int("rank").nullable()],
        &["postId", "tagId"],
    );
    post_tag.foreign_keys = vec![
        foreign_key(
            "PostTag_postId_fkey",
            &["postId"],
            ("Post", &["id"]),
            ReferentialAction::Cascade,
            ReferentialAction::Cascade,
        ),
        foreign_key(
            "PostTag_tagId_fkey",
            &["tagId"],
            ("Tag", &["id"]),
            ReferentialAction::Restrict,
            ReferentialAction::Cascade,
        ),
    ];
    let db = database();
    let script = render(&[Op::CreateTable(post_tag.clone())]);
    insta::assert_snapshot!(script);
    create(&db, &[post, tag]);
    apply(&db, &script);
    apply(
        &db,
        r#"INSERT INTO "Post" VALUES (1); INSERT INTO "Tag" VALUES ('t'); INSERT INTO "PostTag" VALUES (1, 't', NULL)"#,
    );
    assert!(
        db.execute_batch(r#"INSERT INTO "PostTag" VALUES (1, 't', 2)"#).is_err(),
        "composite key enforced"
    );
    apply(&db, r#"DELETE FROM "Post""#);
    assert_eq!(
        rows(&db, r#"SELECT count(*) FROM "PostTag""#),
        vec![vec![i(0)]],
        "cascaded"
    );
}

/// One foreign key per referential action, on delete and on update.
#[test]
fn foreign_keys_with_every_action() {
    use ReferentialAction::*;
    let parent = table("Parent", vec![int("id")], &["id"]);
    let actions = [Cascade, Restrict, NoAction, SetNull, SetDefault];
    let names = ["cascade", "restrict", "noAction", "setNull", "setDefault"];
    let mut child = table("Child", vec![int("id")], &["id"]);
    for (action, name) in actions.iter().zip(names) {
        child.columns.push(int(name).nullable());
        let fk_name = format!("Child_{name}_fkey");
        child
            .foreign_keys
            .push(foreign_key(&fk_name, &[name], ("Parent", &["id"]), *action, *action));
    }
    let db = database();
    create(&db, &[parent]);
    let script = render(&[Op::CreateTable(child)]);
    insta::assert_snapshot!(script);
    apply(&db, &script);

    // Columns: id, cascade, restrict, noAction, setNull, setDefault.
    apply(&db, r#"INSERT INTO "Parent" VALUES (1), (2), (3), (4), (5)"#);
    apply(
        &db,
        r#"INSERT INTO "Child" VALUES (1, 1, NULL, NULL, NULL, NULL), (2, NULL, 2, NULL, NULL, NULL),
            (3, NULL, NULL, 3, NULL, NULL), (4, NULL, NULL, NULL, 4, NULL), (5, NULL, NULL, NULL, NULL, 5)"#,
    );
    assert!(
        db.execute_batch(r#"DELETE FROM "Parent" WHERE "id" = 2"#).is_err(),
        "restrict"
    );
    assert!(
        db.execute_batch(r#"DELETE FROM "Parent" WHERE "id" = 3"#).is_err(),
        "no action"
    );
    apply(&db, r#"DELETE FROM "Parent" WHERE "id" IN (1, 4, 5)"#);
    let left = rows(
        &db,
        r#"SELECT "id", "setNull", "setDefault" FROM "Child" ORDER BY "id""#,
    );
    let null = rusqlite::types::Value::Null;
    assert_eq!(
        left,
        vec![
            vec![i(2), null.clone(), null.clone()],
            vec![i(3), null.clone(), null.clone()],
            vec![i(4), null.clone(), null.clone()],
            vec![i(5), null.clone(), null]
        ]
    );
}

#[test]
fn every_column_type() {
    let mut columns: Vec<_> = ScalarType::ALL
        .iter()
        .map(|s| column(&format!("{s:?}").to_lowercase(), *s))
        .collect();
    columns.push(enum_column("role", "Role", &["A", "B"]).nullable());
    columns.push(unsupported("point", "NUMERIC(10, 2)").nullable());
    let db = database();
    let script = create(&db, &[table("AllTypes", columns, &["int"])]);
    insta::assert_snapshot!(script);
    let declared = rows(
        &db,
        r#"SELECT "type" FROM pragma_table_info('AllTypes') ORDER BY "cid""#,
    );
    let expected = [
        "TEXT",
        "BOOLEAN",
        "INTEGER",
        "BIGINT",
        "REAL",
        "DECIMAL",
        "DATETIME",
        "JSONB",
        "BLOB",
        "TEXT",
        "NUMERIC(10, 2)",
    ];
    assert_eq!(declared, expected.iter().map(|e| vec![t(e)]).collect::<Vec<_>>());
}

/// Names and strings with quotes in them, and a column without a type.
#[test]
fn identifiers_and_strings_are_escaped() {
    let mut odd = unsupported(r#"we"ird"#, "").nullable().default(string("it's"));
    odd.ty.sql.clear();
    let mut table = table(r#"Odd "Table""#, vec![text(r#"i"d"#), odd], &[r#"i"d"#]);
    table.indexes.push(index(
        r#"Odd_"we"ird"_idx"#,
        migrate_core::schema::IndexKind::Normal,
        &[r#"we"ird"#],
    ));
    let db = database();
    let script = create(&db, &[table]);
    insta::assert_snapshot!(script);
    apply(&db, r#"INSERT INTO "Odd ""Table""" ("i""d") VALUES ('1')"#);
    assert_eq!(
        rows(&db, r#"SELECT "we""ird" FROM "Odd ""Table""""#),
        vec![vec![t("it's")]]
    );
}

/// A foreign key without a name (as SQLite may introspect one) has no
/// `CONSTRAINT` clause.
#[test]
fn unnamed_foreign_key() {
    let mut post = table("Post", vec![int("id"), int("authorId")], &["id"]);
    post.foreign_keys.push(foreign_key(
        "",
        &["authorId"],
        ("User", &["id"]),
        ReferentialAction::NoAction,
        ReferentialAction::NoAction,
    ));
    let db = database();
    let script = create(&db, &[user_table(), post]);
    insta::assert_snapshot!(script);
    assert!(db.execute_batch(r#"INSERT INTO "Post" VALUES (1, 9)"#).is_err());
}
