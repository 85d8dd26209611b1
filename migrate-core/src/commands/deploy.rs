//! `migrate deploy` (and the apply step of `dev` and `reset`): pending
//! migrations in order, each recorded, under the lock. Never generates SQL.

use super::error::EngineError;
use super::lock::release;
use crate::driver::Driver;
use crate::migrations::{check_scripts, reconcile, HistoryRow, LocalMigration, MigrationSource, Timestamp};

/// What a successful apply did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// The migrations applied, in order.
    pub names: Vec<String>,
}

/// Every migration script must be UTF-8 text, applied or not (as Prisma reads
/// them all): one that is not is refused before the lock is even taken.
pub async fn deploy(driver: &mut dyn Driver, dir: &dyn MigrationSource) -> Result<Applied, EngineError> {
    dir.check_provider(driver.dialect().provider())?;
    let local = dir.list()?;
    check_scripts(&local)?;
    driver.lock().await?;
    let result = deploy_locked(driver, &local).await;
    release(driver, result).await
}

async fn deploy_locked(driver: &mut dyn Driver, local: &[LocalMigration]) -> Result<Applied, EngineError> {
    ensure_history_table(driver).await?;
    let state = reconcile(local, &driver.history().await?);
    if !state.failed.is_empty() {
        let names = state.failed.iter().map(|r| r.migration_name.clone()).collect();
        return Err(EngineError::FailedMigrations { names });
    }
    let mut applied = Applied::default();
    for migration in &state.pending {
        apply_one(driver, migration, &applied).await?;
        applied.names.push(migration.name.clone());
    }
    Ok(applied)
}

/// Creates the history table, refusing a database that already has tables
/// but no history (it must be baselined first).
async fn ensure_history_table(driver: &mut dyn Driver) -> Result<(), EngineError> {
    if driver.history_table_exists().await? {
        return Ok(());
    }
    if driver.has_tables().await? {
        return Err(EngineError::NotEmptyWithoutHistory);
    }
    Ok(driver.create_history_table().await?)
}

/// Runs one migration; a failure is recorded in its row with the error.
pub(crate) async fn apply_one(
    driver: &mut dyn Driver,
    migration: &LocalMigration,
    before: &Applied,
) -> Result<(), EngineError> {
    let script = migration.script_text()?;
    let row = started_row(migration);
    let Err(failure) = driver.apply_migration(script, &row).await else {
        return Ok(());
    };
    let steps = if failure.rolled_back { 0 } else { failure.applied_steps };
    let failed = HistoryRow {
        logs: Some(failure_log(migration, &failure)),
        applied_steps_count: steps,
        ..row
    };
    if driver.history().await?.iter().any(|r| r.id == failed.id) {
        driver.update_history(&failed).await?;
    } else {
        driver.insert_history(&failed).await?;
    }
    Err(EngineError::MigrationFailed {
        name: migration.name.clone(),
        applied: before.names.clone(),
        failure: Box::new(failure),
    })
}

pub(crate) fn started_row(migration: &LocalMigration) -> HistoryRow {
    HistoryRow {
        id: uuid::Uuid::new_v4().to_string(),
        checksum: migration.checksum.clone(),
        finished_at: None,
        migration_name: migration.name.clone(),
        logs: None,
        rolled_back_at: None,
        started_at: Timestamp::now(),
        applied_steps_count: 0,
    }
}

fn failure_log(migration: &LocalMigration, failure: &crate::driver::ScriptError) -> String {
    let mut log = format!(
        "Migration `{}` failed to apply.\n\nDatabase error: {}\n",
        migration.name, failure.error
    );
    if let crate::driver::DriverError::Query { code: Some(code), .. } = &failure.error {
        log.push_str(&format!("Database error code: {code}\n"));
    }
    if !failure.rolled_back && failure.applied_steps > 0 {
        log.push_str(&format!(
            "\n{} statement(s) ran before the failing one and stay applied.\n",
            failure.applied_steps
        ));
    }
    if let Some(statement) = &failure.statement {
        log.push_str(&format!("\nFailing statement:\n{statement}\n"));
    }
    log
}
