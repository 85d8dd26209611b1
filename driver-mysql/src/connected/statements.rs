//! A script cut into statements as MySQL's own client cuts it: at `;`
//! outside quotes (`'`, `"`, backticks, with backslash escapes) and
//! comments (`-- `, `#`, `/* */`). Needed because MySQL commits DDL
//! statement by statement, so each runs, and is counted, on its own.
//!
//! Executable comments (`/*! ... */`, `/*!40101 ... */`, MariaDB's
//! `/*M! ... */`) are code, not comments: the server runs what is inside
//! when its version is at least the one given, so a statement that is only
//! an executable comment (as `mysqldump` writes them) is sent, never
//! dropped as a comment.

/// The statements of `script`, trimmed, without empty ones; comments stay
/// with the statement they precede.
pub fn split(script: &str) -> Vec<&str> {
    let bytes = script.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        i = match bytes[i] {
            q @ (b'\'' | b'"' | b'`') => skip_quoted(bytes, i, q),
            _ if starts_comment(bytes, i) => skip_comment(bytes, i),
            b';' => {
                push(&mut out, &script[start..i]);
                start = i + 1;
                i + 1
            }
            _ => i + 1,
        };
    }
    push(&mut out, &script[start..]);
    out
}

fn push<'a>(out: &mut Vec<&'a str>, statement: &'a str) {
    if has_code(statement) {
        out.push(statement.trim());
    }
}

/// Whether anything but whitespace and comments is left (an executable
/// comment is code).
fn has_code(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        i = match bytes[i] {
            c if c.is_ascii_whitespace() => i + 1,
            _ if is_executable_comment(bytes, i) => return true,
            _ if starts_comment(bytes, i) => skip_comment(bytes, i),
            _ => return true,
        };
    }
    false
}

fn starts_comment(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'#' => true,
        b'-' => bytes.get(i + 1) == Some(&b'-') && bytes.get(i + 2).is_none_or(|c| c.is_ascii_whitespace()),
        b'/' => bytes.get(i + 1) == Some(&b'*'),
        _ => false,
    }
}

/// `/*!` or MariaDB's `/*M!`: a comment whose text the server runs.
fn is_executable_comment(bytes: &[u8], i: usize) -> bool {
    let rest = &bytes[i..];
    rest.starts_with(b"/*!") || rest.starts_with(b"/*M!")
}

fn skip_comment(bytes: &[u8], i: usize) -> usize {
    if bytes[i] == b'/' {
        skip_block_comment(bytes, i)
    } else {
        skip_line(bytes, i)
    }
}

fn skip_quoted(bytes: &[u8], open: usize, quote: u8) -> usize {
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote != b'`' => i += 2,
            c if c == quote && bytes.get(i + 1) == Some(&quote) => i += 2,
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn skip_line(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| from + p + 1)
}

fn skip_block_comment(bytes: &[u8], from: usize) -> usize {
    bytes[from + 2..]
        .windows(2)
        .position(|w| w == b"*/")
        .map_or(bytes.len(), |p| from + 2 + p + 2)
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn cuts_at_semicolons_outside_quotes_and_comments() {
        let script = "-- CreateTable\nCREATE TABLE `a;b` (`x` VARCHAR(3) DEFAULT 'it''s; \\';');\n\n# note; here\n/* a; */ INSERT INTO t VALUES (\"x;\");\n-- trailing comment only\n";
        assert_eq!(
            split(script),
            vec![
                "-- CreateTable\nCREATE TABLE `a;b` (`x` VARCHAR(3) DEFAULT 'it''s; \\';')",
                "# note; here\n/* a; */ INSERT INTO t VALUES (\"x;\")",
            ]
        );
        assert!(split("/* Warnings: a; b */\n-- only comments;\n").is_empty());
        assert_eq!(split("SELECT 1;SELECT 2"), vec!["SELECT 1", "SELECT 2"]);
        assert_eq!(
            split("SELECT 1 --not a comment in MySQL\n; SELECT 3"),
            vec!["SELECT 1 --not a comment in MySQL", "SELECT 3"]
        );
    }

    #[test]
    fn executable_comments_are_statements() {
        let dump = "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n/*!40101 SET NAMES utf8mb4 */;\n/* plain; */\n/*M!100100 SET @x = 'a;b' */;\n/*! SET @y = 1 */;\nCREATE TABLE t (id INT) /*!50100 ENGINE=InnoDB */;\n";
        assert_eq!(
            split(dump),
            vec![
                "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */",
                "/*!40101 SET NAMES utf8mb4 */",
                "/* plain; */\n/*M!100100 SET @x = 'a;b' */",
                "/*! SET @y = 1 */",
                "CREATE TABLE t (id INT) /*!50100 ENGINE=InnoDB */",
            ]
        );
    }
}
