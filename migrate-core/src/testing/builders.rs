//! Schemas and plans for the drivers' dialect tests, for any dialect: from
//! Prisma schema text (through validation, lowering and the differ, as the
//! engine builds them) or by hand for what a schema file cannot say. Each
//! driver's tests bind these to its own dialect.

use crate::diff::{diff, Op};
use crate::driver::{Dialect, FieldTypeRef, RenderError};
use crate::psl::diagnostics::SourceFiles;
use crate::psl::{lower::lower, parse_and_validate};
use crate::schema::{Column, DefaultValue, IndexColumn, Literal, PrimaryKey, Schema, Table};

/// A full schema file's text, lowered for `dialect`.
pub fn lowered(dialect: &dyn Dialect, text: &str) -> Schema {
    let valid =
        parse_and_validate(SourceFiles::single("schema.prisma", text.to_string())).unwrap_or_else(|e| panic!("{e}"));
    lower(&valid.datamodel, dialect)
}

/// The plan from `from` to `to` for `dialect`, as the engine's differ makes it.
pub fn plan(dialect: &dyn Dialect, from: &Schema, to: &Schema) -> Vec<Op> {
    diff(from, to, dialect)
}

/// The plan rendered as `dialect`'s migration script; panics if the dialect refuses a step.
pub fn render(dialect: &dyn Dialect, ops: &[Op]) -> String {
    dialect.render(ops).unwrap_or_else(|e| panic!("{e}"))
}

/// The dialect's refusal of a plan; panics if it renders one.
pub fn render_err(dialect: &dyn Dialect, ops: &[Op]) -> RenderError {
    match dialect.render(ops) {
        Ok(script) => panic!("rendering should fail, got:\n{script}"),
        Err(e) => e,
    }
}

/// A required column typed as `dialect` types `field`.
pub fn typed(dialect: &dyn Dialect, name: &str, field: FieldTypeRef<'_>) -> Column {
    Column {
        name: name.to_string(),
        ty: dialect.column_type(field),
        nullable: false,
        default: None,
        auto_increment: false,
    }
}

/// Builder-style changes to a [`Column`] made by [`typed`].
pub trait ColumnExt {
    /// Makes the column nullable.
    fn nullable(self) -> Self;
    /// Gives the column this `DEFAULT`.
    fn default(self, default: DefaultValue) -> Self;
    /// Makes the column auto-increment.
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

/// A string default: `DEFAULT 'text'`, in the dialect's quoting.
pub fn string(text: &str) -> DefaultValue {
    DefaultValue::Literal(Literal::String(text.to_string()))
}

/// A number default, as written: `DEFAULT 42`.
pub fn number(text: &str) -> DefaultValue {
    DefaultValue::Literal(Literal::Number(text.to_string()))
}

/// A table named `name` with a primary key on `primary_key` (none when
/// empty), named `<name>_pkey` where the dialect names primary keys.
pub fn table(dialect: &dyn Dialect, name: &str, columns: Vec<Column>, primary_key: &[&str]) -> Table {
    let mut table = Table::new(name);
    table.columns = columns;
    if !primary_key.is_empty() {
        table.primary_key = Some(PrimaryKey {
            name: dialect
                .capabilities()
                .named_primary_keys
                .then(|| format!("{name}_pkey")),
            columns: primary_key.iter().map(|c| IndexColumn::named(*c)).collect(),
        });
    }
    table
}

/// A schema with these tables and no enum types or extensions.
pub fn tables(tables: Vec<Table>) -> Schema {
    Schema {
        tables,
        enums: Vec::new(),
        extensions: Vec::new(),
    }
}
