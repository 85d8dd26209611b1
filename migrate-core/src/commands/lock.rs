//! Every command that writes runs under the database's migration lock.

use super::error::EngineError;
use crate::driver::Driver;

/// Runs `f` holding the lock; the lock is released whatever `f` returns.
pub fn with_lock<T>(
    driver: &mut dyn Driver,
    f: impl FnOnce(&mut dyn Driver) -> Result<T, EngineError>,
) -> Result<T, EngineError> {
    driver.lock()?;
    let result = f(driver);
    let unlocked = driver.unlock();
    let value = result?;
    unlocked?;
    Ok(value)
}
