use super::load_schema;
use crate::error::CliError;
use crate::output::outln;
use std::path::Path;
use std::process::ExitCode;

pub async fn run(schema: Option<&Path>) -> Result<ExitCode, CliError> {
    let (path, valid) = load_schema(schema)?;
    if !valid.warnings.items.is_empty() {
        eprint!("{}", valid.warnings.render(&valid.sources));
    }
    outln!("The schema at {} is valid.", path.display());
    Ok(ExitCode::SUCCESS)
}
