//! The foreign keys of one table, from their rows: one per column, in key
//! order, each key's rows together. Keys to tables of another database are
//! not read (the query leaves them out).

use super::catalog::ForeignKeyRow;
use migrate_core::introspection::{self, ForeignKeyColumn};
use migrate_core::schema::{ForeignKey, ReferentialAction};

pub(super) fn foreign_keys(rows: Vec<ForeignKeyRow>) -> Vec<ForeignKey> {
    introspection::foreign_keys(rows.into_iter().map(|row| ForeignKeyColumn {
        on_delete: action(&row.actions.on_delete),
        on_update: action(&row.actions.on_update),
        name: row.name,
        column: row.column,
        referenced_table: row.referenced_table,
        referenced_namespace: None,
        referenced_column: row.referenced_column,
    }))
}

/// A `DELETE_RULE` / `UPDATE_RULE`.
fn action(rule: &str) -> ReferentialAction {
    match rule {
        "CASCADE" => ReferentialAction::Cascade,
        "SET NULL" => ReferentialAction::SetNull,
        "SET DEFAULT" => ReferentialAction::SetDefault,
        "RESTRICT" => ReferentialAction::Restrict,
        _ => ReferentialAction::NoAction,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule() {
        let rules = ["NO ACTION", "RESTRICT", "CASCADE", "SET NULL", "SET DEFAULT"].map(action);
        let expected = [
            ReferentialAction::NoAction,
            ReferentialAction::Restrict,
            ReferentialAction::Cascade,
            ReferentialAction::SetNull,
            ReferentialAction::SetDefault,
        ];
        assert_eq!(rules, expected);
    }
}
