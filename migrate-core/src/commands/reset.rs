//! `migrate reset`: drop everything, then apply every migration.

use super::deploy::{apply_one, Applied};
use super::error::EngineError;
use super::lock::release;
use crate::driver::Driver;
use crate::migrations::{check_scripts, LocalMigration, MigrationSource};

/// `migrate reset`: drops every object of the database, the history table included, then
/// applies every migration of the folder in order, under the migration lock.
pub async fn reset(driver: &mut dyn Driver, dir: &dyn MigrationSource) -> Result<Applied, EngineError> {
    dir.check_provider(driver.dialect().provider())?;
    let local = dir.list()?;
    check_scripts(&local)?;
    driver.lock().await?;
    let result = reset_locked(driver, &local).await;
    release(driver, result).await
}

async fn reset_locked(driver: &mut dyn Driver, local: &[LocalMigration]) -> Result<Applied, EngineError> {
    driver.reset().await?;
    driver.create_history_table().await?;
    let mut applied = Applied::default();
    for m in local {
        apply_one(driver, m, &applied).await?;
        applied.names.push(m.name.clone());
    }
    Ok(applied)
}
