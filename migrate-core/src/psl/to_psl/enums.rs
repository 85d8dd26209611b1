//! Enums: the database's named enum types (PostgreSQL); on MySQL the
//! enums inline in columns, one per column (`<table>_<column>`), named as
//! in the existing schema where the column's field had an enum type there
//! (several columns of one existing enum stay that enum); and on SQLite,
//! where enums are text, every enum of the existing schema (a text column
//! whose field had an enum type keeps it).

use super::existing::{Existing, Notes, OldEnum, OldKind, OldValue};
use super::names::{self, Taken};
use super::syntax::{attribute, ident, positional, string};
use crate::driver::{Dialect, FieldTypeRef};
use crate::psl::ast::{Block, BlockKind, EnumValue, Member};
use crate::psl::diagnostics::FileId;
use crate::schema::{Enum, Schema, Table, TypeFamily};
use std::collections::HashMap;

pub(super) struct EnumPlan {
    pub name: String,
    pub db_name: String,
    /// The database schema of the type (multiSchema): `@@schema`.
    pub namespace: Option<String>,
    pub values: Vec<ValuePlan>,
    pub doc: Vec<String>,
    /// The file of the existing enum.
    pub file: Option<FileId>,
    /// Where the existing enum stands among the existing schema's enums.
    pub old: Option<usize>,
    /// Where enums are inline in columns: the names of the columns' enums
    /// (`<table>_<column>`) this enum stands for.
    pub columns: Vec<String>,
    /// The type has a comment in the database (PostgreSQL).
    pub commented: bool,
}

pub(super) struct ValuePlan {
    pub name: String,
    pub db_name: String,
    pub notes: Notes,
    /// Named as the existing schema names it.
    pub kept: bool,
    /// Written with `@map`: its name is not its database name, or the
    /// existing value writes one (to its own name too, which Prisma 6.19.3
    /// keeps).
    pub mapped: bool,
}

impl EnumPlan {
    /// Whether the enum writes `@@map`, as [`ValuePlan::mapped`].
    pub(super) fn maps(&self, existing: &Existing<'_>) -> bool {
        self.name != self.db_name
            || self
                .old
                .and_then(|i| existing.enums.get(i))
                .is_some_and(OldEnum::has_map)
    }
}

/// One plan per enum type of the database, named as in the existing schema
/// when it has an enum stored under the same name. Existing names are
/// already taken in `top`. `views`: the views pulled, as tables, and the
/// enums inline in their columns (MySQL).
pub(super) fn plan_enums(
    schema: &Schema,
    views: (&[Table], &[Enum]),
    existing: &Existing<'_>,
    top: &mut Taken,
    inline: bool,
) -> Vec<EnumPlan> {
    if inline {
        return plan_inline_enums(schema, views, existing, top);
    }
    let mut seen = std::collections::HashSet::new();
    let shared: std::collections::HashSet<&str> = schema
        .enums
        .iter()
        .filter(|e| !seen.insert(e.name.as_str()))
        .map(|e| e.name.as_str())
        .collect();
    let plan = |e: &crate::schema::Enum| {
        let old = existing.enum_of_type(e);
        // A name several database schemas have: `<schema>_<name>`, as Prisma 6.19.3 names it.
        let namespaces = existing.namespaces.as_ref();
        let type_name = match namespaces.filter(|_| shared.contains(e.name.as_str())) {
            Some(n) => format!("{}_{}", n.actual(e.namespace.as_deref()), e.name),
            None => e.name.clone(),
        };
        let name = match old {
            Some(o) => o.block.name.name.clone(),
            None => top.claim(&names::type_name(&type_name)),
        };
        EnumPlan {
            name,
            db_name: e.name.clone(),
            namespace: namespaces.map(|n| n.actual(e.namespace.as_deref()).to_string()),
            values: values(&e.values, old),
            doc: old.map(|o| o.block.doc.clone()).unwrap_or_default(),
            file: old.map(|o| o.file),
            old: old.map(|o| existing.enum_position(o)),
            columns: Vec::new(),
            commented: schema.notes.enum_is_commented(e.namespace.as_deref(), &e.name),
        }
    };
    schema.enums.iter().map(plan).collect()
}

/// One plan per column enum, except that the columns whose fields had the
/// same enum type in the existing schema share that enum's plan.
fn plan_inline_enums(
    schema: &Schema,
    (view_tables, view_enums): (&[Table], &[Enum]),
    existing: &Existing<'_>,
    top: &mut Taken,
) -> Vec<EnumPlan> {
    let mut plans: Vec<EnumPlan> = Vec::new();
    let columns: HashMap<&str, (&str, &str)> = schema
        .tables
        .iter()
        .chain(view_tables)
        .flat_map(|t| t.columns.iter().map(move |c| (t, c)))
        .filter_map(|(t, c)| match &c.ty.family {
            TypeFamily::Enum(name) => Some((name.as_str(), (t.name.as_str(), c.name.as_str()))),
            _ => None,
        })
        .collect();
    for e in schema.enums.iter().chain(view_enums) {
        let old = columns
            .get(e.name.as_str())
            .and_then(|(table, column)| enum_of_old_field(existing, table, column));
        if let Some(shared) = old.and_then(|o| plans.iter_mut().find(|p| p.name == o.block.name.name)) {
            shared.columns.push(e.name.clone());
            continue;
        }
        plans.push(EnumPlan {
            namespace: None,
            name: old.map_or_else(|| top.claim(&names::type_name(&e.name)), |o| o.block.name.name.clone()),
            db_name: old.map_or_else(|| e.name.clone(), |o| o.db_name.clone()),
            values: values(&e.values, old),
            doc: old.map(|o| o.block.doc.clone()).unwrap_or_default(),
            file: old.map(|o| o.file),
            old: old.map(|o| existing.enum_position(o)),
            columns: vec![e.name.clone()],
            commented: false,
        });
    }
    plans
}

/// The existing enum that was the type of the field of `column` (of a
/// table's model, or of a view).
fn enum_of_old_field<'e, 'a>(existing: &'e Existing<'a>, table: &str, column: &str) -> Option<&'e OldEnum<'a>> {
    let model = match existing.model_of_table(table) {
        Some(i) => &existing.models[i],
        None => &existing.views[existing.view_of_table(table)?],
    };
    let field = model.fields.iter().find(|f| !f.is_relation() && f.db_name == column)?;
    match &field.kind {
        OldKind::Enum(old) => existing.enum_named(old),
        _ => None,
    }
}

fn values(db_values: &[String], old: Option<&OldEnum<'_>>) -> Vec<ValuePlan> {
    let mut taken = Taken::default();
    let kept: Vec<Option<&OldValue>> = db_values
        .iter()
        .map(|v| old.and_then(|o| o.values.iter().find(|value| value.db_name == *v)))
        .collect();
    for value in kept.iter().flatten() {
        taken.claim(&value.ast.name.name);
    }
    db_values
        .iter()
        .zip(kept)
        .map(|(db, kept)| {
            let name = kept.map_or_else(|| taken.claim(&names::value_name(db)), |v| v.ast.name.name.clone());
            ValuePlan {
                mapped: name != *db || kept.is_some_and(OldValue::has_map),
                name,
                db_name: db.clone(),
                notes: kept.map(OldValue::notes).unwrap_or_default(),
                kept: kept.is_some(),
            }
        })
        .collect()
}

/// The plan of the enum type a column has.
pub(super) fn enum_for_column(db_name: &str, enums: &[EnumPlan]) -> Option<usize> {
    enums.iter().position(|e| match e.columns.is_empty() {
        true => e.db_name == db_name,
        false => e.columns.iter().any(|c| c == db_name),
    })
}

/// [`enum_for_column`] where several database schemas have an enum of
/// that name (multiSchema): the one whose qualified name is the column's
/// type (`"shop"."Role"`; the session's unqualified, `"Role"`).
pub(super) fn enum_for_typed_column(
    db_name: &str,
    column_sql: &str,
    session: Option<&str>,
    enums: &[EnumPlan],
    dialect: &dyn Dialect,
) -> Option<usize> {
    // The dialect spells the enum's type as lowering does.
    let spelled = |e: &EnumPlan| {
        let namespace = e.namespace.as_deref().filter(|n| Some(*n) != session);
        let ty = dialect.column_type(FieldTypeRef::Enum {
            namespace,
            name: &e.db_name,
            values: &[],
            list: false,
        });
        ty.sql == column_sql
    };
    let same_name = enums.iter().filter(|e| e.db_name == db_name).count();
    match same_name > 1 {
        true => enums.iter().position(|e| e.db_name == db_name && spelled(e)),
        false => enum_for_column(db_name, enums),
    }
}

/// The plan for an existing enum kept as it is, added on first use.
pub(super) fn kept_enum(existing: &Existing<'_>, old: &OldEnum<'_>, enums: &mut Vec<EnumPlan>) -> usize {
    if let Some(at) = enums.iter().position(|e| e.name == old.block.name.name) {
        return at;
    }
    let db_values: Vec<String> = old.values.iter().map(|v| v.db_name.clone()).collect();
    enums.push(EnumPlan {
        namespace: None,
        name: old.block.name.name.clone(),
        db_name: old.db_name.clone(),
        values: values(&db_values, Some(old)),
        doc: old.block.doc.clone(),
        file: Some(old.file),
        old: Some(existing.enum_position(old)),
        columns: Vec::new(),
        commented: false,
    });
    enums.len() - 1
}

/// The enum block; `existing` gives the `//` lines of the enum it replaces.
pub(super) fn enum_block(plan: &EnumPlan, existing: &Existing<'_>) -> Block {
    let mut members = Vec::new();
    for v in &plan.values {
        members.extend(v.notes.above.iter().cloned().map(Member::Comment));
        members.push(Member::Value(value(v)));
    }
    let old = plan.old.and_then(|i| existing.enums.get(i));
    let loose = old.map(|o| &o.comments);
    members.extend(
        loose
            .into_iter()
            .flat_map(|c| c.above_attributes.iter().cloned().map(Member::Comment)),
    );
    if plan.maps(existing) {
        members.push(Member::Attribute(attribute(
            "map",
            vec![positional(string(&plan.db_name))],
        )));
    }
    if let Some(schema) = &plan.namespace {
        members.push(Member::Attribute(attribute("schema", vec![positional(string(schema))])));
    }
    members.extend(
        loose
            .into_iter()
            .flat_map(|c| c.at_end.iter().cloned().map(Member::Comment)),
    );
    Block {
        kind: BlockKind::Enum,
        name: ident(&plan.name),
        // Prisma 6.19.3 notes the comment above a new enum only.
        doc: with_line(
            &plan.doc,
            (plan.commented && plan.old.is_none()).then_some(super::notes::COMMENTED_ENUM),
        ),
        members,
        span: Default::default(),
    }
}

fn value(plan: &ValuePlan) -> EnumValue {
    let mut attributes = Vec::new();
    if plan.mapped {
        attributes.push(attribute("map", vec![positional(string(&plan.db_name))]));
    }
    EnumValue {
        name: ident(&plan.name),
        attributes,
        doc: plan.notes.doc.clone(),
        comment: plan.notes.trailing.clone(),
        span: Default::default(),
    }
}

/// `doc` with `line` after it, unless it has it (a pull over a schema
/// that has the line keeps it once).
pub(super) fn with_line(doc: &[String], line: Option<&str>) -> Vec<String> {
    let mut doc = doc.to_vec();
    if let Some(line) = line.filter(|l| !doc.iter().any(|d| d == l)) {
        doc.push(line.to_string());
    }
    doc
}
