//! `migrate resolve --applied | --rolled-back NAME`, with Prisma's row
//! semantics: rows are never deleted, so the history keeps what happened.

use super::deploy::started_row;
use super::error::EngineError;
use super::lock::release;
use crate::driver::Driver;
use crate::migrations::{MigrationSource, Timestamp};

/// Marks `name` applied (baselining, or a migration finished by hand).
pub async fn resolve_applied(
    driver: &mut dyn Driver,
    dir: &dyn MigrationSource,
    name: &str,
) -> Result<(), EngineError> {
    dir.check_provider(driver.dialect().provider())?;
    driver.lock().await?;
    let result = applied_locked(driver, dir, name).await;
    release(driver, result).await
}

async fn applied_locked(driver: &mut dyn Driver, dir: &dyn MigrationSource, name: &str) -> Result<(), EngineError> {
    let migration = dir
        .list()?
        .into_iter()
        .find(|m| m.name == name)
        .ok_or_else(|| EngineError::MigrationNotFound { name: name.into() })?;
    if !driver.history_table_exists().await? {
        driver.create_history_table().await?;
    }
    let rows = driver.history().await?;
    let mine = rows.iter().filter(|r| r.migration_name == name);
    if mine.clone().any(|r| r.is_applied()) {
        return Err(EngineError::AlreadyApplied { name: name.into() });
    }
    for failed in mine.filter(|r| r.is_failed()) {
        let mut row = failed.clone();
        row.rolled_back_at = Some(Timestamp::now());
        driver.update_history(&row).await?;
    }
    let mut row = started_row(&migration);
    row.finished_at = Some(Timestamp::now());
    row.logs = None;
    Ok(driver.insert_history(&row).await?)
}

/// Marks the failed rows of `name` rolled back, so `deploy` applies it again.
pub async fn resolve_rolled_back(
    driver: &mut dyn Driver,
    dir: &dyn MigrationSource,
    name: &str,
) -> Result<(), EngineError> {
    dir.check_provider(driver.dialect().provider())?;
    driver.lock().await?;
    let result = rolled_back_locked(driver, name).await;
    release(driver, result).await
}

async fn rolled_back_locked(driver: &mut dyn Driver, name: &str) -> Result<(), EngineError> {
    if !driver.history_table_exists().await? {
        return Err(EngineError::NoHistory);
    }
    let rows = driver.history().await?;
    let mine: Vec<_> = rows.iter().filter(|r| r.migration_name == name).collect();
    if mine.is_empty() {
        return Err(EngineError::NeverApplied { name: name.into() });
    }
    let failed: Vec<_> = mine.into_iter().filter(|r| r.is_failed()).collect();
    if failed.is_empty() {
        return Err(EngineError::NotFailed { name: name.into() });
    }
    for r in failed {
        let mut row = r.clone();
        row.rolled_back_at = Some(Timestamp::now());
        driver.update_history(&row).await?;
    }
    Ok(())
}
