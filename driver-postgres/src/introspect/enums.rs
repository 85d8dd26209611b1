//! The enum types of the schema, from their rows: one per value, in the
//! values' declared order, each type's rows together.

use super::catalog::EnumRow;
use super::Namespaces;
use migrate_core::schema::{Enum, TableName};
use std::collections::BTreeSet;

pub(super) fn enums(rows: Vec<EnumRow>, namespaces: &Namespaces) -> Vec<Enum> {
    let mut enums: Vec<Enum> = Vec::new();
    for row in rows {
        let namespace = namespaces.relative(&row.namespace);
        if enums
            .last()
            .is_none_or(|e| e.name != row.name || e.namespace != namespace)
        {
            enums.push(Enum {
                namespace,
                name: row.name,
                values: Vec::new(),
            });
        }
        if let (Some(e), Some(value)) = (enums.last_mut(), row.value) {
            e.values.push(value);
        }
    }
    enums
}

/// The enum types with a comment, keyed as [`migrate_core::schema::PullNotes`] keys them.
pub(super) fn commented(rows: &[EnumRow], namespaces: &Namespaces) -> BTreeSet<String> {
    let name = |row: &EnumRow| TableName {
        namespace: namespaces.relative(&row.namespace),
        name: row.name.clone(),
    };
    rows.iter()
        .filter(|r| r.commented)
        .map(|r| name(r).to_string())
        .collect()
}
