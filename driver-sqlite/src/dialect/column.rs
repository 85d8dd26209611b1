//! One column definition, as written in `CREATE TABLE` and `ADD COLUMN`.

use crate::dialect::default::render_default;
use migrate_core::schema::Column;
use migrate_core::sql_quote::quote_ident;

/// `"name" TYPE[ NOT NULL][ PRIMARY KEY[ AUTOINCREMENT]][ DEFAULT x]`.
/// `primary_key`: the column is the table's whole primary key, declared inline.
pub(crate) fn column_definition(column: &Column, primary_key: bool) -> String {
    let mut def = quote_ident(&column.name);
    if !column.ty.sql.is_empty() {
        def.push(' ');
        def.push_str(&column.ty.sql);
    }
    if !column.nullable {
        def.push_str(" NOT NULL");
    }
    if primary_key {
        def.push_str(" PRIMARY KEY");
        if column.auto_increment {
            def.push_str(" AUTOINCREMENT");
        }
    }
    if let Some(default) = column.default.as_ref().and_then(render_default) {
        def.push_str(" DEFAULT ");
        def.push_str(&default);
    }
    def
}
