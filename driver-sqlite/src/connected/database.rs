//! SQLite's entry in the registry of databases.

use super::{database_path, SqliteDriver, SqliteUrl};
use migrate_core::database::{Connect, Database, IfMissing, Place};
use migrate_core::driver::{Driver, DriverError};
use migrate_core::psl::datamodel::Provider;
use std::path::Path;

/// SQLite, for `file:` and `sqlite:` URLs.
pub static DATABASE: Database = Database {
    provider: Provider::Sqlite,
    display_name: "SQLite",
    schemes: &["file", "sqlite"],
    dialect: &crate::SqliteDialect,
    connect: |request| Box::pin(async move { connect(request) }),
    // Opening a SQLite file creates it.
    create_database: |_| Box::pin(async { Ok(()) }),
    drop_database: |url| Box::pin(async move { drop_database(url) }),
    place,
};

fn connect(request: Connect<'_>) -> Result<Box<dyn Driver>, DriverError> {
    let path = database_path(request.url, request.base_dir)
        .ok_or_else(|| DriverError::connection("the URL is not a SQLite URL (file:./dev.db)"))?;
    if let SqliteUrl::File(file) = &path {
        if request.if_missing == IfMissing::Fail && !file.exists() {
            return Err(DriverError::DatabaseMissing {
                database: file.file_name().unwrap_or_default().to_string_lossy().into_owned(),
                // `prisma/./dev.db` shown as `prisma/dev.db`.
                location: file.components().collect::<std::path::PathBuf>().display().to_string(),
            });
        }
    }
    Ok(Box::new(SqliteDriver::open_with(&path, request.blocking_calls)?))
}

/// Removes the file a URL names (relative to the current folder), if it
/// exists; an in-memory database has nothing to remove.
fn drop_database(url: &str) -> Result<(), DriverError> {
    let Some(SqliteUrl::File(file)) = database_path(url, Path::new("")) else {
        return Ok(());
    };
    match std::fs::remove_file(&file) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(DriverError::connection(format!(
            "cannot remove {}: {e}",
            file.display()
        ))),
        _ => Ok(()),
    }
}

/// The file's name, and the URL as written (it holds no credentials; its
/// query is not shown).
fn place(url: &str) -> Option<Place> {
    let database = match database_path(url, Path::new(""))? {
        SqliteUrl::File(path) => path.file_name()?.to_string_lossy().into_owned(),
        SqliteUrl::Memory => ":memory:".into(),
    };
    Some(Place {
        database,
        schema: None,
        location: url.split('?').next().unwrap_or_default().to_string(),
    })
}
