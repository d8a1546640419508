# shellcheck shell=bash disable=SC2034
# Adapter: newsreader, for ../shared/bench/bench.sh (contract: its adapters/README.md).
#
#   bench.sh --readers newsboat,newsboat-analyzed,path/to/tests/bench/newsreader.sh ...
#
# bench.sh sources this file in a subshell per block, after setting WORK (fresh scratch dir;
# WORK/home is HOME and holds the XDG_* dirs), URLS, OPML, BENCH_THREADS, N, ITEMS, REP.
#
# The command is $NEWSREADER (words split on spaces, e.g. "/path/.venv/bin/newsreader" or
# "python3 -m tui"), else `newsreader` on PATH. newsreader finds its files through platformdirs,
# which honours the XDG_* variables bench.sh sets, so config and database land under WORK/home:
#   config    WORK/home/.config/newsreader/config.toml
#   database  WORK/home/.local/share/newsreader/newsreader.db (+ -wal, -shm)
READER_NAME=newsreader

# shellcheck disable=SC2206
_NR=(${NEWSREADER:-newsreader})

reader_check() { command -v "${_NR[0]}" >/dev/null; }
reader_version() { "${_NR[@]}" --version 2>/dev/null | head -n 1; }

_nr_db() { echo "$WORK/home/.local/share/newsreader/newsreader.db"; }

reader_setup() {
  # Concurrency follows the harness's --threads, as newsboat's reload-threads does. Every bench
  # feed is on 127.0.0.1, so the per-host limit is raised with it (newsreader's default is 4 per
  # host; its config allows at most 16). refresh_on_start = false: the tui phase measures
  # start-up, not a refresh. The timeout matches newsboat's download-timeout in newsboat.sh.
  local conns=${BENCH_THREADS:-8} per_host
  ((conns < 1)) && conns=1
  ((conns > 64)) && conns=64
  per_host=$((conns > 16 ? 16 : conns))
  local confdir="$WORK/home/.config/newsreader"
  mkdir -p "$confdir"
  cat >"$confdir/config.toml" <<CFG
refresh_on_start = false
refresh_minutes = 0
max_connections = $conns
per_host_connections = $per_host
timeout_seconds = 60
CFG
  READER_ENV=()
  REFRESH_CMD=("${_NR[@]}" refresh --quiet)
  STARTUP_CMD=("${_NR[@]}" list --json)
  TUI_CMD=("${_NR[@]}")
  # The first full screen: the feed list with at least one feed row and its unread count (an
  # indented "   name    N" row at the left edge, the count right-aligned; older versions wrote
  # "  name (N)"; "All" and "Starred" start with a marker), and the article list with at least
  # one dated row ("27 Nov 08:00"). ASCII classes only: bench.sh greps in its own locale, where
  # a bracket with "│" or "●" may be read byte by byte. (The "(N)" form alone never matched the
  # count column, so the tui phase timed out: issue 20.)
  TUI_READY=('1 Feeds' '^│   ?[[:alnum:]].{0,40}( \([0-9]+\)| [0-9]+) *│' '2 Articles'
             '[0-9]{2} [A-Z][a-z]{2} [0-9]{2}:[0-9]{2} ')
  TUI_QUIT_KEYS=(q)
  # Subscribe (untimed) with the same clean environment the measured commands get.
  env_prefix
  "${ENVP[@]}" "${_NR[@]}" import "$OPML" >"$WORK/out.setup" 2>"$WORK/err.setup" </dev/null
}

reader_cache_bytes() {
  local f s=0 db
  db=$(_nr_db)
  for f in "$db" "$db-wal"; do
    [[ -f $f ]] && s=$((s + $(stat -c %s "$f")))
  done
  echo "$s"
}

reader_item_count() {
  python3 - "$(_nr_db)" <<'PY'
import sqlite3, sys
con = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
print(con.execute("select count(*) from articles").fetchone()[0])
PY
}

# Note column: feeds `refresh` reported as failed (one "newsreader: URL: error" line each on
# stderr), and for the startup phase how many feeds `list --json` printed.
reader_note() {
  local phase=$1 n=0
  if [[ -f $WORK/err.$phase ]]; then n=$(grep -c '^newsreader: ' "$WORK/err.$phase"); fi
  ((n)) && printf 'failed=%s ' "$n"
  if [[ $phase == startup && -f $WORK/out.startup ]]; then
    printf 'feeds=%s' "$(grep -c '"url":' "$WORK/out.startup")"
  fi
}
