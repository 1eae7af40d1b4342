#!/bin/sh
# Creates or upgrades Temporal's two PostgreSQL databases with the admin tools' temporal-sql-tool. Idempotent: run on
# every `docker compose up`; after a server upgrade (a newer admin-tools image) it applies the new schema versions.
# PostgreSQL is healthy before this runs (depends_on). The connection comes from SQL_PLUGIN, SQL_HOST, SQL_PORT,
# SQL_USER and SQL_PASSWORD (docker-compose.yml).
set -eu
schema_root=/etc/temporal/schema/postgresql/v12

for database in temporal temporal_visibility; do
  case "$database" in
    temporal) versioned="$schema_root/temporal/versioned" ;;
    *) versioned="$schema_root/visibility/versioned" ;;
  esac
  # `create` fails when the database exists (every start after the first): that is the expected case.
  temporal-sql-tool --db "$database" create 2>/dev/null || echo "database $database exists"
  temporal-sql-tool --db "$database" setup-schema -v 0.0
  temporal-sql-tool --db "$database" update-schema -d "$versioned"
done
echo 'Temporal schema is current'
