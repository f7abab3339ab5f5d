#!/usr/bin/env bash
# The client benchmark: the generated client (ours), the AWS SDK for Rust (sdk) and boto3 calling
# StartDataIngestionJob against one keep-alive HTTP/1.1 server on loopback, and offline against
# a canned response; release builds. Prints a table of medians over the rounds and the ratios.
#
#   bench/run.sh                      # defaults below; override through the environment:
#   N=10000 WARMUP=500 CONC=8 ROUNDS=3 CARGO_TARGET_DIR=/tmp/bench-target bench/run.sh
#
# The clients run one after another (never two at once), round by round, so drift of the
# machine's speed spreads over all three; each line of every run is kept in $RESULTS.
set -euo pipefail
cd "$(dirname "$0")"
N=${N:-10000}
WARMUP=${WARMUP:-500}
CONC=${CONC:-8}
ROUNDS=${ROUNDS:-3}
RESULTS=${RESULTS:-$(mktemp /tmp/bench-results.XXXXXX)}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/tmp/bench-target}

cargo build --release --locked -q
python3 -c 'import boto3' 2>/dev/null || python3 -m pip install -q boto3
bin=$CARGO_TARGET_DIR/release

url_file=$(mktemp)
"$bin/bench-server" 1800 >"$url_file" &
server=$!
trap 'kill "$server" 2>/dev/null; rm -f "$url_file"' EXIT
for _ in $(seq 50); do [ -s "$url_file" ] && break; sleep 0.1; done
url=$(head -n 1 "$url_file")

echo "load before: $(uptime)"
echo "boto3 $(python3 -c 'import boto3; print(boto3.__version__)'), aws-sdk-lookoutequipment $(grep -A1 'name = "aws-sdk-lookoutequipment"' Cargo.lock | tail -n 1 | cut -d '"' -f 2), N=$N warmup=$WARMUP concurrency=$CONC rounds=$ROUNDS"
for round in $(seq "$ROUNDS"); do
    for mode in seq offline conc; do
        for client in ours sdk boto3; do
            case $client in
                boto3) cmd=(python3 boto3_bench.py) ;;
                *) cmd=("$bin/bench-$client") ;;
            esac
            "${cmd[@]}" "$mode" "$N" "$WARMUP" "$CONC" "$url" >>"$RESULTS"
        done
    done
    echo "round $round done" >&2
done
echo "load after:  $(uptime)"
echo "every run: $RESULTS"
python3 table.py "$RESULTS"
