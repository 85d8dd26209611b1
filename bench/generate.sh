#!/usr/bin/env bash
# `migrate generate` for an N-model schema (default 1000, from gen-schema.sh) with both
# built-in generators: the whole process with hyperfine (when installed, else
# bench/alternate.py), and the work in
# process with the generate_bench example. Release builds.
#   bench/generate.sh [N] [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
dir=${2:-/tmp/bench-generate}
mkdir -p "$dir"
bench/gen-schema.sh "$n" > "$dir/schema.prisma"
printf '\ngenerator types {\n  provider = "migrate-typescript"\n}\n\ngenerator rust {\n  provider = "migrate-rust"\n}\n' >> "$dir/schema.prisma"
cargo run --quiet --release -p migrate-generate --example generate_bench -- "$dir/schema.prisma" 30
cargo build --quiet --release -p migrate-cli
bin=$(readlink -f "${CARGO_TARGET_DIR:-target}")/release/migrate
(cd "$dir" && "$bin" generate --schema schema.prisma && wc -c generated/*)
if command -v hyperfine >/dev/null; then
  (cd "$dir" && hyperfine -N --warmup 3 "$bin generate --schema schema.prisma")
else
  (cd "$dir" && python3 "$OLDPWD/bench/alternate.py" --runs 20 --warmup 2 "$bin generate --schema schema.prisma")
fi
