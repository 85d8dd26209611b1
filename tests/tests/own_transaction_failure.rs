//! A script with a transaction of its own (`BEGIN; ... COMMIT;`) that fails
//! inside it: the database rolls back what the transaction held, so the
//! failure counts as applied only what ran outside it (or was committed),
//! which is what `deploy` and `status` then tell the user to undo. (They
//! counted every statement that ran, and told users to undo a table the
//! database had already rolled back.) MySQL is not here: its DDL commits
//! itself, whatever the transaction.

use migrate_tests::harness::{DbKind, TestDb};

async fn only_what_ran_outside_the_failed_transaction_stays(kind: DbKind) {
    let db = TestDb::new(kind);
    let mut driver = db.driver().await;
    let failure = driver
        .apply_script(&kind.sql(
            "CREATE TABLE \"kept\" (\"x\" INTEGER);\n\
             BEGIN;\n\
             CREATE TABLE \"undone\" (\"x\" INTEGER);\n\
             INSERT INTO \"nope\" VALUES (1);\n\
             COMMIT;",
        ))
        .await
        .expect_err("the insert fails");
    // On PostgreSQL the `BEGIN` takes the statement before it into its
    // transaction, as in the one query Prisma sends; SQLite runs each
    // statement before it on its own.
    let kept: &[&str] = match kind {
        DbKind::Postgres => &[],
        _ => &["kept"],
    };
    assert_eq!(failure.applied_steps as usize, kept.len(), "what stays: {kept:?}");
    assert!(!failure.rolled_back);
    let tables = driver.introspect().await.unwrap();
    let names: Vec<&str> = tables.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, kept, "the database rolled the transaction back");

    let committed = driver
        .apply_script(&kind.sql(
            "BEGIN;\n\
             CREATE TABLE \"first\" (\"x\" INTEGER);\n\
             COMMIT;\n\
             BEGIN;\n\
             CREATE TABLE \"second\" (\"x\" INTEGER);\n\
             INSERT INTO \"nope\" VALUES (1);\n\
             COMMIT;",
        ))
        .await
        .expect_err("the insert fails");
    assert_eq!(
        committed.applied_steps, 3,
        "BEGIN, CREATE TABLE and COMMIT of the first block"
    );
}

#[tokio::test]
async fn sqlite() {
    only_what_ran_outside_the_failed_transaction_stays(DbKind::Sqlite).await
}

#[tokio::test]
async fn postgres() {
    if DbKind::Postgres.selected() {
        only_what_ran_outside_the_failed_transaction_stays(DbKind::Postgres).await
    }
}
