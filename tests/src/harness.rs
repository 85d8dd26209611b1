//! The scenario harness: each scenario is written once, as a function of a
//! [`DbKind`], and [`per_database!`](crate::per_database) instantiates it as
//! one test per database. Every test gets its own fresh database, created by
//! the harness and removed when the test ends.
//!
//! `MIGRATE_TEST_DATABASES` (a comma list such as `sqlite`) narrows a run on
//! purpose; a database that is selected but unreachable fails the test.

use migrate_core::driver::{Dialect, Driver};
use migrate_core::migrations::MigrationsDir;
use migrate_core::psl::lower::lower;
use migrate_core::psl::{diagnostics::SourceFiles, parse_and_validate, ValidatedSchema};
use migrate_core::schema::Schema;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbKind {
    Sqlite,
    Postgres,
    Mysql,
}

impl DbKind {
    pub fn name(self) -> &'static str {
        match self {
            DbKind::Sqlite => "sqlite",
            DbKind::Postgres => "postgres",
            DbKind::Mysql => "mysql",
        }
    }

    /// Whether this run tests the database (all of them unless narrowed);
    /// when it does not, says so on stderr.
    pub fn selected(self) -> bool {
        migrate_core::testing::database_selected(self.name())
    }

    /// The database a dialect is for.
    pub fn of(provider: migrate_core::psl::datamodel::Provider) -> DbKind {
        use migrate_core::psl::datamodel::Provider;
        match provider {
            Provider::Sqlite => DbKind::Sqlite,
            Provider::Postgres => DbKind::Postgres,
            Provider::Mysql => DbKind::Mysql,
        }
    }

    /// Scenario SQL is written with double-quoted identifiers, as SQLite
    /// and PostgreSQL read them; MySQL gets backticks. (The scenarios'
    /// string literals never contain a double quote.)
    pub fn sql(self, sql: &str) -> String {
        match self {
            DbKind::Mysql => sql.replace('"', "`"),
            DbKind::Sqlite | DbKind::Postgres => sql.to_string(),
        }
    }

    /// The datasource provider this database is.
    pub fn provider_kind(self) -> migrate_core::psl::datamodel::Provider {
        use migrate_core::psl::datamodel::Provider;
        match self {
            DbKind::Sqlite => Provider::Sqlite,
            DbKind::Postgres => Provider::Postgres,
            DbKind::Mysql => Provider::Mysql,
        }
    }

    /// The datasource provider written into scenario schemas.
    pub fn provider(self) -> &'static str {
        match self {
            DbKind::Sqlite => "sqlite",
            DbKind::Postgres => "postgresql",
            DbKind::Mysql => "mysql",
        }
    }
}

/// A directory under the system temp dir, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(label: &str) -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("migrate-{label}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }
}

impl TempDir {
    /// A new temp dir holding a copy of the folder `source`.
    pub fn copy_of(label: &str, source: &std::path::Path) -> Self {
        let dir = TempDir::new(label);
        copy_dir(source, &dir.0);
        dir
    }
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("create a folder");
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let path = entry.expect("a folder entry").path();
        let target = to.join(path.file_name().expect("a file name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A fresh, empty database for one test, removed when the test ends.
pub struct TestDb {
    pub kind: DbKind,
    pub url: String,
    /// The temp dir or server database; dropping it removes the database.
    _place: Box<dyn std::any::Any>,
}

impl TestDb {
    pub fn new(kind: DbKind) -> Self {
        match kind {
            DbKind::Sqlite => {
                let dir = TempDir::new("db");
                let url = format!("file:{}", dir.0.join("test.db").display());
                TestDb {
                    kind,
                    url,
                    _place: Box::new(dir),
                }
            }
            DbKind::Postgres | DbKind::Mysql => {
                let db = if kind == DbKind::Postgres {
                    crate::servers::ServerDatabase::postgres()
                } else {
                    crate::servers::ServerDatabase::mysql()
                };
                TestDb {
                    kind,
                    url: db.url.clone(),
                    _place: Box::new(db),
                }
            }
        }
    }

    /// [`TestDb::new`] when the run covers `kind`; `None`, said on stderr,
    /// when `MIGRATE_TEST_DATABASES` leaves it out.
    pub fn if_selected(kind: DbKind) -> Option<Self> {
        kind.selected().then(|| TestDb::new(kind))
    }

    /// A session on the test's database, through the registry (as the CLI
    /// and the library connect).
    /// A SQLite file is created by opening it, as the harness always did.
    pub async fn driver(&self) -> Box<dyn Driver> {
        self.driver_in(&[]).await
    }

    /// [`TestDb::driver`] reading the database schemas `namespaces` too
    /// (a datasource's `schemas`, multiSchema).
    pub async fn driver_in(&self, namespaces: &[String]) -> Box<dyn Driver> {
        let request = migrate::Connect {
            url: &self.url,
            shadow_url: None,
            base_dir: std::path::Path::new("."),
            if_missing: migrate::IfMissing::Open,
            blocking_calls: migrate::BlockingCalls::OwnThread,
            namespaces,
        };
        let database = migrate::database_for_url(&self.url).unwrap_or_else(|e| panic!("{e}"));
        (database.connect)(request)
            .await
            .unwrap_or_else(|e| panic!("connect to the test database: {e}"))
    }
}

/// A project folder: `prisma/schema.prisma` and `prisma/migrations/`.
pub struct Project {
    pub kind: DbKind,
    pub dir: TempDir,
    pub schema_path: PathBuf,
    pub migrations: MigrationsDir,
}

impl Project {
    /// `models` is the schema without its datasource block.
    pub fn new(kind: DbKind, models: &str) -> Self {
        let dir = TempDir::new("project");
        let schema_path = dir.0.join("prisma/schema.prisma");
        std::fs::create_dir_all(schema_path.parent().unwrap()).unwrap();
        let migrations = MigrationsDir::for_schema(&schema_path);
        let project = Project {
            kind,
            dir,
            schema_path,
            migrations,
        };
        project.set_models(models);
        project
    }

    pub fn set_models(&self, models: &str) {
        let text = format!(
            "datasource db {{\n  provider = \"{}\"\n  url      = env(\"DATABASE_URL\")\n}}\n\n{models}",
            self.kind.provider()
        );
        std::fs::write(&self.schema_path, text).unwrap();
    }

    pub fn schema(&self) -> ValidatedSchema {
        let text = std::fs::read_to_string(&self.schema_path).unwrap();
        parse_and_validate(SourceFiles::single(self.schema_path.display().to_string(), text))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// The schema file lowered for `dialect`: what `dev` and `db push` aim at.
    pub fn target(&self, dialect: &dyn Dialect) -> Schema {
        lower(&self.schema().datamodel, dialect)
    }

    /// Writes the migration `name` by hand: scenario SQL, quoted for the
    /// project's database ([`DbKind::sql`]).
    pub fn add_migration(&self, name: &str, sql: &str) {
        let folder = self.migrations.path.join(name);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("migration.sql"), self.kind.sql(sql)).unwrap();
    }

    /// Names of the migration folders, in order.
    pub fn migration_names(&self) -> Vec<String> {
        self.migrations.list().unwrap().into_iter().map(|m| m.name).collect()
    }
}

/// Fixtures written for another database that PostgreSQL cannot take as
/// they stand: SQLite `dbgenerated(...)` SQL, a PostGIS type, MySQL-only
/// attributes.
const NOT_FOR_POSTGRES: [&str; 3] = ["defaults_everything", "ignore_and_unsupported", "mysql_features"];

/// Fixtures MySQL cannot take as they stand: SQLite `dbgenerated(...)`
/// SQL, PostgreSQL-only attributes, `SetDefault` (which InnoDB lacks).
const NOT_FOR_MYSQL: [&str; 3] = ["defaults_everything", "postgres_features", "referential_actions"];

/// Every fixture this database can hold, validated for it: SQLite takes the
/// SQLite fixtures; PostgreSQL and MySQL take their own and the SQLite ones
/// with the provider switched; then the corpus's, chosen the same way.
pub fn fixtures_for(kind: DbKind) -> Vec<(String, ValidatedSchema)> {
    let mut out = Vec::new();
    for fixture in crate::fixtures_in("schemas") {
        let mut sources = fixture.sources();
        let provider = crate::provider(&fixture.validate().unwrap_or_else(|e| panic!("{e}")));
        let take = match (kind, provider.map(|p| p.name())) {
            (DbKind::Sqlite, Some("sqlite")) => true,
            (DbKind::Postgres, Some("sqlite" | "postgresql")) => !NOT_FOR_POSTGRES.contains(&fixture.name.as_str()),
            (DbKind::Mysql, Some("sqlite" | "mysql")) => !NOT_FOR_MYSQL.contains(&fixture.name.as_str()),
            _ => false,
        };
        if !take {
            continue;
        }
        for file in &mut sources.files {
            file.text = file.text.replace("\"sqlite\"", &format!("\"{}\"", kind.provider()));
        }
        let valid = migrate_core::psl::parse_and_validate(sources).unwrap_or_else(|e| panic!("{}: {e}", fixture.name));
        out.push((fixture.name.clone(), valid));
    }
    assert!(out.len() >= 10, "only {} fixtures for {}", out.len(), kind.name());
    out.extend(crate::corpus::corpus_for(kind.provider_kind()));
    out
}

/// One `#[tokio::test]` per database for each scenario function
/// `async fn(DbKind)`.
#[macro_export]
macro_rules! per_database {
    ($($scenario:ident),* $(,)?) => {
        $crate::per_database!(@kind sqlite, Sqlite, $($scenario),*);
        $crate::per_database!(@kind postgres, Postgres, $($scenario),*);
        $crate::per_database!(@kind mysql, Mysql, $($scenario),*);
    };
    (@kind $module:ident, $kind:ident, $($scenario:ident),*) => {
        mod $module {
            $(
                #[tokio::test]
                async fn $scenario() {
                    let kind = $crate::harness::DbKind::$kind;
                    if !kind.selected() {
                        return;
                    }
                    super::$scenario(kind).await
                }
            )*
        }
    };
}

/// Whether the MySQL server behind `driver` is MariaDB (its version says so).
pub async fn is_mariadb(driver: &mut dyn Driver) -> bool {
    let version = driver.server_version().await.unwrap();
    version.contains("MariaDB")
}
