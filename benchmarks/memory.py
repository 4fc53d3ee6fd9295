"""Memory benchmark: peak memory and time per MB of ``extract`` on one long document.

A document of N million characters is made by repeating the seed articles
(``corpus/seeds/*.txt``, blank line between them). For each size a fresh
process loads the shipped pipeline, extracts one seed article (warm-up, so the
model and underthesea are loaded), reads its resident memory (the pipeline's
own), then times ``vn_govie.extract`` on the whole document and reads its peak
resident memory (``ru_maxrss``). "Above the pipeline" is the peak minus the
memory after warm-up; it includes the document's own string.

Usage::

    python benchmarks/memory.py [--sizes 1 5 20] [--output FILE]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
import vn_govie

def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

seeds = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
size = int(float(sys.argv[2]) * 1_000_000)
vn_govie.extract(seeds[0])
own = rss_mb()
unit = "\n\n".join(seeds) + "\n\n"
document = (unit * (size // len(unit) + 1))[:size]
started, cpu = time.perf_counter(), time.process_time()
result = vn_govie.extract(document)
entities = len(result.entities)
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"characters": len(document), "entities": entities, "relations": len(result.relations),
                  "seconds": seconds, "cpu_seconds": cpu, "pipeline_mb": own, "peak_mb": peak}))
"""


def measure(size_mb: float) -> dict:
    run = subprocess.run([sys.executable, "-c", CHILD, str(ROOT / "corpus" / "seeds"), str(size_mb)],
                         capture_output=True, text=True, check=True)
    row = json.loads(run.stdout.strip().splitlines()[-1])
    row["size_mb"] = size_mb
    row["seconds_per_mb"] = row["seconds"] / (row["characters"] / 1_000_000)
    row["above_pipeline_mb"] = row["peak_mb"] - row["pipeline_mb"]
    return row


def table(rows: list[dict]) -> str:
    lines = ["| document | entities | wall s | CPU s | s per MB | pipeline (MB) | peak (MB) | above pipeline (MB) |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['size_mb']:g} M chars | {r['entities']:,} | {r['seconds']:.1f} | {r['cpu_seconds']:.1f} | "
                     f"{r['seconds_per_mb']:.1f} | {r['pipeline_mb']:.0f} | {r['peak_mb']:.0f} | "
                     f"{r['above_pipeline_mb']:.0f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 5, 20], help="document sizes, million characters")
    parser.add_argument("--output", default=None, help="also write the table (Markdown) and rows (JSON) here")
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        rows.append(measure(size))
        print(table(rows[-1:]).splitlines()[-1], flush=True)
    out = table(rows)
    print("\n" + out)
    if args.output:
        Path(args.output).write_text(out + "\n\n```json\n" + json.dumps(rows, indent=2) + "\n```\n", encoding="utf-8")


if __name__ == "__main__":
    main()
