#!/usr/bin/env bash
# Index retention for Jaeger v2 on OpenSearch (P3, P4): ISM policy, rollover aliases, templates.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() {
  cat <<'EOF'
Usage: jaeger/opensearch/retention.sh --url URL [options]

Sets up index retention for Jaeger v2 on an OpenSearch cluster, idempotently (safe to re-run).

  --mode daily      (default) Jaeger writes one index per day (jaeger/jaeger-opensearch.yaml as
                    shipped). Puts the ISM policy ism-policy-daily.json: every daily index is
                    deleted RETENTION after it was created.
  --mode rollover   Jaeger writes through aliases (OPENSEARCH_USE_ALIASES=true). Puts the ISM
                    policy ism-policy-rollover.json (rollover daily or at 30 GB per primary shard,
                    delete RETENTION after the rollover), legacy templates that add every new
                    span/service index to the PREFIX-jaeger-{span,service}-read alias, Jaeger's own
                    mappings (rendered by `jaeger elasticsearch-mappings`, unless present), and the
                    first indices PREFIX-jaeger-{span,service}-000001 behind the -write aliases.
                    Run it BEFORE the first Jaeger starts with aliases.

Options:
  --url URL           OpenSearch REST endpoint, e.g. https://opensearch.internal:9200 (required)
  --prefix P          Jaeger's index prefix, OPENSEARCH_INDEX_PREFIX (default ordertrace)
  --retention D       days kept, e.g. 14d; 7d-30d per requirement P3 (default 14d)
  --shards N          primary shards of the first rollover indices (default $OPENSEARCH_SHARDS or 1)
  --replicas N        replicas of the first rollover indices (default $OPENSEARCH_REPLICAS or 0)
  --jaeger BIN        the jaeger binary, to render its index mappings in rollover mode
                      (default $JAEGER_BIN; not needed once Jaeger has created its templates)
  --user USER         basic auth user (password from OPENSEARCH_PASSWORD)
  --cacert FILE       CA bundle for a TLS endpoint
  --without-ism       the cluster has no ISM plugin (e.g. the test node of jaeger/opensearch-node):
                      rollover mode sets up templates and aliases only, and the indices must be
                      rolled over and deleted by other means (POST PREFIX-jaeger-span-write/_rollover,
                      Jaeger's es-rollover / es-index-cleaner jobs); daily mode refuses.
  --dry-run           print the requests, send none
  --help              this text
EOF
}

die() { echo "retention.sh: $*" >&2; exit 2; }
say() { if [[ "$DRY_RUN" == 1 ]]; then echo "(dry run) would have: $*"; else echo "$*"; fi; }

URL=""
MODE="daily"
PREFIX="ordertrace"
RETENTION="14d"
USER_NAME=""
SHARDS="${OPENSEARCH_SHARDS:-1}"
REPLICAS="${OPENSEARCH_REPLICAS:-0}"
JAEGER="${JAEGER_BIN:-}"
CACERT=""
WITH_ISM=1
DRY_RUN=0

while [[ $# -gt 0 ]]; do
  case "$1" in
    --help|-h) usage; exit 0 ;;
    --url|--mode|--prefix|--retention|--user|--cacert|--shards|--replicas|--jaeger)
      [[ $# -ge 2 ]] || die "$1 needs a value (see --help)"
      case "$1" in
        --url) URL="$2" ;;
        --mode) MODE="$2" ;;
        --prefix) PREFIX="$2" ;;
        --retention) RETENTION="$2" ;;
        --user) USER_NAME="$2" ;;
        --cacert) CACERT="$2" ;;
        --shards) SHARDS="$2" ;;
        --replicas) REPLICAS="$2" ;;
        --jaeger) JAEGER="$2" ;;
      esac
      shift 2 ;;
    --without-ism) WITH_ISM=0; shift ;;
    --dry-run) DRY_RUN=1; shift ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

# Every argument is checked before the first request.
[[ -n "$URL" ]] || die "--url is required (see --help)"
[[ "$URL" =~ ^https?://[^/[:space:]]+/?$ ]] || die "--url '$URL': expected http(s)://host:port"
URL="${URL%/}"
[[ "$MODE" == daily || "$MODE" == rollover ]] || die "--mode '$MODE': expected daily or rollover"
[[ "$PREFIX" =~ ^[a-z0-9][a-z0-9_-]{0,40}$ ]] || die "--prefix '$PREFIX': lower-case letters, digits, '_' and '-'"
[[ "$RETENTION" =~ ^([0-9]+)d$ ]] || die "--retention '$RETENTION': expected days, e.g. 14d"
DAYS="${BASH_REMATCH[1]}"
(( DAYS >= 1 && DAYS <= 3650 )) || die "--retention $RETENTION: expected 1d-3650d (P3 asks for 7d-30d)"
if (( DAYS < 7 || DAYS > 30 )); then
  echo "retention.sh: note: $RETENTION is outside the 7-30 days of requirement P3" >&2
fi
[[ -z "$CACERT" || -f "$CACERT" ]] || die "--cacert '$CACERT' is not a file"
[[ "$SHARDS" =~ ^[1-9][0-9]{0,2}$ ]] || die "--shards '$SHARDS': expected 1-999"
[[ "$REPLICAS" =~ ^[0-9]{1,2}$ ]] || die "--replicas '$REPLICAS': expected 0-99"
[[ -z "$JAEGER" || -x "$JAEGER" ]] || die "--jaeger '$JAEGER' is not an executable"
if [[ -n "$USER_NAME" && -z "${OPENSEARCH_PASSWORD:-}" ]]; then
  die "--user needs the password in OPENSEARCH_PASSWORD"
fi
if [[ "$MODE" == daily && "$WITH_ISM" == 0 ]]; then
  die "--mode daily deletes indices through ISM only; without ISM run Jaeger's es-index-cleaner daily instead (docs/scale-out.md)"
fi
command -v curl >/dev/null || die "curl not found"

exec 3>&1 # dry-run output goes to the real stdout, past the >/dev/null of the steps below
CURL=(curl -sS --max-time 30 -H 'Content-Type: application/json')
[[ -n "$CACERT" ]] && CURL+=(--cacert "$CACERT")
if [[ -n "$USER_NAME" ]]; then
  # The password goes to curl in a 0600 config file (-K), never on its command line (ps).
  CURL_CONFIG="$(umask 077 && mktemp "${TMPDIR:-/tmp}/ordertrace-retention.XXXXXX")"
  trap 'rm -f "$CURL_CONFIG"' EXIT
  curl_quote() { local v="${1//\\/\\\\}"; printf '"%s"' "${v//\"/\\\"}"; }
  printf 'user = %s\n' "$(curl_quote "$USER_NAME:$OPENSEARCH_PASSWORD")" >"$CURL_CONFIG"
  CURL+=(-K "$CURL_CONFIG")
fi

# request METHOD PATH [BODY]: prints the body of the answer; fails on a non-2xx status.
request() {
  local method="$1" path="$2" body="${3:-}"
  if [[ "$DRY_RUN" == 1 ]]; then
    echo "$method $URL$path" >&3
    [[ -z "$body" ]] || echo "$body" >&3
    return 0
  fi
  local out status
  out="$(mktemp)"
  if [[ -n "$body" ]]; then
    status="$("${CURL[@]}" -o "$out" -w '%{http_code}' -X "$method" "$URL$path" --data-binary "$body")" || {
      rm -f "$out"; die "$method $URL$path: no answer (is OpenSearch running there?)"; }
  else
    status="$("${CURL[@]}" -o "$out" -w '%{http_code}' -X "$method" "$URL$path")" || {
      rm -f "$out"; die "$method $URL$path: no answer (is OpenSearch running there?)"; }
  fi
  if [[ "$status" != 2* ]]; then
    local answer; answer="$(head -c 300 "$out")"; rm -f "$out"
    echo "retention.sh: $method $URL$path answered $status: $answer" >&2
    return 1
  fi
  cat "$out"; rm -f "$out"
}

# status_of PATH: the HTTP status of a GET (000 when there is no answer).
status_of() {
  "${CURL[@]}" -o /dev/null -w '%{http_code}' "$URL$1" || true
}

# policy FILE: the committed policy with the prefix and retention of this run.
policy() {
  sed -e "s/ordertrace-jaeger-/${PREFIX}-jaeger-/g" \
      -e "s/\"14d\"/\"${RETENTION}\"/g" \
      -e "s/ordertrace: /${PREFIX}: /" "$HERE/$1"
}

put_policy() {
  local id="$1" file="$2"
  if [[ "$DRY_RUN" == 0 && "$(status_of "/_plugins/_ism/policies/$id")" == 200 ]]; then
    # ISM updates need the current sequence number and primary term
    local meta seq term
    meta="$(request GET "/_plugins/_ism/policies/$id")"
    seq="$(sed -n 's/.*"_seq_no":\([0-9]*\).*/\1/p' <<<"$meta")"
    term="$(sed -n 's/.*"_primary_term":\([0-9]*\).*/\1/p' <<<"$meta")"
    request PUT "/_plugins/_ism/policies/$id?if_seq_no=$seq&if_primary_term=$term" "$(policy "$file")" >/dev/null
    say "updated ISM policy $id ($RETENTION)"
  else
    request PUT "/_plugins/_ism/policies/$id" "$(policy "$file")" >/dev/null
    say "created ISM policy $id ($RETENTION)"
  fi
}

# kind: span or service. The template puts every new index of the kind behind the read alias
# (Jaeger reads through it) and, with ISM, names the alias ISM rolls over.
put_template() {
  local kind="$1" settings=""
  if [[ "$WITH_ISM" == 1 ]]; then
    settings=", \"settings\": { \"plugins.index_state_management.rollover_alias\": \"${PREFIX}-jaeger-${kind}-write\" }"
  fi
  request PUT "/_template/${PREFIX}-jaeger-${kind}-rollover" \
    "{ \"index_patterns\": [\"${PREFIX}-jaeger-${kind}-0*\"], \"order\": 10, \"aliases\": { \"${PREFIX}-jaeger-${kind}-read\": {} }${settings} }" >/dev/null
  say "put template ${PREFIX}-jaeger-${kind}-rollover"
}

# Jaeger's own template of a kind (mappings: nested tags, keyword fields), as Jaeger would put it
# at start-up; needed before the first index exists, or that index gets dynamic mappings.
jaeger_template() {
  local kind="$1" name="${PREFIX}-jaeger-${1}"
  kept "/_template/$name" "template $name" && return 0
  if [[ "$DRY_RUN" == 1 && -z "$JAEGER" ]]; then
    echo "PUT $URL/_template/$name" >&3
    echo "(Jaeger's $kind mapping: jaeger elasticsearch-mappings --mapping jaeger-$kind --es-version 7 --index-prefix $PREFIX --shards $SHARDS --replicas $REPLICAS)" >&3
    return 0
  fi
  [[ -n "$JAEGER" ]] || die "template $name is missing: pass --jaeger BIN (or start Jaeger once without aliases) so its mappings can be rendered"
  local mapping
  mapping="$("$JAEGER" elasticsearch-mappings --mapping "jaeger-$kind" --es-version 7 --index-prefix "$PREFIX" \
    --shards "$SHARDS" --replicas "$REPLICAS" 2>/dev/null)" || die "$JAEGER elasticsearch-mappings failed"
  request PUT "/_template/$name" "$mapping" >/dev/null
  say "put template $name (Jaeger's mappings)"
}

# kept PATH WHAT: true (and says so) when PATH exists in OpenSearch; never in a dry run
kept() {
  [[ "$DRY_RUN" == 0 && "$(status_of "$1")" == 200 ]] || return 1
  echo "$2 exists: kept"
}

# The first index of a kind, behind the write alias; skipped when the alias exists already.
first_index() {
  local kind="$1" alias="${PREFIX}-jaeger-${1}-write"
  kept "/_alias/$alias" "alias $alias" && return 0
  request PUT "/${PREFIX}-jaeger-${kind}-000001" \
    "{ \"aliases\": { \"${alias}\": { \"is_write_index\": true } } }" >/dev/null
  say "created ${PREFIX}-jaeger-${kind}-000001 behind $alias"
}

if [[ "$DRY_RUN" == 0 ]]; then
  root="$(status_of /)"
  [[ "$root" == 200 ]] || die "$URL answered '$root' to GET / (is OpenSearch running there, are --user/--cacert right?)"
  if [[ "$WITH_ISM" == 1 && "$(status_of /_plugins/_ism/policies)" != 200 ]]; then
    die "$URL has no ISM plugin (opensearch-index-management; the official distribution includes it). Use --without-ism to set up the rollover aliases only."
  fi
fi

case "$MODE" in
  daily)
    put_policy "${PREFIX}-jaeger-daily-retention" ism-policy-daily.json ;;
  rollover)
    [[ "$WITH_ISM" == 1 ]] && put_policy "${PREFIX}-jaeger-rollover-retention" ism-policy-rollover.json
    for kind in span service; do
      jaeger_template "$kind"
      put_template "$kind"
      first_index "$kind"
    done ;;
esac
if [[ "$DRY_RUN" == 1 ]]; then
  echo "dry run: nothing was sent"
else
  echo "done: $MODE retention on $URL (prefix $PREFIX)"
fi
