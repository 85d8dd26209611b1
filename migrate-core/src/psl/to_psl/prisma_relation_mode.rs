//! `relationMode = "prisma"`: the database has no foreign keys, so the
//! relations cannot be read from it. As Prisma does, the existing schema's
//! relations are kept wherever their fields' columns still exist; they are
//! turned into the foreign keys the relations would have, and named and
//! written like real ones.

use super::existing::field_refs;
use super::old_relations::inline_relations;
use super::plan::Plan;
use super::relations::default_on_delete;
use crate::psl::ast::Expr;
use crate::schema::{ForeignKey, ReferentialAction};

/// The foreign keys the existing schema's relations stand for, with the
/// index of the model that holds each.
pub(super) fn emulated_foreign_keys(plan: &Plan<'_>) -> Vec<(usize, ForeignKey)> {
    let model_of = |old: usize| plan.models.iter().position(|m| m.old == Some(old));
    let mut keys = Vec::new();
    for relation in inline_relations(plan.existing) {
        let (Some(from), Some(to)) = (model_of(relation.model), model_of(relation.target)) else {
            continue;
        };
        let Some(attr) = relation.forward.attribute("relation") else {
            continue;
        };
        let target = &plan.existing.models[relation.target];
        let references: Option<Vec<String>> = attr
            .arg("references")
            .map(field_refs)
            .unwrap_or_default()
            .into_iter()
            .map(|f| target.field_named(f).filter(|f| !f.is_relation()))
            .map(|f| f.map(|f| f.db_name.clone()))
            .collect();
        let (table, referenced) = (plan.models[from].table, plan.models[to].table);
        let Some(references) = references else { continue };
        let exist = relation.columns.iter().all(|c| table.column(c).is_some())
            && references.iter().all(|c| referenced.column(c).is_some());
        if !exist {
            continue;
        }
        let columns: Vec<&str> = relation.columns.iter().map(String::as_str).collect();
        let action = |name: &str, default: ReferentialAction| {
            let written = attr.arg(name).and_then(Expr::as_ident);
            written
                .and_then(|w| ReferentialAction::ALL.into_iter().find(|a| a.name() == w))
                .unwrap_or(default)
        };
        let default_delete = default_on_delete(plan, from, &relation.columns);
        let map = attr.arg("map").and_then(Expr::as_str).map(str::to_string);
        keys.push((
            from,
            ForeignKey {
                name: map.unwrap_or_else(|| plan.names.foreign_key(&table.name, &columns)),
                columns: relation.columns.clone(),
                referenced_table: referenced.name.clone(),
                referenced_namespace: referenced.namespace.clone(),
                referenced_columns: references,
                on_delete: action("onDelete", default_delete),
                on_update: action("onUpdate", ReferentialAction::Cascade),
            },
        ));
    }
    // Models in the database's table order, as real foreign keys come; a
    // model's relations in the order the file being replaced has them, as
    // Prisma 6.19.3 keeps them (a stable sort).
    keys.sort_by_key(|(from, _)| *from);
    keys
}
