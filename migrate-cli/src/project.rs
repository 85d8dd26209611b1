//! A project as a command sees it: the schema, its migrations folder, and
//! the database URL (from `--url`, the datasource, or `DATABASE_URL`).

use crate::database_url::{DatabaseUrl, Origin};
use crate::error::CliError;
use migrate_core::migrations::MigrationsDir;
use migrate_core::psl::datamodel::{Provider, UrlSource};
use migrate_core::psl::{self, ValidatedSchema};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub struct Project {
    pub schema_path: PathBuf,
    pub schema: ValidatedSchema,
    pub migrations: MigrationsDir,
    /// Variables the `.env` files set, with the file that set each.
    env_files: HashMap<String, PathBuf>,
}

impl Project {
    /// Finds and validates the schema, loading `.env` files first.
    pub fn load(given: Option<&Path>) -> Result<Self, CliError> {
        let schema_path = psl::find_schema(given)?;
        let schema_dir = schema_folder(&schema_path);
        let env_files = crate::env_file::load(&[Path::new(".env"), &schema_dir.join(".env")]);
        let schema = psl::parse_and_validate(psl::read_schema(&schema_path)?)?;
        let migrations = MigrationsDir::for_schema(&schema_path);
        Ok(Project {
            schema_path,
            schema,
            migrations,
            env_files: env_files.into_iter().collect(),
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

    /// Where relative SQLite paths are resolved from.
    pub fn base_dir(&self) -> PathBuf {
        schema_folder(&self.schema_path)
    }

    /// `--url`, else the datasource's `url`, else `DATABASE_URL`.
    pub fn url(&self, flag: Option<&str>) -> Result<DatabaseUrl, CliError> {
        if let Some(url) = flag {
            return Ok(DatabaseUrl::new(url, Origin::Flag("--url")));
        }
        let source = self.schema.datamodel.datasource.as_ref().and_then(|d| d.url.clone());
        match source {
            Some(source) => self.resolve(source, "url"),
            None => self.env("DATABASE_URL").ok_or_else(|| {
                CliError::Usage(
                    "The datasource has no `url` and `DATABASE_URL` is not set: set it (or put it in .env), or pass --url.".into(),
                )
            }),
        }
    }

    /// The datasource's `shadowDatabaseUrl`, resolved like `url`.
    pub fn shadow_url(&self) -> Result<Option<DatabaseUrl>, CliError> {
        let source = self.schema.datamodel.datasource.as_ref();
        match source.and_then(|d| d.shadow_database_url.clone()) {
            None => Ok(None),
            Some(source) => self.resolve(source, "shadowDatabaseUrl").map(Some),
        }
    }

    /// A datasource property's URL: its string, or the variable it names.
    fn resolve(&self, source: UrlSource, property: &'static str) -> Result<DatabaseUrl, CliError> {
        match source {
            UrlSource::Literal(url) => Ok(DatabaseUrl::new(
                url,
                Origin::Schema {
                    property,
                    path: self.schema_path.clone(),
                },
            )),
            UrlSource::Env(var) => self.env(&var).ok_or_else(|| {
                CliError::Usage(format!(
                    "The datasource's `{property}` comes from the environment variable `{var}`, which is not set. Set it (or put it in .env), or pass --url."
                ))
            }),
        }
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

fn schema_folder(schema_path: &Path) -> PathBuf {
    if schema_path.is_dir() {
        schema_path.to_path_buf()
    } else {
        schema_path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    }
}
