#!/bin/sh
# The Cimkit performance suite: builds, starts the server on generated repositories, runs every
# scenario and writes benchmarks/target/results/results.{json,md}. See docs/performance.md.
# The server is started as README tells a user to, distribution/target/cimkit-VERSION/bin/cimkit serve,
# with no JVM options of the suite's (conf/jvm.options decides). Options are passed to the suite:
# --quick, --only 1,4,7, --shared DIR, --server-jvm "..." (added as CIMKIT_JAVA_OPTS would add them),
# --server-jar server/target/cimkit-server.jar (java -jar with --server-jvm's flags instead).
set -e
cd "$(dirname "$0")/.."
SHARED="${CIMKIT_SHARED:-../shared}"
# Not offline (-o): a fresh clone after `mvn verify` does not have JMH in the local repository yet.
mvn -q -P bench -pl benchmarks,distribution -am package -DskipTests
DIST=
for d in distribution/target/cimkit-*/; do
  [ -x "$d/bin/cimkit" ] && DIST=${d%/}
done
[ -n "$DIST" ] || { echo "run-suite.sh: no distribution/target/cimkit-*/bin/cimkit after the build" >&2; exit 1; }
exec java -Xms1g -Xmx2g -XX:+UseParallelGC -Dcimkit.shared="$SHARED" \
    -cp benchmarks/target/benchmarks.jar org.cimkit.bench.suite.Suite \
    --distribution "$DIST" --out benchmarks/target/results "$@"
