#!/usr/bin/env bash
# `migrate generate` for an N-model schema (default 1000, from gen-schema.sh) with both
# built-in generators: the whole process with hyperfine (when installed), and the work in
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
  for _ in 1 2 3 4 5 6 7 8; do (cd "$dir" && /usr/bin/time -f "%e s %M KB" "$bin" generate --schema schema.prisma > /dev/null); done
fi
