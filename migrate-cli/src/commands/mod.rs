//! One module per command; each returns the process exit code.

mod cache;
mod db;
mod deploy;
mod dev;
mod diff;
mod fan_out;
mod format;
mod generate;
mod pull;
mod reset;
mod resolve;
mod status;
mod validate;

use crate::cli::{Command, DbArgs};
use crate::drivers::{self, Place};
use crate::error::CliError;
use crate::output;
use crate::project::Project;
use migrate_core::driver::Driver;
use migrate_core::psl::datamodel::Provider;
use migrate_core::psl::{self, ValidatedSchema};
use std::path::Path;
use std::process::ExitCode;

pub async fn run(command: Command) -> Result<ExitCode, CliError> {
    match command {
        Command::Validate(args) => validate::run(args.schema.as_deref()).await,
        Command::Generate(args) => generate::run(args).await,
        Command::Format { schema, check } => format::run(schema.schema.as_deref(), check).await,
        // `migrate migrate dev` is `migrate dev`.
        Command::Migrate(command) => Box::pin(run(command.into())).await,
        Command::Diff(args) => diff::run(&args).await,
        Command::Deploy(args) if args.fan_out.is_set() => fan_out::deploy(&args.db, &args.fan_out).await,
        Command::Deploy(args) => deploy::run(&args.db).await,
        Command::Dev(args) => {
            let options = migrate_core::commands::DevOptions {
                name: args.name,
                create_only: args.create_only,
                accept_data_loss: args.accept_data_loss,
                cache: None,
            };
            let skip = dev::Skip {
                seed: args.skip_seed,
                generate: args.skip_generate.skip_generate,
            };
            dev::run(&args.db, options, skip, !args.no_cache).await
        }
        Command::Reset(args) => {
            let skip = dev::Skip {
                seed: args.skip_seed,
                generate: args.skip_generate.skip_generate,
            };
            reset::run(&args.db, args.force, skip).await
        }
        Command::Db(command) => db::run(command).await,
        Command::Status(args) if args.fan_out.is_set() => fan_out::status(&args.db, &args.fan_out).await,
        Command::Status(args) => status::run(&args.db).await,
        Command::Cache(crate::cli::CacheCommand::Clear { schema }) => cache::clear(schema.schema.as_deref()),
        Command::Resolve(args) => resolve::run(&args.db, args.applied.as_deref(), args.rolled_back.as_deref()).await,
    }
}

/// Finds, reads, parses and validates the schema.
fn load_schema(given: Option<&Path>) -> Result<(std::path::PathBuf, ValidatedSchema), CliError> {
    let path = crate::project::locate_schema(given, crate::project::find_config()?.as_ref())?;
    let sources = psl::read_schema(&path)?;
    Ok((path, psl::parse_and_validate(sources)?))
}

/// What a database command does when its database does not exist.
#[derive(Clone, Copy, PartialEq, Eq)]
enum IfMissing {
    /// Create it and say so (`dev`, `deploy`, `db push`, `reset`, as Prisma).
    Create,
    /// Stop with an error naming it.
    Fail,
}

/// Whether a command starts with the header naming its schema and database.
/// Output meant for a pipe (`db pull --print`, `db execute`) has none.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Header {
    Print,
    Quiet,
}

/// Loads the project and connects to its database.
async fn connect(args: &DbArgs, if_missing: IfMissing, header: Header) -> Result<(Project, Box<dyn Driver>), CliError> {
    let project = Project::load(args.schema.schema.as_deref())?;
    let (driver, _) = open(&project, args, if_missing, header).await?;
    Ok((project, driver))
}

/// [`connect`] for the commands that read only the datasource and the
/// migrations (`status`, `resolve`; `deploy` through [`connect_to_deploy`]):
/// see [`Project::load_for_migrations`].
async fn connect_for_migrations(args: &DbArgs, header: Header) -> Result<(Project, Box<dyn Driver>), CliError> {
    let project = Project::load_for_migrations(args.schema.schema.as_deref())?;
    let (driver, _) = open(&project, args, IfMissing::Fail, header).await?;
    Ok((project, driver))
}

/// [`connect`] for the commands that run migration scripts (`deploy`, `dev`,
/// `reset`): a script that is not UTF-8 is refused before the database is
/// even opened, and a missing database is created (the `bool`: it was).
async fn connect_to_apply(args: &DbArgs) -> Result<(Project, Box<dyn Driver>, bool), CliError> {
    apply_to(Project::load(args.schema.schema.as_deref())?, args).await
}

/// [`connect_to_apply`] for `deploy`, which reads only the datasource and the
/// migrations: see [`Project::load_for_migrations`].
async fn connect_to_deploy(args: &DbArgs) -> Result<(Project, Box<dyn Driver>, bool), CliError> {
    apply_to(Project::load_for_migrations(args.schema.schema.as_deref())?, args).await
}

async fn apply_to(project: Project, args: &DbArgs) -> Result<(Project, Box<dyn Driver>, bool), CliError> {
    migrate_core::migrations::check_scripts(&project.migrations.list()?)?;
    let (driver, created) = open(&project, args, IfMissing::Create, Header::Print).await?;
    Ok((project, driver, created))
}

/// The driver, and whether the database was created for it.
async fn open(
    project: &Project,
    args: &DbArgs,
    if_missing: IfMissing,
    header: Header,
) -> Result<(Box<dyn Driver>, bool), CliError> {
    let provider = project.provider()?;
    let url = project
        .url(args.url.as_deref())?
        .with_statement_timeout(args.statement_timeout);
    let shadow = project
        .shadow_url()?
        .map(|s| s.with_statement_timeout(args.statement_timeout));
    let place = drivers::place(&url, provider);
    if header == Header::Print {
        output::header(
            &project.schema_path,
            &describe_datasource(project, provider, place.as_ref()),
        );
    }
    if if_missing == IfMissing::Fail {
        return drivers::connect(&url, provider, &project.base_dir(), shadow, project.namespaces())
            .await
            .map(|d| (d, false));
    }
    let (driver, created) =
        drivers::connect_or_create(&url, provider, &project.base_dir(), shadow, project.namespaces()).await?;
    if let (true, Some(place)) = (created, place) {
        output::created(drivers::display_name(provider), &place.database, &place.location);
    }
    Ok((driver, created))
}

/// Prisma's datasource line: `Datasource "db": PostgreSQL database "app",
/// schema "public" at "127.0.0.1:5432"` (never a credential).
fn describe_datasource(project: &Project, provider: Provider, place: Option<&Place>) -> String {
    let datasource = project.schema.datamodel.datasource.as_ref();
    let name = datasource.map_or("db", |d| d.name.as_str());
    let mut line = format!("Datasource \"{name}\": {}", drivers::display_name(provider));
    // A URL that cannot be read names no database; the error after says why.
    let Some(place) = place else { return line };
    line.push_str(&format!(" database \"{}\"", place.database));
    match (listed_schemas(project), &place.schema) {
        (Some(schemas), _) => line.push_str(&format!(", schemas \"{}\"", schemas.join(", "))),
        (None, Some(schema)) => line.push_str(&format!(", schema \"{schema}\"")),
        (None, None) => {}
    }
    line.push_str(&format!(" at \"{}\"", place.location));
    line
}

/// The datasource's `schemas` (multiSchema) in name order, as Prisma's
/// messages list them; `None` without them.
fn listed_schemas(project: &Project) -> Option<Vec<&str>> {
    let mut schemas: Vec<&str> = project.namespaces().iter().map(String::as_str).collect();
    schemas.sort_unstable();
    Some(schemas).filter(|s| !s.is_empty())
}

/// What a reset emptied, as Prisma's `db push --force-reset` says it: `The
/// PostgreSQL database "app" schema "public" at "127.0.0.1:5432" was`.
fn reset_subject(project: &Project, args: &DbArgs) -> Result<String, CliError> {
    let provider = project.provider()?;
    let url = project.url(args.url.as_deref())?;
    let mut line = format!("The {} database", drivers::display_name(provider));
    let Some(place) = drivers::place(&url, provider) else {
        return Ok(format!("{line} was"));
    };
    line.push_str(&format!(" \"{}\"", place.database));
    match (listed_schemas(project), &place.schema) {
        (Some(schemas), _) if schemas.len() > 1 => {
            return Ok(format!(
                "{line} schemas \"{}\" at \"{}\" were",
                schemas.join(", "),
                place.location
            ))
        }
        (Some(schemas), _) => line.push_str(&format!(" schema \"{}\"", schemas.join(", "))),
        (None, Some(schema)) => line.push_str(&format!(" schema \"{schema}\"")),
        (None, None) => {}
    }
    Ok(format!("{line} at \"{}\" was", place.location))
}
