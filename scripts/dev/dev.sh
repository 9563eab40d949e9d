#!/usr/bin/env bash
# npm run dev — a local n8n (the pinned version, from the e2e cache) at http://127.0.0.1:5678 with this
# package loaded and reloaded on rebuild, the fake OpenAI API, ready-made credentials and the examples.
# DEV_FRESH=1 starts from an empty n8n user folder. See docs/E2E.md.
set -euo pipefail
# shellcheck source=../e2e/lib.sh
source "$(dirname "$0")/../e2e/lib.sh"
cd "$E2E_REPO"
ensure_node24

n8n_home=$(ensure_n8n)
user_folder="$E2E_CACHE_ROOT/dev-user"
if [ "${DEV_FRESH:-}" = 1 ]; then rm -rf "$user_folder"; fi
mkdir -p "$user_folder"

e2e_log "building the package (dist/) and the dev scripts"
e2e_quiet npm run build
e2e_build_dev

DEV_N8N_HOME="$n8n_home" DEV_USER_FOLDER="$user_folder" exec node .dev-build/scripts/dev/dev.js
