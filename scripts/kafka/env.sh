# Shared settings for the local Kafka broker scripts (sourced by fetch.sh, start.sh, stop.sh).
# Override any of them from the environment, e.g. KAFKA_VERSION=4.1.1 bash scripts/kafka/start.sh.

KAFKA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# The newest Apache Kafka release; kafkajs 2.2.4 passes the platform's Kafka tests against it, and every
# API kafkajs implements has a version the broker accepts. docs/kafka.md has the evidence and the fallback.
KAFKA_VERSION="${KAFKA_VERSION:-4.4.0}"
KAFKA_SCALA="${KAFKA_SCALA:-2.13}"

KAFKA_HOME="${KAFKA_HOME:-$KAFKA_ROOT/.kafka}"
KAFKA_LIB="$KAFKA_HOME/lib/$KAFKA_VERSION"
KAFKA_LOGS="$KAFKA_HOME/logs"
KAFKA_DATA="$KAFKA_HOME/data/$KAFKA_VERSION"
KAFKA_CONFIG="$KAFKA_HOME/config"
KAFKA_PID_FILE="$KAFKA_HOME/kafka.pid"

KAFKA_HOST="${KAFKA_HOST:-127.0.0.1}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms128m -Xmx512m}"
# Seconds start.sh waits for the broker to answer a metadata request.
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"

kafka_major() { printf '%s' "${KAFKA_VERSION%%.*}"; }
