//! Errors of the workflow commands, with Prisma's codes and what to do.

use crate::driver::{DriverError, ScriptError};
use crate::migrations::MigrationsError;

/// Why a workflow command stopped. Each variant's message says what to do;
/// [`EngineError::code`] gives Prisma's error code as data.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The migrations folder (or embedded set) could not be read, or does not fit this
    /// database; its own message and code.
    #[error(transparent)]
    Migrations(#[from] MigrationsError),
    /// The database failed: connection, lock timeout (P1002), a statement, a missing database.
    #[error(transparent)]
    Driver(#[from] DriverError),
    /// The plan holds a step the dialect cannot render as SQL.
    #[error(transparent)]
    Render(#[from] crate::driver::RenderError),
    /// `deploy` on a database that has tables but no `_prisma_migrations`: it must be
    /// baselined first (P3005).
    #[error("The database is not empty and has no migration history (P3005). To start using migrations on it, baseline it: create a migration that matches its current schema, then mark it applied with `migrate resolve --applied <name>`.")]
    NotEmptyWithoutHistory,
    #[error("Found failed migrations in the target database; new migrations will not be applied until they are resolved (P3009):\n{}\nFix the database by hand if needed, then run `migrate resolve --rolled-back <name>` to retry the migration, or `migrate resolve --applied <name>` if you completed it yourself.", list(.names))]
    /// `deploy` found migrations recorded as failed and not yet resolved (P3009).
    FailedMigrations {
        /// The failed migrations' names, in history order.
        names: Vec<String>,
    },
    /// A migration's script failed on the database (P3018); the failure is recorded in its
    /// `_prisma_migrations` row.
    #[error("Migration `{name}` failed to apply (P3018).{}\nDatabase error: {}{}\nThe failure is recorded in _prisma_migrations. Fix the migration or the database, then run `migrate resolve --rolled-back {name}` (to retry it) or `migrate resolve --applied {name}` (if you finished it by hand).", applied_before(.applied), .failure.error, statement(.failure))]
    MigrationFailed {
        /// The migration's name (its folder's name).
        name: String,
        /// The migrations applied before it in this run, in order.
        applied: Vec<String>,
        /// The database's error and how far the script got.
        failure: Box<ScriptError>,
    },
    /// `resolve --applied` names a migration the folder does not hold (P3017).
    #[error("Migration `{name}` is not in the migrations folder (P3017). Check the name against `migrate status`.")]
    MigrationNotFound {
        /// The name asked for.
        name: String,
    },
    /// `resolve --applied` names a migration already recorded as applied (P3008).
    #[error("Migration `{name}` is already recorded as applied (P3008).")]
    AlreadyApplied {
        /// The migration's name.
        name: String,
    },
    /// `resolve --rolled-back` names a migration with no row in the history (P3011).
    #[error("Migration `{name}` has never been applied to this database, so it cannot be rolled back (P3011).")]
    NeverApplied {
        /// The migration's name.
        name: String,
    },
    /// `resolve --rolled-back` names a migration none of whose rows is failed (P3012).
    #[error("Migration `{name}` is not in a failed state, so it cannot be marked rolled back (P3012).")]
    NotFailed {
        /// The migration's name.
        name: String,
    },
    /// A migration's script failed while the folder was replayed on the shadow database
    /// (P3006).
    #[error("Migration `{name}` failed to apply cleanly to the shadow database (P3006).\nDatabase error: {error}\nFix the migration so it runs on an empty database; the migrations folder must rebuild the schema from scratch.")]
    ShadowFailed {
        /// The migration that failed.
        name: String,
        /// The shadow database's error.
        error: DriverError,
    },
    /// `dev` or `db push` would run a step that cannot run on a table with rows (such as a
    /// required column without a default added to a table that has rows).
    #[error("The changes cannot be applied to a database that has data:\n{}\nCreate the migration with --create-only, edit it (add a default, fill the column, ...), then apply it with `migrate dev`.", list(.steps))]
    Unexecutable {
        /// Prisma's text for each step that cannot run, in plan order.
        steps: Vec<String>,
    },
    /// `resolve --rolled-back` on a database without `_prisma_migrations`.
    #[error("The database has no migration history table (_prisma_migrations) yet, so there is nothing to resolve.")]
    NoHistory,
}

impl EngineError {
    /// Prisma's error code for this error (`P3009`), where Prisma has one:
    /// the same code `prisma migrate` reports for the same situation
    /// (source: Prisma's error reference,
    /// <https://www.prisma.io/docs/orm/reference/error-reference>).
    pub fn code(&self) -> Option<&'static str> {
        match self {
            EngineError::Migrations(e) => e.code(),
            EngineError::Driver(e) => e.code(),
            EngineError::Render(_) | EngineError::Unexecutable { .. } | EngineError::NoHistory => None,
            EngineError::NotEmptyWithoutHistory => Some("P3005"),
            EngineError::FailedMigrations { .. } => Some("P3009"),
            EngineError::MigrationFailed { .. } => Some("P3018"),
            EngineError::MigrationNotFound { .. } => Some("P3017"),
            EngineError::AlreadyApplied { .. } => Some("P3008"),
            EngineError::NeverApplied { .. } => Some("P3011"),
            EngineError::NotFailed { .. } => Some("P3012"),
            EngineError::ShadowFailed { .. } => Some("P3006"),
        }
    }
}

fn list(names: &[String]) -> String {
    names.iter().map(|n| format!("  - {n}")).collect::<Vec<_>>().join("\n")
}

fn applied_before(applied: &[String]) -> String {
    match applied.len() {
        0 => String::new(),
        _ => format!(" Applied before it in this run:\n{}", list(applied)),
    }
}

fn statement(failure: &ScriptError) -> String {
    let steps = match (failure.rolled_back, failure.applied_steps) {
        (true, _) => "\nThe database rolled the migration back: none of it was applied.".to_string(),
        (false, 0) => String::new(),
        (false, n) => format!("\n{n} statement(s) of the migration ran before the failing one and stay applied."),
    };
    match &failure.statement {
        Some(s) => format!("{steps}\nFailing statement:\n{s}"),
        None => steps,
    }
}
