//! `datasource` and `generator` blocks.

use super::{preview_features, Ctx};
use crate::psl::ast::{Block, BlockKind, Expr, Property};
use crate::psl::datamodel::{Datasource, EnvValue, Extension, Generator, Provider, RelationMode};

const UNSUPPORTED_PROVIDERS: [&str; 3] = ["sqlserver", "mongodb", "cockroachdb"];
const DATASOURCE_KEYS: [&str; 8] = [
    "provider",
    "url",
    "directUrl",
    "shadowDatabaseUrl",
    "relationMode",
    "referentialIntegrity",
    "extensions",
    "schemas",
];

pub fn datasource(ctx: &mut Ctx<'_>) -> Option<Datasource> {
    let block = ctx.of_kind(BlockKind::Datasource).next()?;
    for p in block.properties() {
        if !DATASOURCE_KEYS.contains(&p.key.name.as_str()) {
            ctx.diags.error(
                p.key.span,
                format!(
                    "Property not known: `{}`.{}",
                    p.key.name,
                    ctx.suggest.did_you_mean(&p.key.name, DATASOURCE_KEYS, "")
                ),
            );
        }
    }
    if let Some(attr) = block.attributes().next() {
        ctx.diags.error(attr.span, "A datasource takes no attributes.");
    }
    let provider = provider(ctx, block)?;
    let url_value = url(ctx, block.property("url"));
    let shadow_database_url = url(ctx, block.property("shadowDatabaseUrl"));
    check_shadow_is_not_url(ctx, block, url_value.as_ref(), shadow_database_url.as_ref());
    Some(Datasource {
        name: block.name.name.clone(),
        provider,
        url: url_value,
        direct_url: url(ctx, block.property("directUrl")),
        shadow_database_url,
        relation_mode: relation_mode(ctx, block),
        extensions: extensions(ctx, block, provider),
        schemas: schemas(ctx, block, provider),
        span: block.span,
    })
}

fn provider(ctx: &mut Ctx<'_>, block: &Block) -> Option<Provider> {
    let Some(prop) = block.property("provider") else {
        ctx.diags.error(
            block.name.span,
            format!(
                "The datasource `{}` needs a `provider`, such as `provider = \"postgresql\"`.",
                block.name.name
            ),
        );
        return None;
    };
    let Some(name) = prop.value.as_str() else {
        ctx.diags.error(
            prop.value.span(),
            "The datasource `provider` must be a string, such as \"postgresql\".",
        );
        return None;
    };
    if let Some(p) = Provider::from_name(name) {
        return Some(p);
    }
    let message = if UNSUPPORTED_PROVIDERS.contains(&name) {
        format!("The provider `{name}` is not supported by migrate. Supported providers: postgresql, mysql, sqlite.")
    } else {
        format!("Datasource provider not known: `{name}`. Supported providers: postgresql, mysql, sqlite.")
    };
    ctx.diags.error(prop.value.span(), message);
    None
}

fn url(ctx: &mut Ctx<'_>, prop: Option<&Property>) -> Option<EnvValue> {
    let prop = prop?;
    if let Some(value) = EnvValue::from_expr(&prop.value) {
        return Some(value);
    }
    match &prop.value {
        Expr::Call(f, _, _) if f.name == "env" => {
            ctx.diags.error(
                prop.value.span(),
                "`env` takes one string: the variable's name, such as `env(\"DATABASE_URL\")`.",
            );
            None
        }
        other => {
            ctx.diags.error(
                other.span(),
                format!("`{}` must be a string or `env(\"VAR\")`.", prop.key.name),
            );
            None
        }
    }
}

/// `migrate dev` resets its shadow database: one written as `url` is (the
/// same string, or the same variable) would wipe the database itself.
/// Different variables holding one URL are not refused, as in Prisma.
fn check_shadow_is_not_url(ctx: &mut Ctx<'_>, block: &Block, url: Option<&EnvValue>, shadow: Option<&EnvValue>) {
    let (Some(url), Some(shadow)) = (url, shadow) else {
        return;
    };
    if url != shadow {
        return;
    }
    let span = block
        .property("shadowDatabaseUrl")
        .map_or(block.span, |p| p.value.span());
    ctx.diags.error(
        span,
        format!(
            "shadowDatabaseUrl is the same as url for datasource \"{}\". Please specify a different database as shadow database to avoid data loss.",
            block.name.name
        ),
    );
}

/// `relationMode`, or its name before Prisma 4.5, `referentialIntegrity`
/// (a warning, and an error next to `relationMode`, as in Prisma 6).
fn relation_mode(ctx: &mut Ctx<'_>, block: &Block) -> RelationMode {
    if let Some(old) = block.property("referentialIntegrity") {
        ctx.diags.warning(
            old.key.span,
            "`referentialIntegrity` is the old name of `relationMode`: rename it.",
        );
        if block.property("relationMode").is_some() {
            ctx.diags.error(
                old.key.span,
                "`referentialIntegrity` (the old name of `relationMode`) and `relationMode` cannot both be set: keep only `relationMode`.",
            );
        }
    }
    let prop = block
        .property("relationMode")
        .or_else(|| block.property("referentialIntegrity"));
    match prop.map(|p| (p, p.value.as_str())) {
        None => RelationMode::ForeignKeys,
        Some((_, Some("prisma"))) => RelationMode::Prisma,
        Some((_, Some("foreignKeys"))) => RelationMode::ForeignKeys,
        Some((p, _)) => {
            ctx.diags
                .error(p.value.span(), "`relationMode` must be \"foreignKeys\" or \"prisma\".");
            RelationMode::ForeignKeys
        }
    }
}

fn extensions(ctx: &mut Ctx<'_>, block: &Block, provider: Provider) -> Vec<Extension> {
    let Some(prop) = block.property("extensions") else {
        return Vec::new();
    };
    if provider != Provider::Postgres {
        ctx.diags
            .error(prop.key.span, "`extensions` are only supported on PostgreSQL.");
        return Vec::new();
    }
    let Expr::Array(items, _) = &prop.value else {
        ctx.diags.error(
            prop.value.span(),
            "`extensions` must be a list, such as `[pg_trgm, postgis(version: \"3.4\")]`.",
        );
        return Vec::new();
    };
    items.iter().filter_map(|item| extension(ctx, item)).collect()
}

fn extension(ctx: &mut Ctx<'_>, item: &Expr) -> Option<Extension> {
    match item {
        Expr::Ident(i) => Some(Extension {
            name: i.name.clone(),
            db_name: None,
            schema: None,
            version: None,
        }),
        Expr::Call(name, args, _) => {
            let mut ext = Extension {
                name: name.name.clone(),
                db_name: None,
                schema: None,
                version: None,
            };
            for arg in args {
                let value = arg.value.as_str().map(str::to_string);
                match (arg.name.as_ref().map(|n| n.name.as_str()), value) {
                    (Some("map"), Some(v)) => ext.db_name = Some(v),
                    (Some("schema"), Some(v)) => ext.schema = Some(v),
                    (Some("version"), Some(v)) => ext.version = Some(v),
                    _ => ctx.diags.error(
                        arg.span,
                        "An extension takes string arguments `map:`, `schema:` and `version:`.",
                    ),
                }
            }
            Some(ext)
        }
        other => {
            ctx.diags.error(
                other.span(),
                "An extension is a name, optionally with arguments: `postgis(version: \"3.4\")`.",
            );
            None
        }
    }
}

fn schemas(ctx: &mut Ctx<'_>, block: &Block, provider: Provider) -> Vec<String> {
    let Some(prop) = block.property("schemas") else {
        return Vec::new();
    };
    match &prop.value {
        Expr::Array(items, _) if items.iter().all(|i| i.as_str().is_some()) => {
            if provider != Provider::Postgres {
                ctx.diags.error(
                    prop.key.span,
                    "The `schemas` property is not supported on the current connector.",
                );
            }
            let names: Vec<String> = items.iter().filter_map(|i| i.as_str().map(str::to_string)).collect();
            if names.is_empty() {
                ctx.diags
                    .error(prop.value.span(), "If provided, the schemas array can not be empty.");
            }
            let mut seen = std::collections::HashSet::new();
            if let Some(again) = items.iter().find(|i| !seen.insert(i.as_str())) {
                ctx.diags.error(again.span(), "Duplicated schema names are not allowed");
            }
            names
        }
        other => {
            ctx.diags.error(other.span(), "`schemas` must be a list of strings.");
            Vec::new()
        }
    }
}

pub fn generators(ctx: &mut Ctx<'_>) -> Vec<Generator> {
    let blocks: Vec<&Block> = ctx.of_kind(BlockKind::Generator).collect();
    blocks.into_iter().map(|b| generator(ctx, b)).collect()
}

fn generator(ctx: &mut Ctx<'_>, block: &Block) -> Generator {
    let string_of = |key: &str| block.property(key).and_then(|p| p.value.as_str().map(str::to_string));
    if block.property("provider").is_none() {
        ctx.diags.error(
            block.name.span,
            format!("The generator `{}` needs a `provider`.", block.name.name),
        );
    }
    // As Prisma: a provider or output of another shape is refused, where
    // `migrate generate` would otherwise have nothing to run or write to.
    for key in ["provider", "output"] {
        if let Some(prop) = block.property(key).filter(|p| EnvValue::from_expr(&p.value).is_none()) {
            ctx.diags.error(
                prop.value.span(),
                format!("The generator's `{key}` must be a string or `env(\"VAR\")`."),
            );
        }
    }
    let preview_features = match block.property("previewFeatures").map(|p| &p.value) {
        None => Vec::new(),
        Some(Expr::Array(items, _)) if items.iter().all(|i| i.as_str().is_some()) => {
            preview_features::check(ctx, items);
            items.iter().filter_map(|i| i.as_str().map(str::to_string)).collect()
        }
        Some(other) => {
            ctx.diags
                .error(other.span(), "`previewFeatures` must be a list of strings.");
            Vec::new()
        }
    };
    Generator {
        name: block.name.name.clone(),
        provider: string_of("provider"),
        output: string_of("output"),
        preview_features,
        properties: block
            .properties()
            .map(|p| (p.key.name.clone(), expr_text(&p.value)))
            .collect(),
    }
}

/// An expression written back as schema text.
pub fn expr_text(e: &Expr) -> String {
    match e {
        Expr::String(s, _) => format!("\"{}\"", s.raw),
        Expr::Number(n, _) => n.clone(),
        Expr::Ident(i) => i.name.clone(),
        Expr::Call(f, args, _) => {
            let args: Vec<String> = args
                .iter()
                .map(|a| match &a.name {
                    Some(n) => format!("{}: {}", n.name, expr_text(&a.value)),
                    None => expr_text(&a.value),
                })
                .collect();
            format!("{}({})", f.name, args.join(", "))
        }
        Expr::Array(items, _) => format!("[{}]", items.iter().map(expr_text).collect::<Vec<_>>().join(", ")),
    }
}
