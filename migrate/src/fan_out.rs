//! One migrations source over many databases: a SaaS team's database (or
//! PostgreSQL schema) per tenant. Each target is its own connection, under
//! its own migration lock, at most `jobs` at once; one target's failure
//! stops only that target. PostgreSQL's lock is per schema among `migrate`
//! processes; MySQL's is server-wide (Prisma's `GET_LOCK`), so targets on
//! one MySQL server take turns, each waiting for the lock as long as it
//! takes (up to about 5 minutes).

use crate::connect::{connect_or_create, database_for_url};
use crate::Migrator;
use futures_util::stream::{self, StreamExt};
use migrate_core::commands::{Applied, EngineError, Status};
use migrate_core::database::{BlockingCalls, Connect, IfMissing};
use migrate_core::driver::{Driver, DriverError};
use std::path::{Path, PathBuf};

/// One database of a fan-out, by URL (`postgresql://…?schema=tenant_7`,
/// `mysql://…/tenant_7`, `file:./tenants/7.db`).
#[derive(Clone, PartialEq, Eq)]
pub struct Target {
    url: String,
}

impl Target {
    /// The target `url` names.
    pub fn new(url: impl Into<String>) -> Self {
        Target { url: url.into() }
    }

    /// The URL, credentials included: for connecting, never for showing.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The URL as it may be shown: scheme, user, host, port and database,
    /// and PostgreSQL's `schema` when the URL sets one; never a password.
    pub fn label(&self) -> String {
        let shown = migrate_core::url::describe(&self.url);
        match schema_parameter(&self.url) {
            Some(schema) => format!("{shown}?schema={schema}"),
            None => shown,
        }
    }
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Target").field(&self.label()).finish()
    }
}

/// The `schema=` parameter of a URL's query, as written.
fn schema_parameter(url: &str) -> Option<&str> {
    let query = url.split_once('?')?.1;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("schema="))
        .filter(|s| !s.is_empty())
}

/// [`Migrator`]'s `deploy` and `status` over many targets, `jobs` at a time.
#[derive(Clone)]
pub struct FanOut<'s> {
    migrator: Migrator<'s>,
    jobs: usize,
    base_dir: PathBuf,
}

impl<'s> FanOut<'s> {
    /// A fan-out of `migrator` over at most `jobs` targets at once (at
    /// least one).
    pub fn new(migrator: Migrator<'s>, jobs: usize) -> Self {
        FanOut {
            migrator,
            jobs: jobs.max(1),
            base_dir: PathBuf::from("."),
        }
    }

    /// The folder a relative SQLite path is read from (default: the
    /// current folder; the CLI gives the schema's, as Prisma reads a
    /// datasource's).
    pub fn with_base_dir(self, base_dir: impl Into<PathBuf>) -> Self {
        FanOut {
            base_dir: base_dir.into(),
            ..self
        }
    }

    /// `deploy` on every target (a missing database is created first, as
    /// `deploy` does): one result per target, in the targets' order.
    /// `done` is called as each target ends, in the order they end, with
    /// the target's index. An error is the target's own: a connection
    /// error, P3009, P3018, P1002 and the rest (see [`Migrator::deploy`]).
    pub async fn deploy(
        &self,
        targets: &[Target],
        done: impl FnMut(usize, &Result<Applied, EngineError>),
    ) -> Vec<Result<Applied, EngineError>> {
        let (migrator, base_dir) = (self.migrator, self.base_dir.as_path());
        self.each(targets, done, move |target| async move {
            while_lock_busy(|| async {
                let mut driver = open(target, base_dir, true).await?;
                let applied = migrator.deploy(driver.as_mut()).await;
                close(driver, applied).await
            })
            .await
        })
        .await
    }

    /// `status` of every target, which must exist: one result per target,
    /// in the targets' order; `done` as in [`FanOut::deploy`].
    pub async fn status(
        &self,
        targets: &[Target],
        done: impl FnMut(usize, &Result<Status, EngineError>),
    ) -> Vec<Result<Status, EngineError>> {
        let (migrator, base_dir) = (self.migrator, self.base_dir.as_path());
        self.each(targets, done, move |target| async move {
            while_lock_busy(|| async {
                let mut driver = open(target, base_dir, false).await?;
                let status = migrator.status(driver.as_mut()).await;
                close(driver, status).await
            })
            .await
        })
        .await
    }

    /// Runs `work` on every target, `jobs` at once, all in the caller's
    /// task (so nothing needs to be `Send`): results back in target order.
    async fn each<'t, T, F, Fut>(
        &self,
        targets: &'t [Target],
        mut done: impl FnMut(usize, &Result<T, EngineError>),
        work: F,
    ) -> Vec<Result<T, EngineError>>
    where
        F: Fn(&'t Target) -> Fut,
        Fut: std::future::Future<Output = Result<T, EngineError>>,
    {
        let mut results: Vec<Option<Result<T, EngineError>>> = targets.iter().map(|_| None).collect();
        let mut running = stream::iter(targets.iter().enumerate())
            .map(|(i, target)| {
                let job = work(target);
                async move { (i, job.await) }
            })
            .buffer_unordered(self.jobs);
        while let Some((i, result)) = running.next().await {
            done(i, &result);
            results[i] = Some(result);
        }
        results.into_iter().map(|r| r.expect("every target ran")).collect()
    }
}

/// How many times a target whose lock stayed busy (P1002, after the
/// driver's own wait of 10 s) is tried: MySQL's lock is server-wide, as
/// Prisma's, so the targets of one MySQL server take turns; 30 tries wait
/// up to about 5 minutes in all.
const LOCK_TRIES: u32 = 30;

/// Runs `work` again while it fails on a busy lock, up to [`LOCK_TRIES`].
async fn while_lock_busy<T, F, Fut>(work: F) -> Result<T, EngineError>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<T, EngineError>>,
{
    let mut tries = 1;
    loop {
        match work().await {
            Err(EngineError::Driver(DriverError::LockTimeout { .. })) if tries < LOCK_TRIES => tries += 1,
            other => return other,
        }
    }
}

/// A session on the target's database, created first when missing and
/// `create_missing` (as `deploy` does). SQLite's calls run on a thread of
/// the driver's own, so that targets overlap in one task.
async fn open(target: &Target, base_dir: &Path, create_missing: bool) -> Result<Box<dyn Driver>, EngineError> {
    let request = Connect {
        url: target.url(),
        shadow_url: None,
        base_dir,
        if_missing: IfMissing::Fail,
        blocking_calls: BlockingCalls::OwnThread,
        namespaces: &[],
    };
    let database = database_for_url(target.url())?;
    Ok(match create_missing {
        true => connect_or_create(database, request).await?.0,
        false => (database.connect)(request).await?,
    })
}

/// Ends the session, keeping the work's error first.
async fn close<T>(driver: Box<dyn Driver>, result: Result<T, EngineError>) -> Result<T, EngineError> {
    let closed = driver.close().await;
    let value = result?;
    closed?;
    Ok(value)
}
