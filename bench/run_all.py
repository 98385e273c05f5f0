"""`make bench`: every benchmark of the project, one after the other, as one report.

Each benchmark is its own script (and process, so memory figures are its own); this runs them
against the local broker and prints their lines under one heading each. Figures from one run:
compare ratios within it, not absolute numbers across machines.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = [
    ("Extraction (tests/data corpus)", ["extraction.py"]),
    ("Fetch cycle, 1,000 feeds x 30 items", ["fetch_cycle.py"]),
    ("Fetch cycle, parsing in the fetch threads (for comparison)",
     ["fetch_cycle.py", "--parse-processes", "0"]),
    ("End-to-end latency and daemon memory", ["end_to_end.py"]),
    ("Publish throughput", ["publish.py"]),
    ("Scale-out extraction, 1 and 2 extractor processes", ["scale_out.py"]),
]  # fmt: skip
# the benchmarks that talk to the broker
ON_BROKER = ("end_to_end.py", "publish.py", "scale_out.py")


def main() -> int:
    """Run each benchmark; exit 1 if any failed."""
    bootstrap = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:9092"
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text()
                .splitlines() if line.startswith("model name")), platform.processor())  # fmt: skip
    sys.stdout.write(f"# sahelwatch benchmarks, {time.strftime('%Y-%m-%d %H:%M')} UTC\n")
    cores = os.cpu_count()
    sys.stdout.write(f"machine: {cpu}, {cores} cores, Python {platform.python_version()}\n")
    failed = False
    for title, command in BENCHMARKS:
        script = [sys.executable, str(HERE / command[0]), *command[1:]]
        if command[0] in ON_BROKER:
            script += ["--bootstrap", bootstrap]
        start = time.perf_counter()
        result = subprocess.run(script, capture_output=True, text=True, check=False)
        sys.stdout.write(f"\n## {title} ({time.perf_counter() - start:.0f} s)\n")
        lines = [line for line in result.stdout.splitlines() if not line.startswith("{")]
        sys.stdout.write("\n".join(lines) + "\n")
        if result.returncode != 0:
            failed = True
            sys.stdout.write(f"FAILED (exit {result.returncode}):\n{result.stderr[-2000:]}\n")
        sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
