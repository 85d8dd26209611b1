//! What `db pull` tells about what the schema file cannot say, as Prisma
//! 6.19.3 tells it: doc lines above models, views and enums, and the
//! warnings printed after the pull (facts in `tests/fixtures/pull/notes`).

use super::plan::{FieldKind, ModelPlan, Plan};
use crate::schema::TableNote;
use std::collections::BTreeMap;
use std::fmt;

/// What Prisma writes above a model it cannot give the client.
pub(super) const NO_UNIQUE_IDENTIFIER: &str = "The underlying table does not contain a valid unique identifier and can therefore currently not be handled by Prisma Client.";

/// What Prisma writes above an enum type with a comment.
pub(super) const COMMENTED_ENUM: &str = "This enum is commented in the database, and requires an additional setup for migrations: Read more: https://pris.ly/d/database-comments";

/// What Prisma writes above a view with a comment (on it or a column).
pub(super) const COMMENTED_VIEW: &str = "This view or at least one of its fields has comments in the database, and requires an additional setup for migrations: Read more: https://pris.ly/d/database-comments";

/// The doc lines above a model for its table's `notes`, in Prisma 6.19.3's
/// order, each once; `no_identifier`: the model gets [`NO_UNIQUE_IDENTIFIER`]
/// too (it goes after the constraint lines, before the comment line). A
/// model the existing schema has (`new` false) gets only the expression
/// index line: Prisma 6.19.3 adds no other note to a model on a pull over it.
pub(super) fn model_doc(notes: &[TableNote], new: bool, no_identifier: bool) -> Vec<&'static str> {
    let noted = notes
        .iter()
        .filter(|n| new || matches!(n, TableNote::ExpressionIndex(_)));
    let mut lines: Vec<(u8, &'static str)> = noted.map(doc_line).collect();
    if no_identifier {
        lines.push((4, NO_UNIQUE_IDENTIFIER));
    }
    lines.sort_by_key(|(rank, _)| *rank);
    lines.dedup();
    lines.into_iter().map(|(_, line)| line).collect()
}

/// A note's doc line, with its place among the others.
fn doc_line(note: &TableNote) -> (u8, &'static str) {
    match note {
        TableNote::Partitioned => (0, "This table is a partition table and requires additional setup for migrations. Visit https://pris.ly/d/partition-tables for more info."),
        TableNote::HasSubclasses => (1, "This table has subclasses and requires additional setup for migrations. Visit https://pris.ly/d/table-inheritance for more info."),
        TableNote::CheckConstraint(_) => (2, "This table contains check constraints and requires additional setup for migrations. Visit https://pris.ly/d/check-constraints for more info."),
        TableNote::ExclusionConstraint(_) => (3, "This table contains exclusion constraints and requires additional setup for migrations. Visit https://pris.ly/d/exclusion-constraints for more info."),
        TableNote::Comment { .. } => (5, "This model or at least one of its fields has comments in the database, and requires an additional setup for migrations: Read more: https://pris.ly/d/database-comments"),
        TableNote::NonDefaultDeferring(_) => (6, "This model has constraints using non-default deferring rules and requires additional setup for migrations. Visit https://pris.ly/d/constraint-deferring for more info."),
        TableNote::RowLevelSecurity => (7, "This model contains row level security and requires additional setup for migrations. Visit https://pris.ly/d/row-level-security for more info."),
        TableNote::NullSortOrder { .. } => (8, "This model contains an index with non-default null sort order and requires additional setup for migrations. Visit https://pris.ly/d/default-index-null-ordering for more info."),
        TableNote::ExpressionIndex(_) => (9, "This model contains an expression index which requires additional setup for migrations. Visit https://pris.ly/d/expression-indexes for more info."),
    }
}

/// One kind of warning Prisma 6.19.3 prints after a pull, in the order it
/// prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Warning {
    /// A field named from the existing schema, with an `@map`.
    RemappedField,
    /// A view's field named from the existing schema, with an `@map`.
    RemappedViewField,
    /// A table without columns, written commented out.
    ModelWithoutColumns,
    /// A model the client cannot tell rows of apart: `@@ignore`d.
    ModelWithoutIdentifier,
    /// A field of a type Prisma has no name for: `Unsupported("...")`.
    UnsupportedType,
    /// A view's field of such a type.
    UnsupportedTypeInView,
    /// A model named from the existing schema, with an `@@map`.
    RemappedModel,
    /// A view named from the existing schema, with an `@@map`.
    RemappedView,
    /// An enum value named from the existing schema, with an `@map`.
    RemappedEnumValue,
    /// An enum named from the existing schema, with an `@@map`.
    RemappedEnum,
    /// A relation field kept from the existing schema (`relationMode =
    /// "prisma"`: no foreign key to read it from).
    CopiedRelation,
    /// A model or enum named `<schema>_<name>` (multiSchema).
    DuplicateName,
    /// A partitioned table.
    PartitionTable,
    /// A table other tables inherit from.
    InheritedTable,
    /// An index column with a non-default NULLS FIRST/LAST.
    NullSortOrder,
    /// A table with row level security.
    RowLevelSecurity,
    /// A CHECK constraint.
    CheckConstraint,
    /// An EXCLUDE constraint.
    ExclusionConstraint,
    /// A DEFERRABLE key or foreign key.
    NonDefaultDeferring,
    /// A comment on a table, column, enum type or view.
    Comment,
    /// An index on expressions.
    ExpressionIndex,
}

impl Warning {
    /// Prisma 6.19.3's text of the warning, above its list.
    fn message(self) -> &'static str {
        match self {
            Warning::RemappedField | Warning::RemappedViewField => "These fields were enriched with `@map` information taken from the previous Prisma schema:",
            Warning::ModelWithoutColumns => "The following models were commented out as we could not retrieve columns for them. Please check your privileges:",
            Warning::ModelWithoutIdentifier => "The following models were ignored as they do not have a valid unique identifier or id. This is currently not supported by Prisma Client:",
            Warning::UnsupportedType | Warning::UnsupportedTypeInView => "These fields are not supported by Prisma Client, because Prisma currently does not support their types:",
            Warning::RemappedModel => "These models were enriched with `@@map` information taken from the previous Prisma schema:",
            Warning::RemappedView => "These views were enriched with `@@map` information taken from the previous Prisma schema:",
            Warning::RemappedEnumValue => "These enum values were enriched with `@map` information taken from the previous Prisma schema:",
            Warning::RemappedEnum => "These enums were enriched with `@@map` information taken from the previous Prisma schema:",
            Warning::CopiedRelation => "Relations were copied from the previous data model due to not using foreign keys in the database. If any of the relation columns changed in the database, the relations might not be correct anymore:",
            Warning::DuplicateName => "These items were renamed due to their names being duplicates in the Prisma schema:",
            Warning::PartitionTable => "These tables are partition tables, which are not yet fully supported:",
            Warning::InheritedTable => "These tables are inherited tables, which are not yet fully supported:",
            Warning::NullSortOrder => "These index columns are having a non-default null sort order, which is not yet fully supported. Read more: https://pris.ly/d/non-default-index-null-ordering",
            Warning::RowLevelSecurity => "These tables contain row level security, which is not yet fully supported. Read more: https://pris.ly/d/row-level-security",
            Warning::CheckConstraint => "These constraints are not supported by Prisma Client, because Prisma currently does not fully support check constraints. Read more: https://pris.ly/d/check-constraints",
            Warning::ExclusionConstraint => "These constraints are not supported by Prisma Client, because Prisma currently does not fully support exclusion constraints. Read more: https://pris.ly/d/exclusion-constraints",
            Warning::NonDefaultDeferring => "These primary key, foreign key or unique constraints are using non-default deferring in the database, which is not yet fully supported. Read more: https://pris.ly/d/constraint-deferring",
            Warning::Comment => "These objects have comments defined in the database, which is not yet fully supported. Read more: https://pris.ly/d/database-comments",
            Warning::ExpressionIndex => "These indexes are not supported by Prisma Client, because Prisma currently does not fully support expression indexes. Read more: https://pris.ly/d/expression-indexes",
        }
    }
}

/// The warnings of one pull: for each kind, the items it lists, each as
/// Prisma 6.19.3 writes it (`"Model"`, `Model: "M", field: "f"`, ...).
/// `Display` writes them as Prisma prints them after a pull that writes the
/// file; `db pull --print` prints each line after `// `.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PullWarnings {
    items: BTreeMap<Warning, Vec<String>>,
}

impl PullWarnings {
    /// No warning at all.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The warnings as `db pull --print` writes them on standard error, as
    /// Prisma 6.19.3 does: each line of the text after `// `, its closing
    /// empty line too (`// `); empty without warnings.
    pub fn commented(&self) -> String {
        if self.is_empty() {
            return String::new();
        }
        self.to_string()
            .split('\n')
            .map(|line| format!("// {line}\n"))
            .collect()
    }

    fn add(&mut self, warning: Warning, item: String) {
        self.items.entry(warning).or_default().push(item);
    }
}

impl fmt::Display for PullWarnings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("*** WARNING ***\n")?;
        for (warning, items) in &self.items {
            write!(f, "\n{}\n", warning.message())?;
            for item in items {
                writeln!(f, "  - {item}")?;
            }
        }
        Ok(())
    }
}

/// The warnings of a pull planned as `plan`; `duplicates`: the
/// `(kind, name)` of the blocks named `<schema>_<name>`.
pub(super) fn warnings(plan: &Plan<'_>, duplicates: &[(&str, String)]) -> PullWarnings {
    let mut found = PullWarnings::default();
    for (i, m) in plan.models.iter().enumerate() {
        if m.table.columns.is_empty() {
            found.add(Warning::ModelWithoutColumns, quoted(&m.name));
            continue;
        }
        fields(&mut found, plan, m, Warning::RemappedField, Warning::UnsupportedType);
        let ignored = m.old.is_some_and(|o| plan.existing.models[o].is_ignored());
        if !ignored && plan.is_ignored(i) {
            found.add(Warning::ModelWithoutIdentifier, quoted(&m.name));
        }
        if m.old.is_some() && plan.maps_model(m) {
            found.add(Warning::RemappedModel, quoted(&m.name));
        }
    }
    for v in &plan.views {
        fields(
            &mut found,
            plan,
            v,
            Warning::RemappedViewField,
            Warning::UnsupportedTypeInView,
        );
        if v.old.is_some() && plan.maps_model(v) {
            found.add(Warning::RemappedView, quoted(&v.name));
        }
    }
    enums(&mut found, plan);
    copied_relations(&mut found, plan);
    for (kind, name) in duplicates {
        found.add(Warning::DuplicateName, format!("Type: \"{kind}\", name: \"{name}\""));
    }
    for m in &plan.models {
        table_notes(&mut found, m, plan.table_notes(m.table));
    }
    comments(&mut found, plan);
    found
}

/// The field warnings of `m`: remapped names and unsupported types.
fn fields(found: &mut PullWarnings, plan: &Plan<'_>, m: &ModelPlan<'_>, remapped: Warning, unsupported: Warning) {
    let kind = if m.view { "View" } else { "Model" };
    for (c, column) in m.columns.iter().enumerate() {
        if plan.old_field(m, c).is_some() && plan.maps_field(m, c) {
            found.add(remapped, format!("{kind}: \"{}\", field: \"{}\"", m.name, column.name));
        }
        if column.kind == FieldKind::Unsupported {
            let ty = &m.table.columns[c].ty.sql;
            let item = format!(
                "{kind}: \"{}\", field: \"{}\", original data type: \"{ty}\"",
                m.name, column.name
            );
            found.add(unsupported, item);
        }
    }
}

/// The model of each relation field kept from the existing schema (the
/// one with the foreign key's fields, then the other), relation by
/// relation in the database's table order. Prisma 6.19.3 lists the same
/// models, in an order of its own.
fn copied_relations(found: &mut PullWarnings, plan: &Plan<'_>) {
    if !plan.existing.prisma_relation_mode() {
        return;
    }
    for (from, key) in super::prisma_relation_mode::emulated_foreign_keys(plan) {
        let to = plan
            .models
            .iter()
            .find(|m| m.table.name == key.referenced_table && m.table.namespace == key.referenced_namespace);
        found.add(Warning::CopiedRelation, quoted(&plan.models[from].name));
        if let Some(to) = to {
            found.add(Warning::CopiedRelation, quoted(&to.name));
        }
    }
}

/// The kept `@map`s of enums and their values. Where enums are text
/// (SQLite), an enum is the existing schema's as a whole, and Prisma 6.19.3
/// lists none.
fn enums(found: &mut PullWarnings, plan: &Plan<'_>) {
    if plan.dialect.capabilities().enums == crate::driver::EnumSupport::Text {
        return;
    }
    for e in plan.enums.iter().filter(|e| e.old.is_some()) {
        let old = |v: &&super::enums::ValuePlan| v.mapped && v.kept;
        for value in e.values.iter().filter(old) {
            found.add(
                Warning::RemappedEnumValue,
                format!("Enum: \"{}\", value: \"{}\"", e.name, value.name),
            );
        }
        if e.maps(plan.existing) {
            found.add(Warning::RemappedEnum, quoted(&e.name));
        }
    }
}

/// The warnings of what introspection noted about `m`'s table, but for
/// comments ([`comments`]).
fn table_notes(found: &mut PullWarnings, m: &ModelPlan<'_>, notes: &[TableNote]) {
    let constraint = |name: &str| format!("Model: \"{}\", constraint: \"{name}\"", m.name);
    for note in notes {
        let (warning, item) = match note {
            TableNote::Partitioned => (Warning::PartitionTable, quoted(&m.name)),
            TableNote::HasSubclasses => (Warning::InheritedTable, quoted(&m.name)),
            TableNote::RowLevelSecurity => (Warning::RowLevelSecurity, quoted(&m.name)),
            TableNote::CheckConstraint(name) => (Warning::CheckConstraint, constraint(name)),
            TableNote::ExclusionConstraint(name) => (Warning::ExclusionConstraint, constraint(name)),
            TableNote::NonDefaultDeferring(name) => (Warning::NonDefaultDeferring, constraint(name)),
            TableNote::ExpressionIndex(name) => (Warning::ExpressionIndex, constraint(name)),
            TableNote::NullSortOrder { index, column } => (
                Warning::NullSortOrder,
                format!("Index: \"{index}\", column: \"{column}\""),
            ),
            TableNote::Comment { .. } => continue,
        };
        found.add(warning, item);
    }
}

/// The objects with comments: enum types, then each model and its
/// fields, then views, as Prisma 6.19.3 lists them.
fn comments(found: &mut PullWarnings, plan: &Plan<'_>) {
    let item = |kind: &str, name: &str| format!("Type: \"{kind}\", name: \"{name}\"");
    for e in plan.enums.iter().filter(|e| e.commented) {
        found.add(Warning::Comment, item("enum", &e.name));
    }
    for m in &plan.models {
        for note in plan.table_notes(m.table) {
            let TableNote::Comment { column } = note else { continue };
            let name = match column {
                None => item("model", &m.name),
                Some(column) => {
                    let at = m.table.columns.iter().position(|c| &c.name == column);
                    let field = at.map_or(column.as_str(), |i| m.columns[i].name.as_str());
                    item("field", &format!("{}.{field}", m.name))
                }
            };
            found.add(Warning::Comment, name);
        }
    }
    for v in plan
        .views
        .iter()
        .filter(|v| plan.commented_views.contains(&v.table.qualified_name()))
    {
        found.add(Warning::Comment, item("view", &v.name));
    }
}

fn quoted(name: &str) -> String {
    format!("\"{name}\"")
}
