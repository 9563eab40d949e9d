#!/usr/bin/env bash
# npm run bench:n8n — n8n's built-in OpenAI node vs ours, 1,000 items, in the cached real n8n
# (bench/n8nBuiltin.bench.ts; figures go to docs/BENCHMARKS.md). BENCH_N8N_ONLY=builtin|ours runs one side.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
cd "$E2E_REPO"
ensure_node24

n8n_home=$(ensure_n8n)
work=$(mktemp -d "${TMPDIR:-/tmp}/oaip-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

e2e_log "building and packing the package"
e2e_quiet npm run build
tarball="$work/$(npm pack --pack-destination "$work" --silent | tail -n 1)"
e2e_build_dev

E2E_N8N_HOME="$n8n_home" E2E_TARBALL="$tarball" E2E_N8N_VERSION="$E2E_N8N_VERSION" \
	node .dev-build/bench/run.js n8nBuiltin
