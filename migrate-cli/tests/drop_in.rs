//! A Prisma project's `package.json` scripts with `prisma` replaced by
//! `migrate`: Prisma's entry points and flag spellings, suggestions for a
//! mistyped command or flag, colour only where it is wanted, and the header
//! naming the schema and the database (never its password).

mod common;

use common::utf8;
use migrate_tests::harness::{DbKind, TempDir, TestDb};
use migrate_tests::per_database;
use migrate_tests::servers::ServerDatabase;
use std::path::Path;
use std::process::Output;

const SCHEMA: &str = "datasource db {\n  provider = \"sqlite\"\n  url      = env(\"DATABASE_URL\")\n}\n\nmodel User {\n  id    Int    @id @default(autoincrement())\n  email String @unique\n}\n";

/// Runs the binary piped (not a terminal), with no colour settings of the
/// caller's environment, plus `env`.
fn run(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    common::command(dir, args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .envs(env.iter().copied())
        .output()
        .unwrap()
}

/// Runs a command that must succeed and end its output (if any) with a newline.
fn ok(dir: &Path, url: &str, args: &[&str]) -> String {
    let out = run(dir, &[("DATABASE_URL", url)], args);
    let stdout = utf8(&out.stdout);
    assert!(
        out.status.success(),
        "migrate {args:?} failed:\n{stdout}{}",
        utf8(&out.stderr)
    );
    assert!(
        stdout.is_empty() || stdout.ends_with('\n'),
        "migrate {args:?} output does not end with a newline: {stdout:?}"
    );
    stdout
}

fn sqlite_project() -> (TempDir, String) {
    let dir = TempDir::new("drop-in");
    std::fs::create_dir_all(dir.0.join("prisma")).unwrap();
    std::fs::write(dir.0.join("prisma/schema.prisma"), SCHEMA).unwrap();
    let url = format!("file:{}", dir.0.join("prisma/dev.db").display());
    (dir, url)
}

#[test]
fn prisma_scripts_run_with_migrate_in_place_of_prisma() {
    let (dir, url) = sqlite_project();
    let p = &dir.0;
    let dev = ok(p, &url, &["migrate", "dev", "--name", "init", "--skip-generate"]);
    let migration = std::fs::read_dir(p.join("prisma/migrations"))
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.path().is_dir())
        .unwrap()
        .file_name()
        .into_string()
        .unwrap();
    assert!(migration.ends_with("_init"), "{migration}");
    // `dev` names the file it wrote, in Prisma's tree.
    assert!(
        dev.contains(&format!(
            "The following migration(s) have been created and applied from new schema changes:\n\nprisma/migrations/\n  └─ {migration}/\n    └─ migration.sql\n\nYour database is now in sync with your schema.\n"
        )),
        "{dev}"
    );
    let deploy = ok(p, &url, &["migrate", "deploy"]);
    assert!(
        deploy.contains("1 migration found in prisma/migrations\n\nNo pending migrations to apply.\n"),
        "{deploy}"
    );
    let status = ok(p, &url, &["migrate", "status", "--schema", "prisma/schema.prisma"]);
    assert!(status.contains("Database schema is up to date!"), "{status}");
    let push = ok(p, &url, &["db", "push", "--skip-generate"]);
    assert!(push.contains("already in sync"), "{push}");
    let reset = ok(p, &url, &["db", "push", "--force-reset", "--skip-generate"]);
    let said = format!(
        "The SQLite database \"dev.db\" at \"{url}\" was successfully reset.\n\nYour database is now in sync with your schema.\n"
    );
    assert!(reset.ends_with(&said), "{reset}");
    // Output meant for a pipe has no header.
    let script = ok(
        p,
        &url,
        &[
            "migrate",
            "diff",
            "--from-empty",
            "--to-schema-datamodel",
            "prisma/schema.prisma",
            "--script",
        ],
    );
    assert!(script.starts_with("-- CreateTable\nCREATE TABLE \"User\""), "{script}");
    let written = ok(
        p,
        &url,
        &[
            "migrate",
            "diff",
            "--from-empty",
            "--to-schema-datamodel=prisma/schema.prisma",
            "--script",
            "-o",
            "out.sql",
        ],
    );
    assert_eq!(written, "");
    assert_eq!(std::fs::read_to_string(p.join("out.sql")).unwrap(), script);
    let pulled = ok(p, &url, &["db", "pull", "--print", "--force"]);
    assert!(pulled.starts_with("datasource db {"), "{pulled}");
    let reset = ok(
        p,
        &url,
        &["migrate", "reset", "--force", "--skip-generate", "--skip-seed"],
    );
    assert!(reset.contains("Database reset successful"), "{reset}");
    let seed = ok(p, &url, &["db", "seed"]);
    assert!(seed.contains("No seed command configured"), "{seed}");
    let out = run(
        p,
        &[("DATABASE_URL", &url)],
        &["migrate", "resolve", "--applied", &migration],
    );
    // Applied already: refused, with the header first and one error.
    assert_eq!(out.status.code(), Some(1), "{}", utf8(&out.stderr));
    assert!(utf8(&out.stdout).starts_with("Prisma schema loaded from prisma/schema.prisma\n"));
}

/// `dev --create-only` writes a migration that cannot run on the rows the
/// database has (a required column without a default) for the user to
/// edit, and says so on the console as Prisma does, beside the data it
/// would lose.
#[test]
fn create_only_names_the_steps_that_cannot_run_on_the_rows() {
    let (dir, url) = sqlite_project();
    ok(&dir.0, &url, &["migrate", "dev", "--name", "init"]);
    std::fs::write(
        dir.0.join("row.sql"),
        "INSERT INTO \"User\" (\"email\") VALUES ('a@b.c');",
    )
    .unwrap();
    ok(&dir.0, &url, &["db", "execute", "--file", "row.sql", "--url", &url]);
    let changed = SCHEMA.replace("  email String @unique\n", "  nick  String\n");
    std::fs::write(dir.0.join("prisma/schema.prisma"), changed).unwrap();
    let out = run(
        &dir.0,
        &[("DATABASE_URL", &url)],
        &["migrate", "dev", "--name", "nick", "--create-only"],
    );
    assert!(out.status.success(), "{}", utf8(&out.stderr));
    let said = utf8(&out.stderr);
    let cannot = said.find("We found changes that cannot be executed:").expect(&said);
    let losing = said.find("Warnings for the current datasource:").expect(&said);
    assert!(cannot < losing, "{said}");
    assert!(
        said.contains("Added the required column `nick` to the `User` table without a default value."),
        "{said}"
    );
    assert!(said.contains("(The table has 1 row(s).)"), "{said}");
}

#[test]
fn dev_that_only_applies_pending_migrations_says_so_once() {
    let (dir, url) = sqlite_project();
    ok(&dir.0, &url, &["migrate", "dev", "--name", "init", "--create-only"]);
    let dev = ok(&dir.0, &url, &["migrate", "dev"]);
    assert!(dev.contains("The following migration(s) have been applied:"), "{dev}");
    assert!(dev.contains("Your database is now in sync with your schema."), "{dev}");
    assert!(!dev.contains("Already in sync"), "{dev}");
    let again = ok(&dir.0, &url, &["migrate", "dev"]);
    assert!(
        again.ends_with("\n\nAlready in sync, no schema change or pending migration was found.\n"),
        "{again}"
    );
}

#[test]
fn mistyped_commands_and_flags_get_a_suggestion() {
    let dir = TempDir::new("drop-in-typo");
    for (args, suggestion) in [
        (&["depoly"][..], "similar subcommand exists: 'deploy'"),
        (&["migrate", "stauts"][..], "similar subcommand exists: 'status'"),
        (&["db", "psuh"][..], "similar subcommand exists: 'push'"),
        (
            &["migrate", "dev", "--nmae", "x"][..],
            "similar argument exists: '--name'",
        ),
        (
            &["db", "push", "--accept-data-los"][..],
            "similar argument exists: '--accept-data-loss'",
        ),
    ] {
        let out = run(&dir.0, &[], args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            utf8(&out.stderr).contains(suggestion),
            "{args:?}: {}",
            utf8(&out.stderr)
        );
    }
}

#[test]
fn colour_only_where_it_is_wanted() {
    let (dir, url) = sqlite_project();
    let styled = |env: &[(&str, &str)], args: &[&str]| {
        let mut all = vec![("DATABASE_URL", url.as_str())];
        all.extend_from_slice(env);
        let out = run(&dir.0, &all, args);
        let both = format!("{}{}", utf8(&out.stdout), utf8(&out.stderr));
        both.contains('\u{1b}')
    };
    let cases: [&[&str]; 3] = [
        &["migrate", "deploy"],
        &["migrate", "status", "--schema", "nowhere.prisma"],
        &["--help"],
    ];
    for args in cases {
        // Piped: plain.
        assert!(!styled(&[], args), "{args:?} is styled when piped");
        // Asked for (as a terminal would get it): styled, so the plain
        // output above is a choice, not a lack of styles.
        assert!(styled(&[("CLICOLOR_FORCE", "1")], args), "{args:?} is never styled");
        // NO_COLOR wins.
        assert!(
            !styled(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")], args),
            "{args:?} is styled under NO_COLOR"
        );
    }
}

/// A URL for the test's database with a password in it, and the password.
/// PostgreSQL: the test server trusts local connections, so a password
/// added to a URL without one is accepted. MySQL checks it: a user with a
/// password is made for the test, dropped when the guard is.
fn with_password(db: &mut ServerDatabase, kind: DbKind) -> (String, String, Option<UserGuard>) {
    let url = db.url.clone();
    let (scheme, rest) = url.split_once("://").unwrap();
    let (userinfo, host) = rest.split_once('@').unwrap_or(("", rest));
    if let Some((_, password)) = userinfo.split_once(':') {
        return (url.clone(), password.to_string(), None);
    }
    let password = "Sup3r-s3cret-pw";
    match kind {
        DbKind::Mysql => {
            let user = format!("migrate_hdr_{}", std::process::id());
            db.admin_execute(&format!(
                "CREATE USER IF NOT EXISTS '{user}'@'%' IDENTIFIED BY '{password}'; GRANT ALL ON *.* TO '{user}'@'%'"
            ))
            .unwrap();
            let url = format!("{scheme}://{user}:{password}@{host}");
            (url, password.into(), Some(UserGuard(user)))
        }
        _ => {
            let user = if userinfo.is_empty() { "postgres" } else { userinfo };
            (format!("{scheme}://{user}:{password}@{host}"), password.into(), None)
        }
    }
}

/// A MySQL user made for one test, dropped at its end.
struct UserGuard(String);

impl Drop for UserGuard {
    fn drop(&mut self) {
        let mut db = ServerDatabase::mysql_absent();
        let _ = db.admin_execute(&format!("DROP USER IF EXISTS '{}'@'%'", self.0));
    }
}

/// `host:port` of a server URL, the port defaulted as the drivers do.
fn location(url: &str, default_port: u16) -> String {
    let rest = url.split_once("://").unwrap().1;
    let authority = rest.split(['/', '?']).next().unwrap();
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    match host.rsplit_once(':') {
        Some(_) => host.to_string(),
        None => format!("{host}:{default_port}"),
    }
}

async fn header_names_the_database_without_its_password(kind: DbKind) {
    let dir = TempDir::new("drop-in-header");
    std::fs::create_dir_all(dir.0.join("prisma")).unwrap();
    let schema = SCHEMA.replace("\"sqlite\"", &format!("\"{}\"", kind.provider()));
    std::fs::write(dir.0.join("prisma/schema.prisma"), schema).unwrap();
    let sqlite;
    let mut server;
    let (url, password, _user) = match kind {
        DbKind::Sqlite => {
            sqlite = TestDb::new(kind);
            (sqlite.url.clone(), String::new(), None)
        }
        DbKind::Postgres => {
            server = ServerDatabase::postgres();
            with_password(&mut server, kind)
        }
        DbKind::Mysql => {
            server = ServerDatabase::mysql();
            with_password(&mut server, kind)
        }
    };
    let name = url.rsplit('/').next().unwrap().split('?').next().unwrap();
    let expected = match kind {
        DbKind::Sqlite => format!("Datasource \"db\": SQLite database \"test.db\" at \"{url}\""),
        DbKind::Postgres => format!(
            "Datasource \"db\": PostgreSQL database \"{name}\", schema \"public\" at \"{}\"",
            location(&url, 5432)
        ),
        DbKind::Mysql => format!(
            "Datasource \"db\": MySQL database \"{name}\" at \"{}\"",
            location(&url, 3306)
        ),
    };
    // Every database command starts with it; the ones meant for a pipe do not.
    for args in [
        &["migrate", "deploy"][..],
        &["migrate", "status"][..],
        &["migrate", "dev", "--name", "init"][..],
        &["db", "push"][..],
    ] {
        let stdout = ok(&dir.0, &url, args);
        let head = format!("Prisma schema loaded from prisma/schema.prisma\n{expected}\n\n");
        assert!(
            stdout.starts_with(&head),
            "{args:?}:\n{stdout}\nexpected to start with:\n{head}"
        );
        if !password.is_empty() {
            assert!(!stdout.contains(&password), "{args:?} shows the password:\n{stdout}");
        }
    }
    let pulled = ok(&dir.0, &url, &["db", "pull", "--print"]);
    assert!(!pulled.contains("Prisma schema loaded"), "{pulled}");
}

per_database!(header_names_the_database_without_its_password);

#[test]
fn db_seed_passes_the_arguments_after_double_dash() {
    let (dir, url) = sqlite_project();
    std::fs::write(dir.0.join("package.json"), r#"{"prisma": {"seed": "sh seed.sh"}}"#).unwrap();
    std::fs::write(dir.0.join("seed.sh"), "printf '%s|' \"$@\" > seeded.txt\n").unwrap();
    ok(&dir.0, &url, &["db", "seed", "--", "--count", "10 rows"]);
    assert_eq!(
        std::fs::read_to_string(dir.0.join("seeded.txt")).unwrap(),
        "--count|10 rows|"
    );
    ok(&dir.0, &url, &["db", "seed"]);
    assert_eq!(std::fs::read_to_string(dir.0.join("seeded.txt")).unwrap(), "|");
    // Prisma's `db seed --schema`, as a package.json script may pass it.
    ok(
        &dir.0,
        &url,
        &["db", "seed", "--schema", "prisma/schema.prisma", "--", "again"],
    );
    assert_eq!(std::fs::read_to_string(dir.0.join("seeded.txt")).unwrap(), "again|");
}

/// A schema with errors Prisma's validator reports in what `deploy` does
/// not read (an `@ignore` on an `Unsupported` field, `extensions` on SQLite)
/// still deploys, as with Prisma 6.19.3, whose `deploy`, `status` and
/// `resolve` read only the datasource: the errors are printed as warnings. `dev` still refuses the schema, and
/// an error in the datasource still stops `deploy`.
#[test]
fn deploy_goes_on_past_errors_in_what_it_does_not_read() {
    let dir = TempDir::new("deploy-model-errors");
    let url = format!("file:{}", dir.0.join("dev.db").display());
    let schema = SCHEMA
        .replace(
            "  email String @unique\n",
            "  email String @unique\n  skip  Unsupported(\"circle\")? @ignore\n",
        )
        .replace(
            "  url      = env(\"DATABASE_URL\")\n",
            "  url      = env(\"DATABASE_URL\")\n  extensions = [citext]\n",
        );
    common::write(&dir.0, "prisma/schema.prisma", &schema);
    common::write(
        &dir.0,
        "prisma/migrations/migration_lock.toml",
        "provider = \"sqlite\"\n",
    );
    common::write(
        &dir.0,
        "prisma/migrations/1_init/migration.sql",
        "CREATE TABLE \"User\" (\"id\" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, \"email\" TEXT NOT NULL, \"skip\" circle);\n",
    );
    let env = [("DATABASE_URL", url.as_str())];
    let deploy = run(&dir.0, &env, &["deploy"]);
    let stderr = utf8(&deploy.stderr);
    assert!(deploy.status.success(), "{stderr}");
    assert!(
        stderr.contains("schema.prisma:10:33: warning: Fields of type `Unsupported` cannot take an `@ignore`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: `extensions` are only supported on PostgreSQL."),
        "{stderr}"
    );
    assert!(
        stderr.contains("The schema has errors in parts this command does not read"),
        "{stderr}"
    );
    assert!(utf8(&deploy.stdout).contains("All migrations have been successfully applied."));
    let status = run(&dir.0, &env, &["status"]);
    assert!(status.status.success(), "{}", utf8(&status.stderr));
    assert!(utf8(&status.stdout).contains("Database schema is up to date!"));

    let dev = run(&dir.0, &env, &["dev", "--name", "next"]);
    assert_eq!(dev.status.code(), Some(1));
    assert!(utf8(&dev.stderr).contains("error: Fields of type `Unsupported` cannot take an `@ignore`"));

    common::write(
        &dir.0,
        "prisma/schema.prisma",
        &schema.replace("\"sqlite\"", "\"nosql\""),
    );
    let deploy = run(&dir.0, &env, &["deploy"]);
    assert_eq!(deploy.status.code(), Some(1), "{}", utf8(&deploy.stderr));

    // A file that does not parse stops it (Prisma's CLI refuses it too), and
    // so does a schema without a datasource, with a message that says so.
    common::write(
        &dir.0,
        "prisma/schema.prisma",
        &format!("{schema}model Post {{\n  id Int @id\n"),
    );
    let deploy = run(&dir.0, &env, &["deploy"]);
    assert_eq!(deploy.status.code(), Some(1), "{}", utf8(&deploy.stderr));
    assert!(
        utf8(&deploy.stderr).contains("error: This block is missing its closing `}`."),
        "{}",
        utf8(&deploy.stderr)
    );
    common::write(&dir.0, "prisma/schema.prisma", "model Post {\n  id Int @id\n}\n");
    let deploy = run(&dir.0, &env, &["deploy", "--url", &url]);
    assert_eq!(deploy.status.code(), Some(1), "{}", utf8(&deploy.stderr));
    assert!(
        utf8(&deploy.stderr).contains("has no datasource block"),
        "{}",
        utf8(&deploy.stderr)
    );
}
