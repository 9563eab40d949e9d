#!/usr/bin/env bash
# npm run test:e2e [-- <example name>…]
# The packed package inside a real n8n (cached outside the repo): installed by the README's local-install
# recipe (npm pack, npm install in ~/.n8n/nodes), import credentials + examples, `n8n execute` each
# example, then the usage trigger inside `n8n start`.
# E2E_KEEP=1 keeps the scratch folder (user folder, logs, tarball) and prints where it is.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
cd "$E2E_REPO"
ensure_node24

n8n_home=$(ensure_n8n)
work=$(mktemp -d "${TMPDIR:-/tmp}/oaip-e2e.XXXXXX")
driver_pid=''
cleanup() {
	e2e_stop_pid "$driver_pid"
	if [ "${E2E_KEEP:-}" = 1 ]; then e2e_log "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

e2e_log "building the e2e scripts (the package itself is built by npm pack, in the README's install recipe)"
e2e_build_dev

E2E_N8N_HOME="$n8n_home" E2E_WORK="$work" \
	node .dev-build/scripts/e2e/main.js "$@" &
driver_pid=$!
status=0
wait "$driver_pid" || status=$?
driver_pid=''
exit "$status"
