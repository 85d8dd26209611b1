//! Statements are not bounded by default; `--statement-timeout SECONDS` (or
//! `socket_timeout=` in the URL, Prisma's parameter) cancels one that runs
//! longer, on the server too: a CI job never hangs on a stuck statement.

use migrate_tests::harness::{DbKind, TempDir, TestDb};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn execute(dir: &std::path::Path, url: &str, sql: &str, extra: &[&str]) -> (Output, Duration) {
    std::fs::write(dir.join("slow.sql"), sql).unwrap();
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_migrate"))
        .args(["db", "execute", "--file", "slow.sql", "--url", url])
        .args(extra)
        .current_dir(dir)
        .stdin(Stdio::null())
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
        let mut admin = driver_mysql::MysqlDriver::connect(&db.url, None).unwrap();
        let running = admin
            .query_strings(
                "SELECT CAST(INFO AS CHAR) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT SLEEP(4)%'",
            )
            .unwrap();
        assert!(running.is_empty(), "still running: {running:?}");
    }
}

#[test]
fn postgres() {
    if DbKind::Postgres.selected() {
        slow_statements_are_cancelled(DbKind::Postgres);
    }
}

#[test]
fn mysql() {
    if DbKind::Mysql.selected() {
        slow_statements_are_cancelled(DbKind::Mysql);
    }
}
