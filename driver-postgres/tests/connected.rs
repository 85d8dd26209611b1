//! The connected driver on a real PostgreSQL: shadow databases, reset,
//! and what a role without CREATEDB is told.

#[path = "common/pg.rs"]
mod pg;

use driver_postgres::PostgresDriver;
use migrate_core::driver::Driver;
use pg::{test_database, TestDatabase};

#[test]
fn shadow_databases_are_dropped_with_their_driver() {
    let db = test_database!();
    let mut driver = PostgresDriver::connect(&db.url, None).unwrap();
    let ours = format!("prisma_migrate_shadow_db_%_{}_%", std::process::id());
    let count = |driver: &mut PostgresDriver| -> i64 {
        let sql = "SELECT count(*) FROM pg_database WHERE datname LIKE $1";
        driver.client().query_one(sql, &[&ours]).unwrap().get(0)
    };
    {
        let mut shadow = driver.create_shadow().unwrap();
        shadow.apply_script("CREATE TABLE \"t\" (\"id\" INTEGER);").unwrap();
        assert_eq!(count(&mut driver), 1, "the shadow database exists while in use");
    }
    assert_eq!(count(&mut driver), 0, "and is dropped with its driver");
}

#[test]
fn reset_drops_tables_types_sequences_views_and_history() {
    let db = test_database!();
    let mut driver = PostgresDriver::connect(&db.url, None).unwrap();
    driver.create_history_table().unwrap();
    driver
        .apply_script(
            "CREATE TYPE \"Mood\" AS ENUM ('a'); CREATE SEQUENCE \"s\"; CREATE TABLE \"t\" (\"id\" SERIAL PRIMARY KEY, \"m\" \"Mood\"); CREATE VIEW \"v\" AS SELECT * FROM \"t\";",
        )
        .unwrap();
    driver.reset().unwrap();
    let objects: i64 = driver
        .client()
        .query_one(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'",
            &[],
        )
        .unwrap()
        .get(0);
    let types: i64 = driver
        .client()
        .query_one("SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'Mood'", &[])
        .unwrap()
        .get(0);
    assert_eq!((objects, types), (0, 0));
    assert!(!driver.history_table_exists().unwrap());
}

#[test]
fn a_role_that_cannot_create_databases_is_told_what_to_configure() {
    let mut db = test_database!();
    let role = format!("migrate_nocreatedb_{}", std::process::id());
    db.apply(&format!(
        "DROP ROLE IF EXISTS \"{role}\"; CREATE ROLE \"{role}\" LOGIN NOCREATEDB;"
    ));
    let url = pg::with_database(&db.url, &db.name).replacen("postgres@", &format!("{role}:pw-secret@"), 1);
    let mut driver = PostgresDriver::connect(&url, None).unwrap();
    let message = driver
        .create_shadow()
        .err()
        .expect("no CREATEDB, no shadow database")
        .to_string();
    db.apply(&format!("DROP ROLE IF EXISTS \"{role}\";"));
    assert!(
        message.contains("P3014") && message.contains("CREATEDB") && message.contains("shadowDatabaseUrl"),
        "{message}"
    );
    assert!(!message.contains("pw-secret"), "{message}");
}
