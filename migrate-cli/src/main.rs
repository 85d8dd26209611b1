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
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            anstream::eprintln!("Could not start: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(commands::run(cli.command)) {
        Ok(code) => code,
        Err(e) => {
            anstream::eprintln!("{}", secrets::mask(&e.render()));
            ExitCode::from(1)
        }
    }
}
