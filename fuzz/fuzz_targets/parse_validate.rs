//! Any bytes through the schema reader: strict UTF-8, format (twice: it must
//! be idempotent), parse, validate, render the diagnostics; lower, diff and
//! render whatever validates. None of it may panic. Every crash found is
//! kept in `tests/fixtures/fuzz/` and replayed by `tests/tests/fuzz_regressions.rs`.
#![no_main]

use driver_sqlite::SqliteDialect;
use libfuzzer_sys::fuzz_target;
use migrate_core::testing::pipeline::schema_pipeline;

fuzz_target!(|bytes: &[u8]| {
    schema_pipeline(bytes, &SqliteDialect);
});
