//! `CREATE [UNIQUE] INDEX` and `DROP INDEX`.

use crate::dialect::check;
use migrate_core::schema::{Index, IndexColumn, IndexKind, SortOrder};
use migrate_core::sql_quote::quote_ident;

/// `CREATE [UNIQUE ]INDEX "n" ON "T"("a", "b" DESC)`.
pub(crate) fn create_index(table: &str, index: &Index) -> Result<String, String> {
    check::index(index)?;
    let unique = if index.kind == IndexKind::Unique { "UNIQUE " } else { "" };
    let columns: Vec<String> = index.columns.iter().map(index_column).collect();
    Ok(format!(
        "CREATE {unique}INDEX {} ON {}({})",
        quote_ident(&index.name),
        quote_ident(table),
        columns.join(", ")
    ))
}

fn index_column(column: &IndexColumn) -> String {
    let name = quote_ident(&column.name);
    match column.sort {
        None => name,
        Some(SortOrder::Asc) => format!("{name} ASC"),
        Some(SortOrder::Desc) => format!("{name} DESC"),
    }
}

pub(crate) fn drop_index(name: &str) -> String {
    format!("DROP INDEX {}", quote_ident(name))
}
