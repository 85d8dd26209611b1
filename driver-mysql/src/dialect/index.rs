//! Indexes: the `INDEX` clauses of `CREATE TABLE` (Prisma writes a new
//! table's indexes inside it on MySQL), `CREATE [UNIQUE |FULLTEXT ]INDEX`,
//! `DROP INDEX ... ON` and `RENAME INDEX`. Key parts carry a prefix length
//! (`` `title`(20) ``) and a sort order (`DESC`).

use super::quote::quote_ident;
use migrate_core::schema::{Index, IndexColumn, IndexKind, SortOrder};

/// `` [UNIQUE |FULLTEXT ]INDEX `n`(`a`(20) DESC, `b`) ``, inside `CREATE TABLE`.
pub(crate) fn index_clause(index: &Index) -> Result<String, String> {
    check(index)?;
    Ok(format!(
        "{}INDEX {}({})",
        kind_prefix(index.kind),
        quote_ident(&index.name),
        key_parts(&index.columns)
    ))
}

/// `` CREATE [UNIQUE |FULLTEXT ]INDEX `n` ON `T`(`a`, `b` DESC) ``.
pub(crate) fn create_index(table: &str, index: &Index) -> Result<String, String> {
    check(index)?;
    Ok(format!(
        "CREATE {}INDEX {} ON {}({})",
        kind_prefix(index.kind),
        quote_ident(&index.name),
        quote_ident(table),
        key_parts(&index.columns)
    ))
}

fn kind_prefix(kind: IndexKind) -> &'static str {
    match kind {
        IndexKind::Normal => "",
        IndexKind::Unique => "UNIQUE ",
        IndexKind::Fulltext => "FULLTEXT ",
    }
}

/// Index methods and operator classes are PostgreSQL's; B-tree (MySQL's
/// only method for InnoDB) is lowered to no method.
fn check(index: &Index) -> Result<(), String> {
    let name = &index.name;
    if let Some(algorithm) = index.algorithm {
        return Err(format!(
            "`{name}` uses the {} method; MySQL indexes are B-trees",
            algorithm.name()
        ));
    }
    if index.columns.iter().any(|c| c.ops.is_some()) {
        return Err(format!("`{name}` has operator classes; MySQL has none"));
    }
    Ok(())
}

/// `` `a`(10) DESC, `b` ``: key parts of an index or primary key.
pub(crate) fn key_parts(columns: &[IndexColumn]) -> String {
    columns.iter().map(key_part).collect::<Vec<_>>().join(", ")
}

fn key_part(column: &IndexColumn) -> String {
    let mut sql = quote_ident(&column.name);
    if let Some(length) = column.length {
        sql.push_str(&format!("({length})"));
    }
    match column.sort {
        None => {}
        Some(SortOrder::Asc) => sql.push_str(" ASC"),
        Some(SortOrder::Desc) => sql.push_str(" DESC"),
    }
    sql
}

pub(crate) fn drop_index(table: &str, name: &str) -> String {
    format!("DROP INDEX {} ON {}", quote_ident(name), quote_ident(table))
}

pub(crate) fn rename_index(table: &str, from: &str, to: &str) -> String {
    format!(
        "ALTER TABLE {} RENAME INDEX {} TO {}",
        quote_ident(table),
        quote_ident(from),
        quote_ident(to)
    )
}
