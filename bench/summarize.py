"""Turns bench/run.sh's CSV into the table of medians and ratios it prints (and keeps beside the CSV)."""
import csv
import statistics
import sys
from collections import defaultdict

BASELINES = ["raw-netty", "webflux", "php-fpm"]


def main(path):
    runs = defaultdict(list)
    with open(path, newline="") as handle:
        for row in csv.DictReader(handle):
            runs[(row["scenario"], row["server"])].append(row)
    scenarios = sorted({scenario for scenario, _ in runs}, key=lambda s: (s != "ping", s))
    lines = ["| scenario | server | req/s (median) | p50 ms | p99 ms | errors | vs raw-netty | vs webflux | vs php-fpm |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for scenario in scenarios:
        medians = {}
        for (name, server), rows in runs.items():
            if name == scenario:
                medians[server] = (statistics.median(float(r["rps"]) for r in rows),
                                   statistics.median(float(r["p50_ms"]) for r in rows),
                                   statistics.median(float(r["p99_ms"]) for r in rows),
                                   sum(int(r["errors"]) for r in rows))
        for server in sorted(medians, key=lambda s: (not s.startswith("deskflow"), s)):
            rps, p50, p99, errors = medians[server]
            ratios = []
            for baseline in BASELINES:
                if server.startswith("deskflow") and baseline in medians:
                    base_rps, _, base_p99, _ = medians[baseline]
                    ratios.append(f"{rps / base_rps:.2f}x (p99 {p99 / base_p99:.2f}x)")
                else:
                    ratios.append("")
            lines.append(f"| {scenario} | {server} | {rps:,.0f} | {p50:.2f} | {p99:.2f} | {errors} | " + " | ".join(ratios) + " |")
    print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1])
