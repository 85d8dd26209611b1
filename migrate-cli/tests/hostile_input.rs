//! Broken or hostile input through the binary: Windows and old-Mac line
//! ends, files that are not UTF-8, URLs with nothing in them, and Prisma's
//! legacy and newer spellings. The inputs are the `input-*` and `parity-*`
//! cases of `tests/fixtures/cases` (copied from `../shared/cases`).

mod common;

use common::utf8;
use migrate_tests::fixtures_dir;
use migrate_tests::harness::TempDir;
use std::path::{Path, PathBuf};
use std::process::Output;

fn case(name: &str) -> PathBuf {
    fixtures_dir().join("cases").join(name)
}

/// Runs the binary in `dir` with a clean database environment, plus `env`.
fn migrate(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    common::command(dir, args).envs(env.iter().copied()).output().unwrap()
}

/// A failure the user caused: exit 1, a message, never a panic.
fn assert_refused(out: &Output, what: &str) -> String {
    let stderr = utf8(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{what}: exit code\n{stderr}");
    assert!(!stderr.contains("panicked"), "{what}: panic\n{stderr}");
    stderr
}

/// Copies a case's folder into a fresh temp dir (the cases stay read-only).
fn copy_case(name: &str, sub: &str) -> TempDir {
    let dir = TempDir::new("case");
    copy_dir(&case(name).join(sub), &dir.0);
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// input-01: every CRLF (and lone-CR) schema of the case reports exactly
/// what its LF twin reports, through every command that reads a schema.
#[test]
fn crlf_schemas_report_the_errors_of_their_lf_twin() {
    let dir = TempDir::new("crlf");
    let files = ["brace_on_next_line", "enum", "missing_value", "model"];
    for name in files {
        let crlf = std::fs::read(case("input-01-crlf-schema-panic").join(format!("{name}_crlf.prisma"))).unwrap();
        assert!(
            crlf.windows(2).any(|w| w == b"\r\n"),
            "{name}: the case has CRLF line ends"
        );
        let lf = String::from_utf8(crlf.clone()).unwrap().replace("\r\n", "\n");
        let variants = [
            ("lf", lf.clone().into_bytes()),
            ("crlf", crlf),
            ("cr", lf.replace('\n', "\r").into_bytes()),
        ];
        let mut reports = Vec::new();
        for (eol, bytes) in variants {
            let file = format!("{name}.prisma");
            std::fs::write(dir.0.join(&file), bytes).unwrap();
            let out = migrate(&dir.0, &["validate", "--schema", &file], &[]);
            let stderr = assert_refused(&out, &format!("{name} ({eol}): validate"));
            assert!(
                stderr.contains(&format!("{file}:1:")) || stderr.contains(&format!("{file}:")),
                "{stderr}"
            );
            reports.push((eol, stderr));
            let url = ("DATABASE_URL", "file:./never.db");
            for args in [
                vec!["format", "--schema", &file],
                vec!["deploy", "--schema", &file],
                vec!["status", "--schema", &file],
                vec!["dev", "--name", "x", "--schema", &file],
                vec!["diff", "--from-empty", "--to-schema", &file, "--script"],
            ] {
                let out = migrate(&dir.0, &args, &[url]);
                let stderr = assert_refused(&out, &format!("{name} ({eol}): {}", args[0]));
                assert!(
                    stderr.contains(&format!("{file}:")),
                    "{name} ({eol}): {}\n{stderr}",
                    args[0]
                );
            }
            assert!(
                !dir.0.join("never.db").exists(),
                "{name} ({eol}): a database was opened"
            );
        }
        let lf_report = &reports[0].1;
        for (eol, report) in &reports[1..] {
            assert_eq!(report, lf_report, "{name}: the {eol} file reports differently");
        }
    }
    // The case's own pair: the same located errors, whatever the line ends.
    let dir = case("input-01-crlf-schema-panic");
    let crlf = migrate(&dir, &["validate", "--schema", "brace_on_next_line_crlf.prisma"], &[]);
    let lf = migrate(&dir, &["validate", "--schema", "brace_on_next_line_lf_ok.prisma"], &[]);
    let (crlf, lf) = (assert_refused(&crlf, "crlf"), assert_refused(&lf, "lf"));
    assert!(lf.contains("brace_on_next_line_lf_ok.prisma:6:11: error:"), "{lf}");
    assert_eq!(crlf.replace("_crlf", "_lf_ok"), lf);
}

/// A schema file that is not UTF-8 is a located error, not a lossy read.
#[test]
fn a_schema_that_is_not_utf8_is_a_located_error() {
    let dir = TempDir::new("latin1-schema");
    let mut bytes = b"datasource db {\n  provider = \"sqlite\"\n  url      = \"file:./x.db\"\n}\n\nmodel A {\n  id Int    @id\n  s  String @default(\"caf".to_vec();
    bytes.extend(b"\xe9\")\n}\n");
    std::fs::write(dir.0.join("schema.prisma"), bytes).unwrap();
    for command in ["validate", "format", "deploy"] {
        let out = migrate(&dir.0, &[command], &[]);
        let stderr = assert_refused(&out, command);
        assert!(
            stderr.contains(
                "schema.prisma:8:26: error: the schema file is not UTF-8 text: byte 119 (line 8, column 26) is 0xE9"
            ),
            "{command}: {stderr}"
        );
    }
    assert!(!dir.0.join("x.db").exists());
}

/// A byte order mark (as Windows editors write it) is read past; `format`
/// drops it, so that Prisma 6 (which refuses it) reads the file too.
#[test]
fn a_byte_order_mark_is_accepted_and_format_drops_it() {
    let dir = TempDir::new("bom");
    let schema =
        "datasource db {\n  provider = \"sqlite\"\n  url      = \"file:./x.db\"\n}\n\nmodel A {\n  id Int @id\n}\n";
    std::fs::write(dir.0.join("schema.prisma"), format!("\u{feff}{schema}")).unwrap();
    let out = migrate(&dir.0, &["validate"], &[]);
    assert!(out.status.success(), "{}", utf8(&out.stderr));
    let out = migrate(&dir.0, &["format"], &[]);
    assert!(out.status.success(), "{}", utf8(&out.stderr));
    assert_eq!(std::fs::read_to_string(dir.0.join("schema.prisma")).unwrap(), schema);
}

/// input-05: a Latin-1 migration is refused before anything runs (no
/// database file, no history table), naming the file and the byte; its
/// checksum is still taken of the raw bytes.
#[test]
fn a_migration_that_is_not_utf8_is_refused_before_anything_runs() {
    let dir = copy_case("input-05-non-utf8-migration", "proj");
    let url = ("DATABASE_URL", "file:./u.db");
    for args in [vec!["deploy"], vec!["dev", "--name", "next"], vec!["reset", "--force"]] {
        let out = migrate(&dir.0, &args, &[url]);
        let stderr = assert_refused(&out, args[0]);
        assert!(
            stderr
                .contains("20240101000001_latin1/migration.sql is not UTF-8 text: byte 95 (line 2, column 32) is 0xE9"),
            "{}: {stderr}",
            args[0]
        );
        assert!(stderr.contains("nothing was applied"), "{stderr}");
        assert!(!dir.0.join("u.db").exists(), "{}: the database was opened", args[0]);
    }
    let script = std::fs::read(dir.0.join("migrations/20240101000001_latin1/migration.sql")).unwrap();
    let local = migrate_core::migrations::MigrationsDir {
        path: dir.0.join("migrations"),
    }
    .list()
    .unwrap();
    assert_eq!(local[0].checksum, migrate_core::migrations::checksum::checksum(&script));
    // `db execute` reads its script as strictly.
    std::fs::write(dir.0.join("fix.sql"), b"SELECT 'caf\xe9';\n").unwrap();
    let out = migrate(&dir.0, &["db", "execute", "--file", "fix.sql"], &[url]);
    let stderr = assert_refused(&out, "db execute");
    assert!(stderr.contains("fix.sql is not UTF-8 text: byte 11"), "{stderr}");
}

/// input-03: URLs with nothing in them are refused, saying what is missing
/// and where the URL came from, and nothing is applied anywhere: not to the
/// `postgres` database on localhost, not to a temporary SQLite database.
#[test]
fn empty_urls_are_refused_and_nothing_is_applied() {
    let pg = copy_case("input-03-empty-urls", "proj_pg");
    type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a str);
    let cases: [Case; 6] = [
        ("--url postgresql://", &[], "from the --url flag names no host"),
        (
            "",
            &[("DATABASE_URL", "postgresql://")],
            "from the environment variable `DATABASE_URL` names no host",
        ),
        (
            "",
            &[("DATABASE_URL", "")],
            "from the environment variable `DATABASE_URL` is empty",
        ),
        (
            "--url postgres://localhost",
            &[],
            "from the --url flag names no database",
        ),
        ("--url postgresql:///", &[], "names no host"),
        ("--url postgres://u:pw@:5432/db", &[], "names no host"),
    ];
    for (flag, env, expected) in cases {
        let mut args = vec!["deploy"];
        args.extend(flag.split_whitespace());
        let out = migrate(&pg.0, &args, env);
        let stderr = assert_refused(&out, flag);
        assert!(stderr.contains(expected), "{flag} {env:?}: {stderr}");
    }
    std::fs::write(pg.0.join(".env"), "DATABASE_URL=postgresql://\n").unwrap();
    let stderr = assert_refused(&migrate(&pg.0, &["deploy"], &[]), ".env");
    assert!(
        stderr.contains("from the environment variable `DATABASE_URL` (set in .env) names no host"),
        "{stderr}"
    );
    let schema = std::fs::read_to_string(pg.0.join("schema.prisma")).unwrap();
    std::fs::write(
        pg.0.join("schema.prisma"),
        schema.replace("env(\"DATABASE_URL\")", "\"postgresql://\""),
    )
    .unwrap();
    let stderr = assert_refused(&migrate(&pg.0, &["deploy"], &[]), "schema");
    assert!(stderr.contains("from `url` in schema.prisma names no host"), "{stderr}");
    // Nothing reached the local server's default database.
    if migrate_tests::harness::DbKind::Postgres.selected() {
        let server = std::env::var("MIGRATE_TEST_POSTGRES_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        let mut client = postgres::Client::connect(&server, postgres::NoTls).unwrap();
        let found = client
            .query("SELECT 1 FROM pg_tables WHERE tablename = 'rel_empty_url_probe'", &[])
            .unwrap();
        assert!(found.is_empty(), "the probe table was created");
    }
    let sqlite = copy_case("input-03-empty-urls", "proj_sqlite");
    for url in ["file:", "sqlite:", "file://", "file:?connection_limit=1"] {
        for args in [vec!["deploy", "--url", url], vec!["dev", "--name", "x", "--url", url]] {
            let stderr = assert_refused(&migrate(&sqlite.0, &args, &[]), url);
            assert!(
                stderr.contains("from the --url flag names no database file"),
                "{url}: {stderr}"
            );
        }
        let stderr = assert_refused(&migrate(&sqlite.0, &["deploy"], &[("DATABASE_URL", url)]), url);
        assert!(
            stderr.contains("`DATABASE_URL` names no database file"),
            "{url}: {stderr}"
        );
    }
    let names: Vec<_> = std::fs::read_dir(&sqlite.0)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "only schema.prisma and migrations/: {names:?}");
    // `diff` and `db execute` check their URLs the same way.
    let out = migrate(&sqlite.0, &["diff", "--from-url", "postgresql://", "--to-empty"], &[]);
    assert!(assert_refused(&out, "diff").contains("from the --from-url flag names no host"));
    let out = migrate(&sqlite.0, &["db", "execute", "--stdin", "--url", "sqlite:"], &[]);
    assert!(assert_refused(&out, "db execute").contains("names no database file"));
}

/// parity-01: block comments and a single field where a list is expected
/// validate, `format` keeps the comments, and `diff --from-empty` prints
/// Prisma 6.19.3's statements (the order of steps is the differ's concern:
/// compared as a set).
#[test]
fn block_comments_and_bare_field_lists_as_prisma() {
    let dir = case("parity-01-comments-and-bare-field-lists");
    let out = migrate(&dir, &["validate", "--schema", "schema.prisma"], &[]);
    assert!(out.status.success(), "{}", utf8(&out.stderr));
    let out = migrate(
        &dir,
        &["diff", "--from-empty", "--to-schema", "schema.prisma", "--script"],
        &[],
    );
    assert!(out.status.success(), "{}", utf8(&out.stderr));
    let expected = std::fs::read_to_string(dir.join("prisma-6.19.3.sqlite.sql")).unwrap();
    assert_eq!(utf8(&out.stdout), expected, "byte for byte as Prisma wrote it");
    let copy = TempDir::new("parity-01");
    let original = std::fs::read_to_string(dir.join("schema.prisma")).unwrap();
    std::fs::write(copy.0.join("schema.prisma"), &original).unwrap();
    let out = migrate(&copy.0, &["format"], &[]);
    assert!(out.status.success(), "{}", utf8(&out.stderr));
    let formatted = std::fs::read_to_string(copy.0.join("schema.prisma")).unwrap();
    // The comments kept, laid out as Prisma 6.19.3's `prisma format` lays
    // them out (a block comment on lines of its own as `/** ... */`).
    for comment in [
        "\n/**\n * A block comment\n * over two lines.\n */\nmodel Domain {",
        "  lastChecked DateTime /* inline block comment */\n",
        "  /**\n   * Doc-style block comment inside a model.\n   */\n",
    ] {
        assert!(formatted.contains(comment), "lost {comment:?}:\n{formatted}");
    }
}

/// parity-02 (the `name:` part): on `@@index`, `name:` is the database name.
#[test]
fn legacy_index_name_is_the_database_name() {
    let dir = case("parity-02-index-names-and-order");
    let out = migrate(
        &dir,
        &["diff", "--from-empty", "--to-schema", "schema.prisma", "--script"],
        &[],
    );
    assert!(out.status.success(), "{}", utf8(&out.stderr));
    let sql = utf8(&out.stdout);
    let line = "CREATE INDEX \"tag_slug_name\" ON \"Tag\"(\"slug\", \"name\");";
    assert!(sql.contains(line), "{sql}");
    let prisma = std::fs::read_to_string(dir.join("prisma-6.19.3.sqlite.sql")).unwrap();
    assert!(prisma.contains(line), "the case's own Prisma output has it");
}

/// parity-02 (the order part): tables, join tables, indexes and foreign keys
/// in Prisma's order, byte for byte, on SQLite and PostgreSQL (where
/// `diff --from-empty` opens with Prisma's `-- CreateSchema` step).
#[test]
fn parity_02_steps_in_prismas_order() {
    let dir = case("parity-02-index-names-and-order");
    for (schema, golden) in [
        ("schema.prisma", "prisma-6.19.3.sqlite.sql"),
        ("schema.postgresql.prisma", "prisma-6.19.3.postgresql.sql"),
    ] {
        let out = migrate(&dir, &["diff", "--from-empty", "--to-schema", schema, "--script"], &[]);
        assert!(out.status.success(), "{}", utf8(&out.stderr));
        let prisma = std::fs::read_to_string(dir.join(golden)).unwrap();
        assert_eq!(utf8(&out.stdout), prisma, "{schema}");
    }
}
