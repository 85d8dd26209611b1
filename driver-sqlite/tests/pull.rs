//! `db pull` on real SQLite databases (DESIGN invariant 3): every fixture
//! schema is migrated into a fresh database, introspected and pulled; the
//! pulled file must validate, diff empty against the database, and pull to
//! the same text a second time. Pulling over the original schema keeps its
//! configuration blocks, names and doc comments.

mod common;

use common::{apply, database, render};
use driver_sqlite::introspect::introspect;
use driver_sqlite::SqliteDialect;
use migrate_core::diff::{diff, Op};
use migrate_core::psl::ast::SchemaFile;
use migrate_core::psl::diagnostics::SourceFiles;
use migrate_core::psl::to_psl::{pull_files, pull_text};
use migrate_core::psl::{lower::lower, parse_and_validate, read_schema, ValidatedSchema};
use migrate_core::schema::Schema;
use migrate_core::testing::without_relation_names;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every SQLite fixture (the multi-file one as one schema) and the example.
fn sqlite_fixtures() -> Vec<(String, SourceFiles)> {
    let dir = root().join("tests/fixtures/schemas");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(|e| Some(e.ok()?.path())).collect())
        .unwrap_or_default();
    paths.push(root().join("examples/blog/schema.prisma"));
    paths.sort();
    paths
        .iter()
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "prisma"))
        .filter_map(|p| Some((fixture_name(p), read_schema(p).ok()?)))
        .filter(|(_, sources)| sources.files.iter().any(|f| f.text.contains("\"sqlite\"")))
        .collect()
}

fn fixture_name(path: &Path) -> String {
    let relative = path.strip_prefix(root()).unwrap_or(path);
    relative.display().to_string()
}

fn validated(sources: SourceFiles) -> Result<ValidatedSchema, String> {
    parse_and_validate(sources).map_err(|e| e.to_string())
}

/// A fresh database migrated from empty to `schema`, as `migrate` does it.
fn migrated(schema: &Schema) -> Connection {
    let db = database();
    let ops = diff(&Schema::default(), schema, &SqliteDialect);
    apply(&db, &render(&ops));
    db
}

fn migrated_from(sources: SourceFiles) -> (Connection, ValidatedSchema) {
    let valid = validated(sources).unwrap_or_else(|e| panic!("{e}"));
    let db = migrated(&lower(&valid.datamodel, &SqliteDialect));
    (db, valid)
}

fn read_back(db: &Connection) -> Schema {
    introspect(db).unwrap_or_else(|e| panic!("introspect: {e}"))
}

fn pull(db: &Connection, existing: Option<&[SchemaFile]>) -> String {
    pull_text(&read_back(db), &SqliteDialect, existing)
}

/// What would change in the database to make it match `pulled`.
fn drift(db: &Connection, pulled: &ValidatedSchema) -> Vec<Op> {
    let lowered = lower(&pulled.datamodel, &SqliteDialect);
    diff(&read_back(db), &lowered, &SqliteDialect)
}

/// Pulls `db` (over `existing`), checks the invariant, returns the text.
fn check_pull(db: &Connection, existing: Option<&[SchemaFile]>) -> Result<String, String> {
    let text = pull(db, existing);
    let valid = validated(SourceFiles::single("pulled.prisma", text.clone()))
        .map_err(|e| format!("the pulled schema is invalid:\n{e}\n{text}"))?;
    let ops = drift(db, &valid);
    if !ops.is_empty() {
        return Err(format!(
            "the pulled schema differs from the database:\n{}\n{text}",
            describe(&ops)
        ));
    }
    // Pulling again changes nothing but the names of kept implicit
    // many-to-many relations, written out as Prisma 6.19.3 writes them;
    // from there on, nothing.
    let again = pull(db, Some(&valid.files));
    if without_relation_names(&again) != without_relation_names(&text) {
        return Err(format!("pulling again changed the text:\n{text}\n---\n{again}"));
    }
    let valid_again = validated(SourceFiles::single("again.prisma", again.clone()))
        .map_err(|e| format!("the schema pulled again is invalid:\n{e}\n{again}"))?;
    let third = pull(db, Some(&valid_again.files));
    if third != again {
        return Err(format!("pulling a third time changed the text:\n{again}\n---\n{third}"));
    }
    Ok(text)
}

/// The differences in `ops`, short: what the database has, then what the
/// pulled schema says.
fn describe(ops: &[Op]) -> String {
    let mut lines = Vec::new();
    for op in ops {
        let Op::RedefineTables(tables) = op else {
            lines.push(format!("{op:?}"));
            continue;
        };
        for t in tables {
            let (from, to) = (&t.from, &t.to);
            for c in &to.columns {
                match from.column(&c.name) {
                    Some(old) if old == c => {}
                    old => lines.push(format!("{}.{}: {old:?}\n  -> {c:?}", to.name, c.name)),
                }
            }
            if from.primary_key != to.primary_key {
                lines.push(format!(
                    "{} key: {:?}\n  -> {:?}",
                    to.name, from.primary_key, to.primary_key
                ));
            }
            if from.indexes != to.indexes {
                lines.push(format!(
                    "{} indexes: {:?}\n  -> {:?}",
                    to.name, from.indexes, to.indexes
                ));
            }
            if from.foreign_keys != to.foreign_keys {
                lines.push(format!(
                    "{} foreign keys: {:?}\n  -> {:?}",
                    to.name, from.foreign_keys, to.foreign_keys
                ));
            }
        }
    }
    lines.join("\n")
}

/// Fixtures whose database cannot round-trip for a reason outside `db
/// pull`, and the reason. The test fails when one of them starts to pass.
const KNOWN_DRIFT: &[(&str, &str)] = &[];

#[test]
fn every_sqlite_fixture_pulls_to_a_schema_without_drift() {
    let fixtures = sqlite_fixtures();
    assert!(fixtures.len() > 10, "fixtures not found");
    let mut failures = Vec::new();
    let mut unexpected = Vec::new();
    for (name, sources) in fixtures {
        let (db, original) = migrated_from(sources);
        let known = KNOWN_DRIFT.iter().find(|(known, _)| *known == name);
        let mut failed = false;
        for (how, existing) in [("fresh", None), ("over the original", Some(&original.files[..]))] {
            if let Err(e) = check_pull(&db, existing) {
                failed = true;
                failures.push(format!("{name} ({how}): {e}"));
            }
        }
        match (failed, known) {
            (true, None) => unexpected.push(name),
            (false, Some(_)) => unexpected.push(format!("{name} passes now: remove it from KNOWN_DRIFT")),
            (true, Some((_, reason))) => eprintln!("known drift in {name}: {reason}"),
            (false, None) => {}
        }
    }
    assert!(unexpected.is_empty(), "{unexpected:?}\n\n{}", failures.join("\n\n"));
}

fn example() -> SourceFiles {
    read_schema(&root().join("examples/blog/schema.prisma")).expect("the example schema")
}

fn fixture(name: &str) -> SourceFiles {
    read_schema(&root().join("tests/fixtures/schemas").join(name)).expect("the fixture")
}

#[test]
fn pulling_over_the_original_keeps_its_configuration_and_doc_comments() {
    let (db, original) = migrated_from(example());
    let text = pull(&db, Some(&original.files));
    let source = &original.sources.files[0].text;
    let config = &source[source.find("datasource").unwrap()..source.find("enum Role").unwrap()];
    for block in config.trim().split("\n\n") {
        assert!(text.contains(block), "{block}\n\n{text}");
    }
    // The file's opening comment stays at its top; the generators come
    // before the datasource, as Prisma 6.19.3 writes them.
    assert!(text.starts_with("// A small blog: the example the README runs.\n\ngenerator client {"));
    assert!(text.find("generator types").unwrap() < text.find("datasource db").unwrap());
    assert!(text.contains("/// Someone who writes posts.\nmodel User {"), "{text}");
}

#[test]
fn pulls_the_example_with_prisma_names() {
    let (db, _) = migrated_from(example());
    insta::assert_snapshot!(check_pull(&db, None).unwrap_or_else(|e| panic!("{e}")));
}

#[test]
fn pulls_the_example_over_itself() {
    let (db, original) = migrated_from(example());
    insta::assert_snapshot!(check_pull(&db, Some(&original.files)).unwrap_or_else(|e| panic!("{e}")));
}

#[test]
fn pulls_self_relations_and_their_names() {
    let (db, _) = migrated_from(fixture("social_graph.prisma"));
    insta::assert_snapshot!(check_pull(&db, None).unwrap_or_else(|e| panic!("{e}")));
}

#[test]
fn pulls_many_to_many_relations() {
    let (db, _) = migrated_from(fixture("many_to_many.prisma"));
    insta::assert_snapshot!(check_pull(&db, None).unwrap_or_else(|e| panic!("{e}")));
}

#[test]
fn pulls_every_default() {
    let (db, _) = migrated_from(fixture("defaults_everything.prisma"));
    insta::assert_snapshot!(check_pull(&db, None).unwrap_or_else(|e| panic!("{e}")));
}

#[test]
fn pulls_mapped_names_and_constraint_names() {
    let (db, _) = migrated_from(fixture("mapped_names.prisma"));
    insta::assert_snapshot!(check_pull(&db, None).unwrap_or_else(|e| panic!("{e}")));
}

#[test]
fn pulling_over_mapped_names_keeps_them() {
    let (db, original) = migrated_from(fixture("mapped_names.prisma"));
    insta::assert_snapshot!(check_pull(&db, Some(&original.files)).unwrap_or_else(|e| panic!("{e}")));
}

#[test]
fn pulls_a_multi_file_schema_back_into_its_files() {
    let (db, original) = migrated_from(fixture("multi_file"));
    let files = pull_files(&read_back(&db), None, &SqliteDialect, &original.files, None).files;
    assert_eq!(files.len(), original.files.len());
    let texts: Vec<String> = files.iter().map(migrate_core::psl::format::format).collect();
    for (source, text) in original.sources.files.iter().zip(&texts) {
        let model_names = |t: &str| -> Vec<String> {
            t.lines()
                .filter(|l| l.starts_with("model "))
                .map(str::to_string)
                .collect()
        };
        assert_eq!(model_names(&source.text), model_names(text), "{}:\n{text}", source.path);
    }
    let sources = SourceFiles {
        files: original
            .sources
            .files
            .iter()
            .zip(texts)
            .map(|(f, text)| migrate_core::psl::diagnostics::SourceFile {
                path: f.path.clone(),
                text,
            })
            .collect(),
    };
    let valid = validated(sources).unwrap_or_else(|e| panic!("{e}"));
    assert!(drift(&db, &valid).is_empty());
}

/// A database written by hand, not by `migrate`: names that are not
/// identifiers, a table without a key, two foreign keys to one table.
#[test]
fn pulls_a_hand_written_database() {
    let db = database();
    apply(
        &db,
        r#"
        CREATE TABLE "user accounts" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "e-mail" TEXT NOT NULL, "2fa" BOOLEAN NOT NULL DEFAULT false);
        CREATE UNIQUE INDEX "user accounts_e-mail_key" ON "user accounts"("e-mail");
        CREATE TABLE "Message" (
            "id" INTEGER NOT NULL PRIMARY KEY,
            "fromId" INTEGER NOT NULL,
            "toId" INTEGER,
            "body" TEXT NOT NULL DEFAULT 'it''s "here"',
            CONSTRAINT "Message_fromId_fkey" FOREIGN KEY ("fromId") REFERENCES "user accounts" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
            CONSTRAINT "msg_to" FOREIGN KEY ("toId") REFERENCES "user accounts" ("id") ON DELETE SET NULL ON UPDATE CASCADE
        );
        CREATE TABLE "log" ("at" DATETIME DEFAULT CURRENT_TIMESTAMP, "line" TEXT);
        "#,
    );
    insta::assert_snapshot!(check_pull(&db, None).unwrap_or_else(|e| panic!("{e}")));
}

#[test]
fn pulling_under_prisma_relation_mode_keeps_the_relations() {
    let (db, original) = migrated_from(fixture("relation_mode_prisma.prisma"));
    insta::assert_snapshot!(check_pull(&db, Some(&original.files)).unwrap_or_else(|e| panic!("{e}")));
}

/// SQLite quirks: a primary key column that may hold NULL, which Prisma
/// 6.19.3 pulls optional in a model it ignores (the relation to it ignored
/// on the other side), and a foreign key without a name, which reads back
/// under Prisma's default name. The pulled file is valid and diffs to
/// nothing.
#[test]
fn pulls_sqlite_quirks_to_a_valid_schema() {
    let db = database();
    apply(
        &db,
        "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);
         CREATE TABLE u (code TEXT PRIMARY KEY, t_id INTEGER REFERENCES t);",
    );
    let text = pull(&db, None);
    let valid = validated(SourceFiles::single("pulled.prisma", text.clone())).unwrap_or_else(|e| panic!("{e}"));
    assert!(text.contains("  code String? @id\n"), "{text}");
    assert!(text.contains("  @@ignore\n"), "{text}");
    assert!(text.contains("  u    u[]     @ignore\n"), "{text}");
    assert!(
        text.contains("@relation(fields: [t_id], references: [id], onDelete: NoAction, onUpdate: NoAction)\n"),
        "{text}"
    );
    assert_eq!(describe(&drift(&db, &valid)), "");
}
