//! `deploy` and `status` over many targets: 50 SQLite files, 50
//! PostgreSQL schemas (from a file and from a query) and 20 MariaDB
//! databases, each run with one target broken on purpose. Every good
//! target gets each migration once, the broken one is named with its error
//! (never a password), the exit code is 1, and a second run finds the good
//! targets up to date.

mod common;

use common::{command, text, write};
use migrate_tests::harness::{DbKind, TempDir, TestDb};
use std::path::Path;
use std::process::Output;

const MIGRATIONS: usize = 3;

/// A project of `provider` with three migrations in SQL every database reads.
fn project(dir: &Path, provider: &str) {
    write(
        dir,
        "prisma/schema.prisma",
        &format!("datasource db {{\n  provider = \"{provider}\"\n  url      = env(\"DATABASE_URL\")\n}}\n"),
    );
    write(
        dir,
        "prisma/migrations/migration_lock.toml",
        &format!("provider = \"{provider}\"\n"),
    );
    for i in 1..=MIGRATIONS {
        write(
            dir,
            &format!("prisma/migrations/2024010100000{i}_m{i}/migration.sql"),
            &format!("CREATE TABLE t{i} (id INTEGER PRIMARY KEY, note VARCHAR(20));\n"),
        );
    }
}

fn run(dir: &Path, env_url: Option<&str>, args: &[&str]) -> Output {
    let mut command = command(dir, args);
    if let Some(url) = env_url {
        command.env("DATABASE_URL", url);
    }
    command.output().unwrap()
}

/// The summary line `name  count`, as a number.
fn count(out: &Output, name: &str) -> usize {
    let all = text(out);
    let line = all
        .lines()
        .find(|l| l.trim_start().starts_with(name) && l.trim_end().ends_with(|c: char| c.is_ascii_digit()))
        .unwrap_or_else(|| panic!("no `{name}` line in:\n{all}"));
    line.split_whitespace().last().unwrap().parse().unwrap()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// The history rows of the database `url` (through the registry).
fn history_rows(url: &str) -> usize {
    runtime().block_on(async {
        let mut driver = migrate::connect(url).await.unwrap();
        let rows = driver.history().await.unwrap();
        assert!(rows.iter().all(|r| r.finished_at.is_some()), "{rows:?}");
        let _ = driver.close().await;
        rows.len()
    })
}

#[test]
fn deploy_to_fifty_sqlite_files_with_one_broken() {
    let dir = TempDir::new("fan-out-sqlite");
    project(&dir.0, "sqlite");
    std::fs::create_dir_all(dir.0.join("tenants")).unwrap();
    let mut list = String::from("# tenants\n\n");
    for i in 1..=50 {
        list.push_str(&format!("file:./tenants/{i}.db\n"));
        if i == 25 {
            list.push_str("file:./no-such-folder/broken.db\n");
        }
    }
    write(&dir.0, "targets.txt", &list);

    let first = run(&dir.0, None, &["deploy", "--targets", "targets.txt", "--jobs", "8"]);
    assert_eq!(first.status.code(), Some(1), "{}", text(&first));
    assert_eq!(count(&first, "Applied"), 50, "{}", text(&first));
    assert_eq!(count(&first, "Failed"), 1);
    assert!(
        text(&first).contains("Failed targets:\n  file:./no-such-folder/broken.db\n"),
        "{}",
        text(&first)
    );
    for i in [1, 25, 50] {
        let url = format!("file:{}", dir.0.join(format!("tenants/{i}.db")).display());
        assert_eq!(history_rows(&url), MIGRATIONS);
    }

    let second = run(&dir.0, None, &["deploy", "--targets", "targets.txt"]);
    assert_eq!(count(&second, "Already up to date"), 50, "{}", text(&second));
    assert_eq!(count(&second, "Applied"), 0);

    let status = run(&dir.0, None, &["status", "--targets", "targets.txt"]);
    assert_eq!(status.status.code(), Some(1), "the broken target fails status too");
    assert_eq!(count(&status, "Up to date"), 50, "{}", text(&status));
}

#[test]
fn deploy_to_fifty_postgres_schemas_with_one_broken() {
    let Some(db) = TestDb::if_selected(DbKind::Postgres) else {
        return;
    };
    let dir = TempDir::new("fan-out-postgres");
    project(&dir.0, "postgresql");
    let mut list = String::new();
    for i in 1..=50 {
        list.push_str(&format!("tenant_{i}\n"));
    }
    list.push_str("tenant_broken\n");
    write(&dir.0, "schemas.txt", &list);
    // A schema with a table but no history: deploy refuses it (P3005).
    runtime().block_on(async {
        let mut driver = migrate::connect(&db.url).await.unwrap();
        driver
            .apply_script("CREATE SCHEMA tenant_broken; CREATE TABLE tenant_broken.t1 (id INTEGER PRIMARY KEY);")
            .await
            .unwrap();
        let _ = driver.close().await;
    });

    let first = run(
        &dir.0,
        Some(&db.url),
        &["deploy", "--schemas", "schemas.txt", "--jobs", "8"],
    );
    assert_eq!(first.status.code(), Some(1), "{}", text(&first));
    assert_eq!(count(&first, "Applied"), 50, "{}", text(&first));
    assert_eq!(count(&first, "Failed"), 1);
    assert!(text(&first).contains("?schema=tenant_broken\n    "), "{}", text(&first));
    assert!(text(&first).contains("P3005"), "{}", text(&first));
    for i in [1, 50] {
        assert_eq!(history_rows(&format!("{}?schema=tenant_{i}", db.url)), MIGRATIONS);
    }

    // The same tenants found by a query; the broken one left out.
    let query =
        "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant\\_%' AND nspname <> 'tenant_broken' ORDER BY 1";
    let second = run(&dir.0, Some(&db.url), &["deploy", "--schemas-query", query]);
    assert!(second.status.success(), "{}", text(&second));
    assert_eq!(count(&second, "Already up to date"), 50, "{}", text(&second));
    let status = run(&dir.0, Some(&db.url), &["status", "--schemas-query", query]);
    assert!(status.status.success(), "{}", text(&status));
    assert_eq!(count(&status, "Up to date"), 50);
}

#[test]
fn deploy_to_twenty_mariadb_databases_with_one_broken() {
    let Some(db) = TestDb::if_selected(DbKind::Mysql) else {
        return;
    };
    let dir = TempDir::new("fan-out-mysql");
    project(&dir.0, "mysql");
    let server = db.url.rsplit_once('/').unwrap().0.to_string();
    let base = db.url.rsplit_once('/').unwrap().1.to_string();
    let names: Vec<String> = (1..=20).map(|i| format!("{base}_t{i}")).collect();
    drop_databases(&server, &names);
    let mut list: String = names.iter().map(|n| format!("{server}/{n}\n")).collect();
    let broken = format!(
        "mysql://nobody:wr0ng-s3cret@{}/{base}_broken\n",
        server.trim_start_matches("mysql://").rsplit('@').next().unwrap()
    );
    list.push_str(&broken);
    write(&dir.0, "targets.txt", &list);

    let first = run(&dir.0, None, &["deploy", "--targets", "targets.txt", "--jobs", "4"]);
    assert_eq!(first.status.code(), Some(1), "{}", text(&first));
    assert_eq!(count(&first, "Applied"), 20, "{}", text(&first));
    assert_eq!(count(&first, "Failed"), 1);
    assert!(
        !text(&first).contains("wr0ng-s3cret"),
        "a password shown:\n{}",
        text(&first)
    );
    assert!(text(&first).contains("nobody@"), "{}", text(&first));
    for name in [&names[0], &names[19]] {
        assert_eq!(history_rows(&format!("{server}/{name}")), MIGRATIONS);
    }
    let second = run(&dir.0, None, &["deploy", "--targets", "targets.txt"]);
    assert_eq!(count(&second, "Already up to date"), 20, "{}", text(&second));
    drop_databases(&server, &names);
}

fn drop_databases(server: &str, names: &[String]) {
    runtime().block_on(async {
        let mut admin = driver_mysql::MysqlDriver::connect_server(&format!("{server}/"))
            .await
            .unwrap();
        for name in names {
            admin
                .execute(&format!("DROP DATABASE IF EXISTS `{name}`"))
                .await
                .unwrap();
        }
    });
}

#[test]
fn an_empty_list_of_targets_is_nothing_to_do() {
    let dir = TempDir::new("fan-out-empty");
    project(&dir.0, "sqlite");
    write(&dir.0, "targets.txt", "# no tenant yet\n\n");
    let out = run(&dir.0, None, &["deploy", "--targets", "targets.txt"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("The list of targets is empty: nothing to do."),
        "{}",
        text(&out)
    );
}
