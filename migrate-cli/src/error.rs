//! The one place errors become text for a person and an exit code.

use migrate_core::driver::DriverError;
use migrate_core::psl::{LoadError, SchemaError};

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Schema(#[from] SchemaError),
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error(transparent)]
    EnvFile(#[from] crate::env_file::EnvFileError),
    #[error("Could not access {path}: {source}")]
    Write { path: String, source: std::io::Error },
    #[error(transparent)]
    Render(#[from] migrate_core::driver::RenderError),
    #[error(transparent)]
    Engine(#[from] migrate_core::commands::EngineError),
    #[error(transparent)]
    Driver(#[from] migrate_core::driver::DriverError),
    #[error(transparent)]
    Migrations(#[from] migrate_core::migrations::MigrationsError),
    #[error(transparent)]
    Generate(#[from] migrate_generate::GenerateError),
}

impl CliError {
    /// The text for a person, styled (`Error:` in red; the caller's stream
    /// drops the style when it is no terminal).
    pub fn render(&self) -> String {
        use crate::output::ERROR;
        match self {
            CliError::Schema(e) => format!("{e}\nFix the errors above and run the command again."),
            CliError::Driver(DriverError::DatabaseMissing { .. }) => format!(
                "{ERROR}Error:{ERROR:#} {self}\n`migrate dev`, `migrate deploy`, `migrate db push` and `migrate reset` create a missing database; this command does not."
            ),
            other => format!("{ERROR}Error:{ERROR:#} {other}"),
        }
    }
}
