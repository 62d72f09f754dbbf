#!/usr/bin/env bash
# with_progress WHAT COMMAND…: runs a Go build that can take minutes the first time and says what it does, on stderr:
# a line at least every PROGRESS_SECONDS (15) with the time so far, the modules fetched and the packages compiled so
# far and the latest of them (the command should be `go build -v` or `go install -v`, which name each package), and
# a last line with the whole time. The command's own output is shown only when it fails. Sourced by pulumi-ensure.sh.
with_progress() {
  local what="$1" every="${PROGRESS_SECONDS:-15}" log started=$SECONDS last=$SECONDS pid status=0
  shift
  log="$(mktemp)"
  "$@" >"$log" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    if ((SECONDS - last >= every)); then
      last=$SECONDS
      local fetched compiled latest
      fetched=$(grep -c '^go: downloading ' "$log" || true)
      compiled=$(grep -c -v '^go: ' "$log" || true)
      latest=$(tail -n 1 "$log")
      latest=${latest#go: }
      echo "pulumi:ensure: $what: $((SECONDS - started)) s: $fetched modules fetched, $compiled packages compiled${latest:+ (now: ${latest:0:100})}" >&2
    fi
  done
  wait "$pid" || status=$?
  if [ "$status" -ne 0 ]; then
    echo "pulumi:ensure: $what failed after $((SECONDS - started)) s:" >&2
    cat "$log" >&2
  else
    echo "pulumi:ensure: $what: done in $((SECONDS - started)) s" >&2
  fi
  rm -f "$log"
  return "$status"
}
