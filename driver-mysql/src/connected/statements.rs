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
//!
//! Two things the server would see whole if the file were sent in one
//! piece, as Prisma sends it (a multi-statement query):
//! - the body of a stored program (`CREATE TRIGGER`, `PROCEDURE`,
//!   `FUNCTION`, `EVENT`, MariaDB's `BEGIN NOT ATOMIC`) from `BEGIN` to its
//!   `END`, whose inner `;`s do not end the statement;
//! - the client command `DELIMITER //` (which Prisma passes to the server,
//!   a syntax error): from there the statements end at `//`, as in the
//!   `mysql` client, and the command itself is not sent. Files written for
//!   the `mysql` client therefore apply too.

/// The statements of `script`, trimmed, without empty ones; comments stay
/// with the statement they precede.
pub fn split(script: &str) -> Vec<&str> {
    let bytes = script.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    let mut delimiter = ";";
    let mut program = Program::default();
    while i < bytes.len() {
        i = match bytes[i] {
            q @ (b'\'' | b'"' | b'`') => skip_quoted(bytes, i, q),
            _ if starts_comment(bytes, i) => skip_comment(bytes, i),
            _ if delimiter != ";" && bytes[i..].starts_with(delimiter.as_bytes()) => {
                push(&mut out, &script[start..i]);
                start = i + delimiter.len();
                program = Program::default();
                start
            }
            b';' if delimiter == ";" && !program.in_body() => {
                push(&mut out, &script[start..i]);
                start = i + 1;
                program = Program::default();
                i + 1
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let end = bytes[i..]
                    .iter()
                    .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$')))
                    .map_or(bytes.len(), |p| i + p);
                // `END$$` under `DELIMITER $$`: the delimiter ends the word,
                // as in the `mysql` client, though `$` may be part of one.
                let end = match delimiter {
                    ";" => end,
                    custom => script[i..end].find(custom).map_or(end, |p| i + p),
                };
                let word = &script[i..end];
                if program.words == 0 && word.eq_ignore_ascii_case("DELIMITER") {
                    push(&mut out, &script[start..i]);
                    let line_end = skip_line(bytes, end);
                    if let Some(new) = script[end..line_end].split_whitespace().next() {
                        delimiter = new;
                    }
                    start = line_end;
                    line_end
                } else {
                    if delimiter == ";" {
                        program.word(word);
                    }
                    program.words += 1;
                    end
                }
            }
            _ => i + 1,
        };
    }
    push(&mut out, &script[start..]);
    out
}

/// Where a scan stands in a statement that may define a stored program:
/// inside its body, `BEGIN ... END` and `CASE ... END [CASE]` nest; the
/// `END IF`, `END LOOP`, `END WHILE`, `END REPEAT` and `END FOR` of blocks
/// that are not counted are passed over.
#[derive(Default)]
struct Program {
    /// Words of the statement so far.
    words: usize,
    create: bool,
    /// A stored program's definition (or an anonymous block).
    program: bool,
    depth: u32,
    /// The last word was a counted `END`.
    after_end: bool,
    begin_first: bool,
}

impl Program {
    fn in_body(&self) -> bool {
        self.depth > 0
    }

    fn word(&mut self, word: &str) {
        let is = |w: &str| word.eq_ignore_ascii_case(w);
        if std::mem::take(&mut self.after_end) {
            if is("IF") || is("LOOP") || is("WHILE") || is("REPEAT") || is("FOR") {
                self.depth += 1;
                return;
            }
            if is("CASE") {
                return;
            }
        }
        match self.words {
            0 => {
                self.create = is("CREATE");
                self.begin_first = is("BEGIN");
            }
            1 if self.begin_first && is("NOT") => {
                self.program = true;
                self.depth = 1;
                return;
            }
            _ => {}
        }
        if self.create && !self.program {
            self.program = is("TRIGGER") || is("PROCEDURE") || is("FUNCTION") || is("EVENT");
        }
        if !self.program {
            return;
        }
        if is("BEGIN") || is("CASE") {
            self.depth += 1;
        } else if is("END") && self.depth > 0 {
            self.depth -= 1;
            self.after_end = true;
        }
    }
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
    fn stored_program_bodies_are_one_statement() {
        let script = "CREATE TRIGGER `t` BEFORE INSERT ON `a` FOR EACH ROW\nBEGIN\n  IF NEW.x IS NULL THEN\n    SET NEW.x = CASE WHEN NEW.y > 0 THEN 1 ELSE 0 END;\n  END IF;\n  lbl: LOOP\n    LEAVE lbl;\n  END LOOP lbl;\n  CASE NEW.y WHEN 1 THEN SET NEW.z = 1; ELSE BEGIN END; END CASE;\nEND;\nINSERT INTO `a` (`y`) VALUES (1);\nCREATE FUNCTION f(x INT) RETURNS INT DETERMINISTIC RETURN x + 1;\nCREATE PROCEDURE p() BEGIN WHILE 0 DO SELECT 1; END WHILE; REPEAT SELECT 2; UNTIL 1 END REPEAT; END;\nBEGIN NOT ATOMIC SELECT 1; SELECT 2; END;\nBEGIN;\nCOMMIT;";
        let got = split(script);
        assert_eq!(got.len(), 7, "{got:#?}");
        assert!(
            got[0].starts_with("CREATE TRIGGER") && got[0].ends_with("END CASE;\nEND"),
            "{}",
            got[0]
        );
        assert_eq!(got[1], "INSERT INTO `a` (`y`) VALUES (1)");
        assert_eq!(
            got[2],
            "CREATE FUNCTION f(x INT) RETURNS INT DETERMINISTIC RETURN x + 1"
        );
        assert!(got[3].ends_with("END REPEAT; END"), "{}", got[3]);
        assert_eq!(got[4], "BEGIN NOT ATOMIC SELECT 1; SELECT 2; END");
        assert_eq!(&got[5..], ["BEGIN", "COMMIT"]);
    }

    #[test]
    fn a_custom_delimiter_right_after_a_word_ends_the_statement() {
        let script = "DELIMITER $$\nCREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\nEND$$\nCREATE FUNCTION f(x INT) RETURNS INT DETERMINISTIC\nBEGIN\n  RETURN x + 1;\nEND $$\nDELIMITER ;\n";
        assert_eq!(
            split(script),
            vec![
                "CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\nEND",
                "CREATE FUNCTION f(x INT) RETURNS INT DETERMINISTIC\nBEGIN\n  RETURN x + 1;\nEND",
            ]
        );
    }

    #[test]
    fn delimiter_commands_as_in_the_mysql_client() {
        let script = "CREATE TABLE t (id INT);\nDELIMITER //\nCREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\nEND //\ndelimiter ;\nINSERT INTO t VALUES (1);\nDELIMITER $$\nCREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW SET NEW.id = 2$$\nDELIMITER ;\n";
        assert_eq!(
            split(script),
            vec![
                "CREATE TABLE t (id INT)",
                "CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\nEND",
                "INSERT INTO t VALUES (1)",
                "CREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW SET NEW.id = 2",
            ]
        );
        // Only at the start of a statement: here it is a column.
        assert_eq!(
            split("SELECT delimiter FROM t; SELECT 1"),
            vec!["SELECT delimiter FROM t", "SELECT 1"]
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
