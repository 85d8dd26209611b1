//! The driver table: which dialect serves which provider, which driver
//! connects to a URL of that provider (the URL's scheme is read, and the URL
//! checked, by [`DatabaseUrl::provider`]), where a URL points and how a
//! missing database is created. Adding a database is one line in each, and
//! one in that scheme table.

use crate::database_url::DatabaseUrl;
use crate::error::CliError;
use driver_sqlite::{database_path, SqliteDriver, SqliteUrl};
use migrate_core::driver::{Dialect, Driver, DriverError};
use migrate_core::psl::datamodel::Provider;
use std::path::Path;

/// The database's name as Prisma prints it (`PostgreSQL database "app"`).
pub fn display_name(provider: Provider) -> &'static str {
    match provider {
        Provider::Sqlite => "SQLite",
        Provider::Postgres => "PostgreSQL",
        Provider::Mysql => "MySQL",
    }
}

/// Where a database URL points, without its credentials: what the header
/// of a database command and the "created" message name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The database's name (a SQLite file's name).
    pub database: String,
    /// PostgreSQL's schema (`?schema=`, default `public`).
    pub schema: Option<String>,
    /// `host:port` or `unix:PATH` for servers; the URL as written for SQLite.
    pub location: String,
}

/// Where `url` points, when it can be read.
pub fn place(url: &DatabaseUrl, provider: Provider) -> Option<Place> {
    match provider {
        Provider::Sqlite => {
            let file = match database_path(url.as_str(), Path::new(""))? {
                SqliteUrl::File(path) => path.file_name()?.to_string_lossy().into_owned(),
                SqliteUrl::Memory => ":memory:".into(),
            };
            // The URL of a SQLite file holds no credentials; its query is not shown.
            let location = url.as_str().split('?').next().unwrap_or_default().to_string();
            Some(Place {
                database: file,
                schema: None,
                location,
            })
        }
        Provider::Postgres => driver_postgres::PgUrl::parse(url.as_str()).ok().map(|u| Place {
            location: u.location(),
            database: u.database,
            schema: Some(u.schema),
        }),
        Provider::Mysql => driver_mysql::MysqlUrl::parse(url.as_str()).ok().map(|u| Place {
            location: u.location(),
            database: u.database,
            schema: None,
        }),
    }
}

/// Creates the database `url` names, which does not exist (Prisma's
/// `create-database`). A SQLite file is created by opening it.
fn create_database(url: &DatabaseUrl, provider: Provider) -> Result<(), DriverError> {
    match provider {
        Provider::Sqlite => Ok(()),
        Provider::Postgres => driver_postgres::create_database(url.as_str()),
        Provider::Mysql => driver_mysql::create_database(url.as_str()),
    }
}

/// [`connect`], creating the database first when the server does not have
/// it (what `dev`, `deploy`, `db push` and `reset` do, as in Prisma). Returns
/// whether it was created.
pub fn connect_or_create(
    url: &DatabaseUrl,
    provider: Provider,
    base_dir: &Path,
    shadow_url: Option<DatabaseUrl>,
) -> Result<(Box<dyn Driver>, bool), CliError> {
    match connect(url, provider, base_dir, shadow_url.clone()) {
        Err(CliError::Driver(DriverError::DatabaseMissing { .. })) => {
            create_database(url, provider)?;
            let driver = open(url, provider, base_dir, shadow_url, Missing::Create)?;
            Ok((driver, true))
        }
        other => other.map(|driver| (driver, false)),
    }
}

pub fn dialect_for(provider: Provider) -> Result<Box<dyn Dialect>, CliError> {
    match provider {
        Provider::Sqlite => Ok(Box::new(driver_sqlite::SqliteDialect)),
        Provider::Postgres => Ok(Box::new(driver_postgres::PostgresDialect)),
        Provider::Mysql => Ok(Box::new(driver_mysql::MysqlDialect)),
    }
}

/// Connects to `url`, which must name an existing database of the schema's
/// `provider` ([`DriverError::DatabaseMissing`] otherwise, also for a SQLite
/// file). `shadow_url` is the datasource's `shadowDatabaseUrl`, if any.
pub fn connect(
    url: &DatabaseUrl,
    provider: Provider,
    base_dir: &Path,
    shadow_url: Option<DatabaseUrl>,
) -> Result<Box<dyn Driver>, CliError> {
    open(url, provider, base_dir, shadow_url, Missing::Fail)
}

/// [`connect`] for `db execute`: a missing SQLite file is created by opening
/// it, as Prisma's engine does for a script; a server's database must exist.
pub fn connect_for_script(url: &DatabaseUrl, provider: Provider, base_dir: &Path) -> Result<Box<dyn Driver>, CliError> {
    open(url, provider, base_dir, None, Missing::Create)
}

/// Whether a missing SQLite file may be created by opening it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Missing {
    Create,
    Fail,
}

fn open(
    url: &DatabaseUrl,
    provider: Provider,
    base_dir: &Path,
    shadow_url: Option<DatabaseUrl>,
    missing: Missing,
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
            if let SqliteUrl::File(file) = &path {
                if missing == Missing::Fail && !file.exists() {
                    return Err(DriverError::DatabaseMissing {
                        database: file.file_name().unwrap_or_default().to_string_lossy().into_owned(),
                        // `prisma/./dev.db` shown as `prisma/dev.db`.
                        location: file.components().collect::<std::path::PathBuf>().display().to_string(),
                    }
                    .into());
                }
            }
            Ok(Box::new(SqliteDriver::open(&path)?))
        }
        Provider::Postgres => Ok(Box::new(driver_postgres::PostgresDriver::connect(
            url.as_str(),
            shadow_url,
        )?)),
        Provider::Mysql => Ok(Box::new(driver_mysql::MysqlDriver::connect(url.as_str(), shadow_url)?)),
    }
}
