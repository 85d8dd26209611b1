//! Standard output: styled on a terminal, plain when piped or when
//! `NO_COLOR` is set (`anstream` decides and strips the styles), and ended
//! quietly instead of with a panic when the pipe closes
//! (`migrate diff --script | head`).

use anstyle::{Effects, Style};
use std::fmt;
use std::io::{ErrorKind, Write};
use std::path::Path;

/// Secondary lines, such as the header (Prisma dims them too).
pub const DIM: Style = Style::new().effects(Effects::DIMMED);
/// What the reader should not miss.
pub const BOLD: Style = Style::new().effects(Effects::BOLD);
/// A command's outcome when all went well (Prisma's green).
pub const SUCCESS: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(anstyle::AnsiColor::Green)));
/// The word `Error:` before an error.
pub const ERROR: Style = Style::new()
    .fg_color(Some(anstyle::Color::Ansi(anstyle::AnsiColor::Red)))
    .effects(Effects::BOLD);

pub fn write(args: fmt::Arguments<'_>) {
    if let Err(e) = anstream::stdout().lock().write_fmt(args) {
        if e.kind() == ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
    }
}

/// Data for a file or another program (a SQL script, a schema), written as
/// it is: the style stripper would also take out escape sequences that
/// belong to the data (a default holding `\x1b[1m`). Stops quietly on a
/// closed pipe; any other failure (a full disk) is an error, since the
/// script is then incomplete.
pub fn write_data(text: &str) -> Result<(), crate::error::CliError> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => std::process::exit(0),
        Err(source) => Err(crate::error::CliError::Write {
            path: "standard output".into(),
            source,
        }),
        Ok(()) => Ok(()),
    }
}

/// `print!` that stops quietly on a closed pipe.
macro_rules! out {
    ($($arg:tt)*) => { $crate::output::write(format_args!($($arg)*)) };
}

/// `println!` that stops quietly on a closed pipe.
macro_rules! outln {
    () => { $crate::output::write(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::output::write(format_args!("{}\n", format_args!($($arg)*))) };
}

pub(crate) use {out, outln};

/// The header a database command starts with, on standard output as
/// Prisma's (Prisma 6.19: `Prisma schema loaded from prisma/schema.prisma`,
/// then the datasource line), then a blank line.
pub fn header(schema_path: &Path, datasource: &str) {
    let cwd = std::env::current_dir().unwrap_or_default();
    let shown = schema_path.strip_prefix(&cwd).unwrap_or(schema_path);
    outln!("{DIM}Prisma schema loaded from {}{DIM:#}", shown.display());
    outln!("{DIM}{datasource}{DIM:#}");
    outln!();
}

/// `path` made absolute (from the current folder), its `.` and `..`
/// resolved by name, not through the file system (the file may not exist).
pub fn absolute(path: &Path) -> std::path::PathBuf {
    use std::path::Component;
    let full = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut normal = std::path::PathBuf::new();
    for component in full.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
}

/// `path` relative to the current folder, going up with `..` where it
/// lies elsewhere (`prisma/schema.prisma`, `../shared/a.prisma`); as it
/// is where the two share no folder.
pub fn relative(path: &Path) -> std::path::PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    let base: Vec<_> = cwd.components().collect();
    let path = absolute(path);
    let target: Vec<_> = path.components().collect();
    let common = base.iter().zip(&target).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return path.to_path_buf();
    }
    let mut rel = std::path::PathBuf::new();
    base[common..].iter().for_each(|_| rel.push(".."));
    target[common..].iter().for_each(|c| rel.push(c));
    rel
}

/// Prisma's line for a database it created (Prisma 6.19:
/// `PostgreSQL database app created at 127.0.0.1:5432`, the location in bold),
/// then a blank line.
pub fn created(kind: &str, database: &str, location: &str) {
    outln!("{kind} database {database} created at {BOLD}{location}{BOLD:#}");
    outln!();
}

/// Prisma's count of the migrations folder, as `deploy` and `status`
/// print it: `No migration found in prisma/migrations`, `1 migration found
/// in …`, `2 migrations found in …`, then a blank line.
pub fn migrations_found(folder: &Path, count: usize) {
    let dir = folder.display();
    match count {
        0 => outln!("No migration found in {dir}\n"),
        1 => outln!("1 migration found in {dir}\n"),
        n => outln!("{n} migrations found in {dir}\n"),
    }
}

/// Migrations as Prisma lists them, a tree under `root`:
///
/// ```text
/// migrations/
///   └─ 20240101000000_init/
///     └─ migration.sql
/// ```
pub fn migration_tree<'a>(root: &str, names: impl IntoIterator<Item = &'a String>) {
    outln!("{root}/");
    for name in names {
        outln!("  └─ {name}/");
        outln!("    └─ migration.sql");
    }
}
