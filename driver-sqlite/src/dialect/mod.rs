//! The pure half: SQLite's types, capabilities and the rendering of plans
//! as Prisma 6 writes SQLite migrations. No connection needed.

mod alter;
mod check;
mod column;
pub(crate) mod default;
mod index;
mod redefine;
mod render;
mod table;
pub(crate) mod types;

use migrate_core::diff::Op;
use migrate_core::driver::{Capabilities, Dialect, EnumSupport, FieldTypeRef, RenderError, TableAlteration};
use migrate_core::psl::datamodel::{NativeType, Provider};
use migrate_core::schema::{ColumnType, IdentifierLimit, ScalarType};

/// The SQLite dialect.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SqliteDialect;

impl Dialect for SqliteDialect {
    fn provider(&self) -> Provider {
        Provider::Sqlite
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            enums: EnumSupport::Text,
            scalar_lists: false,
            foreign_keys_in_create_table: true,
            indexes_in_create_table: false,
            foreign_key_indexes: false,
            table_alteration: TableAlteration::Redefine,
            rename_index: false,
            rename_constraint: false,
            named_primary_keys: false,
            named_foreign_keys: false,
            join_table_primary_key: false,
            identifier_limit: IdentifierLimit::SQLITE,
            rowid_primary_key: true,
            operator_classes: false,
            namespaces: false,
            view_nullability: false,
            auto_increment_keyed: false,
            json_defaults: true,
        }
    }

    fn column_type(&self, field: FieldTypeRef<'_>) -> ColumnType {
        types::column_type(field)
    }

    /// SQLite has no native types.
    fn native_type(&self, _: &ColumnType, _: ScalarType) -> Option<NativeType> {
        None
    }

    fn render(&self, ops: &[Op]) -> Result<String, RenderError> {
        render::render_script(ops)
    }

    /// Two declared types are one when the database reads them back as one
    /// (introspect/column_types.rs, Prisma 6.19.3's names): `VARCHAR(20)`
    /// and `TEXT` are `String`, `INT(11)` and `int(11)` the same
    /// unsupported type; `INT(11)` and `INTEGER` are not (Prisma
    /// redefines the table between them too).
    fn same_type(&self, a: &ColumnType, b: &ColumnType) -> bool {
        let read_back = |t: &ColumnType| crate::introspect::column_types::column_type(&t.sql).sql;
        a.list == b.list && (a.sql == b.sql || read_back(a) == read_back(b))
    }
}
