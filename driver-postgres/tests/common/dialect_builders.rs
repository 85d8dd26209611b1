//! Schemas and plans for the dialect tests: from Prisma schema text (through
//! validation, lowering and the differ, as the engine builds them) or by
//! hand for what a schema file cannot say.
#![allow(dead_code)]

use driver_postgres::PostgresDialect;
use migrate_core::diff::{diff, Op};
use migrate_core::driver::{Dialect, FieldTypeRef, RenderError};
use migrate_core::psl::diagnostics::SourceFiles;
use migrate_core::psl::{lower::lower, parse_and_validate};
use migrate_core::schema::{Column, DefaultValue, Literal, ScalarType, Schema, Table};

pub const DATASOURCE: &str = "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n";

/// A full schema file's text, lowered for PostgreSQL.
pub fn lowered(text: &str) -> Schema {
    let valid =
        parse_and_validate(SourceFiles::single("schema.prisma", text.to_string())).unwrap_or_else(|e| panic!("{e}"));
    lower(&valid.datamodel, &PostgresDialect)
}

/// Models and enums under a PostgreSQL datasource, lowered.
pub fn schema(models: &str) -> Schema {
    lowered(&format!("{DATASOURCE}{models}"))
}

pub fn plan(from: &Schema, to: &Schema) -> Vec<Op> {
    diff(from, to, &PostgresDialect.capabilities())
}

pub fn render(ops: &[Op]) -> String {
    PostgresDialect.render(ops).unwrap_or_else(|e| panic!("{e}"))
}

pub fn render_err(ops: &[Op]) -> RenderError {
    match PostgresDialect.render(ops) {
        Ok(script) => panic!("rendering should fail, got:\n{script}"),
        Err(e) => e,
    }
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
    Column {
        name: name.to_string(),
        ty: PostgresDialect.column_type(field),
        nullable: false,
        default: None,
        auto_increment: false,
    }
}

pub fn int(name: &str) -> Column {
    column(name, ScalarType::Int)
}

pub fn text(name: &str) -> Column {
    column(name, ScalarType::String)
}

pub trait ColumnExt {
    fn nullable(self) -> Self;
    fn default(self, default: DefaultValue) -> Self;
    fn auto_increment(self) -> Self;
}

impl ColumnExt for Column {
    fn nullable(mut self) -> Self {
        self.nullable = true;
        self
    }

    fn default(mut self, default: DefaultValue) -> Self {
        self.default = Some(default);
        self
    }

    fn auto_increment(mut self) -> Self {
        self.auto_increment = true;
        self
    }
}

pub fn string(text: &str) -> DefaultValue {
    DefaultValue::Literal(Literal::String(text.to_string()))
}

pub fn number(text: &str) -> DefaultValue {
    DefaultValue::Literal(Literal::Number(text.to_string()))
}

/// A table named `name` with a primary key `<name>_pkey` on `primary_key`
/// (none when empty).
pub fn table(name: &str, columns: Vec<Column>, primary_key: &[&str]) -> Table {
    let mut table = Table::new(name);
    table.columns = columns;
    if !primary_key.is_empty() {
        table.primary_key = Some(migrate_core::schema::PrimaryKey {
            name: Some(format!("{name}_pkey")),
            columns: primary_key
                .iter()
                .map(|c| migrate_core::schema::IndexColumn::named(*c))
                .collect(),
        });
    }
    table
}

pub fn tables(tables: Vec<Table>) -> Schema {
    Schema {
        tables,
        enums: Vec::new(),
        extensions: Vec::new(),
    }
}
