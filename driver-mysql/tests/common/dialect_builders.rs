//! The shared dialect-test builders (`migrate_core::testing::builders`)
//! bound to MySQL, and the schema files of `tests/schemas`.
#![allow(dead_code, unused_imports)]

use migrate_core::schema::Schema;
use std::path::PathBuf;

migrate_core::bind_dialect_builders!(driver_mysql::MysqlDialect);

/// `tests/schemas/<name>`, lowered.
pub fn schema_file(name: &str) -> Schema {
    lowered(&std::fs::read_to_string(schemas_dir().join(name)).expect("schema file"))
}

pub fn schemas_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/schemas")
}
