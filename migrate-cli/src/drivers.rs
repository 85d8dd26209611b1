//! The driver table: which dialect serves which provider, and which driver
//! connects to a URL of that provider (the URL's scheme is read, and the URL
//! checked, by [`DatabaseUrl::provider`]). Adding a database is one line in
//! each, and one in that scheme table.

use crate::database_url::DatabaseUrl;
use crate::error::CliError;
use driver_sqlite::{database_path, SqliteDriver};
use migrate_core::driver::{Dialect, Driver};
use migrate_core::psl::datamodel::Provider;
use std::path::Path;

pub fn dialect_for(provider: Provider) -> Result<Box<dyn Dialect>, CliError> {
    match provider {
        Provider::Sqlite => Ok(Box::new(driver_sqlite::SqliteDialect)),
        Provider::Postgres => Ok(Box::new(driver_postgres::PostgresDialect)),
        Provider::Mysql => Ok(Box::new(driver_mysql::MysqlDialect)),
    }
}

/// Connects to `url`, which must name a database of the schema's
/// `provider`. `shadow_url` is the datasource's `shadowDatabaseUrl`, if any.
pub fn connect(
    url: &DatabaseUrl,
    provider: Provider,
    base_dir: &Path,
    shadow_url: Option<DatabaseUrl>,
) -> Result<Box<dyn Driver>, CliError> {
    let url_provider = url.provider()?;
    if url_provider != provider {
        return Err(CliError::Usage(format!(
            "The datasource provider is `{}`, but the database URL from {} is for {}.",
            provider.name(),
            url.origin,
            url_provider.name()
        )));
    }
    let shadow_url = match shadow_url {
        Some(shadow) if shadow.provider()? != provider => {
            return Err(CliError::Usage(format!(
                "The shadow database URL from {} is not for {}.",
                shadow.origin,
                provider.name()
            )))
        }
        other => other.map(|s| s.as_str().to_string()),
    };
    match provider {
        Provider::Sqlite => {
            let path = database_path(url.as_str(), base_dir)
                .ok_or_else(|| CliError::Usage(format!("The database URL from {} is not a SQLite URL.", url.origin)))?;
            Ok(Box::new(SqliteDriver::open(&path)?))
        }
        Provider::Postgres => Ok(Box::new(driver_postgres::PostgresDriver::connect(
            url.as_str(),
            shadow_url,
        )?)),
        Provider::Mysql => Ok(Box::new(driver_mysql::MysqlDriver::connect(url.as_str(), shadow_url)?)),
    }
}
