//! Relation names and relation field names, as Prisma's introspection
//! chooses them:
//!
//! - The relations between two models are all ambiguous when any of them
//!   is: a foreign key beside another foreign key between them, or with a
//!   column named like the referenced model; a join table beside any other
//!   relation between them (implicit many-to-many ones included).
//! - A foreign key's relation is unnamed, its forward field named after the
//!   referenced model (`User`) and its back field after the referencing one
//!   (`Post`). Ambiguous, it is named `{Referencing}_{columns}To{Referenced}`
//!   and both field names get `_{relation name}` appended.
//! - A join table's relation is named after the table without its `_`,
//!   unless that is the default `AToB`; each field is named after the other
//!   model, with the table name appended when ambiguous.
//! - In self-relations the back field of a foreign key is prefixed `other_`;
//!   the two fields of a join table get `_A` and `_B`.
//!
//! Names kept from the existing schema win; a new relation that would share
//! a name with another one between the same models is named as if ambiguous.

use super::names::sanitize;
use super::plan::Plan;
use super::relations::{Kind, Relation};
use std::collections::{HashMap, HashSet};

pub(super) fn name_relations(plan: &mut Plan<'_>, relations: &mut [Relation<'_>]) {
    let pairs = ambiguous_pairs(plan, relations);
    let mut ambiguous: Vec<bool> = relations.iter().map(|r| pairs.contains(&pair(r))).collect();
    for (r, &ambiguous) in relations.iter_mut().zip(&ambiguous) {
        if !r.kept {
            r.name = default_name(plan, r, ambiguous);
        }
    }
    make_names_distinct(plan, relations, &mut ambiguous);
    name_fields(plan, relations, &ambiguous);
}

fn pair(r: &Relation<'_>) -> (usize, usize) {
    (r.from.min(r.to), r.from.max(r.to))
}

/// The pairs of models whose relations are ambiguous, as Prisma finds
/// them: two foreign keys (on different columns) between the same models;
/// a foreign key column named like the model it references; a join table
/// beside any other relation between its two models.
fn ambiguous_pairs(plan: &Plan<'_>, relations: &[Relation<'_>]) -> HashSet<(usize, usize)> {
    let mut by_pair: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for (i, r) in relations.iter().enumerate() {
        by_pair.entry(pair(r)).or_default().push(i);
    }
    let mut pairs = HashSet::new();
    for (i, r) in relations.iter().enumerate() {
        let others = by_pair[&pair(r)].iter().filter(|&&j| j != i).map(|&j| &relations[j]);
        let ambiguous = match &r.kind {
            Kind::Inline { fk, .. } => {
                let target = &plan.models[r.to].relation_base;
                let column_named_like_target = fk
                    .columns
                    .iter()
                    .any(|c| plan.field_name(r.from, c) == Some(target.as_str()));
                column_named_like_target || others.into_iter().any(|o| matches!(o.kind, Kind::Inline { .. }))
            }
            Kind::ManyToMany(_) => others.count() > 0,
        };
        if ambiguous {
            pairs.insert(pair(r));
        }
    }
    pairs
}

fn default_name(plan: &Plan<'_>, r: &Relation<'_>, ambiguous: bool) -> Option<String> {
    let (from, to) = (&plan.models[r.from].relation_base, &plan.models[r.to].relation_base);
    match &r.kind {
        Kind::Inline { fk, .. } if ambiguous => {
            let columns: Vec<&str> = fk
                .columns
                .iter()
                .map(|c| plan.field_name(r.from, c).unwrap_or(c))
                .collect();
            Some(format!("{from}_{}To{to}", columns.join("_")))
        }
        Kind::Inline { .. } => r.is_self().then(|| format!("{from}To{to}")),
        Kind::ManyToMany(table) => {
            let found = &table.name[1..];
            let is_default = found == format!("{from}To{to}") && !r.is_self();
            (ambiguous || !is_default).then(|| found.to_string())
        }
    }
}

/// The validator pairs relation fields by name: no two relations between
/// the same models may share one (or both lack one).
fn make_names_distinct(plan: &Plan<'_>, relations: &mut [Relation<'_>], ambiguous: &mut [bool]) {
    let kept_first = (0..relations.len()).filter(|&i| relations[i].kept);
    let order: Vec<usize> = kept_first
        .chain((0..relations.len()).filter(|&i| !relations[i].kept))
        .collect();
    let mut seen: Vec<((usize, usize), Option<String>)> = Vec::new();
    for i in order {
        let taken = |r: &Relation<'_>, seen: &[((usize, usize), Option<String>)]| {
            seen.iter().any(|(p, n)| *p == pair(r) && *n == r.name)
        };
        if !relations[i].kept && taken(&relations[i], &seen) {
            ambiguous[i] = true;
            relations[i].name = default_name(plan, &relations[i], true);
            let base = relations[i].name.clone().unwrap_or_default();
            let mut n = 2;
            while matches!(relations[i].kind, Kind::Inline { .. }) && taken(&relations[i], &seen) {
                relations[i].name = Some(format!("{base}_{n}"));
                n += 1;
            }
        }
        seen.push((pair(&relations[i]), relations[i].name.clone()));
    }
}

/// Kept field names first, then the defaults, each unique in its model.
fn name_fields(plan: &mut Plan<'_>, relations: &mut [Relation<'_>], ambiguous: &[bool]) {
    for r in relations.iter_mut() {
        let models = [r.from, r.to];
        for (side, name) in r.fields.iter_mut().enumerate() {
            if let Some(kept) = name {
                *name = Some(plan.models[models[side]].taken.claim(kept));
            }
        }
    }
    for (r, &ambiguous) in relations.iter_mut().zip(ambiguous) {
        let defaults = default_field_names(plan, r, ambiguous);
        let models = [r.from, r.to];
        for (side, default) in defaults.into_iter().enumerate() {
            if r.fields[side].is_none() {
                r.fields[side] = Some(plan.models[models[side]].taken.claim(&sanitize(&default)));
            }
        }
    }
}

fn default_field_names(plan: &Plan<'_>, r: &Relation<'_>, ambiguous: bool) -> [String; 2] {
    let (from, to) = (&plan.models[r.from].relation_base, &plan.models[r.to].relation_base);
    let self_relation = r.is_self();
    match (&r.kind, r.name.as_deref()) {
        (Kind::Inline { .. }, Some(name)) if ambiguous => {
            let other = if self_relation { "other_" } else { "" };
            [format!("{to}_{name}"), format!("{other}{from}_{name}")]
        }
        (Kind::Inline { .. }, _) => {
            let other = if self_relation { "other_" } else { "" };
            [to.clone(), format!("{other}{from}")]
        }
        (Kind::ManyToMany(table), _) => {
            let suffix = if ambiguous { table.name.as_str() } else { "" };
            let [a, b] = if self_relation { ["_A", "_B"] } else { ["", ""] };
            [format!("{to}{suffix}{a}"), format!("{from}{suffix}{b}")]
        }
    }
}
