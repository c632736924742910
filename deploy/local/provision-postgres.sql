-- One database and its owner role, least privilege. Idempotent.
-- psql variables: db, role, pw. Used by deploy/local/infra.sh and by the Compose bundle
-- (deploy/compose/postgres-init.sh), so both environments provision the same way.
--
-- The role can log in and nothing else (no superuser/createdb/createrole); INHERIT lets the
-- owner reach schema public through the implicit pg_database_owner role. The password is set
-- on every run so that services.env stays the source of truth.
SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT', :'role')
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT PASSWORD %L', :'role', :'pw') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role')
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'db') \gexec
SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', :'db', :'role') \gexec
