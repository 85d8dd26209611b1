//! The pure half of the PostgreSQL driver: type mapping, capabilities and
//! rendering plans as Prisma 6 writes PostgreSQL migrations. It needs no
//! database connection.
//!
//! Public beyond [`PostgresDialect`], for introspection to read the catalog
//! into the same canonical form: [`native::PgType`] (the canonical spelling
//! of each built-in type, and parsing it back) and [`ops`] (operator class
//! names both ways).

mod alter;
mod alter_column;
mod cast;
mod column;
mod default;
mod enums;
mod foreign_key;
mod index;
pub mod native;
pub mod ops;
pub(crate) mod quote;

pub(crate) use column::column_default;
pub(crate) use quote::quote_ident;
pub(crate) use types::full_type;
mod render;
mod sequence;
mod table;
mod types;

use migrate_core::diff::Op;
use migrate_core::driver::{Capabilities, Dialect, FieldTypeRef, RenderError, TypeChange};
use migrate_core::psl::datamodel::{NativeType, Provider};
use migrate_core::schema::{ColumnType, IndexAlgorithm, ScalarType};
use native::PgType;

/// The PostgreSQL dialect.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PostgresDialect;

impl Dialect for PostgresDialect {
    fn provider(&self) -> Provider {
        Provider::Postgres
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities::POSTGRES
    }

    fn column_type(&self, field: FieldTypeRef<'_>) -> ColumnType {
        types::column_type(field)
    }

    fn native_type(&self, column: &ColumnType, scalar: ScalarType) -> Option<NativeType> {
        let ty = native::PgType::parse(&column.sql)?;
        (ty != native::PgType::for_scalar(scalar)).then(|| ty.to_native())
    }

    fn render(&self, ops: &[Op]) -> Result<String, RenderError> {
        render::render_script(ops)
    }

    fn same_type(&self, a: &ColumnType, b: &ColumnType) -> bool {
        // PostgreSQL's one-byte `"char"`, which Prisma 6.19.3 pulls as
        // `@db.Char` and then sees no change in.
        let one_byte =
            |x: &ColumnType, y: &ColumnType| x.sql == "\"char\"" && PgType::parse(&y.sql) == Some(PgType::Char(None));
        let same = match (PgType::parse(&a.sql), PgType::parse(&b.sql)) {
            (Some(x), Some(y)) => x.same(y),
            _ if one_byte(a, b) || one_byte(b, a) => true,
            _ if a.list && b.list => array_type_name(&a.sql) == array_type_name(&b.sql),
            _ => a.sql == b.sql,
        };
        same && a.list == b.list
    }

    fn draws_from_sequence(&self, expression: &str) -> bool {
        crate::introspect::columns::draws_from_sequence(expression)
    }

    fn type_change(&self, from: &ColumnType, to: &ColumnType) -> TypeChange {
        cast::type_change(from, to)
    }

    fn default_operator_class(&self, method: Option<IndexAlgorithm>, column: &ColumnType) -> Option<&'static str> {
        ops::default_operator_class(method, column)
    }

    fn type_name(&self, ty: &ColumnType) -> String {
        match (&ty.family, PgType::parse(&ty.sql)) {
            // An enum by its name, whatever schema it is in (`"billing"."PlanKind"`).
            (migrate_core::schema::TypeFamily::Enum(name), _) => name.clone(),
            (_, Some(pg)) => pg.to_native().to_string(),
            (_, None) => ty.sql.trim_matches('"').to_string(),
        }
    }
}

/// The array type of `Unsupported("...")[]`, however the schema names it:
/// Prisma 6.19.3 pulls the array type's own name (`_circle`, PostgreSQL's
/// name for `circle[]`), a hand-written schema may name the element
/// (`circle`); `_circle[]` and `circle[]` are one type to PostgreSQL.
fn array_type_name(sql: &str) -> std::borrow::Cow<'_, str> {
    match sql.starts_with('_') {
        true => sql.into(),
        false => format!("_{sql}").into(),
    }
}
