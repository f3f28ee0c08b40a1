#!/usr/bin/env bash
# Follows the README as a newcomer would: clones the repository into a temporary folder, runs the
# README's start command (the code block after `<!-- newcomer:start -->`), waits for the app to
# answer, previews a demo workflow in Chromium until its trace shows, stops the app, then runs the
# README's test command (the block after `<!-- newcomer:test -->`). The commands are read from the
# README, so this script does not change when they do.
set -euo pipefail

repo_root="$(cd "$(dirname "$0")/.." && pwd)"
work_dir="$(mktemp -d "${TMPDIR:-/tmp}/flowscope-newcomer-XXXXXX")"
app_pid=""

cleanup() {
  if [ -n "$app_pid" ]; then kill -- "-$app_pid" 2>/dev/null || true; fi
  rm -rf "$work_dir"
}
trap cleanup EXIT

# Prints the first line of the first fenced code block after the given marker.
readme_command() {
  awk -v marker="$1" '
    index($0, marker) { found = 1; next }
    found && /^```/ { if (inside) exit; inside = 1; next }
    found && inside { print; exit }
  ' "$work_dir/flowscope/README.md"
}

git clone --quiet "$repo_root" "$work_dir/flowscope"
cd "$work_dir/flowscope"

start_command="$(readme_command '<!-- newcomer:start -->')"
test_command="$(readme_command '<!-- newcomer:test -->')"
if [ -z "$start_command" ] || [ -z "$test_command" ]; then
  echo "README.md lacks the start or test command after its newcomer markers" >&2
  exit 1
fi

port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
echo "Start command: $start_command (port $port)"
PORT="$port" setsid bash -c "$start_command" > "$work_dir/app.log" 2>&1 &
app_pid=$!

for _ in $(seq 1 600); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/"; then break; fi
  if ! kill -0 "$app_pid" 2>/dev/null; then
    echo "The start command exited before the app answered:" >&2
    tail -n 50 "$work_dir/app.log" >&2
    exit 1
  fi
  sleep 1
done

BASE_URL="http://127.0.0.1:$port" node "$repo_root/scripts/newcomer-preview.mjs"

kill -- "-$app_pid" 2>/dev/null || true
wait "$app_pid" 2>/dev/null || true
app_pid=""

echo "Test command: $test_command"
env -u DATABASE_URL bash -c "$test_command"
echo "Newcomer check passed"
