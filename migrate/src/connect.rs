//! Connecting by URL through the registry.

use crate::registry::databases;
use migrate_core::database::{self, BlockingCalls, Connect, Database, IfMissing};
use migrate_core::driver::{Driver, DriverError};
use std::path::Path;

/// One session on the database `url` names (`postgresql://…`, `mysql://…`,
/// `file:./dev.db`), which must exist. A relative SQLite path is read from
/// the current folder.
///
/// Errors: [`DriverError::Connection`] for a URL no compiled-in database
/// serves (its cargo feature is off) or a server that cannot be reached;
/// [`DriverError::DatabaseMissing`] (P1003) when the database does not
/// exist. Messages never hold the URL's password.
pub async fn connect(url: &str) -> Result<Box<dyn Driver>, DriverError> {
    let request = Connect {
        url,
        shadow_url: None,
        base_dir: Path::new("."),
        if_missing: IfMissing::Fail,
        blocking_calls: BlockingCalls::OwnThread,
        namespaces: &[],
    };
    (database_for_url(url)?.connect)(request).await
}

/// [`connect`], creating the database first when it does not exist (as
/// `prisma migrate deploy` does). Also returns whether it was created.
pub async fn connect_or_create(
    database: &Database,
    request: Connect<'_>,
) -> Result<(Box<dyn Driver>, bool), DriverError> {
    match (database.connect)(request).await {
        Err(DriverError::DatabaseMissing { .. }) => {
            (database.create_database)(request.url).await?;
            let driver = (database.connect)(Connect {
                if_missing: IfMissing::Open,
                ..request
            })
            .await?;
            Ok((driver, true))
        }
        other => other.map(|driver| (driver, false)),
    }
}

/// The compiled-in database whose URL scheme `url` has. Errors with a
/// [`DriverError::Connection`] naming the scheme (never the URL).
pub fn database_for_url(url: &str) -> Result<&'static Database, DriverError> {
    database::for_url(databases(), url).ok_or_else(|| {
        DriverError::connection(match url.trim().split_once(':') {
            Some((scheme, _)) => format!(
                "no database of this build serves `{scheme}:` URLs (the `migrate` crate's cargo features choose the databases: sqlite, postgres, mysql)"
            ),
            None => "the database URL has no scheme: it starts with postgresql://, mysql:// or file:".into(),
        })
    })
}
