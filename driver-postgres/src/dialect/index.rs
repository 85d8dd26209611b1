//! `CREATE [UNIQUE] INDEX` with a method, operator classes and sort orders;
//! `DROP INDEX`; `ALTER INDEX ... RENAME TO`.

use super::ops::operator_class_sql;
use super::quote::{quote_ident, quote_in, quote_table};
use migrate_core::schema::{Index, IndexAlgorithm, IndexColumn, IndexKind, SortOrder, TableName};

/// `CREATE [UNIQUE ]INDEX "n" ON "T"("a", "b" DESC)`, or with a method
/// `... ON "T" USING GIN ("c" jsonb_path_ops)` (B-tree, the default method,
/// is not written).
pub(crate) fn create_index(table: &TableName, index: &Index) -> Result<String, String> {
    check(index)?;
    let unique = if index.kind == IndexKind::Unique { "UNIQUE " } else { "" };
    let columns: Vec<String> = index.columns.iter().map(index_column).collect();
    Ok(format!(
        "CREATE {unique}INDEX {} ON {}{}({})",
        quote_ident(&index.name),
        quote_table(table),
        method(index.algorithm),
        columns.join(", ")
    ))
}

fn check(index: &Index) -> Result<(), String> {
    let name = &index.name;
    if index.kind == IndexKind::Fulltext {
        return Err(format!(
            "`{name}` is a fulltext index; PostgreSQL has none (use a GIN index on a tsvector)"
        ));
    }
    if index.columns.iter().any(|c| c.length.is_some()) {
        return Err(format!("`{name}` has prefix lengths; PostgreSQL indexes have none"));
    }
    Ok(())
}

fn method(algorithm: Option<IndexAlgorithm>) -> &'static str {
    match algorithm {
        None | Some(IndexAlgorithm::BTree) => "",
        Some(IndexAlgorithm::Hash) => " USING HASH ",
        Some(IndexAlgorithm::Gist) => " USING GIST ",
        Some(IndexAlgorithm::Gin) => " USING GIN ",
        Some(IndexAlgorithm::SpGist) => " USING SPGIST ",
        Some(IndexAlgorithm::Brin) => " USING BRIN ",
    }
}

/// `"c"[ opclass][ ASC|DESC]`.
fn index_column(column: &IndexColumn) -> String {
    let mut sql = quote_ident(&column.name);
    if let Some(ops) = &column.ops {
        sql.push(' ');
        sql.push_str(operator_class_sql(ops));
    }
    match column.sort {
        None => {}
        Some(SortOrder::Asc) => sql.push_str(" ASC"),
        Some(SortOrder::Desc) => sql.push_str(" DESC"),
    }
    sql
}

/// `DROP INDEX`, or `DROP CONSTRAINT` for the index behind a UNIQUE
/// constraint (PostgreSQL refuses to drop that index on its own, 2BP01).
pub(crate) fn drop_index(table: &TableName, index: &Index) -> String {
    if index.constraint {
        format!(
            "ALTER TABLE {} DROP CONSTRAINT {}",
            quote_table(table),
            quote_ident(&index.name)
        )
    } else {
        // An index lives in its table's schema.
        format!("DROP INDEX {}", quote_in(table.namespace.as_deref(), &index.name))
    }
}

pub(crate) fn rename_index(table: &TableName, from: &str, to: &str) -> String {
    let from = quote_in(table.namespace.as_deref(), from);
    format!("ALTER INDEX {from} RENAME TO {}", quote_ident(to))
}
