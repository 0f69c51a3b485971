#!/usr/bin/env bash
# Creates Caseway's database and its own login role, owner of that database and nothing else
# (not a superuser). The engine creates its schema and Flyway Caseway's tables at the first start
# of a Caseway node: nothing else is created by hand.
#
# In docker/compose.yaml the postgres image runs this once, when its data volume is empty
# (/docker-entrypoint-initdb.d; as the superuser POSTGRES_USER over the local socket).
# docker/run-local.sh runs it against this machine's PostgreSQL with PGHOST/PGPORT set.
#
# Needs: POSTGRES_USER (superuser to connect as), CASEWAY_DB_NAME, CASEWAY_DB_USER,
# CASEWAY_DB_PASSWORD (may be empty only where the server trusts local logins).
set -euo pipefail

: "${POSTGRES_USER:?}" "${CASEWAY_DB_NAME:?}" "${CASEWAY_DB_USER:?}"

# psql variables quote the values (:'x' a literal, :"x" an identifier): any password works
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname postgres \
     -v db="$CASEWAY_DB_NAME" -v role="$CASEWAY_DB_USER" -v pw="${CASEWAY_DB_PASSWORD:-}" <<'SQL'
SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') AS create_role \gset
\if :create_role
  CREATE ROLE :"role" LOGIN PASSWORD :'pw';
\endif
SELECT NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') AS create_db \gset
\if :create_db
  -- the owner of the database owns its public schema's rights in PostgreSQL 15 (pg_database_owner)
  CREATE DATABASE :"db" OWNER :"role" ENCODING 'UTF8' TEMPLATE template0;
\endif
SQL
echo "caseway: database ${CASEWAY_DB_NAME} owned by ${CASEWAY_DB_USER}"
