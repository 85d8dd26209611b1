//! The migrations folder (or migrations embedded in a binary), checksums, and the reconciliation of the folder
//! with the `_prisma_migrations` rows.

pub mod checksum;
pub mod dir;
pub mod history;
pub mod order;
pub mod replay_cache;
pub mod source;
pub mod time;

pub use dir::{check_scripts, slugify, LocalMigration, MigrationsDir, MigrationsError};
pub use history::{reconcile, HistoryRow, Reconciliation};
pub use replay_cache::{CacheKey, CachedSchema, ReplayCache};
pub use source::{EmbeddedMigration, EmbeddedMigrations, MigrationSource};
pub use time::Timestamp;
