#!/usr/bin/env bash
# Runs the example trading pipeline on the module path, the way users launch it:
#
#   bus-examples/run.sh                                  # a 10 s live run with the default options
#   bus-examples/run.sh --symbols ES,NQ --rate 50000     # options: bus-examples/run.sh --help
#   bus-examples/run.sh io.hftbus.examples.StatisticsExample    # another main of the examples module
#
# First it builds bus-examples and the modules it needs (tests skipped; about 25 s on a fresh clone of a
# two-core machine, 15 s once built), printing one line per module. Then it runs the example and exits with the example's
# own code: 0 done, 1 the run failed, 2 a bad command line.
set -euo pipefail
cd "$(dirname "$0")/.."

main=io.hftbus.examples.app.TradingPipeline
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  main=$1
  shift
fi

echo "building bus-examples and the modules it needs (./mvnw package, tests skipped)"
# Maven's own lines would bury the example's first screen; keep those that say which module is being
# built and anything that went wrong, but for the one warning every build of bus-stats prints, about
# HdrHistogram's module name (docs/modules.md explains it). pipefail keeps Maven's exit code.
./mvnw -B -ntp -pl bus-examples -am -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip package \
  | sed -n -E -e 's/^\[INFO\] Building (hftbus[^ ]*( :: [a-z]+)?) .*(\[[0-9]+\/[0-9]+\])$/  \3 \1/p' \
      -e '/^\[WARNING\] \*+$/d' -e '/filename-based automodules detected: \[HdrHistogram-/d' \
      -e '/^\[(ERROR|WARNING)\]/p'

exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" --module-path bus-examples/target/modules \
  --module "io.hftbus.examples/$main" "$@"
