//! Enums: the database's named enum types (PostgreSQL), and on SQLite,
//! where enums are text, the existing schema's enums that text columns
//! still use.

use super::existing::{Existing, OldEnum};
use super::names::{self, Taken};
use super::syntax::{attribute, ident, positional, string};
use crate::psl::ast::{Block, BlockKind, EnumValue, Member};
use crate::psl::diagnostics::FileId;
use crate::schema::Schema;

pub(super) struct EnumPlan {
    pub name: String,
    pub db_name: String,
    pub values: Vec<ValuePlan>,
    pub doc: Vec<String>,
    /// The file of the existing enum.
    pub file: Option<FileId>,
}

pub(super) struct ValuePlan {
    pub name: String,
    pub db_name: String,
    pub doc: Vec<String>,
}

/// One plan per enum type of the database, named as in the existing schema
/// when it has an enum stored under the same name. Existing names are
/// already taken in `top`.
pub(super) fn plan_enums(schema: &Schema, existing: &Existing<'_>, top: &mut Taken) -> Vec<EnumPlan> {
    let plan = |e: &crate::schema::Enum| {
        let old = existing.enums.iter().find(|o| o.db_name == e.name);
        let name = match old {
            Some(o) => o.block.name.name.clone(),
            None => top.claim(&names::type_name(&e.name)),
        };
        EnumPlan {
            name,
            db_name: e.name.clone(),
            values: values(&e.values, old),
            doc: old.map(|o| o.block.doc.clone()).unwrap_or_default(),
            file: old.map(|o| o.file),
        }
    };
    schema.enums.iter().map(plan).collect()
}

fn values(db_values: &[String], old: Option<&OldEnum<'_>>) -> Vec<ValuePlan> {
    let mut taken = Taken::default();
    let kept: Vec<Option<&EnumValue>> = db_values
        .iter()
        .map(|v| {
            old.and_then(|o| o.values.iter().find(|(_, db)| db == v))
                .map(|(value, _)| *value)
        })
        .collect();
    for value in kept.iter().flatten() {
        taken.claim(&value.name.name);
    }
    db_values
        .iter()
        .zip(kept)
        .map(|(db, kept)| ValuePlan {
            name: kept.map_or_else(|| taken.claim(&names::value_name(db)), |v| v.name.name.clone()),
            db_name: db.clone(),
            doc: kept.map(|v| v.doc.clone()).unwrap_or_default(),
        })
        .collect()
}

/// The plan of the enum type a column has.
pub(super) fn enum_for_column(db_name: &str, enums: &[EnumPlan]) -> Option<usize> {
    enums.iter().position(|e| e.db_name == db_name)
}

/// The plan for an existing enum kept as it is, added on first use.
pub(super) fn kept_enum(old: &OldEnum<'_>, enums: &mut Vec<EnumPlan>) -> usize {
    if let Some(at) = enums.iter().position(|e| e.name == old.block.name.name) {
        return at;
    }
    let db_values: Vec<String> = old.values.iter().map(|(_, db)| db.clone()).collect();
    enums.push(EnumPlan {
        name: old.block.name.name.clone(),
        db_name: old.db_name.clone(),
        values: values(&db_values, Some(old)),
        doc: old.block.doc.clone(),
        file: Some(old.file),
    });
    enums.len() - 1
}

pub(super) fn enum_block(plan: &EnumPlan) -> Block {
    let mut members: Vec<Member> = plan.values.iter().map(|v| Member::Value(value(v))).collect();
    if plan.name != plan.db_name {
        members.push(Member::Attribute(attribute(
            "map",
            vec![positional(string(&plan.db_name))],
        )));
    }
    Block {
        kind: BlockKind::Enum,
        name: ident(&plan.name),
        doc: plan.doc.clone(),
        members,
        span: Default::default(),
    }
}

fn value(plan: &ValuePlan) -> EnumValue {
    let mut attributes = Vec::new();
    if plan.name != plan.db_name {
        attributes.push(attribute("map", vec![positional(string(&plan.db_name))]));
    }
    EnumValue {
        name: ident(&plan.name),
        attributes,
        doc: plan.doc.clone(),
        comment: None,
        span: Default::default(),
    }
}
