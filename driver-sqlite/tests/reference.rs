//! The init migration Prisma 6.19.3 wrote for `reference/init.schema.prisma`
//! on SQLite, reproduced byte for byte from a hand-built schema.

mod common;

use common::*;
use migrate_core::diff::Op;
use migrate_core::schema::{DefaultValue, IndexKind, Literal, ScalarType, Table};

const PRISMA: &str = include_str!("../../../shared/reference/prisma-6.19-init.sqlite.sql");

fn user() -> Table {
    let mut user = table(
        "User",
        vec![
            int("id").auto_increment(),
            text("email"),
            text("name").nullable(),
            enum_column("role", "Role", &["USER", "ADMIN"])
                .default(DefaultValue::Literal(Literal::EnumValue("USER".into()))),
            column("createdAt", ScalarType::DateTime).default(DefaultValue::Now),
            column("updatedAt", ScalarType::DateTime),
        ],
        &["id"],
    );
    user.indexes
        .push(index("User_email_key", IndexKind::Unique, &["email"]));
    user
}

fn post() -> Table {
    let mut post = table(
        "Post",
        vec![
            int("id").auto_increment(),
            text("title"),
            text("content").nullable(),
            column("published", ScalarType::Boolean).default(DefaultValue::Literal(Literal::Boolean(false))),
            int("authorId"),
            column("createdAt", ScalarType::DateTime).default(DefaultValue::Now),
            column("updatedAt", ScalarType::DateTime),
        ],
        &["id"],
    );
    post.foreign_keys.push(post_author_key());
    post.indexes.push(index(
        "Post_authorId_createdAt_idx",
        IndexKind::Normal,
        &["authorId", "createdAt"],
    ));
    post
}

#[test]
fn init_migration_matches_prisma_byte_for_byte() {
    let (user, post) = (user(), post());
    let ops = vec![
        Op::CreateTable(user.clone()),
        Op::CreateTable(post.clone()),
        Op::CreateIndex {
            table: "User".into(),
            index: user.indexes[0].clone(),
        },
        Op::CreateIndex {
            table: "Post".into(),
            index: post.indexes[0].clone(),
        },
    ];
    let script = render(&ops);
    assert_eq!(script, PRISMA);

    let db = database();
    apply(&db, &script);
    apply(&db, r#"INSERT INTO "User" ("email", "updatedAt") VALUES ('a@b.c', 0)"#);
    apply(
        &db,
        r#"INSERT INTO "Post" ("title", "authorId", "updatedAt") VALUES ('t', 1, 0)"#,
    );
    assert_eq!(
        rows(&db, r#"SELECT "role", "published" FROM "User", "Post""#),
        vec![vec![t("USER"), i(0)]]
    );
}
