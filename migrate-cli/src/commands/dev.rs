use super::connect_to_apply;
use crate::cli::DbArgs;
use crate::error::CliError;
use crate::output::{self, outln, SUCCESS};
use crate::prompt;
use migrate_core::commands::{dev, DataLoss, DevOptions, DevOutcome};
use migrate_core::driver::Driver;
use migrate_core::psl::lower::lower;
use std::process::ExitCode;

/// The steps after migrating that the user turned off.
#[derive(Debug, Clone, Copy)]
pub struct Skip {
    /// `--skip-seed`.
    pub seed: bool,
    /// `--skip-generate`.
    pub generate: bool,
}

pub async fn run(args: &DbArgs, mut options: DevOptions, skip: Skip, cache: bool) -> Result<ExitCode, CliError> {
    let skip_seed = skip.seed;
    let (project, mut driver, created) = connect_to_apply(args).await?;
    if cache {
        options.cache = Some(super::cache::of(&project.migrations));
    }
    let target = lower(&project.schema.datamodel, driver.dialect());
    // As Prisma's `dev`: a database it created or reset is seeded once the
    // migrations are applied, not before.
    let mut seed = created && !skip_seed;
    loop {
        match dev(driver.as_mut(), &project.migrations, &target, &options).await? {
            DevOutcome::NeedsReset { reasons } => {
                reset_or_refuse(driver.as_mut(), &reasons).await?;
                seed = !skip_seed;
            }
            DevOutcome::NeedsName { applied } => {
                print_applied(&applied.names);
                options.name = Some(ask_name());
            }
            DevOutcome::NeedsConfirmation { applied, loss } => {
                print_applied(&applied.names);
                confirm_loss(&loss)?;
                options.accept_data_loss = true;
            }
            DevOutcome::Done { applied, created, loss } => {
                print_applied(&applied.names);
                print_loss(&loss);
                match created {
                    Some(m) if options.create_only => outln!(
                        "Prisma-compatible migration created at {}/migration.sql. Review or edit it, then run `migrate dev` to apply it.",
                        m.path.display()
                    ),
                    Some(m) => {
                        // Prisma's wording and tree, naming the file written.
                        outln!("The following migration(s) have been created and applied from new schema changes:\n");
                        let root = project.migrations.path.display().to_string();
                        output::migration_tree(&root, [&m.name]);
                        outln!();
                        outln!("{SUCCESS}Your database is now in sync with your schema.{SUCCESS:#}");
                    }
                    // Pending migrations were applied: nothing else to do, and not "already" in sync.
                    None if !applied.names.is_empty() => {
                        outln!("{SUCCESS}Your database is now in sync with your schema.{SUCCESS:#}")
                    }
                    None => outln!("Already in sync, no schema change or pending migration was found."),
                }
                // As Prisma 6: the generators run after every `dev` that applies (the seed
                // script may import what they write, so they run first).
                if !options.create_only {
                    super::generate::after_migrating(&project, skip.generate);
                }
                if seed && !options.create_only {
                    crate::seed::run_seed()?;
                }
                return Ok(ExitCode::SUCCESS);
            }
        }
    }
}

async fn reset_or_refuse(driver: &mut dyn Driver, reasons: &[String]) -> Result<(), CliError> {
    let explanation = reasons.iter().map(|r| format!("- {r}")).collect::<Vec<_>>().join("\n");
    if !prompt::is_interactive() {
        return Err(CliError::Usage(format!(
            "{explanation}\n\nThe database must be reset to continue, and all its data will be lost. Run `migrate reset` (or `migrate reset --force` in CI), then `migrate dev` again."
        )));
    }
    eprintln!("{explanation}\n");
    if !prompt::confirm("We need to reset the database. All data will be lost. Do you want to continue?") {
        return Err(CliError::Usage("Reset cancelled: nothing was changed.".into()));
    }
    driver.reset().await?;
    Ok(())
}

/// The new migration's name: asked on a terminal; without one, none, and
/// the migration is named by its timestamp alone (as Prisma 6's `dev`).
fn ask_name() -> String {
    if !prompt::is_interactive() {
        return String::new();
    }
    prompt::ask("Enter a name for the new migration:")
}

fn confirm_loss(loss: &DataLoss) -> Result<(), CliError> {
    print_loss(loss);
    if !prompt::is_interactive() {
        return Err(CliError::Usage(
            "These changes need your confirmation (see the warnings above). Pass --accept-data-loss to apply them, or --create-only to review the migration first.".into(),
        ));
    }
    if !prompt::confirm("Are you sure you want to create and apply this migration?") {
        return Err(CliError::Usage("Migration cancelled: nothing was changed.".into()));
    }
    Ok(())
}

/// What the plan would do to the rows the database has, in Prisma's words
/// and order: steps that cannot run on them (shown when `--create-only`
/// writes such a migration for editing), then data that would be lost.
fn print_loss(loss: &DataLoss) {
    if !loss.unexecutable.is_empty() {
        eprintln!("\nWe found changes that cannot be executed:\n");
        loss.unexecutable.iter().for_each(|w| eprintln!("  • {w}"));
        eprintln!();
    }
    if loss.losing.is_empty() {
        return;
    }
    eprintln!("\nWarnings for the current datasource:\n");
    loss.losing.iter().for_each(|w| eprintln!("  • {w}"));
    eprintln!();
}

pub fn print_applied(names: &[String]) {
    if names.is_empty() {
        return;
    }
    outln!("The following migration(s) have been applied:\n");
    output::migration_tree("migrations", names);
    outln!();
}
