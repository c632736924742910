#!/usr/bin/env bash
# grafana/bootstrap.sh -- what Grafana OSS cannot provision from files, through its HTTP API:
#
#   * org 1 renamed "Engineering", org "Support" created (normally id 2)
#   * teams: "Developers" and "Admins" in Engineering, "Support" in Support
#   * folders "Ordertrace" (Engineering) and "Order lookup" (Support), with permissions:
#     Support's folder is view-only for Viewers and the Support team
#   * EVERYTHING of the Support org: its Jaeger datasource (uid ordertrace-jaeger, through the
#     gateway with X-Ordertrace-Role: support; support-org/jaeger-datasource.json + URL, secret
#     and certificates below) and its ONLY dashboard, Order lookup
#     (dashboards/support/order-lookup.json), in the folder "Order lookup".
#     Why not provisioning files: Grafana refuses to start when a provisioning file names an org
#     that does not exist yet, and OSS cannot create orgs from files (grafana/README.md).
#     The Tempo datasource of earlier versions (uid ordertrace-tempo) is deleted from Support.
#
# Idempotent: it reads before it writes; a second run changes nothing (no write call at all).
# The datasource's secrets cannot be read back from Grafana: it is compared without them, so a
# changed secret or certificate needs --update-secrets.
#
# Needs curl and jq, and the emergency (server) admin's credentials. grafana.ini disables basic
# auth; run this while Grafana runs with GF_AUTH_BASIC_ENABLED=true (grafana/README.md,
# "Bootstrap"), then restart Grafana without it. No secret is printed or put on a command line:
# the admin credentials go to curl in a config file (-K, mode 0600, deleted on exit), the
# gateway secret and the certificates in request bodies on curl's stdin.
#
# Environment:
#   GRAFANA_URL                     default https://127.0.0.1:3000
#   GRAFANA_ADMIN_USER              default admin
#   GRAFANA_ADMIN_PASSWORD          required
#   GRAFANA_CA_CERT                 CA to verify Grafana's certificate (default deploy/certs/ca.crt if present)
#   ORDERTRACE_GATEWAY_SECRET       required: shared secret Grafana sends to the gateway
#   ORDERTRACE_GATEWAY_URL          the gateway as GRAFANA reaches it (default https://gateway:3201)
#   ORDERTRACE_GATEWAY_CA_CERT      CA of the gateway's certificate    (default deploy/certs/ca.crt)
#   ORDERTRACE_GRAFANA_CLIENT_CERT  Grafana's client certificate       (default deploy/certs/grafana-client.crt)
#   ORDERTRACE_GRAFANA_CLIENT_KEY   and its key                        (default deploy/certs/grafana-client.key)
set -euo pipefail

usage() {
  sed -n '2,35p' "$0" | sed 's/^# \{0,1\}//'
  echo "Usage: $0 [--help] [--update-secrets]"
  echo "  --update-secrets   send the Support datasource again even if it looks unchanged"
  echo "                     (after rotating ORDERTRACE_GATEWAY_SECRET or the certificates)"
}

UPDATE_SECRETS=false
for arg in "$@"; do
  case "$arg" in
    -h|--help) usage; exit 0 ;;
    --update-secrets) UPDATE_SECRETS=true ;;
    *) echo "bootstrap: unknown argument '$arg' (see --help)" >&2; exit 2 ;;
  esac
done

command -v curl >/dev/null || { echo "bootstrap: curl is required" >&2; exit 1; }
command -v jq >/dev/null || { echo "bootstrap: jq is required" >&2; exit 1; }

HERE="$(cd "$(dirname "$0")" && pwd)"
GRAFANA_URL="${GRAFANA_URL:-https://127.0.0.1:3000}"
GRAFANA_URL="${GRAFANA_URL%/}"
GRAFANA_ADMIN_USER="${GRAFANA_ADMIN_USER:-admin}"
[[ "$GRAFANA_URL" =~ ^https?://[^[:space:]]+$ ]] || { echo "bootstrap: ERROR: GRAFANA_URL must be an http(s):// URL (got '$GRAFANA_URL')" >&2; exit 2; }
[[ -n "${GRAFANA_ADMIN_PASSWORD:-}" ]] || { echo "bootstrap: ERROR: set GRAFANA_ADMIN_PASSWORD (the emergency admin of grafana.ini [security])" >&2; exit 1; }
# they go into curl's config file, one quoted line: no line breaks, and the user name has no ':'
case "$GRAFANA_ADMIN_USER$GRAFANA_ADMIN_PASSWORD" in
  *$'\n'*|*$'\r'*) echo "bootstrap: ERROR: GRAFANA_ADMIN_USER / GRAFANA_ADMIN_PASSWORD must not contain line breaks" >&2; exit 2 ;;
esac
[[ -n "$GRAFANA_ADMIN_USER" && "$GRAFANA_ADMIN_USER" != *:* ]] || { echo "bootstrap: ERROR: GRAFANA_ADMIN_USER must be a login without ':' (got '$GRAFANA_ADMIN_USER')" >&2; exit 2; }
CA="${GRAFANA_CA_CERT:-}"
if [[ -z "$CA" && -f "$HERE/../deploy/certs/ca.crt" ]]; then
  CA="$HERE/../deploy/certs/ca.crt"
fi

# the Support org's datasource: secret and certificates, checked before anything is written
[[ -n "${ORDERTRACE_GATEWAY_SECRET:-}" ]] || { echo "bootstrap: ERROR: set ORDERTRACE_GATEWAY_SECRET (the gateway's shared secret, as in deploy/compose.yaml): the Support org's Jaeger datasource sends it" >&2; exit 1; }
export ORDERTRACE_GATEWAY_SECRET
ORDERTRACE_GATEWAY_URL="${ORDERTRACE_GATEWAY_URL:-https://gateway:3201}"
ORDERTRACE_GATEWAY_URL="${ORDERTRACE_GATEWAY_URL%/}"
# Grafana's Jaeger datasource appends /api/... to the URL: the gateway at the root of a host
[[ "$ORDERTRACE_GATEWAY_URL" =~ ^https?://[^[:space:]/]+$ ]] || { echo "bootstrap: ERROR: ORDERTRACE_GATEWAY_URL must be http(s)://host[:port] (got '$ORDERTRACE_GATEWAY_URL')" >&2; exit 2; }
GW_CA="${ORDERTRACE_GATEWAY_CA_CERT:-$HERE/../deploy/certs/ca.crt}"
GW_CLIENT_CERT="${ORDERTRACE_GRAFANA_CLIENT_CERT:-$HERE/../deploy/certs/grafana-client.crt}"
GW_CLIENT_KEY="${ORDERTRACE_GRAFANA_CLIENT_KEY:-$HERE/../deploy/certs/grafana-client.key}"
for f in "$GW_CA" "$GW_CLIENT_CERT" "$GW_CLIENT_KEY"; do
  [[ -r "$f" && -s "$f" ]] || { echo "bootstrap: ERROR: cannot read $f (run deploy/certs.sh, or set ORDERTRACE_GATEWAY_CA_CERT / ORDERTRACE_GRAFANA_CLIENT_CERT / ORDERTRACE_GRAFANA_CLIENT_KEY)" >&2; exit 1; }
done
SUPPORT_DS_FILE="$HERE/support-org/jaeger-datasource.json"
SUPPORT_DASHBOARD_FILE="$HERE/dashboards/support/order-lookup.json"
SUPPORT_FOLDER_UID=ordertrace-support
for f in "$SUPPORT_DS_FILE" "$SUPPORT_DASHBOARD_FILE"; do
  jq -e 'type == "object" and (.uid | type == "string")' "$f" >/dev/null 2>&1 || { echo "bootstrap: ERROR: $f is missing or not a JSON object with a uid" >&2; exit 1; }
done

# The admin credentials go to curl in a config file (-K), never on its command line where any
# local user could read them (ps, /proc/<pid>/cmdline). 0600, removed on exit.
CURL_CONFIG="$(umask 077 && mktemp "${TMPDIR:-/tmp}/ordertrace-bootstrap.XXXXXX")"
trap 'rm -f "$CURL_CONFIG"' EXIT
curl_quote() { local v="${1//\\/\\\\}"; printf '"%s"' "${v//\"/\\\"}"; }
printf 'user = %s\n' "$(curl_quote "$GRAFANA_ADMIN_USER:$GRAFANA_ADMIN_PASSWORD")" >"$CURL_CONFIG"
CURL=(curl -sS --max-time 15 -K "$CURL_CONFIG" -H "Content-Type: application/json")
if [[ -n "$CA" && "$GRAFANA_URL" == https://* ]]; then
  CURL+=(--cacert "$CA")
fi

CHANGED=0
log() { echo "bootstrap: $*"; }
die() { echo "bootstrap: ERROR: $*" >&2; exit 1; }

# api METHOD PATH [ORG_ID] [BODY] -> prints the body; fails on non-2xx (404 returns "404" status 3)
api() {
  local method="$1" path="$2" org="${3:-}" body="${4:-}" out code
  local args=("${CURL[@]}" -X "$method" -w '\n%{http_code}')
  [[ -n "$org" ]] && args+=(-H "X-Grafana-Org-Id: $org")
  # the body goes on stdin, never on the command line (it may hold secrets)
  [[ -n "$body" ]] && args+=(--data-binary @-)
  if ! out="$(printf '%s' "$body" | "${args[@]}" "$GRAFANA_URL$path" 2>&1)"; then
    die "cannot reach Grafana at $GRAFANA_URL ($method $path): ${out##*$'\n'}"
  fi
  code="${out##*$'\n'}"
  out="${out%$'\n'*}"
  case "$code" in
    2??) printf '%s' "$out" ;;
    404) return 3 ;;
    401) die "Grafana refused the credentials of '$GRAFANA_ADMIN_USER' (401). Wrong GRAFANA_ADMIN_PASSWORD, or basic auth is off: start Grafana with GF_AUTH_BASIC_ENABLED=true for the bootstrap." ;;
    403) die "'$GRAFANA_ADMIN_USER' may not $method $path (403): it must be the Grafana server admin." ;;
    *) die "$method $path answered $code: $out" ;;
  esac
}

# --- reachable, and the credentials work ---------------------------------------------------
if ! health="$(curl -sS --max-time 10 ${CA:+--cacert "$CA"} "$GRAFANA_URL/api/health" 2>&1)"; then
  die "Grafana is not reachable at $GRAFANA_URL: $health"
fi
jq -e '.database == "ok"' >/dev/null 2>&1 <<<"$health" || die "Grafana at $GRAFANA_URL is not healthy: $health"
api GET /api/user >/dev/null

# --- organisations --------------------------------------------------------------------------
eng_name="$(api GET /api/orgs/1 | jq -r .name)"
if [[ "$eng_name" != "Engineering" ]]; then
  api PUT /api/orgs/1 "" '{"name":"Engineering"}' >/dev/null
  log "org 1 renamed '$eng_name' -> 'Engineering'"
  CHANGED=1
fi

if support="$(api GET /api/orgs/name/Support)"; then
  SUPPORT_ID="$(jq -r .id <<<"$support")"
else
  SUPPORT_ID="$(api POST /api/orgs "" '{"name":"Support"}' | jq -r .orgId)"
  log "org 'Support' created (id $SUPPORT_ID)"
  CHANGED=1
fi
# nothing depends on the id being 2 (no provisioning file names the Support org); say so if not
[[ "$SUPPORT_ID" == "2" ]] || log "note: org 'Support' has id $SUPPORT_ID (usually 2); its datasource and dashboard go there"
ENG_ID=1

# the admin must be a member of Support to act in it (POST /api/orgs makes the creator one)
if ! api GET "/api/orgs/$SUPPORT_ID/users" | jq -e --arg u "$GRAFANA_ADMIN_USER" 'any(.[]; .login == $u)' >/dev/null; then
  api POST "/api/orgs/$SUPPORT_ID/users" "" "$(jq -nc --arg u "$GRAFANA_ADMIN_USER" '{loginOrEmail:$u, role:"Admin"}')" >/dev/null
  log "'$GRAFANA_ADMIN_USER' added to Support"
  CHANGED=1
fi

# --- teams ----------------------------------------------------------------------------------
# team ORG NAME -> TEAM_ID (created when missing). Team membership: grafana/README.md (OSS has no
# team sync; roles come from the IdP groups through org_mapping).
team() {
  local org="$1" name="$2"
  TEAM_ID="$(api GET "/api/teams/search?name=$(jq -rn --arg n "$name" '$n|@uri')" "$org" | jq -r --arg n "$name" '[.teams[] | select(.name == $n)][0].id // empty')"
  if [[ -z "$TEAM_ID" ]]; then
    TEAM_ID="$(api POST /api/teams "$org" "$(jq -nc --arg n "$name" '{name:$n}')" | jq -r .teamId)"
    log "team '$name' created in org $org (id $TEAM_ID)"
    CHANGED=1
  fi
}
team "$ENG_ID" Developers; DEV_TEAM="$TEAM_ID"
team "$ENG_ID" Admins; ADMIN_TEAM="$TEAM_ID"
team "$SUPPORT_ID" Support; SUPPORT_TEAM="$TEAM_ID"

# --- folders and their permissions ----------------------------------------------------------
folder() {
  local org="$1" uid="$2" title="$3"
  if ! api GET "/api/folders/$uid" "$org" >/dev/null; then
    api POST /api/folders "$org" "$(jq -nc --arg u "$uid" --arg t "$title" '{uid:$u, title:$t}')" >/dev/null
    log "folder '$title' ($uid) created in org $org"
    CHANGED=1
  fi
}

# permissions ORG UID JSON_ITEMS: sets exactly these items (replaces the defaults) unless equal
permissions() {
  local org="$1" uid="$2" want="$3" have want_n norm='[.[] | {role: (.role // null), teamId: (.teamId // null), userId: (.userId // null), permission}] | map(with_entries(select(.value != null and .value != 0))) | sort_by(tostring)'
  have="$(api GET "/api/folders/$uid/permissions" "$org" | jq -c "[.[] | select((.inherited // false) | not)] | $norm")"
  want_n="$(jq -c ".items | $norm" <<<"$want")"
  if [[ "$have" != "$want_n" ]]; then
    api POST "/api/folders/$uid/permissions" "$org" "$want" >/dev/null
    log "permissions of folder $uid set: $want_n"
    CHANGED=1
  fi
}

folder "$ENG_ID" ordertrace-engineering Ordertrace
folder "$SUPPORT_ID" ordertrace-support "Order lookup"
# 1 = View, 2 = Edit, 4 = Admin. Dashboards are provisioned read-only (allowUiUpdates: false).
permissions "$ENG_ID" ordertrace-engineering "$(jq -nc --argjson d "$DEV_TEAM" --argjson a "$ADMIN_TEAM" \
  '{items: [{role:"Viewer", permission:1}, {role:"Editor", permission:1}, {teamId:$d, permission:1}, {teamId:$a, permission:4}]}')"
permissions "$SUPPORT_ID" ordertrace-support "$(jq -nc --argjson s "$SUPPORT_TEAM" \
  '{items: [{role:"Viewer", permission:1}, {teamId:$s, permission:1}]}')"

# --- the Support org's datasource -----------------------------------------------------------
# what Grafana returns (GET) and what we send, reduced to what can be compared: the secure
# values are write-only in Grafana, only the names of the set ones come back (secureJsonFields)
DS_NORM='{uid, name, type, access, url, isDefault, jsonData}'
want_ds="$(jq -c --arg url "$ORDERTRACE_GATEWAY_URL" --rawfile ca "$GW_CA" --rawfile cert "$GW_CLIENT_CERT" --rawfile key "$GW_CLIENT_KEY" \
  '.url = $url | .secureJsonData += {httpHeaderValue1: env.ORDERTRACE_GATEWAY_SECRET, tlsCACert: $ca, tlsClientCert: $cert, tlsClientKey: $key}' \
  "$SUPPORT_DS_FILE")"
DS_UID="$(jq -r .uid <<<"$want_ds")"
want_ds_n="$(jq -cS "$DS_NORM + {secure: (.secureJsonData | keys)}" <<<"$want_ds")"
# found RESULT_VAR METHOD PATH ORG: 0 and the body if it exists, 1 on 404; any other error stops
found() {
  local __var="$1" __out __rc=0
  __out="$(api "$2" "$3" "$4")" || __rc=$?
  [[ "$__rc" == 0 || "$__rc" == 3 ]] || exit "$__rc"
  printf -v "$__var" '%s' "$__out"
  [[ "$__rc" == 0 ]]
}
if found have_ds GET "/api/datasources/uid/$DS_UID" "$SUPPORT_ID"; then
  have_ds_n="$(jq -cS "$DS_NORM + {secure: ((.secureJsonFields // {}) | with_entries(select(.value == true)) | keys)}" <<<"$have_ds")"
  if [[ "$have_ds_n" != "$want_ds_n" || "$UPDATE_SECRETS" == true ]]; then
    api PUT "/api/datasources/uid/$DS_UID" "$SUPPORT_ID" "$want_ds" >/dev/null
    log "datasource $DS_UID updated in org $SUPPORT_ID"
    CHANGED=1
  fi
else
  api POST /api/datasources "$SUPPORT_ID" "$want_ds" >/dev/null
  log "datasource $DS_UID created in org $SUPPORT_ID (via $ORDERTRACE_GATEWAY_URL, role $(jq -r .secureJsonData.httpHeaderValue2 "$SUPPORT_DS_FILE"))"
  CHANGED=1
fi

# the Tempo datasource of earlier versions: the gateway speaks Jaeger now, Order lookup uses the above
if found _old_ds GET /api/datasources/uid/ordertrace-tempo "$SUPPORT_ID"; then
  api DELETE /api/datasources/uid/ordertrace-tempo "$SUPPORT_ID" >/dev/null
  log "old Tempo datasource ordertrace-tempo deleted from org $SUPPORT_ID"
  CHANGED=1
fi

# --- the Support org's only dashboard -------------------------------------------------------
# compared without id and version (Grafana assigns them); saved with overwrite, into the folder
DB_NORM='del(.id, .version)'
DB_UID="$(jq -r .uid "$SUPPORT_DASHBOARD_FILE")"
want_db_n="$(jq -cS "$DB_NORM" "$SUPPORT_DASHBOARD_FILE")"
if found have_db GET "/api/dashboards/uid/$DB_UID" "$SUPPORT_ID"; then
  have_db_n="$(jq -cS ".dashboard | $DB_NORM" <<<"$have_db")"
  have_folder="$(jq -r '.meta.folderUid // empty' <<<"$have_db")"
else
  have_db_n="" have_folder=""
fi
if [[ "$have_db_n" != "$want_db_n" || "$have_folder" != "$SUPPORT_FOLDER_UID" ]]; then
  api POST /api/dashboards/db "$SUPPORT_ID" "$(jq -c --arg f "$SUPPORT_FOLDER_UID" \
    '{dashboard: (.id = null), folderUid: $f, overwrite: true, message: "grafana/bootstrap.sh"}' "$SUPPORT_DASHBOARD_FILE")" >/dev/null
  log "dashboard $DB_UID $([[ -z "$have_db_n" ]] && echo imported || echo updated) into folder $SUPPORT_FOLDER_UID of org $SUPPORT_ID"
  CHANGED=1
fi

if [[ "$CHANGED" == 0 ]]; then
  log "nothing to do: orgs, teams, folders, permissions, the Support datasource and dashboard are as they should be"
else
  log "done"
fi
