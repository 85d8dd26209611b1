//! The shared dialect-test builders (`migrate_core::testing::builders`)
//! bound to MySQL, and the schema files of `tests/schemas`.
#![allow(dead_code, unused_imports)]

use driver_mysql::MysqlDialect;
use migrate_core::diff::Op;
use migrate_core::driver::{FieldTypeRef, RenderError};
use migrate_core::schema::{Column, ScalarType, Schema, Table};
use migrate_core::testing::builders as shared;
use std::path::PathBuf;

pub use shared::{number, string, tables, ColumnExt};

pub const DATASOURCE: &str = "datasource db {\n  provider = \"mysql\"\n  url      = env(\"DATABASE_URL\")\n}\n";

/// A full schema file's text, lowered for MySQL.
pub fn lowered(text: &str) -> Schema {
    shared::lowered(&MysqlDialect, text)
}

/// Models and enums under a MySQL datasource, lowered.
pub fn schema(models: &str) -> Schema {
    lowered(&format!("{DATASOURCE}{models}"))
}

/// `tests/schemas/<name>`, lowered.
pub fn schema_file(name: &str) -> Schema {
    lowered(&std::fs::read_to_string(schemas_dir().join(name)).expect("schema file"))
}

pub fn schemas_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/schemas")
}

pub fn plan(from: &Schema, to: &Schema) -> Vec<Op> {
    shared::plan(&MysqlDialect, from, to)
}

pub fn render(ops: &[Op]) -> String {
    shared::render(&MysqlDialect, ops)
}

pub fn render_err(ops: &[Op]) -> RenderError {
    shared::render_err(&MysqlDialect, ops)
}

/// The script that turns `from` into `to`.
pub fn script(from: &Schema, to: &Schema) -> String {
    render(&plan(from, to))
}

/// The script that creates `to` from an empty database.
pub fn create_script(to: &Schema) -> String {
    script(&Schema::default(), to)
}

/// A required column of a Prisma scalar, typed as MySQL types it.
pub fn column(name: &str, scalar: ScalarType) -> Column {
    typed(
        name,
        FieldTypeRef::Scalar {
            scalar,
            native: None,
            list: false,
        },
    )
}

pub fn typed(name: &str, field: FieldTypeRef<'_>) -> Column {
    shared::typed(&MysqlDialect, name, field)
}

pub fn int(name: &str) -> Column {
    column(name, ScalarType::Int)
}

pub fn text(name: &str) -> Column {
    column(name, ScalarType::String)
}

/// A table named `name` with an (unnamed, as on MySQL) primary key on
/// `primary_key` (none when empty).
pub fn table(name: &str, columns: Vec<Column>, primary_key: &[&str]) -> Table {
    shared::table(&MysqlDialect, name, columns, primary_key)
}
