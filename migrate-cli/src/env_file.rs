//! `.env` files: their syntax read by `dotenvy` (`KEY=value`, `export KEY=value`,
//! single and double quotes, `#` comments, multi-line quoted values), their
//! `${VAR}` references expanded as the Prisma CLI that loads them does.
//!
//! - Without a config file, Prisma 6 loads `.env` (the project root's, then
//!   the schema folder's) with dotenv and its own dotenv-expand: only
//!   `${NAME}` (`NAME` of `[A-Za-z0-9_]`) is replaced, from the environment
//!   first, then from any line of the file; an unknown name gives nothing,
//!   `\${NAME}` is the literal `${NAME}`, a bare `$NAME` and `${A:-b}` are kept
//!   as written, and single quotes do not stop it.
//! - With a config file, Prisma 7 loads the `.env` files the config loads by
//!   `import "dotenv/config"`: plain dotenv, nothing expanded.
//!
//! A variable already set in the environment wins over the file.
//! (Measured with Prisma 6.19.3's `db seed` running `env`.)

use crate::config::PrismaConfig;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A `.env` file that cannot be read: its path, and the line at fault when
/// a line does not parse.
#[derive(Debug, thiserror::Error)]
pub enum EnvFileError {
    #[error("{path}:{line}: this line of the .env file does not parse (write it as KEY=value): {text}")]
    Line { path: String, line: usize, text: String },
    #[error("Could not read the .env file {path}: {message}")]
    Read { path: String, message: String },
}

/// What is done with `${VAR}` in a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expansion {
    /// Prisma 6 (dotenv and dotenv-expand): `${VAR}` replaced.
    Prisma6,
    /// Prisma 7's config importing `dotenv/config`: values as written.
    None,
}

/// Loads the environment as every command does, before anything reads it:
/// with a config file, the `.env` files it loads by dotenv; without one,
/// `.env` in the current folder, then the one beside the schema (`given`,
/// or where the schema is found by default). Returns the variables set,
/// each with the file that set it.
pub fn load_environment(
    config: Option<&PrismaConfig>,
    given: Option<&Path>,
) -> Result<Vec<(String, PathBuf)>, EnvFileError> {
    match config {
        Some(config) => {
            let files: Vec<&Path> = config.dotenv_files.iter().map(PathBuf::as_path).collect();
            load(&files, Expansion::None)
        }
        None => {
            // A schema that is not found is reported by the command that needs it.
            let schema_env = migrate_core::psl::find_schema(given)
                .ok()
                .map(|schema| crate::project::schema_folder(&schema).join(".env"));
            let mut files = vec![Path::new(".env")];
            files.extend(schema_env.as_deref());
            load(&files, Expansion::Prisma6)
        }
    }
}

/// Loads each file that exists, in order, without overriding variables that
/// are already set. Returns the variables set, each with the file that set
/// it (messages name it).
pub fn load(files: &[&Path], expansion: Expansion) -> Result<Vec<(String, PathBuf)>, EnvFileError> {
    let mut set = Vec::new();
    for file in files {
        let Some(vars) = read(file)? else { continue };
        // What `${NAME}` reads: the environment's value, else the file's.
        let raw: HashMap<&str, String> = vars
            .iter()
            .map(|(k, v)| (k.as_str(), std::env::var(k).unwrap_or_else(|_| v.clone())))
            .collect();
        let lookup = |name: &str| raw.get(name).cloned().or_else(|| std::env::var(name).ok());
        let mut values = Vec::new();
        for (key, value) in &vars {
            if std::env::var_os(key).is_none() {
                let value = match expansion {
                    Expansion::Prisma6 => expand(value, &lookup, 0),
                    Expansion::None => value.clone(),
                };
                values.push((key.clone(), value));
            }
        }
        for (key, value) in values {
            if std::env::var_os(&key).is_none() {
                crate::secrets::remember_variable(&key, &value);
                // Single-threaded at this point: the CLI loads .env before anything else runs.
                unsafe { std::env::set_var(&key, value) };
                set.push((key, file.to_path_buf()));
            }
        }
    }
    Ok(set)
}

/// How deep `${A}` may lead to a value holding `${B}` (a cycle stops here).
const MAX_DEPTH: usize = 16;

/// `value` with each `${NAME}` replaced by `lookup(NAME)` (itself expanded,
/// nothing when unknown) and each `\${NAME}` by the literal `${NAME}`.
///
/// Prisma 6 replaces the first occurrence of each reference's text with
/// JavaScript's `String.replace`, so `\${B}${B}` gives `bee${B}` and a
/// replacement holding `$$` loses a `$`; this reads left to right and
/// inserts values as they are, so a password with `$` survives.
fn expand(value: &str, lookup: &impl Fn(&str) -> Option<String>, depth: usize) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        if !after[name_len..].starts_with('}') {
            out.push_str(&rest[..start + 2]);
            rest = after;
            continue;
        }
        let name = &after[..name_len];
        let reference = &rest[start..start + 3 + name_len];
        match rest[..start].strip_suffix('\\') {
            Some(before) => {
                out.push_str(before);
                out.push_str(reference);
            }
            None => {
                out.push_str(&rest[..start]);
                if depth < MAX_DEPTH {
                    let found = lookup(name).unwrap_or_default();
                    out.push_str(&expand(&found, lookup, depth + 1));
                }
            }
        }
        rest = &rest[start + reference.len()..];
    }
    out.push_str(rest);
    out
}

/// The variables of the file at `path`, in order, as written (nothing
/// expanded); `None` when there is no such file.
pub fn read(path: &Path) -> Result<Option<Vec<(String, String)>>, EnvFileError> {
    if !path.is_file() {
        return Ok(None);
    }
    let shown = path.display().to_string();
    let read_error = |message: String| EnvFileError::Read {
        path: shown.clone(),
        message,
    };
    let text = std::fs::read(path).map_err(|e| read_error(e.to_string()))?;
    let text = String::from_utf8(text).map_err(|_| read_error("it is not UTF-8 text".into()))?;
    let shield = DollarShield::for_text(&text);
    let shielded = shield.hide(&text);
    let mut vars = Vec::new();
    for item in dotenvy::from_read_iter(shielded.as_bytes()) {
        match item {
            Ok((key, value)) => vars.push((key, shield.restore(&value))),
            Err(dotenvy::Error::LineParse(line, _)) => {
                let line = shield.restore(&line);
                return Err(EnvFileError::Line {
                    path: shown,
                    line: line_number(&text, &line),
                    text: first_line(&line),
                });
            }
            Err(e) => return Err(read_error(e.to_string())),
        }
    }
    Ok(Some(vars))
}

/// dotenvy expands `$VAR` and cannot be told not to: `$` (and the `\` of
/// `\$`, which dotenvy would consume) are swapped for characters the file
/// does not hold before it parses, and swapped back in what it returns.
struct DollarShield {
    dollar: char,
    backslash: char,
}

impl DollarShield {
    fn for_text(text: &str) -> Self {
        let mut free = ('\u{E000}'..='\u{F8FF}').filter(|c| !text.contains(*c));
        DollarShield {
            dollar: free.next().unwrap_or('\u{E000}'),
            backslash: free.next().unwrap_or('\u{E001}'),
        }
    }

    fn hide(&self, text: &str) -> String {
        text.replace("\\$", &format!("{}$", self.backslash))
            .replace('$', &self.dollar.to_string())
    }

    fn restore(&self, text: &str) -> String {
        text.replace(self.dollar, "$").replace(self.backslash, "\\")
    }
}

/// The 1-based line of the file where the statement `statement` starts
/// (dotenvy reports the statement, not its line).
fn line_number(text: &str, statement: &str) -> usize {
    let first = statement.lines().next().unwrap_or_default();
    let offset = text
        .lines()
        .position(|line| line == first || (!first.trim().is_empty() && line.trim() == first.trim()));
    offset.map_or(1, |i| i + 1)
}

/// The statement's first line, shortened: it may hold a secret, and the one
/// place that prints errors masks credentials only where they look like them.
fn first_line(statement: &str) -> String {
    let line = statement.lines().next().unwrap_or_default().trim();
    let key = line.split(['=', ' ']).next().unwrap_or_default();
    if key.len() < line.len() {
        format!("{key}...")
    } else {
        line.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(name: &str, text: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("migrate-env-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(".env");
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn reads_quotes_export_comments_as_written() {
        let path = write(
            "syntax",
            "# comment\nexport A=1\nB=\"two words\" # x\nC='q $A'\nD=plain # comment\n\nURL=\"file:./pa$word.db\"\nE=$A-x\nF=\"line1\nline2\"\nG=${A}\nH=\"a\\$b\"\n",
        );
        let vars = read(&path).unwrap().unwrap();
        let got: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(
            got,
            [
                ("A", "1"),
                ("B", "two words"),
                ("C", "q $A"),
                ("D", "plain"),
                ("URL", "file:./pa$word.db"),
                ("E", "$A-x"),
                ("F", "line1\nline2"),
                ("G", "${A}"),
                ("H", "a\\$b"),
            ]
        );
        assert!(read(&path.with_file_name("absent")).unwrap().is_none());
    }

    /// Each case as Prisma 6.19.3 gave it (its `db seed` running `env`, with
    /// `B=bee`, `FWD=fwd` on a later line, `PW="a$$b"`, and
    /// `MIGRATE_ENV_TEST_PROC=fromproc` in the environment). Prisma turns
    /// `\${B}${B}` into `bee${B}` and `u:${PW}@h` into `u:a$b@h` (its
    /// `String.replace` quirks); migrate keeps both as written.
    #[test]
    fn expands_only_braced_references_as_prisma_6() {
        std::env::set_var("MIGRATE_ENV_TEST_PROC", "fromproc");
        let file: HashMap<&str, &str> = [("B", "bee"), ("FWD", "fwd"), ("PW", "a$$b"), ("SELF", "${SELF}")].into();
        let lookup = |name: &str| {
            file.get(name)
                .map(|v| v.to_string())
                .or_else(|| std::env::var(name).ok())
        };
        for (written, expanded) in [
            ("file:./pa$word.db", "file:./pa$word.db"),
            ("${B:-dflt}", "${B:-dflt}"),
            ("\\${B}", "${B}"),
            ("${NOPE}", ""),
            ("x${B}y$B", "xbeey$B"),
            ("${FWD}", "fwd"),
            ("${}", ""),
            ("${MIGRATE_ENV_TEST_PROC}", "fromproc"),
            ("q\\$B", "q\\$B"),
            ("\\${B}${B}", "${B}bee"),
            ("u:${PW}@h", "u:a$$b@h"),
            ("${B", "${B"),
            ("${SELF}", ""),
        ] {
            assert_eq!(expand(written, &lookup, 0), expanded, "{written}");
        }
    }

    #[test]
    fn loads_with_expansion_or_without() {
        let path = write(
            "load",
            "MIGRATE_ENV_TEST_X1=\"pa$word${MIGRATE_ENV_TEST_X2}\"\nMIGRATE_ENV_TEST_X2=two\n",
        );
        load(&[&path], Expansion::Prisma6).unwrap();
        assert_eq!(std::env::var("MIGRATE_ENV_TEST_X1").unwrap(), "pa$wordtwo");
        let path = write("plain", "MIGRATE_ENV_TEST_Y1=\"pa$word${MIGRATE_ENV_TEST_X2}\"\n");
        load(&[&path], Expansion::None).unwrap();
        assert_eq!(
            std::env::var("MIGRATE_ENV_TEST_Y1").unwrap(),
            "pa$word${MIGRATE_ENV_TEST_X2}"
        );
    }

    #[test]
    fn a_malformed_line_is_an_error_with_its_line_number() {
        let path = write("bad", "A=1\n# fine\nB=2\nnot a line\nC=3\n");
        let e = read(&path).unwrap_err().to_string();
        assert!(
            e.ends_with(".env:4: this line of the .env file does not parse (write it as KEY=value): not..."),
            "{e}"
        );
        let path = write("quote", "A=1\nB=\"never closed\nC=3\n");
        let e = read(&path).unwrap_err().to_string();
        assert!(e.contains(".env:2: "), "{e}");
        assert!(!e.contains("never closed"), "{e}");
        std::fs::write(&path, b"A=\xff\xfe\n").unwrap();
        assert!(read(&path).unwrap_err().to_string().contains("not UTF-8"));
    }
}
