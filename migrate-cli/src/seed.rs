//! The seed command, read as Prisma reads it (`package.json` →
//! `"prisma": {"seed": "..."}`) or from `migrate.toml` (`[seed]` `command = "..."`),
//! and run through the shell.

use crate::error::CliError;
use std::path::Path;
use std::process::Command;

/// The configured seed command, if any.
pub fn seed_command() -> Result<Option<String>, CliError> {
    if let Some(cmd) = from_migrate_toml(Path::new("migrate.toml"))? {
        return Ok(Some(cmd));
    }
    from_package_json(Path::new("package.json"))
}

fn from_package_json(path: &Path) -> Result<Option<String>, CliError> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Ok(None);
    };
    let json: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| CliError::Usage(format!("{} is not valid JSON: {e}", path.display())))?;
    Ok(json
        .get("prisma")
        .and_then(|p| p.get("seed"))
        .and_then(|s| s.as_str())
        .map(str::to_string))
}

fn from_migrate_toml(path: &Path) -> Result<Option<String>, CliError> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Ok(None);
    };
    let mut in_seed = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_seed = line == "[seed]";
        } else if let Some(value) = line.strip_prefix("command").filter(|_| in_seed) {
            let value = value.trim_start().strip_prefix('=').map(str::trim).unwrap_or_default();
            return Ok(Some(value.trim_matches('"').to_string()));
        }
    }
    Ok(None)
}

/// Runs the seed command; `Ok(false)` when none is configured.
pub fn run_seed() -> Result<bool, CliError> {
    run_seed_with(&[])
}

/// [`run_seed`] with `extra` arguments after the command, each one word
/// (`migrate db seed -- --count 10`, as Prisma's `db seed -- ...`).
pub fn run_seed_with(extra: &[String]) -> Result<bool, CliError> {
    let Some(cmd) = seed_command()? else { return Ok(false) };
    eprintln!("Running seed command `{cmd}` ...");
    // `"$@"`: the shell passes the arguments on as they are, unquoted by nobody.
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{cmd} \"$@\""))
        .arg("sh")
        .args(extra)
        .status()
        .map_err(|e| CliError::Usage(format!("Could not run the seed command `{cmd}`: {e}")))?;
    if !status.success() {
        return Err(CliError::Usage(format!(
            "The seed command `{cmd}` failed with {status}."
        )));
    }
    eprintln!("The seed command has been executed.");
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_migrate_toml_section() {
        let dir = std::env::temp_dir().join(format!("migrate-seed-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let toml = dir.join("migrate.toml");
        std::fs::write(&toml, "[other]\ncommand = \"no\"\n[seed]\ncommand = \"sh seed.sh\"\n").unwrap();
        assert_eq!(from_migrate_toml(&toml).unwrap().as_deref(), Some("sh seed.sh"));
        let pkg = dir.join("package.json");
        std::fs::write(&pkg, r#"{"name":"x","prisma":{"seed":"node seed.js"}}"#).unwrap();
        assert_eq!(from_package_json(&pkg).unwrap().as_deref(), Some("node seed.js"));
        let _ = std::fs::remove_dir_all(dir);
    }
}
