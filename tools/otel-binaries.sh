#!/usr/bin/env bash
# Build (once) and cache the telemetry-pipeline binaries for ordertrace:
#   - otelcol-ordertrace: our own OpenTelemetry Collector distribution, built
#     with the OpenTelemetry Collector Builder (ocb) from
#     collector-config/builder-config.yaml
#   - tempo: Grafana Tempo, built from source at the release pinned in
#     tools/versions.env
# Only Go is needed; everything else comes from the Go module proxy.
# Run with --help for usage.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
VERSIONS_FILE="$SCRIPT_DIR/versions.env"
MANIFEST="$REPO_ROOT/collector-config/builder-config.yaml"
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/ordertrace"
NICE_LEVEL="${ORDERTRACE_NICE:-10}"

usage() {
  cat <<EOF
Usage: tools/otel-binaries.sh [ACTION] [--only collector|tempo] [--force]

Builds the OpenTelemetry Collector distribution (otelcol-ordertrace) and
Grafana Tempo at the versions pinned in tools/versions.env, and caches them in
  $CACHE_ROOT/bin/<name>-<version>/
so that later runs return at once. The first build downloads a few hundred
Go modules and compiles for several minutes per binary.

Actions (default: build whatever is missing, then print the two paths):
  --build             same as the default
  --print-paths       print the collector and Tempo binary paths, one per
                      line (collector first); fails if one is not built yet.
                      For other scripts:  read -r OTELCOL TEMPO < <(... | paste -sd' ')
  --check             run both cached binaries with --version; non-zero exit
                      if one is missing or does not run
  --verify-manifest   only check that builder-config.yaml matches versions.env
  --sync-manifest     rewrite the versions in builder-config.yaml from
                      versions.env (use after bumping versions.env)
  -h, --help          this text

Options:
  --only NAME         limit the build/check to "collector" or "tempo"
  --force             rebuild even if the cached binary is up to date

Environment:
  XDG_CACHE_HOME      cache root (default ~/.cache); we use \$XDG_CACHE_HOME/ordertrace
  ORDERTRACE_NICE     nice level for the Go builds (default 10)
  GOPROXY, GOFLAGS... honoured as usual by the go command
EOF
}

say()  { printf '==> %s\n' "$*" >&2; }
note() { printf '    %s\n' "$*" >&2; }
die()  { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- arguments
ACTION=build
ONLY=all
FORCE=0
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --build) ACTION=build ;;
    --print-paths) ACTION=print ;;
    --check) ACTION=check ;;
    --verify-manifest) ACTION=verify ;;
    --sync-manifest) ACTION=sync ;;
    --only)
      [ $# -ge 2 ] || die "--only needs an argument: collector or tempo"
      ONLY="$2"; shift ;;
    --only=*) ONLY="${1#--only=}" ;;
    --force) FORCE=1 ;;
    *) die "unknown argument '$1' (see tools/otel-binaries.sh --help)" ;;
  esac
  shift
done
case "$ONLY" in all|collector|tempo) ;; *) die "--only takes 'collector' or 'tempo', not '$ONLY'" ;; esac
want() { [ "$ONLY" = all ] || [ "$ONLY" = "$1" ]; }

# ------------------------------------------------------------------ versions
[ -f "$VERSIONS_FILE" ] || die "missing $VERSIONS_FILE"
# shellcheck source=versions.env
. "$VERSIONS_FILE"
for var in OTELCOL_VERSION OTELCOL_CORE_VERSION OTELCOL_CORE_STABLE_VERSION \
           OTELCOL_CONTRIB_VERSION OCB_VERSION TEMPO_VERSION TEMPO_PSEUDO_VERSION; do
  [ -n "${!var:-}" ] || die "$var is not set in $VERSIONS_FILE"
done

OTELCOL_NAME=otelcol-ordertrace
OTELCOL_DIR="$CACHE_ROOT/bin/$OTELCOL_NAME-$OTELCOL_VERSION"
OTELCOL_BIN="$OTELCOL_DIR/$OTELCOL_NAME"
TEMPO_DIR="$CACHE_ROOT/bin/tempo-$TEMPO_VERSION"
TEMPO_BIN="$TEMPO_DIR/tempo"
OCB_BIN="$CACHE_ROOT/tools/ocb-$OCB_VERSION/builder"

CORE=go.opentelemetry.io/collector
CONTRIB=github.com/open-telemetry/opentelemetry-collector-contrib
TEMPO_MODULE=github.com/grafana/tempo
# go.sum of the generated Tempo wrapper module, kept in the repo so that every
# machine builds Tempo from exactly the same module contents.
TEMPO_SUMS="$REPO_ROOT/tempo/tempo-build.go.sum"

# ------------------------------------------------------ manifest <-> versions
# Expected version for one "gomod:" module path of the manifest.
expected_version() {
  case "$1" in
    "$CONTRIB"/*) echo "$OTELCOL_CONTRIB_VERSION" ;;
    "$CORE"/confmap/*) echo "$OTELCOL_CORE_STABLE_VERSION" ;;
    "$CORE"/*) echo "$OTELCOL_CORE_VERSION" ;;
    *) echo "" ;;   # third-party component: not pinned by versions.env
  esac
}

verify_manifest() {
  [ -f "$MANIFEST" ] || die "missing $MANIFEST"
  local bad=0 path version want dist
  while read -r path version; do
    want="$(expected_version "$path")"
    if [ -n "$want" ] && [ "$version" != "$want" ]; then
      printf 'ERROR: %s: %s is at %s but versions.env says %s\n' \
        "${MANIFEST#"$REPO_ROOT"/}" "$path" "$version" "$want" >&2
      bad=1
    fi
  done < <(sed -n 's/^[[:space:]]*-[[:space:]]*gomod:[[:space:]]*\([^[:space:]]*\)[[:space:]]\{1,\}\([^[:space:]#]*\).*/\1 \2/p' "$MANIFEST")
  dist="$(sed -n 's/^[[:space:]]*version:[[:space:]]*\([^[:space:]#]*\).*/\1/p' "$MANIFEST" | head -n1)"
  if [ "$dist" != "$OTELCOL_VERSION" ]; then
    printf 'ERROR: %s: dist.version is %s but versions.env OTELCOL_VERSION is %s\n' \
      "${MANIFEST#"$REPO_ROOT"/}" "${dist:-<none>}" "$OTELCOL_VERSION" >&2
    bad=1
  fi
  if [ "$bad" -ne 0 ]; then
    die "the collector manifest drifted from tools/versions.env; run 'tools/otel-binaries.sh --sync-manifest' (or fix versions.env) and commit both"
  fi
}

sync_manifest() {
  local tmp
  tmp="$(mktemp)"
  sed -e "s#^\([[:space:]]*-[[:space:]]*gomod:[[:space:]]*$CONTRIB/[^[:space:]]*[[:space:]]\{1,\}\)v[^[:space:]#]*#\1$OTELCOL_CONTRIB_VERSION#" \
      -e "s#^\([[:space:]]*-[[:space:]]*gomod:[[:space:]]*$CORE/confmap/[^[:space:]]*[[:space:]]\{1,\}\)v[^[:space:]#]*#\1$OTELCOL_CORE_STABLE_VERSION#" \
      -e "\\|gomod:[[:space:]]*$CORE/confmap/|! s#^\([[:space:]]*-[[:space:]]*gomod:[[:space:]]*$CORE/[^[:space:]]*[[:space:]]\{1,\}\)v[^[:space:]#]*#\1$OTELCOL_CORE_VERSION#" \
      -e "0,/^[[:space:]]*version:/ s#^\([[:space:]]*version:[[:space:]]*\)[^[:space:]#]*#\1$OTELCOL_VERSION#" \
      "$MANIFEST" > "$tmp"
  if cmp -s "$tmp" "$MANIFEST"; then
    rm -f "$tmp"; say "builder-config.yaml already matches versions.env"
  else
    cat "$tmp" > "$MANIFEST"; rm -f "$tmp"; say "updated ${MANIFEST#"$REPO_ROOT"/} from versions.env (review with git diff)"
  fi
  verify_manifest
}

# ---------------------------------------------------------------------- go
require_go() {
  if ! command -v go >/dev/null 2>&1; then
    die "Go is not installed or not on PATH. Install Go 1.26 or newer (e.g. from https://go.dev/dl/, then add /usr/local/go/bin to PATH) and run this script again."
  fi
  local v
  v="$(go env GOVERSION 2>/dev/null || true)"
  note "using $(command -v go) ($v), module proxy: $(go env GOPROXY)"
  case "$v" in
    go1.2[6-9]*|go1.[3-9][0-9]*|go[2-9]*) ;;
    *) die "Go $v is too old: the pinned collector/Tempo sources need Go 1.26 or newer. Upgrade Go and run again." ;;
  esac
}

gorun() { nice -n "$NICE_LEVEL" "$@"; }

# Stamp = what a cached binary was built from; a mismatch triggers a rebuild.
otelcol_stamp() { printf '%s\n%s\n' "$OCB_VERSION" "$(sha256sum "$MANIFEST" | cut -d' ' -f1)"; }
tempo_stamp()   { printf '%s\n%s\n' "$TEMPO_PSEUDO_VERSION" "$TEMPO_VERSION"; }

up_to_date() { # bin stampfile expected-stamp
  [ -x "$1" ] && [ -f "$2" ] && [ "$(cat "$2")" = "$3" ]
}

elapsed() { local s=$(( $(date +%s) - $1 )); printf '%dm%02ds' $((s / 60)) $((s % 60)); }

# --------------------------------------------------------------- collector
build_collector() {
  local stamp; stamp="$(otelcol_stamp)"
  if [ "$FORCE" -eq 0 ] && up_to_date "$OTELCOL_BIN" "$OTELCOL_DIR/.stamp" "$stamp"; then
    say "collector: $OTELCOL_BIN is up to date (cached)"
    return 0
  fi
  local t0; t0=$(date +%s)
  say "collector: building $OTELCOL_NAME $OTELCOL_VERSION (first time: ~6 min on 2 cores)"

  if [ ! -x "$OCB_BIN" ]; then
    say "collector: installing the OpenTelemetry Collector Builder (ocb) $OCB_VERSION"
    mkdir -p "$(dirname "$OCB_BIN")"
    GOBIN="$(dirname "$OCB_BIN")" gorun go install "$CORE/cmd/builder@$OCB_VERSION" \
      || die "could not install ocb ($CORE/cmd/builder@$OCB_VERSION). Check that the Go module proxy is reachable (go env GOPROXY) and that OCB_VERSION in tools/versions.env exists."
  fi

  local work="$CACHE_ROOT/build/$OTELCOL_NAME-$OTELCOL_VERSION"
  rm -rf "$work"; mkdir -p "$work/src"
  # Same manifest, but build into our cache instead of ./_build.
  sed "s#^\([[:space:]]*output_path:\).*#\1 $work/src#" "$MANIFEST" > "$work/builder-config.yaml"
  say "collector: generating sources and compiling (log: $work/build.log)"
  if ! (cd "$work" && gorun "$OCB_BIN" --config="$work/builder-config.yaml" --ldflags="-s -w") > "$work/build.log" 2>&1; then
    tail -n 25 "$work/build.log" >&2
    die "collector build failed (full log: $work/build.log). Typical causes: a module version in builder-config.yaml does not exist on the Go module proxy, or the proxy is unreachable. Fix versions.env / the manifest and rerun."
  fi
  [ -x "$work/src/$OTELCOL_NAME" ] || die "ocb finished but $work/src/$OTELCOL_NAME is missing (see $work/build.log)"
  mkdir -p "$OTELCOL_DIR"
  install -m 0755 "$work/src/$OTELCOL_NAME" "$OTELCOL_BIN.tmp" && mv -f "$OTELCOL_BIN.tmp" "$OTELCOL_BIN"
  printf '%s\n' "$stamp" > "$OTELCOL_DIR/.stamp"
  say "collector: built $OTELCOL_BIN in $(elapsed "$t0")"
}

# -------------------------------------------------------------------- tempo
# Print the replace directives of a go.mod as "old[@v]=new[@v]" lines, ready
# for `go mod edit -replace`. Local-path replacements (./x, ../x) are skipped:
# they point into Tempo's own repository and cannot be used from outside.
gomod_replaces() {
  sed -e 's#//.*$##' "$1" | awk '
    function emit(line,   n, f, i, arrow, old, new) {
      n = split(line, f, /[ \t]+/)
      arrow = 0
      for (i = 1; i <= n; i++) if (f[i] == "=>") arrow = i
      if (arrow == 0) return
      old = f[1]; if (arrow == 3) old = old "@" f[2]
      new = f[arrow + 1]
      if (new ~ /^\.\.?\//) { print "SKIP " line > "/dev/stderr"; return }
      if (arrow + 2 <= n && f[arrow + 2] != "") new = new "@" f[arrow + 2]
      print old "=" new
    }
    { sub(/^[ \t]+/, ""); sub(/[ \t]+$/, "") }
    inblock && $0 == ")" { inblock = 0; next }
    inblock && $0 != "" { emit($0); next }
    /^replace[ \t]*\($/ { inblock = 1; next }
    /^replace[ \t]/ { sub(/^replace[ \t]+/, ""); emit($0) }
  '
}

build_tempo() {
  local stamp; stamp="$(tempo_stamp)"
  if [ "$FORCE" -eq 0 ] && up_to_date "$TEMPO_BIN" "$TEMPO_DIR/.stamp" "$stamp"; then
    say "tempo: $TEMPO_BIN is up to date (cached)"
    return 0
  fi
  local t0; t0=$(date +%s)
  say "tempo: building Grafana Tempo $TEMPO_VERSION ($TEMPO_MODULE@$TEMPO_PSEUDO_VERSION; first time: ~4-5 min on 2 cores)"
  # Tempo tags its releases v2.x.y without a /v2 module path, so the go
  # command cannot use those tags; we use the pseudo-version of the release
  # commit instead, from a small generated wrapper module.
  if [ -n "${TEMPO_GOSUMDB:-}" ]; then
    note "checksum database for the Tempo build: GOSUMDB=$TEMPO_GOSUMDB (TEMPO_GOSUMDB in versions.env);"
    note "module hashes are pinned by ${TEMPO_SUMS#"$REPO_ROOT"/} instead"
    export GOSUMDB="$TEMPO_GOSUMDB"
  fi

  say "tempo: downloading the Tempo module to read its go.mod"
  local dl dir
  dl="$(go mod download -json "$TEMPO_MODULE@$TEMPO_PSEUDO_VERSION" 2>&1)" || true
  dir="$(printf '%s\n' "$dl" | sed -n 's/^[[:space:]]*"Dir":[[:space:]]*"\(.*\)",\{0,1\}$/\1/p')"
  if [ -z "$dir" ] || [ ! -f "$dir/go.mod" ]; then
    printf '%s\n' "$dl" >&2
    die "could not download $TEMPO_MODULE@$TEMPO_PSEUDO_VERSION from the Go module proxy. Check TEMPO_PSEUDO_VERSION in tools/versions.env (tools/README.md: 'Bumping Tempo') and that the proxy is reachable."
  fi

  local work="$CACHE_ROOT/build/tempo-$TEMPO_VERSION"
  rm -rf "$work"; mkdir -p "$work"
  local gover
  gover="$(sed -n 's/^go[[:space:]]\{1,\}\([0-9.]*\).*/\1/p' "$dir/go.mod" | head -n1)"
  say "tempo: generating wrapper module in $work"
  (
    cd "$work"
    go mod init ordertrace.local/tempo-build >/dev/null 2>&1
    go mod edit -go="${gover:-1.24}" -require="$TEMPO_MODULE@$TEMPO_PSEUDO_VERSION" -tool="$TEMPO_MODULE/cmd/tempo"
    local r n=0
    while IFS= read -r r; do
      [ -n "$r" ] || continue
      go mod edit -replace="$r"; n=$((n + 1))
    done < <(gomod_replaces "$dir/go.mod")
    note "copied $n replace directive(s) from Tempo's go.mod"
    if [ -f "$TEMPO_SUMS" ]; then cp "$TEMPO_SUMS" go.sum; fi
  ) || die "could not generate the Tempo wrapper module in $work"

  say "tempo: resolving dependencies and compiling (log: $work/build.log)"
  local revision="${TEMPO_PSEUDO_VERSION##*-}" branch=main
  # A plain release number (2.10.5) comes from Tempo's release-v2.10 branch.
  if [[ "$TEMPO_VERSION" =~ ^([0-9]+)\.([0-9]+)\.[0-9]+$ ]]; then
    branch="release-v${BASH_REMATCH[1]}.${BASH_REMATCH[2]}"
  fi
  if ! (cd "$work" && gorun env GOFLAGS=-mod=mod go build -trimpath \
          -ldflags "-s -w -X main.Version=$TEMPO_VERSION -X main.Revision=$revision -X main.Branch=$branch" \
          -o "$work/tempo" "$TEMPO_MODULE/cmd/tempo") > "$work/build.log" 2>&1; then
    tail -n 25 "$work/build.log" >&2
    die "Tempo build failed (full log: $work/build.log). A 'SECURITY ERROR ... checksum mismatch' means a module differs from the hash pinned in tempo/tempo-build.go.sum: do not ignore it. 'verifying module ... 404' means the checksum database lacks a module: see TEMPO_GOSUMDB in tools/versions.env. Otherwise check TEMPO_PSEUDO_VERSION and your Go version."
  fi
  mkdir -p "$TEMPO_DIR"
  install -m 0755 "$work/tempo" "$TEMPO_BIN.tmp" && mv -f "$TEMPO_BIN.tmp" "$TEMPO_BIN"
  cp "$work/go.mod" "$TEMPO_DIR/wrapper-go.mod"
  if [ ! -f "$TEMPO_SUMS" ] || ! cmp -s "$work/go.sum" "$TEMPO_SUMS"; then
    cp "$work/go.sum" "$TEMPO_SUMS"
    note "wrote ${TEMPO_SUMS#"$REPO_ROOT"/} (module hashes of this Tempo build): commit it"
  fi
  printf '%s\n' "$stamp" > "$TEMPO_DIR/.stamp"
  say "tempo: built $TEMPO_BIN in $(elapsed "$t0")"
}

# ------------------------------------------------------------------- checks
check_one() { # name bin
  if [ ! -x "$2" ]; then
    printf 'MISSING %s: %s (run tools/otel-binaries.sh to build it)\n' "$1" "$2" >&2
    return 1
  fi
  local out
  if out="$("$2" --version 2>&1)"; then
    printf 'OK      %s: %s\n        %s\n' "$1" "$2" "$(printf '%s' "$out" | head -n1)"
  else
    printf 'BROKEN  %s: %s --version failed:\n%s\n' "$1" "$2" "$out" >&2
    return 1
  fi
}

# --------------------------------------------------------------------- main
case "$ACTION" in
  verify)
    verify_manifest; say "builder-config.yaml matches tools/versions.env" ;;
  sync)
    sync_manifest ;;
  print)
    rc=0
    for pair in "collector:$OTELCOL_BIN" "tempo:$TEMPO_BIN"; do
      want "${pair%%:*}" || continue
      [ -x "${pair#*:}" ] || { printf 'ERROR: %s is not built yet: run tools/otel-binaries.sh\n' "${pair#*:}" >&2; rc=1; }
      printf '%s\n' "${pair#*:}"
    done
    exit "$rc" ;;
  check)
    rc=0
    if want collector; then check_one "$OTELCOL_NAME" "$OTELCOL_BIN" || rc=1; fi
    if want tempo; then check_one tempo "$TEMPO_BIN" || rc=1; fi
    exit "$rc" ;;
  build)
    if want collector; then verify_manifest; fi
    require_go
    mkdir -p "$CACHE_ROOT"
    if want collector; then build_collector; fi
    if want tempo; then build_tempo; fi
    say "done. Binaries:"
    if want collector; then printf '%s\n' "$OTELCOL_BIN"; fi
    if want tempo; then printf '%s\n' "$TEMPO_BIN"; fi ;;
esac
