//! `migrate reset`: drop everything, then apply every migration.

use super::deploy::{apply_one, Applied};
use super::error::EngineError;
use super::lock::with_lock;
use crate::driver::Driver;
use crate::migrations::{check_scripts, MigrationsDir};

pub fn reset(driver: &mut dyn Driver, dir: &MigrationsDir) -> Result<Applied, EngineError> {
    dir.check_provider(driver.dialect().provider())?;
    let local = dir.list()?;
    check_scripts(&local)?;
    with_lock(driver, |d| {
        d.reset()?;
        d.create_history_table()?;
        let mut applied = Applied::default();
        for m in &local {
            apply_one(d, m, &applied)?;
            applied.names.push(m.name.clone());
        }
        Ok(applied)
    })
}
