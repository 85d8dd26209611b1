//! The connected driver on the caller's tokio runtime, against the server of
//! `MIGRATE_TEST_MYSQL_URL` (else the conventional local address), each
//! test on a database of its own: history rows, statement-by-statement
//! apply, the named lock, shadow databases (closed, or dropped without
//! closing), reset, the statement timeout, and drivers dropped outside
//! their runtime. The `tests` crate covers the rest.

use driver_mysql::MysqlDriver;
use migrate_core::driver::{Driver, DriverError};
use migrate_core::migrations::{HistoryRow, Timestamp};
use migrate_core::testing::server::{unique_database_name, TestDatabase, TestServer};
use migrate_core::testing::started_history_row;
use std::time::{Duration, Instant};

/// A database of its own for this test (dropped when the value is), or
/// `None`, said on stderr, when `MIGRATE_TEST_DATABASES` leaves MySQL out.
fn fresh_database() -> Option<TestDatabase> {
    TestServer::of(&driver_mysql::DATABASE)?.fresh_database()
}

async fn one(driver: &mut MysqlDriver, sql: &str) -> Option<String> {
    driver.query_strings(sql).await.unwrap().into_iter().next().flatten()
}

/// Whether the server has a database of this name.
async fn database_exists(driver: &mut MysqlDriver, name: &str) -> bool {
    let sql = format!("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '{name}'");
    one(driver, &sql).await.as_deref() == Some("1")
}

/// Creates a table of a name no other test uses in the shadow database and
/// finds that database by it: its name.
async fn shadow_name(main: &mut MysqlDriver, shadow: &mut dyn Driver) -> String {
    let marker = unique_database_name();
    shadow
        .apply_script(&format!("CREATE TABLE `{marker}` (`id` INTEGER)"))
        .await
        .unwrap();
    let sql = format!("SELECT table_schema FROM information_schema.tables WHERE table_name = '{marker}'");
    let name = one(main, &sql)
        .await
        .expect("the shadow database holds the marker table");
    assert!(name.starts_with("prisma_migrate_shadow_db_"), "{name}");
    name
}

#[tokio::test]
async fn history_apply_lock_shadow_and_reset_on_a_fresh_database() {
    let Some(db) = fresh_database() else { return };
    let mut driver = MysqlDriver::connect(&db.url, None).await.unwrap();

    // History.
    assert!(!driver.history_table_exists().await.unwrap());
    driver.create_history_table().await.unwrap();
    assert!(driver.history_table_exists().await.unwrap());
    let first = started_history_row("20240101000000_init");
    driver.insert_history(&first).await.unwrap();
    assert_eq!(driver.history().await.unwrap(), std::slice::from_ref(&first));
    let done = HistoryRow {
        finished_at: Some(Timestamp(1_700_000_001_456)),
        logs: Some("it's \\ fine; \"quoted\"".into()),
        applied_steps_count: 1,
        ..first
    };
    driver.update_history(&done).await.unwrap();
    assert_eq!(driver.history().await.unwrap(), [done]);

    // A script that fails at its third statement: two stay applied.
    let script = "CREATE TABLE `a` (`id` INTEGER, `note` VARCHAR(20) DEFAULT 'x;y');\nINSERT INTO `a` VALUES (1, 'semi;colon');\nINSERT INTO `missing` VALUES (1);\nCREATE TABLE `b` (`id` INTEGER);\n";
    let err = driver.apply_script(script).await.unwrap_err();
    assert_eq!(err.applied_steps, 2);
    assert!(!err.rolled_back);
    assert_eq!(err.statement.as_deref(), Some("INSERT INTO `missing` VALUES (1)"));
    assert!(
        matches!(&err.error, DriverError::Query { code: Some(code), .. } if code == "1146"),
        "{:?}",
        err.error
    );
    assert_eq!(driver.row_count(&"a".into()).await.unwrap(), 1);
    assert!(driver.introspect().await.unwrap().table("b").is_none());
    // As a migration, its row counts the statements that ran.
    let partial = started_history_row("20240102000000_partial");
    let script = "CREATE TABLE `c` (`id` INTEGER);\nINSERT INTO `c` VALUES (1);\nINSERT INTO `missing` VALUES (1);\n";
    let err = driver.apply_migration(script, &partial).await.unwrap_err();
    assert_eq!(err.applied_steps, 2);
    let recorded = driver.history().await.unwrap();
    let recorded = recorded.iter().find(|r| r.id == partial.id).unwrap();
    assert_eq!((recorded.applied_steps_count, recorded.finished_at), (2, None));

    // The named lock, held by this session until released.
    let mine = "SELECT IS_USED_LOCK('prisma_migrate') = CONNECTION_ID()";
    driver.lock().await.unwrap();
    assert_eq!(one(&mut driver, mine).await.as_deref(), Some("1"));
    driver.unlock().await.unwrap();
    assert_eq!(one(&mut driver, mine).await, None, "nobody holds it");
    // Another session's lock goes with it when its driver is dropped (the
    // server ends the session's thread asynchronously: polled).
    let mut holder = MysqlDriver::connect(&db.url, None).await.unwrap();
    holder.lock().await.unwrap();
    let held = "SELECT IS_USED_LOCK('prisma_migrate') IS NOT NULL";
    assert_eq!(one(&mut driver, held).await.as_deref(), Some("1"));
    drop(holder);
    let deadline = Instant::now() + Duration::from_secs(5);
    while one(&mut driver, held).await.as_deref() == Some("1") {
        assert!(
            Instant::now() < deadline,
            "a dropped driver's lock is still held after 5 s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // A shadow database, gone once closed.
    let mut shadow = driver.create_shadow().await.unwrap();
    let name = shadow_name(&mut driver, shadow.as_mut()).await;
    assert!(database_exists(&mut driver, &name).await);
    assert!(driver.introspect().await.unwrap().table("a").is_some());
    shadow.close().await.unwrap();
    assert!(!database_exists(&mut driver, &name).await, "{name} is dropped by close");

    // Reset.
    driver.reset().await.unwrap();
    assert!(driver.introspect().await.unwrap().tables.is_empty());
    assert!(!driver.history_table_exists().await.unwrap());
    Box::new(driver).close().await.unwrap();
}

/// A migration that locks tables, as `mysqldump` writes its data (`LOCK
/// TABLES ... WRITE`, the rows, `UNLOCK TABLES`), applies and is recorded:
/// its row is out of reach while the tables are locked, so the step count
/// waits for the unlock. One that ends still holding locks is recorded
/// too, and so is one that fails while holding them, with its count.
#[tokio::test]
async fn migrations_that_lock_tables_apply_and_are_recorded() {
    let Some(db) = fresh_database() else { return };
    let mut driver = MysqlDriver::connect(&db.url, None).await.unwrap();
    driver.create_history_table().await.unwrap();
    let dump = "CREATE TABLE `item` (`id` INTEGER PRIMARY KEY, `name` VARCHAR(20));\n\
                LOCK TABLES `item` WRITE;\n\
                INSERT INTO `item` VALUES (1, 'a'), (2, 'b');\n\
                UNLOCK TABLES;\n\
                CREATE INDEX `item_name` ON `item` (`name`);\n";
    let row = started_history_row("20240101000000_dump");
    driver.apply_migration(dump, &row).await.unwrap();
    let held = "LOCK TABLES `item` WRITE;\nINSERT INTO `item` VALUES (3, 'c');\n";
    let left_locked = started_history_row("20240102000000_left_locked");
    driver.apply_migration(held, &left_locked).await.unwrap();
    let failing =
        "LOCK TABLES `item` WRITE;\nINSERT INTO `item` VALUES (4, 'd');\nINSERT INTO `item` VALUES (4, 'again');\n";
    let failed = started_history_row("20240103000000_failing");
    let err = driver.apply_migration(failing, &failed).await.unwrap_err();
    assert_eq!(err.applied_steps, 2);
    assert!(
        matches!(&err.error, DriverError::Query { code: Some(code), .. } if code == "1062"),
        "{:?}",
        err.error
    );
    // The failure can be recorded: the session holds no table lock.
    let recorded = HistoryRow {
        logs: Some("failed".into()),
        applied_steps_count: err.applied_steps,
        ..failed.clone()
    };
    driver.update_history(&recorded).await.unwrap();
    let mut history = driver.history().await.unwrap();
    history.sort_by(|a, b| a.migration_name.cmp(&b.migration_name));
    let steps: Vec<(u32, bool)> = history
        .iter()
        .map(|r| (r.applied_steps_count, r.finished_at.is_some()))
        .collect();
    assert_eq!(steps, [(5, true), (2, true), (2, false)]);
    assert_eq!(driver.row_count(&"item".into()).await.unwrap(), 4);
    Box::new(driver).close().await.unwrap();
}

/// A shadow driver dropped without `close` (a cancelled task) still drops
/// its database, on a thread of its own: not awaited, so polled here.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shadow_dropped_without_close_is_dropped_in_the_background() {
    let Some(db) = fresh_database() else { return };
    let mut driver = MysqlDriver::connect(&db.url, None).await.unwrap();
    let mut shadow = driver.create_shadow().await.unwrap();
    let name = shadow_name(&mut driver, shadow.as_mut()).await;
    let task = tokio::spawn(async move {
        shadow.introspect().await.unwrap();
        std::future::pending::<()>().await;
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    task.abort();
    assert!(task.await.unwrap_err().is_cancelled());
    let deadline = Instant::now() + Duration::from_secs(10);
    while database_exists(&mut driver, &name).await {
        assert!(Instant::now() < deadline, "{name} is still there after 10 s");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// mysql_async's `Drop for Conn` spawns its goodbye on the current runtime
/// when there is one: dropping drivers (and a shadow database) after their
/// runtime ended, inside another runtime, or as a runtime shuts its tasks
/// down, never panics.
#[test]
fn drivers_dropped_outside_their_runtime_do_not_panic() {
    let Some(db) = fresh_database() else { return };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (main, shadow, name) = runtime.block_on(async {
        let mut main = MysqlDriver::connect(&db.url, None).await.unwrap();
        let mut shadow = main.create_shadow().await.unwrap();
        let name = shadow_name(&mut main, shadow.as_mut()).await;
        (main, shadow, name)
    });
    let other = runtime.block_on(MysqlDriver::connect(&db.url, None)).unwrap();
    // After their runtime ended, outside any.
    drop(runtime);
    drop(shadow);
    drop(other);

    // In another runtime; and the shadow database is gone meanwhile.
    let later = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let main = later.block_on(async {
        drop(main);
        let mut main = MysqlDriver::connect(&db.url, None).await.unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        while database_exists(&mut main, &name).await {
            assert!(Instant::now() < deadline, "{name} is still there after 10 s");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        main
    });

    // In a task that the runtime's shutdown drops.
    let shutting_down = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let (connected, ready) = std::sync::mpsc::channel();
    let url = db.url.clone();
    shutting_down.spawn(async move {
        let driver = MysqlDriver::connect(&url, None).await.unwrap();
        connected.send(()).unwrap();
        std::future::pending::<()>().await;
        drop(driver);
    });
    ready.recv_timeout(Duration::from_secs(10)).unwrap();
    drop(shutting_down);
    // Outside any runtime, its own still running.
    drop(main);
}

/// A statement longer than `socket_timeout` is cancelled on the server and
/// the session goes on, on a new connection.
#[tokio::test]
async fn a_statement_over_socket_timeout_is_cancelled_and_the_session_goes_on() {
    let Some(db) = fresh_database() else { return };
    let separator = if db.url.contains('?') { '&' } else { '?' };
    let url = format!("{}{separator}socket_timeout=1", db.url);
    let mut driver = MysqlDriver::connect(&url, None).await.unwrap();
    let started = Instant::now();
    let err = driver.execute("SELECT SLEEP(5)").await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(4), "{:?}", started.elapsed());
    assert!(
        err.to_string()
            .contains("did not finish within 1 s (socket_timeout) and was cancelled"),
        "{err}"
    );
    assert_eq!(one(&mut driver, "SELECT 1").await.as_deref(), Some("1"));
    let mut admin = MysqlDriver::connect(&db.url, None).await.unwrap();
    let running = "SELECT COUNT(*) FROM information_schema.processlist WHERE info = 'SELECT SLEEP(5)'";
    let deadline = Instant::now() + Duration::from_secs(3);
    while one(&mut admin, running).await.as_deref() != Some("0") {
        assert!(Instant::now() < deadline, "the statement still runs on the server");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
