//! The layout of a migration script, the same for every database (Prisma's):
//! per step a `-- <Step>` comment line and its statements, each ending
//! `;\n`, one blank line between steps. A step without statements is left
//! out; a plan with no statements at all is `-- This is an empty
//! migration.`, without a trailing newline. And the foreign key clause,
//! which every dialect writes alike but for its quoting.

use crate::diff::Op;
use crate::driver::RenderError;
use crate::schema::{ForeignKey, TableName};

/// The whole script of a plan without statements, as Prisma writes it (no trailing newline).
pub const EMPTY_MIGRATION: &str = "-- This is an empty migration.";

/// Renders each op with the dialect's `statements` (without their `;`) and
/// lays the script out; the first step the dialect refuses (the reason,
/// naming what `database` lacks) is the error.
pub fn render_steps(
    ops: &[Op],
    database: &'static str,
    statements: impl Fn(&Op) -> Result<Vec<String>, String>,
) -> Result<String, RenderError> {
    let mut script = String::new();
    for op in ops {
        let lines = statements(op).map_err(|reason| RenderError {
            database,
            step: op.description(),
            reason,
        })?;
        if lines.is_empty() {
            continue;
        }
        if !script.is_empty() {
            script.push('\n');
        }
        script.push_str(&format!("-- {}\n", op.description()));
        for line in lines {
            script.push_str(&line);
            script.push_str(";\n");
        }
    }
    Ok(if script.is_empty() {
        EMPTY_MIGRATION.to_string()
    } else {
        script
    })
}

/// A foreign key as `ALTER TABLE ... ADD` and `CREATE TABLE` write it:
/// `CONSTRAINT n FOREIGN KEY (a, b) REFERENCES T(x, y) ON DELETE .. ON
/// UPDATE ..` (no `CONSTRAINT n` for a key without a name), identifiers
/// quoted by `quote`. `gap` stands between the referenced table and its
/// columns: nothing as Prisma writes PostgreSQL and MySQL, a space on SQLite.
pub fn foreign_key_clause(fk: &ForeignKey, quote: fn(&str) -> String, gap: &str) -> String {
    let name = match fk.name.is_empty() {
        true => String::new(),
        false => format!("CONSTRAINT {} ", quote(&fk.name)),
    };
    let list = |names: &[String]| names.iter().map(|n| quote(n)).collect::<Vec<_>>().join(", ");
    format!(
        "{name}FOREIGN KEY ({}) REFERENCES {}{gap}({}) ON DELETE {} ON UPDATE {}",
        list(&fk.columns),
        qualified(quote, fk.referenced_namespace.as_deref(), &fk.referenced_table),
        list(&fk.referenced_columns),
        fk.on_delete.sql(),
        fk.on_update.sql(),
    )
}

/// `quote(name)`, or `quote(namespace).quote(name)`: a table or type in
/// another database schema than the session's (PostgreSQL, multiSchema).
pub fn qualified(quote: fn(&str) -> String, namespace: Option<&str>, name: &str) -> String {
    match namespace {
        Some(ns) => format!("{}.{}", quote(ns), quote(name)),
        None => quote(name),
    }
}

/// How a database that alters tables in place writes foreign keys: the
/// same statements on PostgreSQL and MySQL but for these facts.
#[derive(Debug, Clone, Copy)]
pub struct ForeignKeyStatements {
    /// Quotes an identifier.
    pub quote: fn(&str) -> String,
    /// The `ALTER TABLE` clause that drops a key by its name (`DROP
    /// CONSTRAINT`).
    pub drop: &'static str,
}

impl ForeignKeyStatements {
    /// The key as `ADD` and `CREATE TABLE` write it ([`foreign_key_clause`]).
    pub fn constraint(&self, fk: &ForeignKey) -> String {
        foreign_key_clause(fk, self.quote, "")
    }

    /// `ALTER TABLE "T" ADD CONSTRAINT "n" FOREIGN KEY ...`.
    pub fn add(&self, table: &TableName, fk: &ForeignKey) -> String {
        format!("ALTER TABLE {} ADD {}", self.table(table), self.constraint(fk))
    }

    /// `"T"`, or `"ns"."T"` outside the session's database schema.
    pub fn table(&self, table: &TableName) -> String {
        qualified(self.quote, table.namespace.as_deref(), &table.name)
    }

    /// `ALTER TABLE "T" DROP CONSTRAINT "n"`; the error: a key without a
    /// name cannot be dropped.
    pub fn drop(&self, table: &TableName, fk: &ForeignKey) -> Result<String, String> {
        if fk.name.is_empty() {
            return Err(format!(
                "a foreign key of `{table}` has no name, so it cannot be dropped by name"
            ));
        }
        Ok(format!(
            "ALTER TABLE {} {} {}",
            self.table(table),
            self.drop,
            (self.quote)(&fk.name)
        ))
    }
}
