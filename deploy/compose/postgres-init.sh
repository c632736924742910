#!/usr/bin/env bash
# First start of the Compose PostgreSQL: the crm and mes databases with their own least-privilege
# roles, from the same SQL file deploy/local/infra.sh uses natively.
set -euo pipefail
for entry in "crm:$CRM_DB_USER:$CRM_DB_PASSWORD" "mes:$MES_DB_USER:$MES_DB_PASSWORD"; do
  IFS=: read -r db role password <<< "$entry"
  psql -v ON_ERROR_STOP=1 -X -q --username "$POSTGRES_USER" --dbname postgres \
    -v db="$db" -v role="$role" -v pw="$password" < /provision/provision-postgres.sql
done
