//! `CREATE [UNIQUE] INDEX` and `DROP INDEX`.

use crate::dialect::check;
use migrate_core::schema::{Index, IndexColumn, IndexKind, SortOrder};
use migrate_core::sql_quote::quote_ident;

/// `CREATE [UNIQUE ]INDEX "n" ON "T"("a", "b" DESC)`. A name SQLite keeps
/// for itself (`sqlite_autoindex_Tag_1`, which `db pull` writes for an
/// inline `UNIQUE`, as Prisma does) is created with the schema writable, as
/// Prisma 6.19.3 writes it: SQLite refuses the name otherwise ("object name
/// reserved for internal use").
pub(crate) fn create_index(table: &str, index: &Index) -> Result<Vec<String>, String> {
    check::index(index)?;
    let unique = if index.kind == IndexKind::Unique { "UNIQUE " } else { "" };
    let columns: Vec<String> = index.columns.iter().map(index_column).collect();
    let create = format!(
        "CREATE {unique}INDEX {} ON {}({})",
        quote_ident(&index.name),
        quote_ident(table),
        columns.join(", ")
    );
    Ok(
        match index.name.get(..7).is_some_and(|p| p.eq_ignore_ascii_case("sqlite_")) {
            true => vec![
                "Pragma writable_schema=1".into(),
                create,
                "Pragma writable_schema=0".into(),
            ],
            false => vec![create],
        },
    )
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
