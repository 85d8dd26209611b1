//! `migrate status`: where the database stands against the folder, in
//! Prisma's words; "up to date" or the reasons it is not.

use super::error::EngineError;
use crate::driver::Driver;
use crate::migrations::{reconcile, HistoryRow, MigrationSource, Reconciliation};

/// Where the database stands against the migrations folder (`migrate status`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// No `_prisma_migrations` table.
    NoHistory {
        /// How many migrations the folder holds.
        local: usize,
    },
    /// The history table exists; how it compares with the folder.
    Known {
        /// How many migrations the folder holds.
        local: usize,
        /// Which migrations are applied, pending, failed, edited or missing locally.
        state: Reconciliation,
    },
}

impl Status {
    /// Whether nothing is pending, failed or missing locally (an edited migration does not
    /// count); with no history table, whether the folder is empty.
    pub fn is_up_to_date(&self) -> bool {
        match self {
            Status::NoHistory { local } => *local == 0,
            Status::Known { state, .. } => state.is_up_to_date(),
        }
    }

    /// How many migrations the folder holds.
    pub fn local(&self) -> usize {
        match self {
            Status::NoHistory { local } | Status::Known { local, .. } => *local,
        }
    }

    /// The report a person reads, after the count of migrations found.
    pub fn report(&self) -> String {
        match self {
            Status::NoHistory { .. } => "The database has no migration history table (_prisma_migrations). If it already has your schema, baseline it with `migrate resolve --applied <name>`; otherwise run `migrate deploy`.\n".to_string(),
            Status::Known { state, .. } => known_report(state),
        }
    }
}

fn known_report(s: &Reconciliation) -> String {
    let mut out = String::new();
    let names = |v: &[String]| v.iter().map(|n| format!("  {n}\n")).collect::<String>();
    if !s.failed.is_empty() {
        let failed: Vec<String> = s.failed.iter().map(failed_line).collect();
        out += &format!("\nFollowing migration(s) have failed:\n{}\nDuring development, fix the migration and reset the database. In production, fix the database by hand, then run `migrate resolve --rolled-back <name>` to retry, or `migrate resolve --applied <name>` if you finished it yourself.\n", names(&failed));
    }
    if !s.missing_locally.is_empty() {
        out += &format!("\nThe migrations from the database are not found locally in the migrations folder:\n{}\nYour local migration history and the database's have diverged: restore the missing migrations from version control.\n", names(&s.missing_locally));
    }
    if !s.pending.is_empty() {
        let pending: Vec<String> = s.pending.iter().map(|m| m.name.clone()).collect();
        out += &format!("\nFollowing migration(s) have not yet been applied:\n{}\nTo apply them, run `migrate deploy` (or `migrate dev` in development).\n", names(&pending));
    }
    if !s.edited.is_empty() {
        out += &format!(
            "\nThese migrations were modified after they were applied:\n{}",
            names(&s.edited)
        );
    }
    if s.is_up_to_date() {
        out += "\nDatabase schema is up to date!\n";
    }
    out
}

/// A failed migration, with what of it stays applied where the database
/// has no transactional DDL.
fn failed_line(row: &HistoryRow) -> String {
    match row.applied_steps_count {
        0 => row.migration_name.clone(),
        n => format!(
            "{} ({n} of its statements ran before the failing one and stay applied: undo them, or finish the migration by hand, before resolving)",
            row.migration_name
        ),
    }
}

/// Compares the folder with the database's `_prisma_migrations`, without the lock and without
/// changing anything. Errors: a folder for another provider, an unreadable folder, the
/// database's errors.
pub async fn status(driver: &mut dyn Driver, dir: &dyn MigrationSource) -> Result<Status, EngineError> {
    dir.check_provider(driver.dialect().provider())?;
    let local = dir.list()?;
    if !driver.history_table_exists().await? {
        return Ok(Status::NoHistory { local: local.len() });
    }
    let state = reconcile(&local, &driver.history().await?);
    Ok(Status::Known {
        local: local.len(),
        state,
    })
}
