//! Names in the database must not collide: two models on one table, or two
//! indexes with one name (index names are per database on SQLite and
//! PostgreSQL, per table on MySQL). Default names count too: a repeated
//! `@@index([a])` gives two indexes named `Model_a_idx`.

use super::Ctx;
use crate::psl::datamodel::{Datamodel, IndexDef, IndexType, Model, Provider, Relation, RelationMode};
use crate::psl::diagnostics::Span;
use crate::schema::{ConstraintNames, IdentifierLimit};
use std::collections::HashMap;

pub fn check(ctx: &mut Ctx<'_>, dm: &Datamodel) {
    check_tables(ctx, dm);
    check_indexes(ctx, dm);
}

fn check_tables(ctx: &mut Ctx<'_>, dm: &Datamodel) {
    // Tables of two database schemas (multiSchema) may share a name.
    let mut owners: HashMap<(Option<&str>, &str), &str> = HashMap::new();
    for model in &dm.models {
        let table = (model.schema.as_deref(), model.db_name.as_str());
        let first = *owners.entry(table).or_insert(model.name.as_str());
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

/// What a constraint name belongs to.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    PrimaryKey,
    Index,
    ForeignKey,
}

impl Kind {
    fn describe(self) -> &'static str {
        match self {
            Kind::PrimaryKey => "a primary key",
            Kind::Index => "an index",
            Kind::ForeignKey => "a foreign key",
        }
    }
}

/// A name in the database: the primary keys, indexes and foreign keys of
/// every model, default names included.
struct Constraint<'a> {
    name: String,
    model: &'a str,
    /// The table's database schema (`@@schema`, multiSchema).
    schema: Option<&'a str>,
    table: &'a str,
    kind: Kind,
    span: Span,
}

/// Where names must be distinct (Prisma 6.19.3's namespaces, measured):
/// PostgreSQL keeps primary keys, indexes and unique constraints apart
/// schema-wide and every constraint of one table apart; MySQL keeps indexes
/// apart per table and foreign keys per database (its primary keys are all
/// `PRIMARY`); SQLite keeps indexes apart per database (it names neither
/// primary keys nor foreign keys).
fn scopes<'a>(provider: Provider, c: &Constraint<'a>) -> Vec<Scope<'a>> {
    match (provider, c.kind) {
        (Provider::Postgres, Kind::PrimaryKey | Kind::Index) => {
            vec![Scope::Database(c.schema), Scope::Table(c.schema, c.table)]
        }
        (Provider::Postgres, Kind::ForeignKey) => vec![Scope::Table(c.schema, c.table)],
        (Provider::Mysql, Kind::Index) => vec![Scope::Table(None, c.table)],
        (Provider::Mysql, Kind::ForeignKey) => vec![Scope::ForeignKeys],
        (Provider::Sqlite, Kind::Index) => vec![Scope::Database(None)],
        _ => vec![],
    }
}

/// A namespace of constraint names.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Scope<'a> {
    /// The database (PostgreSQL: one database schema, by `@@schema`).
    Database(Option<&'a str>),
    /// One table's constraints (the table by schema and name).
    Table(Option<&'a str>, &'a str),
    /// The database's foreign keys (MySQL).
    ForeignKeys,
}

fn check_indexes(ctx: &mut Ctx<'_>, dm: &Datamodel) {
    let Some(provider) = ctx.provider else { return };
    let names = ConstraintNames { limit: limit(provider) };
    let constraints = constraints(ctx, dm, &names);
    let mut seen: HashMap<(Scope<'_>, &str), usize> = HashMap::new();
    for (i, c) in constraints.iter().enumerate() {
        for scope in scopes(provider, c) {
            match seen.get(&(scope, c.name.as_str())) {
                Some(&first) => {
                    ctx.diags.error(c.span, clash_message(c, &constraints[first]));
                    break;
                }
                None => {
                    seen.insert((scope, c.name.as_str()), i);
                }
            }
        }
    }
}

fn clash_message(c: &Constraint<'_>, first: &Constraint<'_>) -> String {
    let on_model = if first.model == c.model {
        String::new()
    } else {
        format!(" on model `{}`", first.model)
    };
    if c.kind == Kind::Index && first.kind == Kind::Index {
        return format!(
            "The index name `{}` is already used by another index{on_model}. Give this one another name with `map: \"...\"`, or remove the duplicate.",
            c.name
        );
    }
    format!(
        "The constraint name `{}` of {} is already used by {}{on_model}. Give one of them another name with `map: \"...\"`.",
        c.name,
        c.kind.describe(),
        first.kind.describe()
    )
}

fn constraints<'a>(ctx: &Ctx<'_>, dm: &'a Datamodel, names: &ConstraintNames) -> Vec<Constraint<'a>> {
    let mut out = Vec::new();
    for model in &dm.models {
        let Some(block) = ctx.block(&model.name) else { continue };
        let constraint = |name: String, kind: Kind, span: Span| Constraint {
            name,
            model: &model.name,
            schema: model.schema.as_deref(),
            table: &model.db_name,
            kind,
            span,
        };
        if let Some(pk) = &model.primary_key {
            let name = pk.map.clone().unwrap_or_else(|| names.primary_key(&model.db_name));
            let span = block
                .attributes()
                .find(|a| a.name.name == "id")
                .or_else(|| block.fields().find_map(|f| f.attribute("id")))
                .map_or(block.name.span, |a| a.span);
            out.push(constraint(name, Kind::PrimaryKey, span));
        }
        for index in &model.indexes {
            out.push(constraint(index_name(names, model, index), Kind::Index, index.span));
        }
    }
    if ctx.relation_mode == RelationMode::ForeignKeys {
        for relation in &dm.relations {
            if let Some(c) = foreign_key(ctx, dm, names, relation) {
                out.push(c);
            }
        }
    }
    out
}

fn foreign_key<'a>(
    ctx: &Ctx<'_>,
    dm: &'a Datamodel,
    names: &ConstraintNames,
    relation: &Relation,
) -> Option<Constraint<'a>> {
    let Relation::Inline { model, fields, map, .. } = relation else {
        return None;
    };
    let model = dm.models.iter().find(|m| &m.name == model)?;
    let columns: Vec<&str> = fields
        .iter()
        .map(|f| model.field(f).map_or(f.as_str(), |x| x.db_name.as_str()))
        .collect();
    let block = ctx.block(&model.name)?;
    // The `@relation` that names these fields, else the model's name.
    let span = block
        .fields()
        .filter_map(|f| f.attribute("relation"))
        .find(|a| {
            a.arg("fields")
                .is_some_and(|e| fields.iter().all(|f| lists_field(e, f)))
        })
        .map_or(block.name.span, |a| a.span);
    Some(Constraint {
        name: map
            .clone()
            .unwrap_or_else(|| names.foreign_key(&model.db_name, &columns)),
        model: &model.name,
        schema: model.schema.as_deref(),
        table: &model.db_name,
        kind: Kind::ForeignKey,
        span,
    })
}

/// Whether a `fields: [...]` list names `field`.
fn lists_field(e: &crate::psl::ast::Expr, field: &str) -> bool {
    match e {
        crate::psl::ast::Expr::Array(items, _) => items.iter().any(|i| i.as_ident() == Some(field)),
        _ => false,
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
