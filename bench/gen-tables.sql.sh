#!/usr/bin/env bash
# Prints DDL for N tables (default 1000), each with a serial key, two
# columns, an index, a unique index and a foreign key to the previous table,
# committing every 50 tables (one transaction would exhaust PostgreSQL's
# lock table). Plain SQL for PostgreSQL and MySQL/MariaDB.
set -euo pipefail
n=${1:-1000}
dialect=${2:-postgres}
serial=$([ "$dialect" = postgres ] && echo "SERIAL" || echo "INTEGER AUTO_INCREMENT")
q=$([ "$dialect" = postgres ] && echo '"' || echo '`')
echo "BEGIN;"
for i in $(seq 1 "$n"); do
  prev=$(( i > 1 ? i - 1 : 1 ))
  echo "CREATE TABLE ${q}t$i${q} (${q}id${q} $serial PRIMARY KEY, ${q}name${q} VARCHAR(100) NOT NULL, ${q}parent${q} INTEGER);"
  echo "CREATE INDEX ${q}t${i}_name_idx${q} ON ${q}t$i${q} (${q}name${q});"
  echo "CREATE UNIQUE INDEX ${q}t${i}_parent_key${q} ON ${q}t$i${q} (${q}parent${q});"
  [ "$i" -gt 1 ] && echo "ALTER TABLE ${q}t$i${q} ADD CONSTRAINT ${q}t${i}_parent_fkey${q} FOREIGN KEY (${q}parent${q}) REFERENCES ${q}t$prev${q} (${q}id${q});"
  if [ $(( i % 50 )) -eq 0 ]; then echo "COMMIT;"; echo "BEGIN;"; fi
done
echo "COMMIT;"
