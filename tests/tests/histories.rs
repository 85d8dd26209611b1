//! Migration histories written the way Prisma writes them over a schema's
//! life, with the hand edits real teams make (tests/fixtures/histories,
//! README there: enum values added later, indexes made and dropped
//! `CONCURRENTLY`, defaults changed, `dbgenerated` defaults in the
//! database's spelling, columns and tables renamed by hand, data
//! migrations, PL/pgSQL bodies, a text column cast to an enum, one-to-one
//! becoming one-to-many, SQLite redefinitions). Each deploys on a fresh
//! database of its provider, then diffs to nothing against its schema, is
//! up to date, and `dev` finds nothing to write. Three of them Prisma 6.19.3
//! cannot do: it fails `pg-enum-value-used-at-once` (a new enum value used
//! in the migration that adds it), and reports differences for
//! `pg-dbgenerated-spelling` that are not there. And the odd files real
//! folders hold: date-only names ordered as Prisma orders them, byte order
//! marks, CRLF, empty files, `BEGIN;`/`COMMIT;` of the script's own (also on
//! SQLite), migrations touching `_prisma_migrations` (which Prisma's `dev`
//! cannot replay), MySQL stored programs, with and without `DELIMITER`
//! (which Prisma cannot apply). Histories that keep Prisma's verdicts as
//! golden files (`prisma6/`: RLS policies, extensions, partial and
//! expression indexes, generated and identity columns, checks, comments,
//! views and triggers, FTS5 tables, defaults set by hand) are held to them
//! instead: the same diffs and pull, byte for byte, but where we differ on
//! purpose.

use migrate_core::commands::{align_with_database, deploy, dev, schema_of_migrations, status, DevOptions, DevOutcome};
use migrate_core::diff::diff;
use migrate_core::migrations::MigrationsDir;
use migrate_core::psl::datamodel::Provider;
use migrate_core::psl::lower::lower;
use migrate_core::psl::to_psl::{pull_files, pull_text};
use migrate_core::psl::{parse_and_validate, read_schema, ValidatedSchema};
use migrate_core::schema::Schema;
use migrate_tests::fixtures_dir;
use migrate_tests::harness::{DbKind, TempDir, TestDb};
use std::path::{Path, PathBuf};

fn histories() -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(fixtures_dir().join("histories"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    found.sort();
    found
}

fn provider(history: &Path) -> Provider {
    let lock = std::fs::read_to_string(history.join("migrations/migration_lock.toml")).unwrap();
    let name = lock
        .lines()
        .find(|l| l.starts_with("provider"))
        .and_then(|l| l.split('"').nth(1))
        .unwrap();
    Provider::from_name(name).unwrap()
}

async fn check(kind: DbKind) {
    if !kind.selected() {
        return;
    }
    // A history with Prisma's verdicts kept beside it is checked against them
    // (`matches_prisma`): its end state may differ from its schema.
    let mine: Vec<PathBuf> = histories()
        .into_iter()
        .filter(|h| DbKind::of(provider(h)) == kind && !h.join(GOLDEN).is_dir())
        .collect();
    assert!(mine.len() >= 2, "at least two {} histories", kind.name());
    for history in mine {
        let name = history.file_name().unwrap().to_string_lossy().to_string();
        let project = TempDir::copy_of("history", &history);
        let migrations = MigrationsDir {
            path: project.0.join("migrations"),
        };
        let db = TestDb::new(kind);
        let mut driver = db.driver().await;
        let applied = deploy(driver.as_mut(), &migrations)
            .await
            .unwrap_or_else(|e| panic!("{name}: deploy: {e}"));
        assert_eq!(applied.names.len(), migrations.list().unwrap().len(), "{name}");
        assert!(
            status(driver.as_mut(), &migrations).await.unwrap().is_up_to_date(),
            "{name}: status"
        );

        let sources = read_schema(&project.0.join("schema.prisma")).unwrap();
        let valid = parse_and_validate(sources).unwrap_or_else(|e| panic!("{name}: {e}"));
        let target = lower(&valid.datamodel, driver.dialect());
        let live = driver.introspect().await.unwrap();
        let mut aligned = target.clone();
        align_with_database(driver.as_mut(), &live, &mut aligned).await.unwrap();
        let drift = diff(&live, &aligned, driver.dialect());
        assert!(drift.is_empty(), "{name}: deploy then diff: {drift:#?}");

        let outcome = dev(driver.as_mut(), &migrations, &target, &DevOptions::default())
            .await
            .unwrap_or_else(|e| panic!("{name}: dev: {e}"));
        assert!(
            matches!(outcome, DevOutcome::Done { created: None, .. }),
            "{name}: dev after deploy: {outcome:?}"
        );
    }
}

#[tokio::test]
async fn postgres_histories_deploy_and_diff_to_nothing() {
    check(DbKind::Postgres).await;
}

#[tokio::test]
async fn sqlite_histories_deploy_and_diff_to_nothing() {
    check(DbKind::Sqlite).await;
}

#[tokio::test]
async fn mysql_histories_deploy_and_diff_to_nothing() {
    check(DbKind::Mysql).await;
}

/// Prisma re-sets `dbgenerated` defaults that did not change (it compares the
/// schema's text with PostgreSQL's spelling of it: case drift-01), in every
/// later migration; `migrate` sees no change there. In these migrations
/// every line `migrate` writes is one of Prisma's, and the rest are those
/// re-sets.
const REPEATED_DEFAULTS: &str = "Prisma re-sets unchanged dbgenerated defaults";

/// Where `migrate dev` writes other SQL than Prisma's on purpose:
/// (history, migration, why).
const DELIBERATE: &[(&str, &str, &str)] = &[
    (
        "pg-dbgenerated-spelling",
        "20240115113045_invite_email_idx",
        REPEATED_DEFAULTS,
    ),
    (
        "pg-dbgenerated-spelling",
        "20240129150212_invites_last_a_week",
        REPEATED_DEFAULTS,
    ),
    (
        "pg-dbgenerated-spelling",
        "20240212084530_session_meta",
        REPEATED_DEFAULTS,
    ),
    (
        "pg-dbgenerated-spelling",
        "20240226161704_invite_accepted_at",
        REPEATED_DEFAULTS,
    ),
    (
        "pg-dbgenerated-spelling",
        "20240311102233_audit_entries",
        REPEATED_DEFAULTS,
    ),
    ("pg-saas", "20230502174411_defaults_and_priority", REPEATED_DEFAULTS),
    ("pg-saas", "20230519120907_audit_log", REPEATED_DEFAULTS),
];

/// The migrations of each history that are Prisma's own `migrate dev`
/// output, unedited (listed in its `prisma-dev.txt`, with the schema each
/// was made for in `versions/`): from the database the migrations before it
/// build, `migrate` plans the same SQL, byte for byte.
async fn dev_writes_what_prisma_wrote(kind: DbKind) {
    if !kind.selected() {
        return;
    }
    let mut checked = 0;
    let mut without_repeats = 0;
    let mut mismatches = Vec::new();
    for history in histories().into_iter().filter(|h| DbKind::of(provider(h)) == kind) {
        let Ok(manifest) = std::fs::read_to_string(history.join("prisma-dev.txt")) else {
            continue;
        };
        let name = history.file_name().unwrap().to_string_lossy().to_string();
        for line in manifest.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let (migration, version) = line.split_once(' ').unwrap();
            checked += 1;
            let ours = plan_before(
                &history,
                migration,
                &history.join(format!("versions/{version}.prisma")),
                kind,
            )
            .await;
            let prisma =
                std::fs::read_to_string(history.join(format!("migrations/{migration}/migration.sql"))).unwrap();
            let deliberate = DELIBERATE.iter().any(|(h, m, _)| *h == name && *m == migration);
            without_repeats += usize::from(deliberate);
            let agrees = if deliberate {
                // Every clause of ours is one of Prisma's, whatever it re-sets.
                let theirs: Vec<&str> = prisma.lines().map(clause).collect();
                ours.lines()
                    .all(|l| l.starts_with("-- ") || theirs.contains(&clause(l)))
            } else {
                ours.trim_end() == prisma.trim_end()
            };
            if !agrees {
                mismatches.push(format!(
                    "{name}/{migration}:\n--- Prisma\n{prisma}\n--- migrate\n{ours}"
                ));
            }
        }
    }
    eprintln!(
        "{} of {checked} migrations written as Prisma wrote them ({} without Prisma's repeated defaults)",
        checked - mismatches.len(),
        without_repeats
    );
    assert!(checked >= 4, "only {checked} migrations checked");
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n\n"));
}

/// A line of a script as a clause: without `ALTER TABLE "T" ` and the
/// separator after it.
fn clause(line: &str) -> &str {
    let line = line.trim_end_matches([',', ';']);
    match line.strip_prefix("ALTER TABLE \"") {
        Some(rest) => rest.split_once("\" ").map_or(line, |(_, clause)| clause),
        None => line,
    }
}

/// The script `dev` writes for `schema` on the database that the
/// migrations before `migration` build.
async fn plan_before(history: &Path, migration: &str, schema: &Path, kind: DbKind) -> String {
    let earlier = TempDir::copy_of("history-prefix", &history.join("migrations"));
    let folder = earlier.0.clone();
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() && path.file_name().unwrap().to_string_lossy().as_ref() >= migration {
            std::fs::remove_dir_all(&path).unwrap();
        }
    }
    let db = TestDb::new(kind);
    let mut driver = db.driver().await;
    deploy(driver.as_mut(), &MigrationsDir { path: folder })
        .await
        .unwrap_or_else(|e| panic!("{migration}: {e}"));
    let valid = parse_and_validate(read_schema(schema).unwrap()).unwrap_or_else(|e| panic!("{e}"));
    let live = driver.introspect().await.unwrap();
    let mut target = lower(&valid.datamodel, driver.dialect());
    align_with_database(driver.as_mut(), &live, &mut target).await.unwrap();
    let ops = diff(&live, &target, driver.dialect());
    driver.dialect().render(&ops).unwrap()
}

#[tokio::test]
async fn postgres_dev_writes_what_prisma_wrote() {
    dev_writes_what_prisma_wrote(DbKind::Postgres).await;
}

#[tokio::test]
async fn sqlite_dev_writes_what_prisma_wrote() {
    dev_writes_what_prisma_wrote(DbKind::Sqlite).await;
}

/// The folder of a history that holds Prisma 6.19.3's verdicts on it
/// (`prisma6-golden.sh` writes them): `deploy.txt`, `from-migrations.sql`
/// (PostgreSQL only: the kit cannot replay SQLite histories, and deploying
/// is replaying there), `from-database.sql` and `pull.prisma`.
const GOLDEN: &str = "prisma6";

/// What we write instead of a golden file's text, on purpose.
enum Ours {
    /// Prisma's diff from the deployed database: the migrations replayed on
    /// a shadow database are that database.
    FromDatabase,
    /// Nothing to change.
    Empty,
}

/// Prisma 6.19.3 re-creates, from the migrations, the extensions they
/// created (`CREATE EXTENSION IF NOT EXISTS`, a no-op), which its diff from
/// the very database they built does not.
const EXTENSIONS_REPLAYED: &str = "Prisma's diff from the migrations re-creates the extensions they create";

/// Prisma 6.19.3 reads an FTS5 virtual table and its shadow tables as
/// tables and drops each in turn, which fails: dropping the virtual table
/// drops its shadow tables (`no such table: DishSearch_config`).
const VIRTUAL_TABLES: &str = "Prisma drops an FTS5 table and then its shadow tables, which are gone";

/// Where our diffs differ from Prisma's golden ones on purpose:
/// (history, golden file, what we write, why).
const DELIBERATE_GOLDEN: &[(&str, &str, Ours, &str)] = &[
    (
        "pg-ledger",
        "from-migrations.sql",
        Ours::FromDatabase,
        EXTENSIONS_REPLAYED,
    ),
    (
        "pg-recipes",
        "from-migrations.sql",
        Ours::FromDatabase,
        EXTENSIONS_REPLAYED,
    ),
    ("sqlite-recipes-fts", "from-database.sql", Ours::Empty, VIRTUAL_TABLES),
];

/// One place where our pull of a history differs from Prisma's on purpose:
/// `prisma` (text that occurs once in its pull) becomes `ours`.
struct PullDifference {
    history: &'static str,
    prisma: &'static str,
    ours: &'static str,
    why: &'static str,
}

const DELIBERATE_PULL: &[PullDifference] = &[
    PullDifference {
        history: "pg-ledger",
        prisma: "  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}",
        ours: "  provider   = \"postgresql\"\n  url        = env(\"DATABASE_URL\")\n  extensions = [citext]\n}",
        why: "the kit's pull drops the datasource's `extensions`, which Prisma's own pull keeps (with the \
            postgresqlExtensions preview feature) and its diff then leaves alone",
    },
    PullDifference {
        history: "pg-recipes",
        prisma: "  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}",
        ours: "  provider   = \"postgresql\"\n  url        = env(\"DATABASE_URL\")\n  extensions = [pg_trgm, moddatetime]\n}",
        why: "as for pg-ledger",
    },
    PullDifference {
        history: "sqlite-recipes-fts",
        prisma: FTS_MODELS,
        ours: "",
        why: VIRTUAL_TABLES,
    },
    PullDifference {
        history: "sqlite-kiosk-defaults",
        prisma: "  status    OrderStatus @default(\"OPEN\")\n",
        ours: "  status    OrderStatus @default(OPEN)\n",
        why: "Prisma 6.19.3 re-pulls the default of a SQLite enum column as a string, which its own \
            validator rejects (\"Expected an enum value, but found `\\\"OPEN\\\"`\"); we keep the enum value",
    },
    PullDifference {
        history: "sqlite-timesheet",
        prisma: "@default(\"strftime('%Y-%m-%dT%H:%M:%fZ', 'now')\")",
        ours: "@default(dbgenerated(\"strftime('%Y-%m-%dT%H:%M:%fZ', 'now')\"))",
        why: "Prisma reads an expression default of a SQLite TEXT column as a string: a migration from its \
            schema writes the text instead of the expression (pull_like_prisma.rs: TEXT_EXPRESSION)",
    },
];

/// The models Prisma 6.19.3 pulls for an FTS5 table and its shadow tables.
const FTS_MODELS: &str = concat!(
    "\n",
    "\n",
    "/// The underlying table does not contain a valid unique identifier and can therefore currently not be handled by Prisma Client.\n",
    "model DishSearch {\n",
    "  name   Unsupported(\"\")?\n",
    "  method Unsupported(\"\")?\n",
    "\n",
    "  @@ignore\n",
    "}\n",
    "\n",
    "/// The underlying table does not contain a valid unique identifier and can therefore currently not be handled by Prisma Client.\n",
    "model DishSearch_config {\n",
    "  k Unsupported(\"\")  @id\n",
    "  v Unsupported(\"\")?\n",
    "\n",
    "  @@ignore\n",
    "}\n",
    "\n",
    "model DishSearch_data {\n",
    "  id    Int    @id @default(autoincrement())\n",
    "  block Bytes?\n",
    "}\n",
    "\n",
    "model DishSearch_docsize {\n",
    "  id Int    @id @default(autoincrement())\n",
    "  sz Bytes?\n",
    "}\n",
    "\n",
    "/// The underlying table does not contain a valid unique identifier and can therefore currently not be handled by Prisma Client.\n",
    "model DishSearch_idx {\n",
    "  segid Unsupported(\"\")\n",
    "  term  Unsupported(\"\")\n",
    "  pgno  Unsupported(\"\")?\n",
    "\n",
    "  @@id([segid, term])\n",
    "  @@ignore\n",
    "}\n",
    ""
);

fn golden(history: &Path, file: &str) -> Option<String> {
    std::fs::read_to_string(history.join(GOLDEN).join(file)).ok()
}

/// What our `diff --script` must print for `file` of `history`.
fn expected_script(history: &Path, name: &str, file: &str) -> String {
    let file = match golden(history, file) {
        Some(_) => file,
        None => "from-database.sql",
    };
    let deliberate = DELIBERATE_GOLDEN.iter().find(|(h, f, ..)| *h == name && *f == file);
    let text = match deliberate {
        Some((_, _, Ours::Empty, _)) => migrate_core::script::EMPTY_MIGRATION.to_string(),
        Some((_, _, Ours::FromDatabase, _)) => golden(history, "from-database.sql").unwrap(),
        None => golden(history, file).unwrap_or_else(|| panic!("{name}: no {file}")),
    };
    text.trim().to_string()
}

/// Prisma's pull without its closing warnings (see [`expected_warnings`]),
/// with our deliberate differences.
fn expected_pull(history: &Path, name: &str) -> String {
    let text = golden(history, "pull.prisma").unwrap_or_else(|| panic!("{name}: no pull.prisma"));
    let mut text = match text.find("\n\n// *** WARNING ***") {
        Some(at) => text[..at].to_string(),
        None => text,
    };
    for d in DELIBERATE_PULL.iter().filter(|d| d.history == name) {
        assert_eq!(
            text.matches(d.prisma).count(),
            1,
            "{name}: {:?} occurs once ({})",
            d.prisma,
            d.why
        );
        text = text.replacen(d.prisma, d.ours, 1);
    }
    text.trim_end().to_string()
}

/// Prisma's warnings after the pull (`db pull --print` prints them on
/// standard error, each line after `// `), empty where it printed none;
/// `None` for a history whose pulled models differ on purpose (FTS5
/// tables), whose warnings differ with them.
fn expected_warnings(history: &Path, name: &str) -> Option<String> {
    if name == "sqlite-recipes-fts" {
        return None;
    }
    let text = golden(history, "pull.prisma")?;
    let at = text.find("// *** WARNING ***").unwrap_or(text.len());
    Some(text[at..].trim_end().to_string())
}

/// The script our diff writes from `from` (read from `driver`'s database)
/// to the history's schema.
async fn script_to_schema(
    driver: &mut dyn migrate_core::driver::Driver,
    from: &Schema,
    schema: &ValidatedSchema,
) -> String {
    let mut target = lower(&schema.datamodel, driver.dialect());
    align_with_database(driver, from, &mut target).await.unwrap();
    let ops = diff(from, &target, driver.dialect());
    driver.dialect().render(&ops).unwrap().trim().to_string()
}

/// Each history with Prisma's verdicts (hand-edited histories: triggers,
/// views, policies, partial and expression indexes, generated and identity
/// columns, check constraints, defaults set by hand, FTS5 tables...): our
/// `migrate deploy` applies it, and our diffs from its migrations and from
/// the deployed database to its schema, and our pull of that database, are
/// Prisma's, byte for byte, but for [`DELIBERATE_GOLDEN`] and
/// [`DELIBERATE_PULL`].
async fn matches_prisma(kind: DbKind) {
    if !kind.selected() {
        return;
    }
    let mine: Vec<PathBuf> = histories()
        .into_iter()
        .filter(|h| DbKind::of(provider(h)) == kind && h.join(GOLDEN).is_dir())
        .collect();
    assert!(
        mine.len() >= 3,
        "at least three {} histories with Prisma's verdicts",
        kind.name()
    );
    let mut mismatches = Vec::new();
    for history in mine {
        let name = history.file_name().unwrap().to_string_lossy().to_string();
        assert_eq!(
            golden(&history, "deploy.txt").as_deref().map(str::trim),
            Some("ok"),
            "{name}: Prisma deploys it"
        );
        let migrations = MigrationsDir {
            path: history.join("migrations"),
        };
        let schema = parse_and_validate(read_schema(&history.join("schema.prisma")).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"));

        let db = TestDb::new(kind);
        let mut driver = db.driver().await;
        deploy(driver.as_mut(), &migrations)
            .await
            .unwrap_or_else(|e| panic!("{name}: deploy: {e}"));
        let live = driver.introspect().await.unwrap();
        let mut ours = vec![(
            "from-database.sql",
            script_to_schema(driver.as_mut(), &live, &schema).await,
        )];

        let shadow_db = TestDb::new(kind);
        let mut shadow = shadow_db.driver().await;
        let replayed = schema_of_migrations(shadow.as_mut(), &migrations.list().unwrap())
            .await
            .unwrap_or_else(|e| panic!("{name}: replay: {e}"));
        ours.push((
            "from-migrations.sql",
            script_to_schema(shadow.as_mut(), &replayed, &schema).await,
        ));

        for (file, script) in ours {
            let expected = expected_script(&history, &name, file);
            if script != expected {
                mismatches.push(format!("{name}/{file}:\n--- Prisma\n{expected}\n--- migrate\n{script}"));
            }
        }
        let pulled = pull_text(&live, driver.dialect(), Some(&schema.files));
        let expected = expected_pull(&history, &name);
        if pulled.trim_end() != expected {
            mismatches.push(format!(
                "{name}/pull.prisma:\n--- Prisma\n{expected}\n--- migrate\n{pulled}"
            ));
        }
        if let Some(expected) = expected_warnings(&history, &name) {
            let warnings = pull_files(&live, None, driver.dialect(), &schema.files, None).warnings;
            let printed = warnings.commented().trim_end().to_string();
            if printed != expected {
                mismatches.push(format!(
                    "{name}: warnings:\n--- Prisma\n{expected}\n--- migrate\n{printed}"
                ));
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n\n"));
}

#[tokio::test]
async fn postgres_histories_match_prisma() {
    matches_prisma(DbKind::Postgres).await;
}

#[tokio::test]
async fn sqlite_histories_match_prisma() {
    matches_prisma(DbKind::Sqlite).await;
}
