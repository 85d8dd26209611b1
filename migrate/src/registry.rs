//! The databases this build serves: one line per database, each behind its
//! cargo feature. Everything that needs a database by URL or provider (this
//! crate's `connect`, the CLI, the test harness) reads this list.

use migrate_core::database::Database;

static DATABASES: &[&Database] = &[
    #[cfg(feature = "sqlite")]
    &driver_sqlite::DATABASE,
    #[cfg(feature = "postgres")]
    &driver_postgres::DATABASE,
    #[cfg(feature = "mysql")]
    &driver_mysql::DATABASE,
];

/// Every database compiled in, in the order the CLI lists them.
pub fn databases() -> &'static [&'static Database] {
    DATABASES
}
