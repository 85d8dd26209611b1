//! The relations of the schema that `db pull` replaces, so that a foreign
//! key or join table it still finds keeps its relation name and the names
//! of both relation fields.

use super::existing::{Existing, OldField, OldKind};
use crate::schema::ConstraintNames;

/// A one-to-one or one-to-many relation: `forward` holds `fields:`.
pub(super) struct OldInline<'e, 'a> {
    /// Index of the model holding the foreign key.
    pub model: usize,
    pub forward: &'e OldField<'a>,
    /// Index of the referenced model.
    pub target: usize,
    pub back: Option<&'e OldField<'a>>,
    pub name: Option<String>,
    /// The foreign key's columns.
    pub columns: Vec<String>,
}

/// An implicit many-to-many relation.
pub(super) struct OldManyToMany<'e, 'a> {
    /// The join table it lowers to.
    pub table: String,
    /// The relation name as written (`None`: the default `AToB`).
    pub name: Option<String>,
    /// The relation name, written or the default.
    pub relation: String,
    /// The field on the model of column `A`, and its model.
    pub a: (usize, &'e OldField<'a>),
    pub b: (usize, &'e OldField<'a>),
}

pub(super) fn inline_relations<'e, 'a>(existing: &'e Existing<'a>) -> Vec<OldInline<'e, 'a>> {
    let mut found = Vec::new();
    for (model, m) in existing.models.iter().enumerate() {
        for forward in &m.fields {
            let (OldKind::Relation(target_name), Some(fields)) = (&forward.kind, forward.relation_fields()) else {
                continue;
            };
            let Some(target) = existing.model_named(target_name) else {
                continue;
            };
            let columns: Option<Vec<String>> = fields
                .iter()
                .map(|f| m.field_named(f).map(|f| f.db_name.clone()))
                .collect();
            let name = forward.relation_name();
            let back = existing.models[target].fields.iter().find(|f| {
                f.points_to(m.name())
                    && f.relation_name() == name
                    && f.relation_fields().is_none()
                    && !std::ptr::eq(*f, forward)
            });
            if let Some(columns) = columns {
                found.push(OldInline {
                    model,
                    forward,
                    target,
                    back,
                    name,
                    columns,
                });
            }
        }
    }
    found
}

pub(super) fn many_to_many<'e, 'a>(existing: &'e Existing<'a>, names: ConstraintNames) -> Vec<OldManyToMany<'e, 'a>> {
    let mut found: Vec<OldManyToMany> = Vec::new();
    let lists = list_relation_fields(existing);
    for (i, &(model, field)) in lists.iter().enumerate() {
        let taken = |f: &OldField| found.iter().any(|r| std::ptr::eq(r.a.1, f) || std::ptr::eq(r.b.1, f));
        if taken(field) {
            continue;
        }
        let model_name = existing.models[model].name();
        let partner = lists.iter().skip(i + 1).find(|(other, f)| {
            f.points_to(model_name)
                && field.points_to(existing.models[*other].name())
                && f.relation_name() == field.relation_name()
                && !taken(f)
        });
        let Some(&(other, partner)) = partner else { continue };
        let ((a, fa), (b, fb)) = if model_name <= existing.models[other].name() {
            ((model, field), (other, partner))
        } else {
            ((other, partner), (model, field))
        };
        let name = field.relation_name();
        let relation = name
            .clone()
            .unwrap_or_else(|| format!("{}To{}", existing.models[a].name(), existing.models[b].name()));
        found.push(OldManyToMany {
            table: names.join_table(&relation),
            name,
            relation,
            a: (a, fa),
            b: (b, fb),
        });
    }
    found
}

/// Every list field to a model, with its model's index, in schema order.
fn list_relation_fields<'e, 'a>(existing: &'e Existing<'a>) -> Vec<(usize, &'e OldField<'a>)> {
    let mut lists = Vec::new();
    for (index, m) in existing.models.iter().enumerate() {
        for f in &m.fields {
            let is_list = f.ast.arity == crate::psl::ast::Arity::List;
            if is_list && matches!(&f.kind, OldKind::Relation(t) if existing.model_named(t).is_some()) {
                lists.push((index, f));
            }
        }
    }
    lists
}
