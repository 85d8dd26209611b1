//! One module per command; each returns the process exit code.

mod db;
mod deploy;
mod dev;
mod diff;
mod format;
mod pull;
mod reset;
mod resolve;
mod status;
mod validate;

use crate::cli::{Command, DbArgs};
use crate::error::CliError;
use crate::project::Project;
use migrate_core::driver::Driver;
use migrate_core::psl::{self, ValidatedSchema};
use std::path::Path;
use std::process::ExitCode;

pub fn run(command: Command) -> Result<ExitCode, CliError> {
    match command {
        Command::Validate(args) => validate::run(args.schema.as_deref()),
        Command::Format { schema, check } => format::run(schema.schema.as_deref(), check),
        Command::Diff(args) => diff::run(&args),
        Command::Deploy(args) => deploy::run(&args),
        Command::Dev {
            db,
            name,
            create_only,
            accept_data_loss,
            skip_seed,
        } => {
            let options = migrate_core::commands::DevOptions {
                name,
                create_only,
                accept_data_loss,
            };
            dev::run(&db, options, skip_seed)
        }
        Command::Reset { db, force, skip_seed } => reset::run(&db, force, skip_seed),
        Command::Db(command) => db::run(command),
        Command::Status(args) => status::run(&args),
        Command::Resolve {
            db,
            applied,
            rolled_back,
        } => resolve::run(&db, applied.as_deref(), rolled_back.as_deref()),
    }
}

/// Finds, reads, parses and validates the schema.
fn load_schema(given: Option<&Path>) -> Result<(std::path::PathBuf, ValidatedSchema), CliError> {
    let path = crate::project::locate_schema(given, crate::project::find_config()?.as_ref())?;
    let sources = psl::read_schema(&path)?;
    Ok((path, psl::parse_and_validate(sources)?))
}

/// Loads the project and connects to its database.
fn connect(args: &DbArgs) -> Result<(Project, Box<dyn Driver>), CliError> {
    let project = Project::load(args.schema.schema.as_deref())?;
    let driver = open(&project, args)?;
    Ok((project, driver))
}

/// [`connect`] for the commands that run migration scripts (`deploy`, `dev`,
/// `reset`): a script that is not UTF-8 is refused before the database is
/// even opened.
fn connect_to_apply(args: &DbArgs) -> Result<(Project, Box<dyn Driver>), CliError> {
    let project = Project::load(args.schema.schema.as_deref())?;
    migrate_core::migrations::check_scripts(&project.migrations.list()?)?;
    let driver = open(&project, args)?;
    Ok((project, driver))
}

fn open(project: &Project, args: &DbArgs) -> Result<Box<dyn Driver>, CliError> {
    let provider = project.provider()?;
    let url = project
        .url(args.url.as_deref())?
        .with_statement_timeout(args.statement_timeout);
    let shadow = project
        .shadow_url()?
        .map(|s| s.with_statement_timeout(args.statement_timeout));
    crate::drivers::connect(&url, provider, &project.base_dir(), shadow)
}
