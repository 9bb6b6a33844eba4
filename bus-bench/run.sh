#!/usr/bin/env bash
# Builds bus-bench's shaded benchmarks.jar and runs everything: the JMH throughput and allocation
# benchmarks, then the latency harness, for hftbus and its peers. Writes the markdown tables, the
# raw JMH JSON, the histograms and the latency plot to bench-results/ (or --out DIR).
#
#   bus-bench/run.sh --quick    # about two minutes
#   bus-bench/run.sh            # the full run, three rounds, about 25 minutes
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl bus-bench -am package -DskipTests
exec java -cp bus-bench/target/benchmarks.jar io.hftbus.bench.report.RunAll "$@"
