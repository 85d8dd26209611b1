#!/bin/bash
# Regenerates the DMMF golden files: Prisma 6.19.3's own `dmmf.datamodel` for each fixture schema
# of tests/fixtures/schemas, as `prisma generate` sends it to a generator (see dump-dmmf.mjs).
# Needs the kit in ../shared/prisma6 beside the repository (its setup.sh once).
#
#   ./regen.sh            all fixtures
#   ./regen.sh NAME...    only these (file names without .prisma; `multi_file` is the folder)
#
# Each schema is copied to a temporary folder with one generator block appended (the dump),
# then `prisma generate --generator dmmf_dump` runs on the copy; nothing else is touched.
set -eu
cd "$(dirname "$(readlink -f "$0")")"
HERE=$PWD
SCHEMAS=$HERE/../../../tests/fixtures/schemas
P=${PRISMA6:-$HERE/../../../../shared/prisma6/prisma6}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
names=("$@")
[ ${#names[@]} -gt 0 ] || names=($(cd "$SCHEMAS" && ls | sed 's/\.prisma$//'))
for name in "${names[@]}"; do
  rm -rf "$TMP/s" "$TMP/out"
  if [ -d "$SCHEMAS/$name" ]; then cp -r "$SCHEMAS/$name" "$TMP/s"; main=$TMP/s/schema.prisma; schema=$TMP/s
  else mkdir "$TMP/s"; cp "$SCHEMAS/$name.prisma" "$TMP/s/schema.prisma"; main=$TMP/s/schema.prisma; schema=$main; fi
  printf '\ngenerator dmmf_dump {\n  provider = "node %s/dump-dmmf.mjs"\n  output   = "%s/out"\n}\n' "$HERE" "$TMP" >> "$main"
  kind=sqlite; grep -q 'provider *= *"postgres' "$main" && kind=postgresql
  if "$P" "$kind" "$main" generate --schema "$schema" --generator dmmf_dump > "$TMP/log" 2>&1; then
    cp "$TMP/out/dmmf.json" "$HERE/$name.json"; echo "$name: ok"
  else echo "$name: prisma failed:"; cat "$TMP/log"; fi
done
