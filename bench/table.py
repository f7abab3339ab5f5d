"""Medians of bench/run.sh's result lines per client and mode, and the ratios between clients."""

import statistics
import sys
from collections import defaultdict

COLUMNS = ["rps", "p50_us", "p99_us", "cpu_us", "user_us", "sys_us"]
runs = defaultdict(list)
with open(sys.argv[1]) as f:
    for line in f:
        client, mode, n, conc, *values = line.split("\t")
        runs[(mode, client)].append([float(v) for v in values])

med = {key: [statistics.median(col) for col in zip(*rows)] for key, rows in runs.items()}
modes = ["seq", "conc", "offline"]
print(f"\n{'mode':8} {'client':6} {'runs':>4} " + " ".join(f"{c:>9}" for c in COLUMNS))
for mode in modes:
    for client in ["ours", "sdk", "boto3"]:
        if (mode, client) in med:
            values = " ".join(f"{v:9.1f}" for v in med[(mode, client)])
            print(f"{mode:8} {client:6} {len(runs[(mode, client)]):4} {values}")

print("\nratios (ours against the other; >1 means ours is better): rps = ours/other, p50 and CPU = other/ours")
for other in ["sdk", "boto3"]:
    for mode in modes:
        a, b = med.get((mode, "ours")), med.get((mode, other))
        if a and b:
            print(f"  vs {other:5} {mode:8} rps x{a[0] / b[0]:.2f}  p50 x{b[1] / a[1]:.2f}  p99 x{b[2] / a[2]:.2f}  cpu/req x{b[3] / a[3]:.2f}")
