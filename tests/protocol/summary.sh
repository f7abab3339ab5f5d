#!/usr/bin/env bash
# Runs the generated protocol tests and prints passed / failed / skipped per protocol, then
# every failing case and every skipped case with its reason. Exits non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
status=0
details=""
for protocol in aws_json1_0 aws_json1_1 rest_json1; do
    output=$(cargo test -p protocol-tests --test "$protocol" 2>&1) || status=1
    passed=$(grep -cE '^test .* \.\.\. ok$' <<<"$output")
    failed=$(grep -cE '^test .* \.\.\. FAILED$' <<<"$output")
    known=$(grep -cE '^test .* \.\.\. ignored, KNOWN FAILURE' <<<"$output")
    skipped=$(( $(grep -cE '^test .* \.\.\. ignored' <<<"$output") - known ))
    printf '%-12s passed %4s  failed %4s (+ %s known, ignored)  skipped %4s\n' "$protocol" "$passed" "$failed" "$known" "$skipped"
    details+=$(grep -E '^test .* \.\.\. (FAILED|ignored)' <<<"$output" | sed "s/^test /  $protocol::/")
    details+=$'\n'
done
echo
echo "Failed and skipped cases (run one with: cargo test -p protocol-tests --test <protocol> <name>):"
echo "$details" | sort | grep -v '^$'
exit $status
