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

/// `migrate.toml`: only `[seed]` `command`; any other key is an error, so a
/// misspelt key is not silently ignored.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct MigrateToml {
    seed: Option<SeedSection>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedSection {
    command: Option<String>,
}

fn from_migrate_toml(path: &Path) -> Result<Option<String>, CliError> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Ok(None);
    };
    let file: MigrateToml = toml::from_str(&text).map_err(|e| {
        let (line, col) = e.span().map_or((1, 1), |span| line_col(&text, span.start));
        CliError::Usage(format!("{}:{line}:{col}: {}", path.display(), e.message().trim_end()))
    })?;
    Ok(file.seed.and_then(|seed| seed.command))
}

/// The 1-based line and column (in characters) of the byte `offset`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
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
        let read = |text: &str| {
            std::fs::write(&toml, text).unwrap();
            from_migrate_toml(&toml).map_err(|e| e.to_string())
        };
        assert_eq!(
            read("[seed]\ncommand = \"sh seed.sh\"\n").unwrap().as_deref(),
            Some("sh seed.sh")
        );
        // Single quotes, comments, a `#` and a `"` inside the value.
        assert_eq!(
            read("# migrate\n[seed] # the seed\ncommand = 'node seed.js --tag \"#1\"' # run it\n")
                .unwrap()
                .as_deref(),
            Some("node seed.js --tag \"#1\"")
        );
        assert_eq!(
            read("[seed]\ncommand = \"\"\"\nsh seed.sh\"\"\"\n").unwrap().as_deref(),
            Some("sh seed.sh")
        );
        assert_eq!(read("[seed]\n").unwrap(), None);
        let e = read("[seed]\ncommand = [1]\n").unwrap_err();
        assert!(e.contains("migrate.toml:2:11: invalid type"), "{e}");
        let e = read("[seed\ncommand = \"x\"\n").unwrap_err();
        assert!(e.contains("migrate.toml:1:6: "), "{e}");
        // A misspelt key, in the section or at the top, names itself.
        let e = read("[seed]\ncomand = 'x'\n").unwrap_err();
        assert!(
            e.contains("migrate.toml:2:1: unknown field `comand`, expected `command`"),
            "{e}"
        );
        let e = read("name = 'x'\n[seed]\ncommand = 'x'\n").unwrap_err();
        assert!(e.contains("migrate.toml:1:1: unknown field `name`"), "{e}");
        let pkg = dir.join("package.json");
        std::fs::write(&pkg, r#"{"name":"x","prisma":{"seed":"node seed.js"}}"#).unwrap();
        assert_eq!(from_package_json(&pkg).unwrap().as_deref(), Some("node seed.js"));
        let _ = std::fs::remove_dir_all(dir);
    }
}
