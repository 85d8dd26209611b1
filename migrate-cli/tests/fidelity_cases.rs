//! The `apply-*`, `drift-*` and `loss-*` cases (tests/fixtures/cases, each
//! with its CASE.md) through the binary, on the databases they name, each
//! on a fresh database: histories Prisma applies are applied, generated
//! scripts run, and a database is never reported different from a schema
//! it matches.

mod common;

use common::{assert_no_drift, text};
use migrate_tests::harness::{DbKind, TempDir, TestDb};
use std::path::{Path, PathBuf};
use std::process::Output;

/// A fresh database of `kind` and the case's files, or `None` when the run
/// leaves `kind` out.
fn case_on(kind: DbKind, name: &str) -> Option<(TestDb, TempDir)> {
    Some((TestDb::if_selected(kind)?, case(name)))
}

/// The case's files in a temp dir of their own (tests write migrations).
fn case(name: &str) -> TempDir {
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/cases")
        .join(name);
    TempDir::copy_of("case", &source)
}

/// [`common::migrate`], without colour.
fn migrate(dir: &Path, args: &[&str]) -> Output {
    common::command(dir, args).env("NO_COLOR", "1").output().unwrap()
}

/// Runs and asserts success; the whole output.
fn ok(dir: &Path, args: &[&str]) -> String {
    let out = migrate(dir, args);
    assert!(out.status.success(), "migrate {args:?} failed:\n{}", text(&out));
    text(&out)
}

/// `dev --schema schema.prisma --name NAME --url URL`, then `extra`.
fn dev_args<'a>(url: &'a str, name: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["dev", "--schema", "schema.prisma", "--name", name, "--url", url];
    args.extend_from_slice(extra);
    args
}

/// Runs [`dev_args`], which must succeed; the whole output.
fn dev(dir: &Path, url: &str, name: &str, extra: &[&str]) -> String {
    ok(dir, &dev_args(url, name, extra))
}

/// A second `dev` finds nothing to write.
fn assert_dev_finds_nothing(dir: &Path, url: &str) {
    let again = dev(dir, url, "again", &[]);
    assert!(again.contains("Already in sync"), "{again}");
}

fn pg(db: &TestDb) -> postgres::Client {
    postgres::Client::connect(&db.url, postgres::NoTls).unwrap()
}

/// The script of the last migration written.
fn last_migration(dir: &Path) -> String {
    std::fs::read_to_string(migration_files(dir).last().unwrap()).unwrap()
}

fn migration_files(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir.join("migrations"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| p.join("migration.sql"))
        .collect();
    found.sort();
    found
}

/// apply-01: a migration holding only `CREATE INDEX CONCURRENTLY`, written
/// for Prisma without a marker, runs outside a transaction; the index is
/// valid and the history complete.
#[test]
fn apply_01_create_index_concurrently_runs_as_prisma_runs_it() {
    let Some((db, dir)) = case_on(DbKind::Postgres, "apply-01-pg-create-index-concurrently") else {
        return;
    };
    ok(&dir.0, &["deploy", "--schema", "schema.prisma", "--url", &db.url]);
    let status = ok(&dir.0, &["status", "--schema", "schema.prisma", "--url", &db.url]);
    assert!(status.contains("Database schema is up to date!"), "{status}");
    let valid: bool = pg(&db)
        .query_one(
            "SELECT x.indisvalid FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE i.relname = 'Result_typebotId_idx'",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(valid);
    assert_no_drift(&dir.0, &db.url, "schema.prisma");
}

/// Several statements that refuse a transaction, and a file with its own
/// `BEGIN`/`COMMIT`, run outside a transaction of ours; a failure half-way
/// leaves the row written before it unfinished, with the statements that
/// stayed.
#[test]
fn scripts_outside_a_transaction_run_in_parts_and_record_the_truth() {
    let Some((db, dir)) = case_on(DbKind::Postgres, "apply-01-pg-create-index-concurrently") else {
        return;
    };
    let add = |name: &str, sql: &str| {
        let folder = dir.0.join("migrations").join(name);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("migration.sql"), sql).unwrap();
    };
    add(
        "20240103000000_more",
        "DROP INDEX CONCURRENTLY \"Result_typebotId_idx\";\nCREATE INDEX CONCURRENTLY \"Result_a\" ON \"Result\"(\"id\", \"typebotId\");\nVACUUM \"Result\";\n",
    );
    add(
        "20240104000000_own_transaction",
        "BEGIN;\nALTER TABLE \"Result\" ADD COLUMN \"note\" TEXT;\nCOMMIT;\n",
    );
    add(
        "20240105000000_fails",
        "CREATE INDEX CONCURRENTLY \"Result_b\" ON \"Result\"(\"typebotId\", \"id\");\nCREATE INDEX CONCURRENTLY \"Result_c\" ON \"Missing\"(\"x\");\n",
    );
    let out = migrate(&dir.0, &["deploy", "--schema", "schema.prisma", "--url", &db.url]);
    assert!(!out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("20240105000000_fails"), "{}", text(&out));
    let mut client = pg(&db);
    let rows = client
        .query(
            "SELECT migration_name, finished_at IS NOT NULL, applied_steps_count, coalesce(logs, '') FROM _prisma_migrations ORDER BY started_at",
            &[],
        )
        .unwrap();
    let summary: Vec<(String, bool, i32)> = rows.iter().map(|r| (r.get(0), r.get(1), r.get(2))).collect();
    assert_eq!(
        summary,
        [
            ("20240101000000_init".to_string(), true, 1),
            ("20240102000000_idx".to_string(), true, 1),
            ("20240103000000_more".to_string(), true, 1),
            ("20240104000000_own_transaction".to_string(), true, 1),
            ("20240105000000_fails".to_string(), false, 1),
        ]
    );
    let logs: String = rows[4].get(3);
    assert!(logs.contains("Missing"), "{logs}");
    let indexes: Vec<String> = client
        .query(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'Result' ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(indexes, ["Result_a", "Result_b", "Result_pkey"]);
    let note: i64 = client
        .query_one(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'Result' AND column_name = 'note'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(note, 1);
}

/// A file with a transaction of its own runs in the parts PostgreSQL makes
/// of it as the one query Prisma sends: the statements after its `COMMIT`
/// are one implicit transaction, so a failure there undoes them all (the
/// table `b`) and keeps what the file committed (the table `a`, and `z`,
/// which its `BEGIN` took into its transaction).
#[test]
fn statements_after_a_files_own_commit_roll_back_together() {
    let Some((db, dir)) = case_on(DbKind::Postgres, "apply-01-pg-create-index-concurrently") else {
        return;
    };
    let folder = dir.0.join("migrations").join("20240103000000_own_then_fails");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("migration.sql"),
        "CREATE TABLE z (x int);\nBEGIN;\nCREATE TABLE a (x int);\nCOMMIT;\nCREATE TABLE b (x int);\nSELECT 1/0;\n",
    )
    .unwrap();
    let out = migrate(&dir.0, &["deploy", "--schema", "schema.prisma", "--url", &db.url]);
    assert!(!out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("4 statement(s) of the migration ran before the failing one and stay applied"),
        "{}",
        text(&out)
    );
    let mut client = pg(&db);
    let tables: Vec<String> = client
        .query(
            "SELECT tablename::text FROM pg_tables WHERE tablename IN ('a', 'b', 'z') ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(tables, ["a", "z"]);
    let unfinished: i64 = client
        .query_one(
            "SELECT count(*) FROM _prisma_migrations WHERE migration_name = '20240103000000_own_then_fails' AND finished_at IS NULL",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(unfinished, 1);
}

/// apply-02: a new enum value used as a default in the migration that adds
/// it (Prisma fails: "unsafe use of new value"). `dev` writes and applies
/// it, a teammate's `deploy` of the folder applies it, and the next `dev`
/// finds nothing.
#[test]
fn apply_02_a_new_enum_value_is_committed_before_it_is_used() {
    let Some((db, dir)) = case_on(DbKind::Postgres, "apply-02-pg-new-enum-value-used-at-once") else {
        return;
    };
    ok(&dir.0, &["deploy", "--schema", "schema.prisma", "--url", &db.url]);
    dev(&dir.0, &db.url, "add_cloud", &[]);
    let script = last_migration(&dir.0);
    assert!(script.contains("ADD VALUE 'CLOUD'"), "{script}");
    assert!(script.contains("SET DEFAULT 'CLOUD'"), "{script}");
    assert_dev_finds_nothing(&dir.0, &db.url);
    assert_eq!(migration_files(&dir.0).len(), 2);

    let Some(teammate) = TestDb::if_selected(DbKind::Postgres) else {
        return;
    };
    ok(&dir.0, &["deploy", "--schema", "schema.prisma", "--url", &teammate.url]);
    assert_no_drift(&dir.0, &teammate.url, "schema.prisma");
}

/// The same change through `db push` from the old state.
#[test]
fn apply_02_push_adds_and_uses_an_enum_value() {
    let Some((db, dir)) = case_on(DbKind::Postgres, "apply-02-pg-new-enum-value-used-at-once") else {
        return;
    };
    ok(&dir.0, &["deploy", "--schema", "schema.prisma", "--url", &db.url]);
    ok(&dir.0, &["db", "push", "--schema", "schema.prisma", "--url", &db.url]);
    assert_no_drift(&dir.0, &db.url, "schema.prisma");
}

/// apply-03: uniqueness held as a constraint is dropped as a constraint.
#[test]
fn apply_03_a_unique_constraint_is_dropped_as_a_constraint() {
    let Some((db, dir)) = case_on(DbKind::Postgres, "apply-03-pg-drop-unique-constraint") else {
        return;
    };
    ok(&dir.0, &["db", "execute", "--url", &db.url, "--file", "setup.sql"]);
    let script = ok(
        &dir.0,
        &[
            "diff",
            "--from-url",
            &db.url,
            "--to-schema",
            "schema.prisma",
            "--script",
        ],
    );
    assert!(
        script.contains("ALTER TABLE \"Invite\" DROP CONSTRAINT \"Invite_phone_email_key\";"),
        "{script}"
    );
    assert!(
        script.contains("ALTER TABLE \"Tag\" DROP CONSTRAINT \"Tag_name_uq\";"),
        "{script}"
    );
    ok(
        &dir.0,
        &[
            "db",
            "push",
            "--schema",
            "schema.prisma",
            "--url",
            &db.url,
            "--accept-data-loss",
        ],
    );
    assert_no_drift(&dir.0, &db.url, "schema.prisma");
}

/// apply-04: one-to-one becomes one-to-many on MySQL/MariaDB. The unique
/// index is the foreign key's only index, which the server refuses to drop:
/// the key is dropped first and added again after.
#[test]
fn apply_04_the_index_backing_a_foreign_key_goes_with_its_key() {
    let Some((db, dir)) = case_on(DbKind::Mysql, "apply-04-mysql-index-backing-a-foreign-key") else {
        return;
    };
    ok(&dir.0, &["deploy", "--schema", "schema.prisma", "--url", &db.url]);
    dev(&dir.0, &db.url, "o2m", &[]);
    let script = last_migration(&dir.0);
    let drop_key = script
        .find("DROP FOREIGN KEY `Post_authorId_fkey`")
        .expect("drops the key");
    let drop_index = script.find("DROP INDEX `Post_authorId_key`").expect("drops the index");
    let add_key = script
        .find("ADD CONSTRAINT `Post_authorId_fkey`")
        .expect("adds the key");
    assert!(drop_key < drop_index && drop_index < add_key, "{script}");
    assert_dev_finds_nothing(&dir.0, &db.url);
    assert_no_drift(&dir.0, &db.url, "schema.prisma");
}

/// A foreign key renamed (`map:`) on MySQL, and another key taking the old
/// name: each key keeps an index the server accepts.
#[test]
fn renamed_foreign_keys_keep_their_indexes_on_mysql() {
    let Some((db, dir)) = case_on(DbKind::Mysql, "apply-04-mysql-index-backing-a-foreign-key") else {
        return;
    };
    let schema = |author_map: &str, editor_map: &str| {
        format!(
            "datasource db {{\n  provider = \"mysql\"\n  url      = env(\"DATABASE_URL\")\n}}\n\nmodel User {{\n  id      Int    @id @default(autoincrement())\n  posts   Post[] @relation(\"author\")\n  edits   Post[] @relation(\"editor\")\n}}\n\nmodel Post {{\n  id       Int   @id @default(autoincrement())\n  authorId Int\n  editorId Int\n  author   User  @relation(\"author\", fields: [authorId], references: [id], map: \"{author_map}\")\n  editor   User  @relation(\"editor\", fields: [editorId], references: [id], map: \"{editor_map}\")\n}}\n"
        )
    };
    std::fs::remove_dir_all(dir.0.join("migrations")).unwrap();
    std::fs::write(dir.0.join("schema.prisma"), schema("post_ibfk_1", "post_ibfk_2")).unwrap();
    dev(&dir.0, &db.url, "init", &[]);
    std::fs::write(dir.0.join("schema.prisma"), schema("post_ibfk_2", "post_ibfk_3")).unwrap();
    dev(&dir.0, &db.url, "shift", &[]);
    assert_no_drift(&dir.0, &db.url, "schema.prisma");
    assert_dev_finds_nothing(&dir.0, &db.url);
}

/// drift-01: `dbgenerated(...)` defaults compare in PostgreSQL's spelling.
#[test]
fn drift_01_dbgenerated_defaults_compare_as_the_database_spells_them() {
    let Some((db, dir)) = case_on(DbKind::Postgres, "drift-01-pg-dbgenerated-defaults") else {
        return;
    };
    dev(&dir.0, &db.url, "init", &[]);
    assert_dev_finds_nothing(&dir.0, &db.url);
    assert_eq!(migration_files(&dir.0).len(), 1);
    assert_no_drift(&dir.0, &db.url, "schema.prisma");
    let pushed = ok(&dir.0, &["db", "push", "--schema", "schema.prisma", "--url", &db.url]);
    assert!(pushed.contains("already in sync"), "{pushed}");
}

/// A default really changed is still a change, written in the schema's text.
#[test]
fn drift_01_a_changed_expression_is_still_a_change() {
    let Some((db, dir)) = case_on(DbKind::Postgres, "drift-01-pg-dbgenerated-defaults") else {
        return;
    };
    dev(&dir.0, &db.url, "init", &[]);
    let schema = std::fs::read_to_string(dir.0.join("schema.prisma")).unwrap();
    std::fs::write(
        dir.0.join("schema.prisma"),
        schema.replace("interval '72 hour'", "interval '96 hour'"),
    )
    .unwrap();
    dev(&dir.0, &db.url, "longer", &[]);
    let script = last_migration(&dir.0);
    assert_eq!(
        script.trim_end(),
        "-- AlterTable\nALTER TABLE \"Setting\" ALTER COLUMN \"expiresAt\" SET DEFAULT NOW() + interval '96 hour';"
    );
    assert_no_drift(&dir.0, &db.url, "schema.prisma");
}

/// drift-02: a column name over PostgreSQL's 63 bytes is compared as
/// PostgreSQL cut it (with a warning at `validate`); MySQL refuses such a
/// name, so `validate` does, with its location.
#[test]
fn drift_02_names_over_the_limit_compare_as_the_database_keeps_them() {
    let Some((db, dir)) = case_on(DbKind::Postgres, "drift-02-pg-column-name-over-63-bytes") else {
        return;
    };
    let out = migrate(&dir.0, &["validate", "--schema", "schema.prisma"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("schema.prisma:8:3: warning:"), "{}", text(&out));
    ok(&dir.0, &["db", "push", "--schema", "schema.prisma", "--url", &db.url]);
    assert_no_drift(&dir.0, &db.url, "schema.prisma");

    let schema = std::fs::read_to_string(dir.0.join("schema.prisma")).unwrap();
    std::fs::write(
        dir.0.join("mysql.prisma"),
        schema.replace("\"postgresql\"", "\"mysql\""),
    )
    .unwrap();
    let out = migrate(&dir.0, &["validate", "--schema", "mysql.prisma"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("mysql.prisma:8:3: error: The column name"),
        "{}",
        text(&out)
    );
}

/// drift-03: enum values in another order than the database holds them.
#[test]
fn drift_03_enum_value_order_is_no_difference() {
    let Some((db, dir)) = case_on(DbKind::Postgres, "drift-03-enum-value-order") else {
        return;
    };
    ok(&dir.0, &["deploy", "--schema", "schema.prisma", "--url", &db.url]);
    assert_no_drift(&dir.0, &db.url, "schema.prisma");
    let script = ok(
        &dir.0,
        &[
            "diff",
            "--from-url",
            &db.url,
            "--to-schema",
            "schema.prisma",
            "--script",
        ],
    );
    assert_eq!(script.trim_end(), "-- This is an empty migration.");
    let dev = ok(&dir.0, &["dev", "--schema", "schema.prisma", "--url", &db.url]);
    assert!(dev.contains("Already in sync"), "{dev}");
}

/// loss-01: a text column becoming an enum on a table with rows keeps its
/// values (a cast through text), and the warning says it is a cast.
#[test]
fn loss_01_text_to_enum_casts_and_keeps_the_rows() {
    let Some((db, dir)) = case_on(DbKind::Postgres, "loss-01-pg-text-to-enum-with-rows") else {
        return;
    };
    ok(&dir.0, &["deploy", "--schema", "schema.prisma", "--url", &db.url]);
    ok(&dir.0, &["db", "execute", "--url", &db.url, "--file", "setup.sql"]);
    let refused = migrate(&dir.0, &dev_args(&db.url, "to_enum", &[]));
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    assert!(text(&refused).contains("--accept-data-loss"), "{}", text(&refused));
    assert_eq!(migration_files(&dir.0).len(), 1, "nothing written before confirmation");
    dev(&dir.0, &db.url, "to_enum", &["--accept-data-loss"]);
    let script = last_migration(&dir.0);
    assert!(script.contains("will be cast from"), "{script}");
    assert!(
        script.contains("ALTER COLUMN \"kind\" SET DATA TYPE \"BlobKind\" USING (\"kind\"::text::\"BlobKind\")"),
        "{script}"
    );
    assert!(!script.contains("DROP COLUMN"), "{script}");
    let kinds: Vec<String> = pg(&db)
        .query("SELECT kind::text FROM \"Blob\" ORDER BY id", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(kinds, ["IMAGE", "VIDEO"]);
    assert_no_drift(&dir.0, &db.url, "schema.prisma");
}

/// A change with no cast (an integer becoming an enum) on a required
/// column of a table with rows is refused before anything runs, pointing
/// at `--create-only`; the warning says the column is dropped and
/// recreated, as the SQL does.
#[test]
fn loss_01_a_change_without_a_cast_is_refused_before_anything_runs() {
    let Some((db, dir)) = case_on(DbKind::Postgres, "loss-01-pg-text-to-enum-with-rows") else {
        return;
    };
    std::fs::write(
        dir.0.join("migrations/20260101000000_init/migration.sql"),
        "CREATE TABLE \"Blob\" (\"id\" INTEGER NOT NULL, \"kind\" INTEGER NOT NULL, CONSTRAINT \"Blob_pkey\" PRIMARY KEY (\"id\"));\n",
    )
    .unwrap();
    ok(&dir.0, &["deploy", "--schema", "schema.prisma", "--url", &db.url]);
    let mut client = pg(&db);
    client.batch_execute("INSERT INTO \"Blob\" VALUES (1, 1)").unwrap();
    let refused = migrate(&dir.0, &dev_args(&db.url, "to_enum", &["--accept-data-loss"]));
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    assert!(text(&refused).contains("No cast exists"), "{}", text(&refused));
    assert!(text(&refused).contains("--create-only"), "{}", text(&refused));
    let created = dev(&dir.0, &db.url, "to_enum", &["--create-only"]);
    assert!(created.contains("migration.sql"), "{created}");
    let script = last_migration(&dir.0);
    assert!(
        script.contains("would be dropped and recreated") || script.contains("No cast exists"),
        "{script}"
    );
    assert!(script.contains("DROP COLUMN \"kind\""), "{script}");
    let kinds: i32 = client.query_one("SELECT kind FROM \"Blob\"", &[]).unwrap().get(0);
    assert_eq!(kinds, 1, "nothing ran");
}

/// `Unsupported("...")` types are compared as PostgreSQL spells them:
/// schema-qualified or not, spaced or not, a built-in type by any name.
#[test]
fn unsupported_types_compare_as_the_database_spells_them() {
    let Some(db) = TestDb::if_selected(DbKind::Postgres) else {
        return;
    };
    let dir = TempDir::new("unsupported");
    std::fs::write(
        dir.0.join("schema.prisma"),
        "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n\nmodel Shape {\n  id     Int                                       @id\n  span   Unsupported(\"pg_catalog.int4range\")?\n  money  Unsupported(\"NUMERIC(10, 2)\")?\n  at     Unsupported(\"timestamp(3) with time zone\")?\n  box    Unsupported(\"box\")?\n  tags   Unsupported(\"character varying(20)[]\")?\n  search Unsupported(\"tsvector\")                   @default(dbgenerated(\"to_tsvector('simple'::regconfig, ''::text)\"))\n}\n",
    )
    .unwrap();
    ok(&dir.0, &["db", "push", "--schema", "schema.prisma", "--url", &db.url]);
    assert_no_drift(&dir.0, &db.url, "schema.prisma");
    let again = ok(&dir.0, &["db", "push", "--schema", "schema.prisma", "--url", &db.url]);
    assert!(again.contains("already in sync"), "{again}");
}

/// SQLite: a UNIQUE written inside CREATE TABLE (`sqlite_autoindex_*`)
/// cannot be dropped on its own; a schema that names the uniqueness another
/// way rebuilds the table instead, and then matches it.
#[test]
fn an_inline_unique_on_sqlite_goes_with_a_table_rebuild() {
    let Some(db) = TestDb::if_selected(DbKind::Sqlite) else {
        return;
    };
    let dir = TempDir::new("inline-unique");
    std::fs::write(
        dir.0.join("setup.sql"),
        "CREATE TABLE \"User\" (\"id\" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, \"email\" TEXT NOT NULL UNIQUE);\nINSERT INTO \"User\" (\"email\") VALUES ('a@example.com');\n",
    )
    .unwrap();
    std::fs::write(
        dir.0.join("schema.prisma"),
        "datasource db {\n  provider = \"sqlite\"\n  url      = env(\"DATABASE_URL\")\n}\n\nmodel User {\n  id    Int    @id @default(autoincrement())\n  email String @unique\n}\n",
    )
    .unwrap();
    ok(&dir.0, &["db", "execute", "--url", &db.url, "--file", "setup.sql"]);
    let script = ok(
        &dir.0,
        &[
            "diff",
            "--from-url",
            &db.url,
            "--to-schema",
            "schema.prisma",
            "--script",
        ],
    );
    assert!(script.contains("-- RedefineTables"), "{script}");
    assert!(!script.contains("DROP INDEX \"sqlite_autoindex"), "{script}");
    ok(&dir.0, &["db", "push", "--schema", "schema.prisma", "--url", &db.url]);
    assert_no_drift(&dir.0, &db.url, "schema.prisma");
}

/// The warnings of a migration file say what its SQL does, in Prisma's
/// words: a risky cast names the types as Prisma does (a safe one needs no
/// warning); a column with no cast is dropped and recreated.
#[test]
fn warnings_name_types_as_prisma_does() {
    let Some(db) = TestDb::if_selected(DbKind::Postgres) else {
        return;
    };
    let dir = TempDir::new("warnings");
    let schema = |fields: &str| {
        format!("datasource db {{\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}}\n\nmodel T {{\n  id Int @id\n{fields}}}\n")
    };
    std::fs::write(dir.0.join("schema.prisma"), schema("  f Float\n  n Int\n  s String?\n")).unwrap();
    dev(&dir.0, &db.url, "init", &[]);
    std::fs::write(dir.0.join("schema.prisma"), schema("  f Int\n  n String\n  s Int?\n")).unwrap();
    dev(&dir.0, &db.url, "retype", &["--create-only"]);
    let script = last_migration(&dir.0);
    let header = script.split("*/").next().unwrap();
    assert_eq!(
        header,
        "/*\n  Warnings:\n\n  - You are about to alter the column `f` on the `T` table. The data in that column could be lost. The data in that column will be cast from `DoublePrecision` to `Integer`.\n  - The `s` column on the `T` table would be dropped and recreated. This will lead to data loss if there is data in the column.\n\n",
        "{script}"
    );
}

/// A foreign key whose name alone changes is renamed, as Prisma renames it
/// on PostgreSQL.
#[test]
fn a_renamed_foreign_key_is_renamed_on_postgres() {
    let Some(db) = TestDb::if_selected(DbKind::Postgres) else {
        return;
    };
    let dir = TempDir::new("rename-fk");
    let schema = |map: &str| {
        format!("datasource db {{\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}}\n\nmodel User {{\n  id    Int    @id\n  posts Post[]\n}}\n\nmodel Post {{\n  id       Int  @id\n  authorId Int\n  author   User @relation(fields: [authorId], references: [id]{map})\n}}\n")
    };
    std::fs::write(dir.0.join("schema.prisma"), schema("")).unwrap();
    dev(&dir.0, &db.url, "init", &[]);
    std::fs::write(dir.0.join("schema.prisma"), schema(", map: \"post_author\"")).unwrap();
    dev(&dir.0, &db.url, "rename", &[]);
    let script = last_migration(&dir.0);
    assert_eq!(
        script.trim_end(),
        "-- RenameForeignKey\nALTER TABLE \"Post\" RENAME CONSTRAINT \"Post_authorId_fkey\" TO \"post_author\";"
    );
    assert_no_drift(&dir.0, &db.url, "schema.prisma");
}

/// On MySQL an enum lives in its column's type: a value added to it is a
/// change that loses nothing (pushed without asking, rows kept), one taken
/// away may lose data and needs the flag. Run on the real server.
#[tokio::test]
async fn a_mysql_enum_that_gains_a_value_loses_nothing() {
    let Some(db) = TestDb::if_selected(DbKind::Mysql) else {
        return;
    };
    let dir = TempDir::new("mysql-enum");
    let schema = |values: &str| {
        format!("datasource db {{\n  provider = \"mysql\"\n  url      = env(\"DATABASE_URL\")\n}}\n\nmodel T {{\n  id Int @id\n  r  R\n}}\n\nenum R {{\n{values}}}\n")
    };
    let push = |values: &str| {
        std::fs::write(dir.0.join("schema.prisma"), schema(values)).unwrap();
        migrate(&dir.0, &["db", "push", "--schema", "schema.prisma", "--url", &db.url])
    };
    assert!(push("  A\n  B\n").status.success());
    let mut driver = db.driver().await;
    driver.apply_script("INSERT INTO `T` VALUES (1, 'B');").await.unwrap();
    let added = push("  A\n  B\n  C\n");
    assert!(added.status.success(), "{}", text(&added));
    assert_no_drift(&dir.0, &db.url, "schema.prisma");
    let removed = push("  A\n  C\n");
    assert_eq!(removed.status.code(), Some(1), "{}", text(&removed));
    assert!(text(&removed).contains("--accept-data-loss"), "{}", text(&removed));
}
