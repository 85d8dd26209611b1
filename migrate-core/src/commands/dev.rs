//! `migrate dev`: replay the folder on a shadow database (or find what it
//! builds in the replay cache), check the dev database for drift, apply
//! what is pending, then generate, write and apply the migration from the
//! folder's schema to the schema file's.
//!
//! Decisions that need a person (reset, a name, data loss) come back as a
//! [`DevOutcome`]; the caller asks and calls again.

use super::data_loss::{self, DataLoss};
use super::deploy::{apply_one, Applied};
use super::error::EngineError;
use super::lock::release;
use super::shadow;
use super::stored_columns::align_with_database;
use crate::diff::{diff, summarize, warnings_header};
use crate::driver::Driver;
use crate::migrations::{
    check_scripts, reconcile, CachedSchema, LocalMigration, MigrationSource, MigrationsDir, Reconciliation,
    ReplayCache, Timestamp,
};
use crate::psl::datamodel::Provider;
use crate::schema::Schema;

/// What `migrate dev` is asked to do.
#[derive(Debug, Clone, Default)]
pub struct DevOptions {
    /// The new migration's name (the folder gets a timestamp prefix); `None` until the person
    /// gives one, which is asked only when there are changes.
    pub name: Option<String>,
    /// `--create-only`: write the migration without applying it, and without the data-loss
    /// checks (its warnings still head the file). Writes an empty migration when nothing changed.
    pub create_only: bool,
    /// The person confirmed (or passed a flag) that data may be lost.
    pub accept_data_loss: bool,
    /// Where the schemas the folder builds are kept between runs; `None`
    /// replays the folder on a shadow database every time (`--no-cache`).
    pub cache: Option<ReplayCache>,
}

/// How `migrate dev` ended, or what it needs from the person before it can go on.
#[derive(Debug)]
pub enum DevOutcome {
    /// The database does not match its history; only a reset fixes it.
    NeedsReset {
        /// One text per reason: a failed, edited or missing migration, or the drift found.
        reasons: Vec<String>,
    },
    /// There are changes, and no name for the migration.
    NeedsName {
        /// The pending migrations applied before stopping, in order.
        applied: Applied,
    },
    /// The new migration loses data in tables that have rows.
    NeedsConfirmation {
        /// The pending migrations applied before stopping, in order.
        applied: Applied,
        /// What would be lost, with row counts, for the person to confirm.
        loss: DataLoss,
    },
    /// Finished.
    Done {
        /// The pending migrations applied, in order.
        applied: Applied,
        /// The migration written (and applied, unless `create_only`); `None` when the schema file
        /// matched the folder.
        created: Option<LocalMigration>,
        /// The data-loss warnings of the written migration; empty when none was written.
        loss: DataLoss,
    },
}

/// `target` is the schema file lowered for this driver's dialect.
pub async fn dev(
    driver: &mut dyn Driver,
    dir: &MigrationsDir,
    target: &Schema,
    options: &DevOptions,
) -> Result<DevOutcome, EngineError> {
    dir.check_provider(driver.dialect().provider())?;
    driver.lock().await?;
    let result = dev_locked(driver, dir, target, options).await;
    release(driver, result).await
}

async fn dev_locked(
    driver: &mut dyn Driver,
    dir: &MigrationsDir,
    target: &Schema,
    options: &DevOptions,
) -> Result<DevOutcome, EngineError> {
    let local = dir.list()?;
    check_scripts(&local)?;
    let has_history = driver.history_table_exists().await?;
    let state = reconcile(
        &local,
        &if has_history {
            driver.history().await?
        } else {
            Vec::new()
        },
    );
    let applied_names: std::collections::HashSet<&str> = state.applied.iter().map(String::as_str).collect();
    let recorded: Vec<&LocalMigration> = local
        .iter()
        .filter(|m| applied_names.contains(m.name.as_str()))
        .collect();
    let pending: Vec<&LocalMigration> = state.pending.iter().collect();
    let cache = Cache::open(driver, options).await?;
    let scope = target.manages_extensions;
    let (from_folder, live) = match replay(driver, &cache, &state, &recorded, &pending, scope).await? {
        Replay::Drifted(reasons) => return Ok(DevOutcome::NeedsReset { reasons }),
        Replay::Built { from_folder, live } => (*from_folder, *live),
    };
    // The shadow database and the dev database are on one server: the
    // target is spelled as that server stores it.
    let mut target = target.clone();
    align_with_database(driver, &from_folder.schema, &mut target).await?;
    let applied = apply_pending(driver, &state, has_history).await?;
    // The database as the drift check read it, unless migrations were applied since.
    let current = if applied.names.is_empty() {
        live
    } else {
        cache.read_unless_known(driver, &from_folder).await?
    };
    let replayed = recorded.into_iter().chain(pending).collect();
    let plan = Plan {
        from_folder: &from_folder.schema,
        target: &target,
        current,
        cache: &cache,
        replayed,
    };
    generate(driver, dir, plan, options, applied).await
}

/// The replay cache with what keys it: the provider, the server's version
/// and the database schemas introspection reads. `None` when the cache is
/// off: `dev` then reads every database it needs whole, as the reference
/// the cache is tested against.
struct Cache(Option<(ReplayCache, Provider, String, Vec<String>)>);

impl Cache {
    async fn open(driver: &mut dyn Driver, options: &DevOptions) -> Result<Self, EngineError> {
        let Some(cache) = options.cache.clone() else {
            return Ok(Cache(None));
        };
        let version = driver.server_version().await?;
        let namespaces = driver.namespaces();
        Ok(Cache(Some((cache, driver.dialect().provider(), version, namespaces))))
    }

    fn get(&self, migrations: &[&LocalMigration]) -> Option<CachedSchema> {
        let (cache, provider, version, namespaces) = self.0.as_ref()?;
        cache.get(&ReplayCache::key(*provider, version, namespaces, migrations))
    }

    /// What the applied migrations build, and what they and the pending
    /// ones build (one entry read when nothing is pending).
    fn get_both(
        &self,
        applied: &[&LocalMigration],
        pending: &[&LocalMigration],
    ) -> Option<(CachedSchema, CachedSchema)> {
        let expected = self.get(applied)?;
        if pending.is_empty() {
            return Some((expected.clone(), expected));
        }
        let all: Vec<&LocalMigration> = applied.iter().chain(pending).copied().collect();
        Some((expected, self.get(&all)?))
    }

    /// Best effort: a cache that cannot be written only costs a replay.
    fn put(&self, migrations: &[&LocalMigration], read: &CachedSchema) {
        if let Some((cache, provider, version, namespaces)) = &self.0 {
            let key = ReplayCache::key(*provider, version, namespaces, migrations);
            let _ = cache.put(&key, &read.schema, read.fingerprint.as_deref());
        }
    }

    /// `driver`'s schema, with its fingerprint when the cache is on.
    async fn read(&self, driver: &mut dyn Driver) -> Result<CachedSchema, EngineError> {
        let fingerprint = match self.0 {
            Some(_) => driver.schema_fingerprint().await?,
            None => None,
        };
        let schema = driver.introspect().await?;
        Ok(CachedSchema { schema, fingerprint })
    }

    /// `driver`'s schema: `known`'s when the cache is on and the database
    /// has `known`'s fingerprint (it then introspects to that schema), else
    /// introspected.
    async fn read_unless_known(&self, driver: &mut dyn Driver, known: &CachedSchema) -> Result<Schema, EngineError> {
        if self.0.is_some() && known.fingerprint.is_some() && driver.schema_fingerprint().await? == known.fingerprint {
            return Ok(known.schema.clone());
        }
        Ok(driver.introspect().await?)
    }
}

/// What the folder builds, as replayed or found in the cache.
enum Replay {
    /// The dev database does not match its applied migrations.
    Drifted(Vec<String>),
    /// The schema the whole folder builds, and the dev database's schema
    /// as the drift check read it (before pending migrations are applied).
    Built {
        from_folder: Box<CachedSchema>,
        live: Box<Schema>,
    },
}

/// The schemas the applied migrations and the whole folder build, from the
/// cache when both are there, else replayed on a shadow database (and
/// cached); with the drift check against the first.
async fn replay(
    driver: &mut dyn Driver,
    cache: &Cache,
    state: &Reconciliation,
    applied: &[&LocalMigration],
    pending: &[&LocalMigration],
    manages_extensions: bool,
) -> Result<Replay, EngineError> {
    if let Some((expected, from_folder)) = cache.get_both(applied, pending) {
        let (reasons, live) = drift(driver, cache, state, &expected, manages_extensions).await?;
        return Ok(match reasons.is_empty() {
            true => Replay::Built {
                from_folder: Box::new(from_folder),
                live: Box::new(live),
            },
            false => Replay::Drifted(reasons),
        });
    }
    let mut shadow = driver.create_shadow().await?;
    let replayed = replay_on_shadow(
        driver,
        shadow.as_mut(),
        cache,
        state,
        (applied, pending),
        manages_extensions,
    )
    .await;
    let closed = shadow.close().await;
    let replayed = replayed?;
    closed?;
    Ok(replayed)
}

async fn replay_on_shadow(
    driver: &mut dyn Driver,
    shadow: &mut dyn Driver,
    cache: &Cache,
    state: &Reconciliation,
    (applied, pending): (&[&LocalMigration], &[&LocalMigration]),
    manages_extensions: bool,
) -> Result<Replay, EngineError> {
    shadow::apply_all(shadow, applied).await?;
    let expected = cache.read(shadow).await?;
    cache.put(applied, &expected);
    let (reasons, live) = drift(driver, cache, state, &expected, manages_extensions).await?;
    if !reasons.is_empty() {
        return Ok(Replay::Drifted(reasons));
    }
    shadow::apply_all(shadow, pending).await?;
    let from_folder = cache.read(shadow).await?;
    let all: Vec<&LocalMigration> = applied.iter().chain(pending).copied().collect();
    cache.put(&all, &from_folder);
    Ok(Replay::Built {
        from_folder: Box::new(from_folder),
        live: Box::new(live),
    })
}

/// Why the dev database cannot continue from its history, with the dev
/// database's schema as read for the check.
/// `manages_extensions`: the schema file's (see [`Schema::manages_extensions`]):
/// an extension the database has and the migrations do not make is drift
/// only then.
async fn drift(
    driver: &mut dyn Driver,
    cache: &Cache,
    state: &Reconciliation,
    expected: &CachedSchema,
    manages_extensions: bool,
) -> Result<(Vec<String>, Schema), EngineError> {
    let mut reasons = Vec::new();
    for row in &state.failed {
        reasons.push(format!("The migration `{}` failed.", row.migration_name));
    }
    for name in &state.edited {
        reasons.push(format!("The migration `{name}` was modified after it was applied."));
    }
    for name in &state.missing_locally {
        reasons.push(format!(
            "The migration `{name}` is recorded as applied in the database but is missing from the migrations folder."
        ));
    }
    let mut live = cache.read_unless_known(driver, expected).await?;
    live.manages_extensions = manages_extensions;
    let ops = diff(&expected.schema, &live, driver.dialect());
    if !ops.is_empty() {
        reasons.push(format!(
            "Drift detected: the database schema is not in sync with the migration history.\nThe database differs from what the applied migrations build:\n{}",
            summarize(&ops).trim_end()
        ));
    }
    Ok((reasons, live))
}

async fn apply_pending(
    driver: &mut dyn Driver,
    state: &Reconciliation,
    has_history: bool,
) -> Result<Applied, EngineError> {
    if !has_history {
        driver.create_history_table().await?;
    }
    let mut applied = Applied::default();
    for m in &state.pending {
        apply_one(driver, m, &applied).await?;
        applied.names.push(m.name.clone());
    }
    Ok(applied)
}

/// What a new migration is planned from.
struct Plan<'a> {
    /// What the migrations folder builds.
    from_folder: &'a Schema,
    /// The schema file, spelled as the database stores it.
    target: &'a Schema,
    /// The dev database now, for the data-loss checks.
    current: Schema,
    /// The replay cache, and the migrations `from_folder` was built from:
    /// the new migration, once applied, extends them, and the dev database
    /// then holds what the extended list builds, if it held exactly what
    /// they build before (see [`holds_only`]).
    cache: &'a Cache,
    replayed: Vec<&'a LocalMigration>,
}

async fn generate(
    driver: &mut dyn Driver,
    dir: &MigrationsDir,
    plan: Plan<'_>,
    options: &DevOptions,
    applied: Applied,
) -> Result<DevOutcome, EngineError> {
    let Plan {
        from_folder,
        target,
        current,
        cache,
        mut replayed,
    } = plan;
    let ops = diff(from_folder, target, driver.dialect());
    if ops.is_empty() && !options.create_only {
        return Ok(DevOutcome::Done {
            applied,
            created: None,
            loss: DataLoss::default(),
        });
    }
    let Some(name) = options.name.clone() else {
        return Ok(DevOutcome::NeedsName { applied });
    };
    let loss = data_loss::check(driver, &current, &ops).await?;
    if !options.create_only {
        if !loss.unexecutable.is_empty() {
            return Err(EngineError::Unexecutable {
                steps: loss.unexecutable,
            });
        }
        if loss.is_destructive() && !options.accept_data_loss {
            return Ok(DevOutcome::NeedsConfirmation { applied, loss });
        }
    }
    let script = format!("{}{}", warnings_header(&loss.all), driver.dialect().render(&ops)?);
    let created = dir.create(&name, &script, Timestamp::now(), driver.dialect().provider())?;
    if !options.create_only {
        apply_one(driver, &created, &applied).await?;
        replayed.push(&created);
        if cache.0.is_some() && holds_only(&current, from_folder) {
            cache.put(&replayed, &cache.read(driver).await?);
        }
    }
    Ok(DevOutcome::Done {
        applied,
        created: Some(created),
        loss,
    })
}

/// Whether the dev database's schema `current` is exactly what the folder
/// builds, `from_folder` (the schema file's extension scope aside). Only
/// then does the database, once the new migration is applied, hold what
/// the extended folder builds: the drift check lets through what a person
/// made by hand and the differ never compares (a trigger, an expression
/// index on SQLite, an extension), and a cache entry read from such a
/// database would carry it into the next migration that rebuilds its table.
fn holds_only(current: &Schema, from_folder: &Schema) -> bool {
    let Schema {
        tables,
        enums,
        extensions,
        manages_extensions: _,
        notes,
        namespaces,
        session_namespace,
    } = current;
    *tables == from_folder.tables
        && *enums == from_folder.enums
        && *extensions == from_folder.extensions
        && *notes == from_folder.notes
        && *namespaces == from_folder.namespaces
        && *session_namespace == from_folder.session_namespace
}
