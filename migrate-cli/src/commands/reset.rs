use super::connect_to_apply;
use crate::cli::DbArgs;
use crate::error::CliError;
use crate::output::{outln, SUCCESS};
use crate::prompt;
use std::process::ExitCode;

/// Drops everything after confirmation (or `--force`), re-applies every
/// migration, runs the generators, then seeds.
pub async fn run(args: &DbArgs, force: bool, skip: super::dev::Skip) -> Result<ExitCode, CliError> {
    let (project, mut driver, _) = connect_to_apply(args).await?;
    if !force {
        if !prompt::is_interactive() {
            return Err(CliError::Usage(
                "`migrate reset` drops all data. Run it with --force in a non-interactive environment.".into(),
            ));
        }
        if !prompt::confirm("Are you sure you want to reset the database? All data will be lost.") {
            outln!("Reset cancelled.");
            return Ok(ExitCode::SUCCESS);
        }
    }
    let applied = migrate_core::commands::reset(driver.as_mut(), &project.migrations).await?;
    outln!("{SUCCESS}Database reset successful{SUCCESS:#}\n");
    super::dev::print_applied(&applied.names);
    super::generate::after_migrating(&project, skip.generate);
    if !skip.seed {
        crate::seed::run_seed()?;
    }
    Ok(ExitCode::SUCCESS)
}
