#!/usr/bin/env bash
# Builds UnionPress in release mode and times it against Hugo on generated
# corpora of the given sizes (default: 1000 10000), side by side, with the
# harness in Benchmarks/compare (a copy of the project's shared bench kit).
#
#   scripts/bench.sh               # 1,000 and 10,000 pages
#   scripts/bench.sh 100000        # one size
#   RUNS=5 scripts/bench.sh 10000  # more runs (see Benchmarks/compare/README.md)
#
# Needs: apt-get install -y hugo time bc cmark (Hugo 0.111 is Debian bookworm's).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --product unionpress >/dev/null
binary="$(swift build -c release --static-swift-stdlib --show-bin-path)/unionpress"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000)
for n in "${sizes[@]}"; do
  bash Benchmarks/compare/compare.sh "$n" "'$binary' build --quiet"
done
