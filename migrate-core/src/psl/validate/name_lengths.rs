//! Database names longer than the database keeps.
//!
//! PostgreSQL cuts a table, column or type name to its first 63 bytes (with
//! a NOTICE) and keeps going; Prisma 6.19.3 writes such a name unchanged,
//! so its next diff compares the full name with the cut one and drops and
//! re-adds the column. Here the name is cut the same way, with a warning,
//! so that both sides of every diff hold the name the database holds. An
//! enum value over 63 bytes PostgreSQL refuses, and so does MySQL any name
//! over 64 characters: errors. An explicit `map:` of an index or a
//! constraint over the limit is an error on both, as in Prisma.

use super::Ctx;
use crate::psl::datamodel::{Datamodel, Provider, Relation};
use crate::psl::diagnostics::Span;
use crate::schema::IdentifierLimit;

pub fn fit_to_limit(ctx: &mut Ctx<'_>, dm: &mut Datamodel) {
    let Some(provider) = ctx.provider else { return };
    let limit = match provider {
        Provider::Postgres => Limit::Bytes(IdentifierLimit::POSTGRES.0),
        Provider::Mysql => Limit::Chars(IdentifierLimit::MYSQL.0),
        Provider::Sqlite => return,
    };
    for model in &mut dm.models {
        let span = model.span;
        fit(ctx, limit, "table", &mut model.db_name, span);
        for field in &mut model.fields {
            fit(ctx, limit, "column", &mut field.db_name, field.span);
        }
        for index in &model.indexes {
            if let Some(map) = &index.map {
                refuse(ctx, limit, "index or constraint", map, index.span);
            }
        }
        if let Some(map) = model.primary_key.as_ref().and_then(|pk| pk.map.as_ref()) {
            refuse(ctx, limit, "primary key", map, span);
        }
    }
    for relation in &dm.relations {
        if let Relation::Inline {
            model, map: Some(map), ..
        } = relation
        {
            let span = dm.model(model).map_or(Span::new(0, 0, 0), |m| m.span);
            refuse(ctx, limit, "foreign key", map, span);
        }
    }
    for e in &mut dm.enums {
        let span = ctx.block(&e.name).map_or(Span::new(0, 0, 0), |b| b.name.span);
        if provider == Provider::Postgres {
            fit(ctx, limit, "enum type", &mut e.db_name, span);
        }
        for value in &e.values {
            refuse(ctx, limit, "enum value", &value.db_name, span);
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Limit {
    /// PostgreSQL's `NAMEDATALEN - 1`: cut on a character boundary.
    Bytes(usize),
    /// MySQL refuses longer identifiers (error 1059).
    Chars(usize),
}

impl Limit {
    fn exceeded_by(self, name: &str) -> bool {
        match self {
            Limit::Bytes(n) => name.len() > n,
            Limit::Chars(n) => name.chars().count() > n,
        }
    }
}

/// Cuts a name PostgreSQL would cut, with a warning; refuses one MySQL would.
fn fit(ctx: &mut Ctx<'_>, limit: Limit, what: &str, name: &mut String, span: Span) {
    if !limit.exceeded_by(name) {
        return;
    }
    let Limit::Bytes(max) = limit else {
        return refuse(ctx, limit, what, name, span);
    };
    let mut end = max;
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    let kept = name[..end].to_string();
    ctx.diags.warning(
        span,
        format!(
            "The {what} name `{name}` is longer than PostgreSQL's {max} bytes; PostgreSQL keeps `{kept}`, which migrate uses. Write it that way (`@map`/`@@map`) to make this warning go away."
        ),
    );
    *name = kept;
}

fn refuse(ctx: &mut Ctx<'_>, limit: Limit, what: &str, name: &str, span: Span) {
    if !limit.exceeded_by(name) {
        return;
    }
    let (database, max) = match limit {
        Limit::Bytes(n) => ("PostgreSQL", format!("{n} bytes")),
        Limit::Chars(n) => ("MySQL", format!("{n} characters")),
    };
    ctx.diags.error(
        span,
        format!("The {what} name `{name}` is longer than {database} accepts ({max}). Choose a shorter name."),
    );
}
