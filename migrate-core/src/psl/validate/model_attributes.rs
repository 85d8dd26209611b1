//! Block attributes of models (`@@id`, `@@unique`, `@@index`, `@@fulltext`,
//! `@@map`, `@@ignore`, `@@schema`) and the checks that need the whole model.

use super::{args, index_methods, provider_title, Ctx};
use crate::psl::ast::{Attribute, Block};
use crate::psl::datamodel::{
    Arity, DefaultDef, FieldType, IndexDef, IndexField, IndexType, Model, PrimaryKey, Provider,
};
use crate::psl::diagnostics::Span;
use crate::schema::IndexAlgorithm;

const BLOCK_ATTRIBUTES: [&str; 7] = ["id", "unique", "index", "fulltext", "map", "ignore", "schema"];

pub fn apply(ctx: &mut Ctx<'_>, model: &mut Model, block: &Block) {
    let mut seen: Vec<&str> = Vec::new();
    for attr in block.attributes() {
        let name = attr.name.name.as_str();
        if matches!(name, "id" | "map" | "ignore" | "schema") && seen.contains(&name) {
            ctx.diags.error(
                attr.name.span,
                format!("Attribute `@@{name}` can only be defined once."),
            );
            continue;
        }
        seen.push(name);
        match name {
            "id" => compound_id(ctx, model, attr),
            "unique" => index(ctx, model, attr, IndexType::Unique),
            "index" => index(ctx, model, attr, IndexType::Normal),
            "fulltext" => index(ctx, model, attr, IndexType::Fulltext),
            "map" => {
                args::check_names(attr, &["name"], 1, ctx.diags);
                model.db_name =
                    args::string_arg(attr, "name", true, ctx.diags).unwrap_or_else(|| model.db_name.clone());
            }
            "ignore" => {
                args::check_names(attr, &[], 0, ctx.diags);
                model.ignored = true;
            }
            "schema" => {
                args::check_names(attr, &[], 1, ctx.diags);
                model.schema = args::get(attr, "", true).and_then(|e| args::string(e, "`@@schema`", ctx.diags));
            }
            other => ctx.diags.error(
                attr.name.span,
                format!(
                    "Attribute not known: `@@{other}`.{}",
                    ctx.suggest.did_you_mean(other, BLOCK_ATTRIBUTES, "@@")
                ),
            ),
        }
    }
    check_autoincrement(ctx, model);
}

fn compound_id(ctx: &mut Ctx<'_>, model: &mut Model, attr: &Attribute) {
    args::check_names(attr, &["fields", "name", "map"], 1, ctx.diags);
    if model.primary_key.is_some() {
        ctx.diags
            .error(attr.name.span, "A model can have `@id` or `@@id`, not both.");
        return;
    }
    let Some(fields) = fields_arg(ctx, model, attr) else {
        return;
    };
    // Prisma accepts `ops:` here and leaves it out of the primary key.
    let fields: Vec<IndexField> = fields.into_iter().map(|(f, _)| f).collect();
    for f in &fields {
        let optional = model.field(&f.field).is_some_and(|f| f.arity != Arity::Required);
        if optional && !model.ignored {
            ctx.diags.error(
                attr.span,
                format!("The field `{}` is part of `@@id`, so it must be required.", f.field),
            );
        }
    }
    let pk = PrimaryKey {
        fields,
        name: args::string_arg(attr, "name", false, ctx.diags),
        map: args::string_arg(attr, "map", false, ctx.diags),
    };
    check_client_name(ctx, model, pk.name.as_deref(), attr);
    check_primary_key_support(ctx, &pk, attr, "@@id");
    model.primary_key = Some(pk);
}

/// A primary key's constraint name (`map:`) is kept only by PostgreSQL, and
/// its sort order only by MySQL.
/// `written` is the attribute as the user wrote it: `@id` or `@@id`.
pub fn check_primary_key_support(ctx: &mut Ctx<'_>, pk: &PrimaryKey, attr: &Attribute, written: &str) {
    let Some(provider) = ctx.provider else { return };
    if pk.map.is_some() && provider != Provider::Postgres {
        let span = attr.arg("map").map_or(attr.span, |e| e.span());
        ctx.diags.error(
            span,
            format!(
                "A primary key cannot be named on {}: remove `map:` from `{written}`.",
                provider_title(provider)
            ),
        );
    }
    if pk.fields.iter().any(|f| f.sort.is_some()) && provider != Provider::Mysql {
        ctx.diags.error(
            attr.span,
            format!(
                "A primary key cannot have a sort order on {}: remove `sort:` from `{written}`.",
                provider_title(provider)
            ),
        );
    }
}

fn index(ctx: &mut Ctx<'_>, model: &mut Model, attr: &Attribute, kind: IndexType) {
    let allowed: &[&str] = match kind {
        IndexType::Normal => &["fields", "name", "map", "type"],
        IndexType::Unique => &["fields", "name", "map"],
        IndexType::Fulltext => &["fields", "map"],
    };
    args::check_names(attr, allowed, 1, ctx.diags);
    if kind == IndexType::Fulltext && ctx.provider.is_some_and(|p| p != Provider::Mysql) {
        ctx.diags
            .error(attr.name.span, "`@@fulltext` is only supported on MySQL.");
    }
    let Some(fields) = fields_arg(ctx, model, attr) else {
        return;
    };
    let algorithm = algorithm(ctx, attr);
    check_method_and_ops(ctx, model, &fields, kind, algorithm, attr.span);
    let fields: Vec<IndexField> = fields.into_iter().map(|(f, _)| f).collect();
    let mut name = args::string_arg(attr, "name", false, ctx.diags);
    let mut map = args::string_arg(attr, "map", false, ctx.diags);
    if kind == IndexType::Normal && name.is_some() {
        // Before Prisma 3, `name:` was an index's database name; Prisma 6
        // still reads it as `map:` on `@@index` (only there).
        if map.is_some() {
            ctx.diags.error(
                attr.span,
                "The `@@index` attribute accepts `name:` as an old spelling of `map:`, not both: use `map:` for the index's database name.",
            );
        }
        map = map.or(name.take());
    }
    if kind == IndexType::Unique {
        check_client_name(ctx, model, name.as_deref(), attr);
    }
    if fields.iter().any(|f| f.length.is_some()) && ctx.provider != Some(Provider::Mysql) {
        ctx.diags.error(attr.span, "`length:` is only supported on MySQL.");
    }
    model.indexes.push(IndexDef {
        kind,
        fields,
        name,
        map,
        algorithm,
        span: attr.span,
    });
}

/// `ops:` is for `@@index` fields only. Other databases accept and ignore
/// it there; PostgreSQL checks the index against its method.
fn check_method_and_ops(
    ctx: &mut Ctx<'_>,
    model: &Model,
    fields: &[(IndexField, Span)],
    kind: IndexType,
    algorithm: Option<IndexAlgorithm>,
    span: Span,
) {
    if kind != IndexType::Normal {
        for (_, span) in fields.iter().filter(|(f, _)| f.ops.is_some()) {
            ctx.diags.error(
                *span,
                "Operator classes (`ops:`) can only be defined on the fields of an `@@index`.",
            );
        }
    } else if ctx.provider == Some(Provider::Postgres) {
        index_methods::check(ctx, model, fields, algorithm.unwrap_or(IndexAlgorithm::BTree), span);
    }
}

/// The `name:` of `@@id` and `@@unique` names an argument of the client's
/// queries: it must differ from the model's fields and from the other
/// compound names.
fn check_client_name(ctx: &mut Ctx<'_>, model: &Model, name: Option<&str>, attr: &Attribute) {
    let Some(name) = name else { return };
    let span = attr.arg("name").map_or(attr.span, |e| e.span());
    let which = &attr.name.name;
    if model.field(name).is_some() {
        ctx.diags.error(
            span,
            format!("The custom name `{name}` specified for the `@@{which}` attribute is already used as a name for a field. Please choose a different name."),
        );
    } else if model.indexes.iter().any(|i| i.name.as_deref() == Some(name))
        || model
            .primary_key
            .as_ref()
            .is_some_and(|pk| pk.name.as_deref() == Some(name))
    {
        ctx.diags.error(
            span,
            format!("The given custom name `{name}` has to be unique on the model. Please provide a different name for the `name` argument."),
        );
    }
}

fn algorithm(ctx: &mut Ctx<'_>, attr: &Attribute) -> Option<IndexAlgorithm> {
    let expr = attr.arg("type")?;
    let name = args::constant(expr, "`type`", ctx.diags)?;
    let Some(algo) = IndexAlgorithm::ALL.into_iter().find(|a| a.name() == name) else {
        ctx.diags.error(
            expr.span(),
            format!("Unknown index type `{name}`. Use BTree, Hash, Gist, Gin, SpGist or Brin."),
        );
        return None;
    };
    if ctx.provider != Some(Provider::Postgres) && algo != IndexAlgorithm::BTree {
        ctx.diags.error(
            expr.span(),
            format!("The index type `{name}` is only supported on PostgreSQL."),
        );
        return None;
    }
    Some(algo)
}

/// The field list of a block attribute, each field with where it is
/// written; every entry must be a scalar field.
fn fields_arg(ctx: &mut Ctx<'_>, model: &Model, attr: &Attribute) -> Option<Vec<(IndexField, Span)>> {
    let Some(expr) = args::get(attr, "fields", true) else {
        ctx.diags.error(
            attr.span,
            format!(
                "`@@{}` needs a list of fields, such as `@@{}([a, b])`.",
                attr.name.name, attr.name.name
            ),
        );
        return None;
    };
    let fields = args::field_list(expr, ctx.diags)?;
    let mut ok = true;
    for (i, (f, span)) in fields.iter().enumerate() {
        ok &= check_field_ref(ctx, model, &f.field, *span, &attr.name.name);
        if fields[..i].iter().any(|(g, _)| g.field == f.field) {
            ctx.diags.error(
                *span,
                format!(
                    "The `@@{}` definition refers to the field `{}` multiple times.",
                    attr.name.name, f.field
                ),
            );
            ok = false;
        }
    }
    if fields.is_empty() {
        ctx.diags
            .error(expr.span(), format!("`@@{}` needs at least one field.", attr.name.name));
        ok = false;
    }
    ok.then_some(fields)
}

fn check_field_ref(ctx: &mut Ctx<'_>, model: &Model, name: &str, span: Span, attr: &str) -> bool {
    match model.field(name).map(|f| &f.ty) {
        None => {
            ctx.diags.error(
                span,
                format!(
                    "`@@{attr}` refers to the unknown field `{name}` of model `{}`.{}",
                    model.name,
                    ctx.suggest
                        .did_you_mean(name, model.fields.iter().map(|f| f.name.as_str()), "")
                ),
            );
            false
        }
        Some(FieldType::Relation(_)) => {
            ctx.diags.error(
                span,
                format!("`@@{attr}` refers to the relation field `{name}`; use its scalar fields instead."),
            );
            false
        }
        Some(_) => true,
    }
}

/// `autoincrement()` must be the id where the database cannot have it elsewhere.
fn check_autoincrement(ctx: &mut Ctx<'_>, model: &Model) {
    for field in model
        .fields
        .iter()
        .filter(|f| f.default == Some(DefaultDef::Autoincrement))
    {
        let is_single_id = model
            .primary_key
            .as_ref()
            .is_some_and(|pk| pk.fields.len() == 1 && pk.fields[0].field == field.name);
        let indexed = is_single_id
            || model
                .indexes
                .iter()
                .any(|i| i.fields.first().is_some_and(|f| f.field == field.name));
        // Prisma takes a `BigInt @id` too (it writes it without AUTOINCREMENT).
        let integer = matches!(
            field.ty,
            FieldType::Scalar(crate::schema::ScalarType::Int | crate::schema::ScalarType::BigInt)
        );
        let message = match ctx.provider {
            Some(Provider::Sqlite) if !is_single_id || !integer => {
                "On SQLite, `autoincrement()` is only allowed on an `Int @id` or `BigInt @id` field."
            }
            Some(Provider::Mysql) if !indexed => {
                "On MySQL, an `autoincrement()` field must be the id or the first field of an index."
            }
            _ => continue,
        };
        ctx.diags.error(field.span, message);
    }
}

/// Every model needs an `@id`, `@@id`, or a unique criterion of required fields.
pub fn check_unique_criterion(ctx: &mut Ctx<'_>, model: &Model, block: &Block) {
    if model.primary_key.is_some() || model.ignored {
        return;
    }
    let has_unique = model.indexes.iter().filter(|i| i.kind == IndexType::Unique).any(|i| {
        i.fields.iter().all(|f| {
            model
                .field(&f.field)
                .is_some_and(|f| f.arity == Arity::Required && !matches!(f.ty, FieldType::Unsupported(_)))
        })
    });
    if !has_unique {
        ctx.diags.error(
            block.name.span,
            format!(
                "The model `{}` has no unique criterion: mark a field `@id` or `@unique`, or add `@@id([...])` or `@@unique([...])` with required fields only (or `@@ignore` the model).",
                model.name
            ),
        );
    }
}
