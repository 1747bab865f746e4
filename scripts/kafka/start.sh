#!/usr/bin/env bash
# Starts a single-node Apache Kafka in KRaft mode (combined broker and controller) on 127.0.0.1:9092,
# controller on 9093, in the background. Formats the storage on first use, waits until the broker answers a
# metadata request, and writes .kafka/kafka.pid. Starting a running broker does nothing.
#
#   bash scripts/kafka/start.sh            # fetches the jars first if needed (scripts/kafka/fetch.sh)
#   bash scripts/kafka/start.sh --fresh    # wipes the broker's data first
#   bash scripts/kafka/stop.sh
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
source "$here/env.sh"

fresh=false
[[ "${1:-}" == "--fresh" ]] && fresh=true

port_open() { (exec 3<>"/dev/tcp/$KAFKA_HOST/$1") 2>/dev/null; }
# The pid in the pid file, if that process is still our broker (not a recycled pid).
running_pid() {
  local pid
  [[ -f "$KAFKA_PID_FILE" ]] || return 1
  pid="$(cat "$KAFKA_PID_FILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka' &&
    printf '%s' "$pid"
}
# A JVM on the broker's classpath for the tools (storage format, readiness probe): warnings to stderr only.
# Kafka 3.x logs through log4j 1 and 4.x through log4j 2; each ignores the other's setting.
kjava() {
  java -Dlog4j.configuration="file:$KAFKA_CONFIG/tools-log4j.properties" \
    -Dlog4j2.configurationFile="$KAFKA_CONFIG/tools-log4j2.properties" \
    -cp "$KAFKA_LIB/*" "$@"
}
probe() { kjava "$here/Probe.java" "$KAFKA_HOST:$KAFKA_PORT" "$1"; }

if pid="$(running_pid)"; then
  echo "kafka: already running (pid $pid) on $KAFKA_HOST:$KAFKA_PORT"
  exit 0
fi
rm -f "$KAFKA_PID_FILE"

bash "$here/fetch.sh"

mkdir -p "$KAFKA_LOGS" "$KAFKA_DATA" "$KAFKA_CONFIG"

cat >"$KAFKA_CONFIG/server.properties" <<PROPS
# Written by scripts/kafka/start.sh: one local node that is both broker and KRaft controller.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DATA
# Topics are created by the application on start-up (KafkaBus), never by a stray produce or fetch.
auto.create.topics.enable=false
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
# A single node: every internal topic has one replica; one offsets partition keeps start-up quick.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Tests start consumers and expect them to join at once.
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=4
log.retention.hours=24
PROPS

cat >"$KAFKA_CONFIG/log4j.properties" <<PROPS
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=$KAFKA_LOGS/server.log
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
PROPS

cat >"$KAFKA_CONFIG/log4j2.properties" <<PROPS
appender.file.type=File
appender.file.name=file
appender.file.fileName=$KAFKA_LOGS/server.log
appender.file.layout.type=PatternLayout
appender.file.layout.pattern=[%d] %p %m (%c)%n
rootLogger.level=INFO
rootLogger.appenderRef.file.ref=file
logger.request.name=kafka.request.logger
logger.request.level=WARN
logger.state.name=state.change.logger
logger.state.level=WARN
PROPS

cat >"$KAFKA_CONFIG/tools-log4j.properties" <<PROPS
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=%p %m (%c)%n
PROPS

cat >"$KAFKA_CONFIG/tools-log4j2.properties" <<PROPS
appender.stderr.type=Console
appender.stderr.name=stderr
appender.stderr.target=SYSTEM_ERR
appender.stderr.layout.type=PatternLayout
appender.stderr.layout.pattern=%p %m (%c)%n
rootLogger.level=WARN
rootLogger.appenderRef.stderr.ref=stderr
PROPS

if port_open "$KAFKA_PORT"; then
  # Something else already listens there: use it if it is a broker, rather than fail to bind.
  if probe 10; then
    echo "kafka: a broker not started by this script already answers on $KAFKA_HOST:$KAFKA_PORT; leaving it alone"
    exit 0
  fi
  echo "kafka: port $KAFKA_PORT is taken by something that is not a Kafka broker" >&2
  exit 1
fi

$fresh && rm -rf "$KAFKA_DATA"
mkdir -p "$KAFKA_DATA"
if [[ ! -f "$KAFKA_DATA/meta.properties" ]]; then
  # kafka-storage.sh's main class, in the kafka_2.13 jar for 3.9 and 4.x alike.
  cluster_id="$(kjava kafka.tools.StorageTool random-uuid)"
  echo "kafka: formatting KRaft storage, cluster id $cluster_id"
  kjava kafka.tools.StorageTool format --ignore-formatted -t "$cluster_id" -c "$KAFKA_CONFIG/server.properties" |
    grep -v '^Bootstrap metadata:' || true
fi

echo "kafka $KAFKA_VERSION: starting on $KAFKA_HOST:$KAFKA_PORT (logs in ${KAFKA_LOGS#"$KAFKA_ROOT"/})"
# shellcheck disable=SC2086 # KAFKA_HEAP_OPTS holds several options
nohup setsid java $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
  -Dkafka.logs.dir="$KAFKA_LOGS" \
  -Dlog4j.configuration="file:$KAFKA_CONFIG/log4j.properties" \
  -Dlog4j2.configurationFile="$KAFKA_CONFIG/log4j2.properties" \
  -cp "$KAFKA_LIB/*" kafka.Kafka "$KAFKA_CONFIG/server.properties" \
  >>"$KAFKA_LOGS/stdout.log" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$KAFKA_PID_FILE"

# A failed start leaves nothing running: the broker's last log lines, then stop it.
give_up() {
  echo "kafka: $1; last lines of its logs:" >&2
  tail -n 40 "$KAFKA_LOGS/stdout.log" "$KAFKA_LOGS/server.log" >&2 || true
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$KAFKA_PID_FILE"
  exit 1
}

started=$SECONDS
until port_open "$KAFKA_PORT"; do
  kill -0 "$pid" 2>/dev/null || give_up "the broker exited during start-up"
  ((SECONDS - started <= KAFKA_START_TIMEOUT)) || give_up "port $KAFKA_PORT not open after ${KAFKA_START_TIMEOUT}s"
  sleep 0.2
done
probe "$KAFKA_START_TIMEOUT" || give_up "the broker does not answer metadata requests"
echo "kafka: running (pid $pid) after $((SECONDS - started))s"
