#!/usr/bin/env bash
# Builds the benchmarks and writes the report.
#   printernizer-benchmarks/run.sh --quick   smoke run, report in printernizer-benchmarks/target/benchmarks-quick.md
#   printernizer-benchmarks/run.sh --full    the published figures, report in docs/benchmarks.md
#   printernizer-benchmarks/run.sh --isolation   only the isolation scenario (about 8 minutes):
#                                            replaces its section in docs/benchmarks.md
#   printernizer-benchmarks/run.sh --outbox      outbox cost on job creation (H2, PostgreSQL) and
#                                            dispatcher throughput: replaces its section
#   printernizer-benchmarks/run.sh --moonraker   100 and 1,000 simulated Klipper printers through
#                                            Moonraker (about 4 minutes): replaces its section
#   printernizer-benchmarks/run.sh --accounting  statistics and export of a large history and
#                                            job creation latency: replaces its section
# History size of --accounting: BENCH_ACCOUNTING_JOBS (default 1000000, a multiple of 1000).
# Stored-history sizes for --full: BENCH_SIZES (default 1000,100000,1000000).
# Printer counts of the scale runs: BENCH_SCALE (default 100,1000,10000); of the Moonraker
# runs: BENCH_MOONRAKER_SCALE (default 100,1000).
# A full run takes about 30 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -pl printernizer-benchmarks -am install -DskipTests
cp="printernizer-benchmarks/target/classes:$(cat printernizer-benchmarks/target/classpath.txt)"
exec java -Dprinternizer.bench.sizes="${BENCH_SIZES:-1000,100000,1000000}" \
  -Dprinternizer.bench.scale="${BENCH_SCALE:-100,1000,10000}" \
  -Dprinternizer.bench.moonraker="${BENCH_MOONRAKER_SCALE:-100,1000}" \
  -Dprinternizer.bench.accounting.jobs="${BENCH_ACCOUNTING_JOBS:-1000000}" -cp "$cp" \
  dev.printernizer.benchmarks.BenchmarkReport "$@"
