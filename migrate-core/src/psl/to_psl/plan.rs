//! Which tables become models, and the names of every model, field and
//! enum: the existing schema's names where it maps to the same table or
//! column, else names made from the database's.

use super::enums::{plan_enums, EnumPlan};
use super::existing::{Existing, OldKind, PullNamespaces};
use super::join_tables::{join_shape, keyless_join_shape};
use super::names::{self, Taken};
use super::old_relations::many_to_many;
use crate::driver::{Dialect, EnumSupport};
use crate::schema::{
    Column, ConstraintNames, DefaultValue, Literal, PullNotes, ScalarType, Schema, Table, TableName, TableNote,
    TypeFamily,
};
use std::collections::HashMap;

/// The history table is not part of the user's schema.
const HISTORY_TABLE: &str = "_prisma_migrations";

pub(super) struct Plan<'a> {
    pub dialect: &'a dyn Dialect,
    pub names: ConstraintNames,
    pub existing: &'a Existing<'a>,
    pub models: Vec<ModelPlan<'a>>,
    /// The database's views (`views` preview feature), in the order they
    /// are pulled; empty where `db pull` reads none.
    pub views: Vec<ModelPlan<'a>>,
    /// Whether `db pull` read the database's views: the existing schema's
    /// view blocks are then replaced by [`Plan::views`].
    pub reads_views: bool,
    pub join_tables: Vec<JoinTable<'a>>,
    pub enums: Vec<EnumPlan>,
    /// Model indexes by table key ([`PullNamespaces::key`]).
    by_table: HashMap<String, usize>,
    notes: &'a PullNotes,
    /// The views with a comment (on them or a column).
    pub commented_views: Vec<TableName>,
}

pub(super) struct ModelPlan<'a> {
    pub table: &'a Table,
    pub name: String,
    /// The name relation names and relation fields are made from: the
    /// model's, but for a `<schema>_<table>` model (a table name several
    /// schemas share) the table's, as Prisma 6.19.3 names them.
    pub relation_base: String,
    /// The existing model for this table: an index into
    /// [`Existing::models`], or for a view into [`Existing::views`] (see
    /// [`Plan::old_model`]).
    pub old: Option<usize>,
    /// A database view (with its columns and nothing else), not a table.
    pub view: bool,
    /// One per column, in column order.
    pub columns: Vec<ColumnPlan>,
    /// Field names in use, relation fields included once they are named.
    pub taken: Taken,
}

pub(super) struct ColumnPlan {
    pub name: String,
    pub kind: FieldKind,
    /// Index of the existing field for this column in the existing model.
    pub old: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FieldKind {
    Scalar(ScalarType),
    /// Index into [`Plan::enums`].
    Enum(usize),
    Unsupported,
}

impl ModelPlan<'_> {
    /// A primary key, or a unique index over required columns the client
    /// can read: what the client needs to tell rows apart. A primary key
    /// over a column that may hold NULL (SQLite allows it) rules the model
    /// out whatever its indexes: its key field is optional, which Prisma's
    /// validator accepts in an ignored model only.
    pub(super) fn has_unique_criterion(&self) -> bool {
        let nullable = |name: &str| self.table.column(name).is_some_and(|c| c.nullable);
        let usable = |name: &str| {
            let at = self.table.columns.iter().position(|c| c.name == name);
            at.is_some_and(|i| !self.table.columns[i].nullable && self.columns[i].kind != FieldKind::Unsupported)
        };
        match &self.table.primary_key {
            Some(pk) => !pk.columns.iter().any(|c| nullable(&c.name)),
            None => self
                .table
                .indexes
                .iter()
                .filter(|i| i.kind == crate::schema::IndexKind::Unique)
                .any(|i| i.columns.iter().all(|c| usable(&c.name))),
        }
    }

    /// Whether the field of `column` is optional: its column may hold NULL
    /// and is no list. SQLite's primary key columns may (all but a single
    /// `INTEGER` key), and Prisma 6.19.3 writes them optional too, in a
    /// model it ignores (see [`Self::has_unique_criterion`]).
    pub(super) fn is_optional(&self, column: &str) -> bool {
        self.table.column(column).is_some_and(|c| c.nullable && !c.ty.list)
    }
}

/// A join table: a many-to-many relation between two models (indexes into
/// [`Plan::models`]); `a` is the model of column `A`.
pub(super) struct JoinTable<'a> {
    pub table: &'a Table,
    pub a: usize,
    pub b: usize,
}

impl<'a> Plan<'a> {
    pub(super) fn new(
        schema: &'a Schema,
        (views, view_enums): (&'a [Table], &[crate::schema::Enum]),
        dialect: &'a dyn Dialect,
        existing: &'a Existing<'a>,
        names: ConstraintNames,
    ) -> Self {
        // Prisma reads the tables in the order of their names (byte order):
        // new models, and the relation fields of every model, follow it.
        // With several database schemas, by schema first (multiSchema).
        let mut tables: Vec<&Table> = schema.tables.iter().filter(|t| t.name != HISTORY_TABLE).collect();
        let namespace = |t: &Table| {
            existing
                .namespaces
                .as_ref()
                .map(|n| n.actual(t.namespace.as_deref()).to_string())
        };
        tables.sort_by(|a, b| (namespace(a), &a.name).cmp(&(namespace(b), &b.name)));
        let by_key = dialect.capabilities().join_table_primary_key;
        let keyless = KeylessJoins::new(schema, existing, names, by_key);
        let shapes: Vec<Option<[String; 2]>> = tables
            .iter()
            .map(|t| join_shape(t, schema, by_key).or_else(|| keyless.shape(t)))
            .collect();
        let mut top = TopNames::new(existing, schema, views);
        top.name_tables(tables.iter().zip(&shapes).filter(|(_, s)| s.is_none()).map(|(t, _)| *t));
        // A join table whose models sort the other way round is not what
        // lowering makes of a relation between them: it stays a model.
        let joins: Vec<bool> = shapes
            .iter()
            .map(|s| s.as_ref().is_some_and(|[a, b]| top.in_order(a, b)))
            .collect();
        let model_tables: Vec<&Table> = tables
            .iter()
            .zip(&joins)
            .filter(|(_, j)| !**j)
            .map(|(t, _)| *t)
            .collect();
        top.name_tables(model_tables.iter().copied());
        top.name_tables(views.iter());
        let inline_enums = dialect.capabilities().enums == EnumSupport::Inline;
        let mut enums = plan_enums(schema, (views, view_enums), existing, &mut top.taken, inline_enums);
        let models: Vec<ModelPlan> = model_tables
            .iter()
            .map(|t| model_plan(t, false, &top, existing, dialect, &mut enums))
            .collect();
        let views = views
            .iter()
            .map(|t| model_plan(t, true, &top, existing, dialect, &mut enums))
            .collect();
        if dialect.capabilities().enums == EnumSupport::Text {
            // The database has no enums to pull: as Prisma 6.19.3 does,
            // every enum of the existing schema stays, used or not.
            for old in &existing.enums {
                super::enums::kept_enum(existing, old, &mut enums);
            }
        }
        let by_table = models
            .iter()
            .enumerate()
            .map(|(i, m)| (PullNamespaces::key(m.table), i))
            .collect();
        let mut plan = Plan {
            dialect,
            names,
            existing,
            models,
            views,
            reads_views: false,
            join_tables: Vec::new(),
            enums,
            by_table,
            notes: &schema.notes,
            commented_views: Vec::new(),
        };
        let join_tables = tables.iter().zip(&shapes).zip(&joins).filter(|(_, j)| **j);
        plan.join_tables = join_tables
            .filter_map(|((t, shape), _)| plan.join_table(t, shape.as_ref()?))
            .collect();
        plan
    }

    /// Whether the model gets `@@ignore`: the existing schema ignores it, or
    /// the client could not tell its rows apart.
    pub(super) fn is_ignored(&self, model: usize) -> bool {
        let m = &self.models[model];
        let ignored = m.old.is_some_and(|i| self.existing.models[i].is_ignored());
        ignored || !m.has_unique_criterion()
    }

    /// The existing model (or view) of `m`.
    pub(super) fn old_model(&self, m: &ModelPlan<'_>) -> Option<&'a super::existing::OldModel<'a>> {
        let list = match m.view {
            true => &self.existing.views,
            false => &self.existing.models,
        };
        m.old.map(|i| &list[i])
    }

    /// The existing field of `column` of `m`.
    pub(super) fn old_field(&self, m: &ModelPlan<'_>, column: usize) -> Option<&'a super::existing::OldField<'a>> {
        Some(&self.old_model(m)?.fields[m.columns[column].old?])
    }

    /// Whether the block of `m` writes `@@map`: its name is not its
    /// table's, or the existing block writes one (to its own name too,
    /// which Prisma 6.19.3 keeps).
    pub(super) fn maps_model(&self, m: &ModelPlan<'_>) -> bool {
        m.name != m.table.name || self.old_model(m).is_some_and(|o| o.has_map())
    }

    /// Whether the field of `column` of `m` writes `@map`, as
    /// [`Self::maps_model`].
    pub(super) fn maps_field(&self, m: &ModelPlan<'_>, column: usize) -> bool {
        m.columns[column].name != m.table.columns[column].name || self.old_field(m, column).is_some_and(|f| f.has_map())
    }

    /// What introspection noted about `table`.
    pub(super) fn table_notes(&self, table: &Table) -> &[TableNote] {
        self.notes.of_table(&table.qualified_name())
    }

    pub(super) fn model_of_table(&self, table: &str) -> Option<usize> {
        self.by_table.get(table).copied()
    }

    fn join_table(&self, table: &'a Table, [a, b]: &[String; 2]) -> Option<JoinTable<'a>> {
        Some(JoinTable {
            table,
            a: self.model_of_table(a)?,
            b: self.model_of_table(b)?,
        })
    }

    /// The field name of `column` in the model of `model`.
    pub(super) fn field_name(&self, model: usize, column: &str) -> Option<&str> {
        let m = &self.models[model];
        let at = m.table.columns.iter().position(|c| c.name == column)?;
        Some(&m.columns[at].name)
    }
}

/// Join tables without foreign keys (`relationMode = "prisma"`), known
/// from the existing schema's many-to-many relations.
struct KeylessJoins<'a> {
    /// Join table, and the tables of its models `A` and `B`.
    joins: Vec<(String, [&'a Table; 2])>,
    /// Join tables have a primary key, not a unique index.
    by_key: bool,
}

impl<'a> KeylessJoins<'a> {
    fn new(schema: &'a Schema, existing: &Existing<'_>, names: ConstraintNames, by_key: bool) -> Self {
        let mut joins = Vec::new();
        if existing.prisma_relation_mode() {
            for old in many_to_many(existing, names) {
                let table = |model: usize| {
                    let key = &existing.models[model].key;
                    schema.tables.iter().find(|t| PullNamespaces::key(t) == *key)
                };
                if let (Some(a), Some(b)) = (table(old.a.0), table(old.b.0)) {
                    joins.push((old.table, [a, b]));
                }
            }
        }
        KeylessJoins { joins, by_key }
    }

    fn shape(&self, table: &Table) -> Option<[String; 2]> {
        let (_, [a, b]) = self.joins.iter().find(|(name, _)| *name == table.name)?;
        keyless_join_shape(table, [a, b], self.by_key).then(|| [PullNamespaces::key(a), PullNamespaces::key(b)])
    }
}

/// Model names, by table: kept ones first, so that a new name never takes
/// the name of a model that still exists.
/// The names of the tables and views that more than one database schema
/// has, where the models and views new to the existing schema would clash:
/// several of them have the name, or a block of the existing schema does.
/// Prisma 6.19.3 names those `<schema>_<name>`; a table of such a name
/// whose twin the existing schema maps to a name of its own keeps its name.
pub(super) fn shared_table_names(
    existing: &Existing<'_>,
    schema: &Schema,
    views: &[Table],
) -> std::collections::HashSet<String> {
    let all = || schema.tables.iter().chain(views);
    let mut seen = std::collections::HashSet::new();
    let in_several: std::collections::HashSet<&str> = all()
        .filter(|t| !seen.insert(t.name.as_str()))
        .map(|t| t.name.as_str())
        .collect();
    let is_new = |t: &&Table| {
        let key = PullNamespaces::key(t);
        existing.model_of_table(&key).is_none() && existing.view_of_table(&key).is_none()
    };
    let mut new_count: HashMap<&str, usize> = HashMap::new();
    for t in all().filter(|t| in_several.contains(t.name.as_str())).filter(is_new) {
        *new_count.entry(t.name.as_str()).or_default() += 1;
    }
    let existing_names: std::collections::HashSet<&str> = existing
        .models
        .iter()
        .map(|m| m.name())
        .chain(existing.views.iter().map(|v| v.name()))
        .chain(existing.enums.iter().map(|e| e.block.name.name.as_str()))
        .collect();
    new_count
        .into_iter()
        .filter(|(name, count)| *count > 1 || existing_names.contains(names::type_name(name).as_str()))
        .map(|(name, _)| name.to_string())
        .collect()
}

struct TopNames {
    taken: Taken,
    /// Model names by table key ([`PullNamespaces::key`]).
    by_table: HashMap<String, String>,
    /// The names of new tables and views named `<schema>_<name>` (see
    /// [`shared_table_names`]).
    shared: std::collections::HashSet<String>,
    namespaces: Option<PullNamespaces>,
}

impl TopNames {
    /// `views`: the views pulled, whose names tables and views share.
    fn new(existing: &Existing<'_>, schema: &Schema, views: &[Table]) -> Self {
        let shared = shared_table_names(existing, schema, views);
        let mut top = TopNames {
            taken: Taken::default(),
            by_table: HashMap::new(),
            shared,
            namespaces: existing.namespaces.clone(),
        };
        let keys: std::collections::HashSet<String> = schema.tables.iter().map(PullNamespaces::key).collect();
        for m in &existing.models {
            if keys.contains(&m.key) {
                top.by_table.insert(m.key.clone(), top.taken.claim(m.name()));
            }
        }
        for view in &existing.views {
            top.by_table.insert(view.key.clone(), top.taken.claim(view.name()));
        }
        for e in &existing.enums {
            top.taken.claim(&e.block.name.name);
        }
        top
    }

    /// Names the tables not named yet; those named as identifiers first, so
    /// that no other name is cleaned up into theirs.
    fn name_tables<'t>(&mut self, tables: impl Iterator<Item = &'t Table> + Clone) {
        let as_is = tables.clone().filter(|t| names::type_name(&t.name) == t.name);
        for table in as_is.chain(tables) {
            let key = PullNamespaces::key(table);
            if !self.by_table.contains_key(&key) {
                let name = self.taken.claim(&names::type_name(&self.model_name(table)));
                self.by_table.insert(key, name);
            }
        }
    }

    /// The table's name, or `<schema>_<table>` for a name several schemas have.
    fn model_name(&self, table: &Table) -> String {
        match &self.namespaces {
            Some(n) if self.shared.contains(&table.name) => {
                format!("{}_{}", n.actual(table.namespace.as_deref()), table.name)
            }
            _ => table.name.clone(),
        }
    }

    /// [`ModelPlan::relation_base`] of the model of `table`, named `name`.
    fn relation_base(&self, table: &Table, name: &str) -> String {
        match self.namespaces.is_some() && self.shared.contains(&table.name) {
            true => names::type_name(&table.name),
            false => name.to_string(),
        }
    }

    /// Whether lowering would put the model of `a` in column `A`: the model
    /// names sort that way.
    fn in_order(&self, a: &str, b: &str) -> bool {
        match (self.by_table.get(a), self.by_table.get(b)) {
            (Some(a), Some(b)) => a <= b,
            _ => false,
        }
    }
}

fn model_plan<'a>(
    table: &'a Table,
    view: bool,
    top: &TopNames,
    existing: &Existing<'_>,
    dialect: &dyn Dialect,
    enums: &mut Vec<EnumPlan>,
) -> ModelPlan<'a> {
    let key = PullNamespaces::key(table);
    let (old, old_model) = match view {
        true => {
            let old = existing.view_of_table(&key);
            (old, old.map(|i| &existing.views[i]))
        }
        false => {
            let old = existing.model_of_table(&key);
            (old, old.map(|i| &existing.models[i]))
        }
    };
    let mut taken = Taken::default();
    let old_fields: Vec<Option<usize>> = table
        .columns
        .iter()
        .map(|c| old_model.and_then(|m| m.fields.iter().position(|f| !f.is_relation() && f.db_name == c.name)))
        .collect();
    let mut kept: Vec<Option<String>> = old_fields
        .iter()
        .map(|old| Some(taken.claim(&old_model?.fields[(*old)?].ast.name.name)))
        .collect();
    // Columns named as identifiers keep their names before others are
    // cleaned up into them.
    for (column, kept) in table.columns.iter().zip(kept.iter_mut()) {
        if kept.is_none() && names::field_name(&column.name) == column.name {
            *kept = Some(taken.claim(&column.name));
        }
    }
    let columns = table
        .columns
        .iter()
        .zip(old_fields)
        .zip(kept.iter_mut())
        .map(|((column, old), kept)| {
            let name = kept
                .take()
                .unwrap_or_else(|| taken.claim(&names::field_name(&column.name)));
            let old_kind = old_model.zip(old).map(|(m, i)| &m.fields[i].kind);
            let kind = field_kind(column, old_kind, existing, dialect, enums);
            ColumnPlan { name, kind, old }
        })
        .collect();
    let name = top.by_table[&key].clone();
    ModelPlan {
        table,
        relation_base: top.relation_base(table, &name),
        name,
        old,
        view,
        columns,
        taken,
    }
}

fn field_kind(
    column: &Column,
    old: Option<&OldKind>,
    existing: &Existing<'_>,
    dialect: &dyn Dialect,
    enums: &mut Vec<EnumPlan>,
) -> FieldKind {
    // Where enums are plain text columns, a text column may still be the
    // existing schema's enum.
    let text_enums = dialect.capabilities().enums == EnumSupport::Text;
    match &column.ty.family {
        TypeFamily::Scalar(ScalarType::String) if text_enums => {
            kept_text_enum(column, old, existing, enums).unwrap_or(FieldKind::Scalar(ScalarType::String))
        }
        TypeFamily::Scalar(s) => FieldKind::Scalar(*s),
        TypeFamily::Enum(db_name) => match super::enums::enum_for_typed_column(
            db_name,
            &column.ty.sql,
            existing.namespaces.as_ref().map(|n| n.session.as_str()),
            enums,
            dialect,
        ) {
            Some(i) => FieldKind::Enum(i),
            None => FieldKind::Unsupported,
        },
        TypeFamily::Unsupported => FieldKind::Unsupported,
    }
}

/// SQLite stores enums as text: a text column whose field was an enum
/// stays that enum, as long as its default is one of the values.
fn kept_text_enum(
    column: &Column,
    old: Option<&OldKind>,
    existing: &Existing<'_>,
    enums: &mut Vec<EnumPlan>,
) -> Option<FieldKind> {
    let Some(OldKind::Enum(name)) = old else { return None };
    let old_enum = existing.enum_named(name)?;
    let default_fits = match &column.default {
        None => true,
        Some(DefaultValue::Literal(Literal::String(v) | Literal::EnumValue(v))) => {
            old_enum.values.iter().any(|value| value.db_name == *v)
        }
        Some(_) => false,
    };
    default_fits.then(|| FieldKind::Enum(super::enums::kept_enum(existing, old_enum, enums)))
}
