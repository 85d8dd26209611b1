//! Changing what exists: columns added, dropped and altered (nullability,
//! defaults, types in place or by recreating the column, auto-increment and
//! its sequence), primary keys, foreign keys, indexes, tables and enums.
//! Each plan comes from the differ between two schemas and runs on a real
//! database holding rows of the first.

#[path = "common/dialect_builders.rs"]
mod builders;
#[path = "common/pg.rs"]
mod pg;

use builders::*;
use pg::{test_database, TestDatabase};

/// Creates `before` on a fresh database, inserts `seed`, then renders and
/// runs the plan from `before` to `after`. Returns that script.
async fn migrate(db: &mut TestDatabase, before: &str, after: &str, seed: &str) -> String {
    let (before, after) = (schema(before), schema(after));
    db.apply(&create_script(&before)).await;
    db.apply(seed).await;
    let change = script(&before, &after);
    db.apply(&change).await;
    change
}

#[tokio::test]
async fn columns_are_added_and_dropped() {
    let mut db = test_database!();
    let change = migrate(
        &mut db,
        "model T {\n  id Int @id\n  old String\n  keep String?\n}\n",
        r#"
enum Mood {
  OK
  MEH
}

model T {
  id       Int      @id
  keep     String?
  added    String?
  required Int      @default(0)
  tags     String[] @default(["a"])
  created  DateTime @default(now())
  mood     Mood     @default(OK)
  serial   Int      @default(autoincrement())
}
"#,
        r#"INSERT INTO "T" ("id", "old", "keep") VALUES (1, 'x', 'k');"#,
    )
    .await;
    insta::assert_snapshot!(change);
    let row = db
        .text(r#"SELECT concat_ws(' ', "keep", "added", "required", "tags", "mood", "serial") FROM "T""#)
        .await;
    assert_eq!(row, "k 0 {a} OK 1");
}

#[tokio::test]
async fn nullability_and_defaults_change_in_place() {
    let mut db = test_database!();
    let change = migrate(
        &mut db,
        r#"model T {
  id Int    @id
  a  String
  b  String?
  c  Int    @default(1)
  d  Int
  e  String @default("x")
  f  Int[]  @default([1])
}
"#,
        r#"model T {
  id Int     @id
  a  String?
  b  String  @default("it's")
  c  Int     @default(2)
  d  Int     @default(5)
  e  String
  f  Int[]   @default([])
}
"#,
        r#"INSERT INTO "T" ("id", "a", "b", "d") VALUES (1, 'a', 'b', 4);"#,
    )
    .await;
    insta::assert_snapshot!(change);
    db.apply(r#"INSERT INTO "T" ("id", "e") VALUES (2, 'e');"#).await;
    let row = db
        .text(r#"SELECT concat_ws(' ', "a", "b", "c", "d", "e", "f") FROM "T" WHERE "id" = 2"#)
        .await;
    assert_eq!(row, "it's 2 5 e {}");
}

/// Casts PostgreSQL makes without `USING`: the data stays.
#[tokio::test]
async fn types_change_in_place() {
    let mut db = test_database!();
    let change = migrate(
        &mut db,
        r#"model T {
  id Int      @id
  a  Int
  b  Int      @default(0)
  c  String   @db.VarChar(10)
  d  Float
  e  DateTime
  f  Json     @db.Json
  g  String[]
  h  BigInt
  i  DateTime @db.Time(3)
}
"#,
        r#"model T {
  id Int      @id
  a  BigInt
  b  String   @default("0")
  c  String   @db.VarChar(20)
  d  Decimal
  e  DateTime @db.Timestamptz(6)
  f  Json
  g  String
  h  Int
  i  DateTime @db.Time(6)
}
"#,
        r#"INSERT INTO "T" VALUES (1, 7, 8, 'ten chars!', 1.5, '2024-01-02 03:04:05', '{"k": 1}', '{x,y}', 9, '10:11:12.123');"#,
    ).await;
    insta::assert_snapshot!(change);
    let row = db
        .text(r#"SELECT concat_ws(' | ', "a", "b", "c", "d", "e" AT TIME ZONE 'UTC', "f", "g", "h", "i") FROM "T""#)
        .await;
    assert_eq!(
        row,
        r#"7 | 8 | ten chars! | 1.500000000000000000000000000000 | 2024-01-02 03:04:05 | {"k": 1} | {x,y} | 9 | 10:11:12.123"#
    );
}

/// Changes PostgreSQL cannot cast drop the column and add it again, as
/// Prisma does: the values are lost (the data-loss warning says so).
#[tokio::test]
async fn types_that_cannot_be_cast_recreate_the_column() {
    let mut db = test_database!();
    let change = migrate(
        &mut db,
        r#"enum E {
  A
  B
}

model T {
  id Int     @id
  a  String
  b  E
  c  String
  d  Int
  e  Int[]
  f  Boolean
  g  String  @db.Uuid
}
"#,
        r#"enum E {
  A
  B
}

model T {
  id Int     @id
  a  Int?
  b  String?
  c  E       @default(B)
  d  Int[]
  e  Int?
  f  Int     @default(1)
  g  String? @db.VarChar(8)
}
"#,
        r#"INSERT INTO "T" VALUES (1, 'a', 'A', 'A', 4, '{5}', true, '00000000-0000-0000-0000-000000000001');"#,
    )
    .await;
    insta::assert_snapshot!(change);
    // Text and enums convert through text, keeping `b` and `c`; the others
    // have no cast and lose their values.
    let row = db
        .text(r#"SELECT concat_ws(' ', "id", "a", "b", "c", "d", "e", "f", "g") FROM "T""#)
        .await;
    assert_eq!(row, "1 A A 1");
}

#[tokio::test]
async fn primary_keys_are_dropped_and_added() {
    let mut db = test_database!();
    let change = migrate(
        &mut db,
        "model T {\n  id Int @id\n  code String\n  n Int\n}\nmodel U {\n  a Int\n  b Int\n  @@id([a, b])\n}\n",
        "model T {\n  id Int\n  code String\n  n Int\n  @@id([code, n])\n}\nmodel U {\n  a Int\n  b Int\n  @@id([a, b], map: \"u_key\")\n}\n",
        r#"INSERT INTO "T" VALUES (1, 'x', 1), (2, 'x', 2); INSERT INTO "U" VALUES (1, 1);"#,
    ).await;
    insta::assert_snapshot!(change);
    let keys = db.texts(
        "SELECT conname FROM pg_constraint WHERE contype = 'p' AND connamespace = 'public'::regnamespace ORDER BY 1",
    ).await;
    assert_eq!(keys, ["T_pkey", "u_key"]);
}

/// Prisma's best-known migration: an auto-increment id becomes a string.
#[tokio::test]
async fn auto_increment_id_becomes_text() {
    let mut db = test_database!();
    let change = migrate(
        &mut db,
        "model User {\n  id Int @id @default(autoincrement())\n  name String\n}\n",
        "model User {\n  id String @id\n  name String\n}\n",
        r#"INSERT INTO "User" ("name") VALUES ('ada'), ('alan');"#,
    )
    .await;
    insta::assert_snapshot!(change);
    assert_eq!(db.texts(r#"SELECT "id" FROM "User" ORDER BY 1"#).await, ["1", "2"]);
    assert_eq!(db.text("SELECT count(*) FROM pg_class WHERE relkind = 'S'").await, "0");
}

/// Adding auto-increment creates the sequence `SERIAL` would have; removing
/// it drops that sequence, whichever way it was made. Lowercase names are
/// written bare, as Prisma writes them.
#[tokio::test]
async fn auto_increment_is_added_and_removed() {
    let plain =
        "model Counter {\n  id Int @id\n  label String?\n}\nmodel Tally {\n  id BigInt @id\n  @@map(\"tallies\")\n}\n";
    let counting = "model Counter {\n  id Int @id @default(autoincrement())\n  label String?\n}\nmodel Tally {\n  id BigInt @id @default(autoincrement())\n  @@map(\"tallies\")\n}\n";
    let settled = "model Counter {\n  id Int @id @default(0)\n  label String?\n}\nmodel Tally {\n  id BigInt @id\n  @@map(\"tallies\")\n}\n";
    let mut db = test_database!();
    let added = migrate(
        &mut db,
        plain,
        counting,
        r#"INSERT INTO "Counter" VALUES (100, 'old');"#,
    )
    .await;
    db.apply(r#"INSERT INTO "Counter" ("label") VALUES ('new'); INSERT INTO "tallies" DEFAULT VALUES;"#)
        .await;
    assert_eq!(db.texts(r#"SELECT "id" FROM "Counter" ORDER BY 1"#).await, ["1", "100"]);
    let owner = db.text(r#"SELECT pg_get_serial_sequence('"Counter"', 'id')"#).await;
    assert_eq!(owner, r#"public."Counter_id_seq""#);
    let removed = script(&schema(counting), &schema(settled));
    db.apply(&removed).await;
    assert_eq!(db.text("SELECT count(*) FROM pg_class WHERE relkind = 'S'").await, "0");
    // `SET DEFAULT 0, DROP DEFAULT` (Prisma's pair): PostgreSQL drops first.
    let default =
        r#"SELECT column_default FROM information_schema.columns WHERE table_name = 'Counter' AND column_name = 'id'"#;
    assert_eq!(db.text(default).await, "0");
    insta::assert_snapshot!(format!("{added}\n{removed}"));
}

/// Removing auto-increment from a database's column drops the sequence
/// the column draws from, whatever its name: here the one Prisma 6.19.3
/// creates when it adds auto-increment (`group_id_seq` for `"Group"`), and
/// one a table rename left behind (`"Team_id_seq"` for `"Squad"`). A
/// sequence another column draws from too stays (`"Tally_id_seq"`).
#[tokio::test]
async fn removing_auto_increment_drops_the_sequence_the_column_uses() {
    use migrate_core::driver::Driver;
    let mut db = test_database!();
    db.apply(
        r#"CREATE TABLE "Group" ("id" INTEGER NOT NULL, CONSTRAINT "Group_pkey" PRIMARY KEY ("id"));
CREATE SEQUENCE group_id_seq;
ALTER TABLE "Group" ALTER COLUMN "id" SET DEFAULT nextval('group_id_seq');
ALTER SEQUENCE group_id_seq OWNED BY "Group"."id";
CREATE TABLE "Team" ("id" SERIAL NOT NULL, CONSTRAINT "Squad_pkey" PRIMARY KEY ("id"));
ALTER TABLE "Team" RENAME TO "Squad";
CREATE TABLE "Tally" ("id" SERIAL NOT NULL, CONSTRAINT "Tally_pkey" PRIMARY KEY ("id"));
CREATE TABLE "Copy" ("id" INTEGER NOT NULL DEFAULT nextval('"Tally_id_seq"'), CONSTRAINT "Copy_pkey" PRIMARY KEY ("id"));"#,
    )
    .await;
    let mut driver = driver_postgres::PostgresDriver::connect(&db.url, None)
        .await
        .expect("connect");
    let database = driver.introspect().await.expect("introspect");
    let plain = schema("model Group {\n  id Int @id\n}\nmodel Squad {\n  id Int @id\n}\nmodel Tally {\n  id Int @id @default(autoincrement())\n}\nmodel Copy {\n  id Int @id\n}\n");
    let change = script(&database, &plain);
    assert!(change.contains(r#"DROP SEQUENCE "group_id_seq";"#), "{change}");
    assert!(change.contains(r#"DROP SEQUENCE "Team_id_seq";"#), "{change}");
    assert!(!change.contains("Tally_id_seq"), "{change}");
    db.apply(&change).await;
    assert_eq!(
        db.texts("SELECT relname::text FROM pg_class WHERE relkind = 'S'").await,
        ["Tally_id_seq"]
    );
    let after = driver.introspect().await.expect("introspect");
    assert_eq!(plan(&after, &plain), []);
}

/// A primary key that only changes its name is renamed, as Prisma 6.19.3
/// renames it: dropping it would fail, a foreign key depends on it. With
/// other changes to the table, the rename is a statement of its own
/// (Prisma joins it to them, which PostgreSQL refuses).
#[tokio::test]
async fn a_primary_key_that_changes_only_its_name_is_renamed() {
    let mut db = test_database!();
    let change = migrate(
        &mut db,
        "model Org {\n  id Int @id(map: \"org_pk\")\n  name String\n  users User[]\n}\nmodel User {\n  id Int @id\n  orgId Int\n  org Org @relation(fields: [orgId], references: [id])\n}\n",
        "model Org {\n  id Int @id\n  name String?\n  users User[]\n}\nmodel User {\n  id Int @id(map: \"user_pk\")\n  orgId Int\n  org Org @relation(fields: [orgId], references: [id])\n}\n",
        r#"INSERT INTO "Org" VALUES (1, 'a'); INSERT INTO "User" VALUES (1, 1);"#,
    )
    .await;
    insta::assert_snapshot!(change, @r#"
    -- AlterTable
    ALTER TABLE "Org" RENAME CONSTRAINT "org_pk" TO "Org_pkey";
    ALTER TABLE "Org" ALTER COLUMN "name" DROP NOT NULL;

    -- AlterTable
    ALTER TABLE "User" RENAME CONSTRAINT "User_pkey" TO "user_pk";
    "#);
    let names = db
        .texts("SELECT conname FROM pg_constraint WHERE contype = 'p' AND connamespace = 'public'::regnamespace ORDER BY 1")
        .await;
    assert_eq!(names, ["Org_pkey", "user_pk"]);
    assert_eq!(db.text(r#"SELECT count(*) FROM "User""#).await, "1");
}

/// A B-tree index a migration gave an operator class is no change to a
/// schema that names none, as to Prisma 6.19.3 (whose introspection never
/// reads B-tree operator classes); a schema that names another one, or a
/// GIN index's, is compared.
#[tokio::test]
async fn b_tree_operator_classes_the_schema_leaves_out_are_kept() {
    use migrate_core::driver::Driver;
    let mut db = test_database!();
    db.apply(
        r#"CREATE TABLE "Org" ("id" INTEGER NOT NULL, "name" TEXT NOT NULL, "doc" JSONB NOT NULL, CONSTRAINT "Org_pkey" PRIMARY KEY ("id"));
CREATE INDEX "Org_name_idx" ON "Org"("name" text_pattern_ops);
CREATE INDEX "Org_doc_idx" ON "Org" USING GIN ("doc" jsonb_path_ops);"#,
    )
    .await;
    let mut driver = driver_postgres::PostgresDriver::connect(&db.url, None)
        .await
        .expect("connect");
    let database = driver.introspect().await.expect("introspect");
    let model = |name_ops: &str, doc_ops: &str| {
        schema(&format!(
            "model Org {{\n  id Int @id\n  name String\n  doc Json\n  @@index([name{name_ops}])\n  @@index([doc{doc_ops}], type: Gin)\n}}\n"
        ))
    };
    assert_eq!(plan(&database, &model("", "(ops: JsonbPathOps)")), []);
    let steps = |ops: Vec<migrate_core::diff::Op>| ops.iter().map(|op| op.description()).collect::<Vec<_>>();
    let other = plan(
        &database,
        &model("(ops: raw(\"varchar_pattern_ops\"))", "(ops: JsonbPathOps)"),
    );
    assert_eq!(steps(other), ["DropIndex", "CreateIndex"]);
    assert_eq!(steps(plan(&database, &model("", ""))), ["DropIndex", "CreateIndex"]);
}

#[tokio::test]
async fn tables_foreign_keys_indexes_and_enums_are_dropped() {
    let mut db = test_database!();
    let change = migrate(
        &mut db,
        r#"enum Kind {
  A
}

model A {
  id   Int    @id
  name String @unique
  bs   B[]

  @@index([name, id])
}

model B {
  id   Int  @id
  aId  Int
  kind Kind
  a    A    @relation(fields: [aId], references: [id])

  @@index([aId])
}
"#,
        "model A {\n  id Int @id\n  name String\n}\n",
        r#"INSERT INTO "A" VALUES (1, 'a'); INSERT INTO "B" VALUES (1, 1, 'A');"#,
    )
    .await;
    insta::assert_snapshot!(change);
    assert_eq!(
        db.text("SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'")
            .await,
        "1"
    );
}

#[tokio::test]
async fn foreign_keys_and_indexes_change() {
    let mut db = test_database!();
    let change = migrate(
        &mut db,
        r#"model A {
  id Int @id
  bs B[]
}

model B {
  id  Int @id
  aId Int
  n   Int
  a   A   @relation(fields: [aId], references: [id])

  @@index([n], map: "old \"name\"")
  @@index([aId])
}
"#,
        r#"model A {
  id Int @id
  bs B[]
}

model B {
  id  Int @id
  aId Int
  n   Int
  a   A   @relation(fields: [aId], references: [id], onDelete: Cascade)

  @@index([n], map: "new \"name\"")
  @@index([aId], type: Hash)
}
"#,
        r#"INSERT INTO "A" VALUES (1); INSERT INTO "B" VALUES (1, 1, 1);"#,
    )
    .await;
    insta::assert_snapshot!(change);
}

#[tokio::test]
async fn enum_values_are_added() {
    let mut db = test_database!();
    let one = migrate(
        &mut db,
        "enum Role {\n  USER\n}\nmodel T {\n  id Int @id\n  role Role\n}\n",
        "enum Role {\n  USER\n  ADMIN\n}\nmodel T {\n  id Int @id\n  role Role\n}\n",
        r#"INSERT INTO "T" VALUES (1, 'USER');"#,
    )
    .await;
    let many = script(
        &schema("enum Role {\n  USER\n  ADMIN\n}\nmodel T {\n  id Int @id\n  role Role\n}\n"),
        &schema("enum Role {\n  GUEST\n  USER\n  ADMIN\n  OWNER @map(\"it's me\")\n}\nmodel T {\n  id Int @id\n  role Role\n}\n"),
    );
    db.apply(&many).await;
    db.apply(r#"INSERT INTO "T" VALUES (2, 'it''s me');"#).await;
    insta::assert_snapshot!(format!("{one}\n{many}"));
}

/// A value added in a migration cannot be used in the same migration: the
/// file runs as one transaction. Prisma has the same limit.
#[tokio::test]
async fn an_added_enum_value_cannot_be_used_in_the_same_migration() {
    let before = schema("enum Role {\n  USER\n}\nmodel T {\n  id Int @id\n  role Role @default(USER)\n}\n");
    let after = schema("enum Role {\n  USER\n  ADMIN\n}\nmodel T {\n  id Int @id\n  role Role @default(ADMIN)\n}\n");
    let mut db = test_database!();
    db.apply(&create_script(&before)).await;
    let error = db.apply_err(&script(&before, &after)).await;
    assert!(error.starts_with("55P04: unsafe use of new value \"ADMIN\""), "{error}");
}

#[tokio::test]
async fn a_plan_without_changes_is_an_empty_migration() {
    let same = schema("model T {\n  id Int @id\n}\n");
    let change = script(&same, &same);
    assert_eq!(change, "-- This is an empty migration.");
    test_database!().apply(&change).await;
}

const ROLES_BEFORE: &str = r#"enum Role {
  USER
  ADMIN
  GUEST
}
model User {
  id    Int    @id
  role  Role   @default(USER)
  roles Role[] @default([USER, ADMIN])
  other Role?
}
"#;

const ROLES_AFTER: &str = r#"enum Role {
  USER
  ADMIN
}
model User {
  id    Int    @id
  role  Role   @default(USER)
  roles Role[] @default([USER, ADMIN])
  other Role?
}
"#;

/// Removing a value recreates the type and converts every column using it
/// (plain, list, with and without a default), as Prisma does, without its
/// `BEGIN`/`COMMIT`: the script runs through the driver, inside its
/// migration transaction, and the rows' values survive.
#[tokio::test]
async fn enum_values_are_removed() {
    use migrate_core::driver::Driver;
    let (before, after) = (schema(ROLES_BEFORE), schema(ROLES_AFTER));
    let change = script(&before, &after);
    insta::assert_snapshot!(change);
    assert!(!change.contains("BEGIN") && !change.contains("COMMIT"), "{change}");

    let mut db = test_database!();
    db.apply(&create_script(&before)).await;
    db.apply(r#"INSERT INTO "User" VALUES (1, 'ADMIN', '{USER,ADMIN}', NULL), (2, DEFAULT, DEFAULT, 'USER');"#)
        .await;
    let mut driver = driver_postgres::PostgresDriver::connect(&db.url, None)
        .await
        .expect("connect");
    driver.create_history_table().await.expect("history table");
    driver
        .apply_migration(&change, &migrate_core::testing::started_history_row("1_remove"))
        .await
        .expect("migration applies");

    let rows = db
        .texts(r#"SELECT concat_ws(' ', id, role, roles, coalesce(other::text, '-')) FROM "User" ORDER BY id"#)
        .await;
    assert_eq!(rows, ["1 ADMIN {USER,ADMIN} -", "2 USER {USER,ADMIN} USER"]);
    assert_eq!(enum_values(&mut db).await, "USER,ADMIN");
    db.apply(r#"INSERT INTO "User" (id) VALUES (3);"#).await;
    assert_eq!(
        db.text(r#"SELECT concat_ws(' ', role, roles) FROM "User" WHERE id = 3"#)
            .await,
        "USER {USER,ADMIN}"
    );
    let introspected = driver.introspect().await.expect("introspect");
    assert_eq!(introspected.enum_("Role").expect("Role").values, ["USER", "ADMIN"]);
    assert!(introspected.enum_("Role_old").is_none() && introspected.enum_("Role_new").is_none());
}

/// A row holding a removed value makes the cast fail; the whole migration
/// rolls back, the old type (with its three values) still in place.
#[tokio::test]
async fn removing_an_enum_value_still_in_use_fails_and_rolls_back() {
    use migrate_core::driver::Driver;
    let (before, after) = (schema(ROLES_BEFORE), schema(ROLES_AFTER));
    let mut db = test_database!();
    db.apply(&create_script(&before)).await;
    db.apply(r#"INSERT INTO "User" VALUES (1, 'GUEST', '{USER}', NULL);"#)
        .await;
    let mut driver = driver_postgres::PostgresDriver::connect(&db.url, None)
        .await
        .expect("connect");
    driver.create_history_table().await.expect("history table");
    let error = driver
        .apply_migration(
            &script(&before, &after),
            &migrate_core::testing::started_history_row("1_remove"),
        )
        .await
        .expect_err("a row uses GUEST");
    assert!(error.rolled_back, "{error:?}");
    assert!(format!("{error:?}").contains("GUEST"), "{error:?}");
    assert_eq!(enum_values(&mut db).await, "USER,ADMIN,GUEST");
    assert_eq!(
        db.texts("SELECT typname FROM pg_type WHERE typname LIKE 'Role%' ORDER BY 1")
            .await,
        ["Role"]
    );
    assert_eq!(db.text(r#"SELECT role::text FROM "User""#).await, "GUEST");
    assert_eq!(db.text("SELECT count(*) FROM _prisma_migrations").await, "0");
}

async fn enum_values(db: &mut TestDatabase) -> String {
    db.text(
        r#"SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = '"Role"'::regtype"#,
    )
    .await
}
