//! Ops and plans a schema-file step cannot show on its own: names and
//! strings escaped, long generated names cut to 64 bytes, the implicit
//! many-to-many table's keys, the index MySQL makes for a foreign key, the
//! empty migration, and the steps MySQL refuses.

#[path = "common/dialect_builders.rs"]
mod builders;

use builders::*;
use migrate_core::diff::{Op, TableChange, TableRedefinition};
use migrate_core::schema::{
    Enum, Extension, ForeignKey, Index, IndexAlgorithm, IndexColumn, IndexKind, ReferentialAction, Schema,
};

#[test]
fn names_and_strings_are_escaped() {
    let script = create_script(&schema_file("escaped_names.prisma"));
    insta::assert_snapshot!(script);
}

#[test]
fn long_generated_names_are_truncated_to_64_bytes() {
    let long = "A".repeat(62);
    let target = schema(&format!(
        "model {long} {{\n  id Int @id\n  someLongColumnName Int @unique\n  otherId Int\n  other Other @relation(fields: [otherId], references: [id])\n\n  @@index([otherId, someLongColumnName])\n}}\n\nmodel Other {{\n  id Int @id\n  many {long}[]\n}}\n"
    ));
    let table = target.table(&long).unwrap();
    assert!(table.indexes.iter().all(|i| i.name.len() == 64));
    assert_eq!(table.foreign_keys[0].name.len(), 64);
    insta::assert_snapshot!(create_script(&target));
}

/// Prisma 6 gives implicit many-to-many tables a primary key only on
/// PostgreSQL; on MySQL they keep `_AB_unique` and `_B_index`.
#[test]
fn implicit_many_to_many_table() {
    let target = schema(
        "model Post {\n  id Int @id\n  tags Tag[]\n}\n\nmodel Tag {\n  id String @id @db.VarChar(40)\n  posts Post[]\n}\n",
    );
    let join = target.table("_PostToTag").unwrap();
    assert!(join.primary_key.is_none());
    insta::assert_snapshot!(create_script(&target));
}

/// MySQL gives a foreign key without an index one named after the
/// constraint; introspection sees it (and `db pull` writes it as
/// `@@index([...], map: "<fk name>")`). A target schema without that index
/// must not plan dropping it while the key stays; once the key goes, the
/// index goes too.
#[test]
fn the_index_mysql_makes_for_a_foreign_key_is_kept_with_the_key() {
    let models = |back: &str, relation: &str| {
        format!("model User {{\n  id Int @id\n  {back}\n}}\n\nmodel Post {{\n  id Int @id\n  authorId Int\n  {relation}\n}}\n")
    };
    let target = schema(&models(
        "posts Post[]",
        "author User @relation(fields: [authorId], references: [id])",
    ));
    let mut live = target.clone();
    let post = live.tables.iter_mut().find(|t| t.name == "Post").unwrap();
    post.indexes.push(Index {
        name: "Post_authorId_fkey".into(),
        kind: IndexKind::Normal,
        columns: vec![IndexColumn::named("authorId")],
        algorithm: None,
        constraint: false,
    });
    assert_eq!(plan(&live, &target), []);
    let without_relation = schema(&models("", ""));
    let mut live_after = without_relation.clone();
    live_after.tables[1].indexes = live.tables[1].indexes.clone();
    live_after.tables[1].foreign_keys = live.tables[1].foreign_keys.clone();
    insta::assert_snapshot!(script(&live_after, &without_relation));
}

#[test]
fn an_empty_plan_is_an_empty_migration() {
    let s = schema("model A {\n  id Int @id\n}\n");
    assert_eq!(script(&s, &s), "-- This is an empty migration.");
}

#[test]
fn hand_built_steps() {
    let users = table("User", vec![int("id").auto_increment(), text("email")], &["id"]);
    let fk = ForeignKey {
        referenced_namespace: Default::default(),
        name: String::new(),
        columns: vec!["ownerId".into()],
        referenced_table: "User".into(),
        referenced_columns: vec!["id".into()],
        on_delete: ReferentialAction::SetNull,
        on_update: ReferentialAction::NoAction,
    };
    let mut pets = table("Pet", vec![int("id"), int("ownerId").nullable()], &["id"]);
    pets.foreign_keys.push(fk);
    let ops = vec![
        Op::CreateTable(users),
        Op::CreateTable(pets),
        Op::AlterTable {
            table: "User".into(),
            changes: vec![TableChange::AlterColumn {
                from: text("email"),
                to: text("email").default(string("none")),
            }],
        },
        Op::CreateIndex {
            table: "User".into(),
            index: Index {
                name: "User_email_idx".into(),
                kind: IndexKind::Fulltext,
                columns: vec![IndexColumn::named("email")],
                algorithm: None,
                constraint: false,
            },
        },
    ];
    insta::assert_snapshot!(render(&ops));
}

#[test]
fn refused_steps() {
    let e = Enum {
        namespace: Default::default(),
        name: "Mood".into(),
        values: vec!["A".into()],
    };
    let t = table("T", vec![int("id")], &["id"]);
    let index = Index {
        name: "T_id_idx".into(),
        kind: IndexKind::Normal,
        columns: vec![IndexColumn::named("id")],
        algorithm: Some(IndexAlgorithm::Hash),
        constraint: false,
    };
    let mut list = int("ids");
    list.ty.list = true;
    let unnamed = ForeignKey {
        referenced_namespace: Default::default(),
        name: String::new(),
        columns: vec!["id".into()],
        referenced_table: "T".into(),
        referenced_columns: vec!["id".into()],
        on_delete: ReferentialAction::Cascade,
        on_update: ReferentialAction::Cascade,
    };
    let ops = [
        Op::CreateExtension(Extension {
            name: "citext".into(),
            schema: None,
            version: None,
        }),
        Op::CreateEnum(e.clone()),
        Op::AlterEnum {
            from: e.clone(),
            to: e.clone(),
            usages: Vec::new(),
        },
        Op::DropEnum(e),
        Op::RedefineTables(vec![TableRedefinition {
            from: t.clone(),
            to: t.clone(),
        }]),
        Op::RedefineIndex {
            table: "T".into(),
            from: index.clone(),
            to: index.clone(),
        },
        Op::CreateIndex {
            table: "T".into(),
            index,
        },
        Op::CreateTable(table("L", vec![list], &[])),
        Op::DropForeignKey {
            table: "T".into(),
            foreign_key: unnamed,
        },
    ];
    let errors: Vec<String> = ops
        .iter()
        .map(|op| render_err(std::slice::from_ref(op)).to_string())
        .collect();
    insta::assert_snapshot!(errors.join("\n"));
}

#[test]
fn nothing_is_planned_for_an_unchanged_enum_and_a_changed_one_modifies_its_columns() {
    let before = schema("enum E {\n  A\n  B\n}\n\nmodel M {\n  id Int @id\n  e E @default(A)\n  f E?\n}\n");
    let after = schema("enum E {\n  A\n  C\n}\n\nmodel M {\n  id Int @id\n  e E @default(A)\n  f E?\n}\n");
    assert_eq!(before.enums, Vec::<Enum>::new());
    assert_eq!(plan(&before, &before.clone()), []);
    insta::assert_snapshot!(script(&before, &after));
    let _ = Schema::default();
}

/// Prisma 6.19.3 accepts `ops:` in an `@@index` (and an `@@id`) on MySQL
/// and leaves it out: the script is the one of the schema without it.
#[test]
fn operator_classes_are_left_out() {
    let models = "model A {\n  id Int         @id\n  a  String      @db.VarChar(100)\n  b  Int\n\n  @@index([a(ops: JsonbPathOps)])\n  @@index([a(ops: raw(\"gin_trgm_ops\")), b(sort: Desc)], map: \"custom\")\n  @@index([b(ops: TextOps)], type: BTree)\n}\n\nmodel B {\n  a Int\n  b Int\n\n  @@id([a(ops: Int4MinMaxOps), b])\n}\n";
    let with_ops = schema(models);
    let without = models
        .replace("(ops: JsonbPathOps)", "")
        .replace("(ops: raw(\"gin_trgm_ops\"))", "")
        .replace("(ops: TextOps)", "")
        .replace("(ops: Int4MinMaxOps)", "");
    assert_eq!(create_script(&with_ops), create_script(&schema(&without)));
    assert!(plan(&with_ops, &schema(&without)).is_empty());
}
