//! One model per table: a field per column (in column order), the relation
//! fields after them, then `@@id`, `@@unique`, `@@index`, `@@map`, `@@ignore`.

use super::defaults::default_attribute;
use super::existing::{Notes, OldField};
use super::indexes::key_attributes;
use super::names;
use super::notes;
use super::plan::{FieldKind, ModelPlan, Plan};
use super::syntax::{
    attribute, bare_attribute, escape, field, ident, named_type, number, positional, string, unsupported_type,
};
use crate::psl::ast::{Arity, Attribute, Block, BlockKind, Field, FieldTypeExpr, Member, TopItem};
use crate::psl::datamodel::Provider;
use crate::schema::ScalarType;

/// What Prisma writes above a table without columns, commented out.
const NO_COLUMNS_POSTGRES: &str = "We could not retrieve columns for the underlying table. Either it has none or you are missing rights to see them. Please check your privileges.";
const NO_COLUMNS: &str = "We could not retrieve columns for the underlying table. You probably have no rights to see them. Please check your privileges.";

pub(super) fn model_block(plan: &Plan<'_>, model: usize, relation_fields: Vec<(Field, Notes)>) -> Block {
    let m = &plan.models[model];
    let keys = key_attributes(plan, model);
    let mut members = Vec::new();
    for (column, keys) in keys.fields.into_iter().enumerate() {
        let (field, notes) = scalar_field(plan, m, column, keys);
        push_noted(&mut members, field, &notes);
    }
    for (field, notes) in relation_fields.into_iter().chain(view_relations(plan, model)) {
        push_noted(&mut members, field, &notes);
    }
    let old_model = m.old.map(|i| &plan.existing.models[i]);
    let loose = old_model.map(|o| &o.comments);
    members.extend(
        loose
            .into_iter()
            .flat_map(|c| c.above_attributes.iter().cloned().map(Member::Comment)),
    );
    members.extend(keys.block.into_iter().map(Member::Attribute));
    let old = old_model.map(|o| o.block);
    let mut doc: Vec<String> = old.map(|b| b.doc.clone()).unwrap_or_default();
    // The line above a commented-out model reads as the next model's doc.
    doc.retain(|line| line != NO_COLUMNS_POSTGRES && line != NO_COLUMNS);
    if plan.maps_model(m) {
        members.push(Member::Attribute(attribute(
            "map",
            vec![positional(string(&m.table.name))],
        )));
    }
    if m.old.is_none() && names::is_reserved(&m.table.name) {
        doc.push(format!(
            "This model has been renamed to '{}' during introspection, because the original name '{}' is reserved.",
            m.name, m.table.name
        ));
    }
    let ignored = m.old.is_some_and(|i| plan.existing.models[i].is_ignored());
    let no_identifier = !ignored && !m.has_unique_criterion();
    for line in notes::model_doc(plan.table_notes(m.table), m.old.is_none(), no_identifier) {
        if !doc.iter().any(|l| l == line) {
            doc.push(line.to_string());
        }
    }
    if plan.is_ignored(model) {
        members.push(Member::Attribute(bare_attribute("ignore")));
    }
    if let Some(namespaces) = &plan.existing.namespaces {
        let schema = namespaces.actual(m.table.namespace.as_deref());
        members.push(Member::Attribute(attribute("schema", vec![positional(string(schema))])));
    }
    members.extend(
        loose
            .into_iter()
            .flat_map(|c| c.at_end.iter().cloned().map(Member::Comment)),
    );
    Block {
        kind: BlockKind::Model,
        name: ident(&m.name),
        doc,
        members,
        span: Default::default(),
    }
}

/// A table without columns (PostgreSQL allows them) cannot be a model: as
/// Prisma does, it is written commented out, with a doc line saying why.
pub(super) fn commented_out(plan: &Plan<'_>, model: usize) -> Vec<TopItem> {
    let m = &plan.models[model];
    let why = match plan.dialect.provider() {
        Provider::Postgres => NO_COLUMNS_POSTGRES,
        _ => NO_COLUMNS,
    };
    let mut lines = vec![format!("/// {why}"), format!("// model {} {{", m.name)];
    if m.name != m.table.name {
        lines.push(format!("// @@map(\"{}\")", escape(&m.table.name)));
    }
    lines.push("// }".to_string());
    lines.into_iter().map(TopItem::Comment).collect()
}

/// The existing model's relation fields to views, as written: a view has no
/// foreign keys to pull them from, and Prisma 6.19.3 keeps them (those to a
/// view that is gone go, where the views were read).
fn view_relations(plan: &Plan<'_>, model: usize) -> Vec<(Field, Notes)> {
    let Some(old) = plan.models[model].old.map(|i| &plan.existing.models[i]) else {
        return Vec::new();
    };
    let pulled = |target: &str| !plan.reads_views || plan.views.iter().any(|v| v.name == target);
    let to_view = |f: &&super::existing::OldField<'_>| matches!(&f.kind, super::existing::OldKind::Relation(target) if plan.existing.is_view(target) && pulled(target));
    old.fields
        .iter()
        .filter(to_view)
        .map(|f| (f.ast.clone(), f.notes()))
        .collect()
}

/// `field` with what the existing schema says around it: the `//` lines
/// above, its doc comment, the `//` comment at the end of its line.
pub(super) fn push_noted(members: &mut Vec<Member>, mut field: Field, notes: &Notes) {
    members.extend(notes.above.iter().cloned().map(Member::Comment));
    field.doc = notes.doc.clone();
    field.comment = notes.trailing.clone();
    members.push(Member::Field(field));
}

/// The field of `column` of `m`, with `attributes` (its keys) first.
pub(super) fn scalar_field(
    plan: &Plan<'_>,
    m: &ModelPlan<'_>,
    column: usize,
    mut attributes: Vec<Attribute>,
) -> (Field, Notes) {
    let (col, spec) = (&m.table.columns[column], &m.columns[column]);
    let old = plan.old_field(m, column);
    attributes.extend(default_attribute(plan, m, column));
    let kept = |name: &str| old.and_then(|f| f.attribute(name)).is_some();
    if kept("updatedAt") && spec.kind == FieldKind::Scalar(ScalarType::DateTime) {
        attributes.push(bare_attribute("updatedAt"));
    }
    if plan.maps_field(m, column) {
        attributes.push(attribute("map", vec![positional(string(&col.name))]));
    }
    if kept("ignore") {
        attributes.push(bare_attribute("ignore"));
    }
    if let FieldKind::Scalar(scalar) = spec.kind {
        attributes.extend(plan.dialect.native_type(&col.ty, scalar).map(|native| {
            let name = format!("{}.{}", plan.existing.datasource_name(), native.name);
            attribute(&name, native.args.into_iter().map(|a| positional(number(a))).collect())
        }));
    }
    let arity = if col.ty.list {
        Arity::List
    } else if m.is_optional(&col.name) {
        kept_view_arity(plan, m, old).unwrap_or(Arity::Optional)
    } else {
        Arity::Required
    };
    let notes = old.map(|o| o.notes()).unwrap_or_default();
    (field(&spec.name, field_type(plan, m, column), arity, attributes), notes)
}

/// A view column reported nullable by a database that reports every view
/// column so (PostgreSQL, SQLite: no [`view_nullability`]) keeps the
/// existing field's required or list arity, as Prisma 6.19.3 keeps it.
///
/// [`view_nullability`]: crate::driver::Capabilities::view_nullability
fn kept_view_arity(plan: &Plan<'_>, m: &ModelPlan<'_>, old: Option<&OldField<'_>>) -> Option<Arity> {
    let keeps = m.view && !plan.dialect.capabilities().view_nullability;
    match old?.ast.arity {
        arity @ (Arity::Required | Arity::List) if keeps => Some(arity),
        _ => None,
    }
}

fn field_type(plan: &Plan<'_>, m: &ModelPlan<'_>, column: usize) -> FieldTypeExpr {
    match m.columns[column].kind {
        FieldKind::Scalar(s) => named_type(s.name()),
        FieldKind::Enum(e) => named_type(&plan.enums[e].name),
        FieldKind::Unsupported => unsupported_type(&m.table.columns[column].ty.sql),
    }
}
