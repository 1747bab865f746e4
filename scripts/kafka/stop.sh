#!/usr/bin/env bash
# Stops the broker started by scripts/kafka/start.sh (a controlled shutdown, then SIGKILL after 30 s).
# Stopping a stopped broker does nothing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

if [[ ! -f "$KAFKA_PID_FILE" ]]; then
  echo "kafka: not running (no ${KAFKA_PID_FILE#"$KAFKA_ROOT"/})"
  exit 0
fi
pid="$(cat "$KAFKA_PID_FILE")"
if [[ -z "$pid" ]] || ! kill -0 "$pid" 2>/dev/null || ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka'; then
  echo "kafka: not running (stale pid file removed)"
  rm -f "$KAFKA_PID_FILE"
  exit 0
fi
kill -TERM "$pid"
for _ in $(seq 1 150); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done
if kill -0 "$pid" 2>/dev/null; then
  echo "kafka: pid $pid did not stop within 30s; killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
fi
rm -f "$KAFKA_PID_FILE"
echo "kafka: stopped (pid $pid)"
