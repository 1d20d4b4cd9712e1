#!/usr/bin/env bash
# deploy/run-local.sh HTTP_PORT — the production stack on this machine, in the foreground:
# gunicorn (gongkai.wsgi) behind nginx with the shipped configuration (deploy/gongkai.nginx.conf),
# plus a task worker when GONGKAI_TASKS_BACKEND=database. The site is the one the environment
# configures (DATABASE_URL, GONGKAI_VAR_DIR, ...; docs/configuration.md). SIGTERM or Ctrl-C stops
# everything it started.
#
# Defaults it sets when unset: GONGKAI_PAGE_CACHE_DIR=<GONGKAI_VAR_DIR>/pages, GONGKAI_TRUSTED_PROXIES=
# 127.0.0.1 (nginx), GONGKAI_HTTPS=0 (plain HTTP on this machine), GONGKAI_DEBUG=0, GONGKAI_WEB_WORKERS=3.
# It migrates the database and collects static files when they are missing; it loads no data.
set -euo pipefail

if [[ $# -ne 1 || ! $1 =~ ^[0-9]+$ ]]; then
    echo "usage: $0 HTTP_PORT" >&2
    exit 2
fi
HTTP_PORT=$1
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
BIN=${GONGKAI_BIN:-$ROOT/.venv/bin}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}

export GONGKAI_VAR_DIR=${GONGKAI_VAR_DIR:-$ROOT/var}
GONGKAI_VAR_DIR=$(mkdir -p "$GONGKAI_VAR_DIR" && cd "$GONGKAI_VAR_DIR" && pwd)
export GONGKAI_PAGE_CACHE_DIR=${GONGKAI_PAGE_CACHE_DIR:-$GONGKAI_VAR_DIR/pages}
export GONGKAI_STATIC_ROOT=${GONGKAI_STATIC_ROOT:-$GONGKAI_VAR_DIR/static}
export GONGKAI_TRUSTED_PROXIES=${GONGKAI_TRUSTED_PROXIES:-127.0.0.1}
export GONGKAI_HTTPS=${GONGKAI_HTTPS:-0}
export GONGKAI_DEBUG=${GONGKAI_DEBUG:-0}
export DJANGO_SETTINGS_MODULE=gongkai.settings
WORKERS=${GONGKAI_WEB_WORKERS:-3}

RUN=$(mktemp -d "${TMPDIR:-/tmp}/gongkai-run.XXXXXX")
pids=()
stop() {
    trap - TERM INT EXIT
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$RUN"
}
trap 'stop; exit 0' TERM INT
trap stop EXIT

cd "$ROOT"  # other relative paths in the environment mean what they mean for `make run`
"$BIN/gongkai" migrate --noinput >/dev/null
# Collect static files on the first start and again when a static source or a dependency is newer than
# the manifest collectstatic wrote (pages link the hashed names it lists: gongkai/core/staticstorage.py).
MANIFEST=$GONGKAI_STATIC_ROOT/staticfiles.json
if [[ ! -f $MANIFEST ]] || [[ -n $(find "$ROOT/gongkai" -path '*/static/*' -newer "$MANIFEST" -print -quit) ]] \
        || [[ $ROOT/pyproject.toml -nt $MANIFEST ]] || [[ $ROOT/package-lock.json -nt $MANIFEST ]]; then
    "$BIN/gongkai" collectstatic --noinput >/dev/null
fi
mkdir -p "$GONGKAI_PAGE_CACHE_DIR"

sed -e "s#@LISTEN@#127.0.0.1:$HTTP_PORT#" -e "s#@UPSTREAM@#unix:$RUN/app.sock#" \
    -e "s#@PAGES_DIR@#$GONGKAI_PAGE_CACHE_DIR#" -e "s#@STATIC_ROOT@#$GONGKAI_STATIC_ROOT#" \
    "$HERE/gongkai.nginx.conf" > "$RUN/gongkai.conf"
USER_LINE=""
[[ $(id -u) -eq 0 ]] && USER_LINE="user root;"  # workers must read the pages and reach the socket
sed -e "s#@RUN@#$RUN#g" -e "s#@USER@#$USER_LINE#" "$HERE/nginx-local.conf" > "$RUN/nginx.conf"
"$NGINX" -t -q -p "$RUN" -c "$RUN/nginx.conf"

"$BIN/gunicorn" gongkai.wsgi:application --config "$HERE/gunicorn.conf.py" --bind "unix:$RUN/app.sock" --workers "$WORKERS" \
    --forwarded-allow-ips 127.0.0.1 --graceful-timeout 10 &
pids+=($!)
if [[ ${GONGKAI_TASKS_BACKEND:-immediate} == database ]]; then
    "$BIN/gongkai" db_worker --queue-name '*' --no-reload &
    pids+=($!)
fi
"$NGINX" -p "$RUN" -c "$RUN/nginx.conf" &
pids+=($!)
echo "gongkai: http://127.0.0.1:$HTTP_PORT/ (nginx → gunicorn × $WORKERS; pages in $GONGKAI_PAGE_CACHE_DIR)" >&2
# Stop everything as soon as one of them dies (or on SIGTERM/SIGINT through the trap).
wait -n "${pids[@]}"
status=$?
echo "gongkai: a process exited ($status); stopping the others" >&2
exit "$status"
