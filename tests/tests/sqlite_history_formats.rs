//! A SQLite history Prisma wrote reads back whichever way Prisma wrote its
//! timestamps: integer milliseconds (its engine's way) or RFC 3339 text
//! (through a driver adapter, as Prisma 7 always runs; measured with the
//! Prisma 6.19.3 kit: `2026-11-30T09:26:08.140+00:00`), mixed in one table.

use migrate_core::commands::status;
use migrate_core::migrations::{MigrationsDir, Timestamp};
use migrate_tests::harness::{DbKind, TempDir, TestDb};

#[tokio::test]
async fn text_and_integer_timestamps_read_back_in_order() {
    let project = TempDir::copy_of(
        "sqlite-history-formats",
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/blog"),
    );
    let migrations = MigrationsDir {
        path: project.0.join("migrations"),
    };
    let init = migrations.list().unwrap().remove(0);
    let db = TestDb::new(DbKind::Sqlite);
    let mut driver = db.driver().await;
    driver.create_history_table().await.unwrap();
    driver.apply_script(init.script_text().unwrap()).await.unwrap();
    let rows = format!(
        "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES \
         ('b', '{checksum}', '2026-11-30T09:26:08.140+00:00', '{name}', NULL, NULL, '2026-11-30T09:26:08.129+00:00', 1), \
         ('a', 'x', NULL, '{name}', 'failed', 1764494700000, 1764494700000, 0);",
        checksum = init.checksum,
        name = init.name,
    );
    driver.apply_script(&rows).await.unwrap();
    let history = driver.history().await.unwrap();
    assert_eq!(
        history.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        ["a", "b"],
        "by instant"
    );
    assert_eq!(history[1].finished_at, Timestamp::from_text("2026-11-30T09:26:08.140Z"));
    assert_eq!(history[1].started_at, Timestamp(1_796_030_768_129));
    let state = status(driver.as_mut(), &migrations).await.unwrap();
    assert!(state.is_up_to_date(), "{}", state.report());
}
