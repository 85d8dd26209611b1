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

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    let outcome = runtime.block_on(commands::run(cli.command));
    close_sessions(&runtime);
    match outcome {
        Ok(code) => code,
        Err(e) => {
            anstream::eprintln!("{}", secrets::mask(&e.render()));
            ExitCode::from(1)
        }
    }
}

/// Lets the sessions a command dropped end on the server: PostgreSQL's
/// connection task sends `Terminate` once its client is gone, and a dropped
/// MySQL session spawns its `COM_QUIT`. Without this the runtime
/// ends first, and each server logs every command's session as aborted
/// ("could not receive data from client", "Aborted connection ... error
/// reading communication packets"). Bounded, for a server that stopped
/// reading.
fn close_sessions(runtime: &tokio::runtime::Runtime) {
    const LIMIT: std::time::Duration = std::time::Duration::from_millis(200);
    let metrics = runtime.metrics();
    let closed = async {
        while metrics.num_alive_tasks() > 0 {
            tokio::task::yield_now().await;
        }
    };
    let _ = runtime.block_on(async { tokio::time::timeout(LIMIT, closed).await });
}
