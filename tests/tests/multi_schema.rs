//! Several database schemas (Prisma's multiSchema) on a real PostgreSQL:
//! tables and enums of the same name in two schemas, foreign keys and enum
//! columns across schemas, moving a table to another schema, and a reset
//! that empties every listed schema. The SQL of `lower` is Prisma
//! 6.19.3's (tests/fixtures/corpus/pg_clinic_multischema, checked in
//! corpus.rs); here the database answers.

use migrate_core::diff::{diff, Op};
use migrate_core::driver::Driver;
use migrate_core::psl::diagnostics::SourceFiles;
use migrate_core::psl::lower::lower;
use migrate_core::psl::parse_and_validate;
use migrate_core::psl::to_psl::pull_text;
use migrate_core::schema::{Schema, TableName};
use migrate_tests::harness::{DbKind, TestDb};

const DATASOURCE: &str = "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"MIGRATE_MULTI_SCHEMA_UNSET\")\n  schemas  = [\"base\", \"shop\", \"public\"]\n}\n";

/// `Thing` and `Role` exist in two schemas (each `Thing` with the default
/// key name `Thing_pkey`: constraint names are per schema, as in Prisma
/// 6.19.3); `Order` (shop) references
/// `User` (base) and uses base's `Role`; `Note` is in the session's schema.
const MODELS: &str = r#"
enum base_Role {
  USER
  ADMIN
  @@map("Role")
  @@schema("base")
}

enum shop_Role {
  CLERK
  @@map("Role")
  @@schema("shop")
}

model User {
  id     Int     @id @default(autoincrement())
  email  String  @unique
  role   base_Role @default(USER)
  orders Order[]
  @@schema("base")
}

model Order {
  id     Int        @id @default(autoincrement())
  userId Int
  user   User       @relation(fields: [userId], references: [id])
  role   base_Role?
  clerk  shop_Role?
  @@index([userId])
  @@schema("shop")
}

model base_Thing {
  id     Int          @id
  things shop_Thing[]
  @@map("Thing")
  @@schema("base")
}

model shop_Thing {
  id     Int         @id
  baseId Int?
  base   base_Thing? @relation(fields: [baseId], references: [id])
  @@map("Thing")
  @@unique([baseId], map: "shop_Thing_baseId_key")
  @@schema("shop")
}

model Note {
  id   Int   @id
  tags Tag[]
  @@schema("public")
}

model Tag {
  id    Int    @id
  notes Note[]
  @@schema("shop")
}
"#;

fn namespaces() -> Vec<String> {
    ["base", "shop", "public"].map(String::from).to_vec()
}

fn lowered(models: &str, driver: &dyn Driver) -> Schema {
    let text = format!("{DATASOURCE}{models}");
    let valid = parse_and_validate(SourceFiles::single("schema.prisma", text)).unwrap_or_else(|e| panic!("{e}"));
    lower(&valid.datamodel, driver.dialect())
}

async fn apply(driver: &mut dyn Driver, from: &Schema, to: &Schema) -> Vec<Op> {
    let ops = diff(from, to, driver.dialect());
    let script = driver.dialect().render(&ops).unwrap();
    driver
        .apply_script(&script)
        .await
        .unwrap_or_else(|e| panic!("{e}\n{script}"));
    ops
}

/// A database `MODELS` was migrated into, a session on it that reads the
/// three schemas, the lowered `MODELS` and the steps that made it; `None`
/// when PostgreSQL is not among the test databases.
async fn migrated_models() -> Option<(TestDb, Box<dyn Driver>, Schema, Vec<Op>)> {
    let db = TestDb::if_selected(DbKind::Postgres)?;
    let mut driver = db.driver_in(&namespaces()).await;
    let target = lowered(MODELS, driver.as_ref());
    let ops = apply(driver.as_mut(), &Schema::default(), &target).await;
    Some((db, driver, target, ops))
}

#[tokio::test]
async fn several_schemas_round_trip_without_drift() {
    let Some((_db, mut driver, target, ops)) = migrated_models().await else {
        return;
    };
    let created: Vec<&str> = ops
        .iter()
        .filter_map(|op| match op {
            Op::CreateSchema(name) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(created, ["base", "public", "shop"]);

    let live = driver.introspect().await.unwrap();
    assert_eq!(live.namespaces, ["base", "public", "shop"]);
    let things: Vec<TableName> = live
        .tables
        .iter()
        .filter(|t| t.name == "Thing")
        .map(|t| t.qualified_name())
        .collect();
    assert_eq!(things.len(), 2, "{things:?}");
    let order = live.table_named(&TableName {
        namespace: Some("shop".into()),
        name: "Order".into(),
    });
    let fk = &order.expect("shop.Order").foreign_keys[0];
    assert_eq!(
        fk.referenced(),
        TableName {
            namespace: Some("base".into()),
            name: "User".into(),
        }
    );
    // The session's schema (`public`) is the unqualified one, on both sides.
    assert!(live.table("Note").is_some());
    assert_eq!(diff(&live, &target, driver.dialect()), []);

    // `db pull`, fresh and over the schema file, describes the same
    // database: the join table of Note (public) and Tag (shop) stays an
    // implicit many-to-many relation.
    let bare = DATASOURCE.to_string();
    for existing in [bare, format!("{DATASOURCE}{MODELS}")] {
        let files = parse_and_validate(SourceFiles::single("schema.prisma", existing))
            .unwrap()
            .files;
        let pulled = pull_text(&live, driver.dialect(), Some(&files));
        assert!(!pulled.contains("@@map(\"_NoteToTag\")"), "{pulled}");
        let again = parse_and_validate(SourceFiles::single("schema.prisma", pulled.clone()))
            .unwrap_or_else(|e| panic!("{e}\n{pulled}"));
        let drift = diff(&live, &lower(&again.datamodel, driver.dialect()), driver.dialect());
        assert_eq!(drift, [], "{pulled}");
    }
}

#[tokio::test]
async fn a_table_moved_to_another_schema_is_dropped_and_created_there() {
    let Some((_db, mut driver, _, _)) = migrated_models().await else {
        return;
    };
    let moved = MODELS.replace(
        "  @@index([userId])\n  @@schema(\"shop\")",
        "  @@index([userId])\n  @@schema(\"base\")",
    );
    let after = lowered(&moved, driver.as_ref());
    let live = driver.introspect().await.unwrap();
    let ops = apply(driver.as_mut(), &live, &after).await;
    let moves = |ops: &[Op], from: Option<&str>, to: Option<&str>, name: &str| {
        let dropped = ops
            .iter()
            .any(|op| matches!(op, Op::DropTable(t) if t.namespace.as_deref() == from && t.name == name));
        let created = ops
            .iter()
            .any(|op| matches!(op, Op::CreateTable(t) if t.namespace.as_deref() == to && t.name == name));
        dropped && created
    };
    assert!(moves(&ops, Some("shop"), Some("base"), "Order"), "{ops:#?}");
    // A table another one keeps a key to: the key is dropped before the
    // table goes (else PostgreSQL refuses the drop), and added to the new one.
    let before = after;
    let after = lowered(
        &moved.replace(
            "  orders Order[]\n  @@schema(\"base\")",
            "  orders Order[]\n  @@schema(\"public\")",
        ),
        driver.as_ref(),
    );
    let live = driver.introspect().await.unwrap();
    assert_eq!(diff(&live, &before, driver.dialect()), []);
    let ops = apply(driver.as_mut(), &live, &after).await;
    assert!(moves(&ops, Some("base"), None, "User"), "{ops:#?}");
    assert!(
        ops.iter()
            .any(|op| matches!(op, Op::DropForeignKey { table, .. } if table.name == "Order")),
        "{ops:#?}"
    );
    let live = driver.introspect().await.unwrap();
    assert_eq!(diff(&live, &after, driver.dialect()), []);
}

#[tokio::test]
async fn reset_empties_every_listed_schema() {
    let Some((_db, mut driver, target, _)) = migrated_models().await else {
        return;
    };
    driver.reset().await.unwrap();
    let live = driver.introspect().await.unwrap();
    assert!(live.tables.is_empty() && live.enums.is_empty(), "{live:#?}");
    // A migration creates the schemas again.
    apply(driver.as_mut(), &live, &target).await;
    let again = driver.introspect().await.unwrap();
    assert_eq!(diff(&again, &target, driver.dialect()), []);
}

#[test]
fn schemas_are_postgresql_only_and_every_block_names_one() {
    let refused = |text: &str, message: &str| {
        let error = parse_and_validate(SourceFiles::single("schema.prisma", text))
            .err()
            .unwrap_or_else(|| panic!("accepted:\n{text}"))
            .to_string();
        assert!(error.contains(message), "{error}");
    };
    refused(
        "datasource db {\n  provider = \"sqlite\"\n  url = \"file:x.db\"\n  schemas = [\"a\"]\n}\nmodel A {\n  id Int @id\n}\n",
        "The `schemas` property is not supported on the current connector.",
    );
    refused(
        &format!("{DATASOURCE}model A {{\n  id Int @id\n}}\n"),
        "This model is missing an `@@schema` attribute.",
    );
    refused(
        &format!("{DATASOURCE}enum E {{\n  X\n}}\n"),
        "This enum is missing an `@@schema` attribute.",
    );
    refused(
        &format!("{DATASOURCE}model A {{\n  id Int @id\n  @@schema(\"nope\")\n}}\n"),
        "This schema is not defined in the datasource.",
    );
    refused(
        "datasource db {\n  provider = \"postgresql\"\n  url = env(\"X\")\n  schemas = []\n}\n",
        "If provided, the schemas array can not be empty.",
    );
    refused(
        "datasource db {\n  provider = \"postgresql\"\n  url = env(\"X\")\n  schemas = [\"a\", \"a\"]\n}\n",
        "Duplicated schema names are not allowed",
    );
    // Constraint names are per database schema: the same index name in two
    // schemas is no clash (a clash inside one schema still is).
    let index_in = |model: &str, schema: &str| {
        format!(
            "model {model} {{\n  id Int @id\n  x  Int\n  @@index([x], map: \"by_x\")\n  @@schema(\"{schema}\")\n}}\n"
        )
    };
    let two_schemas = format!("{DATASOURCE}{}{}", index_in("A", "base"), index_in("B", "shop"));
    parse_and_validate(SourceFiles::single("schema.prisma", two_schemas)).unwrap_or_else(|e| panic!("{e}"));
    refused(
        &format!("{DATASOURCE}{}{}", index_in("A", "base"), index_in("B", "base")),
        "The index name `by_x` is already used",
    );
}

/// Removing a value recreates the enum type; the columns converted are
/// those of that schema's type, not of the same-named type of another
/// schema (`shop.Role` stays as it is, with its column).
#[tokio::test]
async fn a_recreated_enum_converts_only_its_own_columns() {
    let Some((_db, mut driver, _, _)) = migrated_models().await else {
        return;
    };
    let removed = MODELS.replacen("  USER\n  ADMIN\n", "  USER\n", 1);
    let after = lowered(&removed, driver.as_ref());
    let live = driver.introspect().await.unwrap();
    let ops = apply(driver.as_mut(), &live, &after).await;
    let mut converted: Vec<String> = ops
        .iter()
        .flat_map(|op| match op {
            Op::AlterEnum { usages, .. } => usages.iter().map(|u| format!("{}.{}", u.table, u.column)).collect(),
            _ => Vec::new(),
        })
        .collect();
    converted.sort();
    assert_eq!(converted, ["base.User.role", "shop.Order.role"]);
    let live = driver.introspect().await.unwrap();
    assert_eq!(diff(&live, &after, driver.dialect()), []);
}

/// Auto-increment added to, then taken from, a column of a table outside
/// the session's schema: the sequence is created, owned and dropped in the
/// table's schema (PostgreSQL refuses to link a sequence of another
/// schema; Prisma 6.19.3 drops it unqualified, which fails there).
#[tokio::test]
async fn a_sequence_lives_in_its_tables_schema() {
    let Some(db) = TestDb::if_selected(DbKind::Postgres) else {
        return;
    };
    let mut driver = db.driver_in(&namespaces()).await;
    let plain = "model Counter {\n  id Int @id\n  n  Int\n  @@schema(\"shop\")\n}\n";
    let counted = plain.replace("  n  Int\n", "  n  Int @default(autoincrement())\n");
    let mut live = Schema::default();
    for models in [plain, counted.as_str(), plain] {
        let target = lowered(models, driver.as_ref());
        apply(driver.as_mut(), &live, &target).await;
        live = driver.introspect().await.unwrap();
        assert_eq!(diff(&live, &target, driver.dialect()), [], "{models}");
    }
}
