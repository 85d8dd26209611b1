//! The binary against every database, each test on a fresh database from
//! the harness (PostgreSQL and MySQL/MariaDB from `MIGRATE_TEST_*_URL` or
//! the local servers; a selected server that does not answer fails).

mod common;

use common::{assert_no_drift, migrate_on, utf8};
use migrate_tests::harness::{DbKind, TempDir, TestDb};
use migrate_tests::per_database;
use std::process::Stdio;

/// A PostgreSQL test database made by `sql`, and a project on it; `None`
/// when the run leaves PostgreSQL out.
async fn postgres_project_with(sql: &str) -> Option<(TestDb, TempDir)> {
    let kind = DbKind::Postgres;
    if !kind.selected() {
        return None;
    }
    let db = TestDb::new(kind);
    db.driver().await.apply_script(sql).await.unwrap();
    Some((db, project(kind)))
}

fn project(kind: DbKind) -> TempDir {
    let dir = TempDir::new("server-project");
    std::fs::create_dir_all(dir.0.join("prisma")).unwrap();
    let schema = format!(
        "datasource db {{\n  provider = \"{}\"\n  url      = env(\"DATABASE_URL\")\n}}\n\nmodel User {{\n  id    Int    @id @default(autoincrement())\n  email String @unique\n}}\n",
        kind.provider()
    );
    std::fs::write(dir.0.join("prisma/schema.prisma"), schema).unwrap();
    dir
}

async fn dev_status_diff_pull(kind: DbKind) {
    let db = TestDb::new(kind);
    let p = project(kind);
    let out = migrate_on(&p.0, &db.url, &["dev", "--name", "init"]);
    assert!(out.status.success(), "{}", utf8(&out.stderr));
    let migration = std::fs::read_dir(p.0.join("prisma/migrations"))
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.path().is_dir())
        .unwrap();
    let sql = std::fs::read_to_string(migration.path().join("migration.sql")).unwrap();
    let autoincrement = match kind {
        DbKind::Sqlite => "\"id\" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT",
        DbKind::Postgres => "\"id\" SERIAL NOT NULL",
        DbKind::Mysql => "`id` INTEGER NOT NULL AUTO_INCREMENT",
    };
    assert!(sql.contains(autoincrement), "{sql}");
    let lock = std::fs::read_to_string(p.0.join("prisma/migrations/migration_lock.toml")).unwrap();
    assert!(lock.contains(&format!("provider = \"{}\"", kind.provider())), "{lock}");
    let status = migrate_on(&p.0, &db.url, &["status"]);
    assert!(
        utf8(&status.stdout).contains("Database schema is up to date!"),
        "{}",
        utf8(&status.stderr)
    );
    assert_no_drift(&p.0, &db.url, "prisma/schema.prisma");
    let pull = migrate_on(&p.0, &db.url, &["db", "pull", "--print"]);
    assert!(utf8(&pull.stdout).contains("model User"), "{}", utf8(&pull.stderr));
}

/// A table that references a table of another PostgreSQL schema: `db pull`
/// refuses, names the key and writes nothing (the pulled file would lack
/// the key, and the next migration would drop it), as Prisma does (P4002).
#[tokio::test]
async fn pull_refuses_a_foreign_key_to_another_schema() {
    let Some((db, p)) = postgres_project_with(
        "CREATE SCHEMA other;\n\
             CREATE TABLE other.tenant (id INTEGER PRIMARY KEY);\n\
             CREATE TABLE account (id INTEGER PRIMARY KEY, tenant_id INTEGER REFERENCES other.tenant (id));",
    )
    .await
    else {
        return;
    };
    let before = std::fs::read_to_string(p.0.join("prisma/schema.prisma")).unwrap();
    let pull = migrate_on(&p.0, &db.url, &["db", "pull"]);
    let stderr = utf8(&pull.stderr);
    assert_eq!(pull.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("`account_tenant_id_fkey` of table `account` references `other.tenant`"),
        "{stderr}"
    );
    let after = std::fs::read_to_string(p.0.join("prisma/schema.prisma")).unwrap();
    assert_eq!(after, before, "nothing written");

    // With both schemas listed (multiSchema), the pull writes the key as a
    // relation across them, and the file diffs to nothing.
    let listed = "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n  schemas  = [\"public\", \"other\"]\n}\n";
    std::fs::write(p.0.join("prisma/schema.prisma"), listed).unwrap();
    let pull = migrate_on(&p.0, &db.url, &["db", "pull"]);
    assert!(pull.status.success(), "{}", utf8(&pull.stderr));
    let pulled = std::fs::read_to_string(p.0.join("prisma/schema.prisma")).unwrap();
    assert!(pulled.contains("schemas  = [\"other\", \"public\"]"), "{pulled}");
    assert!(
        pulled.contains("@relation(fields: [tenant_id], references: [id]"),
        "{pulled}"
    );
    assert!(pulled.contains("  @@schema(\"other\")\n}"), "{pulled}");
    let drift = migrate_on(
        &p.0,
        &db.url,
        &[
            "diff",
            "--from-schema-datasource",
            "prisma/schema.prisma",
            "--to-schema-datamodel",
            "prisma/schema.prisma",
            "--exit-code",
        ],
    );
    assert_eq!(
        drift.status.code(),
        Some(0),
        "{}{}",
        utf8(&drift.stdout),
        utf8(&drift.stderr)
    );
}

/// An array of a type the schema language lacks (`circle[]`) is pulled as
/// Prisma 6.19.3 pulls it, by the array type's name
/// (`Unsupported("_circle")[]`); that validates and diffs to nothing, as does
/// a hand-written schema that names the element (`Unsupported("circle")[]`).
#[tokio::test]
async fn arrays_of_unsupported_types_round_trip_on_postgres() {
    let Some((db, p)) =
        postgres_project_with("CREATE TABLE shapes (id INTEGER PRIMARY KEY, rings circle[], spots point[] NOT NULL)")
            .await
    else {
        return;
    };
    let pull = migrate_on(&p.0, &db.url, &["db", "pull"]);
    assert!(pull.status.success(), "{}", utf8(&pull.stderr));
    let path = p.0.join("prisma/schema.prisma");
    let pulled = std::fs::read_to_string(&path).unwrap();
    assert!(pulled.contains(r#"Unsupported("_circle")[]"#), "{pulled}");
    let by_element = pulled.replace(r#"Unsupported("_circle")"#, r#"Unsupported("circle")"#);
    for schema in [pulled, by_element] {
        std::fs::write(&path, &schema).unwrap();
        assert_no_drift(&p.0, &db.url, "prisma/schema.prisma");
    }
    let script = migrate_on(
        &p.0,
        &db.url,
        &[
            "diff",
            "--from-empty",
            "--to-schema",
            "prisma/schema.prisma",
            "--script",
        ],
    );
    let sql = utf8(&script.stdout);
    assert!(
        sql.contains("\"rings\" circle[]") && sql.contains("\"spots\" point[]"),
        "{sql}"
    );
    let fresh = TestDb::new(DbKind::Postgres);
    let mut fresh_driver = fresh.driver().await;
    fresh_driver.apply_script(&sql).await.unwrap();
}

/// A schema Prisma 6.19.3 pulled names `Unsupported` types without their
/// modifiers (`Unsupported("interval")` for `interval(3)`); as in Prisma, no
/// two `Unsupported` types are compared, so that is no drift.
#[tokio::test]
async fn unsupported_types_written_otherwise_are_no_drift_on_postgres() {
    let Some((db, p)) =
        postgres_project_with("CREATE TABLE spans (id INTEGER PRIMARY KEY, took interval(3), area circle)").await
    else {
        return;
    };
    let schema = "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n\nmodel spans {\n  id   Int                       @id\n  took Unsupported(\"interval\")?\n  area Unsupported(\"point\")?\n}\n";
    std::fs::write(p.0.join("prisma/schema.prisma"), schema).unwrap();
    assert_no_drift(&p.0, &db.url, "prisma/schema.prisma");
}

/// A shadow database URL that names the main database another way
/// (`localhost` for `127.0.0.1`) is refused before `dev` empties anything:
/// the server is asked which database each session is in.
async fn a_shadow_url_that_leads_to_the_main_database_is_refused(kind: DbKind) {
    if kind == DbKind::Sqlite {
        return;
    }
    let db = TestDb::new(kind);
    let p = project(kind);
    let mut driver = db.driver().await;
    driver
        .apply_script("CREATE TABLE keep (id INTEGER PRIMARY KEY);\nINSERT INTO keep VALUES (1);")
        .await
        .unwrap();
    let shadow = db.url.replacen("127.0.0.1", "localhost", 1);
    assert_ne!(shadow, db.url, "the test URL names 127.0.0.1");
    let schema_path = p.0.join("prisma/schema.prisma");
    let schema = std::fs::read_to_string(&schema_path).unwrap().replace(
        "url      = env(\"DATABASE_URL\")",
        "url      = env(\"DATABASE_URL\")\n  shadowDatabaseUrl = env(\"SHADOW_URL\")",
    );
    std::fs::write(&schema_path, schema).unwrap();
    let out = common::command(&p.0, &["dev", "--name", "init", "--no-cache"])
        .env("DATABASE_URL", &db.url)
        .env("SHADOW_URL", &shadow)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}{}", utf8(&out.stdout), utf8(&out.stderr));
    assert!(
        utf8(&out.stderr).contains("leads to the main database"),
        "{}",
        utf8(&out.stderr)
    );
    assert_eq!(
        driver.row_count(&"keep".into()).await.unwrap(),
        1,
        "the main database was emptied"
    );
}

/// Eight deploys at once against one database: each migration applied once.
async fn concurrent_deploys_apply_each_migration_once(kind: DbKind) {
    let db = TestDb::new(kind);
    let p = project(kind);
    let pause = match kind {
        DbKind::Sqlite => "",
        DbKind::Postgres => "SELECT pg_sleep(0.05);\n",
        DbKind::Mysql => "DO SLEEP(0.05);\n",
    };
    for i in 0..5 {
        let dir = p.0.join(format!("prisma/migrations/2024010100000{i}_m{i}"));
        std::fs::create_dir_all(&dir).unwrap();
        let sql = format!("CREATE TABLE t{i} (id INTEGER);\nINSERT INTO t{i} VALUES ({i});\n{pause}");
        std::fs::write(dir.join("migration.sql"), sql).unwrap();
    }
    let children: Vec<_> = (0..8)
        .map(|_| {
            common::command(&p.0, &["deploy"])
                .env("DATABASE_URL", &db.url)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", utf8(&out.stderr));
    }
    let mut driver = db.driver().await;
    assert_eq!(driver.history().await.unwrap().len(), 5);
    for i in 0..5 {
        assert_eq!(driver.row_count(&format!("t{i}").as_str().into()).await.unwrap(), 1);
    }
}

/// A default holding control characters is pulled with Prisma's escapes
/// (`\u001b`), and the schema read back means the same text: no drift.
async fn control_characters_in_a_default_round_trip(kind: DbKind) {
    let db = TestDb::new(kind);
    let p = project(kind);
    let mut driver = db.driver().await;
    driver
        .apply_script(
            "CREATE TABLE styled (id INTEGER PRIMARY KEY, label VARCHAR(40) NOT NULL DEFAULT '\u{1b}[1mbold\u{7f}')",
        )
        .await
        .unwrap();
    let pull = migrate_on(&p.0, &db.url, &["db", "pull"]);
    assert!(pull.status.success(), "{}", utf8(&pull.stderr));
    let schema = std::fs::read_to_string(p.0.join("prisma/schema.prisma")).unwrap();
    assert!(schema.contains(r#"@default("\u001b[1mbold\u007f")"#), "{schema}");
    assert_no_drift(&p.0, &db.url, "prisma/schema.prisma");
}

per_database!(
    dev_status_diff_pull,
    concurrent_deploys_apply_each_migration_once,
    control_characters_in_a_default_round_trip,
    a_shadow_url_that_leads_to_the_main_database_is_refused
);

fn assert_one_line_without_password(kind: DbKind, url: &str, shown: &str) {
    let out = migrate_on(&project(kind).0, url, &["status"]);
    assert_eq!(out.status.code(), Some(1));
    let err = utf8(&out.stderr);
    assert!(err.contains(shown), "{err}");
    assert!(!err.contains("s3cret-pw"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn connection_errors_are_one_line_without_the_password() {
    assert_one_line_without_password(
        DbKind::Postgres,
        "postgresql://someone:s3cret-pw@127.0.0.1:1/app?connect_timeout=2",
        "someone@127.0.0.1:1/app",
    );
    assert_one_line_without_password(
        DbKind::Mysql,
        "mysql://someone:s3cret-pw@127.0.0.1:1/app?connect_timeout=2",
        "someone@127.0.0.1:1/app",
    );
    // A server that answers and refuses the password.
    if DbKind::Mysql.selected() {
        assert_one_line_without_password(
            DbKind::Mysql,
            "mysql://nobody:s3cret-pw@127.0.0.1:3306/app",
            "nobody@127.0.0.1:3306/app",
        );
    }
}

/// Every command ends its PostgreSQL session with `Terminate`: the server
/// neither counts it as abandoned (`pg_stat_database.sessions_abandoned`,
/// PostgreSQL 14+) nor logs "could not receive data from client".
#[test]
fn postgres_sessions_end_with_a_goodbye() {
    let kind = DbKind::Postgres;
    if !kind.selected() {
        return;
    }
    let db = TestDb::new(kind);
    let p = project(kind);
    for args in [&["dev", "--name", "init"][..], &["status"], &["db", "pull", "--print"]] {
        let out = migrate_on(&p.0, &db.url, args);
        assert!(out.status.success(), "{args:?}: {}", utf8(&out.stderr));
    }
    let mut admin = ::postgres::Client::connect(&db.url, ::postgres::NoTls).unwrap();
    let others = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()";
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while admin.query_one(others, &[]).unwrap().get::<_, i64>(0) > 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the commands' sessions did not end"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let row = admin
        .query_one(
            "SELECT sessions, sessions_abandoned FROM pg_stat_database WHERE datname = current_database()",
            &[],
        )
        .unwrap();
    let (sessions, abandoned): (i64, i64) = (row.get(0), row.get(1));
    assert!(sessions >= 3, "the commands' sessions are counted: {sessions}");
    assert_eq!(abandoned, 0, "sessions ended without Terminate, of {sessions}");
}

/// Every command ends its MySQL session with `COM_QUIT`, so that the server
/// does not count it in `Aborted_clients` ("Aborted connection ... Got an
/// error reading communication packets" in its log). The counter is the
/// server's, shared with tests running meanwhile; five commands that each
/// aborted would add five.
#[tokio::test]
async fn mysql_sessions_end_with_a_goodbye() {
    let kind = DbKind::Mysql;
    if !kind.selected() {
        return;
    }
    let db = TestDb::new(kind);
    let p = project(kind);
    let mut driver = db.driver().await;
    let before = aborted_clients(driver.as_mut()).await;
    for _ in 0..5 {
        let out = migrate_on(&p.0, &db.url, &["status"]);
        assert!(utf8(&out.stdout).contains("MySQL database"), "{}", utf8(&out.stderr));
    }
    let after = aborted_clients(driver.as_mut()).await;
    assert!(after - before < 5, "{} of 5 sessions aborted", after - before);
}

/// The server's `Aborted_clients` (MariaDB's information_schema, else
/// MySQL's performance_schema).
async fn aborted_clients(driver: &mut dyn migrate_core::driver::Driver) -> i64 {
    let where_ = "WHERE VARIABLE_NAME = 'Aborted_clients'";
    let mariadb = format!("SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS {where_}");
    let mysql = format!("SELECT VARIABLE_VALUE FROM performance_schema.global_status {where_}");
    let rows = match driver.query_column(&mariadb).await {
        Ok(rows) => rows,
        Err(_) => driver.query_column(&mysql).await.unwrap(),
    };
    rows.first()
        .cloned()
        .flatten()
        .and_then(|v| v.parse().ok())
        .expect("Aborted_clients")
}
