//! `db pull`: an introspected [`Schema`] back to a Prisma schema, as
//! `prisma db pull` writes it.
//!
//! Tables become models (implicit many-to-many join tables become list
//! fields on both models instead), columns fields, keys and indexes `@id`,
//! `@unique`, `@@index`..., foreign keys relations with both of their
//! fields, enum types enums. Given the schema it replaces, re-introspection
//! keeps its datasource and generator blocks, its views, and for every table
//! and column that still exists the names, doc comments, `//` comments
//! (which Prisma drops) and what the database cannot hold (`@updatedAt`,
//! `@ignore`, `@default(uuid())`, relation and index names).
//!
//! The order is Prisma 6.19.3's (facts in `tests/fixtures/pull`): the
//! models the existing schema has, where it has them, then new ones by
//! table name (bytes); enums after all models, the same way. In a model,
//! columns in table order, then relation fields: for every table by name,
//! each foreign key (in the database's order) gives a field to its table and
//! one to the referenced table; join tables by name come last. Then `@@id`,
//! `@@unique`s, `@@index`es, `@@map`, `@@ignore`.

mod defaults;
mod enums;
mod existing;
mod generators;
mod indexes;
mod join_tables;
mod models;
mod names;
mod notes;
mod old_relations;
mod plan;
mod prisma_relation_mode;
mod relation_names;
mod relations;
pub(crate) mod syntax;
mod views;

#[cfg(test)]
mod tests;

use super::ast::{Block, BlockKind, Member, Property, SchemaFile, TopItem};
use super::datamodel::Provider;
use super::diagnostics::FileId;
use super::format::format;
use crate::driver::Dialect;
use crate::schema::{ConstraintNames, Schema, View};
use existing::Existing;
pub use notes::PullWarnings;
use plan::Plan;
use syntax::{call, ident, positional, string};
pub use views::{format_query, ViewFile};

/// The datasource's `schemas` and the generators' `previewFeatures` in
/// name order (bytes), as Prisma 6.19.3's pull writes them.
fn sort_lists(placed: &mut Placed) {
    let lists = [
        (BlockKind::Datasource, "schemas"),
        (BlockKind::Generator, "previewFeatures"),
    ];
    for (kind, key) in lists {
        for property in super::ast::properties_mut(&mut placed.items, kind).filter(|p| p.key.name == key) {
            if let super::ast::Expr::Array(items, _) = &mut property.value {
                items.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
            }
        }
    }
}

/// The schema file for `schema`, keeping what re-introspection keeps of
/// `existing` (the files of the current schema, in order), all in one file.
pub fn pull(schema: &Schema, dialect: &dyn Dialect, existing: Option<&[SchemaFile]>) -> SchemaFile {
    let pulled = Pulled::new(schema, None, dialect, existing.unwrap_or_default());
    assemble(pulled.into_all())
}

/// The models, views and enums [`pull`] names `<schema>_<name>` because
/// several database schemas have a table, view or enum type of that name
/// (multiSchema), as `(kind, name)`: enums, then models, each by name, then
/// views in the order they are pulled. Prisma 6.19.3 warns of them ("These
/// items were renamed due to their names being duplicates in the Prisma
/// schema"). Blocks the existing schema has keep their names and are not
/// listed. `views`: those `db pull` read, if any.
fn renamed_duplicates(schema: &Schema, views: &[View], existing: &[SchemaFile]) -> Vec<(&'static str, String)> {
    let existing = Existing::read(existing);
    let Some(namespaces) = &existing.namespaces else {
        return Vec::new();
    };
    let shared = |names: Vec<&str>| -> std::collections::HashSet<String> {
        let mut seen = std::collections::HashSet::new();
        names
            .into_iter()
            .filter(|n| !seen.insert(*n))
            .map(str::to_string)
            .collect()
    };
    let view_tables = views::as_tables(views);
    let tables = plan::shared_table_names(&existing, schema, &view_tables);
    let enums = shared(schema.enums.iter().map(|e| e.name.as_str()).collect());
    let renamed = |namespace: Option<&str>, name: &str| format!("{}_{name}", namespaces.actual(namespace));
    let mut enum_names: Vec<String> = schema
        .enums
        .iter()
        .filter(|e| enums.contains(&e.name) && existing.enum_of_type(e).is_none())
        .map(|e| renamed(e.namespace.as_deref(), &e.name))
        .collect();
    let mut model_names: Vec<String> = schema
        .tables
        .iter()
        .filter(|t| tables.contains(&t.name) && existing.model_of_table(&existing::PullNamespaces::key(t)).is_none())
        .map(|t| renamed(t.namespace.as_deref(), &t.name))
        .collect();
    let key = |v: &View| {
        let name = crate::schema::TableName {
            namespace: v.namespace.clone(),
            name: v.name.clone(),
        };
        name.to_string()
    };
    let view_names = views
        .iter()
        .filter(|v| !v.columns.is_empty() && tables.contains(&v.name) && existing.view_of_table(&key(v)).is_none())
        .map(|v| ("view", renamed(v.namespace.as_deref(), &v.name)));
    enum_names.sort();
    model_names.sort();
    let enums = enum_names.into_iter().map(|n| ("enum", n));
    enums
        .chain(model_names.into_iter().map(|n| ("model", n)))
        .chain(view_names)
        .collect()
}

/// [`pull`], formatted.
pub fn pull_text(schema: &Schema, dialect: &dyn Dialect, existing: Option<&[SchemaFile]>) -> String {
    format(&pull(schema, dialect, existing))
}

/// What [`pull_files`] makes: the schema files, and the files of the views.
#[derive(Debug, Clone)]
pub struct PulledFiles {
    /// One per existing file, in their order (one with no existing file),
    /// then the new file of `new_blocks_to` where that is a new file that
    /// got blocks.
    pub files: Vec<SchemaFile>,
    /// The `views/` folder's files; empty where no views were read.
    pub views: Vec<ViewFile>,
    /// What Prisma 6.19.3 warns of after this pull.
    pub warnings: PullWarnings,
}

/// [`pull`] for a schema made of several files: one file per existing file,
/// each block where it was; new models, views and enums go to the file
/// `new_blocks_to` (an index into `existing`, or `existing.len()` for a
/// new file), else to the datasource's. With no existing file, one file.
///
/// `views`: the database's views where `db pull` reads them (the `views`
/// preview feature): they replace the existing view blocks, keeping what
/// the database cannot say. `None`: the existing view blocks stay as
/// written.
pub fn pull_files(
    schema: &Schema,
    views: Option<&[View]>,
    dialect: &dyn Dialect,
    existing: &[SchemaFile],
    new_blocks_to: Option<FileId>,
) -> PulledFiles {
    let mut pulled = Pulled::new(schema, views, dialect, existing);
    let view_files = std::mem::take(&mut pulled.view_files);
    let warnings = std::mem::take(&mut pulled.warnings);
    if existing.is_empty() {
        return PulledFiles {
            files: vec![assemble(pulled.into_all())],
            views: view_files,
            warnings,
        };
    }
    let home = new_blocks_to.unwrap_or(pulled.home);
    let mut per_file: Vec<Vec<Placed>> = (0..existing.len().max(home + 1)).map(|_| Vec::new()).collect();
    for placed in pulled.into_all() {
        if let Some(file) = per_file.get_mut(placed.file.unwrap_or(home)) {
            file.push(placed);
        }
    }
    if per_file.len() > existing.len() && per_file.last().is_some_and(Vec::is_empty) {
        per_file.pop();
    }
    PulledFiles {
        files: per_file.into_iter().map(assemble).collect(),
        views: view_files,
        warnings,
    }
}

/// Top-level items that go together (a block and the comments above it),
/// and the existing file they come from.
#[derive(Debug, Clone)]
struct Placed {
    file: Option<FileId>,
    items: Vec<TopItem>,
}

struct Pulled {
    config: Vec<Placed>,
    models: Vec<Placed>,
    views: Vec<Placed>,
    enums: Vec<Placed>,
    view_files: Vec<ViewFile>,
    warnings: PullWarnings,
    /// Comment lines after the last block of each existing file.
    tails: Vec<Placed>,
    /// The file new blocks go to.
    home: FileId,
}

impl Pulled {
    fn new(schema: &Schema, views: Option<&[View]>, dialect: &dyn Dialect, files: &[SchemaFile]) -> Self {
        let provider = dialect.provider();
        let existing = Existing::read(files);
        let names = ConstraintNames {
            limit: dialect.capabilities().identifier_limit,
        };
        let view_tables = views.map(views::as_tables).unwrap_or_default();
        let view_enums: Vec<crate::schema::Enum> = views.into_iter().flatten().flat_map(|v| v.enums.clone()).collect();
        let mut plan = Plan::new(schema, (&view_tables, &view_enums), dialect, &existing, names);
        plan.reads_views = views.is_some();
        plan.commented_views = views
            .into_iter()
            .flatten()
            .filter(|v| v.commented)
            .map(|v| crate::schema::TableName {
                namespace: v.namespace.clone(),
                name: v.name.clone(),
            })
            .collect();
        let relation_fields = relations::relation_fields(&mut plan);
        let mut models: Vec<(Option<usize>, Placed)> = relation_fields
            .into_iter()
            .enumerate()
            .map(|(i, fields)| {
                let old = plan.models[i].old;
                let file = old.map(|old| existing.models[old].file);
                let block = match plan.models[i].table.columns.is_empty() {
                    true => Placed {
                        file,
                        items: models::commented_out(&plan, i),
                    },
                    false => {
                        let above = old.map(|o| existing.models[o].above.as_slice()).unwrap_or_default();
                        with_comments(file, above, models::model_block(&plan, i, fields))
                    }
                };
                (old, block)
            })
            .collect();
        models.sort_by(|(a, _), (b, _)| existing_first(*a, *b));
        let view_blocks = match views {
            Some(_) => pulled_views(&plan),
            None => existing
                .views
                .iter()
                .map(|v| with_comments(Some(v.file), &v.above, v.block.clone()))
                .collect(),
        };
        let view_files = views.map(|v| views::view_files(&plan, v)).unwrap_or_default();
        let duplicates = renamed_duplicates(schema, views.unwrap_or_default(), files);
        let warnings = notes::warnings(&plan, &duplicates);
        let mut enums: Vec<&enums::EnumPlan> = plan.enums.iter().collect();
        enums.sort_by(|a, b| {
            existing_first(a.old, b.old).then_with(|| (&a.namespace, &a.db_name).cmp(&(&b.namespace, &b.db_name)))
        });
        let enums = enums.into_iter().map(|e| {
            let above = e.old.map(|i| existing.enums[i].above.as_slice()).unwrap_or_default();
            with_comments(e.file, above, enums::enum_block(e, &existing))
        });
        let mut config = existing.config.clone();
        for placed in &mut config {
            generators::as_prisma_writes_them(placed, provider);
            sort_lists(placed);
        }
        if existing.datasource.is_none() {
            config.push(with_comments(None, &[], default_datasource(provider)));
        }
        generators_first(&mut config);
        Pulled {
            config,
            models: models.into_iter().map(|(_, m)| m).collect(),
            views: view_blocks,
            view_files,
            warnings,
            enums: enums.collect(),
            tails: existing
                .tails
                .iter()
                .filter(|(_, items)| !items.is_empty())
                .map(|(file, items)| Placed {
                    file: Some(*file),
                    items: items.clone(),
                })
                .collect(),
            home: existing.datasource.map_or(0, |(file, _)| file),
        }
    }

    /// Every placed block, in file order.
    fn into_all(self) -> impl Iterator<Item = Placed> {
        self.config
            .into_iter()
            .chain(self.models)
            .chain(self.views)
            .chain(self.enums)
            .chain(self.tails)
    }
}

/// Prisma 6.19.3 writes the generators first, then the datasource,
/// whatever their order in the file (each stays in its file). The comment
/// lines that open a file (above its first block, up to the last blank
/// line) stay at its top.
fn generators_first(config: &mut [Placed]) {
    let mut heads: Vec<(Option<FileId>, Vec<TopItem>)> = Vec::new();
    for placed in config.iter_mut() {
        if !heads.iter().any(|(file, _)| *file == placed.file) {
            let end = placed.items.iter().rposition(|i| matches!(i, TopItem::Blank));
            let head = placed.items.drain(..end.map_or(0, |at| at + 1)).collect();
            heads.push((placed.file, head));
        }
    }
    config.sort_by_key(is_datasource);
    for (file, head) in heads {
        if let Some(first) = config.iter_mut().find(|p| p.file == file) {
            first.items.splice(0..0, head);
        }
    }
}

/// Whether `placed` is the datasource block (with the comments above it).
fn is_datasource(placed: &Placed) -> bool {
    let datasource = |item: &TopItem| matches!(item, TopItem::Block(b) if b.kind == BlockKind::Datasource);
    placed.items.iter().any(datasource)
}

/// The plan's views, those the existing schema has first, where they were.
fn pulled_views(plan: &Plan<'_>) -> Vec<Placed> {
    let mut blocks: Vec<(Option<usize>, Placed)> = (0..plan.views.len())
        .map(|i| {
            let old = plan.old_model(&plan.views[i]);
            let above = old.map(|o| o.above.as_slice()).unwrap_or_default();
            let block = with_comments(old.map(|o| o.file), above, views::view_block(plan, i));
            (plan.views[i].old, block)
        })
        .collect();
    blocks.sort_by(|(a, _), (b, _)| existing_first(*a, *b));
    blocks.into_iter().map(|(_, b)| b).collect()
}

/// Blocks the existing schema has come first, where they were; new ones
/// after them, in the order they come in (as Prisma orders them).
pub(super) fn existing_first(a: Option<usize>, b: Option<usize>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (a, b) => b.is_some().cmp(&a.is_some()),
    }
}

/// `block` with the comment lines the existing schema has above it.
fn with_comments(file: Option<FileId>, above: &[TopItem], block: Block) -> Placed {
    let mut items = above.to_vec();
    items.push(TopItem::Block(block));
    Placed { file, items }
}

/// The placed items with one blank line between each two.
fn assemble(placed: impl IntoIterator<Item = Placed>) -> SchemaFile {
    let mut items = Vec::new();
    for p in placed {
        if !items.is_empty() {
            items.push(TopItem::Blank);
        }
        items.extend(p.items);
    }
    SchemaFile { items }
}

/// `datasource db { provider = "..." url = env("DATABASE_URL") }`.
fn default_datasource(provider: Provider) -> Block {
    let property = |key: &str, value| {
        Member::Property(Property {
            key: ident(key),
            value,
            doc: Vec::new(),
            comment: None,
            span: Default::default(),
        })
    };
    let url = call("env", vec![positional(string("DATABASE_URL"))]);
    Block {
        kind: BlockKind::Datasource,
        name: ident("db"),
        doc: Vec::new(),
        members: vec![property("provider", string(provider.name())), property("url", url)],
        span: Default::default(),
    }
}
