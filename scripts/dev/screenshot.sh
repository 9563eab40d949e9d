#!/usr/bin/env bash
# bash scripts/dev/screenshot.sh [out.png] — docs/screenshot-node.png: the node panel in the n8n editor,
# from a fresh local n8n (as npm run dev makes it) in headless Chromium.
# Needs Debian's chromium (apt-get install -y chromium). playwright-core is installed into the cache
# folder next to n8n (not a dependency of this package).
set -euo pipefail
# shellcheck source=../e2e/lib.sh
source "$(dirname "$0")/../e2e/lib.sh"
cd "$E2E_REPO"
ensure_node24
PLAYWRIGHT_VERSION=1.65.1
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
	e2e_fail "no Chromium at $chromium: apt-get install -y chromium (or set CHROMIUM=/path/to/chrome)"
	exit 1
fi
pw_dir="$E2E_CACHE_ROOT/playwright-core-$PLAYWRIGHT_VERSION"
if [ ! -f "$pw_dir/node_modules/playwright-core/package.json" ]; then
	e2e_log "installing playwright-core@$PLAYWRIGHT_VERSION into $pw_dir"
	mkdir -p "$pw_dir"
	npm install --prefix "$pw_dir" --no-save --no-audit --no-fund --ignore-scripts "playwright-core@$PLAYWRIGHT_VERSION" >&2
fi
n8n_home=$(ensure_n8n)
work=$(mktemp -d "${TMPDIR:-/tmp}/oaip-shot.XXXXXX")
trap 'rm -rf "$work"' EXIT
e2e_quiet npm run build
e2e_build_dev
SHOT_N8N_HOME="$n8n_home" SHOT_PLAYWRIGHT="$pw_dir/node_modules/playwright-core" SHOT_WORK="$work" \
	SHOT_OUT="$(realpath -m "${1:-docs/screenshot-node.png}")" CHROMIUM="$chromium" \
	node .dev-build/scripts/dev/screenshot.js
