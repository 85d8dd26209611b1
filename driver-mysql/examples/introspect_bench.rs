//! In-process cost of introspecting a MySQL/MariaDB database:
//! `cargo run --release -p driver-mysql --example introspect_bench -- URL [RUNS]`
//! prints the tables found, the statements one introspection sends, and the
//! median and minimum time of RUNS introspections (after one warm-up) on one
//! connection.

use driver_mysql::MysqlDriver;
use migrate_core::driver::Driver;
use std::time::{Duration, Instant};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut args = std::env::args().skip(1);
    let url = args.next().expect("usage: introspect_bench URL [RUNS]");
    let runs: usize = args.next().map_or(20, |n| n.parse().expect("RUNS is a number"));
    let mut driver = MysqlDriver::connect(&url, None).await.unwrap_or_else(|e| panic!("{e}"));
    let before = driver.statements_sent();
    let schema = driver.introspect().await.unwrap_or_else(|e| panic!("{e}"));
    let statements = driver.statements_sent() - before;
    let mut times: Vec<Duration> = Vec::new();
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        driver.introspect().await.unwrap_or_else(|e| panic!("{e}"));
        times.push(start.elapsed());
    }
    times.sort();
    println!(
        "{} tables, {} statements; median {:.1} ms, min {:.1} ms ({} runs)",
        schema.tables.len(),
        statements,
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times.len()
    );
}
