//! From syntax to meaning: resolves names, types, attributes and relations,
//! and reports every problem in one run.

mod args;
mod config;
mod db_names;
mod defaults;
mod enums;
mod fields;
mod index_methods;
mod key_lengths;
mod model_attributes;
mod name_lengths;
mod names;
mod namespaces;
mod native_args;
mod preview_features;
mod relations;
mod suggest;

use super::ast::{Block, BlockKind, SchemaFile, TopItem};
use super::datamodel::{Datamodel, Generator, Provider, RelationMode};
use super::diagnostics::Diagnostics;
use std::collections::HashMap;

/// Everything the checks share: the blocks by kind and the datasource facts.
struct Ctx<'a> {
    blocks: Vec<&'a Block>,
    /// Models, views, enums and types by name (the first of each name).
    by_name: HashMap<&'a str, &'a Block>,
    provider: Option<Provider>,
    relation_mode: RelationMode,
    diags: &'a mut Diagnostics,
    suggest: suggest::Suggester,
    /// Filled once the enums are read.
    enum_values: defaults::EnumValues,
}

impl<'a> Ctx<'a> {
    fn of_kind(&self, kind: BlockKind) -> impl Iterator<Item = &'a Block> + '_ {
        self.blocks.iter().copied().filter(move |b| b.kind == kind)
    }

    fn block(&self, name: &str) -> Option<&'a Block> {
        self.by_name.get(name).copied()
    }
}

/// Validates a schema made of one or more parsed files. Problems go to
/// `diags`; the returned model is complete only when no error was reported.
pub fn validate(files: &[SchemaFile], diags: &mut Diagnostics) -> Datamodel {
    let blocks: Vec<&Block> = files
        .iter()
        .flat_map(|f| f.items.iter())
        .filter_map(|i| match i {
            TopItem::Block(b) => Some(b),
            _ => None,
        })
        .collect();
    let mut by_name = HashMap::new();
    for b in blocks
        .iter()
        .filter(|b| !matches!(b.kind, BlockKind::Datasource | BlockKind::Generator))
    {
        by_name.entry(b.name.name.as_str()).or_insert(*b);
    }
    let mut ctx = Ctx {
        blocks,
        by_name,
        provider: None,
        relation_mode: RelationMode::ForeignKeys,
        diags,
        suggest: suggest::Suggester::default(),
        enum_values: defaults::EnumValues::default(),
    };
    check_unique_names(&mut ctx);
    names::check(&mut ctx);
    let datasource = config::datasource(&mut ctx);
    ctx.provider = datasource.as_ref().map(|d| d.provider);
    ctx.relation_mode = datasource
        .as_ref()
        .map_or(RelationMode::ForeignKeys, |d| d.relation_mode);
    let generators = config::generators(&mut ctx);
    check_preview_gates(&mut ctx, &generators);
    for block in ctx.of_kind(BlockKind::Type).collect::<Vec<_>>() {
        ctx.diags.error(
            block.name.span,
            format!(
                "Composite type `{}`: composite types are only supported on MongoDB, which migrate does not support.",
                block.name.name
            ),
        );
    }
    let enums = enums::enums(&mut ctx);
    ctx.enum_values = defaults::EnumValues::of(&enums);
    let mut dm = Datamodel {
        datasource,
        generators,
        enums,
        ..Default::default()
    };
    dm.models = ctx
        .of_kind(BlockKind::Model)
        .collect::<Vec<_>>()
        .into_iter()
        .map(|b| fields::model(&mut ctx, &dm, b))
        .collect();
    dm.views = ctx
        .of_kind(BlockKind::View)
        .collect::<Vec<_>>()
        .into_iter()
        .map(|b| fields::model(&mut ctx, &dm, b))
        .collect();
    views_have_no_primary_key(&mut ctx);
    views_have_no_indexes(&mut ctx);
    dm.relations = relations::relations(&mut ctx, &dm);
    name_lengths::fit_to_limit(&mut ctx, &mut dm);
    db_names::check(&mut ctx, &dm);
    namespaces::check(&mut ctx, &dm);
    key_lengths::check(&mut ctx, &dm);
    for (model, block) in dm.models.iter().zip(ctx.of_kind(BlockKind::Model).collect::<Vec<_>>()) {
        model_attributes::check_unique_criterion(&mut ctx, model, block);
    }
    dm
}

/// A view has no primary key: `@id` or `@@id` in a `view` block is refused
/// with Prisma 6.19.3's message (a view's rows are unique by `@unique`).
fn views_have_no_primary_key(ctx: &mut Ctx<'_>) {
    let mut ids = Vec::new();
    for view in ctx.of_kind(BlockKind::View) {
        let field_ids = view.fields().filter_map(|f| f.attribute("id"));
        let block_ids = view.attributes().filter(|a| a.name.name == "id");
        ids.extend(field_ids.chain(block_ids).map(|a| a.span));
    }
    for span in ids {
        ctx.diags.error(span, "Views cannot have primary keys.");
    }
}

/// Nor indexes: `@@index` (or `@@fulltext`) in a `view` block is refused
/// with Prisma 6.19.3's message; `@@unique` is allowed.
fn views_have_no_indexes(ctx: &mut Ctx<'_>) {
    let mut indexes = Vec::new();
    for view in ctx.of_kind(BlockKind::View) {
        let index = |a: &&crate::psl::ast::Attribute| matches!(a.name.name.as_str(), "index" | "fulltext");
        indexes.extend(view.attributes().filter(index).map(|a| a.span));
    }
    for span in indexes {
        ctx.diags.error(span, "Views cannot have indexes.");
    }
}

/// Views need the `views` preview feature in a generator block, and the
/// datasource's `extensions` (on PostgreSQL) the `postgresqlExtensions` one.
fn check_preview_gates(ctx: &mut Ctx<'_>, generators: &[Generator]) {
    let enabled = |feature: &str| crate::psl::datamodel::preview_enabled(generators, feature);
    if !enabled("views") {
        for view in ctx.of_kind(BlockKind::View).collect::<Vec<_>>() {
            ctx.diags.error(
                view.name.span,
                "View definitions are only available with the `views` preview feature: add `previewFeatures = [\"views\"]` to the generator block.",
            );
        }
    }
    let extensions = ctx
        .of_kind(BlockKind::Datasource)
        .next()
        .and_then(|d| d.property("extensions"));
    if let Some(prop) =
        extensions.filter(|_| ctx.provider == Some(Provider::Postgres) && !enabled("postgresqlExtensions"))
    {
        ctx.diags.error(
            prop.key.span,
            "The `extensions` property is only available with the `postgresqlExtensions` preview feature: add `previewFeatures = [\"postgresqlExtensions\"]` to the generator block.",
        );
    }
}

/// The database's name as people write it, for messages.
fn provider_title(provider: Provider) -> &'static str {
    match provider {
        Provider::Postgres => "PostgreSQL",
        Provider::Mysql => "MySQL",
        Provider::Sqlite => "SQLite",
    }
}

fn check_unique_names(ctx: &mut Ctx<'_>) {
    let mut seen: HashMap<&str, &Block> = HashMap::new();
    let mut datasources = 0;
    for block in ctx.blocks.clone() {
        if block.kind == BlockKind::Datasource {
            datasources += 1;
            if datasources > 1 {
                ctx.diags.error(
                    block.name.span,
                    "You defined more than one datasource. This is not allowed: a schema has one database.",
                );
            }
            continue;
        }
        let key = block.name.name.as_str();
        if block.kind == BlockKind::Generator {
            continue;
        }
        // `Unsupported` is not reserved: written without arguments it names a
        // model, and Prisma 6.19.3 accepts `model Unsupported`.
        if crate::schema::ScalarType::from_name(key).is_some() {
            ctx.diags.error(
                block.name.span,
                format!(
                    "The {} name `{key}` is reserved: it is a built-in type.",
                    block.kind.keyword()
                ),
            );
        }
        if crate::psl::reserved::is_reserved(key) {
            ctx.diags.error(
                block.name.span,
                format!(
                    "The {} name `{key}` is invalid. It is a reserved name. Please change it.",
                    block.kind.keyword()
                ),
            );
        }
        match seen.get(key) {
            Some(first) => ctx.diags.error(
                block.name.span,
                format!(
                    "The {} `{key}` cannot be defined because {} {} with that name already exists. Rename one of them.",
                    block.kind.keyword(),
                    if first.kind == BlockKind::Enum { "an" } else { "a" },
                    first.kind.keyword()
                ),
            ),
            None => {
                seen.insert(key, block);
            }
        }
    }
    let mut generators: HashMap<&str, ()> = HashMap::new();
    for block in ctx.blocks.clone() {
        if block.kind == BlockKind::Generator && generators.insert(&block.name.name, ()).is_some() {
            ctx.diags.error(
                block.name.span,
                format!("The generator `{}` is defined twice.", block.name.name),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::psl::diagnostics::SourceFiles;
    use crate::psl::parse_and_validate;

    /// Prisma 6.19.3 accepts a model named `Unsupported` (the type takes
    /// parentheses; the bare name is the model), and a relation to it.
    #[test]
    fn a_model_may_be_named_unsupported() {
        let schema = "datasource db {\n  provider = \"sqlite\"\n  url = \"file:x.db\"\n}\n\n\
                      model Unsupported {\n  id    Int    @id\n  posts Post[]\n}\n\n\
                      model Post {\n  id   Int                 @id\n  uid  Int\n  u    Unsupported         @relation(fields: [uid], references: [id])\n  blob Unsupported(\"BLOB\")?\n}\n";
        let valid = parse_and_validate(SourceFiles::single("s.prisma", schema));
        assert!(
            valid.is_ok(),
            "{}",
            valid.err().map(|e| e.to_string()).unwrap_or_default()
        );
    }
}
