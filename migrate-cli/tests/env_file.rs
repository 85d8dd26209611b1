//! A Prisma 6 project's `.env` through the `migrate` binary: values read as
//! Prisma 6.19.3 reads them (only `${VAR}` expanded, so a `$` in a password
//! survives), loaded by `db seed` too, and only what may be secret masked.

mod common;

use common::{migrate, text, write};
use migrate_tests::harness::TempDir;

const SCHEMA: &str = "datasource db {\n  provider = \"sqlite\"\n  url      = env(\"DATABASE_URL\")\n}\n\nmodel User {\n  id Int @id\n}\n";

#[test]
fn a_dollar_in_a_value_is_kept_and_only_braced_references_expand() {
    let dir = TempDir::new("env-dollar");
    write(&dir.0, "prisma/schema.prisma", SCHEMA);
    write(&dir.0, ".env", "NAME=pa\nDATABASE_URL=\"file:./${NAME}$word.db\"\n");
    let out = migrate(&dir.0, &["db", "push"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(dir.0.join("prisma/pa$word.db").exists(), "{}", text(&out));
    assert!(!dir.0.join("prisma/pa.db").exists());
}

#[test]
fn db_seed_loads_env_as_the_other_commands_do() {
    let dir = TempDir::new("env-seed");
    write(&dir.0, "prisma/schema.prisma", SCHEMA);
    write(&dir.0, ".env", "DATABASE_URL=\"file:./pa$word.db\"\n");
    write(&dir.0, "prisma/.env", "SEED_NOTE=\"from ${DATABASE_URL}\"\n");
    write(&dir.0, "package.json", r#"{"prisma":{"seed":"sh seed.sh"}}"#);
    write(&dir.0, "seed.sh", "echo \"$DATABASE_URL|$SEED_NOTE\" > seeded.txt\n");
    let out = migrate(&dir.0, &["db", "seed"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(
        std::fs::read_to_string(dir.0.join("seeded.txt")).unwrap(),
        "file:./pa$word.db|from file:./pa$word.db\n"
    );
}

/// A port or a database name from `.env` stays readable in an error; a
/// variable named as a password is masked wherever it appears.
#[test]
fn only_values_that_may_be_secret_are_masked() {
    let dir = TempDir::new("env-mask");
    write(&dir.0, "prisma/schema.prisma", &SCHEMA.replace("sqlite", "postgresql"));
    write(
        &dir.0,
        ".env",
        "PGPORT=5999\nDB_NAME='p6app'\nDB_PASSWORD=Zq-Hidden-9\nDATABASE_URL=\"postgresql://someone:${DB_PASSWORD}@127.0.0.1:${PGPORT}/${DB_NAME}?connect_timeout=2\"\n",
    );
    let out = migrate(&dir.0, &["status"]);
    assert!(!out.status.success());
    let message = text(&out);
    // The error itself (the datasource header is printed unmasked anyway).
    let error = String::from_utf8_lossy(&out.stderr);
    assert!(error.contains("127.0.0.1:5999/p6app"), "{message}");
    assert!(!message.contains("Zq-Hidden-9"), "{message}");
}
