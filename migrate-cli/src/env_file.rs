//! `.env` files, read by `dotenvy` as Prisma 6 reads them with dotenv and
//! dotenv-expand: `KEY=value`, `export KEY=value`, single, double and back
//! quotes, `#` comments, `${VAR}` and `$VAR` expanded from the environment
//! first, then from the lines above. Loaded in Prisma 6's order (the project
//! root's, then the schema folder's); a variable already set in the
//! environment wins.

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

/// Loads each file that exists, in order, without overriding variables that
/// are already set. Returns the variables set, each with the file that set
/// it (messages name it).
pub fn load(files: &[&Path]) -> Result<Vec<(String, PathBuf)>, EnvFileError> {
    let mut set = Vec::new();
    for file in files {
        let Some(vars) = read(file)? else { continue };
        for (key, value) in vars {
            if std::env::var_os(&key).is_none() {
                // Its secrets, if it is a URL, must never be echoed.
                crate::secrets::remember(&value);
                // Single-threaded at this point: the CLI loads .env before anything else runs.
                unsafe { std::env::set_var(&key, value) };
                set.push((key, file.to_path_buf()));
            }
        }
    }
    Ok(set)
}

/// The variables of the file at `path`, in order, expanded; `None` when
/// there is no such file.
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
    let mut vars = Vec::new();
    for item in dotenvy::from_read_iter(text.as_bytes()) {
        match item {
            Ok(pair) => vars.push(pair),
            Err(dotenvy::Error::LineParse(line, _)) => {
                return Err(EnvFileError::Line {
                    path: shown,
                    line: line_number(&text, &line),
                    text: first_line(&line),
                })
            }
            Err(e) => return Err(read_error(e.to_string())),
        }
    }
    Ok(Some(vars))
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
    fn reads_quotes_export_comments_and_expansion() {
        std::env::set_var("MIGRATE_ENV_TEST_HOST", "db.example");
        let path = write(
            "syntax",
            "# comment\nexport A=1\nB=\"two words\" # x\nC='q $A'\nD=plain # comment\n\nUSER_=me\nURL=\"postgres://${USER_}:p%23w@${MIGRATE_ENV_TEST_HOST}:5432/app\"\nE=$A-x\nF=\"line1\nline2\"\n",
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
                ("USER_", "me"),
                ("URL", "postgres://me:p%23w@db.example:5432/app"),
                ("E", "1-x"),
                ("F", "line1\nline2"),
            ]
        );
        assert!(read(&path.with_file_name("absent")).unwrap().is_none());
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
