//! `migrate generate`, and the generate step of `dev`, `reset` and `db push`.

use crate::cli::GenerateArgs;
use crate::error::CliError;
use crate::output::{outln, DIM, SUCCESS};
use crate::project::Project;
use migrate_core::psl::ValidatedSchema;
use migrate_generate::{generate, Outcome, Request};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

/// How often `--watch` looks at the schema files.
const WATCH_INTERVAL: Duration = Duration::from_millis(300);

pub async fn run(args: GenerateArgs) -> Result<ExitCode, CliError> {
    let project = Project::load(args.schema.schema.as_deref())?;
    outln!(
        "{DIM}Prisma schema loaded from {}{DIM:#}\n",
        shown(&project.schema_path).display()
    );
    if !args.watch {
        if !has_generators(&project.schema) {
            outln!("The schema has no generator block, so there is nothing to generate. Add one, such as:\n\ngenerator types {{\n  provider = \"migrate-typescript\"\n}}");
            return Ok(ExitCode::SUCCESS);
        }
        run_generators(&project.schema_path, &project.schema, &args.generators)?;
        return Ok(ExitCode::SUCCESS);
    }
    watch(&project.schema_path, &project.schema, &args.generators).await
}

/// Runs the generators after `dev`, `reset` or `db push`, as Prisma 6 does:
/// only when the schema has generator blocks, never with `--skip-generate` or
/// `PRISMA_MIGRATE_SKIP_GENERATE` set. A generator that fails is reported and
/// the command still succeeds (the migration is applied; Prisma 6.19.3's `dev`
/// exits 0 too).
pub fn after_migrating(project: &Project, skip: bool) {
    if skip || std::env::var_os("PRISMA_MIGRATE_SKIP_GENERATE").is_some() || !has_generators(&project.schema) {
        return;
    }
    outln!();
    if let Err(e) = run_generators(&project.schema_path, &project.schema, &[]) {
        anstream::eprintln!("{}", e.render());
    }
}

fn has_generators(schema: &ValidatedSchema) -> bool {
    !schema.datamodel.generators.is_empty()
}

/// Runs them, printing a line per generator as each ends: Prisma's
/// `✔ Generated ... to ./path in 3ms`, or why it was skipped.
fn run_generators(schema_path: &Path, schema: &ValidatedSchema, only: &[String]) -> Result<(), CliError> {
    let request = Request {
        schema,
        schema_path,
        only,
    };
    generate(request, &mut |outcome| match outcome {
        Outcome::Generated { what, output, took, .. } => outln!(
            "{SUCCESS}✔{SUCCESS:#} Generated {what} to {} in {}ms\n",
            dot_relative(output),
            took.as_millis()
        ),
        Outcome::Delegated { .. } => {}
        Outcome::Skipped {
            generator,
            provider,
            reason,
        } => anstream::eprintln!("Skipped generator {generator} ({provider}): {reason}."),
    })?;
    Ok(())
}

/// Regenerates whenever a schema file changes, until interrupted. A schema
/// with errors is reported and waited on, not fatal.
async fn watch(schema_path: &Path, first: &ValidatedSchema, only: &[String]) -> Result<ExitCode, CliError> {
    outln!(
        "Watching {} for changes (Ctrl+C to stop).\n",
        shown(schema_path).display()
    );
    // Before generating: an edit saved while the generators run is a change
    // for the next look (stamped after them, it went unnoticed).
    let mut seen = stamps(schema_path);
    if let Err(e) = run_generators(schema_path, first, only) {
        anstream::eprintln!("{}", e.render());
    }
    loop {
        tokio::time::sleep(WATCH_INTERVAL).await;
        let now = stamps(schema_path);
        if now == seen {
            continue;
        }
        seen = now;
        let loaded = migrate_core::psl::read_schema(schema_path)
            .map_err(CliError::from)
            .and_then(|sources| migrate_core::psl::parse_and_validate(sources).map_err(CliError::from));
        match loaded.and_then(|schema| run_generators(schema_path, &schema, only)) {
            Ok(()) => outln!("{DIM}Watching for changes.{DIM:#}"),
            Err(e) => anstream::eprintln!("{}", e.render()),
        }
    }
}

/// Each schema file with its modification time and length.
fn stamps(schema_path: &Path) -> Vec<(PathBuf, Option<SystemTime>, u64)> {
    let files = match migrate_core::psl::read_schema(schema_path) {
        Ok(sources) => sources.files.into_iter().map(|f| PathBuf::from(f.path)).collect(),
        Err(_) => vec![schema_path.to_path_buf()],
    };
    files
        .into_iter()
        .map(|f| {
            let meta = std::fs::metadata(&f).ok();
            let modified = meta.as_ref().and_then(|m| m.modified().ok());
            let len = meta.map_or(0, |m| m.len());
            (f, modified, len)
        })
        .collect()
}

/// A path relative to the current folder where it lies below it.
fn shown(path: &Path) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    path.strip_prefix(&cwd).unwrap_or(path).to_path_buf()
}

/// `./prisma/generated/types.ts`, `./../out` (relative to the current folder), as Prisma prints outputs.
fn dot_relative(path: &Path) -> String {
    let rel = crate::output::relative(path);
    match rel.is_absolute() {
        true => rel.display().to_string(),
        false => Path::new(".").join(rel).display().to_string(),
    }
}
