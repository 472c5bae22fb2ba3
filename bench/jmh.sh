#!/usr/bin/env bash
# JMH micro-benchmarks of the dispatch path (src/jmh/java), with allocation counts:
#   bench/jmh.sh [JMH options]        e.g. bench/jmh.sh -f 1 -wi 2 -i 3 DispatchBenchmark
# Builds into target/jmh (never the product jar) and runs org.openjdk.jmh.Main with -prof gc.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
./mvnw -B -q -Pjmh compile dependency:build-classpath -Dmdep.outputFile=target/jmh/classpath.txt -Dmdep.includeScope=compile
exec java -cp "target/jmh/classes:$(cat target/jmh/classpath.txt)" org.openjdk.jmh.Main -prof gc "$@"
