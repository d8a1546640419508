#!/usr/bin/env bash
# run.sh -- newsreader's benchmark suite (issue 8). Not part of the test run.
#
#   tests/bench/run.sh [--out DIR] [--reps N] [--feeds N] [--quick] [options]
#
# 1. ../shared/bench/bench.sh with newsboat, newsboat-analyzed and newsreader
#    (tests/bench/newsreader.sh) side by side on the same generated feeds served from
#    127.0.0.1: cold / second / steady (all 304) / update (10 % changed) refresh, headless
#    load, first TUI screen. Default: 200 feeds x 50 items, 8 connections, 50 ms latency,
#    5 reps (about 25 minutes on 2 cores).
# 2. The Python benches: first screen and peak memory with the demo data, 10,000 and 50,000
#    cached articles (bench_startup), full-text search over 50,000 (bench_search), extraction
#    per article over ../shared/feeds (bench_extract), key-press latency during a refresh
#    (bench_keys).
# 3. A summary table with ratios against both newsboat columns of the same run
#    (bench_summary): <out>/summary.md.
#
# Options:
#   --out DIR        results folder (default: $TMPDIR/newsreader-bench/<UTC stamp>)
#   --reps N         reps for bench.sh and bench_startup (default 5)
#   --feeds N        feed count for bench.sh (default 200)
#   --items N        items per feed (default 50)
#   --threads N      connections / reload-threads (default 8)
#   --latency-ms N   added latency per response (default 50)
#   --quick          a short try: 50 feeds, 1 rep, caches of 2,000 / 10,000 articles
#   --skip-harness   only the Python benches
#   --skip-python    only bench.sh (and the summary)
#   --only LIST      Python benches to run, comma separated (startup,search,extract,keys)
#   --keep-cache     keep the prepared 10k/50k homes (in $TMPDIR/newsreader-bench-cache)
#
# Environment: NEWSREADER (the command to benchmark; default `newsreader` on PATH, else this
# checkout's .venv/bin/newsreader), PYTHON (interpreter with the project installed; default
# .venv/bin/python), SHARED_BENCH (the kit; default ../shared/bench beside the checkout).
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SHARED_BENCH=${SHARED_BENCH:-$REPO/../shared/bench}

OUT=""
REPS=5
FEEDS=200
ITEMS=50
THREADS=8
LATENCY=50
QUICK=0
DO_HARNESS=1
DO_PYTHON=1
ONLY="startup,search,extract,keys"
KEEP_CACHE=0

usage() { sed -n '2,/^set -uo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }

while (($#)); do
  case $1 in
    --out) OUT=$2; shift 2 ;;
    --reps) REPS=$2; shift 2 ;;
    --feeds) FEEDS=$2; shift 2 ;;
    --items) ITEMS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --latency-ms) LATENCY=$2; shift 2 ;;
    --quick) QUICK=1; shift ;;
    --skip-harness) DO_HARNESS=0; shift ;;
    --skip-python) DO_PYTHON=0; shift ;;
    --only) ONLY=$2; shift 2 ;;
    --keep-cache) KEEP_CACHE=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

SIZES="0,10000,50000"
SEARCH_N=50000
if ((QUICK)); then
  FEEDS=50; REPS=1; SIZES="0,2000,10000"; SEARCH_N=10000
fi

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if [[ -z ${NEWSREADER:-} ]]; then
  if command -v newsreader >/dev/null; then NEWSREADER=$(command -v newsreader)
  else NEWSREADER="$REPO/.venv/bin/newsreader"; fi
fi
export NEWSREADER
PYTHON=${PYTHON:-$REPO/.venv/bin/python}
[[ -x $PYTHON ]] || PYTHON=python3
command -v "${NEWSREADER%% *}" >/dev/null || { log "no newsreader command ($NEWSREADER)"; exit 2; }

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=${OUT:-${TMPDIR:-/tmp}/newsreader-bench/$STAMP}
mkdir -p "$OUT" || exit 2
OUT=$(cd "$OUT" && pwd)
CACHE_ROOT="${TMPDIR:-/tmp}/newsreader-bench-cache"
log "results: $OUT"
{
  echo "date_utc: $STAMP"
  echo "newsreader: $("$NEWSREADER" --version 2>&1 | head -n 1)"
  echo "commit: $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo none)$(git -C "$REPO" status --porcelain 2>/dev/null | grep -q . && echo ' (uncommitted changes)')"
  echo "params: feeds=$FEEDS items=$ITEMS threads=$THREADS latency_ms=$LATENCY reps=$REPS quick=$QUICK sizes=$SIZES"
} >"$OUT/run-meta.txt"

status=0
if ((DO_HARNESS)); then
  if [[ ! -x $SHARED_BENCH/bench.sh ]] && [[ ! -f $SHARED_BENCH/bench.sh ]]; then
    log "bench kit not found at $SHARED_BENCH (set SHARED_BENCH)"; exit 2
  fi
  log "bench.sh: newsboat, newsboat-analyzed, newsreader; $FEEDS feeds x $ITEMS, T=$THREADS, ${LATENCY} ms, $REPS reps"
  # The harness itself runs in the C locale. Its tui phase tests each capture for a first
  # non-blank screen with bash's ${screen//[[:space:]]/}, which in a UTF-8 locale takes about
  # 0.2 s on a 160x48 screen of box-drawing characters (newsreader's) and 0.01 s on an ASCII one
  # (newsboat's): that much of newsreader's "tui" time was the harness's own. The readers still
  # run in the UTF-8 locale the harness gives them (env -i ... LC_ALL=C.UTF-8), and the ready
  # patterns match the same screens byte for byte.
  LC_ALL=C bash "$SHARED_BENCH/bench.sh" \
    --readers "newsboat,newsboat-analyzed,$HERE/newsreader.sh" \
    --feeds "$FEEDS" --items "$ITEMS" --threads "$THREADS" --reps "$REPS" \
    --latency-ms "$LATENCY" --out "$OUT/harness" || { log "bench.sh failed"; status=1; }
fi

run_py() {  # $1 = bench name; rest = its arguments
  local name=$1; shift
  log "bench_$name"
  (cd "$REPO" && "$PYTHON" -m "tests.bench.bench_$name" --out "$OUT" "$@") ||
    { log "bench_$name failed"; status=1; }
}

if ((DO_PYTHON)); then
  IFS=',' read -ra BENCHES <<<"$ONLY"
  for b in "${BENCHES[@]}"; do
    case $b in
      startup) run_py startup --cache-root "$CACHE_ROOT" --sizes "$SIZES" --reps "$REPS" ;;
      search) run_py search --cache-root "$CACHE_ROOT" --articles "$SEARCH_N" ;;
      extract) run_py extract --corpus "${NEWSREADER_CORPUS:-$REPO/../shared/feeds}" ;;
      keys)
        run_py keys --kit "$SHARED_BENCH" --feeds "$FEEDS" --items "$ITEMS" \
          --latency-ms "$LATENCY" --threads "$THREADS" ;;
      *) log "unknown bench $b" ;;
    esac
  done
  ((KEEP_CACHE)) || rm -rf "$CACHE_ROOT"
fi

(cd "$REPO" && "$PYTHON" -m tests.bench.bench_summary "$OUT") || status=1
log "done: $OUT/summary.md"
exit "$status"
