#!/usr/bin/env bash
# `migrate deploy --schemas` of M small migrations (default 20) to T
# PostgreSQL schemas (default 200) of one database: one target at a time
# (--jobs 1) against --jobs J (default 8), each timed run from an empty
# database; then the rerun that finds every target up to date.
#
#   bench/fan-out.sh [T] [M] [J] [RUNS] [create|alter]
#
# `create` (the default): each migration creates a table (serial key, text
# column, index); `alter`: the first creates one table, the others each add
# a column to it.
#
# MIGRATE is the binary to time (default: target/release/migrate).
set -euo pipefail
targets=${1:-200}
n=${2:-20}
jobs=${3:-8}
runs=${4:-3}
kind=${5:-create}
here=$(cd "$(dirname "$0")" && pwd)
migrate=${MIGRATE:-$here/../target/release/migrate}
dir=/tmp/migrate-fan-out-bench
rm -rf "$dir"
"$here/gen-migrations.sh" "$dir" "$n" >/dev/null
sed -i 's/provider = "sqlite"/provider = "postgresql"/; s|url      = "file:./bench.db"|url      = env("DATABASE_URL")|' "$dir/prisma/schema.prisma"
sed -i 's/sqlite/postgresql/' "$dir/prisma/migrations/migration_lock.toml"
sed -i 's/INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT/SERIAL PRIMARY KEY/' "$dir"/prisma/migrations/*/migration.sql
if [ "$kind" = alter ]; then
  i=0
  for m in "$dir"/prisma/migrations/*/; do
    i=$((i + 1))
    if [ "$i" = 1 ]; then
      printf 'CREATE TABLE "Account" ("id" INTEGER NOT NULL PRIMARY KEY);\n' > "$m/migration.sql"
    else
      printf 'ALTER TABLE "Account" ADD COLUMN "c%d" INTEGER;\n' "$i" > "$m/migration.sql"
    fi
  done
fi
seq -f 'tenant_%g' 1 "$targets" > "$dir/schemas.txt"
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/migrate_fan_out
fresh="psql -q postgres://postgres@127.0.0.1:5432/postgres -c 'DROP DATABASE IF EXISTS migrate_fan_out' -c 'CREATE DATABASE migrate_fan_out'"
cd "$dir"
echo "deploy of $n migrations ($kind) to $targets schemas, from an empty database:"
python3 "$here/alternate.py" --runs "$runs" --warmup 0 --setup "$fresh" \
  "$migrate deploy --schemas schemas.txt --jobs 1" \
  "$migrate deploy --schemas schemas.txt --jobs $jobs"
echo "the rerun, every target up to date:"
python3 "$here/alternate.py" --runs "$runs" --warmup 1 "$migrate deploy --schemas schemas.txt --jobs $jobs"
