//! `migrate cache clear`, and where the replay cache is.

use crate::error::CliError;
use crate::output::outln;
use crate::project::Project;
use migrate_core::migrations::{MigrationsDir, ReplayCache};
use std::path::Path;
use std::process::ExitCode;

/// The environment variable that moves the replay cache (a folder path).
const CACHE_DIR: &str = "MIGRATE_CACHE_DIR";

/// The replay cache of a migrations folder: `MIGRATE_CACHE_DIR` when set,
/// else `.migrate-cache/` beside the folder.
pub fn of(migrations: &MigrationsDir) -> ReplayCache {
    match std::env::var_os(CACHE_DIR).filter(|d| !d.is_empty()) {
        Some(dir) => ReplayCache::at(dir),
        None => ReplayCache::beside(migrations),
    }
}

pub fn clear(schema: Option<&Path>) -> Result<ExitCode, CliError> {
    let project = Project::load(schema)?;
    let cache = of(&project.migrations);
    let removed = cache.clear().map_err(|source| CliError::Write {
        path: cache.dir().display().to_string(),
        source,
    })?;
    outln!(
        "Removed {removed} entr{} from the replay cache at {}.",
        if removed == 1 { "y" } else { "ies" },
        cache.dir().display()
    );
    Ok(ExitCode::SUCCESS)
}
