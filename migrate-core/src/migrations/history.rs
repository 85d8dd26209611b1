//! `_prisma_migrations` rows and their reconciliation with the folder:
//! written once here, for every driver.

use super::checksum;
use super::dir::LocalMigration;
use super::time::Timestamp;
use std::collections::{HashMap, HashSet};

/// One row of `_prisma_migrations`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryRow {
    /// The row's primary key: a random UUID (v4), hyphenated.
    pub id: String,
    /// The lowercase hex SHA-256 of the script that was applied.
    pub checksum: String,
    /// When the migration finished; `None` while it runs, or after it failed.
    pub finished_at: Option<Timestamp>,
    /// The migration's directory name (`20240101120000_init`).
    pub migration_name: String,
    /// What went wrong, for a failed migration; `None` otherwise.
    pub logs: Option<String>,
    /// When `migrate resolve` marked the row rolled back; `None` otherwise.
    pub rolled_back_at: Option<Timestamp>,
    /// When the migration started.
    pub started_at: Timestamp,
    /// 1 once the script ran to the end (Prisma counts a script as one step), 0 for a migration
    /// marked applied by `migrate resolve`; for a failed one, how many of its statements ran and
    /// stay applied (0 where the database rolled it back).
    pub applied_steps_count: u32,
}

impl HistoryRow {
    /// Neither finished nor rolled back: failed, or still running.
    pub fn is_failed(&self) -> bool {
        self.finished_at.is_none() && self.rolled_back_at.is_none()
    }

    /// Finished, and not rolled back.
    pub fn is_applied(&self) -> bool {
        self.finished_at.is_some() && self.rolled_back_at.is_none()
    }
}

/// Where the database stands against the folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reconciliation {
    /// Folder migrations with a finished row.
    pub applied: Vec<String>,
    /// Folder migrations with no row that is not rolled back, in order.
    pub pending: Vec<LocalMigration>,
    /// Rows that failed (or are running) and were never resolved.
    pub failed: Vec<HistoryRow>,
    /// Applied migrations whose file changed since.
    pub edited: Vec<String>,
    /// Applied rows whose migration is not in the folder (a failed row
    /// whose file is gone is in `failed` only).
    pub missing_locally: Vec<String>,
}

impl Reconciliation {
    /// Whether nothing is pending, failed or missing locally (an edited migration does not count).
    pub fn is_up_to_date(&self) -> bool {
        self.pending.is_empty() && self.failed.is_empty() && self.missing_locally.is_empty()
    }
}

/// Compares the folder (in order) with the rows (ordered by `started_at`).
/// Linear in the number of migrations and rows.
pub fn reconcile(local: &[LocalMigration], rows: &[HistoryRow]) -> Reconciliation {
    let mut live: HashMap<&str, Vec<&HistoryRow>> = HashMap::new();
    for row in rows.iter().filter(|row| row.rolled_back_at.is_none()) {
        live.entry(row.migration_name.as_str()).or_default().push(row);
    }
    let mut r = Reconciliation::default();
    for m in local {
        let live = live.get(m.name.as_str()).map_or(&[][..], Vec::as_slice);
        match live.iter().find(|row| row.finished_at.is_some()) {
            Some(row) => {
                r.applied.push(m.name.clone());
                if row.checksum != m.checksum && !checksum::matches(&row.checksum, &m.script) {
                    r.edited.push(m.name.clone());
                }
            }
            None if live.is_empty() => r.pending.push(m.clone()),
            None => {}
        }
    }
    r.failed = rows.iter().filter(|row| row.is_failed()).cloned().collect();
    let local_names: HashSet<&str> = local.iter().map(|m| m.name.as_str()).collect();
    let mut reported = HashSet::new();
    r.missing_locally = rows
        .iter()
        // A failed row is reported as failed, not also as applied-but-missing.
        .filter(|row| row.rolled_back_at.is_none() && !row.is_failed())
        .map(|row| row.migration_name.as_str())
        .filter(|name| !local_names.contains(name) && reported.insert(*name))
        .map(str::to_string)
        .collect();
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::migrations::checksum::checksum;

    fn local(name: &str, script: &str) -> LocalMigration {
        LocalMigration {
            name: name.into(),
            path: name.into(),
            script: script.as_bytes().to_vec(),
            checksum: checksum(script.as_bytes()),
        }
    }

    fn row(name: &str, script: &str, finished: bool, rolled_back: bool) -> HistoryRow {
        HistoryRow {
            id: format!("id-{name}"),
            checksum: checksum(script.as_bytes()),
            finished_at: finished.then_some(Timestamp(2)),
            migration_name: name.into(),
            logs: None,
            rolled_back_at: rolled_back.then_some(Timestamp(3)),
            started_at: Timestamp(1),
            applied_steps_count: u32::from(finished),
        }
    }

    #[test]
    fn applied_pending_edited_missing() {
        let folder = [local("1_a", "A"), local("2_b", "B2"), local("3_c", "C")];
        let rows = [
            row("1_a", "A", true, false),
            row("2_b", "B", true, false),
            row("0_gone", "G", true, false),
        ];
        let r = reconcile(&folder, &rows);
        assert_eq!(r.applied, ["1_a", "2_b"]);
        assert_eq!(r.edited, ["2_b"]);
        assert_eq!(r.pending.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(), ["3_c"]);
        assert_eq!(r.missing_locally, ["0_gone"]);
        assert!(!r.is_up_to_date());
    }

    #[test]
    fn a_failed_row_without_its_file_is_failed_not_also_missing() {
        let r = reconcile(
            &[local("1_a", "A")],
            &[row("1_a", "A", true, false), row("2_gone", "G", false, false)],
        );
        assert_eq!(r.failed.len(), 1);
        assert!(r.missing_locally.is_empty(), "{:?}", r.missing_locally);
    }

    #[test]
    fn a_failed_row_blocks_and_a_rolled_back_one_is_pending_again() {
        let folder = [local("1_a", "A")];
        let failed = reconcile(&folder, &[row("1_a", "A", false, false)]);
        assert_eq!(failed.failed.len(), 1);
        assert!(
            failed.pending.is_empty(),
            "a failed migration is not pending until resolved"
        );
        let rolled_back = reconcile(&folder, &[row("1_a", "A", false, true)]);
        assert!(rolled_back.failed.is_empty());
        assert_eq!(rolled_back.pending.len(), 1);
        let retried = reconcile(&folder, &[row("1_a", "A", false, true), row("1_a", "A", true, false)]);
        assert_eq!(retried.applied, ["1_a"]);
        assert!(retried.is_up_to_date());
    }

    #[test]
    fn a_missing_migration_is_reported_once_whatever_its_rows_order() {
        let rows = [
            row("0_gone", "G", true, false),
            row("1_a", "A", true, false),
            row("0_gone", "G", true, false),
        ];
        let r = reconcile(&[local("1_a", "A")], &rows);
        assert_eq!(r.missing_locally, ["0_gone"]);
    }

    #[test]
    fn crlf_checkout_is_not_an_edit() {
        let r = reconcile(&[local("1_a", "A\r\nB\r\n")], &[row("1_a", "A\nB\n", true, false)]);
        assert!(r.edited.is_empty());
    }
}
