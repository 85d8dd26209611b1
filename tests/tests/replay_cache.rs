//! The replay cache never changes an answer. Over every fixture history, on
//! its database: `dev` writes the same migration with the cache off, with
//! a cold cache and with a warm one; a warm cache creates no shadow
//! database; what the cache holds is what a full replay builds; and an
//! edited migration always misses.

use migrate_core::commands::{deploy, dev, schema_of_migrations, DevOptions, DevOutcome};
use migrate_core::driver::{Dialect, Driver, DriverError, ScriptError};
use migrate_core::migrations::{HistoryRow, LocalMigration, MigrationsDir, ReplayCache};
use migrate_core::psl::diagnostics::SourceFiles;
use migrate_core::psl::lower::lower;
use migrate_core::psl::{parse_and_validate, read_schema};
use migrate_core::schema::{Column, Schema};
use migrate_tests::fixtures_dir;
use migrate_tests::harness::{DbKind, TempDir, TestDb};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// A driver that counts the shadow databases it is asked for.
struct Counting {
    inner: Box<dyn Driver>,
    shadows: Arc<AtomicUsize>,
}

impl Counting {
    /// `db`'s driver, and the count of shadow databases it is asked for.
    async fn of(db: &TestDb) -> (Counting, Arc<AtomicUsize>) {
        let shadows = Arc::new(AtomicUsize::new(0));
        let inner = db.driver().await;
        let driver = Counting {
            inner,
            shadows: shadows.clone(),
        };
        (driver, shadows)
    }
}

#[async_trait::async_trait]
impl Driver for Counting {
    fn dialect(&self) -> &dyn Dialect {
        self.inner.dialect()
    }
    fn namespaces(&self) -> Vec<String> {
        self.inner.namespaces()
    }
    async fn introspect(&mut self) -> Result<Schema, DriverError> {
        self.inner.introspect().await
    }
    async fn schema_fingerprint(&mut self) -> Result<Option<String>, DriverError> {
        self.inner.schema_fingerprint().await
    }
    async fn introspect_views(&mut self) -> Result<Vec<migrate_core::schema::View>, DriverError> {
        self.inner.introspect_views().await
    }
    async fn apply_script(&mut self, script: &str) -> Result<(), ScriptError> {
        self.inner.apply_script(script).await
    }
    async fn apply_migration(&mut self, script: &str, row: &HistoryRow) -> Result<(), ScriptError> {
        self.inner.apply_migration(script, row).await
    }
    async fn history_table_exists(&mut self) -> Result<bool, DriverError> {
        self.inner.history_table_exists().await
    }
    async fn create_history_table(&mut self) -> Result<(), DriverError> {
        self.inner.create_history_table().await
    }
    async fn history(&mut self) -> Result<Vec<HistoryRow>, DriverError> {
        self.inner.history().await
    }
    async fn insert_history(&mut self, row: &HistoryRow) -> Result<(), DriverError> {
        self.inner.insert_history(row).await
    }
    async fn update_history(&mut self, row: &HistoryRow) -> Result<(), DriverError> {
        self.inner.update_history(row).await
    }
    async fn lock(&mut self) -> Result<(), DriverError> {
        self.inner.lock().await
    }
    async fn unlock(&mut self) -> Result<(), DriverError> {
        self.inner.unlock().await
    }
    async fn reset(&mut self) -> Result<(), DriverError> {
        self.inner.reset().await
    }
    async fn create_shadow(&mut self) -> Result<Box<dyn Driver>, DriverError> {
        self.shadows.fetch_add(1, Ordering::SeqCst);
        self.inner.create_shadow().await
    }
    async fn server_version(&mut self) -> Result<String, DriverError> {
        self.inner.server_version().await
    }
    async fn row_count(&mut self, table: &migrate_core::schema::TableName) -> Result<u64, DriverError> {
        self.inner.row_count(table).await
    }
    async fn rows_holding(
        &mut self,
        table: &migrate_core::schema::TableName,
        column: &str,
        list: bool,
        values: &[String],
    ) -> Result<Option<u64>, DriverError> {
        self.inner.rows_holding(table, column, list, values).await
    }
    async fn stored_columns(&mut self, columns: &[Column]) -> Result<Vec<Option<Column>>, DriverError> {
        self.inner.stored_columns(columns).await
    }
}

fn histories(kind: DbKind) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(fixtures_dir().join("histories"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("migrations/migration_lock.toml").is_file())
        .filter(|p| {
            let lock = std::fs::read_to_string(p.join("migrations/migration_lock.toml")).unwrap();
            lock.contains(&format!("\"{}\"", kind.provider()))
        })
        .collect();
    found.sort();
    found
}

/// The history's schema with one model more: `dev` has a migration to write.
fn target(history: &Path, driver: &dyn Driver) -> Schema {
    let mut sources = read_schema(&history.join("schema.prisma")).unwrap();
    sources.files[0]
        .text
        .push_str("\nmodel ReplayCacheProbe {\n  id   Int    @id\n  note String\n}\n");
    let valid = parse_and_validate(sources).unwrap_or_else(|e| panic!("{e}"));
    lower(&valid.datamodel, driver.dialect())
}

/// One `dev` on a fresh database and a fresh copy of the history: the
/// migration it wrote, and how many shadow databases it asked for.
async fn dev_once(kind: DbKind, history: &Path, cache: Option<&ReplayCache>) -> (String, usize) {
    let project = TempDir::copy_of("replay-cache", history);
    let migrations = MigrationsDir {
        path: project.0.join("migrations"),
    };
    let db = TestDb::new(kind);
    let (mut driver, shadows) = Counting::of(&db).await;
    // Written, not applied: some histories end with changes of their own
    // that need a confirmation or fail to apply (pg-ledger's, as Prisma's).
    let options = DevOptions {
        name: Some("probe".into()),
        create_only: true,
        cache: cache.cloned(),
        ..DevOptions::default()
    };
    let target = target(history, &driver);
    let outcome = dev(&mut driver, &migrations, &target, &options)
        .await
        .unwrap_or_else(|e| panic!("{}: {e}", history.display()));
    let DevOutcome::Done {
        created: Some(created), ..
    } = outcome
    else {
        panic!("{}: {outcome:?}", history.display());
    };
    let script = String::from_utf8(created.script).unwrap();
    (script, shadows.load(Ordering::SeqCst))
}

async fn the_cache_never_changes_an_answer(kind: DbKind) {
    if !kind.selected() {
        eprintln!("skipped: MIGRATE_TEST_DATABASES does not include {}", kind.name());
        return;
    }
    let mine = histories(kind);
    assert!(mine.len() >= 2, "at least two {} histories", kind.name());
    for history in mine {
        let name = history.file_name().unwrap().to_string_lossy().to_string();
        let cache_dir = TempDir::new("replay-cache-dir");
        let cache = ReplayCache::at(cache_dir.0.join("cache"));
        let (uncached, shadows) = dev_once(kind, &history, None).await;
        assert_eq!(shadows, 1, "{name}: without the cache, one replay");
        let (cold, shadows) = dev_once(kind, &history, Some(&cache)).await;
        assert_eq!(shadows, 1, "{name}: a cold cache replays");
        assert_eq!(cold, uncached, "{name}: cold cache");
        let (warm, shadows) = dev_once(kind, &history, Some(&cache)).await;
        assert_eq!(shadows, 0, "{name}: a warm cache needs no shadow database");
        assert_eq!(warm, uncached, "{name}: warm cache");
        cached_is_replayed(kind, &history, &cache).await;
        edited_migration_misses(kind, &history, &cache).await;
        drift_is_found_on_a_warm_cache(kind, &history, &cache).await;
    }
}

/// The cached schema of the whole folder is what a full replay builds.
async fn cached_is_replayed(kind: DbKind, history: &Path, cache: &ReplayCache) {
    let migrations = MigrationsDir {
        path: history.join("migrations"),
    }
    .list()
    .unwrap();
    let db = TestDb::new(kind);
    let mut driver = db.driver().await;
    let version = driver.server_version().await.unwrap();
    let all: Vec<&LocalMigration> = migrations.iter().collect();
    let key = ReplayCache::key(driver.dialect().provider(), &version, &driver.namespaces(), &all);
    let cached = cache.get(&key).expect("the folder's schema is cached");
    let mut shadow = driver.create_shadow().await.unwrap();
    let replayed = schema_of_migrations(shadow.as_mut(), &migrations).await.unwrap();
    shadow.close().await.unwrap();
    assert_eq!(cached.schema, replayed, "{}", history.display());
}

/// A migration edited after it was cached is replayed, and the answer
/// follows the edit.
async fn edited_migration_misses(kind: DbKind, history: &Path, cache: &ReplayCache) {
    let edited = TempDir::copy_of("replay-cache-edited", history);
    let first = MigrationsDir {
        path: edited.0.join("migrations"),
    }
    .list()
    .unwrap()
    .remove(0);
    let script = first.path.join("migration.sql");
    let text = std::fs::read_to_string(&script).unwrap();
    std::fs::write(&script, format!("{text}\n-- edited after it was cached\n")).unwrap();
    let (_, shadows) = dev_once(kind, &edited.0, Some(cache)).await;
    assert_eq!(shadows, 1, "{}: an edited migration misses", history.display());
}

/// A dev database changed by hand after its history was applied is
/// drift, whatever the cache holds for that history.
async fn drift_is_found_on_a_warm_cache(kind: DbKind, history: &Path, cache: &ReplayCache) {
    let migrations = MigrationsDir {
        path: history.join("migrations"),
    };
    let db = TestDb::new(kind);
    let (mut driver, shadows) = Counting::of(&db).await;
    deploy(&mut driver, &migrations).await.unwrap();
    driver.apply_script("CREATE TABLE drift_probe (id INT)").await.unwrap();
    let options = DevOptions {
        cache: Some(cache.clone()),
        ..DevOptions::default()
    };
    let target = target(history, &driver);
    let outcome = dev(&mut driver, &migrations, &target, &options).await.unwrap();
    let DevOutcome::NeedsReset { reasons } = outcome else {
        panic!("{}: {outcome:?}", history.display());
    };
    assert!(
        reasons.concat().contains("drift_probe"),
        "{}: {reasons:?}",
        history.display()
    );
    assert_eq!(shadows.load(Ordering::SeqCst), 0, "{}: a warm cache", history.display());
}

/// `models` under a datasource of `kind`, lowered for `driver`.
fn schema_of(kind: DbKind, driver: &dyn Driver, models: &str) -> Schema {
    let text = format!(
        "datasource db {{\n  provider = \"{}\"\n  url = env(\"DATABASE_URL\")\n}}\n{models}",
        kind.provider()
    );
    let valid = parse_and_validate(SourceFiles::single("schema.prisma", text)).unwrap_or_else(|e| panic!("{e}"));
    lower(&valid.datamodel, driver.dialect())
}

/// `dev` with the cache on, named `name`: the migration it wrote.
async fn dev_named(
    driver: &mut dyn Driver,
    dir: &MigrationsDir,
    target: &Schema,
    cache: &ReplayCache,
    name: &str,
) -> String {
    let options = DevOptions {
        name: Some(name.into()),
        cache: Some(cache.clone()),
        ..DevOptions::default()
    };
    match dev(driver, dir, target, &options).await.unwrap() {
        DevOutcome::Done {
            created: Some(created), ..
        } => String::from_utf8(created.script).unwrap(),
        other => panic!("{name}: {other:?}"),
    }
}

/// The usual loop (edit, `dev`, edit, `dev`) replays nothing: the migration
/// `dev` applied to a database that held exactly what the folder builds is
/// cached from it.
async fn the_next_dev_needs_no_shadow_database(kind: DbKind) {
    if !kind.selected() {
        return;
    }
    let project = TempDir::new("replay-cache-loop");
    let dir = MigrationsDir {
        path: project.0.join("migrations"),
    };
    let cache = ReplayCache::at(project.0.join("cache"));
    let db = TestDb::new(kind);
    let (mut driver, shadows) = Counting::of(&db).await;
    let one = schema_of(kind, &driver, "model Lamp {\n  id Int @id\n}\n");
    dev_named(&mut driver, &dir, &one, &cache, "one").await;
    let after_first = shadows.load(Ordering::SeqCst);
    let two = schema_of(kind, &driver, "model Lamp {\n  id Int @id\n  watts Int?\n}\n");
    dev_named(&mut driver, &dir, &two, &cache, "two").await;
    assert_eq!(
        shadows.load(Ordering::SeqCst),
        after_first,
        "{}: the second dev replays nothing",
        kind.name()
    );
}

#[tokio::test]
async fn sqlite_loop() {
    the_next_dev_needs_no_shadow_database(DbKind::Sqlite).await;
}

#[tokio::test]
async fn postgres_loop() {
    the_next_dev_needs_no_shadow_database(DbKind::Postgres).await;
}

#[tokio::test]
async fn mysql_loop() {
    the_next_dev_needs_no_shadow_database(DbKind::Mysql).await;
}

/// A trigger made by hand in the dev database is not drift, and never
/// becomes part of what the folder builds: the next migration that rebuilds
/// its table does not write it (as with `--no-cache`, and as Prisma 6.19.3).
#[tokio::test]
async fn a_trigger_made_by_hand_stays_out_of_the_migrations() {
    let kind = DbKind::Sqlite;
    let project = TempDir::new("replay-cache-trigger");
    let dir = MigrationsDir {
        path: project.0.join("migrations"),
    };
    let cache = ReplayCache::at(project.0.join("cache"));
    let db = TestDb::new(kind);
    let mut driver = db.driver().await;
    let user = |fields: &str| format!("model User {{\n  id   Int    @id\n  name String\n{fields}}}\n");
    let init = schema_of(kind, driver.as_ref(), &user(""));
    dev_named(driver.as_mut(), &dir, &init, &cache, "init").await;
    let trigger = "CREATE TRIGGER hand_made AFTER INSERT ON \"User\" BEGIN SELECT 1; END";
    driver.apply_script(trigger).await.unwrap();
    let optional = schema_of(kind, driver.as_ref(), &user("  age  Int?\n"));
    dev_named(driver.as_mut(), &dir, &optional, &cache, "age").await;
    let required = schema_of(kind, driver.as_ref(), &user("  age  Int\n"));
    let rebuilt = dev_named(driver.as_mut(), &dir, &required, &cache, "age_required").await;
    assert!(rebuilt.contains("CREATE TABLE \"new_User\""), "{rebuilt}");
    assert!(!rebuilt.contains("hand_made"), "{rebuilt}");
}

#[tokio::test]
async fn sqlite() {
    the_cache_never_changes_an_answer(DbKind::Sqlite).await;
}

#[tokio::test]
async fn postgres() {
    the_cache_never_changes_an_answer(DbKind::Postgres).await;
}

#[tokio::test]
async fn mysql() {
    the_cache_never_changes_an_answer(DbKind::Mysql).await;
}
