//! The connected driver on a real PostgreSQL: shadow databases, reset,
//! and what a role without CREATEDB is told.

#[path = "common/pg.rs"]
mod pg;

use driver_postgres::PostgresDriver;
use migrate_core::driver::{Driver, DriverError};
use pg::{test_database, TestDatabase};
use std::time::{Duration, Instant};

/// The shadow databases of this process on the server.
async fn shadow_count(driver: &mut PostgresDriver) -> i64 {
    let ours = format!("prisma_migrate_shadow_db_%_{}_%", std::process::id());
    let sql = "SELECT count(*) FROM pg_database WHERE datname LIKE $1";
    driver.client().query_one(sql, &[&ours]).await.unwrap().get(0)
}

/// Dropped without `close` (a cancelled task), a shadow driver's database
/// is dropped by the fallback, on a thread of its own, by the time the
/// driver is; `close` drops it, awaited. (One test: the count is of this
/// process's shadow databases, which parallel tests would change.)
#[tokio::test]
async fn shadow_databases_are_dropped_with_their_driver() {
    let db = test_database!();
    let mut driver = PostgresDriver::connect(&db.url, None).await.unwrap();
    {
        let mut shadow = driver.create_shadow().await.unwrap();
        shadow
            .apply_script("CREATE TABLE \"t\" (\"id\" INTEGER);")
            .await
            .unwrap();
        assert_eq!(
            shadow_count(&mut driver).await,
            1,
            "the shadow database exists while in use"
        );
    }
    assert_eq!(shadow_count(&mut driver).await, 0, "and is dropped with its driver");

    let mut shadow = driver.create_shadow().await.unwrap();
    shadow
        .apply_script("CREATE TABLE \"t\" (\"id\" INTEGER);")
        .await
        .unwrap();
    assert_eq!(shadow_count(&mut driver).await, 1, "a second one exists while in use");
    shadow.close().await.expect("close drops the shadow database");
    assert_eq!(shadow_count(&mut driver).await, 0, "and is gone once closed");
    Box::new(driver).close().await.expect("the main session closes");
}

#[tokio::test]
async fn reset_drops_tables_types_sequences_views_and_history() {
    let db = test_database!();
    let mut driver = PostgresDriver::connect(&db.url, None).await.unwrap();
    driver.create_history_table().await.unwrap();
    driver
        .apply_script(
            "CREATE TYPE \"Mood\" AS ENUM ('a'); CREATE SEQUENCE \"s\"; CREATE TABLE \"t\" (\"id\" SERIAL PRIMARY KEY, \"m\" \"Mood\"); CREATE VIEW \"v\" AS SELECT * FROM \"t\";",
        ).await
        .unwrap();
    driver.reset().await.unwrap();
    let objects: i64 = driver
        .client()
        .query_one(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    let types: i64 = driver
        .client()
        .query_one("SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'Mood'", &[]).await
        .unwrap()
        .get(0);
    assert_eq!((objects, types), (0, 0));
    assert!(!driver.history_table_exists().await.unwrap());
}

#[tokio::test]
async fn a_role_that_cannot_create_databases_is_told_what_to_configure() {
    let mut db = test_database!();
    let role = format!("migrate_nocreatedb_{}", std::process::id());
    db.apply(&format!(
        "DROP ROLE IF EXISTS \"{role}\"; CREATE ROLE \"{role}\" LOGIN NOCREATEDB;"
    ))
    .await;
    let url = db.url.replacen("postgres@", &format!("{role}:pw-secret@"), 1);
    let mut driver = PostgresDriver::connect(&url, None).await.unwrap();
    let message = driver
        .create_shadow()
        .await
        .err()
        .expect("no CREATEDB, no shadow database")
        .to_string();
    db.apply(&format!("DROP ROLE IF EXISTS \"{role}\";")).await;
    assert!(
        message.contains("P3014") && message.contains("CREATEDB") && message.contains("shadowDatabaseUrl"),
        "{message}"
    );
    assert!(!message.contains("pw-secret"), "{message}");
}

/// A server that accepts the connection and never answers: the whole
/// start-up (TLS negotiation included) is bounded by `connect_timeout`, in
/// every `sslmode`. No PostgreSQL server needed.
#[tokio::test]
async fn a_server_that_never_answers_fails_within_connect_timeout() {
    // Never accepted: the kernel completes the TCP handshake, nothing replies.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    for mode in ["disable", "prefer", "require"] {
        let url = format!("postgres://u:pw-secret@127.0.0.1:{port}/db?connect_timeout=1&sslmode={mode}");
        let started = Instant::now();
        let Err(DriverError::Connection { message, .. }) = PostgresDriver::connect(&url, None).await else {
            panic!("{mode}: a silent server must fail the connection");
        };
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "{mode}: {:?}",
            started.elapsed()
        );
        assert!(
            message.contains("no answer within 1 s (connect_timeout)"),
            "{mode}: {message}"
        );
        assert!(!message.contains("pw-secret"), "{mode}: {message}");
    }
}

/// A role the server does not know is Prisma's P1000 (credentials
/// refused), a port nothing listens on its P1001 (server unreachable);
/// neither message shows the password.
#[tokio::test]
async fn refused_credentials_and_closed_ports_carry_prismas_codes() {
    let db = test_database!();
    let (scheme, rest) = db.url.split_once("://").unwrap();
    let address = rest.split_once('@').map_or(rest, |(_, address)| address);
    let stranger = format!("{scheme}://migrate_no_such_role:pw-secret@{address}");
    let refused = PostgresDriver::connect(&stranger, None).await.err().unwrap();
    assert_eq!(refused.code(), Some("P1000"), "{refused}");
    assert!(refused.to_string().starts_with("P1000: "), "{refused}");
    assert!(!refused.to_string().contains("pw-secret"), "{refused}");

    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let url = format!("postgres://u:pw-secret@127.0.0.1:{port}/db?sslmode=disable");
    let unreachable = PostgresDriver::connect(&url, None).await.err().unwrap();
    assert_eq!(unreachable.code(), Some("P1001"), "{unreachable}");
    assert!(!unreachable.to_string().contains("pw-secret"), "{unreachable}");

    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let url = format!("postgres://u@127.0.0.1:{port}/db?connect_timeout=1");
    let timed_out = PostgresDriver::connect(&url, None).await.err().unwrap();
    assert_eq!(
        timed_out.code(),
        Some("P1001"),
        "no answer within connect_timeout: {timed_out}"
    );
}

/// A migration and its history row go to the server as one query (or, for
/// a name a backslash-escaping server could misread, as a transaction of
/// their own): either way the row reads back as written, and a failing
/// script leaves neither its tables nor a row.
#[tokio::test]
async fn a_migration_commits_with_its_row_or_not_at_all() {
    let db = test_database!();
    let mut driver = PostgresDriver::connect(&db.url, None).await.unwrap();
    driver.create_history_table().await.unwrap();
    for name in ["20240101000000_it's", r"20240102000000_back\slash"] {
        let row = migrate_core::testing::started_history_row(name);
        let table = format!("CREATE TABLE \"t{}\" (\"id\" INTEGER); -- no newline", &name[..14]);
        driver.apply_migration(&table, &row).await.unwrap();
        let stored = driver
            .history()
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.id == row.id)
            .unwrap();
        assert_eq!(stored.migration_name, name);
        assert_eq!(stored.checksum, row.checksum);
        assert_eq!(stored.started_at, row.started_at, "milliseconds kept");
        assert!(
            stored.finished_at.is_some() && stored.applied_steps_count == 1,
            "{stored:?}"
        );
    }
    let row = migrate_core::testing::started_history_row("20240103000000_fails");
    let failure = driver
        .apply_migration(
            "CREATE TABLE \"kept\" (\"id\" INTEGER);\nSELECT * FROM \"missing\";",
            &row,
        )
        .await
        .unwrap_err();
    assert!(failure.rolled_back, "{failure:?}");
    assert!(driver.history().await.unwrap().iter().all(|r| r.id != row.id), "no row");
    assert!(driver.introspect().await.unwrap().table("kept").is_none(), "no table");
}

/// Replicas starting together against a missing database all create it:
/// the ones that lose the race see it taken, and carry on.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn creating_a_missing_database_at_once_from_four_tasks() {
    let Some(server) = migrate_core::testing::server::TestServer::of(&driver_postgres::DATABASE) else {
        return;
    };
    if !server.selected() {
        return;
    }
    let absent =
        migrate_core::testing::server::TestDatabase::absent(&driver_postgres::DATABASE, &server.url()).unwrap();
    let tasks: Vec<_> = (0..4)
        .map(|_| {
            let url = absent.url.clone();
            tokio::spawn(async move { driver_postgres::create_database(&url).await })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    assert!(absent.exists().unwrap());
}
