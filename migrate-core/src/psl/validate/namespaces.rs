//! Several database schemas (Prisma's multiSchema, PostgreSQL only): the
//! datasource's `schemas` lists them, and then every model, view and enum
//! names its own with `@@schema`, one of the listed. Messages are Prisma
//! 6.19.3's.

use super::Ctx;
use crate::psl::ast::{Block, BlockKind};
use crate::psl::datamodel::{Datamodel, Provider};

pub fn check(ctx: &mut Ctx<'_>, dm: &Datamodel) {
    let Some(datasource) = &dm.datasource else { return };
    let listed = &datasource.schemas;
    if !listed.is_empty() && datasource.provider != Provider::Postgres {
        // Reported once, by `config` at the property: nothing else to check.
        return;
    }
    let blocks: Vec<&Block> = [BlockKind::Model, BlockKind::View, BlockKind::Enum]
        .into_iter()
        .flat_map(|kind| ctx.of_kind(kind).collect::<Vec<_>>())
        .collect();
    for block in blocks {
        match block.attributes().find(|a| a.name.name == "schema") {
            Some(attr) => {
                let named = attr.args.first().and_then(|a| a.value.as_str());
                if named.is_some_and(|n| !listed.iter().any(|l| l == n)) {
                    ctx.diags.error(
                        attr.span,
                        "This schema is not defined in the datasource. Read more on `@@schema` at https://pris.ly/d/multi-schema",
                    );
                }
            }
            None if !listed.is_empty() => {
                let what = if block.kind == BlockKind::Enum { "enum" } else { "model" };
                ctx.diags.error(
                    block.name.span,
                    format!("This {what} is missing an `@@schema` attribute."),
                );
            }
            None => {}
        }
    }
}
