//! Schemas and plans for the drivers' dialect tests, for any dialect: from
//! Prisma schema text (through validation, lowering and the differ, as the
//! engine builds them) or by hand for what a schema file cannot say. Each
//! driver's tests bind these to its own dialect with
//! [`bind_dialect_builders!`](crate::bind_dialect_builders).

use crate::diff::{diff, Op};
use crate::driver::{Dialect, FieldTypeRef, RenderError};
use crate::psl::datamodel::Provider;
use crate::psl::diagnostics::SourceFiles;
use crate::psl::{lower::lower, parse_and_validate};
use crate::schema::{Column, DefaultValue, IndexColumn, Literal, PrimaryKey, ScalarType, Schema, Table};

/// Defines the builders of this module without their `dialect` argument,
/// bound to `$dialect` (a dialect value, such as `driver_mysql::MysqlDialect`),
/// in the driver test module that invokes it; re-exports those that take
/// none.
#[macro_export]
macro_rules! bind_dialect_builders {
    ($dialect:expr) => {
        pub use $crate::testing::builders::{number, string, tables, ColumnExt};

        /// A full schema file's text, lowered for the dialect.
        pub fn lowered(text: &str) -> $crate::schema::Schema {
            $crate::testing::builders::lowered(&$dialect, text)
        }

        /// Models and enums under a datasource of the dialect, lowered.
        pub fn schema(models: &str) -> $crate::schema::Schema {
            $crate::testing::builders::schema(&$dialect, models)
        }

        /// The plan from `from` to `to`, as the engine's differ makes it.
        pub fn plan(from: &$crate::schema::Schema, to: &$crate::schema::Schema) -> Vec<$crate::diff::Op> {
            $crate::testing::builders::plan(&$dialect, from, to)
        }

        /// The plan rendered as the dialect's migration script.
        pub fn render(ops: &[$crate::diff::Op]) -> String {
            $crate::testing::builders::render(&$dialect, ops)
        }

        /// The dialect's refusal of a plan.
        pub fn render_err(ops: &[$crate::diff::Op]) -> $crate::driver::RenderError {
            $crate::testing::builders::render_err(&$dialect, ops)
        }

        /// The script that turns `from` into `to`.
        pub fn script(from: &$crate::schema::Schema, to: &$crate::schema::Schema) -> String {
            $crate::testing::builders::script(&$dialect, from, to)
        }

        /// The script that creates `to` from an empty database.
        pub fn create_script(to: &$crate::schema::Schema) -> String {
            $crate::testing::builders::create_script(&$dialect, to)
        }

        /// A required column typed as the dialect types `field`.
        pub fn typed(name: &str, field: $crate::driver::FieldTypeRef<'_>) -> $crate::schema::Column {
            $crate::testing::builders::typed(&$dialect, name, field)
        }

        /// A required column of a Prisma scalar, typed as the dialect types it.
        pub fn column(name: &str, scalar: $crate::schema::ScalarType) -> $crate::schema::Column {
            $crate::testing::builders::column(&$dialect, name, scalar)
        }

        /// A required `Int` column.
        pub fn int(name: &str) -> $crate::schema::Column {
            $crate::testing::builders::int(&$dialect, name)
        }

        /// A required `String` column.
        pub fn text(name: &str) -> $crate::schema::Column {
            $crate::testing::builders::text(&$dialect, name)
        }

        /// A table named `name` with a primary key on `primary_key` (none
        /// when empty), named `<name>_pkey` where the dialect names them.
        pub fn table(name: &str, columns: Vec<$crate::schema::Column>, primary_key: &[&str]) -> $crate::schema::Table {
            $crate::testing::builders::table(&$dialect, name, columns, primary_key)
        }
    };
}

/// The datasource block of a schema file for `provider`, its URL read from
/// `DATABASE_URL`.
pub fn datasource(provider: Provider) -> String {
    format!(
        "datasource db {{\n  provider = \"{}\"\n  url      = env(\"DATABASE_URL\")\n}}\n",
        provider.name()
    )
}

/// Models and enums under a datasource of `dialect`'s provider, lowered for it.
pub fn schema(dialect: &dyn Dialect, models: &str) -> Schema {
    lowered(dialect, &format!("{}{models}", datasource(dialect.provider())))
}

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

/// The script that turns `from` into `to` for `dialect`.
pub fn script(dialect: &dyn Dialect, from: &Schema, to: &Schema) -> String {
    render(dialect, &plan(dialect, from, to))
}

/// The script that creates `to` from an empty database, as `migrate dev`
/// writes it: the database has the schema its session works in, so the
/// script does not create it (`migrate diff --from-empty` does).
pub fn create_script(dialect: &dyn Dialect, to: &Schema) -> String {
    let empty = Schema {
        namespaces: to.session_namespace.iter().cloned().collect(),
        session_namespace: to.session_namespace.clone(),
        ..Schema::default()
    };
    script(dialect, &empty, to)
}

/// A required column of a Prisma scalar, typed as `dialect` types it.
pub fn column(dialect: &dyn Dialect, name: &str, scalar: ScalarType) -> Column {
    let field = FieldTypeRef::Scalar {
        scalar,
        native: None,
        list: false,
    };
    typed(dialect, name, field)
}

/// A required `Int` column.
pub fn int(dialect: &dyn Dialect, name: &str) -> Column {
    column(dialect, name, ScalarType::Int)
}

/// A required `String` column.
pub fn text(dialect: &dyn Dialect, name: &str) -> Column {
    column(dialect, name, ScalarType::String)
}

/// A required column typed as `dialect` types `field`.
pub fn typed(dialect: &dyn Dialect, name: &str, field: FieldTypeRef<'_>) -> Column {
    Column {
        name: name.to_string(),
        ty: dialect.column_type(field),
        nullable: false,
        default: None,
        auto_increment: false,
        sequence: None,
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
        ..Schema::default()
    }
}
