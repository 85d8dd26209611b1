//! The schema that `db pull` replaces, read for what re-introspection keeps:
//! the datasource and generator blocks, and for every table and column that
//! still exists the model and field names, doc comments and the attributes
//! the database cannot hold (`@updatedAt`, `@ignore`, client-side defaults,
//! index `name:`s, relation names).

use super::Placed;
use crate::psl::ast::{Attribute, Block, BlockKind, EnumValue, Expr, Field, FieldTypeExpr, SchemaFile, TopItem};
use crate::psl::diagnostics::FileId;
use std::collections::HashMap;

#[derive(Default)]
pub(super) struct Existing<'a> {
    /// Datasource and generator blocks, each with the comments above it.
    pub config: Vec<Placed>,
    pub models: Vec<OldModel<'a>>,
    pub enums: Vec<OldEnum<'a>>,
    /// Views are not introspected: they stay as written.
    pub views: Vec<(FileId, &'a Block)>,
    pub datasource: Option<(FileId, &'a Block)>,
    /// Model indexes by database name and by name.
    by_table: HashMap<String, usize>,
    by_name: HashMap<&'a str, usize>,
}

pub(super) struct OldModel<'a> {
    pub block: &'a Block,
    pub file: FileId,
    pub db_name: String,
    pub fields: Vec<OldField<'a>>,
}

pub(super) struct OldField<'a> {
    pub ast: &'a Field,
    pub db_name: String,
    pub kind: OldKind,
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
    /// Every value with its database name.
    pub values: Vec<(&'a EnumValue, String)>,
}

impl<'a> Existing<'a> {
    pub(super) fn read(files: &'a [SchemaFile]) -> Self {
        let mut existing = Existing::default();
        let blocks: Vec<(FileId, &Block)> = files
            .iter()
            .enumerate()
            .flat_map(|(id, f)| f.items.iter().filter_map(move |i| block(i).map(|b| (id, b))))
            .collect();
        let kinds: HashMap<&str, BlockKind> = blocks.iter().map(|(_, b)| (b.name.name.as_str(), b.kind)).collect();
        for (id, file) in files.iter().enumerate() {
            existing.config.extend(config_blocks(id, file));
        }
        for &(file, b) in &blocks {
            match b.kind {
                BlockKind::Model => existing.models.push(OldModel::read(file, b, &kinds)),
                BlockKind::Enum => existing.enums.push(OldEnum::read(file, b)),
                BlockKind::View => existing.views.push((file, b)),
                BlockKind::Datasource if existing.datasource.is_none() => existing.datasource = Some((file, b)),
                _ => {}
            }
        }
        for (i, m) in existing.models.iter().enumerate() {
            existing.by_table.entry(m.db_name.clone()).or_insert(i);
            existing.by_name.entry(m.block.name.name.as_str()).or_insert(i);
        }
        existing
    }

    pub(super) fn model_of_table(&self, table: &str) -> Option<usize> {
        self.by_table.get(table).copied()
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

impl<'a> OldModel<'a> {
    fn read(file: FileId, block: &'a Block, kinds: &HashMap<&str, BlockKind>) -> Self {
        let fields = block.fields().map(|f| OldField::read(f, kinds)).collect();
        OldModel {
            block,
            file,
            db_name: mapped_name(block.attributes(), &block.name.name),
            fields,
        }
    }

    pub(super) fn name(&self) -> &str {
        &self.block.name.name
    }

    pub(super) fn field_named(&self, name: &str) -> Option<&OldField<'a>> {
        self.fields.iter().find(|f| f.ast.name.name == name)
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
    fn read(ast: &'a Field, kinds: &HashMap<&str, BlockKind>) -> Self {
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
        }
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
    fn read(file: FileId, block: &'a Block) -> Self {
        OldEnum {
            block,
            file,
            db_name: mapped_name(block.attributes(), &block.name.name),
            values: block
                .values()
                .map(|v| (v, mapped_name(v.attributes.iter(), &v.name.name)))
                .collect(),
        }
    }
}

fn block(item: &TopItem) -> Option<&Block> {
    match item {
        TopItem::Block(b) => Some(b),
        _ => None,
    }
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

/// The datasource and generator blocks of one file, each with the comment
/// lines and blank lines written between it and the block before it.
fn config_blocks(file: FileId, schema: &SchemaFile) -> Vec<Placed> {
    let mut placed = Vec::new();
    let mut above = Vec::new();
    for item in &schema.items {
        match item {
            TopItem::Block(b) if matches!(b.kind, BlockKind::Datasource | BlockKind::Generator) => {
                above.push(item.clone());
                placed.push(Placed {
                    file: Some(file),
                    items: std::mem::take(&mut above),
                });
            }
            TopItem::Block(_) => above.clear(),
            other => above.push(other.clone()),
        }
    }
    placed
}
