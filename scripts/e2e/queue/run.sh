#!/usr/bin/env bash
# npm run test:e2e:queue [-- <example name>…]
# The packed package in n8n's queue mode: PostgreSQL and Redis (Debian packages, apt-get when missing,
# on free 127.0.0.1 ports, data in a temp folder), one n8n main and two workers, the durable scheduler.
# Everything started here is stopped at the end, also on failure or Ctrl-C.
# E2E_KEEP=1 keeps the scratch folders (user folders, n8n logs, PostgreSQL data) and prints where they are.
# E2E_QUEUE_WORKER_KILL=1 (a probe, not CI): the sink phase kills a worker (-9) mid-execution instead of stopping it.
set -euo pipefail
# shellcheck source=../lib.sh
source "$(dirname "$0")/../lib.sh"
# shellcheck source=services.sh
source "$(dirname "$0")/services.sh"
cd "$E2E_REPO"
ensure_node24

n8n_home=$(ensure_n8n)
work=$(mktemp -d "${TMPDIR:-/tmp}/oaip-e2e-queue.XXXXXX")
pid_file="$work/n8n-pids"
driver_pid=''
cleanup() {
	e2e_stop_pid "$driver_pid"
	# n8n processes run in their own process groups (so a kill -9 takes their task runner too): any left
	# behind by a driver that died are ended here, by the ids the driver wrote down
	# (only processes of those groups that still run in this run's folder: ids can be reused)
	if [ -f "$pid_file" ]; then
		while read -r group; do
			[ -n "$group" ] || continue
			for pid in $(pgrep -g "$group" 2>/dev/null || true); do
				case "$(readlink "/proc/$pid/cwd" 2>/dev/null)" in
				"$work"/*) kill -KILL "$pid" 2>/dev/null || true ;;
				esac
			done
		done <"$pid_file"
	fi
	queue_services_stop
	if [ "${E2E_KEEP:-}" = 1 ]; then e2e_log "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

queue_services_install
queue_services_start

e2e_log "building the e2e scripts"
e2e_build_dev

E2E_N8N_HOME="$n8n_home" E2E_WORK="$work" E2E_PID_FILE="$pid_file" \
	E2E_PG_PORT="$QUEUE_PG_PORT" E2E_REDIS_PORT="$QUEUE_REDIS_PORT" \
	node .dev-build/scripts/e2e/queue/main.js "$@" &
driver_pid=$!
status=0
wait "$driver_pid" || status=$?
driver_pid=''
exit "$status"
