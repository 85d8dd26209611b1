//! `migrate db push`: make the database match the schema, no migration file.

use super::data_loss::{self, DataLoss};
use super::error::EngineError;
use super::lock::release;
use super::stored_columns::align_with_database;
use crate::diff::{diff, Op};
use crate::driver::Driver;
use crate::schema::Schema;

#[derive(Debug)]
pub enum PushOutcome {
    InSync,
    /// Data would be lost and `accept_data_loss` was not given.
    NeedsConfirmation(DataLoss),
    Pushed {
        ops: Vec<Op>,
        loss: DataLoss,
    },
}

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
