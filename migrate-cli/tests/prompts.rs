//! The questions `migrate` asks a person, answered through a pseudo-terminal:
//! `dev`'s migration name, its data-loss and drift-reset confirmations,
//! `reset`'s and `db push`'s. Each "no" must leave the database and the
//! migrations folder as they were; each "yes" must do the work.
#![cfg(unix)]

use migrate_tests::harness::TempDir;
use rexpect::session::{spawn_command, PtySession};
use std::process::Command;

const SCHEMA: &str = "datasource db {\n  provider = \"sqlite\"\n  url      = \"file:./dev.db\"\n}\n\nmodel User {\n  id    Int    @id @default(autoincrement())\n  email String @unique\n  name  String?\n}\n";

/// Milliseconds any one expected line may take (a debug build on a loaded machine).
const TIMEOUT_MS: u64 = 60_000;

/// A SQLite project in a folder of its own (removed when dropped).
struct Project(TempDir);

impl Project {
    fn new() -> Self {
        let dir = TempDir::new("prompts");
        std::fs::create_dir_all(dir.0.join("prisma")).unwrap();
        let project = Project(dir);
        project.schema(SCHEMA);
        project
    }

    fn path(&self) -> &std::path::Path {
        &self.0 .0
    }

    fn schema(&self, text: &str) {
        std::fs::write(self.path().join("prisma/schema.prisma"), text).unwrap();
    }

    fn db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.path().join("prisma/dev.db")).unwrap()
    }

    fn count(&self, sql: &str) -> i64 {
        self.db().query_row(sql, [], |r| r.get(0)).unwrap()
    }

    fn migrations(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.path().join("prisma/migrations")) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Runs `migrate` on a terminal, as a person would (no `CI` variable).
    fn spawn(&self, args: &[&str]) -> PtySession {
        spawn_command(self.command(args), Some(TIMEOUT_MS)).expect("spawn migrate on a pseudo-terminal")
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_migrate"));
        c.args(args)
            .current_dir(self.path())
            .env_remove("CI")
            .env_remove("DATABASE_URL")
            .env("NO_COLOR", "1");
        c
    }

    /// Runs `migrate` without a terminal and asserts it succeeds.
    fn run(&self, args: &[&str]) {
        let out = self.command(args).env("CI", "1").output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Waits for the process to end and returns its exit code.
fn exit_code(mut session: PtySession) -> i32 {
    session.exp_eof().expect("the process ends");
    match session.process.wait().expect("wait for migrate") {
        rexpect::process::wait::WaitStatus::Exited(_, code) => code,
        other => panic!("migrate did not exit normally: {other:?}"),
    }
}

#[test]
fn dev_asks_for_the_migration_name() {
    let p = Project::new();
    let mut s = p.spawn(&["dev"]);
    s.exp_string("Enter a name for the new migration").unwrap();
    s.send_line("first tables").unwrap();
    assert_eq!(exit_code(s), 0);
    let names = p.migrations();
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].ends_with("_first_tables"), "{names:?}");
    assert_eq!(p.count("SELECT count(*) FROM sqlite_master WHERE name = 'User'"), 1);
}

#[test]
fn dev_data_loss_no_changes_nothing_and_yes_applies() {
    let p = Project::new();
    p.run(&["dev", "--name", "init"]);
    p.db()
        .execute("INSERT INTO User (email, name) VALUES ('a@x', 'Ann')", [])
        .unwrap();
    p.schema(&SCHEMA.replace("  name  String?\n", ""));

    let mut s = p.spawn(&["dev", "--name", "drop_name"]);
    s.exp_string("Are you sure you want to create and apply this migration?")
        .unwrap();
    s.send_line("n").unwrap();
    assert_ne!(exit_code(s), 0);
    assert_eq!(p.migrations().len(), 1, "a refused migration is not written");
    assert_eq!(p.count("SELECT count(*) FROM User WHERE name = 'Ann'"), 1);

    let mut s = p.spawn(&["dev", "--name", "drop_name"]);
    s.exp_string("Are you sure you want to create and apply this migration?")
        .unwrap();
    s.send_line("y").unwrap();
    assert_eq!(exit_code(s), 0);
    assert_eq!(p.migrations().len(), 2);
    assert_eq!(
        p.count("SELECT count(*) FROM pragma_table_info('User') WHERE name = 'name'"),
        0
    );
    assert_eq!(p.count("SELECT count(*) FROM User"), 1, "the row itself stays");
}

#[test]
fn dev_on_a_drifted_database_asks_before_resetting() {
    let p = Project::new();
    p.run(&["dev", "--name", "init"]);
    p.db()
        .execute_batch("CREATE TABLE Notes (id INTEGER PRIMARY KEY); INSERT INTO User (email) VALUES ('a@x');")
        .unwrap();

    let mut s = p.spawn(&["dev", "--name", "next"]);
    s.exp_string("All data will be lost").unwrap();
    s.send_line("n").unwrap();
    assert_ne!(exit_code(s), 0);
    assert_eq!(
        p.count("SELECT count(*) FROM sqlite_master WHERE name = 'Notes'"),
        1,
        "nothing dropped"
    );
    assert_eq!(p.count("SELECT count(*) FROM User"), 1);

    let mut s = p.spawn(&["dev", "--name", "next"]);
    s.exp_string("All data will be lost").unwrap();
    s.send_line("yes").unwrap();
    assert_eq!(exit_code(s), 0);
    assert_eq!(p.count("SELECT count(*) FROM sqlite_master WHERE name = 'Notes'"), 0);
    assert_eq!(p.count("SELECT count(*) FROM User"), 0);
}

/// After the reset `dev` asks for, the seed runs once the migrations are
/// applied (it inserts into their tables), as Prisma's `dev` runs it.
#[test]
fn dev_seeds_after_the_reset_it_asked_for() {
    let p = Project::new();
    p.run(&["dev", "--name", "init"]);
    std::fs::write(
        p.path().join("seed.sql"),
        "INSERT INTO \"User\" (\"email\") VALUES ('seed@x');\n",
    )
    .unwrap();
    let seed = format!(
        "[seed]\ncommand = \"{} db execute --schema prisma/schema.prisma --file seed.sql\"\n",
        env!("CARGO_BIN_EXE_migrate")
    );
    std::fs::write(p.path().join("migrate.toml"), seed).unwrap();
    p.db()
        .execute_batch("CREATE TABLE Notes (id INTEGER PRIMARY KEY);")
        .unwrap();

    let mut s = p.spawn(&["dev", "--name", "next"]);
    s.exp_string("All data will be lost").unwrap();
    s.send_line("y").unwrap();
    assert_eq!(exit_code(s), 0);
    assert_eq!(p.count("SELECT count(*) FROM User WHERE email = 'seed@x'"), 1);
}

#[test]
fn reset_asks_and_no_keeps_the_data() {
    let p = Project::new();
    p.run(&["dev", "--name", "init"]);
    p.db().execute("INSERT INTO User (email) VALUES ('a@x')", []).unwrap();

    let mut s = p.spawn(&["reset"]);
    s.exp_string("Are you sure you want to reset the database?").unwrap();
    s.send_line("").unwrap();
    assert_eq!(exit_code(s), 0, "declining is not an error");
    assert_eq!(p.count("SELECT count(*) FROM User"), 1);

    let mut s = p.spawn(&["reset"]);
    s.exp_string("Are you sure you want to reset the database?").unwrap();
    s.send_line("y").unwrap();
    assert_eq!(exit_code(s), 0);
    assert_eq!(p.count("SELECT count(*) FROM User"), 0);
    assert_eq!(
        p.count("SELECT count(*) FROM _prisma_migrations"),
        1,
        "the history is re-applied"
    );
}

#[test]
fn db_push_asks_before_losing_data() {
    let p = Project::new();
    p.run(&["db", "push"]);
    p.db()
        .execute("INSERT INTO User (email, name) VALUES ('a@x', 'Ann')", [])
        .unwrap();
    p.schema(&SCHEMA.replace("  name  String?\n", ""));

    let mut s = p.spawn(&["db", "push"]);
    s.exp_string("Do you want to ignore the warnings and continue?")
        .unwrap();
    s.send_line("n").unwrap();
    let _ = exit_code(s);
    assert_eq!(p.count("SELECT count(*) FROM User WHERE name = 'Ann'"), 1);

    let mut s = p.spawn(&["db", "push"]);
    s.exp_string("Do you want to ignore the warnings and continue?")
        .unwrap();
    s.send_line("y").unwrap();
    assert_eq!(exit_code(s), 0);
    assert_eq!(
        p.count("SELECT count(*) FROM pragma_table_info('User') WHERE name = 'name'"),
        0
    );
}
