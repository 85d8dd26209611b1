//! Creating things from nothing: tables (with and without primary keys,
//! escaped names), indexes with every method, operator classes and sort
//! orders, foreign keys with every action, enums. Every script runs on a
//! real database.

#[path = "common/dialect_builders.rs"]
mod builders;
#[path = "common/pg.rs"]
mod pg;

use builders::*;
use migrate_core::diff::Op;
use migrate_core::schema::{ForeignKey, ReferentialAction};
use pg::{test_database, TestDatabase};

async fn run(script: &str) {
    test_database!().apply(script).await;
}

#[tokio::test]
async fn tables_with_and_without_primary_keys() {
    let script = create_script(&schema(
        r#"
model Plain {
  id   Int    @id @default(autoincrement())
  name String
}

model Pair {
  left  String
  right String
  note  String?

  @@id([left, right], map: "pair_key")
}

model NoKey {
  a Int
  b Int

  @@unique([a, b])
}
"#,
    ));
    insta::assert_snapshot!(script);
    run(&script).await;
}

/// Quotes in table, column, enum, index and constraint names, and in
/// string defaults, are doubled.
#[tokio::test]
async fn names_and_strings_are_escaped() {
    let script = create_script(&schema(
        r#"
enum Mood {
  GLAD  @map("it's \"fine\"")
  SAD

  @@map("mo\"od")
}

model Parent {
  id   Int    @id @map("i\"d")
  kids Kid[]

  @@map("pa\"rent")
}

model Kid {
  id       Int    @id
  parentId Int    @map("parent's")
  mood     Mood   @default(GLAD)
  quote    String @default("it's \\ \"quoted\"")
  parent   Parent @relation(fields: [parentId], references: [id], map: "k\"fk")

  @@index([parentId], map: "k\"idx")
  @@map("ki'd")
}
"#,
    ));
    insta::assert_snapshot!(script);
    run(&script).await;
}

#[tokio::test]
async fn indexes_with_methods_operator_classes_and_sort_orders() {
    let script = create_script(&schema(
        r#"
model Doc {
  id      Int      @id
  title   String
  tags    String[]
  meta    Json
  addr    String   @db.Inet
  at      DateTime @db.Timestamp(6)
  score   Int
  body    String

  @@unique([title(sort: Desc), score])
  @@index([title(ops: raw("text_pattern_ops"), sort: Desc)])
  @@index([score(sort: Asc)], type: BTree)
  @@index([title], type: Hash, map: "Doc_title_hash")
  @@index([tags(ops: ArrayOps)], type: Gin)
  @@index([meta(ops: JsonbPathOps)], type: Gin)
  @@index([addr(ops: InetOps)], type: Gist)
  @@index([body], type: SpGist)
  @@index([at(ops: TimestampMinMaxMultiOps)], type: Brin)
}
"#,
    ));
    insta::assert_snapshot!(script);
    run(&script).await;
}

#[tokio::test]
async fn foreign_keys_with_every_action() {
    let mut models = String::from("model Target {\n  id Int @id\n  a Int @unique\n");
    let mut sources = String::new();
    for (i, on_delete) in ReferentialAction::ALL.iter().enumerate() {
        let on_update = ReferentialAction::ALL[(i + 1) % ReferentialAction::ALL.len()];
        let (delete, update) = (on_delete.name(), on_update.name());
        models.push_str(&format!("  s{i} Source{i}[]\n"));
        sources.push_str(&format!(
            "model Source{i} {{\n  id Int @id\n  targetId Int? @default(0)\n  target Target? @relation(fields: [targetId], references: [a], onDelete: {delete}, onUpdate: {update})\n}}\n"
        ));
    }
    models.push_str("}\n");
    let script = create_script(&schema(&format!("{models}{sources}")));
    insta::assert_snapshot!(script);
    run(&script).await;
}

#[tokio::test]
async fn composite_and_self_referencing_foreign_keys() {
    let script = create_script(&schema(
        r#"
model Node {
  tenant   Int
  id       Int
  parentId Int?
  parent   Node?  @relation("tree", fields: [tenant, parentId], references: [tenant, id], onDelete: NoAction)
  children Node[] @relation("tree")

  @@id([tenant, id])
}
"#,
    ));
    insta::assert_snapshot!(script);
    run(&script).await;
}

/// Foreign keys the plan leaves inside `CREATE TABLE` (the differ never
/// does on PostgreSQL) are written as table constraints.
#[tokio::test]
async fn foreign_keys_inside_create_table() {
    let parent = table("Parent", vec![int("id")], &["id"]);
    let mut child = table("Child", vec![int("id"), int("parentId")], &["id"]);
    child.foreign_keys.push(ForeignKey {
        referenced_namespace: Default::default(),
        name: "Child_parentId_fkey".into(),
        columns: vec!["parentId".into()],
        referenced_table: "Parent".into(),
        referenced_columns: vec!["id".into()],
        on_delete: ReferentialAction::Cascade,
        on_update: ReferentialAction::NoAction,
    });
    let script = render(&[Op::CreateTable(parent), Op::CreateTable(child)]);
    insta::assert_snapshot!(script);
    run(&script).await;
}

#[tokio::test]
async fn enums_are_created_before_the_tables_using_them() {
    let script = create_script(&schema(
        r#"
enum Empty {
  ONLY
}

enum Status {
  DRAFT
  PUBLISHED @map("published")
}

model Post {
  id       Int      @id
  status   Status   @default(DRAFT)
  history  Status[] @default([DRAFT, PUBLISHED])
  optional Empty?
}
"#,
    ));
    insta::assert_snapshot!(script);
    run(&script).await;
}

#[tokio::test]
async fn long_generated_names_are_truncated_to_63_bytes() {
    let long = "VeryLongModelNameThatGoesOnAndOnForeverAndEver";
    let script = create_script(&schema(&format!(
        "model {long} {{\n  id Int @id\n  anotherRatherLongColumnName Int @unique\n  second Int\n  @@index([anotherRatherLongColumnName, second])\n}}\n"
    )));
    insta::assert_snapshot!(script);
    let mut db = test_database!();
    db.apply(&script).await;
    let names = db
        .texts("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1")
        .await;
    assert!(
        names
            .iter()
            .all(|n| n.len() <= 63 && script.contains(&format!("\"{n}\""))),
        "{names:?}"
    );
}
