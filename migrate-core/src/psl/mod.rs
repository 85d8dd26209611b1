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

/// [`parse_and_validate`] for the commands that read only the datasource
/// and the migrations folder (`deploy`, `status`, `resolve`), as Prisma
/// 6.19.3 reads the schema for them: errors in models, enums, views and
/// generators, and in datasource properties these commands do not read
/// (`extensions`, `relationMode`), become warnings (a production deploy
/// does not stop on a model the client would refuse). A file that does not
/// parse (an unclosed block: Prisma's CLI refuses it too), or an error in
/// the datasource's `provider`, URLs or `schemas`, is still an error; a
/// schema without a datasource is the caller's to refuse. Returns the
/// schema (its `warnings` as validation left them) and the errors set
/// aside, as warnings.
pub fn parse_for_migrations(sources: SourceFiles) -> Result<(ValidatedSchema, Diagnostics), SchemaError> {
    const READ: [&str; 5] = ["provider", "url", "directUrl", "shadowDatabaseUrl", "schemas"];
    let (files, datamodel, diags, parsed) = parse_all(&sources);
    let read_spans: Vec<diagnostics::Span> = files
        .iter()
        .flat_map(|f| ast::properties(&f.items, ast::BlockKind::Datasource))
        .filter(|p| READ.contains(&p.key.name.as_str()))
        .map(|p| p.span)
        .collect();
    let read = |d: &diagnostics::Diagnostic| {
        let within = |s: &diagnostics::Span| s.file == d.span.file && s.start <= d.span.start && d.span.start <= s.end;
        read_spans.iter().any(within)
    };
    if !parsed || diags.errors().any(read) {
        return Err(SchemaError {
            sources,
            diagnostics: diags,
        });
    }
    let (errors, warnings): (Vec<_>, Vec<_>) = diags
        .items
        .into_iter()
        .partition(|d| d.severity == diagnostics::Severity::Error);
    let set_aside = errors
        .into_iter()
        .map(|d| diagnostics::Diagnostic {
            severity: diagnostics::Severity::Warning,
            ..d
        })
        .collect();
    let valid = ValidatedSchema {
        sources,
        files,
        datamodel,
        warnings: Diagnostics { items: warnings },
    };
    Ok((valid, Diagnostics { items: set_aside }))
}

/// Every file parsed, the datamodel they make, what was found wrong
/// (sorted), and whether every file parsed without an error.
fn parse_all(sources: &SourceFiles) -> (Vec<SchemaFile>, Datamodel, Diagnostics, bool) {
    let mut diags = Diagnostics::default();
    let files: Vec<SchemaFile> = sources
        .files
        .iter()
        .enumerate()
        .map(|(id, f)| parser::parse(id, &f.text, &mut diags))
        .collect();
    let parsed = !diags.has_errors();
    let datamodel = validate::validate(&files, &mut diags);
    diags.sort();
    (files, datamodel, diags, parsed)
}

/// Formats the files of a schema as `prisma format` does, but only a schema
/// that validates once formatted: Prisma 6.19.3's `format` writes nothing
/// and fails when the formatted text does not validate (a relation written
/// on one side only is fine: formatting adds the other side). The errors
/// returned are those of the files as they are, so that each points at a
/// line of the file on disk, less those formatting fixes (a missing back
/// relation) while others remain; a file with syntax errors gives its own.
/// Only where the files validate as they are does the error come from the
/// formatted text.
pub fn format_valid(sources: &SourceFiles) -> Result<Vec<String>, SchemaError> {
    let texts: Vec<&str> = sources.files.iter().map(|f| f.text.as_str()).collect();
    let formatted = format::format_sources(&texts).map_err(|(_, diagnostics)| SchemaError {
        sources: sources.clone(),
        diagnostics,
    })?;
    let mut after = sources.clone();
    for (file, text) in after.files.iter_mut().zip(&formatted) {
        file.text = text.clone();
    }
    let Err(after_errors) = parse_and_validate(after) else {
        return Ok(formatted);
    };
    let Err(mut before) = parse_and_validate(sources.clone()) else {
        return Err(after_errors);
    };
    let remains = |d: &diagnostics::Diagnostic| {
        d.severity == diagnostics::Severity::Error && after_errors.diagnostics.errors().any(|a| a.message == d.message)
    };
    if before.diagnostics.items.iter().any(remains) {
        before
            .diagnostics
            .items
            .retain(|d| d.severity != diagnostics::Severity::Error || remains(d));
    }
    Err(before)
}

/// Parses every file and validates them as one schema.
pub fn parse_and_validate(sources: SourceFiles) -> Result<ValidatedSchema, SchemaError> {
    let (files, datamodel, diags, _) = parse_all(&sources);
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
