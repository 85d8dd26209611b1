use super::connect_to_deploy;
use crate::cli::DbArgs;
use crate::error::CliError;
use crate::output::{self, outln, SUCCESS};
use std::process::ExitCode;

pub async fn run(args: &DbArgs) -> Result<ExitCode, CliError> {
    let (project, mut driver, _) = connect_to_deploy(args).await?;
    output::migrations_found(&project.migrations.path, project.migrations.list()?.len());
    let applied = migrate_core::commands::deploy(driver.as_mut(), &project.migrations).await?;
    if applied.names.is_empty() {
        outln!("{SUCCESS}No pending migrations to apply.{SUCCESS:#}");
    } else {
        outln!("The following migration(s) have been applied:\n");
        output::migration_tree("migrations", &applied.names);
        outln!("\n{SUCCESS}All migrations have been successfully applied.{SUCCESS:#}");
    }
    Ok(ExitCode::SUCCESS)
}
