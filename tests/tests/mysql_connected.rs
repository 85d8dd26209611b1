//! The MySQL driver's connected part against a real server (MariaDB here):
//! history rows, statement-by-statement apply, the named lock, shadow
//! databases, reset. Each test on its own database.

use driver_mysql::MysqlDriver;
use migrate_core::driver::{Driver, DriverError};
use migrate_core::migrations::{HistoryRow, Timestamp};
use migrate_core::testing::started_history_row;
use migrate_tests::servers::ServerDatabase;

async fn database() -> Option<(ServerDatabase, MysqlDriver)> {
    ServerDatabase::mysql_session().await
}

async fn one(driver: &mut MysqlDriver, sql: &str) -> Option<String> {
    driver.query_strings(sql).await.unwrap().into_iter().next().flatten()
}

#[tokio::test]
async fn history_rows_keep_prismas_columns_and_millisecond_timestamps() {
    let Some((_db, mut driver)) = database().await else {
        return;
    };
    assert!(!driver.history_table_exists().await.unwrap());
    driver.create_history_table().await.unwrap();
    assert!(driver.history_table_exists().await.unwrap());
    let columns = driver
        .query_strings(
            "SELECT CONCAT(column_name, ' ', column_type, ' ', is_nullable) FROM information_schema.columns \
             WHERE table_schema = DATABASE() AND table_name = '_prisma_migrations' ORDER BY ordinal_position",
        )
        .await
        .unwrap();
    // MySQL 8 drops the display width MariaDB shows (`int(10) unsigned`).
    let columns: Vec<String> = columns
        .into_iter()
        .flatten()
        .map(|c| c.replace("int(10)", "int"))
        .collect();
    assert_eq!(
        columns,
        [
            "id varchar(36) NO",
            "checksum varchar(64) NO",
            "finished_at datetime(3) YES",
            "migration_name varchar(255) NO",
            "logs text YES",
            "rolled_back_at datetime(3) YES",
            "started_at datetime(3) NO",
            "applied_steps_count int unsigned NO",
        ]
    );
    let collation = one(
        &mut driver,
        "SELECT table_collation FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = '_prisma_migrations'",
    ).await;
    assert_eq!(collation.as_deref(), Some("utf8mb4_unicode_ci"));

    let first = started_history_row("20240101000000_init");
    driver.insert_history(&first).await.unwrap();
    let done = HistoryRow {
        finished_at: Some(Timestamp(1_700_000_001_456)),
        logs: Some("it's \\ fine; \"quoted\"".into()),
        applied_steps_count: 3,
        ..first.clone()
    };
    driver.update_history(&done).await.unwrap();
    driver
        .insert_history(&started_history_row("20240102000000_next"))
        .await
        .unwrap();
    let rows = driver.history().await.unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0], done);
    assert_eq!(rows[1].migration_name, "20240102000000_next");
}

/// `mysqldump`-style executable comments are sent to the server, which runs
/// them: each counts as a step, and their effects are there afterwards.
#[tokio::test]
async fn executable_comments_run_on_the_server() {
    let Some((_db, mut driver)) = database().await else {
        return;
    };
    driver.create_history_table().await.unwrap();
    let script = "/*!40101 CREATE TABLE `from_comment` (`id` INTEGER) */;\n/*M!100100 INSERT INTO `from_comment` VALUES (1) */;\n/*!99999 DROP TABLE `from_comment` */;\n/* a plain comment; not run */\n";
    let started = started_history_row("20240101000000_dump");
    driver.apply_migration(script, &started).await.unwrap();
    let rows = driver.history().await.unwrap();
    // The `/*!99999` statement is sent too: the server skips it by version.
    assert_eq!(rows[0].applied_steps_count, 3);
    assert_eq!(driver.row_count(&"from_comment".into()).await.unwrap(), 1);
}

#[tokio::test]
async fn a_migration_failing_at_its_third_statement_records_how_far_it_got() {
    let Some((_db, mut driver)) = database().await else {
        return;
    };
    driver.create_history_table().await.unwrap();
    let script = "-- CreateTable\nCREATE TABLE `a` (`id` INTEGER, `note` VARCHAR(20) DEFAULT 'x;y');\n\nINSERT INTO `a` VALUES (1, 'semi;colon');\n\nINSERT INTO `missing` VALUES (1);\n\nCREATE TABLE `b` (`id` INTEGER);\n";
    let started = started_history_row("20240101000000_partial");
    let err = driver.apply_migration(script, &started).await.unwrap_err();
    assert_eq!(err.applied_steps, 2);
    assert!(!err.rolled_back);
    assert_eq!(err.statement.as_deref(), Some("INSERT INTO `missing` VALUES (1)"));
    assert!(
        matches!(&err.error, DriverError::Query { code: Some(code), message } if code == "1146" && message.contains("missing")),
        "{:?}",
        err.error
    );
    // The row was written before the script ran and counts what ran.
    let rows = driver.history().await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].applied_steps_count, rows[0].finished_at), (2, None));
    assert_eq!(driver.row_count(&"a".into()).await.unwrap(), 1);
    let tables = driver.introspect().await.unwrap();
    assert!(tables.table("b").is_none(), "nothing after the failing statement ran");

    let ok = started_history_row("20240102000000_ok");
    driver
        .apply_migration("CREATE TABLE `c` (`id` INTEGER);\nINSERT INTO `c` VALUES (1);\n", &ok)
        .await
        .unwrap();
    let finished = driver
        .history()
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.migration_name == "20240102000000_ok")
        .unwrap();
    assert_eq!(finished.applied_steps_count, 2);
    assert!(finished.finished_at.is_some());
}

#[tokio::test]
async fn the_named_lock_is_held_until_unlocked_or_disconnected() {
    let Some((db, mut holder)) = database().await else {
        return;
    };
    let mut other = MysqlDriver::connect(&db.url, None).await.unwrap();
    let holder_id = one(&mut holder, "SELECT CONNECTION_ID()").await.unwrap();
    let user = "SELECT IS_USED_LOCK('prisma_migrate')";
    holder.lock().await.unwrap();
    assert_eq!(one(&mut other, user).await.as_deref(), Some(holder_id.as_str()));
    holder.unlock().await.unwrap();
    assert_ne!(one(&mut other, user).await.as_deref(), Some(holder_id.as_str()));
    holder.lock().await.unwrap();
    drop(holder);
    // The server ends a closed session's thread asynchronously: give it a moment.
    let mut released = false;
    for _ in 0..100 {
        released = one(&mut other, user).await.as_deref() != Some(holder_id.as_str());
        if released {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(released, "a closed session never keeps the lock (waited 5 s)");
}

async fn shadow_databases(driver: &mut MysqlDriver) -> Vec<String> {
    let prefix = format!("prisma_migrate_shadow_db_%\\_{}\\_%", std::process::id());
    let sql = format!("SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE '{prefix}'");
    driver
        .query_strings(&sql)
        .await
        .unwrap()
        .into_iter()
        .flatten()
        .collect()
}

#[tokio::test]
async fn shadow_databases_are_dropped_when_closed() {
    let Some((_db, mut driver)) = database().await else {
        return;
    };
    let before = shadow_databases(&mut driver).await;
    let mut shadow = driver.create_shadow().await.unwrap();
    shadow.apply_script("CREATE TABLE `t` (`id` INTEGER);").await.unwrap();
    assert_eq!(shadow_databases(&mut driver).await.len(), before.len() + 1);
    assert!(
        driver.introspect().await.unwrap().table("t").is_none(),
        "not in the main database"
    );
    shadow.close().await.unwrap();
    assert_eq!(shadow_databases(&mut driver).await, before);
}

#[tokio::test]
async fn reset_recreates_the_database_with_prismas_charset() {
    let Some((_db, mut driver)) = database().await else {
        return;
    };
    driver.execute("ALTER DATABASE CHARACTER SET latin1").await.unwrap();
    driver
        .apply_script("CREATE TABLE `a` (`id` INTEGER PRIMARY KEY);\nCREATE VIEW `v` AS SELECT `id` FROM `a`;")
        .await
        .unwrap();
    driver.create_history_table().await.unwrap();
    driver.reset().await.unwrap();
    assert!(driver.introspect().await.unwrap().tables.is_empty());
    assert!(!driver.history_table_exists().await.unwrap());
    let views = one(
        &mut driver,
        "SELECT COUNT(*) FROM information_schema.views WHERE table_schema = DATABASE()",
    )
    .await;
    assert_eq!(views.as_deref(), Some("0"));
    let charset = one(
        &mut driver,
        "SELECT CONCAT(default_character_set_name, ' ', default_collation_name) FROM information_schema.schemata WHERE schema_name = DATABASE()",
    ).await;
    assert_eq!(charset.as_deref(), Some("utf8mb4 utf8mb4_unicode_ci"));
}

#[tokio::test]
async fn a_url_without_a_database_or_with_a_wrong_password_is_explained() {
    let Some((_db, _driver)) = database().await else { return };
    let err = MysqlDriver::connect("mysql://root@127.0.0.1:3306/", None)
        .await
        .err()
        .unwrap();
    assert!(err.to_string().contains("names no database"), "{err}");
    let err = MysqlDriver::connect("mysql://nobody:s3cret-pw@127.0.0.1:3306/app", None)
        .await
        .err()
        .unwrap();
    let text = err.to_string();
    assert!(
        text.contains("nobody@127.0.0.1:3306/app") && !text.contains("s3cret-pw"),
        "{text}"
    );
    assert!(!text.contains('\n'), "one line: {text}");
    assert_eq!(
        err.code(),
        Some("P1000"),
        "credentials refused, as Prisma's P1000: {text}"
    );
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let err = MysqlDriver::connect(&format!("mysql://root@127.0.0.1:{port}/app"), None)
        .await
        .err()
        .unwrap();
    assert_eq!(
        err.code(),
        Some("P1001"),
        "nothing listens there, as Prisma's P1001: {err}"
    );
}

#[tokio::test]
async fn ssl_modes_prefer_falls_back_and_require_refuses_a_server_without_tls() {
    let Some((db, mut driver)) = database().await else {
        return;
    };
    let has_tls = one(&mut driver, "SELECT @@have_ssl").await.as_deref() == Some("YES");
    let with = |query: &str| format!("{}?{query}", db.url);
    let mut preferred = MysqlDriver::connect(&with("sslmode=prefer"), None).await.unwrap();
    let cipher = preferred
        .query_strings(
            "SELECT VARIABLE_VALUE FROM information_schema.session_status WHERE VARIABLE_NAME = 'Ssl_cipher'",
        )
        .await
        .unwrap();
    let encrypted = cipher.into_iter().flatten().any(|c| !c.is_empty());
    assert_eq!(encrypted, has_tls, "prefer encrypts exactly when the server offers TLS");
    let required = MysqlDriver::connect(&with("sslmode=require&sslaccept=accept_invalid_certs"), None).await;
    match required {
        Ok(_) => assert!(has_tls),
        Err(e) => {
            assert!(!has_tls, "{e}");
            assert!(matches!(e, DriverError::Connection { .. }), "{e}");
            assert!(e.to_string().contains("sslmode=prefer"), "says what to do: {e}");
        }
    }
    assert!(MysqlDriver::connect(&with("sslmode=disable"), None).await.is_ok());
}
