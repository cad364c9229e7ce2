#!/usr/bin/env bash
# A throwaway MediaWiki 1.39 (Debian package) on 127.0.0.1, for the mediawiki connector's tests.
#
#   mediawiki.sh start DIR PORT   install a fresh wiki (SQLite) into DIR and serve it on PORT
#   mediawiki.sh stop DIR         stop the server started for DIR (kills its process group)
#
# After `start`, DIR holds:
#   LocalSettings.php  the wiki's settings (MW_CONFIG_FILE points here; /etc is never touched)
#   adminpassword      the password of the sysop `Admin`
#   botpassword        the bot password of `BridgeBot@bridge` (log in with that user name)
#   pgid               the process group of the PHP server
#   php.log            the server's output
#
# With MW_OWNER_PID set, a watchdog (its pid in DIR/watchdog) kills the server and deletes DIR once
# that process has exited, so a test run that crashes leaves no server behind; `stop` ends the
# watchdog too.
#
# Needs the Debian packages `mediawiki php-sqlite3 php-cli` (see `make deps`).
set -euo pipefail

MW_DIR=${MW_DIR:-/usr/share/mediawiki}
ADMIN_PASSWORD=${MW_ADMIN_PASSWORD:-crier-admin-password-1}
BOT_MAIN_PASSWORD=${MW_BOT_MAIN_PASSWORD:-crier-bridgebot-password-1}
# createBotPassword.php wants at least 32 characters.
BOT_PASSWORD=${MW_BOT_PASSWORD:-crierbridgebotpassword0123456789abcdef}

# Run first in each background process: close every descriptor but stdin, stdout and stderr.
# shellcheck disable=SC2016
CLOSE_INHERITED='for fd in /proc/self/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done 2>/dev/null
'

usage() {
    echo "usage: $0 start DIR PORT | stop DIR" >&2
    exit 2
}

require_packages() {
    local missing=""
    for package in mediawiki php-sqlite3 php-cli; do
        dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
    done
    [ -z "$missing" ] && [ -f "$MW_DIR/api.php" ] && return 0
    [ -z "$missing" ] && missing=" mediawiki (no api.php in $MW_DIR)"
    if [ "${CI:-}" = "true" ]; then
        # CI never skips the real-wiki tests: a runner without the wiki fails loudly.
        echo "mediawiki.sh: the MediaWiki tests need the Debian packages:$missing; CI must install them (make deps)" >&2
        exit 1
    fi
    echo "mediawiki.sh: missing Debian packages; run:" >&2
    echo "  sudo apt-get install -y --no-install-recommends mediawiki php-sqlite3 php-cli" >&2
    exit 1
}

# Runs a set-up step with its output in DIR/install.log; shows the log when the step fails.
logged() {
    "$@" >>"$dir/install.log" 2>&1 || {
        echo "mediawiki.sh: failed: $*" >&2
        cat "$dir/install.log" >&2
        exit 1
    }
}

start() {
    local dir=$1 port=$2
    require_packages
    mkdir -p "$dir/data" "$dir/cache" "$dir/images"
    dir=$(cd "$dir" && pwd)
    export MW_CONFIG_FILE="$dir/LocalSettings.php"

    : >"$dir/install.log"
    logged php "$MW_DIR/maintenance/install.php" --dbtype=sqlite --dbpath="$dir/data" --dbname=wiki \
        --confpath="$dir" --server="http://127.0.0.1:$port" --scriptpath="" \
        --pass="$ADMIN_PASSWORD" --skins=Vector TestWiki Admin
    cat >>"$dir/LocalSettings.php" <<EOF

# Added by Tests/Systems/mediawiki.sh: everything stays in $dir; no caches, no throttles.
\$wgCacheDirectory = "$dir/cache";
\$wgUploadDirectory = "$dir/images";
\$wgMainCacheType = CACHE_NONE;
\$wgRateLimits = [];
\$wgGroupPermissions['bot']['noratelimit'] = true;
\$wgPasswordAttemptThrottle = [];
EOF

    logged php "$MW_DIR/maintenance/createAndPromote.php" --bot BridgeBot "$BOT_MAIN_PASSWORD"
    logged php "$MW_DIR/maintenance/createBotPassword.php" --appid=bridge \
        --grants=basic,highvolume,editpage,createeditmovepage BridgeBot "$BOT_PASSWORD"
    printf '%s' "$ADMIN_PASSWORD" >"$dir/adminpassword"
    printf '%s' "$BOT_PASSWORD" >"$dir/botpassword"

    # The server leads its own session, so one signal to its process group ends it and its
    # workers. It closes every descriptor it inherited: a caller that waits for the end of
    # everything holding one (Foundation's Process does) would otherwise wait for the server.
    PHP_CLI_SERVER_WORKERS=2 MW_DIR="$MW_DIR" DIR="$dir" PORT="$port" setsid bash -c "$CLOSE_INHERITED"'
            echo $$ >"$DIR/pgid"
            exec php -S "127.0.0.1:$PORT" -t "$MW_DIR"
        ' </dev/null >"$dir/php.log" 2>&1 &

    local deadline=$((SECONDS + 30))
    until curl -fsS "http://127.0.0.1:$port/api.php?action=query&meta=siteinfo&format=json" >/dev/null 2>&1; do
        if [ $SECONDS -ge $deadline ]; then
            echo "mediawiki.sh: the wiki did not answer on port $port within 30 s" >&2
            cat "$dir/php.log" >&2 || true
            stop "$dir"
            exit 1
        fi
        sleep 0.1
    done

    if [ -n "${MW_OWNER_PID:-}" ]; then
        # The watchdog has a session of its own, so it outlives the server's process group.
        OWNER="$MW_OWNER_PID" PGID="$(cat "$dir/pgid")" DIR="$dir" setsid bash -c "$CLOSE_INHERITED"'
            echo $$ >"$DIR/watchdog"
            while kill -0 "$OWNER" 2>/dev/null; do sleep 1; done
            kill -KILL -- "-$PGID" 2>/dev/null || true
            rm -rf "$DIR"
        ' </dev/null >/dev/null 2>&1 &
    fi
}

# SIGTERM first, SIGKILL after 2 s: a server started by a process that blocks SIGTERM in its
# threads (as Swift programs do) inherits that mask and never sees the TERM.
stop() {
    local dir=$1
    if [ -f "$dir/watchdog" ]; then
        kill -KILL "$(cat "$dir/watchdog")" 2>/dev/null || true
        rm -f "$dir/watchdog"
    fi
    [ -f "$dir/pgid" ] || return 0
    local pgid
    pgid=$(cat "$dir/pgid")
    kill -TERM -- "-$pgid" 2>/dev/null || true
    for _ in $(seq 20); do
        kill -0 -- "-$pgid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL -- "-$pgid" 2>/dev/null || true
    rm -f "$dir/pgid"
}

case "${1:-}" in
start) [ $# -eq 3 ] || usage; start "$2" "$3" ;;
stop) [ $# -eq 2 ] || usage; stop "$2" ;;
*) usage ;;
esac
