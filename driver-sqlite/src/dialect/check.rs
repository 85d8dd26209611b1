//! What a table or index may hold on SQLite. Validation keeps these out of
//! lowered schemas; the checks stop anything else before it becomes SQL that
//! silently differs from the schema. Errors are the reason, in words.

use migrate_core::schema::{Column, DefaultValue, Index, IndexKind, Table};

pub(crate) fn table(table: &Table) -> Result<(), String> {
    for column in &table.columns {
        self::column(&table.name, column)?;
        if column.auto_increment && !table.is_single_primary_key(&column.name) {
            return Err(format!(
                "`{}`.`{}` is auto-increment but not the whole primary key",
                table.name, column.name
            ));
        }
    }
    table.indexes.iter().try_for_each(index)
}

pub(crate) fn column(table: &str, column: &Column) -> Result<(), String> {
    let name = format!("`{table}`.`{}`", column.name);
    if column.ty.list {
        return Err(format!("{name} is a list; SQLite has no scalar lists"));
    }
    if matches!(column.default, Some(DefaultValue::List(_))) {
        return Err(format!("{name} has a list default; SQLite has no scalar lists"));
    }
    Ok(())
}

pub(crate) fn index(index: &Index) -> Result<(), String> {
    let name = &index.name;
    if index.kind == IndexKind::Fulltext {
        return Err(format!("`{name}` is a fulltext index; SQLite has none"));
    }
    if let Some(algorithm) = index.algorithm {
        return Err(format!(
            "`{name}` uses the {} index method; SQLite has only one",
            algorithm.name()
        ));
    }
    if index.columns.iter().any(|c| c.length.is_some() || c.ops.is_some()) {
        return Err(format!(
            "`{name}` has prefix lengths or operator classes; SQLite has neither"
        ));
    }
    Ok(())
}
