#!/bin/sh
# The GAZETTE_BIN that bench/relevance.sh hands to ir_eval.py (which runs `index` and `search`).
# - `index` exits 1 when some records failed (README "Exit status"); Cranfield has two empty
#   records (docs 471 and 995), which ir_eval.py would take for a crash. Everything else is
#   indexed, so exit 1 becomes 0 here; the failures are still printed on stderr.
# - GAZETTE_RANKING, when set, is passed to every search as --ranking (for the ablation).
# GAZETTE_REAL is the gazette binary.
if [ "$1" = search ] && [ -n "$GAZETTE_RANKING" ]; then
  exec "$GAZETTE_REAL" "$@" --ranking "$GAZETTE_RANKING"
fi
"$GAZETTE_REAL" "$@"
status=$?
if [ "$1" = index ] && [ "$status" = 1 ]; then exit 0; fi
exit "$status"
