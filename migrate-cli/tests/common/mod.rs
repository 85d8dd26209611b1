//! What the binary's tests share: running `migrate` as a script runs it
//! (no terminal, `CI=1`, no `DATABASE_URL` of the caller's environment),
//! reading what it printed, and writing a project's files.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The `migrate` binary with `args`, to run in `dir`: stdin closed, `CI=1`
/// (never a prompt), and no `DATABASE_URL` or `MIGRATE_CACHE_DIR` from the
/// caller's environment.
pub fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_migrate"));
    command
        .args(args)
        .current_dir(dir)
        .env("CI", "1")
        .env_remove("DATABASE_URL")
        .env_remove("MIGRATE_CACHE_DIR")
        .stdin(Stdio::null());
    command
}

/// Runs [`command`] to its end.
pub fn migrate(dir: &Path, args: &[&str]) -> Output {
    command(dir, args).output().unwrap()
}

/// Runs [`command`] to its end with `DATABASE_URL` set to `url`.
pub fn migrate_on(dir: &Path, url: &str, args: &[&str]) -> Output {
    command(dir, args).env("DATABASE_URL", url).output().unwrap()
}

/// Everything it printed: stdout, then stderr.
pub fn text(out: &Output) -> String {
    format!("{}{}", utf8(&out.stdout), utf8(&out.stderr))
}

/// One stream of what it printed.
pub fn utf8(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Writes `text` to `rel` under `dir`, creating its folders.
pub fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// `diff --from-url URL --to-schema SCHEMA --exit-code` in `dir`: exit code 0,
/// no difference between the database and the schema file.
pub fn assert_no_drift(dir: &Path, url: &str, schema: &str) {
    let out = migrate_on(
        dir,
        url,
        &["diff", "--from-url", url, "--to-schema", schema, "--exit-code"],
    );
    assert_eq!(out.status.code(), Some(0), "drift:\n{}", text(&out));
    assert!(text(&out).contains("No difference detected."), "{}", text(&out));
}
