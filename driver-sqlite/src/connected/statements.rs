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

/// Whether a statement of `script` is a `PRAGMA` of `foreign_keys`, in any
/// of SQLite's spellings (`foreign_keys=OFF`, `= 0`, `='off'`,
/// `main.foreign_keys`, `"foreign_keys"`, `foreign_keys(0)`): Prisma's
/// table rebuilds and dropped tables switch them off this way. Such a script
/// runs with foreign keys off, as it would in Prisma: inside the
/// migration's transaction the pragma itself does nothing, and with keys on
/// a rebuild's `DROP TABLE` would delete the rows that reference the table.
/// Any setting counts, so that no spelling of "off" is missed; a script
/// that only switches them on runs with them off too, and the check after
/// it still refuses the rows it broke. A script the tokenizer refuses
/// counts when its text names `foreign_keys` at all.
pub fn sets_foreign_keys(script: &str) -> bool {
    const NAME: &str = "foreign_keys";
    if !script.to_ascii_lowercase().contains(NAME) {
        return false;
    }
    let Ok(tokens) = Tokenizer::new(&SQLiteDialect {}, script).tokenize() else {
        return true;
    };
    let is_pragma =
        |t: &Token| matches!(t, Token::Word(w) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case("PRAGMA"));
    let names_it = |t: &&Token| matches!(t, Token::Word(w) if w.value.eq_ignore_ascii_case(NAME));
    let significant = tokens.iter().filter(|t| !matches!(t, Token::Whitespace(_)));
    let mut statement: Vec<&Token> = Vec::new();
    for token in significant.chain(std::iter::once(&Token::SemiColon)) {
        if *token != Token::SemiColon {
            statement.push(token);
            continue;
        }
        if statement.first().is_some_and(|t| is_pragma(t)) && statement.iter().take(4).any(names_it) {
            return true;
        }
        statement.clear();
    }
    false
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
    use super::{first_words, needs_no_transaction, sets_foreign_keys, TRIGGERS};

    #[test]
    fn a_pragma_of_foreign_keys_is_found_in_every_spelling() {
        let spellings = [
            "PRAGMA defer_foreign_keys=ON;\nPRAGMA foreign_keys=OFF;\nCREATE TABLE a (x);",
            "pragma FOREIGN_KEYS = off;",
            "PRAGMA foreign_keys=0;",
            "PRAGMA foreign_keys = 0;",
            "PRAGMA main.foreign_keys=OFF;",
            "PRAGMA \"foreign_keys\"=OFF;",
            "PRAGMA foreign_keys='off';",
            "PRAGMA foreign_keys(0);",
            "/* rebuild */ PRAGMA foreign_keys=false; DROP TABLE a;",
        ];
        for script in spellings {
            assert!(sets_foreign_keys(script), "{script}");
        }
        assert!(!sets_foreign_keys("PRAGMA defer_foreign_keys=ON; DELETE FROM a;"));
        assert!(!sets_foreign_keys("-- PRAGMA foreign_keys=OFF;\nDELETE FROM a;"));
        assert!(!sets_foreign_keys(
            "INSERT INTO notes VALUES ('PRAGMA foreign_keys=OFF');"
        ));
        assert!(!sets_foreign_keys("DELETE FROM a;"));
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
