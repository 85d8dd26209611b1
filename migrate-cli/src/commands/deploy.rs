use super::connect_to_apply;
use crate::cli::DbArgs;
use crate::error::CliError;
use crate::output::outln;
use std::process::ExitCode;

pub fn run(args: &DbArgs) -> Result<ExitCode, CliError> {
    let (project, mut driver) = connect_to_apply(args)?;
    let count = project.migrations.list()?.len();
    outln!("{count} migration(s) found in {}", project.migrations.path.display());
    let applied = migrate_core::commands::deploy(driver.as_mut(), &project.migrations)?;
    if applied.names.is_empty() {
        outln!("No pending migrations to apply.");
    } else {
        outln!("\nThe following migration(s) have been applied:\n");
        applied.names.iter().for_each(|n| outln!("  {n}/migration.sql"));
        outln!("\nAll migrations have been successfully applied.");
    }
    Ok(ExitCode::SUCCESS)
}
