#!/bin/sh
# The Cimkit performance suite: builds, starts the server on generated repositories, runs every
# scenario and writes benchmarks/target/results/results.{json,md}. See docs/performance.md.
# Options are passed to the suite: --quick, --only 1,4,7, --server-jvm "-Xmx512m ...", --shared DIR.
set -e
cd "$(dirname "$0")/.."
SHARED="${CIMKIT_SHARED:-../shared}"
# Not offline (-o): a fresh clone after `mvn verify` does not have JMH in the local repository yet.
mvn -q -P bench -pl benchmarks -am package -DskipTests
exec java -Xms1g -Xmx2g -XX:+UseParallelGC -Dcimkit.shared="$SHARED" \
    -cp benchmarks/target/benchmarks.jar org.cimkit.bench.suite.Suite \
    --server-jar server/target/cimkit-server.jar --out benchmarks/target/results "$@"
