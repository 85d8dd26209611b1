//! A project as a command sees it: the schema, its migrations folder, and
//! the database URL.
//!
//! Where each comes from, first found wins (Prisma's precedence):
//! - schema: `--schema`, the config's `schema`, `prisma/schema.prisma`,
//!   `schema.prisma`;
//! - migrations folder: the config's `migrations.path`, `migrations/` beside
//!   the schema;
//! - URL: `--url`, the config's `datasource.url`, the schema datasource's
//!   `url`, `DATABASE_URL`; the shadow URL: the config's
//!   `datasource.shadowDatabaseUrl`, the datasource's `shadowDatabaseUrl`;
//! - environment: the process's own; then, without a config file, `.env` in
//!   the current folder and the schema's folder (Prisma 6); with a config
//!   file, only the `.env` files it loads by dotenv (Prisma 7).

use crate::config::{self, DotenvNote, PrismaConfig};
use crate::database_url::{DatabaseUrl, Origin};
use crate::error::CliError;
use migrate_core::migrations::MigrationsDir;
use migrate_core::psl::datamodel::{EnvValue, Provider};
use migrate_core::psl::{self, ValidatedSchema};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub struct Project {
    pub schema_path: PathBuf,
    pub schema: ValidatedSchema,
    pub migrations: MigrationsDir,
    /// Variables the `.env` files set, with the file that set each.
    env_files: HashMap<String, PathBuf>,
    /// The Prisma config file of the current folder, if there is one.
    pub config: Option<PrismaConfig>,
}

impl Project {
    /// Finds and validates the schema, loading `.env` files first.
    pub fn load(given: Option<&Path>) -> Result<Self, CliError> {
        Self::load_with(given, psl::parse_and_validate)
    }

    /// [`Project::load`] for the commands that read only the datasource and
    /// the migrations (`deploy`, `status`, `resolve`): errors in what they do
    /// not read are printed as warnings and the command goes on, as Prisma
    /// 6.19.3 goes on ([`psl::parse_for_migrations`]).
    pub fn load_for_migrations(given: Option<&Path>) -> Result<Self, CliError> {
        Self::load_with(given, |sources| {
            let (valid, set_aside) = psl::parse_for_migrations(sources)?;
            if !set_aside.items.is_empty() {
                eprint!("{}", set_aside.render(&valid.sources));
                eprintln!(
                    "The schema has errors in parts this command does not read: it reads only the datasource's provider, \
                     URLs and schemas, and the migrations, and goes on. `migrate dev` and `migrate validate` refuse the \
                     schema until they are fixed."
                );
            }
            Ok(valid)
        })
    }

    fn load_with(
        given: Option<&Path>,
        validate: impl FnOnce(psl::diagnostics::SourceFiles) -> Result<ValidatedSchema, psl::SchemaError>,
    ) -> Result<Self, CliError> {
        let config = find_config()?;
        let env_files = crate::env_file::load_environment(config.as_ref(), given)?;
        let schema_path = locate_schema(given, config.as_ref())?;
        if let Some(config) = &config {
            refuse_external(config)?;
        }
        let schema = validate(psl::read_schema(&schema_path)?)?;
        let migrations = match &config {
            Some(c) => c.path_setting(&c.migrations_path, config::MIGRATIONS_PATH)?,
            None => None,
        };
        let migrations = migrations.map_or_else(
            || MigrationsDir::for_schema(&schema_path),
            |path| MigrationsDir { path },
        );
        Ok(Project {
            schema_path,
            schema,
            migrations,
            env_files: env_files.into_iter().collect(),
            config,
        })
    }

    pub fn provider(&self) -> Result<Provider, CliError> {
        self.schema.datamodel.provider().ok_or_else(|| {
            CliError::Usage(format!(
                "The schema {} has no datasource block: add one naming the provider.",
                self.schema_path.display()
            ))
        })
    }

    /// The datasource's `schemas` (multiSchema); empty without them.
    /// Where `db pull` writes the views' queries (`views/<schema>/<view>.sql`):
    /// the config's `views.path`, else `views` beside the file with the
    /// datasource, as Prisma 6.19.3 places it.
    pub fn views_dir(&self) -> Result<PathBuf, CliError> {
        if let Some(config) = &self.config {
            if let Some(path) = config.path_setting(&config.views_path, config::VIEWS_PATH)? {
                return Ok(path);
            }
        }
        let with_datasource = self.schema.files.iter().position(|f| {
            f.items
                .iter()
                .any(|i| matches!(i, psl::ast::TopItem::Block(b) if b.kind == psl::ast::BlockKind::Datasource))
        });
        let file = with_datasource.and_then(|i| self.schema.sources.files.get(i));
        let base = match file {
            Some(f) => Path::new(&f.path).parent().map(Path::to_path_buf),
            None => self.schema_path.parent().map(Path::to_path_buf),
        };
        Ok(base.unwrap_or_default().join("views"))
    }

    pub fn namespaces(&self) -> &[String] {
        self.schema
            .datamodel
            .datasource
            .as_ref()
            .map_or(&[], |d| d.schemas.as_slice())
    }

    /// Where relative SQLite paths are resolved from.
    pub fn base_dir(&self) -> PathBuf {
        schema_folder(&self.schema_path)
    }

    /// `--url`, else the config's `datasource.url`, else the datasource's
    /// `directUrl`, else its `url`, else `DATABASE_URL`.
    pub fn url(&self, flag: Option<&str>) -> Result<DatabaseUrl, CliError> {
        if let Some(url) = flag {
            return Ok(DatabaseUrl::new(url, Origin::Flag("--url")));
        }
        if let Some(url) = self.config_url(|c| &c.url, config::URL)? {
            return Ok(url);
        }
        // Prisma migrates over `directUrl` where one is given (`url` may be a
        // connection pooler that cannot run migrations).
        let datasource = self.schema.datamodel.datasource.as_ref();
        if let Some(direct) = datasource.and_then(|d| d.direct_url.clone()) {
            return self.resolve(direct, "directUrl");
        }
        match datasource.and_then(|d| d.url.clone()) {
            Some(source) => self.resolve(source, "url"),
            None => self.env("DATABASE_URL").ok_or_else(|| {
                CliError::Usage(
                    "The datasource has no `url` and `DATABASE_URL` is not set: set it (or put it in .env), or pass --url.".into(),
                )
            }),
        }
    }

    /// The config's `datasource.shadowDatabaseUrl`, else the datasource's
    /// `shadowDatabaseUrl`, resolved like `url`.
    pub fn shadow_url(&self) -> Result<Option<DatabaseUrl>, CliError> {
        if let Some(url) = self.config_url(|c| &c.shadow_url, config::SHADOW_URL)? {
            return Ok(Some(url));
        }
        let source = self.schema.datamodel.datasource.as_ref();
        match source.and_then(|d| d.shadow_database_url.clone()) {
            None => Ok(None),
            Some(source) => self.resolve(source, "shadowDatabaseUrl").map(Some),
        }
    }

    /// A datasource property's URL: its string, or the variable it names.
    fn resolve(&self, source: EnvValue, property: &'static str) -> Result<DatabaseUrl, CliError> {
        match source {
            EnvValue::Literal(url) => Ok(DatabaseUrl::new(
                url,
                Origin::Schema {
                    property,
                    path: self.schema_path.clone(),
                },
            )),
            EnvValue::Env(var) => self.env(&var).ok_or_else(|| {
                let note = self.unloaded_dotenv(&var).map(|n| format!(" Note: {n}")).unwrap_or_default();
                CliError::Usage(format!(
                    "The datasource's `{property}` comes from the environment variable `{var}`, which is not set. Set it (or put it in .env), or pass --url.{note}"
                ))
            }),
        }
    }

    /// A URL setting of the config file, if it has one.
    fn config_url(
        &self,
        setting: impl Fn(&PrismaConfig) -> &config::Setting<config::Text>,
        property: config::Property,
    ) -> Result<Option<DatabaseUrl>, CliError> {
        let Some(config) = &self.config else { return Ok(None) };
        let Some((value, at)) = config.string(setting(config), property)? else {
            return Ok(None);
        };
        let origin = Origin::Config {
            property: property.path,
            path: config.path.clone(),
            line: at.line,
            col: at.col,
        };
        Ok(Some(DatabaseUrl::new(value, origin)))
    }

    /// With a config file, a `.env` file that sets `var` is not loaded
    /// (Prisma 7's rule): the note that says so.
    fn unloaded_dotenv(&self, var: &str) -> Option<DotenvNote> {
        let config = self.config.as_ref()?;
        [PathBuf::from(".env"), self.base_dir().join(".env")]
            .into_iter()
            .filter(|f| !config.dotenv_files.contains(f))
            .find(|f| {
                crate::env_file::read(f)
                    .ok()
                    .flatten()
                    .is_some_and(|vars| vars.iter().any(|(k, _)| k == var))
            })
            .map(|env_file| DotenvNote {
                env_file,
                config: config.path.clone(),
            })
    }

    fn env(&self, var: &str) -> Option<DatabaseUrl> {
        let value = std::env::var(var).ok()?;
        let origin = Origin::Env {
            var: var.to_string(),
            file: self.env_files.get(var).cloned(),
        };
        Some(DatabaseUrl::new(value, origin))
    }
}

/// The config file `--config` names, set once at start-up.
static CONFIG_FILE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// Makes [`find_config`] read `path` instead of looking for a config file
/// (Prisma's `--config`).
pub fn use_config_file(path: PathBuf) {
    let _ = CONFIG_FILE.set(path);
}

/// The config file of the current folder, read, if there is one.
pub fn find_config() -> Result<Option<PrismaConfig>, CliError> {
    if let Some(path) = CONFIG_FILE.get() {
        if !path.is_file() {
            return Err(CliError::Usage(format!(
                "The config file {} given with --config does not exist.",
                path.display()
            )));
        }
        return Ok(Some(PrismaConfig::read(path)?));
    }
    match config::find(Path::new(".")) {
        Some(path) => Ok(Some(PrismaConfig::read(path.strip_prefix("./").unwrap_or(&path))?)),
        None => Ok(None),
    }
}

/// Prisma leaves the tables and enums of `tables.external` and
/// `enums.external` out of migrations; migrate does not yet, so it refuses
/// to work on them rather than create or drop them.
fn refuse_external(config: &PrismaConfig) -> Result<(), CliError> {
    let tables = config.strings(&config.external_tables, config::EXTERNAL_TABLES)?;
    let enums = config.strings(&config.external_enums, config::EXTERNAL_ENUMS)?;
    let named: Vec<String> = tables.iter().chain(&enums).map(|n| format!("`{n}`")).collect();
    if named.is_empty() {
        return Ok(());
    }
    Err(CliError::Usage(format!(
        "{} names external tables or enums ({}), which Prisma leaves out of migrations. migrate does not support external tables yet, and would create or drop them: remove `tables.external` / `enums.external` to let migrate manage them, or use Prisma for this project.",
        config.path.display(),
        named.join(", ")
    )))
}

/// The schema file or folder: `--schema`, else the config's `schema`, else
/// Prisma's default places.
pub fn locate_schema(given: Option<&Path>, config: Option<&PrismaConfig>) -> Result<PathBuf, CliError> {
    if given.is_none() {
        if let Some(config) = config {
            if let Some(path) = config.path_setting(&config.schema, config::SCHEMA)? {
                return Ok(psl::find_schema(Some(&path))?);
            }
        }
    }
    Ok(psl::find_schema(given)?)
}

pub fn schema_folder(schema_path: &Path) -> PathBuf {
    if schema_path.is_dir() {
        schema_path.to_path_buf()
    } else {
        schema_path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    }
}
