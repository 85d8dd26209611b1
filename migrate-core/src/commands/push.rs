//! `migrate db push`: make the database match the schema, no migration file.

use super::data_loss::{self, DataLoss};
use super::error::EngineError;
use super::lock::release;
use super::stored_columns::align_with_database;
use crate::diff::{diff, Op};
use crate::driver::Driver;
use crate::schema::Schema;

/// How `db push` ended.
#[derive(Debug)]
pub enum PushOutcome {
    /// The database already matches the schema: nothing was run.
    InSync,
    /// Data would be lost and `accept_data_loss` was not given.
    NeedsConfirmation(DataLoss),
    /// The database now matches the schema.
    Pushed {
        /// The steps run, in order.
        ops: Vec<Op>,
        /// The data-loss warnings of those steps (accepted).
        loss: DataLoss,
    },
}

/// `migrate db push`: makes the database match `target` (the schema file lowered for this
/// driver's dialect) without a migration file, under the migration lock. Errors:
/// [`EngineError::Unexecutable`] when a step cannot run on the rows the tables hold.
pub async fn push(
    driver: &mut dyn Driver,
    target: &Schema,
    accept_data_loss: bool,
) -> Result<PushOutcome, EngineError> {
    driver.lock().await?;
    let result = push_locked(driver, target, accept_data_loss).await;
    release(driver, result).await
}

async fn push_locked(
    driver: &mut dyn Driver,
    target: &Schema,
    accept_data_loss: bool,
) -> Result<PushOutcome, EngineError> {
    let current = driver.introspect().await?;
    let mut target = target.clone();
    align_with_database(driver, &current, &mut target).await?;
    let ops = diff(&current, &target, driver.dialect());
    if ops.is_empty() {
        return Ok(PushOutcome::InSync);
    }
    let loss = data_loss::check(driver, &current, &ops).await?;
    if !loss.unexecutable.is_empty() {
        return Err(EngineError::Unexecutable {
            steps: loss.unexecutable,
        });
    }
    if loss.is_destructive() && !accept_data_loss {
        return Ok(PushOutcome::NeedsConfirmation(loss));
    }
    let script = driver.dialect().render(&ops)?;
    driver
        .apply_script(&script)
        .await
        .map_err(|f| EngineError::Driver(f.error))?;
    Ok(PushOutcome::Pushed { ops, loss })
}
