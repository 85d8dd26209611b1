use super::{connect_for_migrations, Header};
use crate::cli::DbArgs;
use crate::error::CliError;
use crate::output::outln;
use migrate_core::commands::{resolve_applied, resolve_rolled_back};
use std::process::ExitCode;

pub async fn run(args: &DbArgs, applied: Option<&str>, rolled_back: Option<&str>) -> Result<ExitCode, CliError> {
    let (project, mut driver) = connect_for_migrations(args, Header::Print).await?;
    match (applied, rolled_back) {
        (Some(name), _) => {
            resolve_applied(driver.as_mut(), &project.migrations, name).await?;
            outln!("Migration {name} marked as applied.");
        }
        (None, Some(name)) => {
            resolve_rolled_back(driver.as_mut(), &project.migrations, name).await?;
            outln!("Migration {name} marked as rolled back.");
        }
        (None, None) => return Err(CliError::Usage("Pass --applied NAME or --rolled-back NAME.".into())),
    }
    Ok(ExitCode::SUCCESS)
}
