//! Every statement the MySQL dialect renders, run on a real server (DESIGN
//! invariant 4): the plan steps of `driver-mysql/tests/schemas/steps` one
//! after the other, the type, default and naming schemas its snapshot tests
//! render, and every fixture schema MySQL can take, each in a fresh
//! database. The column types the server then reports read back, through
//! `column_type_from_catalog`, as the types lowering gave.

use driver_mysql::dialect::column_type_from_catalog;
use driver_mysql::{MysqlDialect, MysqlDriver};
use migrate_core::diff::diff;
use migrate_core::driver::{Dialect, Driver};
use migrate_core::psl::diagnostics::{SourceFile, SourceFiles};
use migrate_core::psl::lower::lower;
use migrate_core::psl::parse_and_validate;
use migrate_core::schema::Schema;
use migrate_tests::harness::{fixtures_for, DbKind};
use migrate_tests::servers::ServerDatabase;
use std::path::{Path, PathBuf};

fn dialect_schemas() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../driver-mysql/tests/schemas")
}

fn lowered(sources: SourceFiles) -> Schema {
    let valid = parse_and_validate(sources).unwrap_or_else(|e| panic!("{e}"));
    lower(&valid.datamodel, &MysqlDialect)
}

fn lowered_file(path: &Path) -> Schema {
    lowered(SourceFiles {
        files: vec![SourceFile {
            path: path.display().to_string(),
            text: migrate_tests::read(path),
        }],
    })
}

fn script(from: &Schema, to: &Schema) -> String {
    let ops = diff(from, to, &MysqlDialect);
    MysqlDialect.render(&ops).unwrap_or_else(|e| panic!("{e}"))
}

async fn apply(driver: &mut MysqlDriver, label: &str, script: &str) {
    if let Err(e) = driver.apply_script(script).await {
        panic!("{label}: {e}\nstatement: {:?}\nscript:\n{script}", e.statement);
    }
}

/// Creates `schema` in a fresh database and checks every column's type as
/// the server reports it.
async fn create_and_read_back(label: &str, schema: &Schema) {
    let Some((_db, mut driver)) = ServerDatabase::mysql_session().await else {
        return;
    };
    apply(&mut driver, label, &script(&Schema::default(), schema)).await;
    check_column_types(&mut driver, label, schema).await;
}

/// `data_type|column_type|json_check` of every column, by table and name.
async fn check_column_types(driver: &mut MysqlDriver, label: &str, schema: &Schema) {
    let rows = driver
        .query_strings(
            "SELECT CONCAT_WS('|', c.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE, c.COLUMN_TYPE, \
             EXISTS (SELECT 1 FROM information_schema.CHECK_CONSTRAINTS k \
                     WHERE k.CONSTRAINT_SCHEMA = c.TABLE_SCHEMA AND k.TABLE_NAME = c.TABLE_NAME \
                       AND k.CHECK_CLAUSE = CONCAT('json_valid(`', c.COLUMN_NAME, '`)'))) \
             FROM information_schema.COLUMNS c WHERE c.TABLE_SCHEMA = DATABASE()",
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut checked = 0;
    for row in rows.into_iter().flatten() {
        let parts: Vec<&str> = row.splitn(5, '|').collect();
        let [table, column, data_type, column_type, json] = parts[..] else {
            panic!("row {row}");
        };
        let Some(lowered) = schema.table(table).and_then(|t| t.column(column)) else {
            continue;
        };
        let read = column_type_from_catalog(data_type, column_type, json == "1");
        assert_eq!(
            read.sql, lowered.ty.sql,
            "{label}: `{table}`.`{column}` is {column_type}"
        );
        checked += 1;
    }
    let expected: usize = schema.tables.iter().map(|t| t.columns.len()).sum();
    assert_eq!(checked, expected, "{label}: columns read back");
}

#[tokio::test]
async fn every_plan_step_runs_in_order() {
    let mut steps: Vec<PathBuf> = std::fs::read_dir(dialect_schemas().join("steps"))
        .expect("steps folder")
        .map(|e| e.expect("entry").path())
        .collect();
    steps.sort();
    assert_eq!(steps.len(), 4);
    let Some((_db, mut driver)) = ServerDatabase::mysql_session().await else {
        return;
    };
    let mut previous = Schema::default();
    for step in steps {
        let next = lowered_file(&step);
        let label = step.file_name().unwrap().to_string_lossy().into_owned();
        apply(&mut driver, &label, &script(&previous, &next)).await;
        check_column_types(&mut driver, &label, &next).await;
        previous = next;
    }
}

#[tokio::test]
async fn every_type_default_and_escaped_name_runs_and_reads_back() {
    for name in ["native_types.prisma", "defaults.prisma", "escaped_names.prisma"] {
        create_and_read_back(name, &lowered_file(&dialect_schemas().join(name))).await;
    }
}

#[tokio::test]
async fn names_cut_to_64_bytes_are_accepted() {
    let long = "A".repeat(62);
    let (other, tag) = ("C".repeat(40), "B".repeat(40));
    let text = format!(
        "datasource db {{\n  provider = \"mysql\"\n  url = env(\"DATABASE_URL\")\n}}\n\
         model {long} {{\n  id Int @id\n  someLongColumnName Int @unique\n  otherId Int\n  other {other} @relation(fields: [otherId], references: [id])\n\n  @@index([otherId, someLongColumnName])\n}}\n\n\
         model {other} {{\n  id Int @id\n  many {long}[]\n  tags {tag}[]\n}}\n\n\
         model {tag} {{\n  id Int @id\n  others {other}[]\n}}\n"
    );
    let schema = lowered(SourceFiles::single("long.prisma", text));
    assert!(schema
        .tables
        .iter()
        .any(|t| t.name.len() == 64 && t.name.starts_with("_B")));
    create_and_read_back("long names", &schema).await;
}

#[tokio::test]
async fn every_fixture_schema_runs_from_empty() {
    let fixtures = fixtures_for(DbKind::Mysql);
    for (name, valid) in &fixtures {
        create_and_read_back(name, &lower(&valid.datamodel, &MysqlDialect)).await;
    }
    assert!(fixtures.len() >= 12, "only {}", fixtures.len());
}
