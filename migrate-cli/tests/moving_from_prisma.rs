//! Moving a project from Prisma to `migrate`: the only change is `prisma`
//! replaced by `migrate` in `package.json`'s scripts. A Prisma 6 project
//! (`.env` with `${VAR}`, `url = env(...)` in the schema, a migration Prisma
//! wrote, the seed in `package.json`) and a Prisma 7 project
//! (`prisma.config.ts` with the URL and the seed, no `url` in the schema)
//! run their seed workflow through those scripts, on SQLite and PostgreSQL,
//! starting from a database that does not exist yet. No Node.js: each
//! script runs as `npm run` would run it, through `sh -c`, with the
//! `migrate` binary on `PATH`.

use migrate_tests::harness::{DbKind, TempDir};
use migrate_tests::servers::ServerDatabase;
use std::path::Path;
use std::process::{Command, Stdio};

const SCRIPTS: &str = r#"{
  "name": "shop",
  "private": true,
  "scripts": {
    "db:deploy": "prisma migrate deploy",
    "db:status": "prisma migrate status",
    "db:seed": "prisma db seed",
    "db:reset": "prisma migrate reset --force",
    "db:dev": "prisma migrate dev --name add_bio --skip-generate"
  }SEED
}
"#;

/// What Prisma 6.19.3 writes for the first model on each database.
fn init_sql(kind: DbKind) -> &'static str {
    match kind {
        DbKind::Sqlite => "-- CreateTable\nCREATE TABLE \"User\" (\n    \"id\" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,\n    \"email\" TEXT NOT NULL\n);\n\n-- CreateIndex\nCREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\");\n",
        _ => "-- CreateTable\nCREATE TABLE \"User\" (\n    \"id\" SERIAL NOT NULL,\n    \"email\" TEXT NOT NULL,\n\n    CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\")\n);\n\n-- CreateIndex\nCREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\");\n",
    }
}

fn schema(kind: DbKind, url_line: &str, bio: bool) -> String {
    format!(
        "generator client {{\n  provider = \"prisma-client-js\"\n}}\n\ndatasource db {{\n  provider = \"{}\"\n{url_line}}}\n\nmodel User {{\n  id    Int     @id @default(autoincrement())\n  email String  @unique\n{}}}\n",
        kind.provider(),
        if bio { "  bio   String?\n" } else { "" }
    )
}

/// The database the project will use, not created yet, and what `.env` says
/// about it: `DATABASE_URL` built from other variables with `${VAR}`.
struct Target {
    /// Keeps the PostgreSQL database name reserved and drops it at the end.
    server: Option<ServerDatabase>,
    env_file: String,
}

impl Target {
    fn new(kind: DbKind) -> Option<Target> {
        if !kind.selected() {
            return None;
        }
        Some(match kind {
            DbKind::Sqlite => Target {
                server: None,
                env_file: "DB_FILE=dev.db\nDATABASE_URL=\"file:./${DB_FILE}\"\n".into(),
            },
            _ => {
                let server = ServerDatabase::postgres_absent();
                let (base, database) = server.url.rsplit_once('/').expect("a server URL with a path");
                let env_file =
                    format!("PG_SERVER={base}\n# the app's own database\nDATABASE_URL=\"${{PG_SERVER}}/{database}\"\n");
                Target {
                    server: Some(server),
                    env_file,
                }
            }
        })
    }

    /// The `.env` of a Prisma 7 project: its config loads it by plain dotenv,
    /// which expands nothing, so `DATABASE_URL` is written out.
    fn plain_env_file(&self) -> String {
        match &self.server {
            None => "DATABASE_URL=\"file:./dev.db\"\n".into(),
            Some(server) => format!("DATABASE_URL=\"{}\"\n", server.url),
        }
    }

    fn users(&self, dir: &Path) -> Vec<String> {
        match &self.server {
            None => {
                let db = rusqlite::Connection::open(dir.join("prisma/dev.db")).unwrap();
                let mut query = db.prepare("SELECT email FROM \"User\" ORDER BY id").unwrap();
                let rows = query.query_map([], |r| r.get(0)).unwrap();
                rows.map(Result::unwrap).collect()
            }
            Some(server) => {
                let mut client = postgres::Client::connect(&server.url, postgres::NoTls).unwrap();
                let rows = client.query("SELECT email FROM \"User\" ORDER BY id", &[]).unwrap();
                rows.iter().map(|r| r.get(0)).collect()
            }
        }
    }

    fn has_bio(&self, dir: &Path) -> bool {
        match &self.server {
            None => {
                let db = rusqlite::Connection::open(dir.join("prisma/dev.db")).unwrap();
                db.query_row(
                    "SELECT count(*) FROM pragma_table_info('User') WHERE name = 'bio'",
                    [],
                    |r| r.get::<_, i64>(0),
                )
                .unwrap()
                    == 1
            }
            Some(server) => {
                let mut client = postgres::Client::connect(&server.url, postgres::NoTls).unwrap();
                let sql =
                    "SELECT count(*) FROM information_schema.columns WHERE table_name = 'User' AND column_name = 'bio'";
                client.query_one(sql, &[]).unwrap().get::<_, i64>(0) == 1
            }
        }
    }

    fn exists(&mut self, dir: &Path) -> bool {
        match &mut self.server {
            None => dir.join("prisma/dev.db").exists(),
            Some(server) => server.exists(),
        }
    }
}

/// `package.json` with `prisma` replaced by `migrate`, the one change a
/// user makes.
fn converted_package_json(seed: Option<&str>) -> String {
    let seed = seed.map_or(String::new(), |s| format!(",\n  \"prisma\": {{ \"seed\": \"{s}\" }}"));
    SCRIPTS
        .replace("SEED", &seed)
        .replace("prisma migrate", "migrate migrate")
        .replace("prisma db", "migrate db")
}

/// Runs `npm run NAME` as npm would: the script's text through `sh -c`,
/// with the binary's folder first on `PATH`. Returns stdout; panics on failure.
fn npm_run(dir: &Path, name: &str) -> String {
    let package: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("package.json")).unwrap()).unwrap();
    let script = package["scripts"][name].as_str().expect("the script exists");
    assert!(script.starts_with("migrate "), "converted: {script}");
    let bin = Path::new(env!("CARGO_BIN_EXE_migrate")).parent().unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let out = Command::new("sh")
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .env("PATH", path)
        .env("CI", "1")
        .env_remove("DATABASE_URL")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.success(),
        "npm run {name} ({script}) failed:\n{stdout}{stderr}"
    );
    stdout
}

/// The workflow every project runs: deploy to a database that does not
/// exist, status, seed, reset (which seeds again), then a new migration.
fn seed_workflow(dir: &Path, kind: DbKind, mut target: Target, schema_file: impl Fn(bool) -> String) {
    assert!(!target.exists(dir), "the database does not exist yet");
    let deploy = npm_run(dir, "db:deploy");
    assert!(target.exists(dir), "deploy created the database:\n{deploy}");
    if kind != DbKind::Sqlite {
        assert!(deploy.contains("database") && deploy.contains("created at"), "{deploy}");
    }
    assert!(deploy.contains("0_init"), "{deploy}");
    assert!(npm_run(dir, "db:status").contains("Database schema is up to date"));

    npm_run(dir, "db:seed");
    assert_eq!(target.users(dir), ["seed@example.com"]);

    npm_run(dir, "db:reset");
    assert_eq!(
        target.users(dir),
        ["seed@example.com"],
        "reset empties, re-applies and seeds once"
    );

    std::fs::write(dir.join("prisma/schema.prisma"), schema_file(true)).unwrap();
    let dev = npm_run(dir, "db:dev");
    assert!(dev.contains("_add_bio"), "{dev}");
    assert!(target.has_bio(dir));
    assert_eq!(
        target.users(dir),
        ["seed@example.com"],
        "adding a column keeps the rows"
    );
    assert!(npm_run(dir, "db:status").contains("Database schema is up to date"));
}

fn write_history(dir: &Path, kind: DbKind) {
    std::fs::create_dir_all(dir.join("prisma/migrations/0_init")).unwrap();
    std::fs::write(dir.join("prisma/migrations/0_init/migration.sql"), init_sql(kind)).unwrap();
    let lock = format!(
        "# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = \"{}\"\n",
        kind.provider()
    );
    std::fs::write(dir.join("prisma/migrations/migration_lock.toml"), lock).unwrap();
    std::fs::write(
        dir.join("prisma/seed.sql"),
        "INSERT INTO \"User\" (\"email\") VALUES ('seed@example.com');\n",
    )
    .unwrap();
}

/// Prisma 6: `.env`, `url = env("DATABASE_URL")`, the seed in package.json.
fn prisma_6_project(kind: DbKind) {
    let Some(target) = Target::new(kind) else { return };
    let dir = TempDir::new("prisma6-project");
    let p = &dir.0;
    write_history(p, kind);
    let url_line = "  url      = env(\"DATABASE_URL\")\n";
    std::fs::write(p.join("prisma/schema.prisma"), schema(kind, url_line, false)).unwrap();
    std::fs::write(p.join(".env"), &target.env_file).unwrap();
    std::fs::write(
        p.join("package.json"),
        converted_package_json(Some("migrate db execute --file prisma/seed.sql")),
    )
    .unwrap();
    seed_workflow(p, kind, target, |bio| schema(kind, url_line, bio));
}

/// Prisma 7: `prisma.config.ts` holds the URL (from `.env`, which it loads
/// itself) and the seed; the schema's datasource has no `url`.
fn prisma_7_project(kind: DbKind) {
    let Some(target) = Target::new(kind) else { return };
    let dir = TempDir::new("prisma7-project");
    let p = &dir.0;
    write_history(p, kind);
    std::fs::write(p.join("prisma/schema.prisma"), schema(kind, "", false)).unwrap();
    std::fs::write(p.join(".env"), target.plain_env_file()).unwrap();
    std::fs::write(
        p.join("prisma.config.ts"),
        "import \"dotenv/config\";\nimport { defineConfig, env } from \"prisma/config\";\n\nexport default defineConfig({\n  schema: \"prisma/schema.prisma\",\n  migrations: {\n    path: \"prisma/migrations\",\n    seed: \"migrate db execute --file prisma/seed.sql\",\n  },\n  datasource: {\n    url: env(\"DATABASE_URL\"),\n  },\n});\n",
    )
    .unwrap();
    std::fs::write(p.join("package.json"), converted_package_json(None)).unwrap();
    seed_workflow(p, kind, target, |bio| schema(kind, "", bio));
}

#[test]
fn a_prisma_6_project_on_sqlite() {
    prisma_6_project(DbKind::Sqlite);
}

#[test]
fn a_prisma_6_project_on_postgres() {
    prisma_6_project(DbKind::Postgres);
}

#[test]
fn a_prisma_7_project_on_sqlite() {
    prisma_7_project(DbKind::Sqlite);
}

#[test]
fn a_prisma_7_project_on_postgres() {
    prisma_7_project(DbKind::Postgres);
}
