#!/usr/bin/env bash
# `db pull --print` of an N-table PostgreSQL database (bench/gen-tables.sql.sh:
# each table with a key, two columns, an index, a unique index and a foreign
# key), `migrate` against Prisma 6.19.3 (../shared/prisma6, set up with its
# setup.sh), whole processes, alternating.
#
#   bench/pull-vs-prisma.sh 500 [RUNS]
#
# MIGRATE is the binary to time (default: target/release/migrate).
set -euo pipefail
n=${1:-500}
runs=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
migrate=${MIGRATE:-$here/../target/release/migrate}
prisma6=$here/../../shared/prisma6/prisma6
db=migrate_pull_$n
dir=/tmp/migrate-pull-bench
rm -rf "$dir" && mkdir -p "$dir"
psql -q postgres://postgres@127.0.0.1:5432/postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
"$here/gen-tables.sql.sh" "$n" postgres | psql -q "postgres://postgres@127.0.0.1:5432/$db" >/dev/null
printf 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n' > "$dir/schema.prisma"
cd "$dir"
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/$db PG_DB=$db
python3 "$here/alternate.py" --runs "$runs" --warmup 1 \
  "$prisma6 postgresql schema.prisma db pull --print" \
  "$migrate db pull --print --schema schema.prisma"
