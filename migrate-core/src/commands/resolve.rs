//! `migrate resolve --applied | --rolled-back NAME`, with Prisma's row
//! semantics: rows are never deleted, so the history keeps what happened.

use super::deploy::started_row;
use super::error::EngineError;
use super::lock::with_lock;
use crate::driver::Driver;
use crate::migrations::{MigrationsDir, Timestamp};

/// Marks `name` applied (baselining, or a migration finished by hand).
pub fn resolve_applied(driver: &mut dyn Driver, dir: &MigrationsDir, name: &str) -> Result<(), EngineError> {
    dir.check_provider(driver.dialect().provider())?;
    with_lock(driver, |d| applied_locked(d, dir, name))
}

fn applied_locked(driver: &mut dyn Driver, dir: &MigrationsDir, name: &str) -> Result<(), EngineError> {
    let migration = dir
        .list()?
        .into_iter()
        .find(|m| m.name == name)
        .ok_or_else(|| EngineError::MigrationNotFound { name: name.into() })?;
    if !driver.history_table_exists()? {
        driver.create_history_table()?;
    }
    let rows = driver.history()?;
    let mine = rows.iter().filter(|r| r.migration_name == name);
    if mine.clone().any(|r| r.is_applied()) {
        return Err(EngineError::AlreadyApplied { name: name.into() });
    }
    for failed in mine.filter(|r| r.is_failed()) {
        let mut row = failed.clone();
        row.rolled_back_at = Some(Timestamp::now());
        driver.update_history(&row)?;
    }
    let mut row = started_row(&migration);
    row.finished_at = Some(Timestamp::now());
    row.logs = None;
    Ok(driver.insert_history(&row)?)
}

/// Marks the failed rows of `name` rolled back, so `deploy` applies it again.
pub fn resolve_rolled_back(driver: &mut dyn Driver, dir: &MigrationsDir, name: &str) -> Result<(), EngineError> {
    dir.check_provider(driver.dialect().provider())?;
    with_lock(driver, |d| rolled_back_locked(d, name))
}

fn rolled_back_locked(driver: &mut dyn Driver, name: &str) -> Result<(), EngineError> {
    if !driver.history_table_exists()? {
        return Err(EngineError::NoHistory);
    }
    let rows = driver.history()?;
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
        driver.update_history(&row)?;
    }
    Ok(())
}
