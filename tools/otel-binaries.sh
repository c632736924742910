#!/usr/bin/env bash
# Build (once) and cache the telemetry-pipeline binaries for ordertrace:
#   - otelcol-ordertrace: our own OpenTelemetry Collector distribution, built
#     with the OpenTelemetry Collector Builder (ocb) from
#     collector-config/builder-config.yaml
#   - jaeger: Jaeger v2 (the trace store), built from its Go module through the
#     wrapper module jaeger/build (go.mod and go.sum committed; the checksum
#     database stays on)
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
Usage: tools/otel-binaries.sh [ACTION] [--only collector|jaeger] [--force]

Builds the OpenTelemetry Collector distribution (otelcol-ordertrace) and
Jaeger v2 at the versions pinned in tools/versions.env, and caches them in
  $CACHE_ROOT/bin/<name>-<version>/
so that later runs return at once. The first build downloads a few hundred
Go modules and compiles for several minutes per binary.

Actions (default: build whatever is missing, then print the two paths):
  --build             same as the default
  --print-paths       print the collector and Jaeger binary paths, one per
                      line (collector first); fails if one is not built yet.
                      For other scripts:  read -r OTELCOL JAEGER < <(... | paste -sd' ')
  --check             run both cached binaries with --version; non-zero exit
                      if one is missing or does not run
  --verify-manifest   only check that builder-config.yaml matches versions.env
  --sync-manifest     rewrite the versions in builder-config.yaml from
                      versions.env (use after bumping versions.env)
  -h, --help          this text

Options:
  --only NAME         limit the build/check to "collector" or "jaeger"
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
      [ $# -ge 2 ] || die "--only needs an argument: collector or jaeger"
      ONLY="$2"; shift ;;
    --only=*) ONLY="${1#--only=}" ;;
    --force) FORCE=1 ;;
    *) die "unknown argument '$1' (see tools/otel-binaries.sh --help)" ;;
  esac
  shift
done
case "$ONLY" in all|collector|jaeger) ;; *) die "--only takes 'collector' or 'jaeger', not '$ONLY'" ;; esac
want() { [ "$ONLY" = all ] || [ "$ONLY" = "$1" ]; }

# ------------------------------------------------------------------ versions
[ -f "$VERSIONS_FILE" ] || die "missing $VERSIONS_FILE"
# shellcheck source=versions.env
. "$VERSIONS_FILE"
for var in OTELCOL_VERSION OTELCOL_CORE_VERSION OTELCOL_CORE_STABLE_VERSION \
           OTELCOL_CONTRIB_VERSION OCB_VERSION JAEGER_VERSION JAEGER_MODULE_VERSION; do
  [ -n "${!var:-}" ] || die "$var is not set in $VERSIONS_FILE"
done

OTELCOL_NAME=otelcol-ordertrace
OTELCOL_DIR="$CACHE_ROOT/bin/$OTELCOL_NAME-$OTELCOL_VERSION"
OTELCOL_BIN="$OTELCOL_DIR/$OTELCOL_NAME"
JAEGER_DIR="$CACHE_ROOT/bin/jaeger-$JAEGER_VERSION"
JAEGER_BIN="$JAEGER_DIR/jaeger"
OCB_BIN="$CACHE_ROOT/tools/ocb-$OCB_VERSION/builder"

CORE=go.opentelemetry.io/collector
CONTRIB=github.com/open-telemetry/opentelemetry-collector-contrib
JAEGER_MODULE=github.com/jaegertracing/jaeger
# The wrapper module that builds cmd/jaeger: its go.mod pins every dependency and
# its go.sum holds their hashes, so every machine builds the same Jaeger.
JAEGER_WRAPPER="$REPO_ROOT/jaeger/build"

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
    *) die "Go $v is too old: the pinned collector/Jaeger sources need Go 1.26 or newer. Upgrade Go and run again." ;;
  esac
}

gorun() { nice -n "$NICE_LEVEL" "$@"; }

# Stamp = what a cached binary was built from; a mismatch triggers a rebuild.
otelcol_stamp() { printf '%s\n%s\n%s\n' "$OCB_VERSION" "$(sha256sum "$MANIFEST" | cut -d' ' -f1)" "$(processor_sources_hash)"; }
# Our own processors (collector-config/processor/*, "path:" in the manifest) are compiled in:
# a change to their sources must rebuild the binary.
processor_sources_hash() {
  (cd "$REPO_ROOT/collector-config/processor" && find . -type f \( -name '*.go' -o -name go.mod -o -name go.sum \) ! -name '*_test.go' -print0 \
    | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
}
jaeger_stamp()  { printf '%s\n%s\n' "$JAEGER_VERSION" "$(cat "$JAEGER_WRAPPER/go.mod" "$JAEGER_WRAPPER/go.sum" | sha256sum | cut -d' ' -f1)"; }

up_to_date() { # bin stampfile expected-stamp
  [ -x "$1" ] && [ -f "$2" ] && [ "$(cat "$2")" = "$3" ]
}

elapsed() { local s=$(( $(date +%s) - $1 )); printf '%dm%02ds' $((s / 60)) $((s % 60)); }

# cached NAME BIN DIR STAMP: true (and says so) when BIN was built from STAMP and --force is off
cached() {
  if [ "$FORCE" -eq 0 ] && up_to_date "$2" "$3/.stamp" "$4"; then
    say "$1: $2 is up to date (cached)"
    return 0
  fi
  return 1
}

# install_built NAME BUILT BIN DIR STAMP T0: puts the binary in the cache atomically, then its stamp
install_built() {
  mkdir -p "$4"
  install -m 0755 "$2" "$3.tmp" && mv -f "$3.tmp" "$3"
  printf '%s\n' "$5" > "$4/.stamp"
  say "$1: built $3 in $(elapsed "$6")"
}

# --------------------------------------------------------------- collector
build_collector() {
  local stamp; stamp="$(otelcol_stamp)"
  cached collector "$OTELCOL_BIN" "$OTELCOL_DIR" "$stamp" && return 0
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
  # ("path: ./x" means the repository's x; ocb resolves paths from its working directory.)
  sed -e "s#^\([[:space:]]*output_path:\).*#\1 $work/src#" \
      -e "s#^\([[:space:]]*path:[[:space:]]*\)\./#\1$REPO_ROOT/#" "$MANIFEST" > "$work/builder-config.yaml"
  say "collector: generating sources and compiling (log: $work/build.log)"
  if ! (cd "$work" && gorun "$OCB_BIN" --config="$work/builder-config.yaml" --ldflags="-s -w") > "$work/build.log" 2>&1; then
    tail -n 25 "$work/build.log" >&2
    die "collector build failed (full log: $work/build.log). Typical causes: a module version in builder-config.yaml does not exist on the Go module proxy, or the proxy is unreachable. Fix versions.env / the manifest and rerun."
  fi
  [ -x "$work/src/$OTELCOL_NAME" ] || die "ocb finished but $work/src/$OTELCOL_NAME is missing (see $work/build.log)"
  install_built collector "$work/src/$OTELCOL_NAME" "$OTELCOL_BIN" "$OTELCOL_DIR" "$stamp" "$t0"
}

# ------------------------------------------------------------------- jaeger
verify_jaeger_wrapper() {
  [ -f "$JAEGER_WRAPPER/go.mod" ] && [ -f "$JAEGER_WRAPPER/go.sum" ] \
    || die "missing ${JAEGER_WRAPPER#"$REPO_ROOT"/}/go.mod or go.sum (the Jaeger wrapper module)"
  local pinned
  pinned="$(sed -n "s#^[[:space:]]*\(require[[:space:]]\{1,\}\)\{0,1\}$JAEGER_MODULE[[:space:]]\{1,\}\(v[^[:space:]]*\).*#\2#p" "$JAEGER_WRAPPER/go.mod" | head -n1)"
  [ "$pinned" = "$JAEGER_MODULE_VERSION" ] \
    || die "jaeger/build/go.mod requires $JAEGER_MODULE ${pinned:-<none>} but tools/versions.env says JAEGER_MODULE_VERSION=$JAEGER_MODULE_VERSION. Bump both together (tools/README.md: 'Bumping Jaeger')."
}

build_jaeger() {
  verify_jaeger_wrapper
  local stamp; stamp="$(jaeger_stamp)"
  cached jaeger "$JAEGER_BIN" "$JAEGER_DIR" "$stamp" && return 0
  local t0; t0=$(date +%s)
  say "jaeger: building Jaeger $JAEGER_VERSION ($JAEGER_MODULE@$JAEGER_MODULE_VERSION; first time: ~10 min and 2 GB of memory on 2 cores)"
  local work="$CACHE_ROOT/build/jaeger-$JAEGER_VERSION"
  rm -rf "$work"; mkdir -p "$work"
  cp "$JAEGER_WRAPPER/go.mod" "$JAEGER_WRAPPER/go.sum" "$work/"
  say "jaeger: downloading modules and compiling (log: $work/build.log)"
  local info="$JAEGER_MODULE/internal/version"
  # -mod=readonly: the committed go.mod/go.sum must already be complete; a module whose
  # hash differs from go.sum or from the checksum database stops the build.
  if ! (cd "$work" && gorun env GOFLAGS=-mod=readonly go build -trimpath \
          -ldflags "-s -w -X $info.latestVersion=v$JAEGER_VERSION -X $info.commitSHA=$JAEGER_MODULE_VERSION -X $info.date=pinned" \
          -o "$work/jaeger" "$JAEGER_MODULE/cmd/jaeger") > "$work/build.log" 2>&1; then
    tail -n 25 "$work/build.log" >&2
    die "Jaeger build failed (full log: $work/build.log). 'SECURITY ERROR ... checksum mismatch' means a module differs from jaeger/build/go.sum or the checksum database: do not ignore it. 'updates to go.mod needed' means jaeger/build/go.mod is incomplete: run 'go mod tidy' there and commit (tools/README.md). Otherwise check your Go version and the module proxy."
  fi
  install_built jaeger "$work/jaeger" "$JAEGER_BIN" "$JAEGER_DIR" "$stamp" "$t0"
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
    for pair in "collector:$OTELCOL_BIN" "jaeger:$JAEGER_BIN"; do
      want "${pair%%:*}" || continue
      [ -x "${pair#*:}" ] || { printf 'ERROR: %s is not built yet: run tools/otel-binaries.sh\n' "${pair#*:}" >&2; rc=1; }
      printf '%s\n' "${pair#*:}"
    done
    exit "$rc" ;;
  check)
    rc=0
    if want collector; then check_one "$OTELCOL_NAME" "$OTELCOL_BIN" || rc=1; fi
    if want jaeger; then check_one jaeger "$JAEGER_BIN" || rc=1; fi
    exit "$rc" ;;
  build)
    if want collector; then verify_manifest; fi
    require_go
    mkdir -p "$CACHE_ROOT"
    if want collector; then build_collector; fi
    if want jaeger; then build_jaeger; fi
    say "done. Binaries:"
    if want collector; then printf '%s\n' "$OTELCOL_BIN"; fi
    if want jaeger; then printf '%s\n' "$JAEGER_BIN"; fi ;;
esac
