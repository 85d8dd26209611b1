//! The names of models, views, enums, fields and enum values: letters,
//! digits and `_`, starting with a letter. The lexer takes `-` inside a
//! name and `_` at its start (a database's names can have both, which
//! `db pull` maps), and the parser a name starting with digits, so the
//! validator says where Prisma refuses them.

use super::Ctx;
use crate::psl::ast::{BlockKind, Ident};

pub fn check(ctx: &mut Ctx<'_>) {
    for block in ctx.blocks.clone() {
        let kind = match block.kind {
            BlockKind::Model => "Model",
            BlockKind::View => "View",
            BlockKind::Enum => "Enum",
            BlockKind::Type => "Composite type",
            BlockKind::Datasource | BlockKind::Generator => continue,
        };
        check_name(ctx, &block.name, kind);
        for field in block.fields() {
            check_name(ctx, &field.name, "Field");
        }
        for value in block.values() {
            check_name(ctx, &value.name, "Enum Value");
        }
    }
}

fn check_name(ctx: &mut Ctx<'_>, name: &Ident, kind: &str) {
    if name.name.contains('-') {
        ctx.diags.error(
            name.span,
            format!("The character `-` is not allowed in {kind} names: `{}`.", name.name),
        );
    } else if name.name.starts_with(|c: char| c.is_ascii_digit()) {
        ctx.diags.error(
            name.span,
            format!("{kind} names must not start with a number: `{}`.", name.name),
        );
    } else if name.name.starts_with('_') {
        ctx.diags.error(
            name.span,
            format!(
                "{kind} names must start with a letter, not `_`: `{}`. Keep the database's name with `@map`/`@@map`.",
                name.name
            ),
        );
    }
}
