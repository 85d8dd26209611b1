//! A Prisma 7 project through the `migrate` binary: `prisma.config.ts` gives
//! the schema, the migrations folder, the seed and the URL (the schema's
//! datasource has no `url`); `.env` is loaded only when the config imports
//! `dotenv/config`; code in the config is reported, never run.

mod common;

use common::{text, write};
use migrate_tests::harness::TempDir;
use std::path::Path;
use std::process::Output;

const SCHEMA: &str = "datasource db {\n  provider = \"sqlite\"\n}\n\nmodel User {\n  id    Int    @id @default(autoincrement())\n  email String @unique\n}\n";

const CONFIG: &str = r#"import "dotenv/config";
import { defineConfig, env } from "prisma/config";

export default defineConfig({
  schema: "db/schema.prisma",
  migrations: {
    path: "db/history",
    seed: `sh ${process.env.SEED_SCRIPT ?? "seed.sh"}`,
  },
  datasource: {
    url: env("APP_DB_URL"),
  },
});
"#;

/// [`common::migrate`] without the config's variables of the caller's
/// environment.
fn migrate(dir: &Path, args: &[&str]) -> Output {
    common::command(dir, args)
        .env_remove("APP_DB_URL")
        .env_remove("SEED_SCRIPT")
        .output()
        .unwrap()
}

fn prisma7_project() -> TempDir {
    let dir = TempDir::new("prisma7");
    write(&dir.0, "db/schema.prisma", SCHEMA);
    write(&dir.0, "prisma.config.ts", CONFIG);
    // The URL relative to the schema.
    write(&dir.0, ".env", "APP_DB_URL=\"file:./app.db\"\n");
    write(&dir.0, "seed.sh", "echo seeded > seeded.txt\n");
    dir
}

#[test]
fn the_config_gives_schema_migrations_seed_and_url() {
    let dir = prisma7_project();
    let out = migrate(&dir.0, &["dev", "--name", "init"]);
    assert!(out.status.success(), "{}", text(&out));
    let history: Vec<_> = std::fs::read_dir(dir.0.join("db/history")).unwrap().collect();
    assert_eq!(history.len(), 2, "a migration and migration_lock.toml in db/history");
    assert!(dir.0.join("db/app.db").exists(), "{}", text(&out));
    assert!(!dir.0.join("db/migrations").exists());
    let out = migrate(&dir.0, &["db", "seed"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(std::fs::read_to_string(dir.0.join("seeded.txt")).unwrap(), "seeded\n");
    let out = migrate(&dir.0, &["status"]);
    assert!(out.status.success(), "{}", text(&out));
}

/// `db seed` loads `.env` as the config does, by plain dotenv: the config's
/// seed and the seed command see its variables, nothing in them expanded
/// (dotenv has no `${VAR}`; that is dotenv-expand, which Prisma 7 does not run).
#[test]
fn db_seed_loads_env_as_the_config_does_without_expansion() {
    let dir = prisma7_project();
    write(
        &dir.0,
        ".env",
        "APP_DB_URL=\"file:./app.db\"\nSEED_SCRIPT=seed2.sh\nPLAIN=\"pa$word${APP_DB_URL}\"\n",
    );
    write(&dir.0, "seed2.sh", "echo \"$APP_DB_URL $PLAIN\" > seeded.txt\n");
    let out = migrate(&dir.0, &["db", "seed"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(!text(&out).contains("Note:"), "{}", text(&out));
    assert_eq!(
        std::fs::read_to_string(dir.0.join("seeded.txt")).unwrap(),
        "file:./app.db pa$word${APP_DB_URL}\n"
    );
}

#[test]
fn without_dotenv_import_env_is_not_loaded_and_the_error_says_so() {
    let dir = prisma7_project();
    write(
        &dir.0,
        "prisma.config.ts",
        &CONFIG.replace("import \"dotenv/config\";\n", ""),
    );
    let out = migrate(&dir.0, &["deploy"]);
    assert!(!out.status.success());
    let message = text(&out);
    assert!(
        message.contains("prisma.config.ts:10:10: `datasource.url` reads the environment variable `APP_DB_URL`, which is not set (or empty). Note: .env sets it, but Prisma 7 does not load .env files when prisma.config.ts exists, and neither does migrate"),
        "{message}"
    );
    // The flag replaces the config's URL.
    let url = format!("file:{}", dir.0.join("flag.db").display());
    let out = migrate(&dir.0, &["deploy", "--url", &url]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(dir.0.join("flag.db").exists());
}

#[test]
fn code_in_the_config_is_reported_with_the_flag_that_replaces_it() {
    let dir = prisma7_project();
    write(
        &dir.0,
        "prisma.config.ts",
        "import { defineConfig } from 'prisma/config'\nimport { secretUrl } from './vault'\nexport default defineConfig({\n  schema: 'db/schema.prisma',\n  datasource: { url: await secretUrl() },\n})\n",
    );
    let out = migrate(&dir.0, &["status"]);
    assert!(!out.status.success());
    let message = text(&out);
    assert!(
        message.contains("prisma.config.ts:5:22: `datasource.url` is computed by `await`, which migrate does not run (it reads the config file, never executes it). Pass the URL with --url instead"),
        "{message}"
    );
    // `validate` needs no URL: the unreadable one does not stop it.
    let out = migrate(&dir.0, &["validate"]);
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn flags_win_over_the_config() {
    let dir = prisma7_project();
    write(&dir.0, "other/schema.prisma", &SCHEMA.replace("email", "name"));
    let url = format!("file:{}", dir.0.join("other.db").display());
    let out = migrate(
        &dir.0,
        &["db", "push", "--schema", "other/schema.prisma", "--url", &url],
    );
    assert!(out.status.success(), "{}", text(&out));
    let db = rusqlite::Connection::open(dir.0.join("other.db")).unwrap();
    let columns: i64 = db
        .query_row(
            "SELECT count(*) FROM pragma_table_info('User') WHERE name = 'name'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(columns, 1);
}

#[test]
fn external_tables_are_refused_not_migrated() {
    let dir = prisma7_project();
    write(
        &dir.0,
        "prisma.config.ts",
        &CONFIG.replace(
            "  datasource:",
            "  tables: { external: [\"public.users\"] },\n  datasource:",
        ),
    );
    let out = migrate(&dir.0, &["dev", "--name", "init"]);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("names external tables or enums (`public.users`)"),
        "{}",
        text(&out)
    );
    assert!(!dir.0.join("db/history").exists());
}

/// `--config` names a config file that is not where Prisma looks; its paths
/// are relative to its own folder, as Prisma reads them.
#[test]
fn config_flag_names_the_file_to_read() {
    let dir = prisma7_project();
    std::fs::remove_file(dir.0.join("prisma.config.ts")).unwrap();
    let moved = CONFIG
        .replace("\"db/schema.prisma\"", "\"../db/schema.prisma\"")
        .replace("\"db/history\"", "\"../db/history\"");
    write(&dir.0, "settings/prisma.config.ts", &moved);
    let out = migrate(
        &dir.0,
        &[
            "migrate",
            "dev",
            "--name",
            "init",
            "--config",
            "settings/prisma.config.ts",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(dir.0.join("db/history").is_dir(), "{}", text(&out));
    assert!(dir.0.join("db/app.db").exists(), "{}", text(&out));
    let missing = migrate(&dir.0, &["status", "--config", "nowhere/prisma.config.ts"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        text(&missing).contains("nowhere/prisma.config.ts"),
        "{}",
        text(&missing)
    );
}
