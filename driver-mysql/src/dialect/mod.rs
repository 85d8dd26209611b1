//! The pure half of the MySQL driver: type mapping, capabilities and
//! rendering plans as Prisma 6 writes MySQL migrations. It needs no
//! database connection.
//!
//! Public beyond [`MysqlDialect`], for introspection to read the catalog
//! into the same canonical form: [`column_type_from_catalog`],
//! [`native::MysqlType`] (each type's canonical spelling) and
//! [`enum_values`] (the values of an inline enum type).

mod alter;
mod cast;
mod column;
mod default;
mod enums;
mod foreign_key;
mod index;
pub mod native;
mod quote;
mod render;
mod table;
mod types;

pub(crate) use column::column_definition;
pub use enums::{enum_sql, enum_values};
pub use quote::{quote_ident, quote_string};
pub use types::column_type_from_catalog;

use migrate_core::diff::Op;
use migrate_core::driver::{
    Capabilities, Dialect, EnumSupport, FieldTypeRef, RenderError, TableAlteration, TypeChange,
};
use migrate_core::psl::datamodel::{NativeType, Provider};
use migrate_core::schema::{ColumnType, IdentifierLimit, ScalarType};
use native::MysqlType;

/// The MySQL and MariaDB dialect.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MysqlDialect;

impl Dialect for MysqlDialect {
    fn provider(&self) -> Provider {
        Provider::Mysql
    }

    /// Prisma 6 keys implicit many-to-many tables with a primary key only on
    /// PostgreSQL; on MySQL they keep the unique index `_AB_unique`.
    fn capabilities(&self) -> Capabilities {
        Capabilities {
            enums: EnumSupport::Inline,
            scalar_lists: false,
            foreign_keys_in_create_table: false,
            indexes_in_create_table: true,
            foreign_key_indexes: true,
            table_alteration: TableAlteration::InPlace,
            rename_index: true,
            rename_constraint: false,
            named_primary_keys: false,
            named_foreign_keys: true,
            join_table_primary_key: false,
            identifier_limit: IdentifierLimit::MYSQL,
            rowid_primary_key: false,
            operator_classes: false,
            namespaces: false,
            view_nullability: true,
            auto_increment_keyed: true,
            json_defaults: false,
        }
    }

    fn column_type(&self, field: FieldTypeRef<'_>) -> ColumnType {
        types::column_type(field)
    }

    /// `BOOLEAN` needs no attribute on a `Boolean` (and an `Int` cannot say
    /// it: `@db.TinyInt` is `TINYINT`).
    fn native_type(&self, column: &ColumnType, scalar: ScalarType) -> Option<NativeType> {
        let ty = MysqlType::parse(&column.sql)?;
        let plain = ty == MysqlType::for_scalar(scalar) || ty == MysqlType::Boolean;
        (!plain).then(|| ty.to_native())
    }

    fn render(&self, ops: &[Op]) -> Result<String, RenderError> {
        render::render_script(ops)
    }

    /// An inline enum that keeps every value it had converts every row
    /// (Prisma warns only when values go: its MySQL destructive-change
    /// checker's `diagnose_enum_change`).
    fn type_change(&self, from: &ColumnType, to: &ColumnType) -> TypeChange {
        cast::type_change(from, to)
    }

    fn type_name(&self, ty: &ColumnType) -> String {
        match native::MysqlType::parse(&ty.sql) {
            Some(mysql) => mysql.to_native().to_string(),
            None => ty.sql.clone(),
        }
    }
}
