//! A database the URL names but the server lacks: `dev`, `deploy`,
//! `db push` and `reset` create it and say so, as Prisma does (Prisma 6.19:
//! `PostgreSQL database app created at 127.0.0.1:5432`); a user who may not
//! create it gets one line saying so; every other command stops with an
//! error naming it and creates nothing.

mod common;

use common::{migrate_on, utf8};
use migrate_tests::harness::{DbKind, TempDir};
use migrate_tests::servers::ServerDatabase;

/// A project with one migration, for `kind`'s provider.
fn project(kind: DbKind) -> TempDir {
    let dir = TempDir::new("create-db");
    let schema = format!(
        "datasource db {{\n  provider = \"{}\"\n  url      = env(\"DATABASE_URL\")\n}}\n\nmodel User {{\n  id Int @id\n}}\n",
        kind.provider()
    );
    std::fs::create_dir_all(dir.0.join("prisma/migrations/20240101000000_init")).unwrap();
    std::fs::write(dir.0.join("prisma/schema.prisma"), schema).unwrap();
    let quote = if kind == DbKind::Mysql { '`' } else { '"' };
    std::fs::write(
        dir.0.join("prisma/migrations/20240101000000_init/migration.sql"),
        format!(
            "CREATE TABLE {quote}User{quote} ({quote}id{quote} INTEGER NOT NULL, PRIMARY KEY ({quote}id{quote}));\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.0.join("prisma/migrations/migration_lock.toml"),
        format!("provider = \"{}\"\n", kind.provider()),
    )
    .unwrap();
    dir
}

fn absent(kind: DbKind) -> ServerDatabase {
    match kind {
        DbKind::Postgres => ServerDatabase::postgres_absent(),
        DbKind::Mysql => ServerDatabase::mysql_absent(),
        DbKind::Sqlite => unreachable!("SQLite has no server"),
    }
}

fn display_name(kind: DbKind) -> &'static str {
    match kind {
        DbKind::Postgres => "PostgreSQL",
        DbKind::Mysql => "MySQL",
        DbKind::Sqlite => "SQLite",
    }
}

fn created_by_the_commands_that_create(kind: DbKind) {
    for args in [
        &["migrate", "deploy"][..],
        &["migrate", "dev", "--name", "init"][..],
        &["db", "push"][..],
        &["migrate", "reset", "--force"][..],
    ] {
        let mut db = absent(kind);
        let p = project(kind);
        let out = migrate_on(&p.0, &db.url, args);
        let stdout = utf8(&out.stdout);
        assert!(out.status.success(), "{args:?}: {stdout}{}", utf8(&out.stderr));
        let line = format!("{} database {} created at ", display_name(kind), db.name());
        assert!(stdout.contains(&line), "{args:?}:\n{stdout}");
        assert!(db.exists(), "{args:?} said it created the database, but there is none");
        // Once: the next run finds it.
        let again = migrate_on(&p.0, &db.url, args);
        assert!(again.status.success(), "{args:?}: {}", utf8(&again.stderr));
        assert!(!utf8(&again.stdout).contains("created at"), "{}", utf8(&again.stdout));
    }
}

fn not_created_by_the_other_commands(kind: DbKind) {
    let mut db = absent(kind);
    let p = project(kind);
    let url = db.url.clone();
    let commands: [&[&str]; 6] = [
        &["migrate", "status"],
        &["migrate", "resolve", "--applied", "20240101000000_init"],
        &["db", "pull", "--print"],
        &["db", "execute", "--stdin", "--url", &url],
        &["db", "execute", "--stdin", "--schema", "prisma/schema.prisma"],
        &["migrate", "diff", "--from-url", &url, "--to-empty"],
    ];
    for args in commands {
        let out = migrate_on(&p.0, &url, args);
        let stderr = utf8(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}{stderr}", utf8(&out.stdout));
        let named = format!("P1003: Database `{}` does not exist at ", db.name());
        assert!(stderr.contains(&named), "{args:?}: {stderr}");
        assert!(!db.exists(), "{args:?} created the database");
    }
}

#[test]
fn postgres_database_is_created_by_deploy_dev_push_and_reset() {
    if DbKind::Postgres.selected() {
        created_by_the_commands_that_create(DbKind::Postgres);
    }
}

#[test]
fn mysql_database_is_created_by_deploy_dev_push_and_reset() {
    if DbKind::Mysql.selected() {
        created_by_the_commands_that_create(DbKind::Mysql);
    }
}

#[test]
fn postgres_database_is_not_created_by_status_resolve_pull_execute_diff() {
    if DbKind::Postgres.selected() {
        not_created_by_the_other_commands(DbKind::Postgres);
    }
}

#[test]
fn mysql_database_is_not_created_by_status_resolve_pull_execute_diff() {
    if DbKind::Mysql.selected() {
        not_created_by_the_other_commands(DbKind::Mysql);
    }
}

/// A PostgreSQL role made for one test, dropped at its end.
struct Role(String);

impl Drop for Role {
    fn drop(&mut self) {
        let mut admin = ServerDatabase::postgres_absent();
        let _ = admin.admin_execute(&format!("DROP ROLE IF EXISTS \"{}\"", self.0));
    }
}

#[test]
fn a_postgres_role_without_createdb_gets_one_line() {
    if !DbKind::Postgres.selected() {
        return;
    }
    let mut db = absent(DbKind::Postgres);
    let role = Role(format!("migrate_nocreatedb_{}", std::process::id()));
    let password = "n0-Createdb-pw";
    db.admin_execute(&format!(
        "CREATE ROLE \"{}\" LOGIN PASSWORD '{password}' NOCREATEDB",
        role.0
    ))
    .unwrap();
    let (scheme, rest) = db.url.split_once("://").unwrap();
    let host = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
    let url = format!("{scheme}://{}:{password}@{host}", role.0);
    let p = project(DbKind::Postgres);
    let out = migrate_on(&p.0, &url, &["migrate", "deploy"]);
    let stderr = utf8(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{}{stderr}", utf8(&out.stdout));
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    let expected = format!(
        "Error: Database `{}` does not exist on the database server at ",
        db.name()
    );
    assert!(stderr.starts_with(&expected), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "and the user `{}` may not create it: permission denied to create database.",
            role.0
        )),
        "{stderr}"
    );
    assert!(stderr.contains("CREATEDB"), "{stderr}");
    assert!(!stderr.contains(password) && !utf8(&out.stdout).contains(password));
    assert!(!db.exists());
}

#[test]
fn a_sqlite_file_is_created_by_deploy_and_not_by_status() {
    let p = project(DbKind::Sqlite);
    let url = "file:./dev.db";
    let status = migrate_on(&p.0, url, &["migrate", "status"]);
    assert_eq!(status.status.code(), Some(1));
    assert!(
        utf8(&status.stderr).contains("P1003: Database `dev.db` does not exist at `prisma/dev.db`."),
        "{}",
        utf8(&status.stderr)
    );
    assert!(!p.0.join("prisma/dev.db").exists());
    let deploy = migrate_on(&p.0, url, &["migrate", "deploy"]);
    assert!(deploy.status.success(), "{}", utf8(&deploy.stderr));
    assert!(
        utf8(&deploy.stdout).contains("\nSQLite database dev.db created at file:./dev.db\n"),
        "{}",
        utf8(&deploy.stdout)
    );
    assert!(p.0.join("prisma/dev.db").exists());
}
