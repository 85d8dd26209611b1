//! Where `deploy`, `status`, `reset` and `resolve` read migrations from: the
//! migrations folder ([`MigrationsDir`]) or migrations compiled into the
//! binary ([`EmbeddedMigrations`], written by `migrate::embed_migrations!`).

use super::dir::{LocalMigration, MigrationsDir, MigrationsError};
use crate::psl::datamodel::Provider;
use std::path::PathBuf;

/// A set of migrations in Prisma's order, and the provider its
/// `migration_lock.toml` names.
pub trait MigrationSource: Sync {
    /// Every migration, in Prisma's order (by name).
    fn list(&self) -> Result<Vec<LocalMigration>, MigrationsError>;

    /// The provider named in `migration_lock.toml`, if there is one.
    fn locked_provider(&self) -> Result<Option<String>, MigrationsError>;

    /// Refuses a datasource provider different from the lock file's
    /// ([`MigrationsError::ProviderSwitched`], Prisma's P3019).
    fn check_provider(&self, provider: Provider) -> Result<(), MigrationsError> {
        match self.locked_provider()? {
            Some(locked) if Provider::from_name(&locked) != Some(provider) => Err(MigrationsError::ProviderSwitched {
                locked,
                datasource: provider.name().to_string(),
            }),
            _ => Ok(()),
        }
    }
}

impl MigrationSource for MigrationsDir {
    fn list(&self) -> Result<Vec<LocalMigration>, MigrationsError> {
        MigrationsDir::list(self)
    }

    fn locked_provider(&self) -> Result<Option<String>, MigrationsError> {
        MigrationsDir::locked_provider(self)
    }
}

/// A migrations folder read at compile time: what
/// `migrate::embed_migrations!("prisma/migrations")` expands to. The
/// scripts are the files' exact bytes and the checksums were computed when
/// the binary was built, so a history written from the folder and one
/// written from the binary are the same rows.
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedMigrations {
    /// The folder as the macro was given it (`prisma/migrations`), for
    /// messages.
    pub folder: &'static str,
    /// The provider `migration_lock.toml` named, if the folder had one.
    pub provider: Option<&'static str>,
    /// In Prisma's order (by name).
    pub migrations: &'static [EmbeddedMigration],
}

/// One migration of [`EmbeddedMigrations`].
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedMigration {
    /// The directory name (`20240101120000_init`).
    pub name: &'static str,
    /// The exact bytes of its `migration.sql`.
    pub script: &'static [u8],
    /// The lowercase hex SHA-256 of `script`, as `_prisma_migrations` keeps it.
    pub checksum: &'static str,
}

impl MigrationSource for EmbeddedMigrations {
    fn list(&self) -> Result<Vec<LocalMigration>, MigrationsError> {
        Ok(self
            .migrations
            .iter()
            .map(|m| LocalMigration {
                name: m.name.to_string(),
                path: PathBuf::from(self.folder).join(m.name),
                script: m.script.to_vec(),
                checksum: m.checksum.to_string(),
            })
            .collect())
    }

    fn locked_provider(&self) -> Result<Option<String>, MigrationsError> {
        Ok(self.provider.map(str::to_string))
    }
}
