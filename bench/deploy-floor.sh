#!/usr/bin/env bash
# `migrate deploy` of N small migrations against the database's own client
# running the same files in one session (the floor: the server's execution
# time plus one round trip per statement), on PostgreSQL or MariaDB. Each
# timed run starts from an empty database.
#
#   bench/deploy-floor.sh postgresql 1000
#   bench/deploy-floor.sh mysql 1000
#
# MIGRATE is the binary to time (default: target/release/migrate).
set -euo pipefail
provider=${1:?usage: deploy-floor.sh postgresql|mysql [N] [RUNS]}
n=${2:-1000}
runs=${3:-5}
here=$(cd "$(dirname "$0")" && pwd)
migrate=${MIGRATE:-$here/../target/release/migrate}
dir=/tmp/migrate-deploy-floor
rm -rf "$dir"
"$here/gen-migrations.sh" "$dir" "$n" >/dev/null
sed -i "s/provider = \"sqlite\"/provider = \"$provider\"/; s|url      = \"file:./bench.db\"|url      = env(\"DATABASE_URL\")|" "$dir/prisma/schema.prisma"
sed -i "s/sqlite/$provider/" "$dir/prisma/migrations/migration_lock.toml"
cat "$dir"/prisma/migrations/*/migration.sql > "$dir/all.sql"
if [ "$provider" = postgresql ]; then
  sed -i 's/INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT/SERIAL PRIMARY KEY/' "$dir"/prisma/migrations/*/migration.sql "$dir/all.sql"
  export DATABASE_URL=postgres://postgres@127.0.0.1:5432/migrate_deploy_floor
  fresh="psql -q postgres://postgres@127.0.0.1:5432/postgres -c 'DROP DATABASE IF EXISTS migrate_deploy_floor' -c 'CREATE DATABASE migrate_deploy_floor'"
  client="psql -q -X -v ON_ERROR_STOP=1 $DATABASE_URL -f $dir/all.sql"
else
  sed -i 's/INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT/INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY/; s/"/`/g; s/`name` TEXT NOT NULL/`name` VARCHAR(191) NOT NULL/' "$dir"/prisma/migrations/*/migration.sql "$dir/all.sql"
  export DATABASE_URL=mysql://root@127.0.0.1:3306/migrate_deploy_floor
  fresh="mariadb -h127.0.0.1 -uroot -e 'DROP DATABASE IF EXISTS migrate_deploy_floor; CREATE DATABASE migrate_deploy_floor'"
  client="mariadb -h127.0.0.1 -uroot migrate_deploy_floor < $dir/all.sql"
fi
cd "$dir"
python3 "$here/alternate.py" --runs "$runs" --warmup 1 --setup "$fresh" "$client" "$migrate deploy"
