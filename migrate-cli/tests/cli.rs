//! The `migrate` binary end to end: exit codes, messages, files written.

mod common;

use common::{migrate, migrate_on};
use std::path::PathBuf;
use std::process::Output;
use std::sync::atomic::{AtomicUsize, Ordering};

const VALID: &str = r#"datasource db {
  provider = "sqlite"
  url      = "file:./dev.db"
}

model User {
  id    Int    @id @default(autoincrement())
  email String @unique
  posts Post[]
}

model Post {
  id       Int  @id @default(autoincrement())
  authorId Int
  author   User @relation(fields: [authorId], references: [id])
}
"#;

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "migrate-cli-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        common::write(&self.0, rel, text);
        self.0.join(rel)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn validate_finds_the_schema_where_prisma_looks() {
    let dir = TempDir::new();
    dir.write("prisma/schema.prisma", VALID);
    let out = migrate(&dir.0, &["validate"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("prisma/schema.prisma is valid"));
}

#[test]
fn validate_reports_every_error_with_location_and_exit_1() {
    let dir = TempDir::new();
    let bad = VALID
        .replace("email String @unique", "email Strin @unique")
        .replace("authorId Int\n", "authorId Int @foo\n");
    dir.write("schema.prisma", &bad);
    let out = migrate(&dir.0, &["validate"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("schema.prisma:8:9: error: Type `Strin`"), "{err}");
    assert!(err.contains("schema.prisma:14:"), "{err}");
    assert!(err.contains("^^^^^"), "{err}");
    assert!(err.contains("2 errors"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn validate_without_a_schema_says_where_it_looked() {
    let dir = TempDir::new();
    let out = migrate(&dir.0, &["validate"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("prisma/schema.prisma, schema.prisma"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn unsupported_provider_is_a_clear_error() {
    let dir = TempDir::new();
    dir.write("schema.prisma", &VALID.replace("\"sqlite\"", "\"sqlserver\""));
    let out = migrate(&dir.0, &["validate"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("The provider `sqlserver` is not supported"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn format_check_then_write_then_check() {
    let dir = TempDir::new();
    let messy = VALID.replace("email String @unique", "email   String @unique");
    let path = dir.write("schema.prisma", &messy);
    let check = migrate(&dir.0, &["format", "--check"]);
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), messy, "--check must not write");
    let write = migrate(&dir.0, &["format"]);
    assert!(write.status.success(), "{}", stderr(&write));
    assert!(stdout(&write).contains("(1 file changed)"), "{}", stdout(&write));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), VALID);
    assert!(migrate(&dir.0, &["format", "--check"]).status.success());
    let again = migrate(&dir.0, &["format"]);
    assert!(
        stdout(&again).contains("formatted already: nothing changed"),
        "{}",
        stdout(&again)
    );
}

#[test]
fn format_refuses_a_file_that_does_not_parse() {
    let dir = TempDir::new();
    let path = dir.write("schema.prisma", "model A {\n  id Int @id\n");
    let out = migrate(&dir.0, &["format"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("schema.prisma:"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "model A {\n  id Int @id\n");
}

/// Prisma 6.19.3's `format` writes nothing and fails when the formatted
/// schema does not validate. The errors point at the file as it is on disk;
/// a relation written on one side only is no error there (formatting adds
/// the other side), so only the real mistake is reported.
#[test]
fn format_refuses_a_schema_that_does_not_validate() {
    let dir = TempDir::new();
    let broken = "datasource db {\n  provider = \"sqlite\"\n  url = \"file:./dev.db\"\n}\n\nmodel Kiln {\n  id Int @id\n  firings Firing[]\n}\n\nmodel Firing {\n  id Int @id\n  kilnId Int\n  kiln Kiln @relation(fields: [kilnId], references: [id])\n  glaze Glaze\n}\n\nmodel Rack {\n  id Int @id\n  kilnId Int\n  kiln Kiln @relation(fields: [kilnId], references: [id])\n}\n";
    let path = dir.write("schema.prisma", broken);
    for args in [&["format"][..], &["format", "--check"]] {
        let out = migrate(&dir.0, args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("schema.prisma:15:9: error: Type `Glaze`"),
            "{}",
            stderr(&out)
        );
        assert!(!stderr(&out).contains("missing an opposite"), "{}", stderr(&out));
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            broken,
            "{args:?} must not write"
        );
    }
    // With the mistake fixed, the missing back relation is added.
    let fixed = broken.replace("  glaze Glaze\n", "");
    dir.write("schema.prisma", &fixed);
    let out = migrate(&dir.0, &["format"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let formatted = std::fs::read_to_string(&path).unwrap();
    assert!(formatted.contains("  racks   Rack[]\n"), "{formatted}");
}

/// A field Prisma's `format` would add as a missing back relation, whose
/// name another field has, makes the formatted schema invalid: nothing is
/// written (Prisma 6.19.3 stops with "Field ... is already defined"), and
/// the error is the file's own.
#[test]
fn format_refuses_a_back_relation_it_cannot_add() {
    let dir = TempDir::new();
    let broken = "datasource db {\n  provider = \"sqlite\"\n  url = \"file:./dev.db\"\n}\n\nmodel Oven {\n  id Int @id\n  trays Tray[] @relation(\"OvenToTray\")\n}\n\nmodel Tray {\n  id Int @id\n  ovenId Int\n  oven Oven @relation(fields: [ovenId], references: [id])\n}\n";
    let path = dir.write("schema.prisma", broken);
    let out = migrate(&dir.0, &["format"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("schema.prisma:8:16: error:"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
}

/// A script on a pipe is the data as it is: the style stripper must not take
/// out an escape sequence of a default (`"\u001b[1m"` in the schema).
#[test]
fn a_piped_script_keeps_escape_sequences_of_the_data() {
    let dir = TempDir::new();
    dir.write(
        "schema.prisma",
        "datasource db {\n  provider = \"sqlite\"\n  url = \"file:dev.db\"\n}\n\nmodel Styled {\n  id    Int    @id\n  label String @default(\"\\u001b[1mbold\")\n}\n",
    );
    let out = migrate(
        &dir.0,
        &["diff", "--from-empty", "--to-schema", "schema.prisma", "--script"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("DEFAULT '\u{1b}[1mbold'"), "{}", stdout(&out));
}

#[test]
fn diff_script_from_empty_runs_on_sqlite() {
    let dir = TempDir::new();
    dir.write("schema.prisma", VALID);
    let out = migrate(
        &dir.0,
        &["diff", "--from-empty", "--to-schema", "schema.prisma", "--script"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let sql = stdout(&out);
    assert!(sql.starts_with("-- CreateTable\nCREATE TABLE \"User\""), "{sql}");
    let db = rusqlite::Connection::open_in_memory().unwrap();
    db.execute_batch(&sql).unwrap();
    let tables: i64 = db
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('User', 'Post')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 2);
}

#[test]
fn diff_exit_codes() {
    let dir = TempDir::new();
    dir.write("a.prisma", VALID);
    dir.write(
        "b.prisma",
        &VALID.replace("  posts Post[]\n", "  name  String?\n  posts Post[]\n"),
    );
    let same = migrate(
        &dir.0,
        &[
            "diff",
            "--from-schema",
            "a.prisma",
            "--to-schema",
            "a.prisma",
            "--exit-code",
        ],
    );
    assert_eq!(same.status.code(), Some(0), "{}", stderr(&same));
    assert!(stdout(&same).contains("No difference detected."));
    let changed = migrate(
        &dir.0,
        &[
            "diff",
            "--from-schema",
            "a.prisma",
            "--to-schema",
            "b.prisma",
            "--exit-code",
        ],
    );
    assert_eq!(changed.status.code(), Some(2), "{}", stderr(&changed));
    assert!(
        stdout(&changed).contains("[+] Added column `name`"),
        "{}",
        stdout(&changed)
    );
    let without_flag = migrate(
        &dir.0,
        &["diff", "--from-schema", "a.prisma", "--to-schema", "b.prisma"],
    );
    assert_eq!(without_flag.status.code(), Some(0));
    let error = migrate(
        &dir.0,
        &["diff", "--from-schema", "missing.prisma", "--to-empty", "--exit-code"],
    );
    assert_eq!(error.status.code(), Some(1));
}

#[test]
fn diff_accepts_prisma_6_flag_spellings() {
    let dir = TempDir::new();
    dir.write("schema.prisma", VALID);
    let out = migrate(
        &dir.0,
        &[
            "diff",
            "--from-empty",
            "--to-schema-datamodel",
            "schema.prisma",
            "--script",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // `--from-schema-datasource` is the database the datasource names (as
    // Prisma reads it), not the schema's models: empty until pushed.
    let datasource = [
        "diff",
        "--from-schema-datasource",
        "schema.prisma",
        "--to-empty",
        "--script",
    ];
    let before = migrate(&dir.0, &["db", "push", "--schema", "schema.prisma", "--skip-generate"]);
    assert!(before.status.success(), "{}", stderr(&before));
    let back = migrate(&dir.0, &datasource);
    assert!(back.status.success(), "{}", stderr(&back));
    assert!(stdout(&back).contains("DROP TABLE \"Post\";"), "{}", stdout(&back));
    std::fs::remove_file(dir.0.join("dev.db")).unwrap();
    std::fs::write(dir.0.join("dev.db"), "").unwrap();
    let empty = migrate(&dir.0, &datasource);
    assert!(empty.status.success(), "{}", stderr(&empty));
    assert!(!stdout(&empty).contains("DROP TABLE"), "{}", stdout(&empty));
}

#[test]
fn schema_folder_is_merged() {
    let dir = TempDir::new();
    dir.write(
        "prisma/schema/base.prisma",
        "datasource db {\n  provider = \"sqlite\"\n  url      = \"file:dev.db\"\n}\n",
    );
    dir.write("prisma/schema/user.prisma", "model User {\n  id Int @id\n}\n");
    let out = migrate(
        &dir.0,
        &["diff", "--from-empty", "--to-schema", "prisma/schema", "--script"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("CREATE TABLE \"User\""));
}

#[test]
fn diff_renders_postgresql_and_mysql_offline() {
    let dir = TempDir::new();
    dir.write("pg.prisma", &VALID.replace("\"sqlite\"", "\"postgresql\""));
    let out = migrate(
        &dir.0,
        &["diff", "--from-empty", "--to-schema", "pg.prisma", "--script"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("\"id\" SERIAL NOT NULL"), "{}", stdout(&out));
    dir.write("my.prisma", &VALID.replace("\"sqlite\"", "\"mysql\""));
    let out = migrate(
        &dir.0,
        &["diff", "--from-empty", "--to-schema", "my.prisma", "--script"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("`id` INTEGER NOT NULL AUTO_INCREMENT"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_closed_pipe_ends_output_quietly() {
    use std::io::Read;
    let dir = TempDir::new();
    let mut schema = String::from("datasource db {\n  provider = \"sqlite\"\n  url      = \"file:dev.db\"\n}\n");
    for i in 0..400 {
        schema.push_str(&format!(
            "model M{i} {{\n  id   Int    @id\n  name String @unique\n}}\n"
        ));
    }
    dir.write("schema.prisma", &schema);
    let mut child = common::command(
        &dir.0,
        &["diff", "--from-empty", "--to-schema", "schema.prisma", "--script"],
    )
    .stdout(std::process::Stdio::piped())
    .stderr(std::process::Stdio::piped())
    .spawn()
    .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
}

/// `resolve` takes exactly one of `--applied` and `--rolled-back`, and says so.
#[test]
fn resolve_needs_exactly_one_resolution() {
    let dir = TempDir::new();
    let none = migrate(&dir.0, &["resolve"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(
        stderr(&none).contains("<--applied <NAME>|--rolled-back <NAME>>"),
        "{}",
        stderr(&none)
    );
    let both = migrate(&dir.0, &["resolve", "--applied", "a", "--rolled-back", "b"]);
    assert_eq!(both.status.code(), Some(2));
    assert!(stderr(&both).contains("cannot be used with"), "{}", stderr(&both));
}

/// A URL that cannot be read names no database: the header says only the
/// kind of database, and the error under it says what is wrong.
#[test]
fn the_header_of_an_unreadable_url_names_the_provider_only() {
    let dir = TempDir::new();
    dir.write(
        "schema.prisma",
        "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n",
    );
    let out = migrate_on(&dir.0, "notaurl", &["status"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).lines().any(|l| l == "Datasource \"db\": PostgreSQL"),
        "{}",
        stdout(&out)
    );
    assert!(stderr(&out).contains("is not a URL"), "{}", stderr(&out));
}

/// `db pull` names an inline `UNIQUE` as SQLite does
/// (`sqlite_autoindex_Tag_1`), as Prisma 6.19.3 does; `dev` then creates the
/// index under that name with the schema writable, as Prisma writes it,
/// since SQLite keeps such names for itself.
#[test]
fn an_index_named_as_sqlite_names_its_own_is_created() {
    let dir = TempDir::new();
    dir.write(
        "prisma/schema.prisma",
        "datasource db {\n  provider = \"sqlite\"\n  url      = \"file:./dev.db\"\n}\n\nmodel Tag {\n  id   Int    @id @default(autoincrement())\n  name String @unique(map: \"sqlite_autoindex_Tag_1\")\n}\n",
    );
    let dev = migrate(&dir.0, &["dev", "--name", "init"]);
    assert!(dev.status.success(), "{}{}", stdout(&dev), stderr(&dev));
    let migrations = dir.0.join("prisma/migrations");
    let folder = std::fs::read_dir(&migrations)
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.path().is_dir())
        .unwrap();
    let sql = std::fs::read_to_string(folder.path().join("migration.sql")).unwrap();
    assert!(
        sql.contains("Pragma writable_schema=1;\nCREATE UNIQUE INDEX \"sqlite_autoindex_Tag_1\" ON \"Tag\"(\"name\");\nPragma writable_schema=0;"),
        "{sql}"
    );
    let again = migrate(&dir.0, &["dev", "--name", "again"]);
    assert!(
        stdout(&again).contains("Already in sync"),
        "{}{}",
        stdout(&again),
        stderr(&again)
    );
}

/// A script that could not be written whole is an error, not a success
/// (`/dev/full` answers every write with "no space left").
#[cfg(target_os = "linux")]
#[test]
fn a_script_that_cannot_be_written_is_an_error() {
    let dir = TempDir::new();
    dir.write("schema.prisma", VALID);
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = common::command(
        &dir.0,
        &["diff", "--from-empty", "--to-schema", "schema.prisma", "--script"],
    )
    .stdout(full)
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("standard output"), "{}", stderr(&out));
}

/// Prisma 6.19.3 pulls SQLite types it does not know by name as
/// `Unsupported`, with their defaults as `dbgenerated` (the schema below is
/// its pull, as written). This driver reads the same columns as `Int` and
/// `Boolean`: that is no drift, and no table to redefine.
#[test]
fn a_prisma_pull_of_legacy_sqlite_types_is_no_drift() {
    let dir = TempDir::new();
    let db = rusqlite::Connection::open(dir.0.join("legacy.db")).unwrap();
    db.execute_batch(
        "CREATE TABLE \"U\" (\"id\" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, \"legacy\" INT(11), \"flag\" bool DEFAULT 0, \"n\" INT(11) DEFAULT 0);",
    )
    .unwrap();
    drop(db);
    dir.write(
        "schema.prisma",
        "datasource db {\n  provider = \"sqlite\"\n  url      = \"file:./legacy.db\"\n}\n\nmodel U {\n  id     Int                     @id @default(autoincrement())\n  legacy Unsupported(\"int(11)\")?\n  flag   Unsupported(\"bool\")?    @default(dbgenerated(\"0\"))\n  n      Unsupported(\"int(11)\")? @default(dbgenerated(\"0\"))\n}\n",
    );
    let out = migrate(
        &dir.0,
        &[
            "diff",
            "--from-url",
            "file:./legacy.db",
            "--to-schema",
            "schema.prisma",
            "--exit-code",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
}
