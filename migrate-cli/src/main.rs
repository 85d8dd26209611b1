//! The `migrate` binary: parse arguments, run the command, render any error
//! in one place with its exit code.

mod cli;
mod commands;
mod config;
mod database_url;
mod drivers;
mod env_file;
mod error;
mod output;
mod project;
mod prompt;
mod secrets;
mod seed;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    if let Some(path) = cli.config {
        project::use_config_file(path);
    }
    match commands::run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            anstream::eprintln!("{}", secrets::mask(&e.render()));
            ExitCode::from(1)
        }
    }
}
