use crate::cli::DiffArgs;
use crate::database_url::{DatabaseUrl, Origin};
use crate::drivers::{connect, dialect_for};
use crate::error::CliError;
use crate::output::out;
use driver_sqlite::{SqliteDriver, SqliteUrl};
use migrate_core::commands::schema_of_migrations;
use migrate_core::diff::{diff, summarize};
use migrate_core::driver::Dialect;
use migrate_core::migrations::MigrationsDir;
use migrate_core::psl::datamodel::Provider;
use migrate_core::psl::lower::lower;
use migrate_core::psl::{self, ValidatedSchema};
use migrate_core::schema::Schema;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// One side of a diff.
enum Source {
    Empty,
    Schema(Box<ValidatedSchema>),
    Migrations(MigrationsDir),
    Url(DatabaseUrl),
}

impl Source {
    fn provider(&self) -> Result<Option<Provider>, CliError> {
        Ok(match self {
            Source::Empty => None,
            Source::Schema(s) => s.datamodel.provider(),
            Source::Migrations(dir) => dir.locked_provider()?.as_deref().and_then(Provider::from_name),
            Source::Url(url) => Some(url.provider()?),
        })
    }
}

pub fn run(args: &DiffArgs) -> Result<ExitCode, CliError> {
    let from = source(
        args.from_empty,
        &args.from_schema,
        &args.from_migrations,
        &args.from_url,
        "--from",
    )?;
    let to = source(
        args.to_empty,
        &args.to_schema,
        &args.to_migrations,
        &args.to_url,
        "--to",
    )?;
    let provider = provider(&from, &to)?;
    let dialect = dialect_for(provider)?;
    let shadow = args
        .shadow_database_url
        .as_ref()
        .map(|url| DatabaseUrl::new(url.as_str(), Origin::Flag("--shadow-database-url")));
    let from_schema = resolve(&from, dialect.as_ref(), shadow.as_ref())?;
    let to_schema = resolve(&to, dialect.as_ref(), shadow.as_ref())?;
    let ops = diff(&from_schema, &to_schema, &dialect.capabilities());
    if args.script {
        out!("{}", dialect.render(&ops)?);
    } else {
        out!("{}", summarize(&ops));
    }
    Ok(match (args.exit_code, ops.is_empty()) {
        (true, false) => ExitCode::from(2),
        _ => ExitCode::SUCCESS,
    })
}

fn source(
    empty: bool,
    schema: &Option<PathBuf>,
    migrations: &Option<PathBuf>,
    url: &Option<String>,
    side: &'static str,
) -> Result<Source, CliError> {
    if empty {
        return Ok(Source::Empty);
    }
    if let Some(path) = schema {
        let sources = psl::read_schema(&psl::find_schema(Some(path))?)?;
        return Ok(Source::Schema(Box::new(psl::parse_and_validate(sources)?)));
    }
    if let Some(dir) = migrations {
        return Ok(Source::Migrations(MigrationsDir { path: dir.clone() }));
    }
    if let Some(url) = url {
        let flag = if side == "--from" { "--from-url" } else { "--to-url" };
        return Ok(Source::Url(DatabaseUrl::new(url.as_str(), Origin::Flag(flag))));
    }
    Err(CliError::Usage(format!(
        "`migrate diff` needs one of {side}-empty, {side}-schema, {side}-migrations or {side}-url."
    )))
}

fn resolve(source: &Source, dialect: &dyn Dialect, shadow_url: Option<&DatabaseUrl>) -> Result<Schema, CliError> {
    Ok(match source {
        Source::Empty => Schema::default(),
        Source::Schema(v) => lower(&v.datamodel, dialect),
        Source::Url(url) => connect(url, dialect.provider(), Path::new("."), None)?.introspect()?,
        Source::Migrations(dir) => {
            let provider = dialect.provider();
            let mut shadow = match (shadow_url, provider) {
                (Some(url), _) => {
                    let mut d = connect(url, provider, Path::new("."), None)?;
                    d.reset()?;
                    d
                }
                (None, Provider::Sqlite) => Box::new(SqliteDriver::open(&SqliteUrl::Memory)?),
                (None, other) => {
                    return Err(CliError::Usage(format!(
                        "Replaying migrations for {} needs a shadow database: pass --shadow-database-url.",
                        other.name()
                    )))
                }
            };
            schema_of_migrations(shadow.as_mut(), &dir.list()?)?
        }
    })
}

fn provider(from: &Source, to: &Source) -> Result<Provider, CliError> {
    match (from.provider()?, to.provider()?) {
        (Some(a), Some(b)) if a != b => Err(CliError::Usage(format!(
            "The two sides use different databases ({} and {}); a diff needs one database kind.",
            a.name(),
            b.name()
        ))),
        (Some(p), _) | (None, Some(p)) => Ok(p),
        (None, None) => Err(CliError::Usage(
            "Neither side names a database provider: give a schema with a datasource, a URL, or a migrations folder with migration_lock.toml.".into(),
        )),
    }
}
