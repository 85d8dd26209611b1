//! Questions to a person, only when one is there: stdin is a terminal and
//! `CI` is not set (as Prisma decides).

use std::io::{BufRead, IsTerminal, Write};

pub fn is_interactive() -> bool {
    std::io::stdin().is_terminal() && std::env::var_os("CI").is_none()
}

/// Asks a yes/no question; anything but y/yes is no.
pub fn confirm(question: &str) -> bool {
    matches!(ask(&format!("{question} [y/N]")).to_lowercase().as_str(), "y" | "yes")
}

pub fn ask(question: &str) -> String {
    eprint!("{question} ");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    let _ = std::io::stdin().lock().read_line(&mut line);
    line.trim().to_string()
}
