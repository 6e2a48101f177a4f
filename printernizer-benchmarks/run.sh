#!/usr/bin/env bash
# Builds the benchmarks and writes the report.
#   printernizer-benchmarks/run.sh --quick   smoke run, report in printernizer-benchmarks/target/benchmarks-quick.md
#   printernizer-benchmarks/run.sh --full    the published figures, report in docs/benchmarks.md
# Stored-history sizes for --full: BENCH_SIZES=1000,100000,1000000 (default 1000,100000).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -pl printernizer-benchmarks -am install -DskipTests
cp="printernizer-benchmarks/target/classes:$(cat printernizer-benchmarks/target/classpath.txt)"
exec java -Dprinternizer.bench.sizes="${BENCH_SIZES:-1000,100000}" -cp "$cp" \
  dev.printernizer.benchmarks.BenchmarkReport "$@"
