#!/usr/bin/env bash
# grafana/bootstrap.sh -- what Grafana OSS cannot provision from files, through its HTTP API:
#
#   * org 1 renamed "Engineering", org "Support" created (must get id 2: the provisioning
#     files use orgId 2 for it)
#   * teams: "Developers" and "Admins" in Engineering, "Support" in Support
#   * folders "Ordertrace" (Engineering) and "Order lookup" (Support), same uids as the
#     dashboard providers, with permissions: Support's folder is view-only for Viewers and the
#     Support team -- it holds ONLY the Order lookup dashboard (provisioning/dashboards)
#   * after creating the Support org: reloads datasource/dashboard/alerting provisioning so the
#     orgId 2 files take effect without a restart
#
# Idempotent: it reads before it writes; a second run changes nothing.
#
# Needs curl and jq, and the emergency (server) admin's credentials. grafana.ini disables basic
# auth; run this while Grafana runs with GF_AUTH_BASIC_ENABLED=true (grafana/README.md,
# "Bootstrap"), then restart Grafana without it.
#
# Environment:
#   GRAFANA_URL             default https://127.0.0.1:3000
#   GRAFANA_ADMIN_USER      default admin
#   GRAFANA_ADMIN_PASSWORD  required
#   GRAFANA_CA_CERT         CA to verify Grafana's certificate (default deploy/certs/ca.crt if present)
set -euo pipefail

usage() {
  sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'
  echo "Usage: $0 [--help] [--reload]"
  echo "  --reload   reload provisioning even if nothing was created"
}

RELOAD=false
for arg in "$@"; do
  case "$arg" in
    -h|--help) usage; exit 0 ;;
    --reload) RELOAD=true ;;
    *) echo "unknown argument: $arg" >&2; usage >&2; exit 2 ;;
  esac
done

command -v curl >/dev/null || { echo "bootstrap: curl is required" >&2; exit 1; }
command -v jq >/dev/null || { echo "bootstrap: jq is required" >&2; exit 1; }

HERE="$(cd "$(dirname "$0")" && pwd)"
GRAFANA_URL="${GRAFANA_URL:-https://127.0.0.1:3000}"
GRAFANA_URL="${GRAFANA_URL%/}"
GRAFANA_ADMIN_USER="${GRAFANA_ADMIN_USER:-admin}"
: "${GRAFANA_ADMIN_PASSWORD:?set GRAFANA_ADMIN_PASSWORD (the emergency admin of grafana.ini [security])}"
CA="${GRAFANA_CA_CERT:-}"
if [[ -z "$CA" && -f "$HERE/../deploy/certs/ca.crt" ]]; then
  CA="$HERE/../deploy/certs/ca.crt"
fi

CURL=(curl -sS --max-time 15 -u "$GRAFANA_ADMIN_USER:$GRAFANA_ADMIN_PASSWORD" -H "Content-Type: application/json")
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
  [[ -n "$body" ]] && args+=(--data "$body")
  if ! out="$("${args[@]}" "$GRAFANA_URL$path" 2>&1)"; then
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
[[ "$SUPPORT_ID" == "2" ]] || die "org 'Support' has id $SUPPORT_ID, but the provisioning files expect 2 (grafana/provisioning/*: orgId 2). Fix the files or the org."
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

# --- provisioning of orgId 2 ----------------------------------------------------------------
if [[ "$CHANGED" == 1 || "$RELOAD" == true ]]; then
  for what in datasources dashboards alerting; do
    api POST "/api/admin/provisioning/$what/reload" >/dev/null
    log "provisioning reloaded: $what"
  done
fi

if [[ "$CHANGED" == 0 ]]; then
  log "nothing to do: orgs, teams, folders and permissions are as they should be"
else
  log "done"
fi
