//! Generator blocks as Prisma 6.19.3's re-introspection writes them back.
//!
//! `prisma db pull` renders every generator anew (facts checked with
//! Prisma 6.19.3): `provider`, `output`, `previewFeatures` (in name order,
//! `fullTextSearch` renamed `fullTextSearchPostgres` on PostgreSQL),
//! `binaryTargets`, then every other property in name order, its value a
//! string (`useDecimalJs = true` comes back as `useDecimalJs = "true"`).
//! Blank lines inside the block go; the `//` lines above a property stay
//! above it (Prisma drops them, `migrate` keeps comments).

use super::Placed;
use crate::psl::ast::{Block, BlockKind, Expr, Member, StringLit, TopItem};
use crate::psl::datamodel::Provider;

/// The properties Prisma writes first, in this order.
const FIRST: [&str; 4] = ["provider", "output", "previewFeatures", "binaryTargets"];

/// Rewrites the generator blocks of `placed` as Prisma 6.19.3's pull does.
pub(super) fn as_prisma_writes_them(placed: &mut Placed, provider: Provider) {
    for item in &mut placed.items {
        if let TopItem::Block(block) = item {
            if block.kind == BlockKind::Generator {
                rewrite(block, provider);
            }
        }
    }
}

fn rewrite(block: &mut Block, provider: Provider) {
    let mut chunks: Vec<(Vec<Member>, Member)> = Vec::new();
    let mut pending = Vec::new();
    for member in std::mem::take(&mut block.members) {
        match member {
            Member::Blank => {}
            Member::Property(mut property) => {
                if property.key.name == "previewFeatures" {
                    rename_preview_features(&mut property.value, provider);
                } else if !FIRST.contains(&property.key.name.as_str()) {
                    as_string(&mut property.value);
                }
                chunks.push((std::mem::take(&mut pending), Member::Property(property)));
            }
            other => pending.push(other),
        }
    }
    chunks.sort_by_cached_key(|(_, member)| order_key(member));
    block.members = chunks
        .into_iter()
        .flat_map(|(above, m)| above.into_iter().chain([m]))
        .collect();
    block.members.extend(pending);
}

/// Where a property goes: the four Prisma writes first, then the others by
/// name.
fn order_key(member: &Member) -> (usize, String) {
    let Member::Property(property) = member else {
        return (FIRST.len(), String::new());
    };
    let key = property.key.name.as_str();
    match FIRST.iter().position(|k| *k == key) {
        Some(at) => (at, String::new()),
        None => (FIRST.len(), key.to_string()),
    }
}

/// `fullTextSearch` is `fullTextSearchPostgres` on PostgreSQL since Prisma 6.
fn rename_preview_features(value: &mut Expr, provider: Provider) {
    let Expr::Array(items, _) = value else { return };
    if provider != Provider::Postgres {
        return;
    }
    for item in items.iter_mut() {
        if let Expr::String(s, _) = item {
            if s.value == "fullTextSearch" {
                s.value = "fullTextSearchPostgres".to_string();
                s.raw = s.value.clone();
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    items.retain(|item| seen.insert(item.as_str().map(str::to_string)));
}

/// A number or a bare word (`true`) as the string Prisma writes for it.
fn as_string(value: &mut Expr) {
    let text = match value {
        Expr::Number(text, _) => text.clone(),
        Expr::Ident(ident) => ident.name.clone(),
        _ => return,
    };
    let span = value.span();
    *value = Expr::String(
        StringLit {
            value: text.clone(),
            raw: text,
        },
        span,
    );
}
