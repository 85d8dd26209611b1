//! The `datamodel` section of Prisma's DMMF (its Data Model Meta Format), the
//! part of `generate`'s request that describes the schema: built from a
//! validated schema, field for field and key for key as Prisma 6.19.3 sends
//! it (the golden files in `tests/dmmf/` are Prisma's own output).
//!
//! Keys are written in Prisma's order; optional keys Prisma leaves out
//! (`dbName` of a field without `@map`, `default`, `documentation`...) are left out.

use migrate_core::psl::ast::{self, BlockKind, Expr, TopItem};
use migrate_core::psl::datamodel::{
    Arity, Datamodel, DefaultDef, Enum, Field, FieldType, IndexDef, IndexField, IndexType, Model, Relation, Value,
};
use migrate_core::psl::ValidatedSchema;
use migrate_core::schema::{ScalarType, SortOrder};
use serde::Serialize;
use serde_json::Value as Json;
use std::collections::HashMap;

/// `dmmf.datamodel`.
#[derive(Debug, Serialize)]
pub struct DmmfDatamodel {
    /// The enums, in source order.
    pub enums: Vec<DmmfEnum>,
    /// The models, then the views, without `@@ignore`d ones.
    pub models: Vec<DmmfModel>,
    /// Composite types (MongoDB only): always empty here.
    pub types: Vec<Json>,
    /// Every primary key and index of every model.
    pub indexes: Vec<DmmfIndex>,
}

/// An enum.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DmmfEnum {
    name: String,
    values: Vec<DmmfEnumValue>,
    db_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    documentation: Option<String>,
}

/// An enum value.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct DmmfEnumValue {
    name: String,
    db_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    documentation: Option<String>,
}

/// A model or view.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DmmfModel {
    name: String,
    db_name: Option<String>,
    schema: Option<String>,
    fields: Vec<DmmfField>,
    primary_key: Option<DmmfKey>,
    unique_fields: Vec<Vec<String>>,
    unique_indexes: Vec<DmmfKey>,
    is_generated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    documentation: Option<String>,
}

/// A compound primary key or unique constraint, by the client's name.
#[derive(Debug, Serialize)]
struct DmmfKey {
    name: Option<String>,
    fields: Vec<String>,
}

/// A field.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct DmmfField {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    db_name: Option<String>,
    kind: &'static str,
    is_list: bool,
    is_required: bool,
    is_unique: bool,
    is_id: bool,
    is_read_only: bool,
    has_default_value: bool,
    #[serde(rename = "type")]
    ty: String,
    native_type: Option<(String, Vec<String>)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    default: Option<DmmfDefault>,
    #[serde(flatten)]
    relation: Option<DmmfRelation>,
    is_generated: bool,
    is_updated_at: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    documentation: Option<String>,
}

/// A field's default: a function, or a constant.
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum DmmfDefault {
    Function { name: String, args: Vec<Json> },
    Value(Json),
}

/// The relation keys of a relation field.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct DmmfRelation {
    relation_name: String,
    relation_from_fields: Vec<String>,
    relation_to_fields: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    relation_on_delete: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    relation_on_update: Option<String>,
}

/// A primary key or index.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DmmfIndex {
    model: String,
    #[serde(rename = "type")]
    ty: &'static str,
    is_defined_on_field: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    db_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    algorithm: Option<&'static str>,
    fields: Vec<DmmfIndexField>,
}

/// One field of an index.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct DmmfIndexField {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    sort_order: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    length: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    operator_class: Option<String>,
}

/// The syntax of each model's fields, for what the data model does not keep
/// (which attributes a field carries, a relation's name and written actions).
struct Syntax<'a> {
    blocks: HashMap<&'a str, &'a ast::Block>,
    enums: HashMap<&'a str, &'a ast::Block>,
    /// Blocks right after a `/* ... */` comment, with its text: Prisma documents them with it.
    block_comments: HashMap<&'a str, String>,
}

impl<'a> Syntax<'a> {
    fn new(schema: &'a ValidatedSchema) -> Self {
        let of = |kinds: &[BlockKind]| {
            schema
                .files
                .iter()
                .flat_map(|f| &f.items)
                .filter_map(|item| match item {
                    TopItem::Block(b) if kinds.contains(&b.kind) => Some((b.name.name.as_str(), b)),
                    _ => None,
                })
                .collect()
        };
        let mut block_comments = HashMap::new();
        for file in &schema.files {
            for pair in file.items.windows(2) {
                if let [TopItem::Comment(c), TopItem::Block(b)] = pair {
                    if let Some(inner) = c.strip_prefix("/*").and_then(|c| c.strip_suffix("*/")) {
                        block_comments.insert(b.name.name.as_str(), inner.trim().to_string());
                    }
                }
            }
        }
        Syntax {
            blocks: of(&[BlockKind::Model, BlockKind::View]),
            enums: of(&[BlockKind::Enum]),
            block_comments,
        }
    }

    /// The `///` lines of an enum value.
    fn value_doc(&self, e: &str, value: &str) -> Option<&'a [String]> {
        let block = self.enums.get(e)?;
        block.values().find(|v| v.name.name == value).map(|v| v.doc.as_slice())
    }

    fn field(&self, model: &str, field: &str) -> Option<&'a ast::Field> {
        self.blocks.get(model)?.fields().find(|f| f.name.name == field)
    }

    fn has(&self, model: &str, field: &str, attribute: &str) -> bool {
        self.field(model, field)
            .is_some_and(|f| f.attribute(attribute).is_some())
    }
}

/// The DMMF `datamodel` of a schema.
pub fn datamodel(schema: &ValidatedSchema) -> DmmfDatamodel {
    let dm = &schema.datamodel;
    let syntax = Syntax::new(schema);
    let models: Vec<&Model> = dm.models.iter().chain(&dm.views).filter(|m| !m.ignored).collect();
    DmmfDatamodel {
        enums: dm.enums.iter().map(|e| dmmf_enum(&syntax, e)).collect(),
        models: models.iter().map(|m| model(dm, &syntax, m)).collect(),
        types: Vec::new(),
        indexes: models.iter().flat_map(|m| indexes(&syntax, m)).collect(),
    }
}

fn documentation(doc: &[String]) -> Option<String> {
    (!doc.is_empty()).then(|| doc.join("\n"))
}

fn dmmf_enum(syntax: &Syntax<'_>, e: &Enum) -> DmmfEnum {
    DmmfEnum {
        name: e.name.clone(),
        values: e
            .values
            .iter()
            .map(|v| DmmfEnumValue {
                name: v.name.clone(),
                db_name: (v.db_name != v.name).then(|| v.db_name.clone()),
                documentation: syntax.value_doc(&e.name, &v.name).and_then(documentation),
            })
            .collect(),
        db_name: (e.db_name != e.name).then(|| e.db_name.clone()),
        documentation: documentation(&e.doc).or_else(|| syntax.block_comments.get(e.name.as_str()).cloned()),
    }
}

/// Whether an index attribute stands on a field (`@unique`) rather than on the block (`@@unique`).
fn on_field(model: &Model, index: &IndexDef) -> bool {
    model
        .fields
        .iter()
        .any(|f| f.span.file == index.span.file && f.span.start <= index.span.start && index.span.end <= f.span.end)
}

fn model(dm: &Datamodel, syntax: &Syntax<'_>, model: &Model) -> DmmfModel {
    let read_only: Vec<&String> = dm
        .relations
        .iter()
        .filter_map(|r| match r {
            Relation::Inline { model: m, fields, .. } if *m == model.name => Some(fields),
            _ => None,
        })
        .flatten()
        .collect();
    let compound_pk = model
        .primary_key
        .as_ref()
        .filter(|pk| !(pk.fields.len() == 1 && syntax.has(&model.name, &pk.fields[0].field, "id")));
    let block_uniques: Vec<&IndexDef> = model
        .indexes
        .iter()
        .filter(|i| i.kind == IndexType::Unique && !on_field(model, i))
        .collect();
    DmmfModel {
        name: model.name.clone(),
        db_name: (model.db_name != model.name).then(|| model.db_name.clone()),
        schema: model.schema.clone(),
        fields: model
            .fields
            .iter()
            .filter(|f| !f.ignored && !matches!(f.ty, FieldType::Unsupported(_)))
            .map(|f| field(syntax, model, f, read_only.contains(&&f.name)))
            .collect(),
        primary_key: compound_pk.map(|pk| DmmfKey {
            name: pk.name.clone(),
            fields: pk.fields.iter().map(|f| f.field.clone()).collect(),
        }),
        unique_fields: block_uniques.iter().map(|i| names(&i.fields)).collect(),
        unique_indexes: block_uniques
            .iter()
            .map(|i| DmmfKey {
                name: i.name.clone(),
                fields: names(&i.fields),
            })
            .collect(),
        is_generated: false,
        documentation: documentation(&model.doc).or_else(|| syntax.block_comments.get(model.name.as_str()).cloned()),
    }
}

fn names(fields: &[IndexField]) -> Vec<String> {
    fields.iter().map(|f| f.field.clone()).collect()
}

fn field(syntax: &Syntax<'_>, model: &Model, f: &Field, read_only: bool) -> DmmfField {
    let (kind, ty) = match &f.ty {
        FieldType::Scalar(s) => ("scalar", s.name().to_string()),
        FieldType::Enum(e) => ("enum", e.clone()),
        FieldType::Relation(m) => ("object", m.clone()),
        FieldType::Unsupported(u) => ("unsupported", u.clone()),
    };
    DmmfField {
        name: f.name.clone(),
        db_name: (f.db_name != f.name).then(|| f.db_name.clone()),
        kind,
        is_list: f.arity == Arity::List,
        is_required: f.arity != Arity::Optional,
        // `@unique`, or a `@@unique` of this field alone.
        is_unique: syntax.has(&model.name, &f.name, "unique")
            || model
                .indexes
                .iter()
                .any(|i| i.kind == IndexType::Unique && i.fields.len() == 1 && i.fields[0].field == f.name),
        // `@id`, or an `@@id` of this field alone.
        is_id: model
            .primary_key
            .as_ref()
            .is_some_and(|pk| pk.fields.len() == 1 && pk.fields[0].field == f.name),
        is_read_only: read_only,
        has_default_value: f.default.is_some(),
        ty,
        native_type: f.native.as_ref().map(|n| (n.name.clone(), n.args.clone())),
        default: f.default.as_ref().map(|d| default(&f.ty, d)),
        relation: match &f.ty {
            FieldType::Relation(target) => Some(relation(syntax, model, f, target)),
            _ => None,
        },
        is_generated: false,
        is_updated_at: f.updated_at,
        documentation: field_documentation(syntax, model, f),
    }
}

/// A field's `///` lines; Prisma also takes a `/* ... */` comment at the end of
/// the field's line as its documentation.
fn field_documentation(syntax: &Syntax<'_>, model: &Model, f: &Field) -> Option<String> {
    let trailing = syntax
        .field(&model.name, &f.name)
        .and_then(|a| a.comment.as_deref())
        .and_then(|c| c.strip_prefix("/*")?.strip_suffix("*/"))
        .map(|c| c.trim().to_string());
    let mut lines = f.doc.clone();
    lines.extend(trailing);
    documentation(&lines)
}

fn relation(syntax: &Syntax<'_>, model: &Model, f: &Field, target: &str) -> DmmfRelation {
    let attr = syntax.field(&model.name, &f.name).and_then(|a| a.attribute("relation"));
    let arg = |name: &str| attr.and_then(|a| a.arg(name));
    let list = |name: &str| match arg(name) {
        Some(Expr::Array(items, _)) => items.iter().filter_map(|e| e.as_ident().map(str::to_string)).collect(),
        // A single field where a list is expected (`fields: authorId`), as older schemas write it.
        Some(Expr::Ident(i)) => vec![i.name.clone()],
        _ => Vec::new(),
    };
    let explicit_name = attr
        .and_then(|a| a.positional(0).or_else(|| a.arg("name")))
        .and_then(|e| e.as_str())
        .map(str::to_string);
    let relation_name = explicit_name.unwrap_or_else(|| {
        let (a, b) = if model.name.as_str() <= target {
            (model.name.as_str(), target)
        } else {
            (target, model.name.as_str())
        };
        format!("{a}To{b}")
    });
    DmmfRelation {
        relation_name,
        relation_from_fields: list("fields"),
        relation_to_fields: list("references"),
        relation_on_delete: arg("onDelete").and_then(|e| e.as_ident()).map(str::to_string),
        relation_on_update: arg("onUpdate").and_then(|e| e.as_ident()).map(str::to_string),
    }
}

/// A default as Prisma writes it in the DMMF: a function as `{"name", "args"}`,
/// a constant as a JSON value of the field's type.
fn default(ty: &FieldType, d: &DefaultDef) -> DmmfDefault {
    let function = |name: &str, args: Vec<Json>| DmmfDefault::Function {
        name: name.to_string(),
        args,
    };
    match d {
        DefaultDef::Autoincrement => function("autoincrement", vec![]),
        DefaultDef::Now => function("now", vec![]),
        DefaultDef::Generated(call) => {
            let (name, arg) = call.trim_end_matches(')').split_once('(').unwrap_or((call, ""));
            let arg = match (name, arg) {
                ("uuid", "") => Some(4),
                ("cuid", "") => Some(1),
                (_, "") => None,
                (_, n) => n.parse::<i64>().ok(),
            };
            function(name, arg.map(Json::from).into_iter().collect())
        }
        DefaultDef::DbGenerated(expr) => function("dbgenerated", expr.iter().map(|e| Json::from(e.as_str())).collect()),
        DefaultDef::Value(v) => DmmfDefault::Value(value(ty, v)),
        DefaultDef::List(values) => DmmfDefault::Value(Json::Array(values.iter().map(|v| value(ty, v)).collect())),
    }
}

fn value(ty: &FieldType, v: &Value) -> Json {
    let scalar = match ty {
        FieldType::Scalar(s) => Some(*s),
        _ => None,
    };
    match (v, scalar) {
        (Value::Boolean(b), _) => Json::Bool(*b),
        (Value::EnumValue(e), _) => Json::from(e.as_str()),
        (Value::String(s) | Value::Number(s), Some(ScalarType::Decimal)) => decimal(s),
        (Value::String(s) | Value::Number(s), Some(ScalarType::BigInt)) => Json::from(s.as_str()),
        (Value::String(s), Some(ScalarType::DateTime)) => Json::from(
            chrono::DateTime::parse_from_rfc3339(s)
                .map(|t| t.to_rfc3339())
                .unwrap_or_else(|_| s.clone()),
        ),
        (Value::Number(n), Some(ScalarType::Int)) => n.parse::<i64>().map(Json::from).unwrap_or_else(|_| number(n)),
        (Value::Number(n), _) => number(n),
        (Value::String(s), _) => Json::from(s.as_str()),
    }
}

/// A number as JavaScript prints it: whole numbers without a fraction.
fn number(text: &str) -> Json {
    match text.parse::<f64>() {
        Ok(f) => js_number(f),
        Err(_) => Json::from(text),
    }
}

fn js_number(f: f64) -> Json {
    if f.fract() == 0.0 && f.abs() < 9.007_199_254_740_992e15 {
        Json::from(f as i64)
    } else {
        serde_json::Number::from_f64(f).map_or(Json::Null, Json::Number)
    }
}

/// A `Decimal` default as Prisma 6 sends it: a JSON number computed as its
/// digits times a power of ten (so `19.99` arrives as `19.990000000000002`).
fn decimal(text: &str) -> Json {
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let Ok(digits) = format!("{int}{frac}").parse::<i128>() else {
        return number(text);
    };
    let scale = frac.len() as i32 - exponent;
    js_number(digits as f64 * 10f64.powi(-scale))
}

fn indexes(syntax: &Syntax<'_>, model: &Model) -> Vec<DmmfIndex> {
    let mut out = Vec::new();
    if let Some(pk) = &model.primary_key {
        let on_field = pk.fields.len() == 1 && syntax.has(&model.name, &pk.fields[0].field, "id");
        out.push(DmmfIndex {
            model: model.name.clone(),
            ty: "id",
            is_defined_on_field: on_field,
            name: pk.name.clone(),
            db_name: pk.map.clone(),
            algorithm: None,
            fields: pk.fields.iter().map(index_field).collect(),
        });
    }
    for index in &model.indexes {
        out.push(DmmfIndex {
            model: model.name.clone(),
            ty: match index.kind {
                IndexType::Normal => "normal",
                IndexType::Unique => "unique",
                IndexType::Fulltext => "fulltext",
            },
            is_defined_on_field: on_field(model, index),
            name: index.name.clone(),
            db_name: index.map.clone(),
            algorithm: index.algorithm.map(|a| a.name()),
            fields: index.fields.iter().map(index_field).collect(),
        });
    }
    out
}

fn index_field(f: &IndexField) -> DmmfIndexField {
    DmmfIndexField {
        name: f.field.clone(),
        sort_order: f.sort.map(|s| match s {
            SortOrder::Asc => "asc",
            SortOrder::Desc => "desc",
        }),
        length: f.length,
        operator_class: f.ops.as_ref().map(|o| o.name().to_string()),
    }
}

/// The `datamodel` section as Prisma's JSON text (`JSON.stringify(x, null, 2)`).
pub fn to_json_text(dmmf: &DmmfDatamodel) -> String {
    serde_json::to_string_pretty(dmmf).expect("the DMMF serializes")
}
