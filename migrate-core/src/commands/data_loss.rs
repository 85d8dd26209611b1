//! Warnings of a plan checked against the database: which would lose data
//! or cannot run because the tables they touch have rows.

use super::error::EngineError;
use crate::diff::{removed_values, warnings, EnumUsage, Op, Warning};
use crate::driver::Driver;
use crate::schema::{Enum, Schema};

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
    // The enum warnings come in the order of their steps.
    let mut removals = ops.iter().filter_map(|op| match op {
        Op::AlterEnum { from, to, usages } => {
            let removed = removed_values(from, to);
            (!removed.is_empty()).then_some((to, usages, removed))
        }
        _ => None,
    });
    for w in all {
        if w.table.name.is_empty() {
            let (to, usages, removed) = removals.next().expect("a warning per enum losing values");
            match holders(driver, usages, &removed).await? {
                None => loss.losing.push(w.message),
                Some(held) => loss.unexecutable.extend(
                    held.into_iter()
                        .map(|(usage, rows)| still_held(to, usage, &removed, rows)),
                ),
            }
            continue;
        }
        let rows = match current.table_named(&w.table) {
            Some(_) => driver.row_count(&w.table).await?,
            None => 0,
        };
        if rows == 0 {
            continue;
        }
        let line = format!("{} (The table has {rows} row(s).)", w.message);
        if w.unexecutable {
            loss.unexecutable.push(line);
        } else {
            loss.losing.push(line);
        }
    }
    Ok(loss)
}

/// The columns that keep the enum and hold a removed value, with how many
/// rows do; `None` when the driver cannot count them (the removal then asks
/// for confirmation, as Prisma's warning does).
async fn holders<'a>(
    driver: &mut dyn Driver,
    usages: &'a [EnumUsage],
    removed: &[String],
) -> Result<Option<Vec<(&'a EnumUsage, u64)>>, EngineError> {
    let mut held = Vec::new();
    for usage in usages.iter().filter(|u| !u.leaves_enum) {
        match driver
            .rows_holding(&usage.table, &usage.column, usage.list, removed)
            .await?
        {
            None => return Ok(None),
            Some(0) => {}
            Some(rows) => held.push((usage, rows)),
        }
    }
    Ok(Some(held))
}

fn still_held(to: &Enum, usage: &EnumUsage, removed: &[String], rows: u64) -> String {
    format!(
        "The values [{}] on the enum `{}` will be removed, but {rows} row(s) of the `{}` table still hold them in the column `{}`: update those rows first (a data migration: `--create-only`, then an UPDATE before the step).",
        removed.join(","),
        to.name,
        usage.table.name,
        usage.column
    )
}
