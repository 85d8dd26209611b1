//! Shared helpers for the scenario suite: finding fixtures, loading them as
//! schema sources, and running the offline pipeline (validate → lower →
//! diff → render) the way `migrate diff --script` does.

use driver_sqlite::SqliteDialect;
use migrate_core::diff::{diff, Op};
use migrate_core::driver::Dialect;
use migrate_core::psl::datamodel::Provider;
use migrate_core::psl::diagnostics::{SourceFile, SourceFiles};
use migrate_core::psl::lower::lower;
use migrate_core::psl::{parse_and_validate, SchemaError, ValidatedSchema};
use migrate_core::schema::Schema;
use std::path::{Path, PathBuf};

/// `tests/fixtures`.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// One fixture: a `.prisma` file, or a folder of them (a multi-file schema).
#[derive(Debug, Clone)]
pub struct Fixture {
    /// The file stem or folder name: `blog`, `multi_file`.
    pub name: String,
    pub path: PathBuf,
}

impl Fixture {
    /// The fixture's files, with paths relative to `tests/fixtures` so that
    /// rendered diagnostics are the same on every machine.
    pub fn sources(&self) -> SourceFiles {
        let files = self
            .files()
            .into_iter()
            .map(|path| SourceFile {
                path: relative(&path),
                text: read(&path),
            })
            .collect();
        SourceFiles { files }
    }

    /// Every `.prisma` file of the fixture, sorted.
    pub fn files(&self) -> Vec<PathBuf> {
        if self.path.is_dir() {
            prisma_files(&self.path)
        } else {
            vec![self.path.clone()]
        }
    }

    pub fn validate(&self) -> Result<ValidatedSchema, SchemaError> {
        parse_and_validate(self.sources())
    }
}

/// Every fixture directly in `tests/fixtures/<dir>`: `.prisma` files and
/// folders holding `.prisma` files, sorted by name.
pub fn fixtures_in(dir: &str) -> Vec<Fixture> {
    let root = fixtures_dir().join(dir);
    let mut out: Vec<Fixture> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", root.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "prisma"))
        .map(|path| Fixture {
            name: stem(&path),
            path,
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// `tests/fixtures/evolutions/<name>/{before,after}.prisma`, by name.
pub fn evolutions() -> Vec<(String, Fixture, Fixture)> {
    fixtures_in("evolutions")
        .into_iter()
        .map(|dir| {
            let side = |s: &str| Fixture {
                name: format!("{}/{s}", dir.name),
                path: dir.path.join(format!("{s}.prisma")),
            };
            (dir.name.clone(), side("before"), side("after"))
        })
        .collect()
}

fn prisma_files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "prisma"))
        .collect();
    out.sort();
    out
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .expect("UTF-8 file name")
        .to_string()
}

fn relative(path: &Path) -> String {
    let rel = path.strip_prefix(fixtures_dir()).unwrap_or(path);
    rel.to_string_lossy().replace('\\', "/")
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The provider named by a validated schema's datasource.
pub fn provider(schema: &ValidatedSchema) -> Option<Provider> {
    schema.datamodel.provider()
}

/// The schema a validated file lowers to on SQLite.
pub fn lower_sqlite(schema: &ValidatedSchema) -> Schema {
    lower(&schema.datamodel, &SqliteDialect)
}

/// The plan from `from` to `to` on SQLite.
pub fn plan_sqlite(from: &Schema, to: &Schema) -> Vec<Op> {
    diff(from, to, &SqliteDialect)
}

/// The SQLite script for `ops`; fails the test when a step cannot run on
/// SQLite (the renderer refuses it).
pub fn render_sqlite(ops: &[Op]) -> String {
    SqliteDialect
        .render(ops)
        .unwrap_or_else(|e| panic!("the plan has a step SQLite cannot run: {e}"))
}

/// An in-memory SQLite database with foreign keys enforced, as Prisma runs it.
pub fn memory_db() -> rusqlite::Connection {
    let conn = rusqlite::Connection::open_in_memory().expect("in-memory SQLite");
    conn.execute_batch("PRAGMA foreign_keys = ON;")
        .expect("enable foreign keys");
    conn
}

/// The user tables of a database, sorted.
pub fn table_names(conn: &rusqlite::Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .expect("query sqlite_schema");
    let names = stmt
        .query_map([], |row| row.get::<_, String>(0))
        .expect("read sqlite_schema");
    names.map(|n| n.expect("table name")).collect()
}

/// The rows of `table`, counted.
pub fn row_count(conn: &rusqlite::Connection, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {}", migrate_core::sql_quote::quote_ident(table));
    conn.query_row(&sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("count rows of {table}: {e}"))
}

/// The first differing line of two texts, with a little context.
pub fn first_difference(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let at = e
        .iter()
        .zip(&a)
        .position(|(x, y)| x != y)
        .unwrap_or(e.len().min(a.len()));
    let from = at.saturating_sub(3);
    format!(
        "line {}:\n--- Prisma\n{}\n--- migrate\n{}",
        at + 1,
        e[from..(at + 3).min(e.len())].join("\n"),
        a[from..(at + 3).min(a.len())].join("\n")
    )
}

pub mod changes;
pub mod corpus;
pub mod harness;
pub mod servers;
