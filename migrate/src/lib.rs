#![warn(missing_docs)]
//! Prisma Migrate as a Rust library: apply the migrations of a
//! `prisma/migrations` folder, or the ones compiled into your binary, from
//! async code, with the same history table (`_prisma_migrations`), lock and
//! checksums as `prisma migrate deploy` and the `migrate` CLI.
//!
//! ```no_run
//! // Compiled in: the scripts and their checksums are read at build time.
//! static MIGRATIONS: migrate::EmbeddedMigrations = migrate::embed_migrations!("tests/migrations");
//!
//! # async fn start() -> Result<(), Box<dyn std::error::Error>> {
//! let mut db = migrate::connect("file:./app.db").await?;
//! let applied = migrate::Migrator::new(&MIGRATIONS).deploy(db.as_mut()).await?;
//! println!("applied {} migration(s)", applied.names.len());
//! # Ok(()) }
//! ```
//!
//! Databases are cargo features: `sqlite` (the default), `postgres`,
//! `mysql` (MySQL 8 and MariaDB). Drivers run on the caller's tokio
//! runtime (PostgreSQL and MySQL need one; SQLite works on any executor).
//! Errors carry Prisma's error codes as data: [`Error::code`].
//!
//! Cargo rebuilds a crate when an embedded script changes, but not when a
//! new migration folder appears: add a `build.rs` holding
//! `println!("cargo:rerun-if-changed=prisma/migrations");` (with your
//! folder's path), or a new migration is left out of the binary.

mod connect;
mod fan_out;
mod migrator;
mod registry;

pub use connect::{connect, connect_or_create, database_for_url};
pub use fan_out::{FanOut, Target};
pub use migrate_core::commands::{Applied, EngineError as Error, Status};
pub use migrate_core::database::{BlockingCalls, Connect, Database, IfMissing, Place};
pub use migrate_core::diff::Op;
pub use migrate_core::driver::{Dialect, Driver, DriverError, RenderError, ScriptError};
pub use migrate_core::migrations::{
    EmbeddedMigration, EmbeddedMigrations, MigrationSource, MigrationsDir, MigrationsError, Reconciliation,
};
pub use migrate_macros::embed_migrations;
pub use migrator::Migrator;
pub use registry::databases;

/// The engine underneath, for what this crate does not wrap (the schema
/// language, the differ, every workflow command).
pub use migrate_core as core;
