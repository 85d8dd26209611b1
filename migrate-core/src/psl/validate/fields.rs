//! Model (and view) fields: types, arity and field attributes.

use super::{args, defaults, model_attributes, provider_title, Ctx};
use crate::psl::ast::{self, Attribute, Block, BlockKind, FieldTypeExpr};
use crate::psl::datamodel::{
    Arity, Datamodel, Field, FieldType, IndexDef, IndexField, IndexType, Model, NativeType, PrimaryKey, Provider,
};
use crate::psl::native_types;
use crate::schema::{ScalarType, SortOrder};
use std::collections::HashSet;

/// The attributes a field can have, besides native types.
const FIELD_ATTRIBUTES: [&str; 7] = ["id", "unique", "default", "updatedAt", "map", "relation", "ignore"];

pub fn model(ctx: &mut Ctx<'_>, dm: &Datamodel, block: &Block) -> Model {
    let mut model = Model::new(&block.name.name, block.span);
    model.doc = block.doc.clone();
    // Known before the fields: the id of an ignored model may be optional.
    model.ignored = block.attributes().any(|a| a.name.name == "ignore");
    let mut names = HashSet::new();
    for f in block.fields() {
        if !names.insert(f.name.name.as_str()) {
            ctx.diags.error(
                f.name.span,
                format!("Field `{}` is already defined on model `{}`.", f.name.name, model.name),
            );
            continue;
        }
        let field = field(ctx, dm, &mut model, f);
        model.push_field(field);
    }
    let field_level = model.indexes.len();
    model_attributes::apply(ctx, &mut model, block);
    // Prisma's index order, whatever the attributes' order: the fields'
    // `@unique`s, then every `@@index`, `@@unique` and `@@fulltext` in turn.
    model.indexes[field_level..].sort_by_key(|i| match i.kind {
        IndexType::Normal => 0,
        IndexType::Unique => 1,
        IndexType::Fulltext => 2,
    });
    check_db_names(ctx, &model, block);
    model
}

fn check_db_names(ctx: &mut Ctx<'_>, model: &Model, block: &Block) {
    let mut columns = HashSet::new();
    for f in model.scalar_fields() {
        if !columns.insert(f.db_name.as_str()) {
            ctx.diags.error(
                f.span,
                format!(
                    "Field `{}` maps to the column `{}`, which another field of model `{}` already uses.",
                    f.name, f.db_name, block.name.name
                ),
            );
        }
    }
}

fn field(ctx: &mut Ctx<'_>, dm: &Datamodel, model: &mut Model, f: &ast::Field) -> Field {
    let ty = field_type(ctx, dm, f);
    let arity = match f.arity {
        ast::Arity::Required => Arity::Required,
        ast::Arity::Optional => Arity::Optional,
        ast::Arity::List => Arity::List,
    };
    let mut field = Field {
        name: f.name.name.clone(),
        db_name: f.name.name.clone(),
        ty,
        arity,
        native: None,
        default: None,
        updated_at: false,
        ignored: false,
        doc: f.doc.clone(),
        span: f.span,
    };
    check_scalar_list(ctx, &field, f);
    check_duplicate_attributes(ctx, &f.attributes);
    for attr in &f.attributes {
        field_attribute(ctx, model, &mut field, attr);
    }
    check_ignore_unsupported(ctx, f);
    field
}

/// An `Unsupported(...)` field is ignored by the client already; Prisma
/// refuses `@ignore` on it.
fn check_ignore_unsupported(ctx: &mut Ctx<'_>, f: &ast::Field) {
    let Some(attr) = f.attribute("ignore") else { return };
    if matches!(f.ty, FieldTypeExpr::Unsupported(..)) {
        ctx.diags.error(
            attr.name.span,
            "Fields of type `Unsupported` cannot take an `@ignore` attribute. They are already treated as ignored by the client due to their type.",
        );
    }
}

fn field_type(ctx: &mut Ctx<'_>, dm: &Datamodel, f: &ast::Field) -> FieldType {
    let name = match &f.ty {
        FieldTypeExpr::Unsupported(s, _) => return FieldType::Unsupported(s.value.clone()),
        FieldTypeExpr::Named(i) => &i.name,
    };
    if let Some(s) = ScalarType::from_name(name) {
        return FieldType::Scalar(s);
    }
    match ctx.block(name).map(|b| b.kind) {
        Some(BlockKind::Enum) => FieldType::Enum(name.clone()),
        Some(BlockKind::Model | BlockKind::View) => FieldType::Relation(name.clone()),
        Some(BlockKind::Type) => {
            ctx.diags.error(
                f.ty.span(),
                format!("Type `{name}` is a composite type; composite types are only supported on MongoDB."),
            );
            FieldType::Unsupported(name.clone())
        }
        _ => {
            ctx.diags.error(
                f.ty.span(),
                format!(
                    "Type `{name}` is neither a built-in type, nor refers to another model, composite type, or enum.{}",
                    ctx.suggest.did_you_mean(name, known_types(ctx, dm), "")
                ),
            );
            FieldType::Unsupported(name.clone())
        }
    }
}

/// Every type name a field can have: scalars, models, views and enums.
fn known_types<'a>(ctx: &'a Ctx<'a>, dm: &'a Datamodel) -> impl Iterator<Item = &'a str> {
    let blocks = ctx
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Model | BlockKind::View | BlockKind::Enum));
    let scalars = ScalarType::ALL.iter().map(|s| s.name());
    scalars
        .chain(blocks.map(|b| b.name.name.as_str()))
        .chain(dm.enums.iter().map(|e| e.name.as_str()))
}

/// Lists of scalars, enums and unsupported types are PostgreSQL's only
/// (Prisma 6.19.3 accepts `Unsupported("_point")[]` there, as `db pull`
/// writes an array of a type it does not support).
fn check_scalar_list(ctx: &mut Ctx<'_>, field: &Field, f: &ast::Field) {
    let written_unsupported = matches!(f.ty, FieldTypeExpr::Unsupported(..));
    let scalar_like = matches!(field.ty, FieldType::Scalar(_) | FieldType::Enum(_)) || written_unsupported;
    let no_lists = ctx.provider.filter(|p| *p != Provider::Postgres);
    if let (Some(provider), Arity::List, true) = (no_lists, field.arity, scalar_like) {
        let message = format!(
            "Field `{}` can't be a list: {} has no lists of scalars. Store the values in a related model, or in a `Json` field.",
            field.name,
            provider_title(provider)
        );
        ctx.diags.error(f.ty.span(), message);
    }
}

fn check_duplicate_attributes(ctx: &mut Ctx<'_>, attrs: &[Attribute]) {
    let mut names = HashSet::new();
    let mut native_seen = false;
    for a in attrs {
        let is_native = a.name.name.contains('.');
        let dup = !names.insert(a.name.name.as_str()) || (is_native && native_seen);
        native_seen |= is_native;
        if dup {
            ctx.diags.error(
                a.name.span,
                format!("Attribute `@{}` can only be defined once.", a.name.name),
            );
        }
    }
}

fn field_attribute(ctx: &mut Ctx<'_>, model: &mut Model, field: &mut Field, attr: &Attribute) {
    let is_relation = matches!(field.ty, FieldType::Relation(_));
    let name = attr.name.name.as_str();
    if is_relation && !matches!(name, "relation" | "ignore") {
        ctx.diags.error(
            attr.name.span,
            format!(
                "The attribute `@{name}` cannot be used on the relation field `{}`.",
                field.name
            ),
        );
        return;
    }
    match name {
        "id" => id(ctx, model, field, attr),
        "unique" => unique(ctx, model, field, attr),
        "default" => field.default = defaults::default(ctx, field, attr),
        "updatedAt" => {
            args::check_names(attr, &[], 0, ctx.diags);
            if field.ty != FieldType::Scalar(ScalarType::DateTime) {
                ctx.diags.error(
                    attr.name.span,
                    "`@updatedAt` can only be used on fields of type `DateTime`.",
                );
            } else if field.arity == Arity::List {
                ctx.diags.error(
                    attr.name.span,
                    "Fields that are marked with @updatedAt cannot be lists.",
                );
            }
            field.updated_at = true;
        }
        "map" => {
            args::check_names(attr, &["name"], 1, ctx.diags);
            match args::string_arg(attr, "name", true, ctx.diags) {
                Some(n) => field.db_name = n,
                None if attr.args.is_empty() => ctx
                    .diags
                    .error(attr.span, "`@map` needs a name: `@map(\"column_name\")`."),
                None => {}
            }
        }
        "relation" if is_relation => {}
        "relation" => ctx.diags.error(
            attr.name.span,
            "`@relation` can only be used on a field whose type is a model.",
        ),
        "ignore" => {
            args::check_names(attr, &[], 0, ctx.diags);
            field.ignored = true;
        }
        n if n.contains('.') => native(ctx, field, attr),
        other => {
            let hint = ctx.suggest.did_you_mean(other, FIELD_ATTRIBUTES, "@");
            ctx.diags
                .error(attr.name.span, format!("Attribute not known: `@{other}`.{hint}"))
        }
    }
}

fn id(ctx: &mut Ctx<'_>, model: &mut Model, field: &Field, attr: &Attribute) {
    args::check_names(attr, &["map", "sort", "length"], 0, ctx.diags);
    // Prisma 6.19.3 accepts any id in an ignored model: `db pull` writes an
    // optional one for a SQLite key column that may hold NULL.
    if field.arity != Arity::Required && !model.ignored {
        ctx.diags.error(
            attr.name.span,
            format!(
                "The field `{}` is marked `@id`, so it must be required (not optional or a list).",
                field.name
            ),
        );
    }
    if model.primary_key.is_some() {
        ctx.diags.error(
            attr.name.span,
            "At most one field can be marked `@id`. Use `@@id([a, b])` for a compound id.",
        );
        return;
    }
    let pk = PrimaryKey {
        fields: vec![index_field(ctx, field, attr)],
        name: None,
        map: args::string_arg(attr, "map", false, ctx.diags),
    };
    model_attributes::check_primary_key_support(ctx, &pk, attr, "@id");
    model.primary_key = Some(pk);
}

fn unique(ctx: &mut Ctx<'_>, model: &mut Model, field: &Field, attr: &Attribute) {
    args::check_names(attr, &["map", "sort", "length"], 0, ctx.diags);
    let index = IndexDef {
        kind: IndexType::Unique,
        fields: vec![index_field(ctx, field, attr)],
        name: None,
        map: args::string_arg(attr, "map", false, ctx.diags),
        algorithm: None,
        span: attr.span,
    };
    model.indexes.push(index);
}

/// `sort:` and `length:` on `@id` / `@unique`.
fn index_field(ctx: &mut Ctx<'_>, field: &Field, attr: &Attribute) -> IndexField {
    let sort = attr
        .arg("sort")
        .and_then(|e| match args::constant(e, "`sort`", ctx.diags) {
            Some("Asc") => Some(SortOrder::Asc),
            Some("Desc") => Some(SortOrder::Desc),
            Some(other) => {
                ctx.diags
                    .error(e.span(), format!("`sort` must be `Asc` or `Desc`, not `{other}`."));
                None
            }
            None => None,
        });
    let length = attr.arg("length").and_then(|e| match e {
        ast::Expr::Number(n, _) if n.parse::<u32>().is_ok() => n.parse().ok(),
        other => {
            ctx.diags
                .error(other.span(), "`length` must be a positive whole number.");
            None
        }
    });
    if length.is_some() && ctx.provider != Some(Provider::Mysql) {
        ctx.diags.error(attr.span, "`length:` is only supported on MySQL.");
    }
    IndexField {
        field: field.name.clone(),
        sort,
        length,
        ops: None,
    }
}

fn native(ctx: &mut Ctx<'_>, field: &mut Field, attr: &Attribute) {
    let (prefix, type_name) = attr.name.name.split_once('.').unwrap_or_default();
    let datasource = ctx
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Datasource)
        .map(|b| b.name.name.clone());
    if datasource.as_deref() != Some(prefix) {
        ctx.diags.error(
            attr.name.span,
            match datasource {
                Some(ds) => format!(
                    "Attribute not known: `@{}`. Native types start with the datasource's name: `@{ds}.{type_name}`.",
                    attr.name.name
                ),
                None => format!(
                    "Attribute not known: `@{}`. Native types need a datasource block.",
                    attr.name.name
                ),
            },
        );
        return;
    }
    let Some(provider) = ctx.provider else { return };
    let Some(spec) = native_types::find(provider, type_name) else {
        ctx.diags.error(
            attr.name.span,
            match provider {
                Provider::Sqlite => format!(
                    "Native types are not supported on SQLite: remove `@{}`. The column type follows the field's type.",
                    attr.name.name
                ),
                _ => format!(
                    "Native type `{type_name}` is not supported for the {} provider.{}",
                    provider.name(),
                    ctx.suggest.did_you_mean(
                        type_name,
                        native_types::native_types(provider).iter().map(|t| t.name),
                        &format!("@{prefix}.")
                    )
                ),
            },
        );
        return;
    };
    let args: Vec<String> = attr
        .args
        .iter()
        .filter_map(|a| match &a.value {
            ast::Expr::Number(n, _) if n.parse::<u32>().is_ok() => Some(n.clone()),
            other => {
                ctx.diags.error(
                    other.span(),
                    format!("The arguments of `{type_name}` must be whole numbers."),
                );
                None
            }
        })
        .collect();
    if !spec.args.accepts(attr.args.len()) {
        ctx.diags.error(
            attr.span,
            format!(
                "Native type `{type_name}` takes {}, but received {}.",
                spec.args.describe(),
                attr.args.len()
            ),
        );
    } else if args.len() == attr.args.len() {
        let numbers: Vec<u32> = args.iter().filter_map(|a| a.parse().ok()).collect();
        if let Some(message) = super::native_args::range_error(provider, type_name, &numbers) {
            ctx.diags.error(attr.span, message);
        }
    }
    match &field.ty {
        FieldType::Scalar(s) if spec.scalars.contains(s) => {}
        FieldType::Scalar(s) => {
            ctx.diags.error(
                attr.name.span,
                format!(
                "Native type `{type_name}` is not compatible with the type `{}` of field `{}`: it fits only {} fields.",
                s.name(),
                field.name,
                spec.scalars.iter().map(|t| format!("`{}`", t.name())).collect::<Vec<_>>().join(" and ")
            ),
            )
        }
        _ => ctx.diags.error(
            attr.name.span,
            format!(
                "Native types can only be used on scalar fields; `{}` is not one.",
                field.name
            ),
        ),
    }
    field.native = Some(NativeType {
        name: type_name.to_string(),
        args,
    });
}
