//! `enum` blocks.

use super::{args, Ctx};
use crate::psl::ast::{Block, BlockKind};
use crate::psl::datamodel::{Enum, EnumValue};

pub fn enums(ctx: &mut Ctx<'_>) -> Vec<Enum> {
    let blocks: Vec<&Block> = ctx.of_kind(BlockKind::Enum).collect();
    blocks.into_iter().map(|b| enum_(ctx, b)).collect()
}

fn enum_(ctx: &mut Ctx<'_>, block: &Block) -> Enum {
    let mut db_name = block.name.name.clone();
    let mut schema = None;
    for attr in block.attributes() {
        match attr.name.name.as_str() {
            "map" => {
                args::check_names(attr, &["name"], 1, ctx.diags);
                db_name = args::string_arg(attr, "name", true, ctx.diags).unwrap_or(db_name);
            }
            "schema" => {
                args::check_names(attr, &[], 1, ctx.diags);
                schema = args::get(attr, "", true).and_then(|e| args::string(e, "`@@schema`", ctx.diags));
            }
            other => ctx
                .diags
                .error(attr.name.span, format!("Attribute not known on an enum: `@@{other}`.")),
        }
    }
    let mut values: Vec<EnumValue> = Vec::new();
    let mut names = std::collections::HashSet::new();
    for v in block.values() {
        if !names.insert(v.name.name.as_str()) {
            ctx.diags.error(
                v.name.span,
                format!(
                    "Value `{}` is already defined on enum `{}`.",
                    v.name.name, block.name.name
                ),
            );
            continue;
        }
        let mut value_db_name = v.name.name.clone();
        for attr in &v.attributes {
            if attr.name.name == "map" {
                args::check_names(attr, &["name"], 1, ctx.diags);
                value_db_name = args::string_arg(attr, "name", true, ctx.diags).unwrap_or(value_db_name);
            } else {
                ctx.diags.error(
                    attr.name.span,
                    format!("Attribute not known on an enum value: `@{}`.", attr.name.name),
                );
            }
        }
        values.push(EnumValue {
            name: v.name.name.clone(),
            db_name: value_db_name,
        });
    }
    if values.is_empty() {
        ctx.diags.error(
            block.name.span,
            format!("The enum `{}` must have at least one value.", block.name.name),
        );
    }
    Enum {
        name: block.name.name.clone(),
        db_name,
        values,
        schema,
        doc: block.doc.clone(),
    }
}
