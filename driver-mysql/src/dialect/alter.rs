//! `AlterTable`: one `ALTER TABLE` statement per table, its clauses in
//! Prisma's order (`TableChange::rank`) joined by `,\n    `. A column
//! changes with `MODIFY` (its whole definition written again: type,
//! nullability, default, auto-increment), except a change of only dropping
//! the default, which is `ALTER COLUMN ... DROP DEFAULT`. A new enum value
//! is such a type change of every column using the enum.

use super::column::{column_definition, modify_column};
use super::quote::quote_ident;
use super::table::primary_key;
use migrate_core::diff::TableChange;
use migrate_core::schema::Column;

pub(crate) fn alter_table(table: &str, changes: &[TableChange]) -> Result<Vec<String>, String> {
    let mut ordered: Vec<&TableChange> = changes.iter().collect();
    ordered.sort_by_key(|change| change.rank());
    let clauses = ordered
        .into_iter()
        .map(|change| clause(table, change))
        .collect::<Result<Vec<_>, String>>()?;
    if clauses.is_empty() {
        return Ok(Vec::new());
    }
    Ok(vec![format!(
        "ALTER TABLE {} {}",
        quote_ident(table),
        clauses.join(",\n    ")
    )])
}

fn clause(table: &str, change: &TableChange) -> Result<String, String> {
    Ok(match change {
        TableChange::DropPrimaryKey(_) => "DROP PRIMARY KEY".to_string(),
        TableChange::DropColumn(column) => format!("DROP COLUMN {}", quote_ident(&column.name)),
        TableChange::AddColumn(column) => format!("ADD COLUMN {}", column_definition(table, column)?),
        TableChange::AlterColumn { from, to } => alter_column(table, from, to)?,
        TableChange::RecreateColumn { from, to } => format!(
            "DROP COLUMN {},\n    ADD COLUMN {}",
            quote_ident(&from.name),
            column_definition(table, to)?
        ),
        TableChange::AddPrimaryKey(pk) => format!("ADD {}", primary_key(pk)),
        TableChange::RenamePrimaryKey { to, .. } => {
            return Err(format!(
                "MySQL's primary key is always named PRIMARY; a rename to `{to}` is never planned for it"
            ))
        }
    })
}

fn alter_column(table: &str, from: &Column, to: &Column) -> Result<String, String> {
    let only_default_dropped = to.default.is_none()
        && from.ty.sql == to.ty.sql
        && from.nullable == to.nullable
        && from.auto_increment == to.auto_increment;
    if only_default_dropped {
        return Ok(format!("ALTER COLUMN {} DROP DEFAULT", quote_ident(&to.name)));
    }
    modify_column(table, to)
}
