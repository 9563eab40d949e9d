# shellcheck shell=bash
# Shared by the e2e, bench:n8n and dev scripts: Node 24, the cached real n8n, paths and logging.
# Source it; it defines functions only (plus a few read-only variables).

E2E_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
E2E_HOST_DIR="$E2E_REPO/scripts/e2e/n8n-host"
E2E_N8N_VERSION=$(sed -n 's/.*"n8n": *"\([^"]*\)".*/\1/p' "$E2E_HOST_DIR/package.json")
E2E_CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-openai-platform"

# shellcheck source=../../.ci/node24.sh
source "$E2E_REPO/.ci/node24.sh"

e2e_log() { printf '\033[1;34m[e2e %s]\033[0m %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
e2e_fail() { printf '\033[1;31m[e2e] FAIL: %s\033[0m\n' "$*" >&2; }

# Where n8n lives: keyed on the host package.json + lockfile and the Node ABI (sqlite3 is compiled for it).
e2e_n8n_dir() {
	local key
	key=$( (cat "$E2E_HOST_DIR/package.json" "$E2E_HOST_DIR/package-lock.json"; node -p process.versions.modules) | sha256sum | cut -c1-12)
	echo "$E2E_CACHE_ROOT/n8n-$E2E_N8N_VERSION-$key"
}

# The folder node-gyp needs for headers (include/node/node.h) of the Node on PATH.
e2e_node_headers() {
	local prefix
	prefix=$(dirname "$(dirname "$(command -v node)")")
	if [ -f "$prefix/include/node/node.h" ]; then echo "$prefix"; fi
}

# Installs n8n into the cache when it is not there yet (about 4 minutes and 2.7 GB), then prints its folder.
# Recipe: docs/E2E.md ("How n8n is installed"). A folder is used only once it is marked complete.
ensure_n8n() {
	ensure_node24 >&2 || return 1
	local dir
	dir=$(e2e_n8n_dir)
	if [ -f "$dir/.complete" ] && [ -x "$dir/node_modules/.bin/n8n" ]; then
		echo "$dir"
		return 0
	fi
	local partial="$dir.partial-$$" started=$SECONDS headers
	e2e_log "installing n8n $E2E_N8N_VERSION under Node $(node --version) into $dir (first time only: about 4 minutes, 2.7 GB)"
	rm -rf "$partial"
	mkdir -p "$partial"
	cp "$E2E_HOST_DIR/package.json" "$E2E_HOST_DIR/package-lock.json" "$partial/"
	headers=$(e2e_node_headers)
	(
		set -e
		cd "$partial"
		# `npm install` with the lockfile (npm ci rejects it: other platforms' optional binaries are missing
		# from the registry). --ignore-scripts: one dependency's native build (kafka) cannot succeed here.
		npm install --ignore-scripts --no-audit --no-fund --loglevel=error >&2
		# sqlite3 ships no prebuilt binary for Node 24: compile it (it bundles its sources).
		if [ -n "$headers" ]; then export npm_config_nodedir="$headers"; fi
		npm_config_build_from_source=true JOBS="$(nproc)" npm rebuild sqlite3 --loglevel=error >&2
		node -e "require('sqlite3')" >&2
		node_modules/.bin/n8n --version >&2
	) || {
		e2e_fail "n8n install failed (left in $partial for inspection)"
		return 1
	}
	touch "$partial/.complete"
	rm -rf "$dir"
	mv "$partial" "$dir"
	e2e_log "n8n installed in $((SECONDS - started)) s"
	echo "$dir"
}

# Runs a command quietly; on failure prints its output and returns its exit code.
e2e_quiet() {
	local out status=0
	out=$("$@" 2>&1) || status=$?
	if [ "$status" -ne 0 ]; then
		printf '%s\n' "$out" >&2
		e2e_fail "$* exited with $status"
	fi
	return "$status"
}

# Compiles scripts, tests and benchmarks into .dev-build/. Type errors are reported but do not stop
# the run (tsc still emits, and `npm run lint` is where type errors fail CI).
e2e_build_dev() {
	local out
	if ! out=$(npm run build:dev 2>&1); then
		printf '%s\n' "$out" | grep 'error TS' | head -n 5 >&2
		e2e_log "warning: build:dev reported type errors (shown above; npm run lint fails on them); using the emitted JavaScript"
	fi
}

# Kills a process we started and waits for it (by pid only).
e2e_stop_pid() {
	local pid=$1
	[ -n "$pid" ] || return 0
	if kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid" 2>/dev/null || true
		for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
		kill -KILL "$pid" 2>/dev/null || true
	fi
	wait "$pid" 2>/dev/null || true
}
