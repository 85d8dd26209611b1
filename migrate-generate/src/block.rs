//! A generator block as the generators see it: its provider, output and
//! settings, read from the schema's syntax tree (values keep their shape:
//! strings, lists, `env("VAR")`), with the file it stands in.

use migrate_core::psl::ast::{BlockKind, Expr, TopItem};
use migrate_core::psl::datamodel::EnvValue;
use migrate_core::psl::ValidatedSchema;
use std::path::PathBuf;

/// A setting of a generator block other than `provider`, `output`,
/// `previewFeatures` and `binaryTargets`: Prisma hands these to the generator
/// as strings or lists of strings (`num = 1` arrives as `"1"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigValue {
    /// A single value, as a string.
    One(String),
    /// A list of values, each as a string.
    List(Vec<String>),
}

/// One `generator` block.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratorBlock {
    /// The block's name: `client` in `generator client { ... }`.
    pub name: String,
    /// `provider`: which generator runs.
    pub provider: EnvValue,
    /// `output`, as written (relative to [`GeneratorBlock::source_file`]'s folder).
    pub output: Option<EnvValue>,
    /// The other settings, in block order.
    pub config: Vec<(String, ConfigValue)>,
    /// `previewFeatures`.
    pub preview_features: Vec<String>,
    /// `binaryTargets`, as written.
    pub binary_targets: Vec<EnvValue>,
    /// The schema file the block stands in (relative paths in it resolve from its folder).
    pub source_file: PathBuf,
}

impl GeneratorBlock {
    /// The setting `key` when it is a single value.
    pub fn setting(&self, key: &str) -> Option<&str> {
        self.config.iter().find(|(k, _)| k == key).and_then(|(_, v)| match v {
            ConfigValue::One(s) => Some(s.as_str()),
            ConfigValue::List(_) => None,
        })
    }
}

/// Every generator block of the schema that has a provider, in source order
/// (files in their order, blocks in file order).
pub fn generator_blocks(schema: &ValidatedSchema) -> Vec<GeneratorBlock> {
    let mut out = Vec::new();
    for (file, source) in schema.files.iter().zip(&schema.sources.files) {
        for item in &file.items {
            let TopItem::Block(block) = item else { continue };
            if block.kind != BlockKind::Generator {
                continue;
            }
            let Some(provider) = block.property("provider").and_then(|p| EnvValue::from_expr(&p.value)) else {
                continue;
            };
            let mut generator = GeneratorBlock {
                name: block.name.name.clone(),
                provider,
                output: block.property("output").and_then(|p| EnvValue::from_expr(&p.value)),
                config: Vec::new(),
                preview_features: Vec::new(),
                binary_targets: Vec::new(),
                source_file: PathBuf::from(&source.path),
            };
            for prop in block.properties() {
                match prop.key.name.as_str() {
                    "provider" | "output" => {}
                    "previewFeatures" => generator.preview_features = strings(&prop.value),
                    "binaryTargets" => {
                        generator.binary_targets = match &prop.value {
                            Expr::Array(items, _) => items.iter().filter_map(EnvValue::from_expr).collect(),
                            other => EnvValue::from_expr(other).into_iter().collect(),
                        }
                    }
                    key => {
                        let value = match &prop.value {
                            Expr::Array(..) => ConfigValue::List(strings(&prop.value)),
                            other => ConfigValue::One(text(other)),
                        };
                        generator.config.push((key.to_string(), value));
                    }
                }
            }
            out.push(generator);
        }
    }
    out
}

fn strings(expr: &Expr) -> Vec<String> {
    match expr {
        Expr::Array(items, _) => items.iter().map(text).collect(),
        other => vec![text(other)],
    }
}

/// A setting's value as the string Prisma sends.
fn text(expr: &Expr) -> String {
    match expr {
        Expr::String(s, _) => s.value.clone(),
        Expr::Number(n, _) => n.clone(),
        Expr::Ident(i) => i.name.clone(),
        Expr::Call(f, args, _) => {
            let args: Vec<String> = args.iter().map(|a| text(&a.value)).collect();
            format!("{}({})", f.name, args.join(", "))
        }
        Expr::Array(items, _) => items.iter().map(text).collect::<Vec<_>>().join(","),
    }
}
