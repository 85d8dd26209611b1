use crate::error::CliError;
use crate::output::outln;
use migrate_core::psl;
use std::path::Path;
use std::process::ExitCode;

/// Formats every file of the schema; with `check`, only reports.
pub async fn run(schema: Option<&Path>, check: bool) -> Result<ExitCode, CliError> {
    let path = crate::project::locate_schema(schema, crate::project::find_config()?.as_ref())?;
    let sources = psl::read_schema(&path)?;
    let mut unformatted = Vec::new();
    // As Prisma 6.19.3: nothing is written (or checked) unless the
    // formatted schema validates.
    let formatted = psl::format_valid(&sources)?;
    for (file, formatted) in sources.files.iter().zip(formatted) {
        if formatted == file.text {
            continue;
        }
        unformatted.push(file.path.clone());
        if !check {
            std::fs::write(&file.path, formatted).map_err(|source| CliError::Write {
                path: file.path.clone(),
                source,
            })?;
        }
    }
    match (check, unformatted.is_empty()) {
        (true, false) => {
            eprintln!("These files are not formatted (run `migrate format`):");
            unformatted.iter().for_each(|p| eprintln!("  {p}"));
            Ok(ExitCode::from(1))
        }
        (true, true) => {
            outln!("All schema files are formatted.");
            Ok(ExitCode::SUCCESS)
        }
        (false, _) => {
            match unformatted.len() {
                0 => outln!("{} is formatted already: nothing changed.", path.display()),
                1 => outln!("Formatted {} (1 file changed).", path.display()),
                n => outln!("Formatted {} ({n} files changed).", path.display()),
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
