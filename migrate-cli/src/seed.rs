//! The seed command, and running it through the shell. First found wins:
//! `migrate.toml` (`[seed]` `command = "..."`: the file only migrate reads),
//! the Prisma config file's `migrations.seed` (Prisma 7), `package.json`'s
//! `"prisma": {"seed": "..."}` (Prisma 6).

use crate::config;
use crate::error::CliError;
use std::path::Path;
use std::process::Command;

/// The configured seed command, if any.
pub fn seed_command() -> Result<Option<String>, CliError> {
    if let Some(cmd) = from_migrate_toml(Path::new("migrate.toml"))? {
        return Ok(Some(cmd));
    }
    if let Some(config) = crate::project::find_config()? {
        if let Some((cmd, _)) = config.string(&config.seed, config::SEED)? {
            return Ok(Some(cmd));
        }
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
    let bad = |what: String| CliError::Usage(format!("{} {what}", path.display()));
    let table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| bad(format!("is not valid TOML: {}", e.message())))?;
    let Some(seed) = table.get("seed") else { return Ok(None) };
    match seed.get("command") {
        None => Ok(None),
        Some(toml::Value::String(cmd)) => Ok(Some(cmd.clone())),
        Some(_) => Err(bad(
            "has a `[seed]` `command` that is not a string: write it as command = \"...\".".into(),
        )),
    }
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
        // Single quotes, comments, a `#` and a `"` inside the value, and a
        // key before the section: all TOML, none read by the old line reader.
        std::fs::write(
            &toml,
            "# migrate\nname = 'x'\n[seed] # the seed\ncommand = 'node seed.js --tag \"#1\"' # run it\n",
        )
        .unwrap();
        assert_eq!(
            from_migrate_toml(&toml).unwrap().as_deref(),
            Some("node seed.js --tag \"#1\"")
        );
        std::fs::write(&toml, "[seed]\ncommand = \"\"\"\nsh seed.sh\"\"\"\n").unwrap();
        assert_eq!(from_migrate_toml(&toml).unwrap().as_deref(), Some("sh seed.sh"));
        std::fs::write(&toml, "[seed]\ncommand = [1]\n").unwrap();
        assert!(from_migrate_toml(&toml)
            .unwrap_err()
            .to_string()
            .contains("not a string"));
        std::fs::write(&toml, "[seed\ncommand = \"x\"\n").unwrap();
        assert!(from_migrate_toml(&toml)
            .unwrap_err()
            .to_string()
            .contains("is not valid TOML"));
        let pkg = dir.join("package.json");
        std::fs::write(&pkg, r#"{"name":"x","prisma":{"seed":"node seed.js"}}"#).unwrap();
        assert_eq!(from_package_json(&pkg).unwrap().as_deref(), Some("node seed.js"));
        let _ = std::fs::remove_dir_all(dir);
    }
}
