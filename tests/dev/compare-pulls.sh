#!/usr/bin/env bash
# Dev aid, not CI: for every corpus fixture with Prisma's golden pull
# (<corpus>/<name>/prisma-6.19.3.<provider>.sql and .pulled.prisma), load the
# SQL into a fresh database, run `migrate db pull --print` over a bare
# datasource, and compare with Prisma's text (trailing blank lines aside:
# Prisma's `--print` adds two). Prints the diffs and a count.
#
#   tests/dev/compare-pulls.sh ../research/corpus [path/to/migrate]
#
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres) and sqlite3; makes and
# drops databases named p_cmp_*.
set -uo pipefail
corpus=${1:?corpus folder}
migrate=${2:-target/debug/migrate}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trim() { sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$1"; }
equal=0; differ=0
for dir in "$corpus"/*/; do
  name=$(basename "$dir")
  for provider in postgresql sqlite; do
    sql=$dir/prisma-6.19.3.$provider.sql
    golden=$dir/prisma-6.19.3.$provider.pulled.prisma
    [ -f "$sql" ] && [ -f "$golden" ] || continue
    printf 'datasource db {\n  provider = "%s"\n  url      = env("DATABASE_URL")\n}\n' "$provider" > "$work/schema.prisma"
    if [ "$provider" = postgresql ]; then
      db=p_cmp_$(echo "$name" | tr -c 'a-z0-9_\n' _)
      psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null 2>&1
      psql -q -h 127.0.0.1 -U postgres -d "$db" -f "$sql" >/dev/null 2>&1
      url=postgres://postgres@127.0.0.1:5432/$db
    else
      rm -f "$work/db.sqlite"; sqlite3 "$work/db.sqlite" < "$sql" >/dev/null 2>&1
      url=file:$work/db.sqlite
    fi
    DATABASE_URL=$url "$migrate" db pull --print --schema "$work/schema.prisma" > "$work/ours.prisma" 2>&1
    [ "$provider" = postgresql ] && psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
    if diff <(trim "$work/ours.prisma") <(trim "$golden") > "$work/diff"; then
      equal=$((equal + 1))
    else
      differ=$((differ + 1)); echo "== $name ($provider): ours <, Prisma's >"; cat "$work/diff"
    fi
  done
done
echo "equal: $equal, different: $differ"
