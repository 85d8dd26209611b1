//! Which scripts must run outside the transaction a migration is kept in:
//! those with a top-level statement SQLite refuses, or ignores, inside a
//! transaction. Prisma runs a SQLite script as one batch without a
//! transaction of its own, so a file that opens and commits its own
//! transaction (`BEGIN TRANSACTION; ... COMMIT;`, as `sqlite3 .dump` and
//! SQLite's manual for table rebuilds write it) applies there; inside ours
//! its `BEGIN` fails with "cannot start a transaction within a transaction".
//!
//! The first words of each top-level statement come from sqlparser's
//! SQLite tokenizer (quotes, `[...]` names and comments are its business);
//! the `;`s inside a trigger body (`CREATE TRIGGER ... BEGIN ...; ...; END`)
//! do not end the statement. Reading a script as needing no transaction
//! when it does not is harmless (it then runs as Prisma runs it); the
//! reverse is what this guards against. A script the tokenizer refuses (an
//! unterminated quote) runs in the transaction, and SQLite reports it.

use sqlparser::dialect::SQLiteDialect;
use sqlparser::tokenizer::{Token, Tokenizer};

/// Words without which no statement needs to run outside a transaction: a
/// script of none of them is not tokenized.
const TRIGGERS: [&str; 8] = [
    "BEGIN",
    "COMMIT",
    "END",
    "ROLLBACK",
    "VACUUM",
    "ATTACH",
    "DETACH",
    "journal_mode",
];

/// Whether a statement of `script` is one SQLite refuses inside a
/// transaction (`BEGIN`, `COMMIT`/`END`, `ROLLBACK` but `ROLLBACK TO`,
/// `VACUUM`, `ATTACH`, `DETACH`) or ignores there (`PRAGMA journal_mode`).
pub fn needs_no_transaction(script: &str) -> bool {
    first_words(script, &TRIGGERS).iter().any(|words| {
        let is = |i: usize, w: &str| words.get(i).is_some_and(|x| x.eq_ignore_ascii_case(w));
        match words.first().map(|w| w.to_ascii_uppercase()).as_deref() {
            Some("BEGIN" | "COMMIT" | "END" | "VACUUM" | "ATTACH" | "DETACH") => true,
            Some("ROLLBACK") => !(is(1, "TO") || is(2, "TO")),
            Some("PRAGMA") => words.iter().any(|w| w.eq_ignore_ascii_case("journal_mode")),
            _ => false,
        }
    })
}

/// Whether a top-level statement of `script` switches foreign keys off
/// (`PRAGMA foreign_keys = OFF`, as Prisma's table rebuilds and dropped
/// tables do): such a script runs with them off, as it would in Prisma.
pub fn turns_off_foreign_keys(script: &str) -> bool {
    first_words(script, &["foreign_keys"]).iter().any(|words| {
        let is = |i: usize, w: &str| words.get(i).is_some_and(|x| x.eq_ignore_ascii_case(w));
        is(0, "PRAGMA") && is(1, "foreign_keys") && (is(2, "OFF") || is(2, "FALSE") || is(2, "NO"))
    })
}

/// The first few words (keywords and unquoted names) of each top-level
/// statement; none unless one of `triggers` is a word of the script.
fn first_words(script: &str, triggers: &[&str]) -> Vec<Vec<String>> {
    const KEPT: usize = 6;
    let may_need = script
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .any(|word| triggers.iter().any(|t| t.eq_ignore_ascii_case(word)));
    let tokens = match may_need {
        true => Tokenizer::new(&SQLiteDialect {}, script).tokenize().unwrap_or_default(),
        false => Vec::new(),
    };
    let mut statements = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut trigger = Trigger::default();
    for token in tokens {
        match token {
            Token::SemiColon if !trigger.in_body() => {
                statements.push(std::mem::take(&mut words));
                trigger = Trigger::default();
            }
            Token::Word(w) if w.quote_style.is_none() => {
                trigger.word(&w.value, &words);
                if words.len() < KEPT {
                    words.push(w.value);
                }
            }
            _ => {}
        }
    }
    statements.push(words);
    statements.retain(|w| !w.is_empty());
    statements
}

/// Where a scan stands in a `CREATE TRIGGER`: its body runs from `BEGIN` to
/// the `END` that closes it (`CASE ... END` nests inside).
#[derive(Default)]
struct Trigger {
    is_trigger: bool,
    depth: u32,
}

impl Trigger {
    fn in_body(&self) -> bool {
        self.depth > 0
    }

    fn word(&mut self, word: &str, before: &[String]) {
        let is = |w: &str| word.eq_ignore_ascii_case(w);
        if is("TRIGGER") && before.first().is_some_and(|w| w.eq_ignore_ascii_case("CREATE")) {
            self.is_trigger = true;
        } else if self.is_trigger && (is("BEGIN") || (self.depth > 0 && is("CASE"))) {
            self.depth += 1;
        } else if self.depth > 0 && is("END") {
            self.depth -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{first_words, needs_no_transaction, turns_off_foreign_keys, TRIGGERS};

    #[test]
    fn a_pragma_that_switches_foreign_keys_off_is_found() {
        assert!(turns_off_foreign_keys(
            "PRAGMA defer_foreign_keys=ON;\nPRAGMA foreign_keys=OFF;\nCREATE TABLE a (x);"
        ));
        assert!(turns_off_foreign_keys("pragma FOREIGN_KEYS = off;"));
        assert!(!turns_off_foreign_keys("PRAGMA foreign_keys=ON; DELETE FROM a;"));
        assert!(!turns_off_foreign_keys("-- PRAGMA foreign_keys=OFF;\nDELETE FROM a;"));
        assert!(!turns_off_foreign_keys(
            "INSERT INTO notes VALUES ('PRAGMA foreign_keys=OFF');"
        ));
    }

    #[test]
    fn own_transactions_and_what_refuses_one() {
        for script in [
            "PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\nCREATE TABLE a (x INT);\nCOMMIT;\nPRAGMA foreign_keys=ON;",
            "begin;\ncreate table a (x int);\nend;",
            "CREATE TABLE a (x INT); VACUUM;",
            "PRAGMA main.journal_mode = WAL;",
            "ROLLBACK;",
            "ATTACH DATABASE 'x.db' AS x;",
        ] {
            assert!(needs_no_transaction(script), "{script}");
        }
    }

    #[test]
    fn what_runs_in_a_transaction() {
        for script in [
            "-- RedefineTables\nPRAGMA defer_foreign_keys=ON;\nPRAGMA foreign_keys=OFF;\nCREATE TABLE \"new_A\" (x INT);\nPRAGMA foreign_keys=ON;\nPRAGMA defer_foreign_keys=OFF;",
            "CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET x = CASE WHEN x > 0 THEN 1 END; SELECT 1; END;\nCREATE TABLE b (y INT);",
            "INSERT INTO a VALUES ('BEGIN; COMMIT;'); -- COMMIT;\n/* BEGIN; */ SELECT \"end\" FROM [commit];",
            "SAVEPOINT s; CREATE TABLE a (x INT); RELEASE s; ROLLBACK TO s; ROLLBACK TRANSACTION TO SAVEPOINT s;",
            "-- This is an empty migration.",
            "",
        ] {
            assert!(!needs_no_transaction(script), "{script}");
        }
    }

    #[test]
    fn a_trigger_body_is_one_statement() {
        let words = first_words(
            "CREATE TRIGGER t AFTER INSERT ON a BEGIN DELETE FROM b; END; END;",
            &TRIGGERS,
        );
        assert_eq!(words.len(), 2, "{words:?}");
        assert_eq!(words[1], ["END"]);
    }
}
