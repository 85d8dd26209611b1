//! Pairs relation fields into relations and checks `@relation` arguments.

use super::{args, Ctx};
use crate::psl::ast::{self, Attribute, BlockKind};
use crate::psl::back_relations;
use crate::psl::datamodel::{Arity, Datamodel, Field, FieldType, IndexType, Model, Provider, Relation, RelationMode};
use crate::psl::diagnostics::Span;
use crate::schema::ReferentialAction;
use std::collections::HashMap;

/// One side of a relation, as written.
struct Side<'a> {
    model: &'a Model,
    /// Whether `model` is a view: relations with views are checked as
    /// Prisma checks them, but never migrated.
    in_view: bool,
    field: &'a ast::Field,
    target: String,
    arity: Arity,
    name: Option<String>,
    fields: Option<Vec<String>>,
    references: Option<Vec<String>>,
    on_delete: Option<ReferentialAction>,
    on_update: Option<ReferentialAction>,
    map: Option<String>,
    span: Span,
}

impl Side<'_> {
    fn defines_keys(&self) -> bool {
        self.fields.is_some() || self.references.is_some()
    }

    fn describe(&self) -> String {
        let kind = if self.in_view { "view" } else { "model" };
        format!("`{}` on {kind} `{}`", self.field.name.name, self.model.name)
    }
}

pub fn relations(ctx: &mut Ctx<'_>, dm: &Datamodel) -> Vec<Relation> {
    let sides = collect_sides(ctx, dm);
    let models = Models::new(dm);
    let groups = Groups::new(&sides);
    let mut used = report_ambiguous(ctx, &sides, &groups);
    // What `migrate format` would add, asked of every side without an opposite.
    let blocks = back_relations::Models::from_blocks(ctx.of_kind(BlockKind::Model));
    let mut out: Vec<(Position, Relation)> = Vec::new();
    for i in 0..sides.len() {
        if used[i] {
            continue;
        }
        let a = &sides[i];
        let candidate = groups.opposite(i).iter().copied().find(|&j| j != i && !used[j]);
        match candidate {
            None => missing_opposite(ctx, &blocks, a),
            Some(j) => {
                used[i] = true;
                used[j] = true;
                out.extend(pair(ctx, &models, a, &sides[j]));
            }
        }
    }
    // Prisma orders relations by the field that defines them (the one with
    // `fields`), so foreign keys follow the fields of their model.
    out.sort_by_key(|(position, _)| *position);
    // A relation with a view has no foreign key: views are never migrated.
    out.into_iter()
        .map(|(_, r)| r)
        .filter(|r| !relation_models(r).into_iter().any(|m| is_view(ctx, m)))
        .collect()
}

fn is_view(ctx: &Ctx<'_>, name: &str) -> bool {
    ctx.block(name).is_some_and(|b| b.kind == BlockKind::View)
}

/// The two models (or views) a relation joins.
fn relation_models(relation: &Relation) -> [&str; 2] {
    match relation {
        Relation::Inline {
            model,
            referenced_model,
            ..
        } => [model, referenced_model],
        Relation::ManyToMany { model_a, model_b, .. } => [model_a, model_b],
    }
}

/// Sides grouped by (model, target, relation name), so that finding a
/// side's group or its opposite is one lookup, not a scan.
struct Groups<'s> {
    keys: Vec<Key<'s>>,
    by_key: HashMap<Key<'s>, Vec<usize>>,
}

type Key<'s> = (&'s str, &'s str, Option<&'s str>);

impl<'s> Groups<'s> {
    fn new(sides: &'s [Side<'_>]) -> Self {
        let keys: Vec<Key<'s>> = sides
            .iter()
            .map(|s| (s.model.name.as_str(), s.target.as_str(), s.name.as_deref()))
            .collect();
        let mut by_key: HashMap<Key<'s>, Vec<usize>> = HashMap::new();
        for (i, key) in keys.iter().enumerate() {
            by_key.entry(*key).or_default().push(i);
        }
        Groups { keys, by_key }
    }

    /// Side `i` and every other side of its model, target and name.
    fn group(&self, i: usize) -> &[usize] {
        self.by_key.get(&self.keys[i]).map_or(&[], Vec::as_slice)
    }

    /// Side `i`'s group as Prisma 6.19.3 groups sides for its ambiguity
    /// check, an unnamed relation named `AToB` (its models in name order):
    /// the unnamed sides of its model and target with those named so.
    fn with_generated_name(&self, i: usize) -> Vec<usize> {
        let (model, target, name) = self.keys[i];
        let generated = generated_relation_name(model, target);
        let mut group = self.group(i).to_vec();
        let other = match name {
            None => self.by_key.get(&(model, target, Some(generated.as_str()))),
            Some(n) if n == generated => self.by_key.get(&(model, target, None)),
            Some(_) => None,
        };
        group.extend(other.into_iter().flatten());
        group.sort_unstable();
        group
    }

    /// The sides that could be the other end of side `i`.
    fn opposite(&self, i: usize) -> &[usize] {
        let (model, target, name) = self.keys[i];
        self.by_key.get(&(target, model, name)).map_or(&[], Vec::as_slice)
    }
}

/// The name Prisma gives an unnamed relation between two models: `AToB`,
/// the models in name order.
fn generated_relation_name(a: &str, b: &str) -> String {
    let (first, second) = if a <= b { (a, b) } else { (b, a) };
    format!("{first}To{second}")
}

/// Where a relation field is written: its model's index, then its own.
type Position = (usize, usize);

/// Models and views by name, with their place in the schema (the views
/// after the models).
struct Models<'a> {
    all: Vec<&'a Model>,
    index: HashMap<&'a str, usize>,
}

impl<'a> Models<'a> {
    fn new(dm: &'a Datamodel) -> Self {
        let all: Vec<&Model> = dm.models.iter().chain(&dm.views).collect();
        let index = all.iter().enumerate().map(|(i, m)| (m.name.as_str(), i)).collect();
        Models { all, index }
    }

    fn model(&self, name: &str) -> Option<&'a Model> {
        self.index.get(name).map(|&i| self.all[i])
    }

    fn position(&self, side: &Side<'_>) -> Position {
        let model = self.index.get(side.model.name.as_str()).copied().unwrap_or(usize::MAX);
        let field = side
            .model
            .fields
            .iter()
            .position(|f| f.name == side.field.name.name)
            .unwrap_or(usize::MAX);
        (model, field)
    }
}

/// Sides that cannot be paired because several fields of one model refer to
/// the same model under the same relation name (two for a self-relation are
/// its two sides). Each such field gets an error; the sides on the other end
/// are set aside too, so they are not reported as missing an opposite.
///
/// As in Prisma 6.19.3, an unnamed relation is named `AToB` (its models in
/// name order) for this check: an unnamed field and a field named
/// `@relation("AToB")` between the same models are ambiguous (but for the
/// named side of a self-relation of two such fields, which Prisma takes as
/// the other side).
fn report_ambiguous(ctx: &mut Ctx<'_>, sides: &[Side<'_>], groups: &Groups<'_>) -> Vec<bool> {
    let prisma_group = |i: usize| groups.with_generated_name(i);
    let is_ambiguous = |i: usize| {
        let a = &sides[i];
        let self_relation = a.model.name == a.target;
        let prisma = prisma_group(i);
        if prisma.len() > groups.group(i).len() {
            return !(a.name.is_some() && self_relation && prisma.len() == 2);
        }
        // An unnamed self-relation is ambiguous even with two fields: Prisma
        // does not guess that they are the two sides of one relation.
        let named_self = self_relation && a.name.is_some();
        groups.group(i).len() > if named_self { 2 } else { 1 }
    };
    let mut set_aside = vec![false; sides.len()];
    for (i, a) in sides.iter().enumerate() {
        let group = prisma_group(i);
        if is_ambiguous(i) {
            set_aside[i] = true;
            // The two fields of an unnamed self-relation are one mistake.
            let self_pair = group.len() == 2 && a.model.name == a.target;
            if self_pair && group.iter().copied().find(|&j| is_ambiguous(j)) != Some(i) {
                continue;
            }
            let group: Vec<&Side<'_>> = group.iter().map(|&j| &sides[j]).collect();
            ctx.diags.error(a.field.span, ambiguous_message(a, &group));
        } else if group.iter().chain(groups.opposite(i)).any(|&j| is_ambiguous(j)) {
            set_aside[i] = true;
        }
    }
    set_aside
}

fn ambiguous_message(a: &Side<'_>, group: &[&Side<'_>]) -> String {
    let names: Vec<String> = group.iter().map(|s| format!("`{}`", s.field.name.name)).collect();
    let (last, rest) = names.split_last().expect("a group holds its own side");
    let listed = format!("{} and {last}", rest.join(", "));
    if names.len() == 2 && a.model.name == a.target {
        return format!(
            "Ambiguous self relation detected. The fields {listed} in model `{}` both refer to `{}`. If they are part of the same relation add the same relation name for them with `@relation(<name>)`.",
            a.model.name, a.target
        );
    }
    let both = if names.len() == 2 { "both" } else { "all" };
    format!(
        "Ambiguous relation: the fields {listed} of model `{}` {both} refer to `{}`. Give each relation its own name with `@relation(\"Name\")`, on both of its sides.",
        a.model.name, a.target
    )
}

fn missing_opposite(ctx: &mut Ctx<'_>, blocks: &back_relations::Models<'_>, a: &Side<'_>) {
    if a.model.ignored {
        return;
    }
    let kind = if is_view(ctx, &a.target) { "view" } else { "model" };
    let advice = match blocks.adds_other_side(&a.model.name, a.field) {
        true => "Either run `migrate format` or add",
        false => "Add",
    };
    ctx.diags.error(
        a.span,
        format!(
            "The relation field {} is missing an opposite relation field on the {kind} `{}`. {advice} a field of type `{}` there.",
            a.describe(),
            a.target,
            a.model.name
        ),
    );
}

/// The relation fields of models and views, in schema order.
fn collect_sides<'a, 'b: 'a>(ctx: &mut Ctx<'b>, dm: &'a Datamodel) -> Vec<Side<'a>> {
    let models = dm.models.iter().zip(ctx.of_kind(BlockKind::Model));
    let views = dm.views.iter().zip(ctx.of_kind(BlockKind::View));
    let blocks: Vec<_> = models.chain(views).collect();
    let mut sides = Vec::new();
    for (model, block) in blocks {
        let by_name: HashMap<&str, &Field> = model.fields.iter().map(|f| (f.name.as_str(), f)).collect();
        for field in block.fields() {
            let Some(f) = by_name.get(field.name.name.as_str()).copied() else {
                continue;
            };
            let FieldType::Relation(target) = &f.ty else { continue };
            check_ignored_target(ctx, dm, model, f);
            let mut side = side(ctx, model, field, target.clone(), f.arity);
            side.in_view = block.kind == BlockKind::View;
            sides.push(side);
        }
    }
    sides
}

/// A relation field to an `@@ignore`d model must be `@ignore`d too.
fn check_ignored_target(ctx: &mut Ctx<'_>, dm: &Datamodel, model: &Model, f: &Field) {
    let FieldType::Relation(target) = &f.ty else { return };
    let target_ignored = dm.models.iter().any(|m| &m.name == target && m.ignored);
    if target_ignored && !f.ignored && !model.ignored {
        ctx.diags.error(
            f.span,
            format!(
                "The relation field `{}` on model `{}` must specify the `@ignore` attribute, because the model {target} it is pointing to is marked ignored.",
                f.name, model.name
            ),
        );
    }
}

fn side<'a>(ctx: &mut Ctx<'_>, model: &'a Model, field: &'a ast::Field, target: String, arity: Arity) -> Side<'a> {
    let mut side = Side {
        model,
        in_view: false,
        field,
        target,
        arity,
        name: None,
        fields: None,
        references: None,
        on_delete: None,
        on_update: None,
        map: None,
        span: field.span,
    };
    if let Some(attr) = field.attribute("relation") {
        read_relation_attribute(ctx, attr, &mut side);
    }
    side
}

fn read_relation_attribute(ctx: &mut Ctx<'_>, attr: &Attribute, side: &mut Side<'_>) {
    args::check_names(
        attr,
        &["name", "fields", "references", "onDelete", "onUpdate", "map"],
        1,
        ctx.diags,
    );
    side.span = attr.span;
    side.name = args::string_arg(attr, "name", true, ctx.diags);
    let names = |e: &ast::Expr, diags: &mut _| {
        args::field_list(e, diags).map(|v| v.into_iter().map(|(f, _)| f.field).collect())
    };
    side.fields = attr.arg("fields").and_then(|e| names(e, ctx.diags));
    side.references = attr.arg("references").and_then(|e| names(e, ctx.diags));
    side.on_delete = attr.arg("onDelete").and_then(|e| action(ctx, e));
    side.on_update = attr.arg("onUpdate").and_then(|e| action(ctx, e));
    side.map = args::string_arg(attr, "map", false, ctx.diags);
    if side.map.is_some() && ctx.provider == Some(Provider::Sqlite) {
        // SQLite keeps a foreign key's name in the table's SQL but has no
        // way to drop or alter a key by name; Prisma refuses the name.
        let span = attr.arg("map").map_or(attr.span, |e| e.span());
        ctx.diags
            .error(span, "Your provider does not support named foreign keys.");
    }
}

fn action(ctx: &mut Ctx<'_>, expr: &ast::Expr) -> Option<ReferentialAction> {
    let name = args::constant(expr, "A referential action", ctx.diags)?;
    let found = ReferentialAction::ALL.into_iter().find(|a| a.name() == name);
    if found.is_none() {
        ctx.diags.error(
            expr.span(),
            format!(
                "Unknown referential action `{name}`. Use Cascade, Restrict, NoAction, SetNull or SetDefault.{}",
                ctx.suggest
                    .did_you_mean(name, ReferentialAction::ALL.iter().map(|a| a.name()), "")
            ),
        );
    }
    found
}

fn pair(ctx: &mut Ctx<'_>, models: &Models<'_>, a: &Side<'_>, b: &Side<'_>) -> Option<(Position, Relation)> {
    let owned_by = |owner: &Side<'_>, r: Option<Relation>| r.map(|r| (models.position(owner), r));
    match (a.arity == Arity::List, b.arity == Arity::List) {
        (true, true) => owned_by(a, many_to_many(ctx, models, a, b)),
        (true, false) => owned_by(b, inline(ctx, models, b, a, false)),
        (false, true) => owned_by(a, inline(ctx, models, a, b, false)),
        (false, false) => match (a.defines_keys(), b.defines_keys()) {
            (true, false) => owned_by(a, inline(ctx, models, a, b, true)),
            (false, true) => owned_by(b, inline(ctx, models, b, a, true)),
            (true, true) => {
                ctx.diags.error(b.span, format!("Only one side of the one-to-one relation between {} and {} may define `fields` and `references`.", a.describe(), b.describe()));
                None
            }
            (false, false) => {
                ctx.diags.error(
                    a.span,
                    format!(
                        "The one-to-one relation between {} and {} needs `fields` and `references` on one side.",
                        a.describe(),
                        b.describe()
                    ),
                );
                None
            }
        },
    }
}

/// `owner` holds the foreign key; `other` is the back relation.
fn inline(
    ctx: &mut Ctx<'_>,
    models: &Models<'_>,
    owner: &Side<'_>,
    other: &Side<'_>,
    one_to_one: bool,
) -> Option<Relation> {
    if other.defines_keys() {
        ctx.diags.error(
            other.span,
            format!(
                "The relation field {} must not define `fields` or `references`: the other side {} holds them.",
                other.describe(),
                owner.describe()
            ),
        );
    }
    check_actions_on_owner(ctx, other, Some(owner));
    if one_to_one && other.arity == Arity::Required {
        ctx.diags.error(
            other.field.span,
            format!(
                "The relation field {} is required. This is not valid because it's not possible to enforce this constraint on the database level. Please change the field type from `{t}` to `{t}?` to fix this.",
                other.describe(),
                t = other.target
            ),
        );
    }
    let (Some(fields), Some(references)) = (&owner.fields, &owner.references) else {
        ctx.diags.error(owner.span, format!("The relation field {} must specify `fields` and `references`, such as `@relation(fields: [{}Id], references: [id])`.", owner.describe(), owner.field.name.name));
        return None;
    };
    let target = models.model(&owner.target)?;
    if !check_keys(ctx, owner, target, fields, references) {
        return None;
    }
    if one_to_one && !is_unique(owner.model, fields) {
        ctx.diags.error(owner.span, format!("A one-to-one relation must use unique fields on the defining side. Add `@unique` to `{}` in model `{}`, or make the relation one-to-many.", fields.join(", "), owner.model.name));
    }
    let any_optional = fields
        .iter()
        .any(|f| owner.model.field(f).is_some_and(|f| f.arity == Arity::Optional));
    if owner.arity == Arity::Required && any_optional {
        ctx.diags.error(owner.field.span, format!("The relation field {} is required but uses optional fields ({}). Make the relation field optional or the fields required.", owner.describe(), fields.join(", ")));
    }
    // Prisma's "referential arity": required when any field is required.
    let none_required = fields
        .iter()
        .all(|f| owner.model.field(f).is_some_and(|f| f.arity != Arity::Required));
    let default_delete = if none_required && owner.arity != Arity::Required {
        ReferentialAction::SetNull
    } else {
        ReferentialAction::Restrict
    };
    let on_delete = owner.on_delete.unwrap_or(default_delete);
    let on_update = owner.on_update.unwrap_or(ReferentialAction::Cascade);
    check_actions(ctx, owner, on_delete, on_update, any_optional);
    if ctx.relation_mode == RelationMode::Prisma && !owner.in_view && !leads_an_index(owner.model, fields) {
        ctx.diags.warning(owner.span, RELATION_MODE_INDEX_WARNING);
    }
    Some(Relation::Inline {
        model: owner.model.name.clone(),
        fields: fields.clone(),
        referenced_model: target.name.clone(),
        references: references.clone(),
        on_delete,
        on_update,
        map: owner.map.clone(),
    })
}

fn check_keys(ctx: &mut Ctx<'_>, owner: &Side<'_>, target: &Model, fields: &[String], references: &[String]) -> bool {
    let mut ok = true;
    for f in fields {
        if !owner
            .model
            .field(f)
            .is_some_and(|f| !matches!(f.ty, FieldType::Relation(_)))
        {
            ctx.diags.error(
                owner.span,
                format!(
                    "`fields` of {} refers to `{f}`, which is not a scalar field of model `{}`.",
                    owner.describe(),
                    owner.model.name
                ),
            );
            ok = false;
        }
    }
    for r in references {
        if !target.field(r).is_some_and(|f| !matches!(f.ty, FieldType::Relation(_))) {
            ctx.diags.error(
                owner.span,
                format!(
                    "`references` of {} refers to `{r}`, which is not a scalar field of model `{}`.",
                    owner.describe(),
                    target.name
                ),
            );
            ok = false;
        }
    }
    if fields.len() != references.len() {
        let message = format!(
            "`fields` names {} and `references` names {}: they must name the same number, each field paired with the field it references.",
            count_fields(fields.len()),
            count_fields(references.len())
        );
        ctx.diags.error(owner.span, message);
        return false;
    }
    if !ok {
        return false;
    }
    for (f, r) in fields.iter().zip(references) {
        let (ft, rt) = (owner.model.field(f).map(|x| &x.ty), target.field(r).map(|x| &x.ty));
        if ft != rt {
            let message = format!(
                "The type of the field `{f}` in model `{}` ({}) does not match the type of the referenced field `{r}` in model `{}` ({}). Give `{f}` the type {}.",
                owner.model.name,
                type_label(ft),
                target.name,
                type_label(rt),
                type_label(rt)
            );
            ctx.diags.error(owner.span, message);
            ok = false;
        }
    }
    if !is_unique(target, references) {
        ctx.diags.error(owner.span, format!("`references` must name a unique criterion of model `{}`: add `@unique` to `{}` there, or reference its id.", target.name, references.join(", ")));
        ok = false;
    }
    ok
}

fn count_fields(n: usize) -> String {
    if n == 1 {
        "1 field".to_string()
    } else {
        format!("{n} fields")
    }
}

fn type_label(ty: Option<&FieldType>) -> String {
    match ty {
        Some(FieldType::Scalar(s)) => format!("`{}`", s.name()),
        Some(FieldType::Enum(n) | FieldType::Relation(n)) => format!("`{n}`"),
        Some(FieldType::Unsupported(u)) => format!("`Unsupported(\"{u}\")`"),
        None => "unknown".to_string(),
    }
}

/// Prisma 6.19.3's warning for a relation whose fields lead no index
/// under `relationMode = "prisma"` (one per relation).
const RELATION_MODE_INDEX_WARNING: &str = "With `relationMode = \"prisma\"`, no foreign keys are used, so relation fields will not benefit from the index usually created by the relational database under the hood. This can lead to poor performance when querying these fields. We recommend adding an index manually. Learn more at https://pris.ly/d/relation-mode-prisma-indexes";

/// Whether `fields`, in their order, begin the primary key or an index of
/// any kind, as Prisma 6.19.3 looks for one (`[b, a]` does not serve a
/// relation over `[a, b]`).
fn leads_an_index(model: &Model, fields: &[String]) -> bool {
    let leads =
        |columns: Vec<&String>| columns.len() >= fields.len() && columns.iter().zip(fields).all(|(c, f)| *c == f);
    model
        .primary_key
        .as_ref()
        .is_some_and(|pk| leads(pk.fields.iter().map(|f| &f.field).collect()))
        || model
            .indexes
            .iter()
            .any(|i| leads(i.fields.iter().map(|f| &f.field).collect()))
}

/// Whether `fields` are exactly the primary key or a unique index.
fn is_unique(model: &Model, fields: &[String]) -> bool {
    let same = |cols: Vec<&String>| cols.len() == fields.len() && cols.iter().all(|c| fields.contains(c));
    model
        .primary_key
        .as_ref()
        .is_some_and(|pk| same(pk.fields.iter().map(|f| &f.field).collect()))
        || model
            .indexes
            .iter()
            .filter(|i| i.kind == IndexType::Unique)
            .any(|i| same(i.fields.iter().map(|f| &f.field).collect()))
}

fn check_actions(
    ctx: &mut Ctx<'_>,
    owner: &Side<'_>,
    on_delete: ReferentialAction,
    on_update: ReferentialAction,
    any_optional: bool,
) {
    for (which, action) in [("onDelete", on_delete), ("onUpdate", on_update)] {
        let foreign_keys = ctx.relation_mode != RelationMode::Prisma;
        if action == ReferentialAction::SetNull
            && !any_optional
            && ctx.provider == Some(Provider::Postgres)
            && foreign_keys
        {
            // Prisma 6.19.3 only warns on PostgreSQL with foreign keys
            // (schemas that have it must keep working); the database refuses
            // the delete or update. With `relationMode = "prisma"` it refuses
            // the schema, as on the other databases.
            ctx.diags.warning(
                owner.span,
                format!(
                    "`{which}: SetNull` on {}, whose fields are all required: PostgreSQL will refuse to set them to NULL, so the {} fails. Choose another referential action, or make the fields optional.",
                    owner.describe(),
                    if which == "onDelete" { "delete" } else { "update" }
                ),
            );
        } else if action == ReferentialAction::SetNull && !any_optional {
            ctx.diags.error(
                owner.span,
                format!(
                    "The `{which}` referential action of a relation must not be set to `SetNull` when a referenced field is required (on {}). Either choose another referential action, or make the referenced fields optional.",
                    owner.describe()
                ),
            );
        }
        if action == ReferentialAction::SetDefault
            && ctx.provider == Some(Provider::Mysql)
            && ctx.relation_mode != RelationMode::Prisma
        {
            // Prisma only warns; MySQL 8 then fails the migration and MariaDB
            // quietly stores RESTRICT, so every later diff would redo the key.
            ctx.diags.error(
                owner.span,
                format!("`{which}: SetDefault` does not work on MySQL: InnoDB rejects it (MySQL 8) or keeps RESTRICT instead (MariaDB). Use NoAction, Restrict, SetNull or Cascade."),
            );
        }
        if ctx.relation_mode == RelationMode::Prisma {
            let sqlish = matches!(ctx.provider, Some(Provider::Postgres | Provider::Sqlite));
            if action == ReferentialAction::SetDefault || (action == ReferentialAction::NoAction && sqlish) {
                ctx.diags.error(
                    owner.span,
                    format!(
                        "`{which}: {}` is not supported with `relationMode = \"prisma\"`.",
                        action.name()
                    ),
                );
            }
        }
    }
}

/// `onDelete` and `onUpdate` belong to the side that holds the foreign key
/// (`owner`), or, where neither side holds it (`None`: an implicit
/// many-to-many), to an explicit join model.
fn check_actions_on_owner(ctx: &mut Ctx<'_>, side: &Side<'_>, owner: Option<&Side<'_>>) {
    let Some(attr) = side.field.attribute("relation") else {
        return;
    };
    let Some(expr) = attr.arg("onDelete").or_else(|| attr.arg("onUpdate")) else {
        return;
    };
    let opposite = match owner {
        Some(o) => format!(
            " on the opposite field `{}` on model `{}`",
            o.field.name.name, o.model.name
        ),
        None => " in an explicit join model".to_string(),
    };
    ctx.diags.error(
        expr.span(),
        format!(
            "The relation field {} must not specify the `onDelete` or `onUpdate` argument in the @relation attribute. You must only specify it{opposite}.",
            side.describe()
        ),
    );
}

fn many_to_many(ctx: &mut Ctx<'_>, models: &Models<'_>, a: &Side<'_>, b: &Side<'_>) -> Option<Relation> {
    if a.in_view || b.in_view {
        // No join table can point to a view.
        let side = if a.in_view { a } else { b };
        ctx.diags.error(
            side.span,
            "Implicit many-to-many relations are not supported for views: use an explicit join model, or a one-to-many relation.",
        );
        return None;
    }
    for side in [a, b] {
        check_actions_on_owner(ctx, side, None);
    }
    for side in [a, b] {
        if side.defines_keys() {
            ctx.diags.error(side.span, "An implicit many-to-many relation takes no `fields` or `references`; use an explicit join model for that.");
            return None;
        }
        let target = models.model(&side.target)?;
        if target.primary_key.as_ref().is_none_or(|pk| pk.fields.len() != 1) {
            ctx.diags.error(side.span, format!("The model `{}` has no single-field `@id`, so it cannot be part of an implicit many-to-many relation. Use an explicit join model.", target.name));
            return None;
        }
    }
    let key = |s: &Side<'_>| (s.model.name.clone(), s.field.name.name.clone());
    let (first, second) = if key(a) <= key(b) { (a, b) } else { (b, a) };
    let name = a
        .name
        .clone()
        .unwrap_or_else(|| format!("{}To{}", first.model.name, second.model.name));
    Some(Relation::ManyToMany {
        name,
        model_a: first.model.name.clone(),
        model_b: second.model.name.clone(),
        field_a: first.field.name.name.clone(),
    })
}
