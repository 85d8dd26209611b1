//! `CreateIndex`, `DropIndex` and `RedefineIndex` (SQLite cannot rename an index).

mod common;

use common::*;
use migrate_core::diff::Op;
use migrate_core::schema::{IndexKind, SortOrder};

fn post() -> migrate_core::schema::Table {
    let columns = vec![
        int("id"),
        int("authorId"),
        text("slug"),
        text("title"),
        int("rank").nullable(),
    ];
    table("Post", columns, &["id"])
}

#[test]
fn unique_normal_and_sorted_indexes() {
    let db = database();
    create(&db, &[post()]);
    let ops = vec![
        Op::CreateIndex {
            table: "Post".into(),
            index: index("Post_slug_key", IndexKind::Unique, &["slug"]),
        },
        Op::CreateIndex {
            table: "Post".into(),
            index: index("Post_authorId_title_idx", IndexKind::Normal, &["authorId", "title"]),
        },
        Op::CreateIndex {
            table: "Post".into(),
            index: sorted(
                index("Post_rank_title_idx", IndexKind::Normal, &["rank", "title"]),
                &[Some(SortOrder::Desc), Some(SortOrder::Asc)],
            ),
        },
    ];
    let script = render(&ops);
    insta::assert_snapshot!(script);
    apply(&db, &script);
    apply(&db, r#"INSERT INTO "Post" VALUES (1, 1, 'a', 't', NULL)"#);
    assert!(
        db.execute_batch(r#"INSERT INTO "Post" VALUES (2, 1, 'a', 't', NULL)"#)
            .is_err(),
        "unique slug"
    );
    let descending = rows(
        &db,
        r#"SELECT "desc" FROM pragma_index_xinfo('Post_rank_title_idx') WHERE "key" ORDER BY "seqno""#,
    );
    assert_eq!(descending, vec![vec![i(1)], vec![i(0)]]);
}

#[test]
fn drop_index() {
    let mut post = post();
    post.indexes.push(index("Post_slug_key", IndexKind::Unique, &["slug"]));
    let db = database();
    create(&db, &[post.clone()]);
    let script = render(&[Op::DropIndex {
        table: "Post".into(),
        index: post.indexes[0].clone(),
    }]);
    insta::assert_snapshot!(script);
    apply(&db, &script);
    assert_eq!(objects(&db), vec!["table Post"]);
}

#[test]
fn redefine_index_drops_and_creates() {
    let mut post = post();
    post.indexes.push(index("Post_slug_key", IndexKind::Unique, &["slug"]));
    let db = database();
    create(&db, &[post.clone()]);
    let renamed = index("Post_slug_unique", IndexKind::Unique, &["slug"]);
    let script = render(&[Op::RedefineIndex {
        table: "Post".into(),
        from: post.indexes[0].clone(),
        to: renamed,
    }]);
    insta::assert_snapshot!(script);
    apply(&db, &script);
    assert_eq!(objects(&db), vec!["index Post_slug_unique", "table Post"]);
}

/// Prisma 6.19.3 accepts `ops:` in an `@@index` (and an `@@id`) on SQLite
/// and leaves it out: the script is the one of the schema without it, as
/// Prisma's `migrate diff --from-empty --script` writes it.
#[test]
fn operator_classes_are_left_out() {
    let models = "model A {\n  id Int @id\n  a  String\n  b  Int\n\n  @@index([a(ops: JsonbPathOps)])\n  @@index([a(ops: raw(\"gin_trgm_ops\")), b(sort: Desc)], map: \"custom\")\n  @@index([b(ops: TextOps)], type: BTree)\n}\n\nmodel B {\n  a Int\n  b Int\n\n  @@id([a(ops: Int4MinMaxOps), b])\n}\n";
    let with_ops = schema(models);
    let script = create_script(&with_ops);
    let without = models
        .replace("(ops: JsonbPathOps)", "")
        .replace("(ops: raw(\"gin_trgm_ops\"))", "")
        .replace("(ops: TextOps)", "")
        .replace("(ops: Int4MinMaxOps)", "");
    assert_eq!(script, create_script(&schema(&without)));
    insta::assert_snapshot!(script);
    apply(&database(), &script);
    assert!(plan(&with_ops, &schema(&without)).is_empty());
}
