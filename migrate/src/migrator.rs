//! [`Migrator`]: the workflow commands a running service needs, over one
//! migrations source.

use migrate_core::commands::{self, Applied, EngineError, Status};
use migrate_core::diff::{diff, Op};
use migrate_core::driver::Driver;
use migrate_core::migrations::MigrationSource;

/// Applies and checks one set of migrations: a folder
/// ([`MigrationsDir`](migrate_core::migrations::MigrationsDir)) or the ones
/// [`embed_migrations!`](crate::embed_migrations) compiled in.
///
/// Every method takes the migration lock where Prisma does, so several
/// processes (or tasks) deploying at once apply each migration once.
#[derive(Clone, Copy)]
pub struct Migrator<'s> {
    source: &'s dyn MigrationSource,
}

impl<'s> Migrator<'s> {
    /// A migrator over `source`.
    pub fn new(source: &'s dyn MigrationSource) -> Self {
        Migrator { source }
    }

    /// `migrate deploy`: applies the pending migrations in order under the
    /// lock, each recorded in `_prisma_migrations`; returns their names.
    /// Errors (see [`Error::code`](crate::Error::code)): P3005 for a database with tables
    /// but no history, P3009 when a failed migration awaits `resolve`,
    /// P3018 for a migration that fails (recorded as failed), P1002 when
    /// the lock is not free within 10 s, P3019 for another provider's
    /// migrations.
    pub async fn deploy(&self, driver: &mut dyn Driver) -> Result<Applied, EngineError> {
        commands::deploy(driver, self.source).await
    }

    /// `migrate status`: the database's history against the migrations.
    pub async fn status(&self, driver: &mut dyn Driver) -> Result<Status, EngineError> {
        commands::status(driver, self.source).await
    }

    /// `migrate resolve --applied NAME`: records the migration `name` as
    /// applied without running it (baselining a database that already has
    /// its changes, or a failed migration finished by hand). Errors: P3017
    /// when the source has no such migration, P3008 when it is applied.
    pub async fn resolve_applied(&self, driver: &mut dyn Driver, name: &str) -> Result<(), EngineError> {
        commands::resolve_applied(driver, self.source, name).await
    }

    /// `migrate resolve --rolled-back NAME`: marks the failed migration
    /// `name` rolled back, so that the next `deploy` applies it again (after
    /// P3018/P3009, once the database is repaired). Errors: P3011 when it
    /// never ran, P3012 when it did not fail.
    pub async fn resolve_rolled_back(&self, driver: &mut dyn Driver, name: &str) -> Result<(), EngineError> {
        commands::resolve_rolled_back(driver, self.source, name).await
    }

    /// Drift: the steps that would turn the schema the migrations build
    /// (replayed on a shadow database, dropped afterwards) into the
    /// database's schema. Empty when the database is what its migrations
    /// made it. Needs the right to create a database (or, for SQLite,
    /// nothing: the shadow is in memory).
    pub async fn diff(&self, driver: &mut dyn Driver) -> Result<Vec<Op>, EngineError> {
        self.source.check_provider(driver.dialect().provider())?;
        let migrations = self.source.list()?;
        let mut shadow = driver.create_shadow().await?;
        let built = commands::schema_of_migrations(shadow.as_mut(), &migrations).await;
        let closed = shadow.close().await;
        let built = built?;
        closed?;
        let live = driver.introspect().await?;
        Ok(diff(&built, &live, driver.dialect()))
    }
}
