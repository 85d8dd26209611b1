//! The foreign keys of one table, from their rows: one per column, in key
//! order, each key's rows together.
//!
//! A key referencing a table of another schema names that schema.
//! `MATCH FULL`, deferrable
//! keys and `NOT VALID` keys read back as plain keys.

use super::catalog::ForeignKeyRow;
use migrate_core::introspection::{self, ForeignKeyColumn};
use migrate_core::schema::{ForeignKey, ReferentialAction};

pub(super) fn foreign_keys(rows: Vec<ForeignKeyRow>) -> Vec<ForeignKey> {
    introspection::foreign_keys(rows.into_iter().map(|row| ForeignKeyColumn {
        on_delete: action(&row.on_delete),
        on_update: action(&row.on_update),
        name: row.name,
        column: row.column,
        referenced_namespace: row.referenced_table.namespace,
        referenced_table: row.referenced_table.name,
        referenced_column: row.referenced_column,
    }))
}

/// A `confdeltype` / `confupdtype` code.
fn action(code: &str) -> ReferentialAction {
    match code {
        "r" => ReferentialAction::Restrict,
        "c" => ReferentialAction::Cascade,
        "n" => ReferentialAction::SetNull,
        "d" => ReferentialAction::SetDefault,
        _ => ReferentialAction::NoAction,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_code() {
        let codes = ["a", "r", "c", "n", "d"].map(action);
        let expected = [
            ReferentialAction::NoAction,
            ReferentialAction::Restrict,
            ReferentialAction::Cascade,
            ReferentialAction::SetNull,
            ReferentialAction::SetDefault,
        ];
        assert_eq!(codes, expected);
    }
}
