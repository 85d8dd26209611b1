//! Table redefinition, SQLite's way to make any change `ALTER TABLE` cannot:
//! create `new_<T>`, copy the rows, drop `T`, rename `new_<T>` to `T`, and
//! recreate `T`'s indexes, all with foreign keys switched off (and deferred,
//! for hosts where they cannot be switched off, such as Cloudflare D1). The
//! triggers and the indexes the schema does not describe are made again
//! from their text where the new table still has their columns (Prisma
//! 6.19.3 drops them; see `TableRedefinition::unmodelled`).

use crate::dialect::default::render_default;
use crate::dialect::index::create_index;
use crate::dialect::table::create_table_with;
use migrate_core::diff::TableRedefinition;
use migrate_core::schema::{Column, Unmodelled};
use migrate_core::sql_quote::{ident_list, quote_ident};

/// The statements of one `RedefineTables` step.
pub(crate) fn redefine_tables(redefinitions: &[TableRedefinition]) -> Result<Vec<String>, String> {
    let mut statements = vec![
        "PRAGMA defer_foreign_keys=ON".to_string(),
        "PRAGMA foreign_keys=OFF".to_string(),
    ];
    for redefinition in redefinitions {
        statements.extend(redefine_table(redefinition)?);
    }
    statements.push("PRAGMA foreign_keys=ON".to_string());
    statements.push("PRAGMA defer_foreign_keys=OFF".to_string());
    Ok(statements)
}

fn redefine_table(redefinition: &TableRedefinition) -> Result<Vec<String>, String> {
    let (from, to) = (&redefinition.from, &redefinition.to);
    let temporary = format!("new_{}", to.name);
    // What the schema does not describe, as the database had it.
    let (kept, _) = redefinition.unmodelled();
    let generated: Vec<&str> = kept
        .iter()
        .filter_map(|u| match u {
            Unmodelled::GeneratedColumn(o) => Some(o.sql.as_str()),
            _ => None,
        })
        .collect();
    let checks: Vec<&str> = kept
        .iter()
        .filter_map(|u| match u {
            Unmodelled::Check { sql, .. } => Some(sql.as_str()),
            _ => None,
        })
        .collect();
    let mut statements = vec![create_table_with(to, &temporary, &generated, &checks)?];
    statements.extend(copy_rows(redefinition, &temporary));
    statements.push(format!("DROP TABLE {}", quote_ident(&from.name)));
    statements.push(format!(
        "ALTER TABLE {} RENAME TO {}",
        quote_ident(&temporary),
        quote_ident(&to.name)
    ));
    for index in &to.indexes {
        statements.extend(create_index(&to.name, index)?);
    }
    statements.extend(kept.into_iter().filter_map(|u| match u {
        Unmodelled::Trigger(o) | Unmodelled::Index(o) => Some(o.sql.clone()),
        Unmodelled::GeneratedColumn(_) | Unmodelled::Check { .. } => None,
    }));
    Ok(statements)
}

/// `INSERT INTO "new_T" (..) SELECT .. FROM "T"`, or nothing when no column
/// survives.
fn copy_rows(redefinition: &TableRedefinition, temporary: &str) -> Option<String> {
    let columns = redefinition.copied_columns();
    if columns.is_empty() {
        return None;
    }
    let targets = ident_list(columns.iter().map(|(_, to)| to.name.as_str()), ", ");
    let sources: Vec<String> = columns.iter().map(|(from, to)| source_column(from, to)).collect();
    Some(format!(
        "INSERT INTO {} ({targets}) SELECT {} FROM {}",
        quote_ident(temporary),
        sources.join(", "),
        quote_ident(&redefinition.from.name)
    ))
}

/// The column as selected from the old table. A column that becomes required
/// and has a default takes the default where it was null.
fn source_column(from: &Column, to: &Column) -> String {
    let name = quote_ident(&from.name);
    let becomes_required = from.nullable && !to.nullable;
    match to.default.as_ref().and_then(render_default) {
        Some(default) if becomes_required => format!("coalesce({name}, {default}) AS {name}"),
        _ => name,
    }
}
