//! The workflow through the `migrate` binary on SQLite: what a person types,
//! exit codes, files, rows. Engine-level scenarios for every database live in
//! the tests crate; this covers what only the binary does (flags, `.env`,
//! prompts refused without a terminal, seeds, processes killed mid-way).

mod common;

use common::{command, migrate, utf8};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};

const SCHEMA: &str = "datasource db {\n  provider = \"sqlite\"\n  url      = env(\"DATABASE_URL\")\n}\n\nmodel User {\n  id    Int    @id @default(autoincrement())\n  email String @unique\n}\n";

struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("migrate-workflow-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("prisma")).unwrap();
        TempDir(dir)
    }

    fn write(&self, rel: &str, text: &str) {
        common::write(&self.0, rel, text)
    }

    fn db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.0.join("prisma/dev.db")).unwrap()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn project() -> TempDir {
    let dir = TempDir::new();
    dir.write("prisma/schema.prisma", SCHEMA);
    dir.write(".env", "DATABASE_URL=\"file:./dev.db\"\n");
    dir
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = migrate(dir, args);
    assert!(
        out.status.success(),
        "{args:?}: {}{}",
        utf8(&out.stdout),
        utf8(&out.stderr)
    );
    utf8(&out.stdout)
}

fn count(db: &rusqlite::Connection, sql: &str) -> i64 {
    db.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn dev_status_reset_through_the_binary() {
    let p = project();
    let out = ok(&p.0, &["dev", "--name", "init"]);
    assert!(out.contains("_init"), "{out}");
    assert!(ok(&p.0, &["status"]).contains("Database schema is up to date!"));
    assert!(ok(&p.0, &["dev"]).contains("Already in sync"));

    p.write(
        "prisma/schema.prisma",
        &SCHEMA.replace("  email String @unique\n", "  email String @unique\n  name  String?\n"),
    );
    // Without a terminal and without --name, Prisma 6 names the migration
    // by its timestamp alone; so does migrate.
    let out = ok(&p.0, &["dev"]);
    let unnamed: Vec<String> = std::fs::read_dir(p.0.join("prisma/migrations"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.len() == 14 && n.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    assert_eq!(unnamed.len(), 1, "{out}");

    // status: exit 1 with a pending migration.
    p.write(
        "prisma/migrations/29990101000000_later/migration.sql",
        "CREATE TABLE \"Later\" (\"id\" INTEGER);\n",
    );
    let st = migrate(&p.0, &["status"]);
    assert_eq!(st.status.code(), Some(1));
    assert!(
        utf8(&st.stdout).contains("have not yet been applied:\n  29990101000000_later"),
        "{}",
        utf8(&st.stdout)
    );

    let refused = migrate(&p.0, &["reset"]);
    assert_eq!(refused.status.code(), Some(1), "reset needs --force without a terminal");
    assert!(utf8(&refused.stderr).contains("--force"));
    p.db()
        .execute("INSERT INTO \"User\" (\"email\") VALUES ('x@y')", [])
        .unwrap();
    let out = ok(&p.0, &["reset", "--force", "--skip-seed"]);
    assert!(out.contains("29990101000000_later"), "{out}");
    assert_eq!(count(&p.db(), "SELECT count(*) FROM \"User\""), 0);
    assert_eq!(
        count(
            &p.db(),
            "SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL"
        ),
        3
    );
}

#[test]
fn url_flag_overrides_and_missing_env_is_explained() {
    let p = project();
    std::fs::remove_file(p.0.join(".env")).unwrap();
    let out = migrate(&p.0, &["deploy"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(utf8(&out.stderr).contains("DATABASE_URL"), "{}", utf8(&out.stderr));
    let other = p.0.join("other.db");
    let url = format!("file:{}", other.display());
    ok(&p.0, &["dev", "--name", "init", "--url", &url]);
    assert!(other.exists());
    let wrong = migrate(&p.0, &["status", "--url", "postgresql://u:hunter2@localhost/db"]);
    assert_eq!(wrong.status.code(), Some(1));
    let err = utf8(&wrong.stderr);
    assert!(err.contains("sqlite") && !err.contains("hunter2"), "{err}");
}

#[test]
fn db_push_execute_and_seed() {
    let p = project();
    assert!(ok(&p.0, &["db", "push"]).contains("in sync"));
    p.db()
        .execute("INSERT INTO \"User\" (\"email\") VALUES ('x@y')", [])
        .unwrap();
    p.write("prisma/schema.prisma", &SCHEMA.replace("  email String @unique\n", ""));
    let refused = migrate(&p.0, &["db", "push"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        utf8(&refused.stderr).contains("--accept-data-loss"),
        "{}",
        utf8(&refused.stderr)
    );
    ok(&p.0, &["db", "push", "--accept-data-loss"]);
    assert_eq!(count(&p.db(), "SELECT count(*) FROM \"User\""), 1);

    p.write(
        "fix.sql",
        "CREATE TABLE \"Audit\" (\"id\" INTEGER);\nINSERT INTO \"Audit\" VALUES (1);\n",
    );
    ok(&p.0, &["db", "execute", "--file", "fix.sql"]);
    assert_eq!(count(&p.db(), "SELECT count(*) FROM \"Audit\""), 1);
    let mut child = command(&p.0, &["db", "execute", "--stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"INSERT INTO \"Audit\" VALUES (2);")
        .unwrap();
    assert!(child.wait().unwrap().success());
    assert_eq!(count(&p.db(), "SELECT count(*) FROM \"Audit\""), 2);
    let bad = migrate(&p.0, &["db", "execute", "--file", "missing.sql"]);
    assert_eq!(bad.status.code(), Some(1));

    p.write("migrate.toml", "[seed]\ncommand = \"echo seeded > seeded.txt\"\n");
    ok(&p.0, &["db", "seed"]);
    assert!(p.0.join("seeded.txt").exists());
    std::fs::remove_file(p.0.join("seeded.txt")).unwrap();
    ok(&p.0, &["reset", "--force"]);
    assert!(p.0.join("seeded.txt").exists(), "reset runs the seed");
}

#[test]
fn prisma_project_deploys_and_is_up_to_date() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/prisma_project");
    let p = TempDir::new();
    for rel in [
        "prisma/schema.prisma",
        "prisma/migrations/migration_lock.toml",
        "prisma/migrations/20240101000000_init/migration.sql",
        "prisma/migrations/20240215093000_add_profile/migration.sql",
    ] {
        p.write(rel, &std::fs::read_to_string(fixture.join(rel)).unwrap());
    }
    p.write(".env", "DATABASE_URL=file:./dev.db\n");
    let out = ok(&p.0, &["deploy"]);
    assert!(out.contains("20240215093000_add_profile"), "{out}");
    assert!(ok(&p.0, &["status"]).contains("Database schema is up to date!"));
    assert!(ok(&p.0, &["dev"]).contains("Already in sync"));

    // The history table is Prisma's, column for column.
    let db = p.db();
    let mut stmt = db
        .prepare("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('_prisma_migrations')")
        .unwrap();
    let cols: Vec<(String, String, i64, Option<String>, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let expected = [
        ("id", "TEXT", 1, None, 1),
        ("checksum", "TEXT", 1, None, 0),
        ("finished_at", "DATETIME", 0, None, 0),
        ("migration_name", "TEXT", 1, None, 0),
        ("logs", "TEXT", 0, None, 0),
        ("rolled_back_at", "DATETIME", 0, None, 0),
        ("started_at", "DATETIME", 1, Some("current_timestamp"), 0),
        ("applied_steps_count", "INTEGER UNSIGNED", 1, Some("0"), 0),
    ];
    let got: Vec<(&str, &str, i64, Option<&str>, i64)> = cols
        .iter()
        .map(|(a, b, c, d, e)| (a.as_str(), b.as_str(), *c, d.as_deref(), *e))
        .collect();
    assert_eq!(got, expected);

    // Rows as Prisma writes them: uuid ids, sha256 checksums, ms timestamps.
    let script = std::fs::read(fixture.join("prisma/migrations/20240101000000_init/migration.sql")).unwrap();
    let (id, checksum, steps, logs, started, finished): (String, String, i64, Option<String>, i64, i64) = db
        .query_row("SELECT id, checksum, applied_steps_count, logs, started_at, finished_at FROM _prisma_migrations WHERE migration_name = '20240101000000_init'", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })
        .unwrap();
    assert_eq!(id.len(), 36);
    assert_eq!(id.as_bytes()[14], b'4', "uuid v4");
    assert_eq!(checksum, migrate_core::migrations::checksum::checksum(&script));
    assert_eq!((steps, logs), (1, None));
    assert!(started > 1_600_000_000_000 && finished >= started, "ms since epoch");
}

/// A deploy killed in the middle of a migration leaves nothing of it; the
/// next deploy applies it exactly once.
#[test]
fn killed_deploy_is_applied_exactly_once_on_retry() {
    let p = project();
    ok(&p.0, &["dev", "--name", "init"]);
    let slow = "CREATE TABLE \"Big\" (\"x\" INTEGER);\nWITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 3000000) INSERT INTO \"Big\" SELECT x FROM c;\n";
    p.write("prisma/migrations/29990101000000_slow/migration.sql", slow);
    let mut child = command(&p.0, &["deploy"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(400));
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(
        !status.success(),
        "the deploy was killed before it finished (make the migration slower if this fails)"
    );

    let rows = count(
        &p.db(),
        "SELECT count(*) FROM _prisma_migrations WHERE migration_name = '29990101000000_slow'",
    );
    assert_eq!(rows, 0, "nothing of the killed migration is recorded");
    ok(&p.0, &["deploy"]);
    let db = p.db();
    assert_eq!(count(&db, "SELECT count(*) FROM \"Big\""), 3_000_000);
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM _prisma_migrations WHERE migration_name = '29990101000000_slow'"
        ),
        1
    );
    assert!(ok(&p.0, &["status"]).contains("up to date"));
}

/// The acceptance, literally, for every SQLite fixture: `dev`, then
/// `diff --from-url --to-schema --exit-code` exits 0; `db pull`, then the same
/// diff exits 0; pulling twice gives identical text.
#[test]
fn every_fixture_dev_diff_pull_round_trip() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/schemas");
    let mut checked = 0;
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let path = entry.unwrap().path();
        let files: Vec<PathBuf> = if path.is_dir() {
            std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()).collect()
        } else {
            vec![path.clone()]
        };
        let texts: Vec<(String, String)> = files
            .iter()
            .map(|f| {
                (
                    f.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read_to_string(f).unwrap(),
                )
            })
            .collect();
        if !texts.iter().any(|(_, t)| t.contains("provider = \"sqlite\"")) {
            continue;
        }
        let p = TempDir::new();
        let schema_arg = if path.is_dir() {
            "prisma/schema"
        } else {
            "prisma/schema.prisma"
        };
        for (name, text) in &texts {
            let rel = if path.is_dir() {
                format!("prisma/schema/{name}")
            } else {
                schema_arg.to_string()
            };
            p.write(&rel, text);
        }
        let url = format!("file:{}", p.0.join("fixture.db").display());
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let run = |args: &[&str]| {
            let mut all: Vec<&str> = args.to_vec();
            all.extend(["--schema", schema_arg]);
            migrate(&p.0, &all)
        };
        let dev = run(&["dev", "--name", "init", "--url", &url]);
        assert!(dev.status.success(), "{name}: dev: {}", utf8(&dev.stderr));
        let same = |when: &str| {
            let out = migrate(
                &p.0,
                &["diff", "--from-url", &url, "--to-schema", schema_arg, "--exit-code"],
            );
            assert_eq!(
                out.status.code(),
                Some(0),
                "{name} {when}: {}{}",
                utf8(&out.stdout),
                utf8(&out.stderr)
            );
        };
        same("after dev");
        let pull = run(&["db", "pull", "--url", &url]);
        assert!(pull.status.success(), "{name}: pull: {}", utf8(&pull.stderr));
        same("after pull");
        let first: Vec<String> = files_text(&p.0.join(schema_arg));
        assert!(run(&["db", "pull", "--url", &url]).status.success());
        assert_eq!(first, files_text(&p.0.join(schema_arg)), "{name}: pulling twice");
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} SQLite fixtures found");
}

fn files_text(path: &Path) -> Vec<String> {
    if path.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "prisma"))
            .collect();
        files.sort();
        files.iter().map(|f| std::fs::read_to_string(f).unwrap()).collect()
    } else {
        vec![std::fs::read_to_string(path).unwrap()]
    }
}

/// Prisma migrates over `directUrl` when the datasource has one (`url` is
/// then the application's pooled connection, which may not run DDL).
#[test]
fn migrations_go_over_the_direct_url() {
    let p = TempDir::new();
    p.write(
        "prisma/schema.prisma",
        &SCHEMA.replace(
            "  url      = env(\"DATABASE_URL\")\n",
            "  url      = env(\"DATABASE_URL\")\n  directUrl = env(\"DIRECT_URL\")\n",
        ),
    );
    p.write(
        ".env",
        "DATABASE_URL=\"file:./pooled.db\"\nDIRECT_URL=\"file:./dev.db\"\n",
    );
    ok(&p.0, &["dev", "--name", "init"]);
    assert_eq!(
        count(&p.db(), "SELECT count(*) FROM sqlite_master WHERE name = 'User'"),
        1
    );
    assert!(
        !p.0.join("prisma/pooled.db").exists(),
        "nothing goes over the pooled URL"
    );
}

/// `dev` keeps what the migrations folder builds in `prisma/.migrate-cache/`
/// (git-ignored), `--no-cache` leaves it alone, `cache clear` empties it.
#[test]
fn dev_keeps_a_replay_cache_beside_the_migrations() {
    let dir = project();
    assert!(migrate(&dir.0, &["dev", "--name", "init"]).status.success());
    let cache = dir.0.join("prisma/.migrate-cache");
    let entries = |d: &Path| {
        std::fs::read_dir(d)
            .map(|r| {
                r.filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "json"))
                    .count()
            })
            .unwrap_or(0)
    };
    assert!(entries(&cache) >= 2, "the empty history and the folder with `init`");
    assert_eq!(
        std::fs::read_to_string(cache.join(".gitignore"))
            .unwrap()
            .lines()
            .last(),
        Some("*")
    );

    let cleared = migrate(&dir.0, &["cache", "clear"]);
    assert!(cleared.status.success());
    assert!(
        String::from_utf8_lossy(&cleared.stdout).contains("Removed"),
        "{cleared:?}"
    );
    assert_eq!(entries(&cache), 0);

    dir.write(
        "prisma/schema.prisma",
        &SCHEMA.replace("email String @unique", "email String @unique\n  name  String?"),
    );
    let out = migrate(&dir.0, &["dev", "--name", "name", "--no-cache"]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(entries(&cache), 0, "--no-cache writes nothing");
    assert!(migrate(&dir.0, &["dev"]).status.success());
    assert!(entries(&cache) >= 1, "a run with the cache fills it again");
}

/// `status` prints Prisma's lines: the count, one blank line, the verdict.
#[test]
fn status_reads_as_prismas() {
    let dir = project();
    ok(&dir.0, &["dev", "--name", "init"]);
    let out = ok(&dir.0, &["status"]);
    assert!(
        out.ends_with("1 migration found in prisma/migrations\n\nDatabase schema is up to date!\n"),
        "{out:?}"
    );
}
