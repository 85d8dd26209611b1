//! The binary against a real PostgreSQL (a fresh database per test, from
//! `MIGRATE_TEST_POSTGRES_URL` or the local server; the test fails when
//! none answers).

use migrate_tests::harness::{DbKind, TempDir};
use migrate_tests::servers::ServerDatabase;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const SCHEMA: &str = "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n\nmodel User {\n  id    Int    @id @default(autoincrement())\n  email String @unique\n}\n";

fn migrate(dir: &Path, url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_migrate"))
        .args(args)
        .current_dir(dir)
        .env("CI", "1")
        .env("DATABASE_URL", url)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn project() -> TempDir {
    let dir = TempDir::new("pg-project");
    std::fs::create_dir_all(dir.0.join("prisma")).unwrap();
    std::fs::write(dir.0.join("prisma/schema.prisma"), SCHEMA).unwrap();
    dir
}

fn selected() -> bool {
    DbKind::Postgres.selected()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn dev_status_pull_on_postgres() {
    if !selected() {
        return;
    }
    let db = ServerDatabase::postgres();
    let p = project();
    let out = migrate(&p.0, &db.url, &["dev", "--name", "init"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let sql = std::fs::read_dir(p.0.join("prisma/migrations"))
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.path().is_dir());
    let sql = std::fs::read_to_string(sql.unwrap().path().join("migration.sql")).unwrap();
    assert!(sql.contains("\"id\" SERIAL NOT NULL"), "{sql}");
    let lock = std::fs::read_to_string(p.0.join("prisma/migrations/migration_lock.toml")).unwrap();
    assert!(lock.contains("provider = \"postgresql\""));
    let status = migrate(&p.0, &db.url, &["status"]);
    assert!(
        text(&status.stdout).contains("Database schema is up to date!"),
        "{}",
        text(&status.stderr)
    );
    let diff = migrate(
        &p.0,
        &db.url,
        &[
            "diff",
            "--from-url",
            &db.url,
            "--to-schema",
            "prisma/schema.prisma",
            "--exit-code",
        ],
    );
    assert_eq!(
        diff.status.code(),
        Some(0),
        "{}{}",
        text(&diff.stdout),
        text(&diff.stderr)
    );
    let pull = migrate(&p.0, &db.url, &["db", "pull", "--print"]);
    assert!(text(&pull.stdout).contains("model User"), "{}", text(&pull.stderr));
}

/// Eight deploys at once against one database: each migration applied once.
#[test]
fn concurrent_deploys_apply_each_migration_once() {
    if !selected() {
        return;
    }
    let db = ServerDatabase::postgres();
    let p = project();
    for i in 0..5 {
        let dir = p.0.join(format!("prisma/migrations/2024010100000{i}_m{i}"));
        std::fs::create_dir_all(&dir).unwrap();
        let sql = format!(
            "CREATE TABLE \"T{i}\" (\"id\" INTEGER);\nINSERT INTO \"T{i}\" VALUES ({i});\nSELECT pg_sleep(0.05);\n"
        );
        std::fs::write(dir.join("migration.sql"), sql).unwrap();
    }
    let children: Vec<_> = (0..8)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_migrate"))
                .arg("deploy")
                .current_dir(&p.0)
                .env("DATABASE_URL", &db.url)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    let mut client = postgres::Client::connect(&db.url, postgres::NoTls).unwrap();
    let rows: i64 = client
        .query_one("SELECT count(*) FROM _prisma_migrations", &[])
        .unwrap()
        .get(0);
    assert_eq!(rows, 5);
    for i in 0..5 {
        let n: i64 = client
            .query_one(&format!("SELECT count(*) FROM \"T{i}\""), &[])
            .unwrap()
            .get(0);
        assert_eq!(n, 1);
    }
}

#[test]
fn connection_errors_are_one_line_without_the_password() {
    let p = project();
    let url = "postgresql://someone:s3cret-pw@127.0.0.1:1/app?connect_timeout=2";
    let out = migrate(&p.0, url, &["status"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("someone@127.0.0.1:1/app"), "{err}");
    assert!(!err.contains("s3cret-pw"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
