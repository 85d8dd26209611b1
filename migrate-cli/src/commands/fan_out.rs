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
    let project = Project::load_for_migrations(args.schema.schema.as_deref())?;
    migrate_core::migrations::check_scripts(&project.migrations.list()?)?;
    let targets = targets(&project, args, fan).await?;
    if !start(&project, &targets, fan)? {
        return Ok(ExitCode::SUCCESS);
    }
    let progress = Progress::new(targets.len());
    let results = fan_out(&project, fan)
        .deploy(&targets, |i, result| {
            progress.finished(&targets[i], &Outcome::of_deploy(result))
        })
        .await;
    let outcomes: Vec<Outcome> = results.iter().map(Outcome::of_deploy).collect();
    Ok(progress.end(&targets, &outcomes, [Some("Applied"), Some("Already up to date"), None]))
}

pub async fn status(args: &DbArgs, fan: &FanOutArgs) -> Result<ExitCode, CliError> {
    let project = Project::load_for_migrations(args.schema.schema.as_deref())?;
    let targets = targets(&project, args, fan).await?;
    if !start(&project, &targets, fan)? {
        return Ok(ExitCode::SUCCESS);
    }
    let progress = Progress::new(targets.len());
    let results = fan_out(&project, fan)
        .status(&targets, |i, result| {
            progress.finished(&targets[i], &Outcome::of_status(result))
        })
        .await;
    let outcomes: Vec<Outcome> = results.iter().map(Outcome::of_status).collect();
    Ok(progress.end(&targets, &outcomes, [None, Some("Up to date"), Some("Not up to date")]))
}

fn fan_out<'p>(project: &'p Project, fan: &FanOutArgs) -> FanOut<'p> {
    FanOut::new(Migrator::new(&project.migrations), fan.jobs.into()).with_base_dir(base_dir(project, fan))
}

/// What one target came to. Errors are masked here, once.
enum Outcome {
    /// `deploy` applied this many migrations.
    Applied(usize),
    UpToDate,
    /// `status`: pending, failed, edited or missing migrations (its first line).
    Behind(String),
    /// The target's error, whole.
    Failed(String),
}

impl Outcome {
    fn of_deploy(result: &Result<migrate::Applied, migrate::Error>) -> Outcome {
        match result {
            Ok(applied) if applied.names.is_empty() => Outcome::UpToDate,
            Ok(applied) => Outcome::Applied(applied.names.len()),
            Err(e) => Outcome::Failed(secrets::mask(&e.to_string())),
        }
    }

    fn of_status(result: &Result<migrate::Status, migrate::Error>) -> Outcome {
        match result {
            Ok(status) if status.is_up_to_date() => Outcome::UpToDate,
            Ok(status) => Outcome::Behind(first_line(status.report().trim_start())),
            Err(e) => Outcome::Failed(secrets::mask(&e.to_string())),
        }
    }

    /// The target's line: a sign and a few words.
    fn line(&self) -> (String, String) {
        match self {
            Outcome::Applied(n) => (format!("{SUCCESS}✔{SUCCESS:#}"), format!("{n} applied")),
            Outcome::UpToDate => (format!("{DIM}={DIM:#}"), "up to date".into()),
            Outcome::Behind(said) => (format!("{ERROR}✘{ERROR:#}"), said.clone()),
            Outcome::Failed(error) => (format!("{ERROR}✘{ERROR:#}"), first_line(error)),
        }
    }

    fn is_bad(&self) -> bool {
        matches!(self, Outcome::Behind(_) | Outcome::Failed(_))
    }
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
        url.expect_provider(provider)?;
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
    let mut driver = drivers::connect(&base, Provider::Postgres, &project.base_dir(), None, &[]).await?;
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

    /// A target ended: its line (on a terminal, only a bad outcome's, above the bar).
    fn finished(&self, target: &Target, outcome: &Outcome) {
        let (sign, said) = outcome.line();
        match &self.bar {
            Some(bar) => {
                if outcome.is_bad() {
                    bar.println(format!("✘ {}  {said}", target.label()));
                }
                bar.inc(1);
            }
            None => outln!("{sign} {}  {said}", target.label()),
        }
    }

    /// The summary: how many targets came to each outcome (`names` for
    /// applied, up to date, not up to date, each row left out where the
    /// command has no such outcome; failed last), then each failed target
    /// with its whole error. Exit 1 when any target failed or is not up to
    /// date.
    fn end(&self, targets: &[Target], outcomes: &[Outcome], names: [Option<&str>; 3]) -> ExitCode {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        let count = |kind: fn(&Outcome) -> bool| outcomes.iter().filter(|o| kind(o)).count();
        let rows: Vec<(&str, usize)> = [
            (names[0], count(|o| matches!(o, Outcome::Applied(_)))),
            (names[1], count(|o| matches!(o, Outcome::UpToDate))),
            (names[2], count(|o| matches!(o, Outcome::Behind(_)))),
            (Some("Failed"), count(|o| matches!(o, Outcome::Failed(_)))),
        ]
        .into_iter()
        .filter_map(|(name, n)| name.map(|name| (name, n)))
        .collect();
        outln!();
        let width = rows.iter().map(|(name, _)| name.len()).max().unwrap_or(0);
        for (name, n) in rows {
            outln!("  {name:<width$}  {BOLD}{n:>5}{BOLD:#}");
        }
        let failed: Vec<(&Target, &String)> = targets
            .iter()
            .zip(outcomes)
            .filter_map(|(target, outcome)| match outcome {
                Outcome::Failed(error) => Some((target, error)),
                _ => None,
            })
            .collect();
        if !failed.is_empty() {
            outln!("\n{ERROR}Failed targets:{ERROR:#}");
            for (target, error) in failed {
                outln!("  {}", target.label());
                for line in error.lines() {
                    outln!("    {line}");
                }
            }
        }
        match outcomes.iter().any(Outcome::is_bad) {
            true => ExitCode::from(1),
            false => ExitCode::SUCCESS,
        }
    }
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().to_string()
}
