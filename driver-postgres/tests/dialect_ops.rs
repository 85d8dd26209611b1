//! Steps built by hand, for what the differ does not produce from schema
//! files: changes to `Unsupported` types, a column whose Prisma type
//! changes but not its SQL type, unnamed primary keys, and the steps
//! PostgreSQL refuses (each with the reason it gives).

#[path = "common/dialect_builders.rs"]
mod builders;
#[path = "common/pg.rs"]
mod pg;

use builders::*;
use migrate_core::diff::{Op, TableChange, TableRedefinition};
use migrate_core::driver::FieldTypeRef;
use migrate_core::schema::{
    ForeignKey, Index, IndexColumn, IndexKind, PrimaryKey, ReferentialAction, ScalarType, TypeFamily,
};
use pg::{test_database, TestDatabase};

fn alter(table: &str, changes: Vec<TableChange>) -> Op {
    Op::AlterTable {
        table: table.into(),
        changes,
    }
}

/// Changes to and from `Unsupported` types are written as `SET DATA TYPE`
/// without `USING`, as Prisma writes them: PostgreSQL makes the casts it
/// has in assignment (anything to text), and refuses the others, with a
/// hint to edit the migration.
#[tokio::test]
async fn unsupported_types_change_in_place() {
    let from = typed("doc", FieldTypeRef::Unsupported("tsvector")).nullable();
    let to = text("doc").nullable();
    let back = typed("doc", FieldTypeRef::Unsupported("tsvector")).nullable();
    let create = render(&[Op::CreateTable(table("T", vec![int("id"), from.clone()], &["id"]))]);
    let forth = render(&[alter("T", vec![TableChange::AlterColumn { from, to: to.clone() }])]);
    let again = render(&[alter("T", vec![TableChange::AlterColumn { from: to, to: back }])]);
    let mut db = test_database!();
    db.apply(&create).await;
    db.apply(r#"INSERT INTO "T" VALUES (1, 'a b');"#).await;
    db.apply(&forth).await;
    assert_eq!(db.text(r#"SELECT "doc" FROM "T""#).await, "'a' 'b'");
    let error = db.apply_err(&again).await;
    assert!(
        error.contains(r#"You might need to specify "USING doc::tsvector""#),
        "{error}"
    );
    insta::assert_snapshot!(format!("{forth}\n{again}"));
}

/// `Int @db.Integer` and `Int` are the same column: nothing to write.
#[test]
fn a_change_of_prisma_type_alone_writes_nothing() {
    let from = int("n");
    let mut to = int("n");
    to.ty.family = TypeFamily::Scalar(ScalarType::BigInt);
    let script = render(&[alter("T", vec![TableChange::AlterColumn { from, to }])]);
    assert_eq!(script, "-- This is an empty migration.");
}

/// A primary key without a name is PostgreSQL's `<table>_pkey`.
#[tokio::test]
async fn unnamed_primary_keys() {
    let mut t = table("T", vec![int("a"), int("b")], &["a"]);
    t.primary_key.as_mut().expect("pk").name = None;
    let pk = |columns: &[&str]| PrimaryKey {
        name: None,
        columns: columns.iter().map(|c| IndexColumn::named(*c)).collect(),
    };
    let create = render(&[Op::CreateTable(t)]);
    let change = render(&[alter(
        "T",
        vec![
            TableChange::AddPrimaryKey(pk(&["a", "b"])),
            TableChange::DropPrimaryKey(pk(&["a"])),
        ],
    )]);
    let mut db = test_database!();
    db.apply(&create).await;
    db.apply(&change).await;
    insta::assert_snapshot!(format!("{create}\n{change}"));
}

/// Every step is refused with a reason rather than written wrong.
#[test]
fn refused_steps() {
    let index = |kind, length| Index {
        name: "T_a_idx".into(),
        kind,
        columns: vec![IndexColumn {
            length,
            ..IndexColumn::named("a")
        }],
        algorithm: None,
        constraint: false,
    };
    let unnamed_fk = ForeignKey {
        referenced_namespace: Default::default(),
        name: String::new(),
        columns: vec!["a".into()],
        referenced_table: "U".into(),
        referenced_columns: vec!["id".into()],
        on_delete: ReferentialAction::Cascade,
        on_update: ReferentialAction::Cascade,
    };
    let t = table("T", vec![int("a")], &[]);
    let steps = [
        Op::RedefineTables(vec![TableRedefinition {
            from: t.clone(),
            to: t.clone(),
        }]),
        Op::RedefineIndex {
            table: "T".into(),
            from: index(IndexKind::Normal, None),
            to: index(IndexKind::Normal, None),
        },
        Op::CreateIndex {
            table: "T".into(),
            index: index(IndexKind::Fulltext, None),
        },
        Op::CreateIndex {
            table: "T".into(),
            index: index(IndexKind::Normal, Some(10)),
        },
        Op::CreateTable(table("T", vec![text("a").auto_increment()], &["a"])),
        alter(
            "T",
            vec![TableChange::AlterColumn {
                from: text("a"),
                to: text("a").auto_increment(),
            }],
        ),
        Op::DropForeignKey {
            table: "T".into(),
            foreign_key: unnamed_fk,
        },
    ];
    let errors: Vec<String> = steps
        .iter()
        .map(|op| render_err(std::slice::from_ref(op)).to_string())
        .collect();
    insta::assert_snapshot!(errors.join("\n"));
}
