#!/usr/bin/env bash
# Resolves Apache Kafka (org.apache.kafka:kafka_2.13) and its runtime dependencies from Maven Central
# into .kafka/lib/<version>, with the logging backend the broker expects. A second run is instant.
#
#   bash scripts/kafka/fetch.sh            # KAFKA_VERSION from scripts/kafka/env.sh
#   KAFKA_VERSION=4.1.1 bash scripts/kafka/fetch.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

stamp="$KAFKA_LIB/.complete"
if [[ -f "$stamp" ]]; then
  echo "kafka $KAFKA_VERSION: already in ${KAFKA_LIB#"$KAFKA_ROOT"/}"
  exit 0
fi

command -v java >/dev/null || { echo "fetch.sh: java (17 or newer) is required" >&2; exit 1; }
command -v mvn >/dev/null || { echo "fetch.sh: mvn (Apache Maven) is required" >&2; exit 1; }

# The kafka_2.13 POM declares slf4j-api (1.7.x) only; the binary distribution ships a backend beside it, and
# without one the broker logs nothing. Kafka 3.x logs through log4j 1 (reload4j), Kafka 4.x through log4j 2.
if [[ "$(kafka_major)" -ge 4 ]]; then
  logging='
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>2.24.3</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>2.24.3</version></dependency>'
else
  logging='
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>1.7.36</version></dependency>
    <dependency><groupId>ch.qos.reload4j</groupId><artifactId>reload4j</artifactId><version>1.2.25</version></dependency>'
fi

build="$KAFKA_HOME/build/$KAFKA_VERSION"
mkdir -p "$build"
cat >"$build/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.serviceledger</groupId>
  <artifactId>kafka-broker-classpath</artifactId>
  <version>$KAFKA_VERSION</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_$KAFKA_SCALA</artifactId><version>$KAFKA_VERSION</version></dependency>$logging
  </dependencies>
</project>
POM

echo "kafka $KAFKA_VERSION: resolving org.apache.kafka:kafka_$KAFKA_SCALA and its runtime dependencies from Maven Central"
tmp="$KAFKA_LIB.tmp"
log="$build/mvn.log"
rm -rf "$tmp"
if ! mvn -B -f "$build/pom.xml" \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$tmp" >"$log" 2>&1; then
  tail -n 60 "$log" >&2
  echo "fetch.sh: Maven could not resolve kafka_$KAFKA_SCALA $KAFKA_VERSION (full log: ${log#"$KAFKA_ROOT"/})" >&2
  exit 1
fi
rm -rf "$KAFKA_LIB"
mv "$tmp" "$KAFKA_LIB"
touch "$stamp"
echo "kafka $KAFKA_VERSION: $(find "$KAFKA_LIB" -name '*.jar' | wc -l) jars in ${KAFKA_LIB#"$KAFKA_ROOT"/}"
