//! The binary against every database, each test on a fresh database from
//! the harness (PostgreSQL and MySQL/MariaDB from `MIGRATE_TEST_*_URL` or
//! the local servers; a selected server that does not answer fails).

mod common;

use common::{migrate_on, utf8};
use migrate_tests::harness::{DbKind, TempDir, TestDb};
use migrate_tests::per_database;
use std::process::Stdio;

fn project(kind: DbKind) -> TempDir {
    let dir = TempDir::new("server-project");
    std::fs::create_dir_all(dir.0.join("prisma")).unwrap();
    let schema = format!(
        "datasource db {{\n  provider = \"{}\"\n  url      = env(\"DATABASE_URL\")\n}}\n\nmodel User {{\n  id    Int    @id @default(autoincrement())\n  email String @unique\n}}\n",
        kind.provider()
    );
    std::fs::write(dir.0.join("prisma/schema.prisma"), schema).unwrap();
    dir
}

async fn dev_status_diff_pull(kind: DbKind) {
    let db = TestDb::new(kind);
    let p = project(kind);
    let out = migrate_on(&p.0, &db.url, &["dev", "--name", "init"]);
    assert!(out.status.success(), "{}", utf8(&out.stderr));
    let migration = std::fs::read_dir(p.0.join("prisma/migrations"))
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.path().is_dir())
        .unwrap();
    let sql = std::fs::read_to_string(migration.path().join("migration.sql")).unwrap();
    let autoincrement = match kind {
        DbKind::Sqlite => "\"id\" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT",
        DbKind::Postgres => "\"id\" SERIAL NOT NULL",
        DbKind::Mysql => "`id` INTEGER NOT NULL AUTO_INCREMENT",
    };
    assert!(sql.contains(autoincrement), "{sql}");
    let lock = std::fs::read_to_string(p.0.join("prisma/migrations/migration_lock.toml")).unwrap();
    assert!(lock.contains(&format!("provider = \"{}\"", kind.provider())), "{lock}");
    let status = migrate_on(&p.0, &db.url, &["status"]);
    assert!(
        utf8(&status.stdout).contains("Database schema is up to date!"),
        "{}",
        utf8(&status.stderr)
    );
    let diff = migrate_on(
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
        utf8(&diff.stdout),
        utf8(&diff.stderr)
    );
    let pull = migrate_on(&p.0, &db.url, &["db", "pull", "--print"]);
    assert!(utf8(&pull.stdout).contains("model User"), "{}", utf8(&pull.stderr));
}

/// A table that references a table of another PostgreSQL schema: `db pull`
/// refuses, names the key and writes nothing (the pulled file would lack
/// the key, and the next migration would drop it), as Prisma does (P4002).
#[tokio::test]
async fn pull_refuses_a_foreign_key_to_another_schema() {
    let kind = DbKind::Postgres;
    if !kind.selected() {
        return;
    }
    let db = TestDb::new(kind);
    let p = project(kind);
    let mut driver = db.driver().await;
    driver
        .apply_script(
            "CREATE SCHEMA other;\n\
             CREATE TABLE other.tenant (id INTEGER PRIMARY KEY);\n\
             CREATE TABLE account (id INTEGER PRIMARY KEY, tenant_id INTEGER REFERENCES other.tenant (id));",
        )
        .await
        .unwrap();
    let before = std::fs::read_to_string(p.0.join("prisma/schema.prisma")).unwrap();
    let pull = migrate_on(&p.0, &db.url, &["db", "pull"]);
    let stderr = utf8(&pull.stderr);
    assert_eq!(pull.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("`account_tenant_id_fkey` of table `account` references `tenant`"),
        "{stderr}"
    );
    let after = std::fs::read_to_string(p.0.join("prisma/schema.prisma")).unwrap();
    assert_eq!(after, before, "nothing written");
}

/// Eight deploys at once against one database: each migration applied once.
async fn concurrent_deploys_apply_each_migration_once(kind: DbKind) {
    let db = TestDb::new(kind);
    let p = project(kind);
    let pause = match kind {
        DbKind::Sqlite => "",
        DbKind::Postgres => "SELECT pg_sleep(0.05);\n",
        DbKind::Mysql => "DO SLEEP(0.05);\n",
    };
    for i in 0..5 {
        let dir = p.0.join(format!("prisma/migrations/2024010100000{i}_m{i}"));
        std::fs::create_dir_all(&dir).unwrap();
        let sql = format!("CREATE TABLE t{i} (id INTEGER);\nINSERT INTO t{i} VALUES ({i});\n{pause}");
        std::fs::write(dir.join("migration.sql"), sql).unwrap();
    }
    let children: Vec<_> = (0..8)
        .map(|_| {
            common::command(&p.0, &["deploy"])
                .env("DATABASE_URL", &db.url)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", utf8(&out.stderr));
    }
    let mut driver = db.driver().await;
    assert_eq!(driver.history().await.unwrap().len(), 5);
    for i in 0..5 {
        assert_eq!(driver.row_count(&format!("t{i}")).await.unwrap(), 1);
    }
}

per_database!(dev_status_diff_pull, concurrent_deploys_apply_each_migration_once);

fn assert_one_line_without_password(kind: DbKind, url: &str, shown: &str) {
    let out = migrate_on(&project(kind).0, url, &["status"]);
    assert_eq!(out.status.code(), Some(1));
    let err = utf8(&out.stderr);
    assert!(err.contains(shown), "{err}");
    assert!(!err.contains("s3cret-pw"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn connection_errors_are_one_line_without_the_password() {
    assert_one_line_without_password(
        DbKind::Postgres,
        "postgresql://someone:s3cret-pw@127.0.0.1:1/app?connect_timeout=2",
        "someone@127.0.0.1:1/app",
    );
    assert_one_line_without_password(
        DbKind::Mysql,
        "mysql://someone:s3cret-pw@127.0.0.1:1/app?connect_timeout=2",
        "someone@127.0.0.1:1/app",
    );
    // A server that answers and refuses the password.
    if DbKind::Mysql.selected() {
        assert_one_line_without_password(
            DbKind::Mysql,
            "mysql://nobody:s3cret-pw@127.0.0.1:3306/app",
            "nobody@127.0.0.1:3306/app",
        );
    }
}
