//! `migrate format` over every fixture: formatting twice gives the text of
//! formatting once, no comment (`//`, `///`, `/* */`) is lost, and the formatted schema means the
//! same as the original.

use migrate_core::psl::diagnostics::{SourceFile, SourceFiles};
use migrate_core::psl::format::format_source;
use migrate_core::psl::lexer::{lex, Tok};
use migrate_core::psl::parse_and_validate;
use migrate_tests::*;
use std::path::PathBuf;

/// Every `.prisma` file under `tests/fixtures`, with a short name.
fn all_files() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for dir in ["schemas", "broken", "evolutions"] {
        for fixture in fixtures_in(dir) {
            let files = if fixture.path.is_dir() {
                walk(&fixture.path)
            } else {
                vec![fixture.path.clone()]
            };
            out.extend(
                files
                    .into_iter()
                    .map(|p| (p.strip_prefix(fixtures_dir()).unwrap_or(&p).display().to_string(), p)),
            );
        }
    }
    out
}

fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("fixture folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "prisma") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The text of every comment (`//`, `///`, `/* */`), trimmed, sorted; of
/// a block comment its words (the formatter lays one on lines of its own
/// out as `/** ... */`, as Prisma 6.19.3's does).
fn comments(text: &str) -> Vec<String> {
    let mut out: Vec<String> = lex(0, text)
        .into_iter()
        .filter_map(|t| match t.tok {
            Tok::Comment(c) | Tok::DocComment(c) => Some(c.trim().to_string()),
            Tok::BlockComment(c) => {
                let words = c
                    .split_whitespace()
                    .filter(|w| !matches!(*w, "/*" | "/**" | "*/" | "*"));
                Some(words.collect::<Vec<_>>().join(" "))
            }
            _ => None,
        })
        .collect();
    out.sort();
    out
}

#[test]
fn formatting_is_idempotent_and_keeps_every_comment() {
    let mut formatted_files = 0;
    for (name, path) in all_files() {
        let text = read(&path);
        let Ok(once) = format_source(&text) else {
            assert!(
                name.starts_with("broken/syntax"),
                "{name} does not parse, but only syntax fixtures should fail to"
            );
            continue;
        };
        let twice =
            format_source(&once).unwrap_or_else(|d| panic!("{name}: the formatted text does not parse: {d:?}\n{once}"));
        assert_eq!(twice, once, "{name}: formatting twice differs from formatting once");
        let (before, after) = (comments(&text), comments(&once));
        for c in &before {
            assert!(after.contains(c), "{name}: the comment `{c}` is lost\n{once}");
        }
        assert_eq!(
            before.len(),
            after.len(),
            "{name}: comments before and after formatting"
        );
        formatted_files += 1;
    }
    assert!(
        formatted_files >= 45,
        "only {formatted_files} fixtures could be formatted"
    );
}

/// A formatted SQLite schema lowers to the same database (an empty diff); a formatted PostgreSQL or
/// MySQL schema still validates.
#[test]
fn formatting_keeps_the_meaning() {
    for fixture in fixtures_in("schemas") {
        let original = fixture.sources();
        let formatted = SourceFiles {
            files: original
                .files
                .iter()
                .map(|f| SourceFile {
                    path: f.path.clone(),
                    text: format_source(&f.text).unwrap_or_else(|d| panic!("{}: {d:?}", f.path)),
                })
                .collect(),
        };
        let before = parse_and_validate(original).unwrap_or_else(|e| panic!("{}:\n{e}", fixture.name));
        let after = parse_and_validate(formatted).unwrap_or_else(|e| panic!("{} after formatting:\n{e}", fixture.name));
        if provider(&before) == Some(migrate_core::psl::datamodel::Provider::Sqlite) {
            let (from, to) = (lower_sqlite(&before), lower_sqlite(&after));
            let plan = plan_sqlite(&from, &to);
            assert!(
                plan.is_empty(),
                "{}: formatting changed the database: {plan:?}",
                fixture.name
            );
        }
        assert_eq!(after.datamodel.models.len(), before.datamodel.models.len());
        assert_eq!(
            after.datamodel.generators, before.datamodel.generators,
            "{}: generators kept",
            fixture.name
        );
    }
}

#[test]
fn comment_extraction_skips_strings() {
    assert_eq!(comments(r#"  url = "file://x" // real"#), [" real".trim()]);
    assert!(comments(r#"  a String @default("\"//") "#).is_empty());
    assert_eq!(comments("/// doc\n/* block */"), ["block", "doc"]);
}

/// `tests/fixtures/format/<name>.prisma` formats to what Prisma 6.19.3's
/// `prisma format` wrote for it (`<name>.prisma-6.19.3.formatted`, never
/// edited): attribute order, blank lines between blocks, block comments
/// and comment banners.
#[test]
fn formats_as_prisma() {
    let dir = fixtures_dir().join("format");
    let mut compared = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "prisma") {
            continue;
        }
        let golden = read(&path.with_extension("prisma-6.19.3.formatted"));
        let ours = format_source(&read(&path)).unwrap_or_else(|d| panic!("{}: {d:?}", path.display()));
        assert_eq!(ours, golden, "{}", path.display());
        compared += 1;
    }
    assert!(compared >= 4, "only {compared} format goldens");
}
