//! No credential in any output. A marker password goes into every input path
//! a URL has (the `--url` flag, the environment, a `.env` file, a string in
//! the schema, `shadowDatabaseUrl`, `diff`'s URL flags) inside URLs that fail
//! in every way a URL can fail (it does not parse, an unknown scheme with a
//! `password=` parameter, a value that is not a URL, no host, no database, a
//! refused connection, a real server's refusal, TLS the server does not
//! offer, a schema error on the datasource's line), through every command,
//! with `RUST_LOG=trace`. The marker never appears on stdout or stderr.
//! Case: input-04-password-in-unknown-url.

mod common;

use common::utf8;
use migrate_tests::harness::TempDir;
use std::path::Path;

/// The marker, raw and as it reads percent-encoded in a URL.
const MARKER: &str = "Mk7@Zq9-secret";
const ENCODED: &str = "Mk7%40Zq9-secret";

/// URLs that fail, each with the marker as its password.
/// `real_database`: the database the URLs for the real server name (on
/// PostgreSQL one the test drops afterwards: under trust authentication a
/// wrong password still gets in, and `deploy` creates it); `None` leaves
/// the real servers out (a run that does not cover this database).
fn failing_urls(provider: &str, real_database: Option<&str>) -> Vec<String> {
    let scheme = if provider == "mysql" { "mysql" } else { "postgresql" };
    let mut urls = vec![
        format!("{scheme}://someone:{ENCODED}@127.0.0.1:1/app?connect_timeout=2"),
        format!("{scheme}://someone:{ENCODED}@/app"),
        format!("{scheme}://someone:{ENCODED}@127.0.0.1:1"),
        format!("{scheme}://someone:{ENCODED}@127.0.0.1:notaport/app"),
        format!("{scheme}://someone:{ENCODED}/app"),
        format!("{scheme}://someone:{MARKER}@127.0.0.1:1/app"),
        format!("sqlserver://localhost:1433;database=x;user=sa;password={MARKER};encrypt=true"),
        format!("not a url at all {MARKER}"),
        format!("{scheme}://u?password={MARKER}&pwd={MARKER}"),
    ];
    // Real servers: a wrong password, and TLS where none is offered (or a
    // certificate no root signs).
    let Some(database) = real_database else { return urls };
    urls.push(match provider {
        "mysql" => format!("mysql://root:{ENCODED}@127.0.0.1:3306/{database}?connect_timeout=3"),
        _ => format!("postgresql://postgres:{ENCODED}@127.0.0.1:5432/{database}?connect_timeout=3"),
    });
    urls.push(match provider {
        "mysql" => format!("mysql://root:{ENCODED}@127.0.0.1:3306/app?sslmode=require&connect_timeout=3"),
        _ => format!("postgresql://postgres:{ENCODED}@127.0.0.1:5432/postgres?sslmode=verify-full&connect_timeout=3"),
    });
    urls
}

/// Every command that reads a schema or talks to a database.
const COMMANDS: &[&[&str]] = &[
    &["validate"],
    &["format", "--check"],
    &["status"],
    &["deploy"],
    &["dev", "--name", "x"],
    &["dev", "--name", "x", "--create-only"],
    &["reset", "--force"],
    &["resolve", "--applied", "20240101000000_init"],
    &["resolve", "--rolled-back", "20240101000000_init"],
    &["db", "push"],
    &["db", "push", "--force-reset"],
    &["db", "pull", "--print"],
    &["db", "pull"],
    &["db", "execute", "--file", "fix.sql"],
];

/// How the URL reaches the command.
#[derive(Debug, Clone, Copy)]
enum Path_ {
    Flag,
    Env,
    DotEnv,
    SchemaLiteral,
    ShadowLiteral,
}

fn schema(provider: &str, url: &str, path: Path_) -> String {
    let (url_line, shadow_line) = match path {
        Path_::SchemaLiteral => (format!("  url      = \"{}\"", url.replace('"', "\\\"")), String::new()),
        Path_::ShadowLiteral => (
            "  url      = env(\"DATABASE_URL\")".to_string(),
            format!("\n  shadowDatabaseUrl = \"{}\"", url.replace('"', "\\\"")),
        ),
        _ => ("  url      = env(\"DATABASE_URL\")".to_string(), String::new()),
    };
    format!(
        "datasource db {{\n  provider = \"{provider}\"\n{url_line}{shadow_line}\n}}\n\nmodel User {{\n  id    Int    @id\n  email String @unique\n}}\n"
    )
}

fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (String, String) {
    let out = common::command(dir, args)
        .env("RUST_LOG", "trace")
        .env("RUST_BACKTRACE", "1")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    (utf8(&out.stdout), utf8(&out.stderr))
}

fn assert_no_marker(stdout: &str, stderr: &str, what: &str) {
    for shown in [stdout, stderr] {
        for secret in [MARKER, ENCODED, "Zq9-secret"] {
            assert!(
                !shown.contains(secret),
                "{what}: `{secret}` is shown:\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
            );
        }
    }
}

fn project(provider: &str, url: &str, path: Path_) -> TempDir {
    let dir = TempDir::new("credentials");
    std::fs::write(dir.0.join("schema.prisma"), schema(provider, url, path)).unwrap();
    std::fs::create_dir_all(dir.0.join("migrations/20240101000000_init")).unwrap();
    std::fs::write(
        dir.0.join("migrations/20240101000000_init/migration.sql"),
        "SELECT 1;\n",
    )
    .unwrap();
    std::fs::write(dir.0.join("fix.sql"), "SELECT 1;\n").unwrap();
    if let Path_::DotEnv = path {
        std::fs::write(dir.0.join(".env"), format!("DATABASE_URL=\"{url}\"\n")).unwrap();
    }
    dir
}

fn every_command_every_path(provider: &str) {
    // A working database for the cases where the marker is only in the
    // shadow URL (the main one must connect for the shadow one to be used).
    // A server-less run (`MIGRATE_TEST_DATABASES=sqlite`) checks every other path.
    let kind = match provider {
        "mysql" => migrate_tests::harness::DbKind::Mysql,
        _ => migrate_tests::harness::DbKind::Postgres,
    };
    let main = migrate_tests::harness::TestDb::if_selected(kind);
    // On PostgreSQL, a database dropped when the test ends, if a command created it.
    let absent = (kind == migrate_tests::harness::DbKind::Postgres && main.is_some())
        .then(migrate_tests::servers::ServerDatabase::postgres_absent);
    let real_database = main
        .as_ref()
        .map(|_| absent.as_ref().map_or("app".to_string(), |a| a.name().to_string()));
    for url in failing_urls(provider, real_database.as_deref()) {
        for path in [
            Path_::Flag,
            Path_::Env,
            Path_::DotEnv,
            Path_::SchemaLiteral,
            Path_::ShadowLiteral,
        ] {
            let dir = project(provider, &url, path);
            for args in COMMANDS {
                let mut args: Vec<&str> = args.to_vec();
                let mut env = Vec::new();
                match path {
                    Path_::Flag => args.extend(["--url", url.as_str()]),
                    Path_::Env => env.push(("DATABASE_URL", url.as_str())),
                    Path_::ShadowLiteral => match &main {
                        Some(main) => env.push(("DATABASE_URL", main.url.as_str())),
                        None => continue,
                    },
                    Path_::DotEnv | Path_::SchemaLiteral => {}
                }
                if matches!(path, Path_::Flag) && matches!(args[0], "validate" | "format") {
                    continue;
                }
                let (stdout, stderr) = run(&dir.0, &args, &env);
                assert_no_marker(&stdout, &stderr, &format!("{} via {path:?} with {url}", args.join(" ")));
            }
        }
        // `diff`'s own URL flags.
        let dir = TempDir::new("credentials-diff");
        for args in [
            vec!["diff", "--from-url", url.as_str(), "--to-empty", "--script"],
            vec!["diff", "--from-empty", "--to-url", url.as_str()],
            vec![
                "diff",
                "--from-migrations",
                "m",
                "--to-empty",
                "--shadow-database-url",
                url.as_str(),
            ],
        ] {
            std::fs::create_dir_all(dir.0.join("m")).unwrap();
            std::fs::write(
                dir.0.join("m/migration_lock.toml"),
                format!(
                    "provider = \"{}\"\n",
                    if provider == "mysql" { "mysql" } else { "postgresql" }
                ),
            )
            .unwrap();
            let (stdout, stderr) = run(&dir.0, &args, &[]);
            assert_no_marker(&stdout, &stderr, &args.join(" "));
        }
    }
}

#[test]
fn no_postgres_credential_is_ever_shown() {
    every_command_every_path("postgresql");
}

#[test]
fn no_mysql_credential_is_ever_shown() {
    every_command_every_path("mysql");
}

/// A schema error on the datasource's line shows that line with the
/// password masked; the error is still located.
#[test]
fn the_datasource_line_of_a_schema_error_is_masked() {
    let dir = TempDir::new("credentials-snippet");
    let text = format!(
        "datasource db {{\n  provider = \"postgresql\"\n  url      = \"postgresql://u:{ENCODED}@h:5432/db\" oops\n}}\n"
    );
    std::fs::write(dir.0.join("schema.prisma"), text).unwrap();
    let (stdout, stderr) = run(&dir.0, &["validate"], &[]);
    assert_no_marker(&stdout, &stderr, "validate");
    assert!(stderr.contains("schema.prisma:3:"), "{stderr}");
    assert!(stderr.contains("postgresql://u:****************@h:5432/db"), "{stderr}");
}

/// input-04 as written: the scheme is named, nothing else of the value.
#[test]
fn an_unknown_url_is_named_by_its_scheme_only() {
    let dir = TempDir::new("credentials-case");
    std::fs::write(dir.0.join("schema.prisma"), schema("postgresql", "", Path_::Env)).unwrap();
    let url = "sqlserver://localhost:1433;database=x;user=sa;password=Secr3t-PW;encrypt=true";
    let (stdout, stderr) = run(&dir.0, &["status", "--url", url], &[]);
    assert!(stderr.contains("`sqlserver:`"), "{stderr}");
    assert!(
        !stderr.contains("Secr3t-PW") && !stdout.contains("Secr3t-PW"),
        "{stderr}"
    );
    let (stdout, stderr) = run(&dir.0, &["status"], &[("DATABASE_URL", "not a url at all Secr3t-PW")]);
    assert!(stderr.contains("is not a URL"), "{stderr}");
    assert!(
        !stderr.contains("Secr3t-PW") && !stdout.contains("Secr3t-PW"),
        "{stderr}"
    );
}
