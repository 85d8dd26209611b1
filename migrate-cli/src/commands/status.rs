use super::{connect_for_migrations, Header};
use crate::cli::DbArgs;
use crate::error::CliError;
use crate::output::out;
use std::process::ExitCode;

/// Exit 1 unless the database is up to date, as Prisma's `migrate status`.
pub async fn run(args: &DbArgs) -> Result<ExitCode, CliError> {
    let (project, mut driver) = connect_for_migrations(args, Header::Print).await?;
    let status = migrate_core::commands::status(driver.as_mut(), &project.migrations).await?;
    crate::output::migrations_found(&project.migrations.path, status.local());
    // One blank line after the count, as Prisma prints it.
    out!("{}", status.report().trim_start_matches('\n'));
    Ok(if status.is_up_to_date() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
