//! The driver table: which dialect serves which provider, and which driver
//! serves which URL scheme. Adding a database is one line in each.

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

/// The provider a URL's scheme names.
pub fn provider_of_url(url: &str) -> Option<Provider> {
    let scheme = url.split(':').next()?;
    match scheme {
        "file" | "sqlite" => Some(Provider::Sqlite),
        "postgres" | "postgresql" => Some(Provider::Postgres),
        "mysql" => Some(Provider::Mysql),
        _ => None,
    }
}

/// Connects to `url`, which must match the schema's provider. `shadow_url`
/// is the datasource's `shadowDatabaseUrl`, if any.
pub fn connect(
    url: &str,
    provider: Provider,
    base_dir: &Path,
    shadow_url: Option<String>,
) -> Result<Box<dyn Driver>, CliError> {
    let Some(url_provider) = provider_of_url(url) else {
        return Err(CliError::Usage(format!(
            "The database URL `{}` has a scheme migrate does not know: use file:, postgresql:// or mysql://.",
            redact(url)
        )));
    };
    if url_provider != provider {
        return Err(CliError::Usage(format!(
            "The datasource provider is `{}`, but the URL `{}` is for {}.",
            provider.name(),
            redact(url),
            url_provider.name()
        )));
    }
    match provider {
        Provider::Sqlite => {
            let path =
                database_path(url, base_dir).ok_or_else(|| CliError::Usage(format!("Not a SQLite URL: {url}")))?;
            Ok(Box::new(SqliteDriver::open(&path)?))
        }
        Provider::Postgres => Ok(Box::new(driver_postgres::PostgresDriver::connect(url, shadow_url)?)),
        Provider::Mysql => Ok(Box::new(driver_mysql::MysqlDriver::connect(url, shadow_url)?)),
    }
}

/// The URL with any password replaced, for messages.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (authority, tail) = rest.split_once('/').map_or((rest, None), |(a, t)| (a, Some(t)));
    let Some((userinfo, host)) = authority.rsplit_once('@') else {
        return url.to_string();
    };
    let user = userinfo.split(':').next().unwrap_or("");
    let hidden = if userinfo.contains(':') {
        format!("{user}:***")
    } else {
        user.to_string()
    };
    match tail {
        Some(t) => format!("{scheme}://{hidden}@{host}/{t}"),
        None => format!("{scheme}://{hidden}@{host}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords() {
        assert_eq!(
            redact("postgres://u:secret@h:5432/db?x=1"),
            "postgres://u:***@h:5432/db?x=1"
        );
        assert_eq!(redact("mysql://root@h/"), "mysql://root@h/");
        assert_eq!(redact("file:./dev.db"), "file:./dev.db");
    }

    #[test]
    fn schemes() {
        assert_eq!(provider_of_url("file:dev.db"), Some(Provider::Sqlite));
        assert_eq!(provider_of_url("postgresql://x"), Some(Provider::Postgres));
        assert_eq!(provider_of_url("mongodb://x"), None);
    }
}
