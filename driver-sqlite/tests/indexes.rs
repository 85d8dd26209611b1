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
