//! SCAFFOLD: replaced by the dialect work.
mod quote;
pub use quote::{quote_ident, quote_string};

use migrate_core::diff::Op;
use migrate_core::driver::{Capabilities, Dialect, EnumSupport, FieldTypeRef, RenderError, TableAlteration};
use migrate_core::psl::datamodel::{NativeType, Provider};
use migrate_core::schema::{ColumnType, IdentifierLimit, ScalarType};

pub struct MysqlDialect;

impl Dialect for MysqlDialect {
    fn provider(&self) -> Provider {
        Provider::Mysql
    }
    fn capabilities(&self) -> Capabilities {
        Capabilities {
            enums: EnumSupport::Inline,
            scalar_lists: false,
            foreign_keys_in_create_table: false,
            table_alteration: TableAlteration::InPlace,
            rename_index: true,
            named_primary_keys: false,
            join_table_primary_key: false,
            identifier_limit: IdentifierLimit::MYSQL,
        }
    }
    fn column_type(&self, _field: FieldTypeRef<'_>) -> ColumnType {
        unimplemented!("scaffold")
    }
    fn native_type(&self, _column: &ColumnType, _scalar: ScalarType) -> Option<NativeType> {
        None
    }
    fn render(&self, _ops: &[Op]) -> Result<String, RenderError> {
        unimplemented!("scaffold")
    }
}
