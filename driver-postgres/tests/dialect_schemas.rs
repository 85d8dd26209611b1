//! Whole schemas from empty: the reference schema byte for byte against the
//! migration Prisma 6.19 wrote, every PostgreSQL fixture, and the blog
//! example under a PostgreSQL datasource; every script runs on a real
//! database. Then the fixture evolutions (before → after, with their seed
//! rows) under PostgreSQL.

#[path = "common/dialect_builders.rs"]
mod builders;
#[path = "common/pg.rs"]
mod pg;

use builders::*;
use pg::{test_database, TestDatabase};
use std::path::Path;

const PRISMA_REFERENCE: &str = include_str!("../../../shared/reference/prisma-6.19-init.postgresql.sql");
const REFERENCE_SCHEMA: &str = include_str!("../../../shared/reference/init.schema.prisma");
/// An empty `public` schema with the extensions the fixtures use, which
/// the schema model does not carry yet.
const RESET: &str = "DROP SCHEMA public CASCADE; CREATE SCHEMA public; \
    CREATE EXTENSION citext; CREATE EXTENSION pg_trgm;";
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures");

#[tokio::test]
async fn reference_schema_matches_prisma_byte_for_byte() {
    let script = create_script(&lowered(REFERENCE_SCHEMA));
    assert_eq!(script, PRISMA_REFERENCE);
    test_database!().apply(&script).await;
}

#[tokio::test]
async fn postgres_features_fixture() {
    let text = read(&format!("{FIXTURES}/schemas/postgres_features.prisma"));
    let script = create_script(&lowered(&text));
    insta::assert_snapshot!(script);
    let mut db = test_database!();
    db.apply(RESET).await;
    db.apply(&script).await;
}

#[tokio::test]
async fn blog_example_under_postgresql() {
    let text = read(&format!(
        "{}/../examples/blog/schema.prisma",
        env!("CARGO_MANIFEST_DIR")
    ));
    let script = create_script(&lowered(&as_postgres(&text)));
    insta::assert_snapshot!(script);
    test_database!().apply(&script).await;
}

/// Every single-file fixture schema with its provider switched to
/// PostgreSQL: where it validates there, it renders and runs, except for
/// `dbgenerated(...)` expressions written for SQLite and PostGIS types.
#[tokio::test]
async fn every_fixture_schema_runs_under_postgresql() {
    let mut db = test_database!();
    let mut outcomes = Vec::new();
    for path in fixture_schemas() {
        let name = Path::new(&path)
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let text = as_postgres(&read(&path));
        let sources = migrate_core::psl::diagnostics::SourceFiles::single("schema.prisma", text);
        let Ok(valid) = migrate_core::psl::parse_and_validate(sources) else {
            outcomes.push(format!("{name}: not valid under postgresql"));
            continue;
        };
        let schema = migrate_core::psl::lower::lower(&valid.datamodel, &driver_postgres::PostgresDialect);
        let script = format!("{RESET}\n{}", create_script(&schema));
        let outcome = match db.client().batch_execute(&script).await {
            Ok(()) => "ok".to_string(),
            Err(e) => pg::describe(&e),
        };
        outcomes.push(format!("{name}: {outcome}"));
    }
    insta::assert_snapshot!(outcomes.join("\n"));
}

#[tokio::test]
async fn evolutions_under_postgresql() {
    let mut names: Vec<String> = std::fs::read_dir(format!("{FIXTURES}/evolutions"))
        .expect("evolutions folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut db = test_database!();
    let mut scripts = String::new();
    for name in names {
        let dir = format!("{FIXTURES}/evolutions/{name}");
        let before = lowered(&as_postgres(&read(&format!("{dir}/before.prisma"))));
        let after = lowered(&as_postgres(&read(&format!("{dir}/after.prisma"))));
        db.apply(RESET).await;
        db.apply(&create_script(&before)).await;
        db.apply(&read(&format!("{dir}/seed.sql"))).await;
        let change = script(&before, &after);
        db.apply(&change).await;
        scripts.push_str(&format!("==== {name}\n{change}\n"));
    }
    insta::assert_snapshot!(scripts);
}

fn fixture_schemas() -> Vec<String> {
    let mut paths: Vec<String> = std::fs::read_dir(format!("{FIXTURES}/schemas"))
        .expect("schemas folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "prisma"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    paths.sort();
    paths
}

/// The schema with its datasource provider set to `postgresql`.
fn as_postgres(text: &str) -> String {
    text.lines()
        .map(|line| match line.trim_start().strip_prefix("provider") {
            Some(rest) if rest.trim_start().starts_with('=') && is_datasource_provider(rest) => {
                "  provider = \"postgresql\"".to_string()
            }
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_datasource_provider(rest: &str) -> bool {
    ["\"sqlite\"", "\"mysql\"", "\"postgresql\"", "\"postgres\""]
        .iter()
        .any(|p| rest.contains(p))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The harness fails, naming the variable to set and never the password,
/// when no server answers.
#[tokio::test]
async fn an_unreachable_server_fails_the_test() {
    let outcome = tokio::spawn(TestDatabase::on_server("postgres://me:secret@127.0.0.1:1/postgres")).await;
    let payload = outcome.err().expect("connecting to port 1 must fail").into_panic();
    let message = payload.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(message.contains("set MIGRATE_TEST_POSTGRES_URL"), "{message}");
    assert!(message.contains("postgres://me:***@127.0.0.1:1/postgres"), "{message}");
    assert!(!message.contains("secret"), "{message}");
}
