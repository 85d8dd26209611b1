//! The Prisma schema language: parse, validate, format, lower to a [`Schema`](crate::schema::Schema).

pub mod ast;
pub mod back_relations;
pub mod datamodel;
pub mod diagnostics;
pub mod format;
pub mod lexer;
mod load;
pub mod lower;
pub mod native_types;
pub mod operator_classes;
pub mod parser;
pub mod reserved;
pub mod to_psl;
pub mod validate;

pub use load::{find_schema, read_schema, LoadError};

use ast::SchemaFile;
use datamodel::Datamodel;
use diagnostics::{Diagnostics, SourceFiles};

/// A schema's files, parsed and validated without errors.
#[derive(Debug, Clone)]
pub struct ValidatedSchema {
    /// The schema's files, for rendering diagnostics against them.
    pub sources: SourceFiles,
    /// Each file's syntax tree, in the order of `sources`.
    pub files: Vec<SchemaFile>,
    /// What the schema means.
    pub datamodel: Datamodel,
    /// The warnings validation reported (there are no errors).
    pub warnings: Diagnostics,
}

/// Every error found in a schema, rendered against its sources.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}{} in the schema", .diagnostics.render(.sources), count(.diagnostics))]
pub struct SchemaError {
    /// The schema's files, which the diagnostics point into.
    pub sources: SourceFiles,
    /// The errors and warnings, in source order.
    pub diagnostics: Diagnostics,
}

fn count(d: &Diagnostics) -> String {
    match d.errors().count() {
        1 => "1 error".to_string(),
        n => format!("{n} errors"),
    }
}

/// Parses every file and validates them as one schema.
pub fn parse_and_validate(sources: SourceFiles) -> Result<ValidatedSchema, SchemaError> {
    let mut diags = Diagnostics::default();
    let files: Vec<SchemaFile> = sources
        .files
        .iter()
        .enumerate()
        .map(|(id, f)| parser::parse(id, &f.text, &mut diags))
        .collect();
    let datamodel = validate::validate(&files, &mut diags);
    diags.sort();
    if diags.has_errors() {
        return Err(SchemaError {
            sources,
            diagnostics: diags,
        });
    }
    Ok(ValidatedSchema {
        sources,
        files,
        datamodel,
        warnings: diags,
    })
}
