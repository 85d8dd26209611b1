//! Every command that writes runs under the database's migration lock:
//! `driver.lock().await?`, the work, then [`release`] whatever it returned.

use super::error::EngineError;
use crate::driver::Driver;

/// Releases the lock taken before `result` was computed and gives `result`
/// back; a failure to unlock is reported only when the work succeeded.
pub async fn release<T>(driver: &mut dyn Driver, result: Result<T, EngineError>) -> Result<T, EngineError> {
    let unlocked = driver.unlock().await;
    let value = result?;
    unlocked?;
    Ok(value)
}
