//! The database's views as `view` blocks, and their queries for the
//! `views/` folder, as Prisma 6.19.3's `db pull` writes them with the
//! `views` preview feature (facts in `tests/fixtures/pull_views/`).
//!
//! A view has columns and nothing else in the database: no keys, indexes
//! or foreign keys (and defaults only where MySQL reports those of the
//! columns it selects). What the client needs besides (`@unique`,
//! `@@unique`, relation fields, `@@ignore`) can only come from the existing
//! schema, and is kept from it; a view has no `@id`, `@@id` or `@@index`
//! (validation refuses them, as Prisma 6.19.3 does). A view without
//! columns is left out, block and file.

use super::existing::OldModel;
use super::models::{push_noted, scalar_field};
use super::plan::{ModelPlan, Plan};
use super::syntax::{attribute, bare_attribute, ident, positional, string};
use crate::psl::ast::{Attribute, Block, BlockKind, Member};
use crate::schema::{Table, View};

/// A view's query, formatted for `views/<schema>/<name>.sql`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewFile {
    /// The view's database schema; `None` for the session's (Prisma writes
    /// the session's name: PostgreSQL's `public` or `?schema=`, the MySQL
    /// database's name, SQLite's `main`).
    pub schema: Option<String>,
    /// The view's name in the pulled schema (its `@@map` is the database's).
    pub name: String,
    /// The query as Prisma 6.19.3 formats it (the `sqlformat` crate 0.2,
    /// upper-case keywords, two-space indent), without a final newline.
    pub sql: String,
}

/// The views as tables of columns, which the planning of models reads.
pub(super) fn as_tables(views: &[View]) -> Vec<Table> {
    views
        .iter()
        .filter(|v| !v.columns.is_empty())
        .map(|v| Table {
            namespace: v.namespace.clone(),
            columns: v.columns.clone(),
            ..Table::new(v.name.clone())
        })
        .collect()
}

/// The block of the `view`-th view of the plan.
pub(super) fn view_block(plan: &Plan<'_>, view: usize) -> Block {
    let m = &plan.views[view];
    let old = plan.old_model(m);
    let mut members = Vec::new();
    for column in 0..m.table.columns.len() {
        let (field, notes) = scalar_field(plan, m, column, field_keys(plan, m, column));
        push_noted(&mut members, field, &notes);
    }
    for field in old.into_iter().flat_map(|o| o.fields.iter()) {
        if field.is_relation() && target_exists(plan, field) {
            push_noted(&mut members, field.ast.clone(), &field.notes());
        }
    }
    members.extend(old.into_iter().flat_map(kept_block_attributes).map(Member::Attribute));
    if plan.maps_model(m) {
        members.push(Member::Attribute(attribute(
            "map",
            vec![positional(string(&m.table.name))],
        )));
    }
    if old.is_some_and(OldModel::is_ignored) {
        members.push(Member::Attribute(bare_attribute("ignore")));
    }
    if let Some(namespaces) = &plan.existing.namespaces {
        let schema = namespaces.actual(m.table.namespace.as_deref());
        members.push(Member::Attribute(attribute("schema", vec![positional(string(schema))])));
    }
    Block {
        kind: BlockKind::View,
        name: ident(&m.name),
        doc: super::enums::with_line(
            old.map_or(&[], |o| o.block.doc.as_slice()),
            // Prisma 6.19.3 notes the comment above a new view only.
            (old.is_none() && plan.commented_views.contains(&m.table.qualified_name()))
                .then_some(super::notes::COMMENTED_VIEW),
        ),
        members,
        span: Default::default(),
    }
}

/// The field's `@unique`, as the existing view writes it.
fn field_keys(plan: &Plan<'_>, m: &ModelPlan<'_>, column: usize) -> Vec<Attribute> {
    let Some(old) = plan.old_field(m, column) else {
        return Vec::new();
    };
    let keys = old.ast.attributes.iter().filter(|a| a.name.name == "unique");
    keys.cloned().collect()
}

/// The `@@unique`s of the existing view, as written.
fn kept_block_attributes<'a>(old: &'a OldModel<'a>) -> impl Iterator<Item = Attribute> + 'a {
    let kept = |a: &&Attribute| a.name.name == "unique";
    old.block.attributes().filter(kept).cloned()
}

/// Whether a relation field's model or view is still pulled.
fn target_exists(plan: &Plan<'_>, field: &super::existing::OldField<'_>) -> bool {
    let named = |m: &ModelPlan<'_>| field.points_to(&m.name);
    plan.models.iter().any(named) || plan.views.iter().any(named)
}

/// The file of each pulled view.
pub(super) fn view_files(plan: &Plan<'_>, views: &[View]) -> Vec<ViewFile> {
    plan.views
        .iter()
        .filter_map(|m| {
            let view = views
                .iter()
                .find(|v| v.name == m.table.name && v.namespace == m.table.namespace)?;
            Some(ViewFile {
                schema: view.namespace.clone(),
                name: m.name.clone(),
                sql: format_query(&view.definition),
            })
        })
        .collect()
}

/// `sql` formatted as Prisma 6.19.3 formats a view's query.
pub fn format_query(sql: &str) -> String {
    let options = sqlformat::FormatOptions {
        uppercase: true,
        ..Default::default()
    };
    sqlformat::format(sql, &sqlformat::QueryParams::None, options)
}
