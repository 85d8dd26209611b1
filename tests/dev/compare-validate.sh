#!/usr/bin/env bash
# Dev aid, not CI: runs every case of a cases file through Prisma 6.19.3's
# `prisma validate` (../shared/prisma6) and `migrate validate`, and prints one
# line per case: name, provider, Prisma's verdict, ours, and whether they agree.
# With -v, each side's first error line follows.
#
#   tests/dev/compare-validate.sh [-v] tests/dev/validate-cases.txt [path/to/migrate]
#
# A cases file holds cases separated by header lines `=== <name> <provider>`
# (provider: sqlite, postgresql or mysql). The body is a schema; a datasource
# block `db` with that provider and `url = env("DATABASE_URL")` is prepended
# unless the body has its own `datasource`. MySQL is validated with Prisma's
# SQLite setup and a mysql:// URL: `validate` needs no database, and 6.19.3's
# WebAssembly engine validates MySQL schemas even though it cannot connect.
set -uo pipefail
verbose=0; [ "${1:-}" = -v ] && { verbose=1; shift; }
cases=${1:?cases file}
migrate=${2:-target/debug/migrate}
prisma6=${PRISMA6:-$(dirname "$0")/../../../shared/prisma6/prisma6}
[ -x "$prisma6" ] || prisma6=/work/shared/prisma6/prisma6
cache=${PRISMA6_VALIDATE_CACHE:-${TMPDIR:-/tmp}/prisma6-validate-cache}
mkdir -p "$cache"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
awk -v dir="$work" '
  /^=== / { name=$2; provider=$3; file=dir "/" name "." provider ".prisma"; print name " " provider >> (dir "/list"); next }
  file { print >> file }
' "$cases"
verdict() { [ "$1" -eq 0 ] && echo valid || echo invalid; }
agree=0; differ=0
printf '%-40s %-11s %-8s %-8s %s\n' case provider prisma ours ""
while read -r name provider; do
  body=$work/$name.$provider.prisma
  schema=$work/schema.prisma
  if grep -q '^datasource' "$body"; then cp "$body" "$schema"; else
    printf 'datasource db {\n  provider = "%s"\n  url      = env("DATABASE_URL")\n}\n\n' "$provider" > "$schema"
    cat "$body" >> "$schema"
  fi
  case $provider in
    mysql) kind=sqlite; url=mysql://root@127.0.0.1:3306/db ;;
    postgresql) kind=postgresql; url=postgresql://postgres@127.0.0.1:5432/postgres ;;
    *) kind=sqlite; url=file:$work/db.sqlite ;;
  esac
  # Prisma's answers are kept by the schema's hash: reruns only run ours.
  key=$(cat "$schema" | sha256sum | cut -c1-32)
  if [ -f "$cache/$key.rc" ]; then cp "$cache/$key.out" "$work/prisma.out"; rc=$(cat "$cache/$key.rc"); else
    DATABASE_URL=$url "$prisma6" "$kind" "$schema" validate --schema "$schema" > "$work/prisma.out" 2>&1
    rc=$?; cp "$work/prisma.out" "$cache/$key.out"; echo $rc > "$cache/$key.rc"
  fi
  p=$(verdict "$rc")
  DATABASE_URL=$url "$migrate" validate --schema "$schema" > "$work/ours.out" 2>&1
  o=$(verdict $?)
  if [ "$p" = "$o" ]; then mark=""; agree=$((agree + 1)); else mark=MISMATCH; differ=$((differ + 1)); fi
  printf '%-40s %-11s %-8s %-8s %s\n' "$name" "$provider" "$p" "$o" "$mark"
  if [ $verbose = 1 ]; then
    grep -m1 '^error:' "$work/prisma.out" | sed 's/^/    prisma: /'
    grep -m1 -i 'error' "$work/ours.out" | sed 's/^/    ours:   /'
  fi
done < "$work/list"
echo "agree: $agree, differ: $differ"
