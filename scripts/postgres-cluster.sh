#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests and the bench: Debian's server binaries, a data
# folder of its own, listening on 127.0.0.1:PORT only. PostgreSQL refuses to run as root, so as
# root it runs as the `postgres` user the Debian package creates.
#   scripts/postgres-cluster.sh start DIR PORT   → prints the DATABASE_URL of its `portail` database
#   scripts/postgres-cluster.sh stop DIR
set -euo pipefail
action=$1
dir=$(realpath -m "$2")
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ]; then
	echo "PostgreSQL's server is not installed (Debian package postgresql)." >&2
	exit 1
fi
as_owner() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
start)
	port=$3
	mkdir -p "$dir"
	[ "$(id -u)" = 0 ] && chown postgres: "$dir"
	if [ ! -f "$dir/data/PG_VERSION" ]; then
		# A fixed, simple collation: text sorts the same as on SQLite, whatever the machine's locale.
		as_owner "$bin/initdb" -D "$dir/data" -U portail --auth=trust --locale=C.UTF-8 \
			--encoding=UTF8 >"$dir/initdb.log"
	fi
	# fsync stays on: the tests exercise the same durability as a real server.
	as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
		"-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
	as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U portail -d postgres -qAtc \
		"select 1 from pg_database where datname = 'portail'" | grep -q 1 ||
		as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U portail portail
	echo "postgres://portail@127.0.0.1:$port/portail"
	;;
stop)
	as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null
	;;
*)
	echo "usage: $0 start DIR PORT | stop DIR" >&2
	exit 2
	;;
esac
