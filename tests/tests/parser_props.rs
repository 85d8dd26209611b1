//! Bounded property tests: parsing, validating and formatting never panic,
//! on arbitrary text and on fixtures with random edits; whatever validates
//! lowers, diffs and renders without panicking, and on SQLite the rendered
//! script runs.

use migrate_core::psl::datamodel::Provider;
use migrate_core::psl::diagnostics::SourceFiles;
use migrate_core::psl::format::format_source;
use migrate_core::psl::parse_and_validate;
use migrate_core::schema::Schema;
use migrate_tests::*;
use proptest::prelude::*;
use std::sync::OnceLock;

/// The text of every fixture file, read once.
fn fixture_texts() -> &'static [String] {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        ["schemas", "broken", "evolutions"]
            .iter()
            .flat_map(|dir| fixtures_in(dir))
            .flat_map(|f| if f.path.is_dir() { f.files() } else { vec![f.path] })
            .filter(|p| p.is_file())
            .map(|p| read(&p))
            .collect()
    })
}

/// Runs the whole offline pipeline on `text`; panics only on a bug.
fn pipeline(text: &str) {
    if let Ok(once) = format_source(text) {
        let twice = format_source(&once).expect("formatted text parses");
        assert_eq!(twice, once, "formatting is idempotent");
    }
    let Ok(valid) = parse_and_validate(SourceFiles::single("prop.prisma", text)) else {
        return;
    };
    let schema = lower_sqlite(&valid);
    let ops = plan_sqlite(&Schema::default(), &schema);
    let rendered = migrate_core::driver::Dialect::render(&driver_sqlite::SqliteDialect, &ops);
    let _ = plan_sqlite(&schema, &Schema::default());
    // `dbgenerated("...")` and `Unsupported("...")` carry the user's own SQL,
    // which may be wrong; everything else must give a script SQLite runs.
    let own_sql = text.contains("dbgenerated") || text.contains("Unsupported");
    if provider(&valid) == Some(Provider::Sqlite) && !own_sql {
        let sql = rendered.unwrap_or_else(|e| panic!("a valid schema does not render: {e}\n--- schema\n{text}"));
        let db = memory_db();
        if let Err(e) = db.execute_batch(&sql) {
            panic!("SQLite rejects the script of a valid schema: {e}\n--- schema\n{text}\n--- script\n{sql}");
        }
    }
}

/// One edit of a fixture's text.
#[derive(Debug, Clone)]
enum Edit {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    DeleteChars(usize, usize),
    Insert(usize, String),
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    let tokens = prop::sample::select(vec![
        "{",
        "}",
        "(",
        ")",
        "[",
        "]",
        "@",
        "@@",
        "\"",
        "\n",
        "?",
        ",",
        ":",
        "=",
        ".",
        "//",
        "///",
        " ",
        "@id",
        "@unique",
        "@default(",
        "autoincrement()",
        "@relation(",
        "fields: [",
        "Int",
        "String",
        "model X {",
        "enum E {",
        "é",
        "\\",
    ]);
    prop_oneof![
        any::<usize>().prop_map(Edit::DeleteLine),
        any::<usize>().prop_map(Edit::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
        (any::<usize>(), 1usize..8).prop_map(|(a, n)| Edit::DeleteChars(a, n)),
        (any::<usize>(), tokens).prop_map(|(a, t)| Edit::Insert(a, t.to_string())),
    ]
}

fn apply(text: &str, edit: &Edit) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    let n = lines.len().max(1);
    match edit {
        Edit::DeleteLine(i) if !lines.is_empty() => {
            lines.remove(i % n);
        }
        Edit::DuplicateLine(i) if !lines.is_empty() => lines.insert(i % n, lines[i % n]),
        Edit::SwapLines(a, b) if !lines.is_empty() => lines.swap(a % n, b % n),
        Edit::DeleteChars(at, len) => {
            let chars: Vec<char> = text.chars().collect();
            let start = at % (chars.len() + 1);
            let end = (start + len).min(chars.len());
            return chars[..start].iter().chain(&chars[end..]).collect();
        }
        Edit::Insert(at, token) => {
            let chars: Vec<char> = text.chars().collect();
            let at = at % (chars.len() + 1);
            return chars[..at].iter().collect::<String>() + token + &chars[at..].iter().collect::<String>();
        }
        _ => {}
    }
    lines.join("\n") + "\n"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        pipeline(&text);
    }

    #[test]
    fn schema_like_text_never_panics(text in "(model|enum|datasource|generator|view|type|[A-Za-z]{1,6}|@@?[a-z.]{1,8}|[{}()\\[\\],:=?\"@]|\\(\\)|//[ a-z]*|\n| {1,3}|[0-9]{1,3}){0,60}") {
        pipeline(&text);
    }

    #[test]
    fn edited_fixtures_never_panic(index in any::<prop::sample::Index>(), edits in prop::collection::vec(edit_strategy(), 1..6)) {
        let texts = fixture_texts();
        let mut text = index.get(texts).clone();
        for edit in &edits {
            text = apply(&text, edit);
        }
        pipeline(&text);
    }
}

#[test]
fn edits_keep_text_valid_utf8_and_apply() {
    assert_eq!(apply("a\nb\n", &Edit::DeleteLine(0)), "b\n");
    assert_eq!(apply("a\nb\n", &Edit::DuplicateLine(1)), "a\nb\nb\n");
    assert_eq!(apply("é\n", &Edit::DeleteChars(0, 1)), "\n");
    assert_eq!(apply("ab", &Edit::Insert(1, "{".into())), "a{b");
    assert!(fixture_texts().len() >= 50);
}
