//! `.env` files, loaded as Prisma loads them: the project root's, then the
//! schema folder's; a variable already set in the environment wins.

use std::path::{Path, PathBuf};

/// Loads `KEY=VALUE` lines from each file that exists, in order, without
/// overriding variables that are already set. Returns the variables set,
/// each with the file that set it (messages name it).
pub fn load(files: &[&Path]) -> Vec<(String, PathBuf)> {
    let mut set = Vec::new();
    for file in files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        for (key, value) in parse(&text) {
            if std::env::var_os(&key).is_none() {
                // Its secrets, if it is a URL, must never be echoed.
                crate::secrets::remember(&value);
                // Single-threaded at this point: the CLI loads .env before anything else runs.
                unsafe { std::env::set_var(&key, value) };
                set.push((key, file.to_path_buf()));
            }
        }
    }
    set
}

fn parse(text: &str) -> Vec<(String, String)> {
    text.lines().filter_map(parse_line).collect()
}

fn parse_line(line: &str) -> Option<(String, String)> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let line = line.strip_prefix("export ").unwrap_or(line);
    let (key, value) = line.split_once('=')?;
    let value = value.trim();
    let value = match value.chars().next() {
        Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or("").to_string(),
        _ => value.split(" #").next().unwrap_or("").trim().to_string(),
    };
    Some((key.trim().to_string(), value))
}

#[cfg(test)]
mod tests {
    #[test]
    fn parses_dotenv_lines() {
        let vars = super::parse("# c\nexport A=1\nB=\"two words\" # x\nC='q'\nD=plain # comment\n\nbad line\n");
        let got: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(got, [("A", "1"), ("B", "two words"), ("C", "q"), ("D", "plain")]);
    }
}
