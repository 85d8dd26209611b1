//! The schema that `db pull` replaces, read for what re-introspection keeps:
//! the datasource and generator blocks, and for every table and column that
//! still exists the model and field names, doc comments and the attributes
//! the database cannot hold (`@updatedAt`, `@ignore`, client-side defaults,
//! index `name:`s, relation names), and the `//` comments around them.

use super::Placed;
use crate::psl::ast::{
    Attribute, Block, BlockKind, EnumValue, Expr, Field, FieldTypeExpr, Member, SchemaFile, TopItem,
};
use crate::psl::diagnostics::FileId;
use std::collections::HashMap;

#[derive(Default)]
pub(super) struct Existing<'a> {
    /// Datasource and generator blocks, each with the comments above it.
    pub config: Vec<Placed>,
    pub models: Vec<OldModel<'a>>,
    pub enums: Vec<OldEnum<'a>>,
    /// View blocks, read as models are. Where `db pull` reads no views
    /// (no `views` preview feature), they stay as written.
    pub views: Vec<OldModel<'a>>,
    /// Comment lines after the last block of a file.
    pub tails: Vec<(FileId, Vec<TopItem>)>,
    pub datasource: Option<(FileId, &'a Block)>,
    /// The datasource's `schemas` (multiSchema) and the session's schema.
    pub namespaces: Option<PullNamespaces>,
    /// Model indexes by table key (see [`PullNamespaces::key`]) and by name.
    by_table: HashMap<String, usize>,
    by_name: HashMap<&'a str, usize>,
}

pub(super) struct OldModel<'a> {
    pub block: &'a Block,
    pub file: FileId,
    pub db_name: String,
    /// `@@schema`, as written.
    pub schema: Option<String>,
    /// The key of its table ([`PullNamespaces::key`]).
    pub key: String,
    pub fields: Vec<OldField<'a>>,
    /// The comment lines (and blank lines) between the block before and
    /// this one.
    pub above: Vec<TopItem>,
    /// `//` lines in the block above no field.
    pub comments: LooseComments,
}

pub(super) struct OldField<'a> {
    pub ast: &'a Field,
    pub db_name: String,
    pub kind: OldKind,
    /// The `//` lines right above the field.
    pub above: Vec<String>,
}

/// What a field or enum value of the existing schema says besides its
/// definition: its doc comment, the `//` lines above it, the `//` comment
/// at the end of its line. Kept where the field is.
#[derive(Debug, Clone, Default)]
pub(super) struct Notes {
    pub doc: Vec<String>,
    pub above: Vec<String>,
    pub trailing: Option<String>,
}

impl Notes {
    /// The notes of a field or enum value. A `///` comment at the end of its
    /// line documents it: Prisma 6.19.3's re-introspection writes it as a
    /// doc line above, after the `///` lines already there.
    fn of(doc: &[String], above: &[String], comment: Option<&String>) -> Notes {
        let mut notes = Notes {
            doc: doc.to_vec(),
            above: above.to_vec(),
            trailing: comment.cloned(),
        };
        let trailing_doc = comment
            .and_then(|c| c.strip_prefix("///"))
            .filter(|rest| !rest.starts_with('/'));
        if let Some(text) = trailing_doc {
            notes.doc.push(text.strip_prefix(' ').unwrap_or(text).to_string());
            notes.trailing = None;
        }
        notes
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum OldKind {
    Scalar,
    Enum(String),
    /// A relation field, to the named model or view.
    Relation(String),
}

pub(super) struct OldEnum<'a> {
    pub block: &'a Block,
    pub file: FileId,
    pub db_name: String,
    /// `@@schema`, as written.
    pub schema: Option<String>,
    pub values: Vec<OldValue<'a>>,
    /// As for [`OldModel`].
    pub above: Vec<TopItem>,
    pub comments: LooseComments,
}

pub(super) struct OldValue<'a> {
    pub ast: &'a EnumValue,
    pub db_name: String,
    /// The `//` lines right above the value.
    pub above: Vec<String>,
}

impl OldValue<'_> {
    /// Whether the value writes `@map`, even to its own name.
    pub(super) fn has_map(&self) -> bool {
        has_map(self.ast.attributes.iter())
    }

    pub(super) fn notes(&self) -> Notes {
        Notes::of(&self.ast.doc, &self.above, self.ast.comment.as_ref())
    }
}

impl<'a> Existing<'a> {
    pub(super) fn read(files: &'a [SchemaFile]) -> Self {
        let mut existing = Existing::default();
        let blocks: Vec<(FileId, &Block, Vec<TopItem>)> = files
            .iter()
            .enumerate()
            .flat_map(|(id, f)| {
                let (blocks, tail) = blocks_with_comments(f);
                existing.tails.push((id, tail));
                blocks.into_iter().map(move |(b, above)| (id, b, above))
            })
            .collect();
        let kinds: HashMap<&str, BlockKind> = blocks.iter().map(|(_, b, _)| (b.name.name.as_str(), b.kind)).collect();
        for (file, b, above) in blocks {
            match b.kind {
                BlockKind::Model => existing.models.push(OldModel::read(file, b, above, &kinds)),
                BlockKind::Enum => existing.enums.push(OldEnum::read(file, b, above)),
                BlockKind::View => existing.views.push(OldModel::read(file, b, above, &kinds)),
                BlockKind::Datasource | BlockKind::Generator => {
                    if b.kind == BlockKind::Datasource && existing.datasource.is_none() {
                        existing.datasource = Some((file, b));
                    }
                    let mut items = above;
                    items.push(TopItem::Block(b.clone()));
                    existing.config.push(Placed {
                        file: Some(file),
                        items,
                    });
                }
                BlockKind::Type => {}
            }
        }
        existing.namespaces = existing.datasource.and_then(|(_, b)| PullNamespaces::of(b));
        for v in existing.views.iter_mut() {
            v.key = PullNamespaces::key_of(existing.namespaces.as_ref(), v.schema.as_deref(), &v.db_name);
        }
        for (i, m) in existing.models.iter_mut().enumerate() {
            m.key = PullNamespaces::key_of(existing.namespaces.as_ref(), m.schema.as_deref(), &m.db_name);
            existing.by_table.entry(m.key.clone()).or_insert(i);
            existing.by_name.entry(m.block.name.name.as_str()).or_insert(i);
        }
        existing
    }

    /// The existing enum of the enum type `e`: the same database name, and
    /// with several database schemas the same schema.
    pub(super) fn enum_of_type(&self, e: &crate::schema::Enum) -> Option<&OldEnum<'a>> {
        let schema = self.namespaces.as_ref().map(|n| n.actual(e.namespace.as_deref()));
        self.enums
            .iter()
            .find(|o| o.db_name == e.name && (schema.is_none() || o.schema.as_deref() == schema))
    }

    /// The existing model of the table with this key ([`PullNamespaces::key`]).
    pub(super) fn model_of_table(&self, key: &str) -> Option<usize> {
        self.by_table.get(key).copied()
    }

    pub(super) fn model_named(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    pub(super) fn enum_named(&self, name: &str) -> Option<&OldEnum<'a>> {
        self.enums.iter().find(|e| e.block.name.name == name)
    }

    /// Where `old` (one of [`Self::enums`]) stands among them.
    pub(super) fn enum_position(&self, old: &OldEnum<'_>) -> usize {
        let same = |e: &OldEnum<'_>| std::ptr::eq(e.block, old.block);
        self.enums.iter().position(same).unwrap_or(self.enums.len())
    }

    /// Whether the existing schema has a view named `name`.
    pub(super) fn is_view(&self, name: &str) -> bool {
        self.views.iter().any(|view| view.name() == name)
    }

    /// The existing view of the database view with this key ([`PullNamespaces::key`]).
    pub(super) fn view_of_table(&self, key: &str) -> Option<usize> {
        self.views.iter().position(|v| v.key == key)
    }

    /// The datasource's `relationMode = "prisma"`: no foreign keys.
    pub(super) fn prisma_relation_mode(&self) -> bool {
        let mode = self.datasource.and_then(|(_, b)| b.property("relationMode"));
        mode.is_some_and(|p| p.value.as_str() == Some("prisma"))
    }

    /// The datasource's name, the prefix of native type attributes.
    pub(super) fn datasource_name(&self) -> &str {
        self.datasource.map_or("db", |(_, b)| b.name.name.as_str())
    }
}

/// multiSchema in `db pull`: the datasource's `schemas`, and the schema
/// the session works in (whose objects have no namespace in the
/// introspected [`Schema`](crate::schema::Schema)).
#[derive(Debug, Clone)]
pub(super) struct PullNamespaces {
    pub session: String,
}

impl PullNamespaces {
    /// The namespaces of a datasource block that lists `schemas`.
    fn of(datasource: &Block) -> Option<Self> {
        let listed: Vec<String> = match &datasource.property("schemas")?.value {
            crate::psl::ast::Expr::Array(items, _) => {
                items.iter().filter_map(|i| i.as_str().map(str::to_string)).collect()
            }
            _ => return None,
        };
        let url = ["directUrl", "url"]
            .into_iter()
            .find_map(|k| datasource.property(k))
            .and_then(|p| crate::psl::datamodel::EnvValue::from_expr(&p.value));
        let session = crate::psl::datamodel::session_namespace(url.as_ref());
        (!listed.is_empty()).then_some(PullNamespaces { session })
    }

    /// The schema an introspected table or enum is in.
    pub(super) fn actual<'n>(&'n self, namespace: Option<&'n str>) -> &'n str {
        namespace.unwrap_or(&self.session)
    }

    /// A table's key: its name, or `schema.name` outside the session's schema.
    pub(super) fn key(table: &crate::schema::Table) -> String {
        table.qualified_name().to_string()
    }

    /// The key of the table a model with `@@schema(schema)` maps to.
    fn key_of(namespaces: Option<&PullNamespaces>, schema: Option<&str>, db_name: &str) -> String {
        let namespace = schema.filter(|s| namespaces.is_some_and(|n| n.session != *s));
        crate::schema::TableName {
            namespace: namespace.map(str::to_string),
            name: db_name.to_string(),
        }
        .to_string()
    }
}

/// A block's `@@schema("name")`.
fn schema_attribute(block: &Block) -> Option<String> {
    let attribute = block.attributes().find(|a| a.name.name == "schema")?;
    attribute.args.first()?.value.as_str().map(str::to_string)
}

impl<'a> OldModel<'a> {
    fn read(file: FileId, block: &'a Block, above: Vec<TopItem>, kinds: &HashMap<&str, BlockKind>) -> Self {
        let (fields, comments) = members_with_comments(block, |m| match m {
            Member::Field(f) => Some(f),
            _ => None,
        });
        OldModel {
            block,
            file,
            db_name: mapped_name(block.attributes(), &block.name.name),
            schema: schema_attribute(block),
            key: String::new(), // set once the datasource is read
            fields: fields
                .into_iter()
                .map(|(f, above)| OldField::read(f, above, kinds))
                .collect(),
            above,
            comments,
        }
    }

    pub(super) fn name(&self) -> &str {
        &self.block.name.name
    }

    pub(super) fn field_named(&self, name: &str) -> Option<&OldField<'a>> {
        self.fields.iter().find(|f| f.ast.name.name == name)
    }

    /// Whether the block writes `@@map`, even to its own name (kept, as
    /// Prisma 6.19.3 keeps it).
    pub(super) fn has_map(&self) -> bool {
        has_map(self.block.attributes())
    }

    pub(super) fn is_ignored(&self) -> bool {
        self.block.attributes().any(|a| a.name.name == "ignore")
    }

    /// Block attributes called `@@{name}`.
    pub(super) fn block_attributes(&self, name: &'a str) -> impl Iterator<Item = &'a Attribute> + 'a {
        self.block.attributes().filter(move |a| a.name.name == name)
    }

    /// Database names of the fields an attribute's list names.
    pub(super) fn columns_of(&self, list: &Expr) -> Option<Vec<String>> {
        field_refs(list)
            .into_iter()
            .map(|name| self.field_named(name).map(|f| f.db_name.clone()))
            .collect()
    }
}

impl<'a> OldField<'a> {
    fn read(ast: &'a Field, above: Vec<String>, kinds: &HashMap<&str, BlockKind>) -> Self {
        let type_name = match &ast.ty {
            FieldTypeExpr::Named(i) => i.name.as_str(),
            FieldTypeExpr::Unsupported(..) => "",
        };
        let kind = match kinds.get(type_name) {
            Some(BlockKind::Model | BlockKind::View) => OldKind::Relation(type_name.to_string()),
            Some(BlockKind::Enum) => OldKind::Enum(type_name.to_string()),
            _ => OldKind::Scalar,
        };
        OldField {
            ast,
            db_name: mapped_name(ast.attributes.iter(), &ast.name.name),
            kind,
            above,
        }
    }

    pub(super) fn notes(&self) -> Notes {
        Notes::of(&self.ast.doc, &self.above, self.ast.comment.as_ref())
    }

    /// Whether the field writes `@map`, even to its own name.
    pub(super) fn has_map(&self) -> bool {
        has_map(self.ast.attributes.iter())
    }

    /// Whether this is a relation field to the model `model`.
    pub(super) fn points_to(&self, model: &str) -> bool {
        matches!(&self.kind, OldKind::Relation(target) if target == model)
    }

    pub(super) fn is_relation(&self) -> bool {
        matches!(self.kind, OldKind::Relation(_))
    }

    pub(super) fn attribute(&self, name: &str) -> Option<&'a Attribute> {
        self.ast.attributes.iter().find(|a| a.name.name == name)
    }

    /// `@relation("name")` or `@relation(name: "name")`.
    pub(super) fn relation_name(&self) -> Option<String> {
        let attr = self.attribute("relation")?;
        let expr = attr.arg("name").or_else(|| attr.positional(0))?;
        expr.as_str().map(str::to_string)
    }

    /// The field names of `@relation(fields: [...])`.
    pub(super) fn relation_fields(&self) -> Option<Vec<&'a str>> {
        self.attribute("relation")?.arg("fields").map(field_refs)
    }
}

impl<'a> OldEnum<'a> {
    /// Whether the enum writes `@@map`, even to its own name.
    pub(super) fn has_map(&self) -> bool {
        has_map(self.block.attributes())
    }

    fn read(file: FileId, block: &'a Block, above: Vec<TopItem>) -> Self {
        let (values, comments) = members_with_comments(block, |m| match m {
            Member::Value(v) => Some(v),
            _ => None,
        });
        OldEnum {
            block,
            file,
            db_name: mapped_name(block.attributes(), &block.name.name),
            schema: schema_attribute(block),
            values: values
                .into_iter()
                .map(|(ast, above)| OldValue {
                    ast,
                    db_name: mapped_name(ast.attributes.iter(), &ast.name.name),
                    above,
                })
                .collect(),
            above,
            comments,
        }
    }
}

/// The `//` lines of a block above no field or value.
#[derive(Debug, Default)]
pub(super) struct LooseComments {
    /// Above the block attributes.
    pub above_attributes: Vec<String>,
    /// After the last member.
    pub at_end: Vec<String>,
}

/// The fields (or values) of a block, each with the `//` lines right above
/// it, and the `//` lines above none.
fn members_with_comments<'b, T>(
    block: &'b Block,
    pick: impl Fn(&'b Member) -> Option<&'b T>,
) -> (Vec<(&'b T, Vec<String>)>, LooseComments) {
    let (mut picked, mut loose, mut pending) = (Vec::new(), LooseComments::default(), Vec::new());
    for member in &block.members {
        match member {
            Member::Comment(text) => pending.push(text.clone()),
            Member::Blank => {}
            other => match pick(other) {
                Some(item) => picked.push((item, std::mem::take(&mut pending))),
                None => {
                    loose.above_attributes.append(&mut pending);
                    // A pulled block attribute is written anew: its line's
                    // comment goes above the attributes.
                    if let Member::Attribute(attr) = other {
                        loose.above_attributes.extend(attr.comment.clone());
                    }
                }
            },
        }
    }
    loose.at_end = pending;
    (picked, loose)
}

/// Whether `attrs` hold a `@map` / `@@map`.
fn has_map<'b>(mut attrs: impl Iterator<Item = &'b Attribute>) -> bool {
    attrs.any(|a| a.name.name == "map")
}

/// The database name set by `@map` / `@@map`, else `name`.
fn mapped_name<'b>(mut attrs: impl Iterator<Item = &'b Attribute>, name: &str) -> String {
    let map = attrs.find(|a| a.name.name == "map");
    let value = map.and_then(|a| a.arg("name").or_else(|| a.positional(0)));
    value.and_then(Expr::as_str).unwrap_or(name).to_string()
}

/// The field names of `[a, b(sort: Desc)]` (or a bare `a`).
pub(super) fn field_refs(list: &Expr) -> Vec<&str> {
    match list {
        Expr::Array(items, _) => items.iter().filter_map(field_ref).collect(),
        other => field_ref(other).into_iter().collect(),
    }
}

fn field_ref(e: &Expr) -> Option<&str> {
    match e {
        Expr::Ident(i) | Expr::Call(i, _, _) => Some(i.name.as_str()),
        _ => None,
    }
}

/// The blocks of one file, each with the comment lines (and blank lines)
/// written between it and the block before it; and those after the last.
fn blocks_with_comments(file: &SchemaFile) -> (Vec<(&Block, Vec<TopItem>)>, Vec<TopItem>) {
    let mut blocks = Vec::new();
    let mut above = Vec::new();
    for item in &file.items {
        match item {
            TopItem::Block(b) => blocks.push((b, without_leading_blanks(std::mem::take(&mut above)))),
            other => above.push(other.clone()),
        }
    }
    while matches!(above.last(), Some(TopItem::Blank)) {
        above.pop();
    }
    (blocks, without_leading_blanks(above))
}

fn without_leading_blanks(mut items: Vec<TopItem>) -> Vec<TopItem> {
    let start = items
        .iter()
        .position(|i| !matches!(i, TopItem::Blank))
        .unwrap_or(items.len());
    items.split_off(start)
}
