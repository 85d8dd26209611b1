//! Warnings of a plan checked against the database: which would lose data
//! or cannot run because the tables they touch have rows.

use super::error::EngineError;
use crate::diff::{warnings, Op, Warning};
use crate::driver::Driver;
use crate::schema::Schema;

/// The data-loss warnings of a plan, checked against the rows the database holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DataLoss {
    /// Every warning, for the migration file header.
    pub all: Vec<Warning>,
    /// Warnings on tables that have rows, with the count, for a person.
    pub losing: Vec<String>,
    /// Steps that cannot run on the tables' current rows.
    pub unexecutable: Vec<String>,
}

impl DataLoss {
    /// Whether the plan would lose data that exists: a person must confirm it.
    pub fn is_destructive(&self) -> bool {
        !self.losing.is_empty()
    }
}

/// `current` is the database's schema before the plan runs.
pub async fn check(driver: &mut dyn Driver, current: &Schema, ops: &[Op]) -> Result<DataLoss, EngineError> {
    let all = warnings(ops, driver.dialect());
    let mut loss = DataLoss {
        all: all.clone(),
        ..Default::default()
    };
    for w in all {
        let rows = match current.table_named(&w.table) {
            Some(_) => driver.row_count(&w.table).await?,
            None if w.table.name.is_empty() => 1,
            None => 0,
        };
        if rows == 0 {
            continue;
        }
        let line = if w.table.name.is_empty() {
            w.message
        } else {
            format!("{} (The table has {rows} row(s).)", w.message)
        };
        if w.unexecutable {
            loss.unexecutable.push(line);
        } else {
            loss.losing.push(line);
        }
    }
    Ok(loss)
}
