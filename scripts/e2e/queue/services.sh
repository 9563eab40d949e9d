# shellcheck shell=bash
# PostgreSQL and Redis for the queue-mode e2e, from Debian packages: installed with apt-get when missing
# (CI runs as root on Debian), bound to 127.0.0.1 on free ports, data in a temp folder, stopped by
# queue_services_stop (call it from an EXIT trap). Source after lib.sh.

queue_pg_bin() {
	local dir
	for dir in /usr/lib/postgresql/*/bin; do
		if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; fi
	done | sort -V | tail -n 1
}

# apt-get install of what is missing (postgresql, redis-server).
queue_services_install() {
	local missing=()
	[ -n "$(queue_pg_bin)" ] || missing+=(postgresql)
	command -v redis-server >/dev/null || missing+=(redis-server)
	[ "${#missing[@]}" -gt 0 ] || return 0
	if [ "$(id -u)" != 0 ]; then
		e2e_fail "missing ${missing[*]}: install them (apt-get install ${missing[*]}) or run as root"
		return 1
	fi
	e2e_log "apt-get install ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	e2e_quiet apt-get update -qq
	e2e_quiet apt-get install -y -qq --no-install-recommends "${missing[@]}"
	# the packages start their own services: the e2e runs its own copies on free ports
	service redis-server stop >/dev/null 2>&1 || true
	service postgresql stop >/dev/null 2>&1 || true
}

queue_free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

# Runs a command as the postgres user (PostgreSQL refuses root).
queue_as_postgres() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

QUEUE_PG_DIR='' QUEUE_REDIS_PID=''

# Starts PostgreSQL (trust auth on 127.0.0.1, database n8n) and Redis (no persistence); exports
# QUEUE_PG_PORT and QUEUE_REDIS_PORT.
queue_services_start() {
	local bin started=$SECONDS
	bin=$(queue_pg_bin)
	QUEUE_PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/oaip-e2e-pg.XXXXXX")
	if [ "$(id -u)" = 0 ]; then chown postgres: "$QUEUE_PG_DIR"; fi
	QUEUE_PG_PORT=$(queue_free_port)
	e2e_quiet queue_as_postgres "$bin/initdb" -D "$QUEUE_PG_DIR/data" -U postgres -A trust -E UTF8 --no-sync || return 1
	e2e_quiet queue_as_postgres "$bin/pg_ctl" -D "$QUEUE_PG_DIR/data" -l "$QUEUE_PG_DIR/postgres.log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -p $QUEUE_PG_PORT -k $QUEUE_PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start || {
		cat "$QUEUE_PG_DIR/postgres.log" >&2
		return 1
	}
	e2e_quiet queue_as_postgres "$bin/createdb" -h 127.0.0.1 -p "$QUEUE_PG_PORT" -U postgres n8n || return 1
	QUEUE_REDIS_PORT=$(queue_free_port)
	redis-server --bind 127.0.0.1 --port "$QUEUE_REDIS_PORT" --save '' --appendonly no --daemonize no \
		--dir "$QUEUE_PG_DIR" --logfile "$QUEUE_PG_DIR/redis.log" &
	QUEUE_REDIS_PID=$!
	for _ in $(seq 1 50); do
		if redis-cli -h 127.0.0.1 -p "$QUEUE_REDIS_PORT" ping 2>/dev/null | grep -q PONG; then break; fi
		sleep 0.1
	done
	redis-cli -h 127.0.0.1 -p "$QUEUE_REDIS_PORT" ping | grep -q PONG || { e2e_fail "redis did not start"; return 1; }
	export QUEUE_PG_PORT QUEUE_REDIS_PORT
	e2e_log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$QUEUE_PG_PORT, Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2) on 127.0.0.1:$QUEUE_REDIS_PORT ($((SECONDS - started)) s)"
}

queue_services_stop() {
	local bin
	bin=$(queue_pg_bin)
	e2e_stop_pid "$QUEUE_REDIS_PID"
	QUEUE_REDIS_PID=''
	if [ -n "$QUEUE_PG_DIR" ]; then
		if [ -f "$QUEUE_PG_DIR/data/postmaster.pid" ]; then
			queue_as_postgres "$bin/pg_ctl" -D "$QUEUE_PG_DIR/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
		fi
		if [ "${E2E_KEEP:-}" = 1 ]; then e2e_log "kept $QUEUE_PG_DIR (PostgreSQL data and logs)"; else rm -rf "$QUEUE_PG_DIR"; fi
		QUEUE_PG_DIR=''
	fi
}
