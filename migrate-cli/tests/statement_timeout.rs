//! Statements are not bounded by default; `--statement-timeout SECONDS` (or
//! `socket_timeout=` in the URL, Prisma's parameter) cancels one that runs
//! longer, on the server too: a CI job never hangs on a stuck statement.

mod common;

use migrate_tests::harness::{DbKind, TempDir, TestDb};
use std::process::Output;
use std::time::{Duration, Instant};

fn execute(dir: &std::path::Path, url: &str, sql: &str, extra: &[&str]) -> (Output, Duration) {
    std::fs::write(dir.join("slow.sql"), sql).unwrap();
    let started = Instant::now();
    let out = common::command(dir, &["db", "execute", "--file", "slow.sql", "--url", url])
        .args(extra)
        .output()
        .unwrap();
    (out, started.elapsed())
}

fn slow_statements_are_cancelled(kind: DbKind) {
    let db = TestDb::new(kind);
    let dir = TempDir::new("statement-timeout");
    let sleep = match kind {
        DbKind::Postgres => "SELECT pg_sleep(4);",
        _ => "SELECT SLEEP(4);",
    };
    // Unbounded by default: the statement runs to its end.
    let (out, took) = execute(&dir.0, &db.url, sleep, &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(took >= Duration::from_secs(4), "{took:?}");
    // The flag, then the URL parameter.
    let with_parameter = format!(
        "{}{}socket_timeout=1",
        db.url,
        if db.url.contains('?') { '&' } else { '?' }
    );
    for (url, extra) in [
        (db.url.as_str(), &["--statement-timeout", "1"][..]),
        (with_parameter.as_str(), &[][..]),
    ] {
        let (out, took) = execute(&dir.0, url, &format!("{sleep}\n{sleep}"), extra);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(took < Duration::from_secs(3), "{took:?}: {stderr}");
        let expected = match kind {
            DbKind::Postgres => "statement timeout",
            _ => "did not finish within 1 s (socket_timeout)",
        };
        assert!(stderr.contains(expected), "{stderr}");
    }
    if kind == DbKind::Mysql {
        // The cancelled statement no longer runs on the server.
        std::thread::sleep(Duration::from_millis(500));
        let mut admin = migrate_tests::servers::BlockingMysql::connect(&db.url).unwrap();
        let running = admin
            .query_strings(
                "SELECT CAST(INFO AS CHAR) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT SLEEP(4)%'",
            )
            .unwrap();
        assert!(running.is_empty(), "still running: {running:?}");
    }
}

/// A migration that runs out of time fails like any failed migration: its
/// row records the failure (on MySQL through a new connection: the one the
/// statement ran on is closed), `status` shows it.
fn a_migration_that_runs_out_of_time_is_recorded_failed(kind: DbKind) {
    let db = TestDb::new(kind);
    let dir = TempDir::new("statement-timeout-deploy");
    let schema = format!(
        "datasource db {{\n  provider = \"{}\"\n  url      = env(\"DATABASE_URL\")\n}}\n",
        kind.provider()
    );
    std::fs::write(dir.0.join("schema.prisma"), schema).unwrap();
    let slow = dir.0.join("migrations/20240101000000_slow");
    std::fs::create_dir_all(&slow).unwrap();
    let sleep = match kind {
        DbKind::Postgres => "SELECT pg_sleep(3);",
        _ => "SELECT SLEEP(3);",
    };
    std::fs::write(slow.join("migration.sql"), format!("{sleep}\n")).unwrap();
    let run = |args: &[&str]| common::migrate_on(&dir.0, &db.url, args);
    let out = run(&["deploy", "--statement-timeout", "1"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("20240101000000_slow") && stderr.contains("P3018"),
        "{stderr}"
    );
    let status = run(&["status"]);
    let report = String::from_utf8_lossy(&status.stdout);
    assert!(report.contains("20240101000000_slow"), "{report}");
    assert!(report.to_lowercase().contains("failed"), "{report}");
}

#[test]
fn postgres() {
    if DbKind::Postgres.selected() {
        slow_statements_are_cancelled(DbKind::Postgres);
        a_migration_that_runs_out_of_time_is_recorded_failed(DbKind::Postgres);
    }
}

#[test]
fn mysql() {
    if DbKind::Mysql.selected() {
        slow_statements_are_cancelled(DbKind::Mysql);
        a_migration_that_runs_out_of_time_is_recorded_failed(DbKind::Mysql);
    }
}
