#!/usr/bin/env bash
# Runs the whole suite (`npm test`) with the machine's clock set to days that once broke it, and in time zones
# far from London, as issue 8 asks. Needs Debian's `faketime`. Long (one full run per line): not part of npm test.
#   bash scripts/test-dates.sh            all runs
#   bash scripts/test-dates.sh 2026-12-25 one day, in the machine's time zone
set -uo pipefail
cd "$(dirname "$0")/.."
command -v faketime >/dev/null || { echo "faketime is not installed: apt-get install faketime" >&2; exit 2; }
runs=("2026-11-28 10:00:00|" "2026-12-25 10:00:00|" "2027-03-29 10:00:00|" "2027-03-31 10:00:00|" \
      "2026-11-28 23:30:00|Pacific/Auckland" "2027-03-29 00:30:00|America/Los_Angeles")
[ $# -gt 0 ] && runs=("$1 10:00:00|${2:-}")
failed=0
for r in "${runs[@]}"; do
  when=${r%%|*}; tz=${r#*|}
  log=$(mktemp)
  if env ${tz:+TZ=$tz} faketime "$when" npm test >"$log" 2>&1; then res=passed; else res=FAILED; failed=1; fi
  echo "$when ${tz:-machine TZ}: $res ($(grep -E 'Tests .*(passed|failed)' "$log" | tail -1 | sed 's/\x1b\[[0-9;]*m//g' | xargs))"
  [ $res = FAILED ] && tail -40 "$log"
  rm -f "$log"
done
exit $failed
