//! The migrations folder, checksums, and the reconciliation of the folder
//! with the `_prisma_migrations` rows.

pub mod checksum;
pub mod dir;
pub mod history;
pub mod time;

pub use dir::{check_scripts, slugify, LocalMigration, MigrationsDir, MigrationsError};
pub use history::{reconcile, HistoryRow, Reconciliation};
pub use time::Timestamp;
