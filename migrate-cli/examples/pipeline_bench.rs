//! Times the offline pipeline in one process: parse + validate + lower +
//! diff from empty + render, for a schema file (see bench/gen-schema.sh).
//!
//!     bench/gen-schema.sh 1000 > /tmp/big.prisma
//!     cargo run --release -p migrate-cli --example pipeline_bench -- /tmp/big.prisma

use migrate_core::diff::diff;
use migrate_core::psl::{diagnostics::SourceFiles, lower::lower, parse_and_validate};
use migrate_core::schema::Schema;
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: pipeline_bench SCHEMA [RUNS]");
    let runs: usize = std::env::args()
        .nth(2)
        .map_or(20, |n| n.parse().expect("RUNS is a number"));
    let text = std::fs::read_to_string(&path).expect("read the schema");
    let dialect = migrate::databases()[0].dialect;
    let mut times = Vec::new();
    let mut bytes = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let valid = parse_and_validate(SourceFiles::single(path.clone(), text.clone())).expect("a valid schema");
        let target = lower(&valid.datamodel, dialect);
        let ops = diff(&Schema::default(), &target, dialect);
        bytes = dialect.render(&ops).expect("renders").len();
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{} runs: min {:.1} ms, median {:.1} ms, max {:.1} ms ({bytes} bytes of SQL)",
        runs,
        times[0],
        times[runs / 2],
        times[runs - 1]
    );
}
