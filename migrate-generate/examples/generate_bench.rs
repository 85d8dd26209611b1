//! In-process timing of `migrate generate`'s work for one schema: read, parse,
//! validate, then render both built-in generators (and the DMMF a protocol
//! generator would get), N times; prints the median and the minimum.
//!
//!     bench/gen-schema.sh 1000 > /tmp/big.prisma
//!     cargo run --release -p migrate-generate --example generate_bench -- /tmp/big.prisma 30

use migrate_core::psl::{parse_and_validate, read_schema};
use migrate_generate::{dmmf, rust, typescript};
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: generate_bench SCHEMA [RUNS]");
    let runs: usize = args.next().map_or(30, |n| n.parse().expect("RUNS is a number"));
    let mut times: Vec<(Duration, Duration, Duration)> = Vec::with_capacity(runs);
    let mut bytes = (0, 0, 0);
    for _ in 0..runs {
        let start = Instant::now();
        let schema = parse_and_validate(read_schema(path.as_ref()).unwrap()).unwrap();
        let ts = typescript::render(&schema.datamodel, &typescript::TsOptions::default(), "schema.prisma");
        let rs = rust::render(&schema.datamodel, &rust::RustOptions::default(), "schema.prisma");
        let both = start.elapsed();
        let json = dmmf::to_json_text(&dmmf::datamodel(&schema));
        let with_dmmf = start.elapsed();
        let render_start = Instant::now();
        let _ = typescript::render(&schema.datamodel, &typescript::TsOptions::default(), "schema.prisma");
        let _ = rust::render(&schema.datamodel, &rust::RustOptions::default(), "schema.prisma");
        times.push((both, with_dmmf, render_start.elapsed()));
        bytes = (ts.len(), rs.len(), json.len());
    }
    let median = |pick: fn(&(Duration, Duration, Duration)) -> Duration| {
        let mut v: Vec<Duration> = times.iter().map(pick).collect();
        v.sort();
        (v[v.len() / 2], v[0])
    };
    let show = |(m, min): (Duration, Duration)| {
        format!(
            "median {:.1} ms (min {:.1})",
            m.as_secs_f64() * 1e3,
            min.as_secs_f64() * 1e3
        )
    };
    println!("{runs} runs of {path}");
    println!("read + parse + validate + TypeScript + Rust: {}", show(median(|t| t.0)));
    println!("  ... + DMMF datamodel as JSON:             {}", show(median(|t| t.1)));
    println!("TypeScript + Rust rendering alone:          {}", show(median(|t| t.2)));
    println!(
        "output: {} bytes of TypeScript, {} of Rust, {} of DMMF JSON",
        bytes.0, bytes.1, bytes.2
    );
}
