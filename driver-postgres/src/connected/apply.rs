//! Scripts as Prisma runs them on PostgreSQL, kept in one transaction
//! wherever the server allows it.
//!
//! - Usually the whole file is one simple-query batch, as Prisma sends it,
//!   inside a transaction together with its history row: both commit or
//!   neither does.
//! - A file holding a statement that PostgreSQL refuses inside a
//!   transaction block (`CREATE INDEX CONCURRENTLY`, `VACUUM`, its own
//!   `BEGIN`/`COMMIT`, ...; see [`StatementKind::refused_in_transaction`])
//!   runs in the parts PostgreSQL would make of it as one simple query, as
//!   Prisma sends it: each run of statements outside the file's own
//!   transactions commits or rolls back as a whole (see [`batches`]). A
//!   file whose first line is `-- migrate:no-transaction` runs statement by
//!   statement, each committing on its own. Either way its row is written
//!   before and finished after, so a crash half-way leaves an unfinished
//!   (failed) row.
//! - A file that uses an enum value it adds itself fails inside one
//!   transaction (SQLSTATE 55P04, Prisma's open issue 8424). It is run
//!   again in two parts: the statements up to the last `ALTER TYPE ... ADD
//!   VALUE` commit first, then the rest commits with the finished row.

use super::error::query_error;
use super::history;
use super::statements::{may_need_statements, split, Statement, StatementKind};
use migrate_core::driver::ScriptError;
use migrate_core::migrations::{HistoryRow, Timestamp};
use tokio_postgres::Client;

/// The explicit opt-out of the transaction, on a script's first line.
const NO_TRANSACTION: &str = "-- migrate:no-transaction";

/// SQLSTATE `unsafe_new_enum_value_usage`.
const UNSAFE_NEW_ENUM_VALUE: &str = "55P04";

/// How a script runs.
enum Mode<'a> {
    OneTransaction,
    /// In [`batches`], or (`one_by_one`) each statement on its own.
    EachStatement {
        statements: Vec<Statement<'a>>,
        one_by_one: bool,
    },
}

async fn mode<'a>(client: &Client, script: &'a str) -> Mode<'a> {
    if !may_need_statements(script) {
        return Mode::OneTransaction;
    }
    let Some(statements) = split(script) else {
        return Mode::OneTransaction;
    };
    let refused_in_transaction = statements.iter().any(|s| s.kind.refused_in_transaction())
        || (statements.iter().any(|s| s.kind == StatementKind::AddEnumValue) && server_version(client).await < 120_000);
    let one_by_one = script.trim_start().starts_with(NO_TRANSACTION);
    if refused_in_transaction || one_by_one {
        Mode::EachStatement { statements, one_by_one }
    } else {
        Mode::OneTransaction
    }
}

/// `server_version_num` (`150019` for 15.19); 0 when it cannot be read.
async fn server_version(client: &Client) -> u32 {
    client
        .query_one("SELECT current_setting('server_version_num')::int", &[])
        .await
        .map_or(0, |row| row.get::<_, i32>(0) as u32)
}

/// Runs a script without a history row (`db execute`, `db push`, shadow
/// replay), with the same rules as a migration.
pub async fn apply_script(client: &Client, script: &str) -> Result<(), ScriptError> {
    match mode(client, script).await {
        Mode::EachStatement { statements, one_by_one } => each_statement(client, &statements, one_by_one).await,
        Mode::OneTransaction => match client.batch_execute(script).await {
            Err(e) if is_unsafe_enum_value(&e) => {
                let (values, rest) = enum_values_first(script).ok_or_else(|| failed(e, true, 0))?;
                client.batch_execute(values).await.map_err(|e| failed(e, true, 0))?;
                client.batch_execute(rest).await.map_err(|e| failed(e, false, 1))
            }
            result => result.map_err(|e| failed(e, true, 0)),
        },
    }
}

/// Runs a migration and records `row` as finished.
pub async fn apply_migration(
    client: &mut Client,
    schema: &str,
    script: &str,
    row: &HistoryRow,
) -> Result<(), ScriptError> {
    let finished = HistoryRow {
        finished_at: Some(Timestamp::now()),
        applied_steps_count: 1,
        ..row.clone()
    };
    if let Mode::EachStatement { statements, one_by_one } = mode(client, script).await {
        history::insert(client, schema, row)
            .await
            .map_err(|e| failed(e, false, 0))?;
        each_statement(client, &statements, one_by_one).await?;
        let finished = HistoryRow {
            finished_at: Some(Timestamp::now()),
            ..finished
        };
        return history::update(client, schema, &finished)
            .await
            .map_err(|e| failed(e, false, 0));
    }
    match in_transaction(client, schema, script, &finished).await {
        Err(e) if is_unsafe_enum_value(&e) => match enum_values_first(script) {
            Some((values, rest)) => enum_values_then_rest(client, schema, row, values, rest).await,
            None => Err(failed(e, true, 0)),
        },
        result => result.map_err(|e| failed(e, true, 0)),
    }
}

/// The script and its finished row commit together. Usually in one round
/// trip: one simple query holding both, which PostgreSQL runs as one
/// implicit transaction ("Multiple Statements in a Simple Query", in the
/// protocol chapter of its manual).
async fn in_transaction(
    client: &mut Client,
    schema: &str,
    script: &str,
    finished: &HistoryRow,
) -> Result<(), tokio_postgres::Error> {
    if let Some(insert) = history::insert_statement(schema, finished) {
        // The newline ends a trailing `--` comment, the `;` an unterminated last statement.
        return client.batch_execute(&format!("{script}\n;\n{insert}")).await;
    }
    let tx = client.transaction().await?;
    tx.batch_execute(script).await?;
    history::insert(&tx, schema, finished).await?;
    tx.commit().await
}

/// The new enum values commit first (the row is written before them); the
/// rest commits together with the finished row.
async fn enum_values_then_rest(
    client: &mut Client,
    schema: &str,
    row: &HistoryRow,
    values: &str,
    rest: &str,
) -> Result<(), ScriptError> {
    history::insert(client, schema, row)
        .await
        .map_err(|e| failed(e, false, 0))?;
    client.batch_execute(values).await.map_err(|e| failed(e, true, 0))?;
    let finished = HistoryRow {
        finished_at: Some(Timestamp::now()),
        applied_steps_count: 1,
        ..row.clone()
    };
    rest_with_row(client, schema, rest, &finished)
        .await
        .map_err(|e| failed(e, false, 1))
}

/// `rest` and the update to `finished`, in one transaction.
async fn rest_with_row(
    client: &mut Client,
    schema: &str,
    rest: &str,
    finished: &HistoryRow,
) -> Result<(), tokio_postgres::Error> {
    let tx = client.transaction().await?;
    tx.batch_execute(rest).await?;
    history::update(&tx, schema, finished).await?;
    tx.commit().await
}

/// The script cut after its last `ALTER TYPE ... ADD VALUE`, when something
/// follows it.
fn enum_values_first(script: &str) -> Option<(&str, &str)> {
    let statements = split(script)?;
    let last = statements.iter().rposition(|s| s.kind == StatementKind::AddEnumValue)?;
    let rest = statements.get(last + 1)?;
    let cut = rest.text.as_ptr() as usize - script.as_ptr() as usize;
    Some((&script[..cut], &script[cut..]))
}

/// The statements in batches (or each on its own), each batch committing
/// as it goes. After a failure, a transaction the script itself opened is
/// rolled back, as is the failing batch: what stays applied is what the
/// batches before it committed.
async fn each_statement(client: &Client, statements: &[Statement<'_>], one_by_one: bool) -> Result<(), ScriptError> {
    let parts = match one_by_one {
        true => statements.chunks(1).collect(),
        false => batches(statements),
    };
    let (mut ran, mut durable, mut in_own_transaction) = (0, 0, false);
    for part in parts {
        let text: Vec<&str> = part.iter().map(|s| s.text).collect();
        if let Err(e) = client.batch_execute(&text.join(";\n")).await {
            let _ = client.batch_execute("ROLLBACK").await;
            return Err(ScriptError {
                statement: (part.len() == 1).then(|| part[0].text.trim().to_string()),
                ..failed(e, false, durable)
            });
        }
        ran += part.len();
        for statement in part {
            match statement.kind {
                StatementKind::TransactionStart => in_own_transaction = true,
                StatementKind::TransactionEnd => in_own_transaction = false,
                _ => {}
            }
        }
        if !in_own_transaction {
            durable = ran as u32;
        }
    }
    Ok(())
}

/// The parts PostgreSQL makes of a script sent as one simple query, as
/// Prisma sends it ("Multiple Statements in a Simple Query", in the
/// protocol chapter of PostgreSQL's manual): a run of statements outside a
/// transaction of the script's own is one implicit transaction, which a
/// `BEGIN` in it turns into the script's own, to its `COMMIT`. Beyond that, a
/// statement refused in any transaction block runs alone (Prisma's single
/// query fails on it), and so does `ALTER TYPE ... ADD VALUE`: the value
/// commits before a later statement uses it, and PostgreSQL before 12
/// refuses it in a transaction block.
fn batches<'s, 'a>(statements: &'s [Statement<'a>]) -> Vec<&'s [Statement<'a>]> {
    let mut parts = Vec::new();
    let (mut start, mut in_own_transaction) = (0, false);
    for (at, statement) in statements.iter().enumerate() {
        let alone = matches!(
            statement.kind,
            StatementKind::NoTransaction | StatementKind::AddEnumValue
        ) && !in_own_transaction;
        // A `BEGIN` takes the statements of the run before it into its
        // transaction, as in one query: no cut before it.
        if alone && start < at {
            parts.push(&statements[start..at]);
            start = at;
        }
        match statement.kind {
            StatementKind::TransactionStart => in_own_transaction = true,
            StatementKind::TransactionEnd => in_own_transaction = false,
            _ => {}
        }
        let ends = alone || statement.kind == StatementKind::TransactionEnd;
        if ends && !in_own_transaction {
            parts.push(&statements[start..=at]);
            start = at + 1;
        }
    }
    if start < statements.len() {
        parts.push(&statements[start..]);
    }
    parts
}

fn is_unsafe_enum_value(e: &tokio_postgres::Error) -> bool {
    e.as_db_error()
        .is_some_and(|db| db.code().code() == UNSAFE_NEW_ENUM_VALUE)
}

/// `applied_steps`: statements that ran and stay applied.
fn failed(e: tokio_postgres::Error, rolled_back: bool, applied_steps: u32) -> ScriptError {
    let statement = e.as_db_error().and_then(|db| db.where_().map(str::to_string));
    ScriptError {
        applied_steps,
        statement,
        error: query_error(e),
        rolled_back,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parts of `script`, each as its statements' texts.
    fn parts(script: &str) -> Vec<Vec<String>> {
        let statements = split(script).expect("statements");
        batches(&statements)
            .into_iter()
            .map(|part| part.iter().map(|s| s.text.trim().to_string()).collect())
            .collect()
    }

    #[test]
    fn a_script_runs_in_the_parts_one_simple_query_would_make() {
        let script = "CREATE TABLE a (x int);\nBEGIN;\nCREATE TABLE b (x int);\nCOMMIT;\nCREATE TABLE c (x int);\nCREATE TABLE d (x int);\nCREATE INDEX CONCURRENTLY i ON d (x);\nALTER TYPE e ADD VALUE 'v';\nINSERT INTO d VALUES (1);\n";
        assert_eq!(
            parts(script),
            [
                vec!["CREATE TABLE a (x int)", "BEGIN", "CREATE TABLE b (x int)", "COMMIT"],
                vec!["CREATE TABLE c (x int)", "CREATE TABLE d (x int)"],
                vec!["CREATE INDEX CONCURRENTLY i ON d (x)"],
                vec!["ALTER TYPE e ADD VALUE 'v'"],
                vec!["INSERT INTO d VALUES (1)"],
            ]
        );
    }
}
