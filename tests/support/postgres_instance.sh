#!/usr/bin/env bash
# A PostgreSQL cluster of the tests' own (Debian's postgresql package): data, socket and log in
# DIR, TCP on 127.0.0.1:PORT only, user signet without a password (trust), database signet.
#   postgres_instance.sh start DIR PORT
#   postgres_instance.sh stop DIR
# The caller deletes DIR after stop. PostgreSQL refuses to run as root: as root this goes
# through runuser to the postgres user, who then owns DIR.
# fsync stays on (the default), as in a real deployment.
set -euo pipefail
export PATH="/usr/sbin:/sbin:$PATH"  # runuser lives there
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "postgres_instance: no PostgreSQL server under /usr/lib/postgresql" >&2
  exit 1
fi
export PATH="$bindir:$PATH"
AS=()
if [ "$(id -u)" = 0 ]; then AS=(runuser -u postgres --); fi
cmd=${1:-} dir=${2:-}
if [ -z "$dir" ]; then cmd=usage; fi
case "$cmd" in
  start)
    port=${3:?usage: $0 start DIR PORT}
    mkdir -p "$dir/socket"
    if [ ${#AS[@]} -gt 0 ]; then
      chown -R postgres: "$dir"
      # The server runs as postgres: every folder above DIR must let it through.
      if ! "${AS[@]}" test -x "$dir/socket"; then
        echo "postgres_instance: the postgres user cannot reach $dir (a parent folder is private)" >&2
        exit 1
      fi
    fi
    if ! "${AS[@]}" initdb -D "$dir/data" --auth=trust --encoding=UTF8 --locale=C \
        --username=signet >"$dir/initdb.log" 2>&1; then
      echo "postgres_instance: initdb failed:" >&2
      tail -5 "$dir/initdb.log" >&2
      exit 1
    fi
    cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/socket'
max_connections = 200
CONF
    if ! "${AS[@]}" pg_ctl -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start >/dev/null 2>&1; then
      echo "postgres_instance: PostgreSQL did not start:" >&2
      tail -5 "$dir/postgres.log" >&2 2>/dev/null || true
      exit 1
    fi
    if ! "${AS[@]}" createdb -h 127.0.0.1 -p "$port" -U signet -O signet signet 2>"$dir/createdb.log"; then
      echo "postgres_instance: could not create database signet:" >&2
      cat "$dir/createdb.log" >&2
      "${AS[@]}" pg_ctl -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
      exit 1
    fi
    ;;
  stop)
    # Nothing to do if it never started (or already stopped).
    if [ -f "$dir/data/postmaster.pid" ] &&
        ! "${AS[@]}" pg_ctl -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1; then
      echo "postgres_instance: PostgreSQL in $dir did not stop" >&2
      exit 1
    fi
    ;;
  *) echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
