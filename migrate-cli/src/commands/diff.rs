use crate::cli::DiffArgs;
use crate::database_url::{DatabaseUrl, Origin};
use crate::drivers::{connect, dialect_for};
use crate::error::CliError;
use crate::project::Project;
use migrate_core::commands::{align_with_database, schema_of_migrations};
use migrate_core::diff::{diff, summarize};
use migrate_core::driver::{Dialect, Driver};
use migrate_core::migrations::MigrationsDir;
use migrate_core::psl::datamodel::Provider;
use migrate_core::psl::lower::lower;
use migrate_core::psl::{self, ValidatedSchema};
use migrate_core::schema::Schema;
use migrate_core::script::EMPTY_MIGRATION;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// One side of a diff.
enum Source {
    Empty,
    Schema(Box<ValidatedSchema>),
    Migrations(MigrationsDir),
    /// A live database; relative SQLite paths are resolved from the folder
    /// (the working directory for `--*-url`, the schema's folder for
    /// `--*-schema-datasource`, as Prisma), and the datasource's `schemas`
    /// for `--*-schema-datasource` (multiSchema).
    Url(DatabaseUrl, PathBuf, Vec<String>),
}

impl Source {
    /// The `schemas` of this side's schema file (multiSchema), if it names any.
    fn namespaces(&self) -> Option<Vec<String>> {
        let listed = match self {
            Source::Schema(v) => v.datamodel.datasource.as_ref().map(|d| d.schemas.clone()),
            Source::Url(_, _, own) => Some(own.clone()),
            Source::Empty | Source::Migrations(_) => None,
        };
        listed.filter(|l| !l.is_empty())
    }

    fn provider(&self) -> Result<Option<Provider>, CliError> {
        Ok(match self {
            Source::Empty => None,
            Source::Schema(s) => s.datamodel.provider(),
            Source::Migrations(dir) => dir.locked_provider()?.as_deref().and_then(Provider::from_name),
            Source::Url(url, ..) => Some(url.provider()?),
        })
    }
}

/// The flags of one side of a diff (`--from-*` or `--to-*`).
struct Side<'a> {
    flag: &'static str,
    empty: bool,
    schema: Option<&'a Path>,
    schema_datasource: Option<&'a Path>,
    migrations: Option<&'a Path>,
    url: Option<&'a str>,
}

pub async fn run(args: &DiffArgs) -> Result<ExitCode, CliError> {
    let from = source(Side {
        flag: "--from",
        empty: args.from_empty,
        schema: args.from_schema.as_deref(),
        schema_datasource: args.from_schema_datasource.as_deref(),
        migrations: args.from_migrations.as_deref(),
        url: args.from_url.as_deref(),
    })?;
    let to = source(Side {
        flag: "--to",
        empty: args.to_empty,
        schema: args.to_schema.as_deref(),
        schema_datasource: args.to_schema_datasource.as_deref(),
        migrations: args.to_migrations.as_deref(),
        url: args.to_url.as_deref(),
    })?;
    let provider = provider(&from, &to)?;
    let dialect = dialect_for(provider)?;
    let shadow = args
        .shadow_database_url
        .as_ref()
        .map(|url| DatabaseUrl::new(url.as_str(), Origin::Flag("--shadow-database-url")));
    let namespaces = [&from, &to]
        .into_iter()
        .find_map(Source::namespaces)
        .or_else(project_namespaces)
        .unwrap_or_default();
    let (mut from_schema, from_db) = resolve(&from, dialect, shadow.as_ref(), &namespaces).await?;
    let (mut to_schema, to_db) = resolve(&to, dialect, shadow.as_ref(), &namespaces).await?;
    // A schema file against a database: defaults in the database's spelling.
    match (from_db, to_db) {
        (Some(mut db), None) => align_with_database(db.as_mut(), &from_schema, &mut to_schema).await?,
        (None, Some(mut db)) => align_with_database(db.as_mut(), &to_schema, &mut from_schema).await?,
        _ => {}
    }
    let mut ops = diff(&from_schema, &to_schema, dialect);
    let script = dialect.render(&ops)?;
    // The summary, the script and the exit code tell one story: a plan
    // without a statement is no difference.
    if script == EMPTY_MIGRATION {
        ops.clear();
    }
    let text = if args.script {
        // Prisma prints the script and one blank line.
        format!("{}\n\n", script.trim_end_matches('\n'))
    } else {
        summarize(&ops)
    };
    match &args.output {
        Some(path) => std::fs::write(path, text).map_err(|source| CliError::Write {
            path: path.display().to_string(),
            source,
        })?,
        None => crate::output::write_data(&text)?,
    }
    Ok(match (args.exit_code, ops.is_empty()) {
        (true, false) => ExitCode::from(2),
        _ => ExitCode::SUCCESS,
    })
}

fn source(side: Side<'_>) -> Result<Source, CliError> {
    if side.empty {
        return Ok(Source::Empty);
    }
    if let Some(path) = side.schema {
        let sources = psl::read_schema(&psl::find_schema(Some(path))?)?;
        return Ok(Source::Schema(Box::new(psl::parse_and_validate(sources)?)));
    }
    if let Some(path) = side.schema_datasource {
        // The database the schema's datasource names, found as every
        // database command finds it (`.env` files included).
        let project = Project::load(Some(path))?;
        let namespaces = project.namespaces().to_vec();
        return Ok(Source::Url(project.url(None)?, project.base_dir(), namespaces));
    }
    if let Some(dir) = side.migrations {
        return Ok(Source::Migrations(MigrationsDir {
            path: dir.to_path_buf(),
        }));
    }
    if let Some(url) = side.url {
        let flag = if side.flag == "--from" {
            "--from-url"
        } else {
            "--to-url"
        };
        return Ok(Source::Url(
            DatabaseUrl::new(url, Origin::Flag(flag)),
            PathBuf::from("."),
            Vec::new(),
        ));
    }
    let f = side.flag;
    Err(CliError::Usage(format!(
        "`migrate diff` needs one of {f}-empty, {f}-schema-datamodel, {f}-schema-datasource, {f}-migrations or {f}-url."
    )))
}

/// With no schema file on either side (`--from-url`, `--from-migrations`),
/// the database schemas to read are those of the project's schema file,
/// found as every database command finds it, when there is one that
/// lists `schemas`; a project that does not load gives none.
fn project_namespaces() -> Option<Vec<String>> {
    let project = Project::load(None).ok()?;
    Some(project.namespaces().to_vec()).filter(|n| !n.is_empty())
}

/// The schema of one side, with the database it was read from (a URL's,
/// or the shadow database a migrations folder was replayed on). A database
/// is read in the `schemas` of its own datasource, else in `namespaces`
/// (the other side's schema file's).
async fn resolve(
    source: &Source,
    dialect: &dyn Dialect,
    shadow_url: Option<&DatabaseUrl>,
    namespaces: &[String],
) -> Result<(Schema, Option<Box<dyn Driver>>), CliError> {
    Ok(match source {
        Source::Empty => (Schema::default(), None),
        Source::Schema(v) => (lower(&v.datamodel, dialect), None),
        Source::Url(url, base_dir, own) => {
            let namespaces = if own.is_empty() { namespaces } else { own };
            let mut db = connect(url, dialect.provider(), base_dir, None, namespaces).await?;
            (db.introspect().await?, Some(db))
        }
        Source::Migrations(dir) => {
            let provider = dialect.provider();
            let mut shadow = match (shadow_url, provider) {
                (Some(url), _) => {
                    let mut d = connect(url, provider, Path::new("."), None, namespaces).await?;
                    d.reset().await?;
                    d
                }
                (None, Provider::Sqlite) => in_memory_sqlite().await?,
                (None, other) => {
                    return Err(CliError::Usage(format!(
                        "Replaying migrations for {} needs a shadow database: pass --shadow-database-url.",
                        other.name()
                    )))
                }
            };
            (schema_of_migrations(shadow.as_mut(), &dir.list()?).await?, Some(shadow))
        }
    })
}

/// SQLite's shadow database: a fresh one in memory.
async fn in_memory_sqlite() -> Result<Box<dyn Driver>, CliError> {
    let request = migrate::Connect {
        url: "file::memory:",
        shadow_url: None,
        base_dir: Path::new("."),
        if_missing: migrate::IfMissing::Open,
        blocking_calls: crate::drivers::CLI_CALLS,
        namespaces: &[],
    };
    Ok((crate::drivers::database(Provider::Sqlite)?.connect)(request).await?)
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
