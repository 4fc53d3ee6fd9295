"""Shared by the benchmarks: what they ran on (CPU model, package versions) and writing their report."""

from __future__ import annotations

import platform
from pathlib import Path


def package_version(module: str) -> str:
    try:
        from importlib.metadata import version

        return version(module)
    except Exception:
        return "not installed"


def emit(report: str, output: Path | None) -> None:
    """Print a benchmark report, and write it to ``output`` when given."""
    print(report)
    if output:
        output.write_text(report, encoding="utf-8")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"
