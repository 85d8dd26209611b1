//! The library's main use: migrations compiled into the binary, deployed
//! at start-up from async code on a multi-thread runtime, by 8 tasks at
//! once (8 replicas starting together). The migration lock lets one task
//! apply each migration; the others find nothing pending. (SQLite's run of
//! the same is in `migrate/tests/embedded_sqlite.rs`.)

use migrate::{EmbeddedMigrations, Migrator};
use migrate_tests::harness::{DbKind, TestDb};

static POSTGRES: EmbeddedMigrations = migrate::embed_migrations!("../examples/blog-postgres/migrations");
static MYSQL: EmbeddedMigrations = migrate::embed_migrations!("fixtures/embedded/mysql");
static SQLITE: EmbeddedMigrations = migrate::embed_migrations!("../examples/blog/migrations");

async fn eight_tasks_deploy_at_once(kind: DbKind, migrations: &'static EmbeddedMigrations) {
    let Some(db) = TestDb::if_selected(kind) else {
        return;
    };
    // The database exists and is empty; SQLite's file is created by its first session.
    drop(db.driver().await);
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let url = db.url.clone();
            tokio::spawn(async move {
                let mut driver = migrate::connect(&url).await.expect("connect");
                let applied = Migrator::new(migrations).deploy(driver.as_mut()).await.expect("deploy");
                driver.close().await.expect("close");
                applied.names
            })
        })
        .collect();
    let mut applied = Vec::new();
    for task in tasks {
        applied.extend(task.await.expect("the task ran to its end"));
    }
    let expected: Vec<&str> = migrations.migrations.iter().map(|m| m.name).collect();
    assert_eq!(applied, expected, "each migration applied by exactly one task");
    let mut driver = db.driver().await;
    let history = driver.history().await.unwrap();
    assert_eq!(
        history.len(),
        expected.len(),
        "one history row per migration: {history:?}"
    );
    assert!(history.iter().all(|r| r.is_applied()), "{history:?}");
    let migrator = Migrator::new(migrations);
    let status = migrator.status(driver.as_mut()).await.unwrap();
    assert!(status.is_up_to_date(), "{}", status.report());
    let drift = migrator.diff(driver.as_mut()).await.unwrap();
    assert!(drift.is_empty(), "the database is what its migrations build: {drift:?}");
    driver.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres() {
    eight_tasks_deploy_at_once(DbKind::Postgres, &POSTGRES).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn mysql() {
    eight_tasks_deploy_at_once(DbKind::Mysql, &MYSQL).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite() {
    eight_tasks_deploy_at_once(DbKind::Sqlite, &SQLITE).await;
}

/// Every database the library registers has a harness entry, so every
/// scenario runs on it: a new driver without one fails here.
#[tokio::test]
async fn every_registered_database_is_tested() {
    for database in migrate::databases() {
        let kind = DbKind::of(database.provider);
        let Some(db) = TestDb::if_selected(kind) else {
            continue;
        };
        let mut driver = db.driver().await;
        assert_eq!(driver.dialect().provider(), database.provider);
        assert!(driver.introspect().await.unwrap().tables.is_empty());
    }
}

/// Migrations written for another database are refused before anything
/// runs, by every `Migrator` command (P3019), `diff` included.
#[tokio::test]
async fn another_databases_migrations_are_refused_with_p3019() {
    let db = TestDb::new(DbKind::Sqlite);
    let mut driver = db.driver().await;
    let migrator = Migrator::new(&POSTGRES);
    assert_eq!(
        migrator.deploy(driver.as_mut()).await.unwrap_err().code(),
        Some("P3019")
    );
    assert_eq!(
        migrator.status(driver.as_mut()).await.unwrap_err().code(),
        Some("P3019")
    );
    assert_eq!(migrator.diff(driver.as_mut()).await.unwrap_err().code(), Some("P3019"));
    assert!(driver.introspect().await.unwrap().tables.is_empty(), "nothing ran");
}
