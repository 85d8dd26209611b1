//! A project as a command sees it: the schema, its migrations folder, and
//! the database URL (from `--url`, the datasource, or `DATABASE_URL`).

use crate::error::CliError;
use migrate_core::migrations::MigrationsDir;
use migrate_core::psl::datamodel::{Provider, UrlSource};
use migrate_core::psl::{self, ValidatedSchema};
use std::path::{Path, PathBuf};

pub struct Project {
    pub schema_path: PathBuf,
    pub schema: ValidatedSchema,
    pub migrations: MigrationsDir,
}

impl Project {
    /// Finds and validates the schema, loading `.env` files first.
    pub fn load(given: Option<&Path>) -> Result<Self, CliError> {
        let schema_path = psl::find_schema(given)?;
        let schema_dir = schema_folder(&schema_path);
        crate::env_file::load(&[Path::new(".env"), &schema_dir.join(".env")]);
        let schema = psl::parse_and_validate(psl::read_schema(&schema_path)?)?;
        let migrations = MigrationsDir::for_schema(&schema_path);
        Ok(Project {
            schema_path,
            schema,
            migrations,
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
    pub fn url(&self, flag: Option<&str>) -> Result<String, CliError> {
        if let Some(url) = flag {
            return Ok(url.to_string());
        }
        let source = self.schema.datamodel.datasource.as_ref().and_then(|d| d.url.clone());
        let var = match source {
            Some(UrlSource::Literal(url)) => return Ok(url),
            Some(UrlSource::Env(var)) => var,
            None => "DATABASE_URL".to_string(),
        };
        std::env::var(&var).map_err(|_| {
            CliError::Usage(format!(
                "The database URL comes from the environment variable `{var}`, which is not set. Set it (or put it in .env), or pass --url."
            ))
        })
    }
}

impl Project {
    /// The datasource's `shadowDatabaseUrl`, resolved like `url`.
    pub fn shadow_url(&self) -> Result<Option<String>, CliError> {
        let source = self
            .schema
            .datamodel
            .datasource
            .as_ref()
            .and_then(|d| d.shadow_database_url.clone());
        match source {
            None => Ok(None),
            Some(UrlSource::Literal(url)) => Ok(Some(url)),
            Some(UrlSource::Env(var)) => std::env::var(&var)
                .map(Some)
                .map_err(|_| CliError::Usage(format!("`shadowDatabaseUrl` comes from `{var}`, which is not set."))),
        }
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
