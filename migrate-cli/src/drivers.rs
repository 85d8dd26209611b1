//! The CLI's view of the registry of databases (`migrate::databases()`):
//! which database serves a provider, connecting to a URL of it (the URL's
//! scheme is read, and the URL checked, by [`DatabaseUrl::provider`]), where
//! a URL points and creating a missing database. Nothing here names a
//! driver.

use crate::database_url::DatabaseUrl;
use crate::error::CliError;
use migrate::{Connect, Database, IfMissing};
use migrate_core::driver::{Dialect, Driver};
use migrate_core::psl::datamodel::Provider;
use std::path::Path;

pub use migrate::Place;

/// The CLI runs one command, one task at a time, on a current-thread
/// runtime: a blocking client's calls run on that thread (no handoff).
pub const CLI_CALLS: migrate::BlockingCalls = migrate::BlockingCalls::CallerThread;

/// The registered database serving `provider`.
pub fn database(provider: Provider) -> Result<&'static Database, CliError> {
    migrate::core::database::for_provider(migrate::databases(), provider).ok_or_else(|| {
        CliError::Usage(format!(
            "This build of migrate has no driver for `{}`.",
            provider.name()
        ))
    })
}

/// The database's name as Prisma prints it (`PostgreSQL database "app"`).
pub fn display_name(provider: Provider) -> &'static str {
    database(provider).map_or(provider.name(), |d| d.display_name)
}

/// Where `url` points, when it can be read.
pub fn place(url: &DatabaseUrl, provider: Provider) -> Option<Place> {
    (database(provider).ok()?.place)(url.as_str())
}

/// [`connect`], creating the database first when the server does not have
/// it (what `dev`, `deploy`, `db push` and `reset` do, as in Prisma). Returns
/// whether it was created.
pub async fn connect_or_create(
    url: &DatabaseUrl,
    provider: Provider,
    base_dir: &Path,
    shadow_url: Option<DatabaseUrl>,
    namespaces: &[String],
) -> Result<(Box<dyn Driver>, bool), CliError> {
    let shadow_url = checked_shadow(shadow_url, provider)?;
    let request = request(url, provider, base_dir, shadow_url.as_ref(), IfMissing::Fail)?;
    let request = Connect { namespaces, ..request };
    Ok(migrate::connect_or_create(database(provider)?, request).await?)
}

pub fn dialect_for(provider: Provider) -> Result<&'static dyn Dialect, CliError> {
    Ok(database(provider)?.dialect)
}

/// Connects to `url`, which must name an existing database of the schema's
/// `provider` ([`DriverError::DatabaseMissing`](migrate::DriverError) otherwise,
/// also for a SQLite file). `shadow_url` is the datasource's
/// `shadowDatabaseUrl`, if any; `namespaces` the datasource's `schemas`.
pub async fn connect(
    url: &DatabaseUrl,
    provider: Provider,
    base_dir: &Path,
    shadow_url: Option<DatabaseUrl>,
    namespaces: &[String],
) -> Result<Box<dyn Driver>, CliError> {
    let shadow_url = checked_shadow(shadow_url, provider)?;
    let request = request(url, provider, base_dir, shadow_url.as_ref(), IfMissing::Fail)?;
    open(Connect { namespaces, ..request }, provider).await
}

/// [`connect`] for `db execute`: a missing SQLite file is created by opening
/// it, as Prisma's engine does for a script; a server's database must exist.
pub async fn connect_for_script(
    url: &DatabaseUrl,
    provider: Provider,
    base_dir: &Path,
) -> Result<Box<dyn Driver>, CliError> {
    open(request(url, provider, base_dir, None, IfMissing::Open)?, provider).await
}

async fn open(request: Connect<'_>, provider: Provider) -> Result<Box<dyn Driver>, CliError> {
    Ok((database(provider)?.connect)(request).await?)
}

/// The connect request for `url`, refusing a URL of another provider.
fn request<'a>(
    url: &'a DatabaseUrl,
    provider: Provider,
    base_dir: &'a Path,
    shadow_url: Option<&'a String>,
    if_missing: IfMissing,
) -> Result<Connect<'a>, CliError> {
    url.expect_provider(provider)?;
    Ok(Connect {
        url: url.as_str(),
        shadow_url: shadow_url.map(String::as_str),
        base_dir,
        if_missing,
        blocking_calls: CLI_CALLS,
        namespaces: &[],
    })
}

/// The shadow database URL, refused when it is for another provider.
fn checked_shadow(shadow_url: Option<DatabaseUrl>, provider: Provider) -> Result<Option<String>, CliError> {
    match shadow_url {
        Some(shadow) if shadow.provider()? != provider => Err(CliError::Usage(format!(
            "The shadow database URL from {} is not for {}.",
            shadow.origin,
            provider.name()
        ))),
        other => Ok(other.map(|s| s.as_str().to_string())),
    }
}
