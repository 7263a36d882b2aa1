#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests and benchmarks: a fresh cluster in a temp
# folder, listening on a unix socket in that folder (and, with --port, on 127.0.0.1), with
# one database. It installs nothing: it needs Debian's `postgresql` package (initdb, pg_ctl
# under /usr/lib/postgresql/*/bin) or PostgreSQL's binaries on PATH / in $PG_BIN.
#
#   tools/postgres_for_tests.sh start [--dir DIR] [--port N] [--db NAME] [--fast]
#       initialises and starts the cluster; prints one line on stdout, the SQLAlchemy URL
#       (postgresql+psycopg://fazhi@/NAME?host=DIR&port=P). Progress goes to stderr.
#       --fast: fsync=off, synchronous_commit=off, full_page_writes=off (tests only: a crash
#       of the machine may lose the cluster, which is thrown away anyway). Without it the
#       server is as durable as a default installation (for benchmarks).
#   tools/postgres_for_tests.sh stop DIR_OR_URL [--keep]
#       stops the server (fast shutdown) and removes its folder (unless --keep).
#   tools/postgres_for_tests.sh status DIR_OR_URL
#
# PostgreSQL refuses to run as root: as root the server runs as the `postgres` user (made
# by the Debian package; a system user `fazhi-pg` is created when there is none). The
# folder is owned by that user, mode 0700; root connects through the socket anyway, and a
# non-root caller runs the server as itself. Authentication is `trust` for the socket and
# 127.0.0.1 only: this is a test server, never a place for real data.
set -euo pipefail

die() { echo "postgres_for_tests: $*" >&2; exit 1; }
say() { echo "postgres_for_tests: $*" >&2; }

find_bin() {
  if [[ -n "${PG_BIN:-}" && -x "$PG_BIN/initdb" ]]; then echo "$PG_BIN"; return; fi
  local newest=""
  for dir in /usr/lib/postgresql/*/bin; do
    [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]] && newest="$dir"  # glob order: the last is the newest
  done
  if [[ -z "$newest" ]]; then
    newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [[ -n "$newest" && -x "$newest/initdb" ]] || newest=""
  fi
  if [[ -n "$newest" ]]; then echo "$newest"; return; fi
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then dirname "$(command -v initdb)"; return; fi
  die "PostgreSQL's server binaries (initdb, pg_ctl) not found: install Debian's 'postgresql' package (apt-get install postgresql) or set PG_BIN"
}

# the user that runs the server, and a prefix that runs a command as that user
server_user() {
  if [[ "$(id -u)" != 0 ]]; then id -un; return; fi
  if id -u postgres >/dev/null 2>&1; then echo postgres; return; fi
  if ! id -u fazhi-pg >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin fazhi-pg >/dev/null 2>&1 \
      || die "running as root and there is no 'postgres' user; could not create 'fazhi-pg'"
  fi
  echo fazhi-pg
}

as_server() {  # as_server USER CMD...
  local user=$1; shift
  if [[ "$(id -u)" == 0 ]]; then
    if command -v runuser >/dev/null; then runuser -u "$user" -- "$@"; else su -s /bin/sh "$user" -c "$(printf '%q ' "$@")"; fi
  else
    "$@"
  fi
}

dir_of() {  # a folder, or the host=... of a URL
  local arg=$1
  if [[ "$arg" == *"://"* ]]; then
    local host
    host=$(sed -n 's/.*[?&]host=\([^&]*\).*/\1/p' <<<"$arg")
    [[ -n "$host" ]] || die "no host=DIR in $arg"
    printf '%b' "${host//%/\\x}"  # percent-decoding
  else
    echo "$arg"
  fi
}

free_port() {
  local port
  for port in $(seq 54320 54420); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  die "no free port in 54320-54420"
}

cmd_start() {
  local dir="" port="" db="fazhi" fast=0
  while [[ $# -gt 0 ]]; do
    case $1 in
      --dir) dir=$2; shift 2 ;;
      --port) port=$2; shift 2 ;;
      --db) db=$2; shift 2 ;;
      --fast) fast=1; shift ;;
      *) die "unknown option $1 (start [--dir DIR] [--port N] [--db NAME] [--fast])" ;;
    esac
  done
  [[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || die "database name must be lowercase letters, digits and _"
  local bin user
  bin=$(find_bin)
  user=$(server_user)
  if [[ -z "$dir" ]]; then
    dir=$(mktemp -d "${TMPDIR:-/tmp}/fazhi-pg.XXXXXX")
  else
    mkdir -p "$dir"
    [[ -z "$(ls -A "$dir")" ]] || die "$dir is not empty"
  fi
  dir=$(cd "$dir" && pwd)
  (( ${#dir} < 80 )) || die "$dir is too long for a unix socket path; use a shorter --dir"
  chmod 0700 "$dir"
  [[ "$(id -u)" == 0 ]] && chown "$user" "$dir"
  # the server user must be able to reach the folder (a root-only parent would stop it)
  as_server "$user" test -w "$dir" || die "$user cannot write $dir (choose a --dir it can reach, e.g. under /tmp)"

  say "initdb ($bin, as $user) in $dir/data"
  as_server "$user" "$bin/initdb" -D "$dir/data" -U fazhi --auth=trust --encoding=UTF8 --locale=C \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }

  local listen="''"
  if [[ -n "$port" ]]; then
    [[ "$port" == auto ]] && port=$(free_port)
    listen=127.0.0.1
  else
    port=5432  # names the socket file only: nothing listens on TCP
  fi
  local options="-c listen_addresses=$listen -c port=$port -c unix_socket_directories=$dir"
  options+=" -c max_connections=200 -c shared_buffers=128MB"
  if (( fast )); then
    options+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi
  say "starting the server"
  as_server "$user" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "$options" -w -t 60 start >/dev/null \
    || { tail -n 20 "$dir/server.log" >&2 || true; die "the server did not start"; }
  as_server "$user" "$bin/createdb" -h "$dir" -p "$port" -U fazhi "$db" \
    || die "could not create database $db"
  local url="postgresql+psycopg://fazhi@/$db?host=$dir&port=$port"
  as_server "$user" sh -c "echo '$url' > '$dir/url'"
  say "running (server log $dir/server.log); stop with: $0 stop $dir"
  echo "$url"
}

cmd_stop() {
  [[ $# -ge 1 ]] || die "stop DIR_OR_URL [--keep]"
  local dir keep=0
  dir=$(dir_of "$1")
  [[ "${2:-}" == --keep ]] && keep=1
  [[ -d "$dir/data" ]] || die "no test cluster in $dir"
  local bin user
  bin=$(find_bin)
  user=$(stat -c %U "$dir/data")
  if [[ "$(id -u)" != 0 && "$user" != "$(id -un)" ]]; then die "$dir belongs to $user"; fi
  as_server "$user" "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || say "the server was not running"
  if (( ! keep )); then
    case "$dir" in
      /|/tmp|/var|/home|/root|"") die "refusing to remove $dir" ;;
    esac
    rm -rf -- "$dir"
  fi
}

cmd_status() {
  [[ $# -ge 1 ]] || die "status DIR_OR_URL"
  local dir bin user
  dir=$(dir_of "$1")
  [[ -d "$dir/data" ]] || die "no test cluster in $dir"
  bin=$(find_bin)
  user=$(stat -c %U "$dir/data")
  as_server "$user" "$bin/pg_ctl" -D "$dir/data" status
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  status) shift; cmd_status "$@" ;;
  *) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
