#!/usr/bin/env bash
# Prints a SQLite schema with N models (default 1000): each has an id, a
# unique email, a few scalars, an enum, an index and a relation to the
# previous model.
set -euo pipefail
n=${1:-1000}
cat <<'HEAD'
datasource db {
  provider = "sqlite"
  url      = "file:./bench.db"
}

enum Status {
  ACTIVE
  ARCHIVED
}
HEAD
for i in $(seq 1 "$n"); do
  prev=$(( i > 1 ? i - 1 : 1 ))
  printf '\nmodel M%d {\n' "$i"
  printf '  id        Int      @id @default(autoincrement())\n'
  printf '  email     String   @unique\n'
  printf '  name      String?\n'
  printf '  score     Float    @default(0)\n'
  printf '  status    Status   @default(ACTIVE)\n'
  printf '  createdAt DateTime @default(now())\n'
  if [ "$i" -gt 1 ]; then
    printf '  parentId  Int?\n'
    printf '  parent    M%d?     @relation("R%d", fields: [parentId], references: [id])\n' "$prev" "$i"
  fi
  next=$(( i + 1 ))
  if [ "$i" -lt "$n" ]; then
    printf '  children  M%d[]    @relation("R%d")\n' "$next" "$next"
  fi
  printf '\n  @@index([name, createdAt])\n}\n'
done
