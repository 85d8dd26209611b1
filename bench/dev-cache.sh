#!/usr/bin/env bash
# `migrate dev` with one schema edit over a history of N migrations, with
# the replay cache warm (hit), cold (miss: cleared before each run) and off
# (--no-cache), on SQLite or PostgreSQL. Each timed run starts from the same
# project, database and cache; the migration written is the same in all
# three (checked).
#
#   bench/dev-cache.sh sqlite 1000
#   bench/dev-cache.sh postgresql 1000     # needs psql and PostgreSQL at 127.0.0.1:5432
#
# MIGRATE is the binary to time (default: target/release/migrate).
set -euo pipefail
provider=${1:?usage: dev-cache.sh sqlite|postgresql [N] [RUNS]}
n=${2:-1000}
runs=${3:-10}
here=$(cd "$(dirname "$0")" && pwd)
migrate=${MIGRATE:-$here/../target/release/migrate}
base=/tmp/migrate-dev-cache-base
run=/tmp/migrate-dev-cache-run
rm -rf "$base" "$run"
"$here/gen-migrations.sh" "$base" "$n" >/dev/null
pg=postgres://postgres@127.0.0.1:5432
if [ "$provider" = postgresql ]; then
  sed -i 's/provider = "sqlite"/provider = "postgresql"/; s|url      = "file:./bench.db"|url      = env("DATABASE_URL")|' "$base/prisma/schema.prisma"
  sed -i 's/sqlite/postgresql/' "$base/prisma/migrations/migration_lock.toml"
  sed -i 's/INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT/SERIAL PRIMARY KEY/' "$base"/prisma/migrations/*/migration.sql
  export DATABASE_URL=$pg/migrate_dev_cache_run
  psql -q "$pg/postgres" -c "DROP DATABASE IF EXISTS migrate_dev_cache_base" -c "DROP DATABASE IF EXISTS migrate_dev_cache_run" -c "CREATE DATABASE migrate_dev_cache_base"
  restore_db="psql -q $pg/postgres -c 'DROP DATABASE IF EXISTS migrate_dev_cache_run' -c 'CREATE DATABASE migrate_dev_cache_run TEMPLATE migrate_dev_cache_base'"
  (cd "$base" && DATABASE_URL=$pg/migrate_dev_cache_base "$migrate" deploy >/dev/null && DATABASE_URL=$pg/migrate_dev_cache_base "$migrate" db pull >/dev/null)
else
  restore_db=true
  (cd "$base" && "$migrate" deploy >/dev/null && "$migrate" db pull >/dev/null)
fi
# The schema matches the history; warm the cache with a `dev` that finds nothing.
cp -r "$base" "$run" && eval "$restore_db"
(cd "$run" && "$migrate" dev >/dev/null)
rm -rf "$base/prisma/.migrate-cache" && cp -r "$run/prisma/.migrate-cache" "$base/prisma/"
printf '\nmodel Edited {\n  id   Int    @id\n  note String\n}\n' >> "$base/prisma/schema.prisma"
restore="rm -rf $run && cp -r $base $run && $restore_db"
python3 "$here/alternate.py" --runs "$runs" --warmup 1 --setup "$restore" \
  "cd $run && $migrate dev --name edit" \
  "cd $run && rm -rf prisma/.migrate-cache && $migrate dev --name edit" \
  "cd $run && $migrate dev --name edit --no-cache"
# The same migration with and without the cache.
eval "$restore"; (cd "$run" && "$migrate" dev --name edit >/dev/null); warm=$(cat "$run"/prisma/migrations/*_edit/migration.sql)
eval "$restore"; (cd "$run" && "$migrate" dev --name edit --no-cache >/dev/null); off=$(cat "$run"/prisma/migrations/*_edit/migration.sql)
[ "$warm" = "$off" ] && echo "same migration with and without the cache" || { echo "DIFFERENT migrations"; exit 1; }
