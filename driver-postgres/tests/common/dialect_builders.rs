//! The shared dialect-test builders (`migrate_core::testing::builders`)
//! bound to PostgreSQL.
#![allow(dead_code, unused_imports)]

use driver_postgres::PostgresDialect;
use migrate_core::diff::Op;
use migrate_core::driver::{FieldTypeRef, RenderError};
use migrate_core::schema::{Column, ScalarType, Schema, Table};
use migrate_core::testing::builders as shared;

pub use shared::{number, string, tables, ColumnExt};

pub const DATASOURCE: &str = "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n";

/// A full schema file's text, lowered for PostgreSQL.
pub fn lowered(text: &str) -> Schema {
    shared::lowered(&PostgresDialect, text)
}

/// Models and enums under a PostgreSQL datasource, lowered.
pub fn schema(models: &str) -> Schema {
    lowered(&format!("{DATASOURCE}{models}"))
}

pub fn plan(from: &Schema, to: &Schema) -> Vec<Op> {
    shared::plan(&PostgresDialect, from, to)
}

pub fn render(ops: &[Op]) -> String {
    shared::render(&PostgresDialect, ops)
}

pub fn render_err(ops: &[Op]) -> RenderError {
    shared::render_err(&PostgresDialect, ops)
}

/// The script that turns `from` into `to`.
pub fn script(from: &Schema, to: &Schema) -> String {
    render(&plan(from, to))
}

/// The script that creates `to` from an empty database.
pub fn create_script(to: &Schema) -> String {
    script(&Schema::default(), to)
}

/// A required column of a Prisma scalar, typed as the dialect types it.
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
    shared::typed(&PostgresDialect, name, field)
}

pub fn int(name: &str) -> Column {
    column(name, ScalarType::Int)
}

pub fn text(name: &str) -> Column {
    column(name, ScalarType::String)
}

/// A table named `name` with a primary key `<name>_pkey` on `primary_key`
/// (none when empty).
pub fn table(name: &str, columns: Vec<Column>, primary_key: &[&str]) -> Table {
    shared::table(&PostgresDialect, name, columns, primary_key)
}
