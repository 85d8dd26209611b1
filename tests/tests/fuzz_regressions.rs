//! Every input the fuzz target (`fuzz/fuzz_targets/parse_validate.rs`) ever
//! crashed on, kept in `tests/fixtures/fuzz/` (named after the fault it
//! found), replayed through the same pipeline for every dialect.

use migrate_core::driver::Dialect;
use migrate_core::testing::pipeline::schema_pipeline;
use migrate_tests::fixtures_dir;

#[test]
fn every_crash_the_fuzzer_found_stays_fixed() {
    let dialects: [&dyn Dialect; 3] = [
        &driver_sqlite::SqliteDialect,
        &driver_postgres::PostgresDialect,
        &driver_mysql::MysqlDialect,
    ];
    let mut inputs: Vec<_> = std::fs::read_dir(fixtures_dir().join("fuzz"))
        .expect("tests/fixtures/fuzz")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_none_or(|e| e != "md"))
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "the crash corpus is in tests/fixtures/fuzz");
    for path in inputs {
        let bytes = std::fs::read(&path).expect("read");
        for dialect in dialects {
            let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| schema_pipeline(&bytes, dialect)));
            assert!(
                run.is_ok(),
                "{} panics again ({:?})",
                path.display(),
                dialect.provider()
            );
        }
    }
}
