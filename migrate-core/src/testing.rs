//! Test support (feature `testing`, and core's own unit tests): the
//! drivers' shared dialect-test [`builders`], the per-test databases on a
//! [`server`], the offline schema [`pipeline`] the fuzz target runs, a
//! [`started_history_row`], and [`PgNames`], a dialect for
//! unit tests of lowering and `db pull`: PostgreSQL's capabilities (named
//! enum types, scalar lists, named primary keys, join tables keyed on
//! (A, B)), every type spelled by its Prisma name, and no SQL. Database
//! behaviour itself is tested with the real drivers.

pub mod builders;
pub mod pipeline;
pub mod server;

use crate::diff::Op;
use crate::driver::{Capabilities, Dialect, FieldTypeRef, RenderError};
use crate::migrations::{HistoryRow, Timestamp};
use crate::psl::datamodel::{NativeType, Provider};
use crate::schema::{ColumnType, ScalarType, TypeFamily};

/// Whether this test run covers the database named `name` (`sqlite`,
/// `postgres`, `mysql`): all of them unless `MIGRATE_TEST_DATABASES`, a comma
/// list such as `sqlite,postgres`, narrows the run. A test of a database
/// left out returns early, and this says so on stderr; one that is selected
/// but unreachable fails.
pub fn database_selected(name: &str) -> bool {
    let selected = match std::env::var("MIGRATE_TEST_DATABASES") {
        Ok(list) => list.split(',').any(|d| d.trim() == name),
        Err(_) => true,
    };
    if !selected {
        eprintln!("skipped: MIGRATE_TEST_DATABASES does not include {name}");
    }
    selected
}

/// The history row of a migration that started and has not finished (no
/// logs, no step applied), for the drivers' history tests: id
/// `id-<name>`, a checksum of 64 `c`s, started at a fixed millisecond.
pub fn started_history_row(name: &str) -> HistoryRow {
    HistoryRow {
        id: format!("id-{name}"),
        checksum: "c".repeat(64),
        finished_at: None,
        migration_name: name.into(),
        logs: None,
        rolled_back_at: None,
        started_at: Timestamp(1_700_000_000_123),
        applied_steps_count: 0,
    }
}

/// A PostgreSQL-like dialect without SQL, for unit tests: see the module documentation.
pub struct PgNames;

impl Dialect for PgNames {
    fn provider(&self) -> Provider {
        Provider::Postgres
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities::POSTGRES
    }

    fn column_type(&self, field: FieldTypeRef<'_>) -> ColumnType {
        let (family, sql, list) = match field {
            FieldTypeRef::Scalar { scalar, list, .. } => (TypeFamily::Scalar(scalar), scalar.name().to_string(), list),
            FieldTypeRef::Enum { name, list, .. } => (TypeFamily::Enum(name.into()), name.to_string(), list),
            FieldTypeRef::Unsupported(s) => (TypeFamily::Unsupported, s.to_string(), false),
        };
        ColumnType { family, sql, list }
    }

    fn native_type(&self, _: &ColumnType, _: ScalarType) -> Option<NativeType> {
        None
    }

    fn render(&self, _: &[Op]) -> Result<String, RenderError> {
        Ok(String::new())
    }
}

/// A schema's text without its name-only `@relation("...")` attributes,
/// each line's blanks collapsed (the attributes change the columns'
/// alignment): a pull over a schema writes out the names of the implicit
/// many-to-many relations it keeps, which a fresh pull leaves unwritten.
pub fn without_relation_names(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut line = line.to_string();
        while let Some(at) = line.find(" @relation(\"") {
            let rest = &line[at + " @relation(\"".len()..];
            match rest.find("\")") {
                Some(end) if !rest[..end].contains('"') => {
                    line = format!("{}{}", &line[..at], &rest[end + 2..]);
                }
                _ => break,
            }
        }
        out.push_str(&line.split_whitespace().collect::<Vec<_>>().join(" "));
        out.push('\n');
    }
    out
}
