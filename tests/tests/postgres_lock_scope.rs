//! PostgreSQL's migration lock is per schema among `migrate` processes
//! (the schemas of one database, a fan-out's tenants, migrate at once) and
//! still database-wide against Prisma, whose `pg_advisory_lock(72707369)`
//! is exclusive while ours on that key is shared.

use migrate_core::driver::Driver;
use migrate_tests::harness::{DbKind, TestDb};
use std::time::Duration;

async fn on_schema(db: &TestDb, schema: &str) -> Box<dyn Driver> {
    migrate::connect(&format!("{}?schema={schema}", db.url)).await.unwrap()
}

async fn one(driver: &mut Box<dyn Driver>, sql: &str) -> String {
    driver.query_column(sql).await.unwrap().remove(0).unwrap_or_default()
}

#[tokio::test]
async fn two_schemas_lock_at_once_and_one_schema_once() {
    let Some(db) = TestDb::if_selected(DbKind::Postgres) else {
        return;
    };
    let mut a = on_schema(&db, "tenant_a").await;
    let mut b = on_schema(&db, "tenant_b").await;
    let mut a_again = on_schema(&db, "tenant_a").await;
    a.lock().await.unwrap();
    tokio::time::timeout(Duration::from_secs(2), b.lock())
        .await
        .expect("another schema's lock is free")
        .unwrap();
    let waiting = tokio::time::timeout(Duration::from_millis(500), a_again.lock()).await;
    assert!(waiting.is_err(), "the same schema's lock is held");
    // Prisma's exclusive lock on its key waits for both.
    let mut prisma = migrate::connect(&db.url).await.unwrap();
    assert_eq!(one(&mut prisma, "SELECT pg_try_advisory_lock(72707369)").await, "f");
    a.unlock().await.unwrap();
    b.unlock().await.unwrap();
    assert_eq!(one(&mut prisma, "SELECT pg_try_advisory_lock(72707369)").await, "t");
    assert_eq!(one(&mut prisma, "SELECT pg_advisory_unlock(72707369)").await, "t");
}

#[tokio::test]
async fn a_prisma_process_holding_its_lock_keeps_every_schema_waiting() {
    let Some(db) = TestDb::if_selected(DbKind::Postgres) else {
        return;
    };
    let mut prisma = migrate::connect(&db.url).await.unwrap();
    one(&mut prisma, "SELECT pg_advisory_lock(72707369)").await;
    let mut tenant = on_schema(&db, "tenant_c").await;
    let waiting = tokio::time::timeout(Duration::from_millis(500), tenant.lock()).await;
    assert!(waiting.is_err(), "Prisma's lock excludes migrate on every schema");
    one(&mut prisma, "SELECT pg_advisory_unlock(72707369)").await;
    tokio::time::timeout(Duration::from_secs(2), tenant.lock())
        .await
        .expect("free once Prisma let go")
        .unwrap();
    tenant.unlock().await.unwrap();
}
