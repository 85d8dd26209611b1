//! `deploy` and `status` over many targets (`--targets`, `--schemas`,
//! `--schemas-query`): a progress bar on a terminal, a line per target
//! otherwise, and a summary at the end; exit 1 when any target failed (or,
//! for `status`, is not up to date). URLs are shown without passwords.

use crate::cli::{DbArgs, FanOutArgs};
use crate::database_url::{DatabaseUrl, Origin};
use crate::error::CliError;
use crate::output::{self, outln, BOLD, DIM, ERROR, SUCCESS};
use crate::project::Project;
use crate::{drivers, secrets};
use migrate::{FanOut, Migrator, Target};
use migrate_core::psl::datamodel::Provider;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

pub async fn deploy(args: &DbArgs, fan: &FanOutArgs) -> Result<ExitCode, CliError> {
    let project = Project::load(args.schema.schema.as_deref())?;
    migrate_core::migrations::check_scripts(&project.migrations.list()?)?;
    let targets = targets(&project, args, fan).await?;
    if !start(&project, &targets, fan)? {
        return Ok(ExitCode::SUCCESS);
    }
    let progress = Progress::new(targets.len());
    let fan_out =
        FanOut::new(Migrator::new(&project.migrations), fan.jobs.into()).with_base_dir(base_dir(&project, fan));
    let results = fan_out
        .deploy(&targets, |i, result| {
            let (mark, said) = match result {
                Ok(applied) if applied.names.is_empty() => (Mark::Same, "up to date".to_string()),
                Ok(applied) => (Mark::Done, format!("{} applied", applied.names.len())),
                Err(e) => (Mark::Failed, first_line(&e.to_string())),
            };
            progress.finished(&targets[i], mark, &said);
        })
        .await;
    progress.end();
    let applied = results
        .iter()
        .filter(|r| r.as_ref().is_ok_and(|a| !a.names.is_empty()))
        .count();
    let up_to_date = results
        .iter()
        .filter(|r| r.as_ref().is_ok_and(|a| a.names.is_empty()))
        .count();
    let failed = failures(&targets, &results);
    summary(&[
        ("Applied", applied),
        ("Already up to date", up_to_date),
        ("Failed", failed.len()),
    ]);
    Ok(report_failures(&failed))
}

pub async fn status(args: &DbArgs, fan: &FanOutArgs) -> Result<ExitCode, CliError> {
    let project = Project::load(args.schema.schema.as_deref())?;
    let targets = targets(&project, args, fan).await?;
    if !start(&project, &targets, fan)? {
        return Ok(ExitCode::SUCCESS);
    }
    let progress = Progress::new(targets.len());
    let fan_out =
        FanOut::new(Migrator::new(&project.migrations), fan.jobs.into()).with_base_dir(base_dir(&project, fan));
    let results = fan_out
        .status(&targets, |i, result| {
            let (mark, said) = match result {
                Ok(status) if status.is_up_to_date() => (Mark::Same, "up to date".to_string()),
                Ok(status) => (Mark::Failed, first_line(status.report().trim_start())),
                Err(e) => (Mark::Failed, first_line(&e.to_string())),
            };
            progress.finished(&targets[i], mark, &said);
        })
        .await;
    progress.end();
    let up_to_date = results
        .iter()
        .filter(|r| r.as_ref().is_ok_and(|s| s.is_up_to_date()))
        .count();
    let behind = results
        .iter()
        .filter(|r| r.as_ref().is_ok_and(|s| !s.is_up_to_date()))
        .count();
    let failed = failures(&targets, &results);
    summary(&[
        ("Up to date", up_to_date),
        ("Not up to date", behind),
        ("Failed", failed.len()),
    ]);
    let code = report_failures(&failed);
    Ok(if behind > 0 { ExitCode::from(1) } else { code })
}

/// The targets the flags name, each URL checked (and its password
/// remembered, to be masked) before anything connects.
async fn targets(project: &Project, args: &DbArgs, fan: &FanOutArgs) -> Result<Vec<Target>, CliError> {
    let provider = project.provider()?;
    let urls = match (&fan.targets, &fan.schemas, &fan.schemas_query) {
        (Some(file), _, _) => listed(file)?
            .into_iter()
            .map(|(line, url)| {
                DatabaseUrl::new(
                    url,
                    Origin::Listed {
                        path: file.clone(),
                        line,
                    },
                )
            })
            .collect(),
        (None, Some(file), _) => in_schemas(project, args, names(listed(file)?))?,
        (None, None, Some(query)) => {
            let found = schemas_of_query(project, args, query).await?;
            in_schemas(project, args, found)?
        }
        (None, None, None) => unreachable!("a fan-out names its targets"),
    };
    let mut targets = Vec::new();
    for url in urls {
        let url_provider = url.provider()?;
        if url_provider != provider {
            return Err(CliError::Usage(format!(
                "The datasource provider is `{}`, but the database URL from {} is for {}.",
                provider.name(),
                url.origin,
                url_provider.name()
            )));
        }
        targets.push(Target::new(url.as_str()));
    }
    Ok(targets)
}

/// Where a relative SQLite path is read from: the folder of the list of
/// targets that names it (the schema's folder for the datasource's own URL).
fn base_dir(project: &Project, fan: &FanOutArgs) -> std::path::PathBuf {
    match fan.targets.as_deref().and_then(Path::parent) {
        Some(folder) => folder.to_path_buf(),
        None => project.base_dir(),
    }
}

/// The non-blank lines of `file` that are not `#` comments, trimmed, with
/// their 1-based line numbers.
fn listed(file: &Path) -> Result<Vec<(usize, String)>, CliError> {
    let text = std::fs::read_to_string(file).map_err(|source| CliError::Write {
        path: file.display().to_string(),
        source,
    })?;
    Ok(text
        .lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
        .map(|(i, line)| (i, line.to_string()))
        .collect())
}

fn names(lines: Vec<(usize, String)>) -> Vec<String> {
    lines.into_iter().map(|(_, name)| name).collect()
}

/// The datasource's URL (or `--url`) once per schema, its `schema` set.
fn in_schemas(project: &Project, args: &DbArgs, schemas: Vec<String>) -> Result<Vec<DatabaseUrl>, CliError> {
    let base = postgres_url(project, args)?;
    Ok(schemas
        .iter()
        .map(|schema| base.clone().with_parameter("schema", schema))
        .collect())
}

/// Runs the listing query on the datasource's database.
async fn schemas_of_query(project: &Project, args: &DbArgs, query: &str) -> Result<Vec<String>, CliError> {
    let base = postgres_url(project, args)?;
    let mut driver = drivers::connect(&base, Provider::Postgres, &project.base_dir(), None).await?;
    let rows = driver.query_column(query).await;
    driver.close().await?;
    Ok(rows?.into_iter().flatten().collect())
}

fn postgres_url(project: &Project, args: &DbArgs) -> Result<DatabaseUrl, CliError> {
    if project.provider()? != Provider::Postgres {
        return Err(CliError::Usage(
            "--schemas and --schemas-query list PostgreSQL schemas; for other databases, list their URLs with --targets."
                .into(),
        ));
    }
    Ok(project
        .url(args.url.as_deref())?
        .with_statement_timeout(args.statement_timeout))
}

/// The header: the schema, then how many targets and how many at once.
/// `false` when there is no target: then said, and nothing more to do (a
/// service with no tenant yet is not an error).
fn start(project: &Project, targets: &[Target], fan: &FanOutArgs) -> Result<bool, CliError> {
    let kind = drivers::display_name(project.provider()?);
    let count = project.migrations.list()?.len();
    let plural = if targets.len() == 1 { "" } else { "s" };
    output::header(
        &project.schema_path,
        &format!("{} {kind} target{plural}, {} at a time", targets.len(), fan.jobs),
    );
    if targets.is_empty() {
        outln!("The list of targets is empty: nothing to do.");
        return Ok(false);
    }
    output::migrations_found(&project.migrations.path, count);
    Ok(true)
}

#[derive(Clone, Copy)]
enum Mark {
    Done,
    Same,
    Failed,
}

/// A progress bar on a terminal (standard error); otherwise one line per
/// finished target on standard output, for logs.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    fn new(total: usize) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new(total as u64);
            if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} targets {msg}") {
                bar.set_style(style);
            }
            bar
        });
        Progress { bar }
    }

    fn finished(&self, target: &Target, mark: Mark, said: &str) {
        let said = secrets::mask(said);
        match &self.bar {
            Some(bar) => {
                if let Mark::Failed = mark {
                    bar.println(format!("✘ {}  {said}", target.label()));
                }
                bar.inc(1);
            }
            None => {
                let sign = match mark {
                    Mark::Done => format!("{SUCCESS}✔{SUCCESS:#}"),
                    Mark::Same => format!("{DIM}={DIM:#}"),
                    Mark::Failed => format!("{ERROR}✘{ERROR:#}"),
                };
                outln!("{sign} {}  {said}", target.label());
            }
        }
    }

    fn end(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The outcome counts, as a small table.
fn summary(rows: &[(&str, usize)]) {
    outln!();
    let width = rows.iter().map(|(name, _)| name.len()).max().unwrap_or(0);
    for (name, count) in rows {
        outln!("  {name:<width$}  {BOLD}{count:>5}{BOLD:#}");
    }
}

/// Each failed target with its error, masked.
fn failures<'t, T>(targets: &'t [Target], results: &[Result<T, migrate::Error>]) -> Vec<(&'t Target, String)> {
    targets
        .iter()
        .zip(results)
        .filter_map(|(target, result)| result.as_ref().err().map(|e| (target, secrets::mask(&e.to_string()))))
        .collect()
}

/// Prints the failed targets with their first error; exit 1 if any.
fn report_failures(failed: &[(&Target, String)]) -> ExitCode {
    if failed.is_empty() {
        return ExitCode::SUCCESS;
    }
    outln!("\n{ERROR}Failed targets:{ERROR:#}");
    for (target, error) in failed {
        outln!("  {}", target.label());
        for line in error.lines() {
            outln!("    {line}");
        }
    }
    ExitCode::from(1)
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().to_string()
}
