//! Names in the database must not collide: two models on one table, or two
//! indexes with one name (index names are per database on SQLite and
//! PostgreSQL, per table on MySQL). Default names count too: a repeated
//! `@@index([a])` gives two indexes named `Model_a_idx`.

use super::Ctx;
use crate::psl::datamodel::{Datamodel, IndexDef, IndexType, Model, Provider};
use crate::schema::{ConstraintNames, IdentifierLimit};
use std::collections::HashMap;

pub fn check(ctx: &mut Ctx<'_>, dm: &Datamodel) {
    check_tables(ctx, dm);
    check_indexes(ctx, dm);
}

fn check_tables(ctx: &mut Ctx<'_>, dm: &Datamodel) {
    let mut owners: HashMap<&str, &str> = HashMap::new();
    for model in &dm.models {
        let first = *owners.entry(model.db_name.as_str()).or_insert(model.name.as_str());
        if first == model.name {
            continue;
        }
        let Some(block) = ctx.block(&model.name) else { continue };
        let message = format!(
            "The model `{}` uses the table `{}`, which the model `{first}` already uses. Give one of them another name with `@@map(\"...\")`.",
            model.name, model.db_name
        );
        ctx.diags.error(block.name.span, message);
    }
}

fn check_indexes(ctx: &mut Ctx<'_>, dm: &Datamodel) {
    let Some(provider) = ctx.provider else { return };
    let names = ConstraintNames { limit: limit(provider) };
    let mut seen: HashMap<(String, &str), &str> = HashMap::new();
    for model in &dm.models {
        for index in &model.indexes {
            let name = index_name(&names, model, index);
            let scope = if provider == Provider::Mysql {
                model.db_name.as_str()
            } else {
                ""
            };
            if let Some(owner) = seen.get(&(name.clone(), scope)) {
                let message = format!(
                    "The index name `{name}` is already used by another index{}. Give this one another name with `map: \"...\"`, or remove the duplicate.",
                    if *owner == model.name {
                        String::new()
                    } else {
                        format!(" on model `{owner}`")
                    }
                );
                ctx.diags.error(index.span, message);
            } else {
                seen.insert((name, scope), model.name.as_str());
            }
        }
    }
}

fn index_name(names: &ConstraintNames, model: &Model, index: &IndexDef) -> String {
    if let Some(map) = &index.map {
        return map.clone();
    }
    let columns: Vec<&str> = index
        .fields
        .iter()
        .map(|f| model.field(&f.field).map_or(f.field.as_str(), |x| x.db_name.as_str()))
        .collect();
    match index.kind {
        IndexType::Unique => names.unique(&model.db_name, &columns),
        IndexType::Normal | IndexType::Fulltext => names.index(&model.db_name, &columns),
    }
}

fn limit(provider: Provider) -> IdentifierLimit {
    match provider {
        Provider::Postgres => IdentifierLimit::POSTGRES,
        Provider::Mysql => IdentifierLimit::MYSQL,
        Provider::Sqlite => IdentifierLimit::SQLITE,
    }
}
