//! The schema reader on hostile input: whatever the bytes, it never panics,
//! never overflows its stack and takes time in proportion to the input.
//! Every fixture with Windows (CRLF) and old Mac (lone CR) line ends reads
//! as with LF; thousands of mistakes are reported fast, the printed list
//! capped; deep nesting is a located error.

use migrate_core::psl::diagnostics::{SourceFiles, MAX_SHOWN};
use migrate_core::psl::format::format_source;
use migrate_core::psl::{parse_and_validate, SchemaError};
use migrate_tests::*;
use std::time::{Duration, Instant};

/// Every fixture file (valid and broken), with its name.
fn fixture_files() -> Vec<(String, String)> {
    ["schemas", "broken", "evolutions"]
        .iter()
        .flat_map(|dir| fixtures_in(dir))
        .flat_map(|f| {
            let name = f.name.clone();
            let files = if f.path.is_dir() { f.files() } else { vec![f.path] };
            files
                .into_iter()
                .filter(|p| p.is_file())
                .map(move |p| (format!("{name}/{}", p.display()), read(&p)))
        })
        .collect()
}

fn validate(text: &str) -> Result<migrate_core::psl::ValidatedSchema, SchemaError> {
    parse_and_validate(SourceFiles::single("s.prisma", text))
}

#[test]
fn every_fixture_reads_the_same_with_crlf_and_lone_cr_line_ends() {
    let files = fixture_files();
    assert!(files.len() >= 50);
    for (name, lf) in &files {
        let lf = lf.replace("\r\n", "\n");
        for eol in ["\r\n", "\r"] {
            let other = lf.replace('\n', eol);
            assert_eq!(
                format_source(&other).ok(),
                format_source(&lf).ok(),
                "{name} ({eol:?}): format"
            );
            match (validate(&lf), validate(&other)) {
                (Ok(a), Ok(b)) => {
                    assert_eq!(a.warnings.render(&a.sources), b.warnings.render(&b.sources), "{name}");
                    if provider(&a) == Some(migrate_core::psl::datamodel::Provider::Sqlite) {
                        assert_eq!(lower_sqlite(&a), lower_sqlite(&b), "{name} ({eol:?}): lowered");
                    }
                }
                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{name} ({eol:?}): errors"),
                (a, b) => panic!(
                    "{name} ({eol:?}): valid with LF: {}, with {eol:?}: {}",
                    a.is_ok(),
                    b.is_ok()
                ),
            }
        }
    }
}

const DATASOURCE: &str = "datasource db {\n  provider = \"sqlite\"\n  url      = \"file:x.db\"\n}\n";

/// Schemas with about 20,000 mistakes of one kind each, or sizes that a
/// quadratic step would turn into minutes.
fn many_mistakes() -> Vec<(&'static str, String)> {
    let lines = |n: usize, f: &dyn Fn(usize) -> String| (0..n).map(f).collect::<String>();
    let model = |body: String| format!("{DATASOURCE}model A {{\n  id Int @id\n{body}}}\n");
    vec![
        ("syntax errors", model(lines(20_000, &|_| "  x @@@ !!\n".to_string()))),
        (
            "unknown types against 2,000 models",
            format!(
                "{DATASOURCE}{}",
                lines(2_000, &|i| format!(
                    "model M{i} {{\n  id Int @id\n{}}}\n",
                    lines(10, &|j| format!("  f{j} Strng{j}\n"))
                ))
            ),
        ),
        (
            "unknown attributes",
            model(lines(10_000, &|i| format!("  f{i} Int @uniqe @defalt(1)\n"))),
        ),
        ("duplicate fields", model(lines(20_000, &|_| "  dup Int\n".to_string()))),
        (
            "duplicate models",
            format!(
                "{DATASOURCE}{}",
                lines(20_000, &|_| "model D {\n  id Int @id\n}\n".to_string())
            ),
        ),
        (
            "unknown index fields",
            model(lines(20_000, &|i| format!("  @@index([nope{i}])\n"))),
        ),
        (
            "one column for every field",
            model(lines(20_000, &|i| format!("  f{i} Int @map(\"c\")\n"))),
        ),
        (
            "enum defaults against 10,000 values",
            format!(
                "{DATASOURCE}enum E {{\n{}}}\nmodel A {{\n  id Int @id\n{}}}\n",
                lines(10_000, &|i| format!("  V{i}\n")),
                lines(10_000, &|i| format!("  f{i} E @default(W{i})\n"))
            ),
        ),
        (
            "10,000 fields, 10,000 index references",
            model(
                lines(10_000, &|i| format!("  f{i} Int\n")) + &lines(10_000, &|i| format!("  @@index([f{i}, g{i}])\n")),
            ),
        ),
        (
            "relations missing their opposite",
            format!(
                "{DATASOURCE}model T {{\n  id Int @id\n}}\n{}",
                lines(5_000, &|i| format!(
                    "model R{i} {{\n  id Int @id\n  tId Int\n  t T @relation(fields: [tId], references: [id])\n}}\n"
                ))
            ),
        ),
        ("one long line", model(format!("  {}\n", "@x( ".repeat(20_000)))),
        (
            "names of a million characters",
            format!(
                "{DATASOURCE}model A {{\n  id Int @id\n  x {}\n}}\nmodel {}R {{\n  id Int @id\n}}\n",
                "Q".repeat(1_000_000),
                "Q".repeat(1_000_000)
            ),
        ),
    ]
}

/// Fast enough that a quadratic step (minutes on these inputs) would fail,
/// slow enough for a debug build on a busy machine.
const BUDGET: Duration = Duration::from_secs(15);

#[test]
fn thousands_of_mistakes_are_reported_fast_and_capped() {
    for (what, text) in many_mistakes() {
        let started = Instant::now();
        let error = match validate(&text) {
            Ok(_) => panic!("{what}: validates"),
            Err(e) => e,
        };
        let report = error.to_string();
        let took = started.elapsed();
        assert!(took < BUDGET, "{what}: {took:?}");
        let shown = report.matches(": error: ").count();
        let total = error.diagnostics.errors().count();
        assert_eq!(shown, total.min(MAX_SHOWN), "{what}");
        if total > MAX_SHOWN {
            assert!(
                report.contains(&format!("... and {} more errors", total - MAX_SHOWN)),
                "{what}"
            );
        }
        assert!(report.len() < 200 * 1024, "{what}: a report of {} bytes", report.len());
    }
}

#[test]
fn deep_nesting_is_a_located_error_on_a_small_stack() {
    for open in ["[", "f(", "[f(", "(", "{"] {
        let text = format!(
            "{DATASOURCE}model A {{\n  id Int @id @default({})\n}}\n",
            open.repeat(200_000)
        );
        let message = std::thread::scope(|s| {
            std::thread::Builder::new()
                .stack_size(512 * 1024)
                .spawn_scoped(s, || validate(&text).map(|_| ()).unwrap_err().to_string())
                .unwrap()
                .join()
                .unwrap()
        });
        assert!(
            message.contains("s.prisma:6:"),
            "{open}: {}",
            &message[..message.len().min(500)]
        );
    }
}
