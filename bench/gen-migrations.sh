#!/usr/bin/env bash
# Writes a SQLite project with N small migrations (default 1000) into DIR:
# DIR/prisma/schema.prisma and DIR/prisma/migrations/<ts>_m<i>/migration.sql,
# each creating one table and one index.
set -euo pipefail
dir=${1:?usage: gen-migrations.sh DIR [N]}
n=${2:-1000}
mkdir -p "$dir/prisma/migrations"
printf 'datasource db {\n  provider = "sqlite"\n  url      = "file:./bench.db"\n}\n' > "$dir/prisma/schema.prisma"
printf 'provider = "sqlite"\n' > "$dir/prisma/migrations/migration_lock.toml"
for i in $(seq 1 "$n"); do
  m="$dir/prisma/migrations/$(printf '2024%010d' "$i")_m$i"
  mkdir -p "$m"
  printf -- '-- CreateTable\nCREATE TABLE "T%d" (\n    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,\n    "name" TEXT NOT NULL\n);\n\n-- CreateIndex\nCREATE INDEX "T%d_name_idx" ON "T%d"("name");\n' "$i" "$i" "$i" > "$m/migration.sql"
done
