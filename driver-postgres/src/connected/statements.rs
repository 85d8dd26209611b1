//! A migration script cut into statements, each classified by what
//! PostgreSQL allows it to do inside a transaction block, so that apply can
//! keep a script in one transaction whenever the server permits it.
//!
//! Boundaries are the `;` tokens of sqlparser's PostgreSQL tokenizer (quotes,
//! `E''` strings, dollar quotes and nested comments respected), except inside
//! a SQL-standard function body (`BEGIN ATOMIC ... END`), which psql keeps
//! whole too.

use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::tokenizer::{Location, Token, Tokenizer};

/// One statement of a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement<'a> {
    /// The statement's text, comments before it included, without its `;`.
    pub text: &'a str,
    pub kind: StatementKind,
}

/// What a statement means for the transaction around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatementKind {
    /// Refused inside a transaction block (PostgreSQL manual: `CREATE INDEX
    /// CONCURRENTLY`, `DROP INDEX CONCURRENTLY`, `REINDEX ... CONCURRENTLY`,
    /// `VACUUM`, `ALTER SYSTEM`, `CREATE/DROP DATABASE`, `CREATE/DROP
    /// TABLESPACE`, `CREATE/ALTER/DROP SUBSCRIPTION`, `DETACH PARTITION ...
    /// CONCURRENTLY`, `ALTER TYPE ... ADD VALUE` before PostgreSQL 12).
    NoTransaction,
    /// The script opens a transaction of its own (`BEGIN`, `START
    /// TRANSACTION`).
    TransactionStart,
    /// The script ends its transaction (`COMMIT`, `END`, `ROLLBACK`,
    /// `ABORT`, `PREPARE TRANSACTION`).
    TransactionEnd,
    /// `ALTER TYPE ... ADD VALUE`: the new value is usable only once the
    /// transaction that added it has committed (SQLSTATE 55P04 otherwise).
    AddEnumValue,
    Other,
}

impl StatementKind {
    /// The statement cannot run inside a transaction `migrate` opens.
    pub fn refused_in_transaction(self) -> bool {
        matches!(
            self,
            Self::NoTransaction | Self::TransactionStart | Self::TransactionEnd
        )
    }
}

/// Words without which no statement of a script is [`StatementKind::NoTransaction`]
/// (or adds an enum value): a script of none of them runs whole without
/// being cut into statements (tokenizing a large data migration costs
/// memory, and the usual script needs none of it).
const TRIGGERS: [&str; 13] = [
    "CONCURRENTLY",
    "VACUUM",
    "SYSTEM",
    "DATABASE",
    "TABLESPACE",
    "SUBSCRIPTION",
    "BEGIN",
    "COMMIT",
    "END",
    "ROLLBACK",
    "ABORT",
    "TRANSACTION",
    "VALUE",
];

/// Whether `script` holds a word of [`TRIGGERS`] (anywhere: in a string or a
/// comment too), so that it must be cut into statements to be classified.
pub fn may_need_statements(script: &str) -> bool {
    script
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .any(|word| TRIGGERS.iter().any(|t| t.eq_ignore_ascii_case(word)))
}

/// The statements of `script`, without empty ones; `None` when the
/// tokenizer refuses the text (an unterminated quote, say), in which case
/// the server is left to report the error.
pub fn split(script: &str) -> Option<Vec<Statement<'_>>> {
    let tokens = Tokenizer::new(&PostgreSqlDialect {}, script)
        .tokenize_with_location()
        .ok()?;
    let offsets = Offsets::new(script);
    let mut statements = Vec::new();
    let mut start = 0;
    let mut words: Vec<&str> = Vec::new();
    let mut body_depth = 0u32;
    for t in &tokens {
        match &t.token {
            Token::Word(w) if w.quote_style.is_none() => {
                body_depth = function_body_depth(body_depth, &words, &w.value);
                words.push(&w.value);
            }
            Token::SemiColon if body_depth == 0 => {
                let end = offsets.of(t.span.start);
                push(&mut statements, &script[start..end], &words);
                start = offsets.of(t.span.end);
                words.clear();
            }
            Token::Whitespace(_) => {}
            _ => words.push(""),
        }
    }
    push(&mut statements, &script[start..], &words);
    Some(statements)
}

fn push<'a>(out: &mut Vec<Statement<'a>>, text: &'a str, words: &[&str]) {
    if words.is_empty() {
        return;
    }
    out.push(Statement {
        text,
        kind: classify(words),
    });
}

/// Depth of `BEGIN ATOMIC ... END` nesting after `word` (`CASE ... END`
/// nests inside a body).
fn function_body_depth(depth: u32, before: &[&str], word: &str) -> u32 {
    let is = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    if is(word, "ATOMIC") && before.last().is_some_and(|w| is(w, "BEGIN")) {
        return depth + 1;
    }
    if depth > 0 && is(word, "CASE") {
        return depth + 1;
    }
    if depth > 0 && is(word, "END") {
        return depth - 1;
    }
    depth
}

/// Classifies a statement by its words (unquoted words as written, any
/// other token as an empty string).
fn classify(words: &[&str]) -> StatementKind {
    let upper: Vec<String> = words.iter().map(|w| w.to_ascii_uppercase()).collect();
    let w: Vec<&str> = upper.iter().map(String::as_str).collect();
    let has = |word: &str| w.contains(&word);
    let has_pair = |a: &str, b: &str| w.windows(2).any(|p| p[0] == a && p[1] == b);
    let no_transaction = match w.as_slice() {
        ["CREATE", "INDEX", "CONCURRENTLY", ..] | ["CREATE", "UNIQUE", "INDEX", "CONCURRENTLY", ..] => true,
        ["DROP", "INDEX", "CONCURRENTLY", ..] => true,
        ["REINDEX", ..] => has("CONCURRENTLY") || has("SYSTEM") || has("DATABASE"),
        ["VACUUM", ..] | ["ALTER", "SYSTEM", ..] => true,
        ["CREATE" | "DROP", "DATABASE" | "TABLESPACE" | "SUBSCRIPTION", ..] => true,
        ["ALTER", "SUBSCRIPTION", ..] => true,
        ["ALTER", "TABLE", ..] => has_pair("DETACH", "PARTITION") && has("CONCURRENTLY"),
        _ => false,
    };
    let starts = matches!(w.as_slice(), ["BEGIN", ..] | ["START", "TRANSACTION", ..]);
    let ends = matches!(
        w.as_slice(),
        ["COMMIT" | "END" | "ABORT", ..] | ["PREPARE", "TRANSACTION", ..]
    ) || (matches!(w.as_slice(), ["ROLLBACK", ..]) && !has("TO"));
    if starts {
        StatementKind::TransactionStart
    } else if ends {
        StatementKind::TransactionEnd
    } else if no_transaction {
        StatementKind::NoTransaction
    } else if matches!(w.as_slice(), ["ALTER", "TYPE", ..]) && has_pair("ADD", "VALUE") {
        StatementKind::AddEnumValue
    } else {
        StatementKind::Other
    }
}

/// Byte offsets of the tokenizer's locations (1-based lines counted at
/// `\n`, 1-based columns counted in characters).
struct Offsets<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> Offsets<'a> {
    fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Offsets { text, line_starts }
    }

    fn of(&self, at: Location) -> usize {
        let Some(&line_start) = self.line_starts.get(at.line.saturating_sub(1) as usize) else {
            return self.text.len();
        };
        let chars = at.column.saturating_sub(1) as usize;
        self.text[line_start..]
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| line_start + i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(script: &str) -> Vec<(String, StatementKind)> {
        split(script)
            .expect("tokenizes")
            .into_iter()
            .map(|s| (s.text.trim().to_string(), s.kind))
            .collect()
    }

    #[test]
    fn splits_at_semicolons_outside_quotes_and_comments() {
        let script = "-- CreateTable\nCREATE TABLE \"a;b\" (x TEXT DEFAULT 'x;y');\n/* ; /* nested ; */ */\nDO $f$ BEGIN PERFORM 1; END $f$;\nSELECT E'\\';';";
        let got = kinds(script);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0].0, "-- CreateTable\nCREATE TABLE \"a;b\" (x TEXT DEFAULT 'x;y')");
        assert!(got[1].0.ends_with("DO $f$ BEGIN PERFORM 1; END $f$"));
        assert_eq!(got[2].0, "SELECT E'\\';'");
    }

    #[test]
    fn keeps_a_standard_function_body_whole() {
        let script = "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN true THEN 1 END; SELECT 2; END;\nSELECT 3;";
        let got = kinds(script);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].0.ends_with("SELECT 2; END"));
    }

    #[test]
    fn classifies_what_cannot_run_in_a_transaction() {
        use StatementKind::*;
        let cases = [
            ("CREATE INDEX CONCURRENTLY \"i\" ON \"t\"(\"a\")", NoTransaction),
            ("create unique index concurrently i on t(a)", NoTransaction),
            ("DROP INDEX CONCURRENTLY IF EXISTS \"i\"", NoTransaction),
            ("REINDEX INDEX CONCURRENTLY i", NoTransaction),
            ("REINDEX TABLE t", Other),
            ("VACUUM ANALYZE t", NoTransaction),
            ("ALTER SYSTEM SET work_mem = '64MB'", NoTransaction),
            ("ALTER TABLE p DETACH PARTITION c CONCURRENTLY", NoTransaction),
            ("ALTER TABLE p DETACH PARTITION c", Other),
            ("BEGIN", TransactionStart),
            ("start transaction isolation level serializable", TransactionStart),
            ("COMMIT", TransactionEnd),
            ("ROLLBACK", TransactionEnd),
            ("ROLLBACK TO SAVEPOINT s", Other),
            ("ALTER TYPE \"Role\" ADD VALUE 'DEMO'", AddEnumValue),
            (
                "ALTER TYPE \"Role\" ADD VALUE IF NOT EXISTS 'DEMO' BEFORE 'USER'",
                AddEnumValue,
            ),
            ("ALTER TYPE \"Role\" RENAME VALUE 'A' TO 'B'", Other),
            ("CREATE INDEX \"concurrently\" ON t(a)", Other),
            ("SELECT 'VACUUM'", Other),
        ];
        for (sql, kind) in cases {
            assert_eq!(kinds(sql), vec![(sql.to_string(), kind)], "{sql}");
        }
    }

    #[test]
    fn only_scripts_with_trigger_words_are_cut() {
        assert!(!may_need_statements(
            "CREATE TABLE \"t\" (x INT);\nINSERT INTO t VALUES (1), (2);"
        ));
        assert!(may_need_statements("create index concurrently i on t(x)"));
        assert!(may_need_statements("ALTER TYPE \"E\" ADD VALUE 'X'"));
        assert!(!may_need_statements("SELECT 'backend', 'vacuums'"));
    }

    #[test]
    fn a_script_of_comments_has_no_statements() {
        assert!(kinds("-- This is an empty migration.").is_empty());
        assert!(kinds("  \n/* x */\n").is_empty());
    }

    #[test]
    fn offsets_count_characters_within_a_line() {
        let got = kinds("SELECT 'é';\nSELECT 'ü'; SELECT 1");
        assert_eq!(got.len(), 3);
        assert_eq!(got[1].0, "SELECT 'ü'");
    }
}
