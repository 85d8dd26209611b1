# Recipes for `just` (optional: every recipe is a plain cargo command).

# The whole suite, every database the machine has.
test:
    cargo test --workspace

# SQLite only: no server needed.
test-sqlite:
    MIGRATE_TEST_DATABASES=sqlite cargo test --workspace

# Review pending insta snapshots one by one.
snap:
    cargo insta review

lint:
    cargo fmt --all -- --check
    cargo clippy --workspace --all-targets -- -D warnings

# Release build, then the figures in BENCHMARKS.md.
bench:
    cargo build --release -p migrate-cli

# Fuzz the schema parser and validator (needs cargo-fuzz).
fuzz seconds="600":
    cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run parse_validate -- -max_total_time={{seconds}}

# What CI runs.
ci:
    bash .ci/run
