//! `migrate db push | execute | seed | pull`.

use super::{connect, Header, IfMissing};
use crate::cli::{DbArgs, DbCommand};
use crate::database_url::{DatabaseUrl, Origin};
use crate::error::CliError;
use crate::output::outln;
use crate::project::Project;
use crate::prompt;
use migrate_core::commands::{push, PushOutcome};
use migrate_core::psl::lower::lower;
use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

pub async fn run(command: DbCommand) -> Result<ExitCode, CliError> {
    match command {
        DbCommand::Push {
            db,
            accept_data_loss,
            force_reset,
            skip_generate,
        } => run_push(&db, accept_data_loss, force_reset, skip_generate.skip_generate).await,
        DbCommand::Execute { db, file, stdin: _ } => execute(&db, file.as_deref()).await,
        DbCommand::Seed { schema, args } => {
            // The seed sees the environment every other command sees (Prisma 6's
            // `db seed` loads .env too).
            let config = crate::project::find_config()?;
            crate::env_file::load_environment(config.as_ref(), schema.schema.as_deref())?;
            if !crate::seed::run_seed_with(&args)? {
                outln!("No seed command configured ([seed] in migrate.toml, migrations.seed in prisma.config.ts, or package.json \"prisma\".\"seed\").");
            }
            Ok(ExitCode::SUCCESS)
        }
        DbCommand::Pull { db, print, force } => super::pull::run(&db, print, force).await,
    }
}

async fn run_push(
    args: &DbArgs,
    accept_data_loss: bool,
    force_reset: bool,
    skip_generate: bool,
) -> Result<ExitCode, CliError> {
    let (project, mut driver) = connect(args, IfMissing::Create, Header::Print).await?;
    if force_reset {
        driver.reset().await?;
        outln!("{} successfully reset.\n", super::reset_subject(&project, args)?);
    }
    let target = lower(&project.schema.datamodel, driver.dialect());
    let mut accept = accept_data_loss;
    loop {
        match push(driver.as_mut(), &target, accept).await? {
            // After a reset, an empty schema is not "already" in sync.
            // As Prisma 6's `db push`, the generators run afterwards.
            PushOutcome::InSync if !force_reset => {
                outln!("The database is already in sync with the schema.");
                super::generate::after_migrating(&project, skip_generate);
                return Ok(ExitCode::SUCCESS);
            }
            PushOutcome::InSync | PushOutcome::Pushed { .. } => {
                outln!("Your database is now in sync with your schema.");
                super::generate::after_migrating(&project, skip_generate);
                return Ok(ExitCode::SUCCESS);
            }
            PushOutcome::NeedsConfirmation(loss) => {
                eprintln!("\nWarnings:\n");
                loss.losing.iter().for_each(|w| eprintln!("  • {w}"));
                if !prompt::is_interactive() {
                    return Err(CliError::Usage(
                        "These changes need your confirmation (see the warnings above). Run again with --accept-data-loss to apply them.".into(),
                    ));
                }
                if !prompt::confirm("\nDo you want to ignore the warnings and continue?") {
                    return Err(CliError::Usage("Push cancelled: nothing was changed.".into()));
                }
                accept = true;
            }
        }
    }
}

async fn execute(args: &DbArgs, file: Option<&Path>) -> Result<ExitCode, CliError> {
    let (name, bytes) = match file {
        Some(path) => (
            path.display().to_string(),
            std::fs::read(path).map_err(|source| CliError::Write {
                path: path.display().to_string(),
                source,
            })?,
        ),
        None => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|source| CliError::Write {
                    path: "<stdin>".into(),
                    source,
                })?;
            ("<stdin>".to_string(), bytes)
        }
    };
    let script = migrate_core::utf8::decode(&bytes).map_err(|at| {
        CliError::Usage(format!(
            "{name} is not UTF-8 text: {at}. Nothing was run; save it as UTF-8."
        ))
    })?;
    let mut driver = match (&args.url, &args.schema.schema) {
        (Some(url), None) => {
            let url =
                DatabaseUrl::new(url.as_str(), Origin::Flag("--url")).with_statement_timeout(args.statement_timeout);
            crate::drivers::connect_for_script(&url, url.provider()?, Path::new(".")).await?
        }
        _ => {
            let project = Project::load(args.schema.schema.as_deref())?;
            let url = project
                .url(args.url.as_deref())?
                .with_statement_timeout(args.statement_timeout);
            crate::drivers::connect_for_script(&url, project.provider()?, &project.base_dir()).await?
        }
    };
    driver
        .apply_script(script)
        .await
        .map_err(|f| CliError::Driver(f.error))?;
    outln!("Script executed successfully.");
    Ok(ExitCode::SUCCESS)
}
