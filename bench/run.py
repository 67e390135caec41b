"""`make bench`: run every benchmark, print tables, write JSON to bench/results/.

Each benchmark measures its own baseline in the same run, on the same machine,
and reports ratios against it; absolute numbers only mean something next to
their baseline.
"""

import json
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import (  # noqa: E402
    anonymous_pages,
    chat_fanout,
    http_pages,
    page_weight,
    portfolio_search,
    production,
    search,
    signed_in_pages,
)

BENCHMARKS = [
    http_pages,
    anonymous_pages,
    signed_in_pages,
    chat_fanout,
    portfolio_search,
    search,
    production,
    page_weight,
]


def main(names: list[str]) -> None:
    """Every benchmark, or those named (``python bench/run.py production``)."""
    results_dir = ROOT / "bench" / "results"
    results_dir.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    chosen = [m for m in BENCHMARKS if not names or m.__name__.rpartition(".")[2] in names]
    if names and len(chosen) != len(set(names)):
        known = ", ".join(m.__name__.rpartition(".")[2] for m in BENCHMARKS)
        sys.exit(f"unknown benchmark in {names}; known: {known}")
    for module in chosen:
        result = module.measure()
        result["machine"] = {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
        }
        result["when"] = stamp
        print(module.report(result))
        print()
        path = results_dir / f"{result['benchmark']}-{stamp}.json"
        path.write_text(json.dumps(result, indent=2))
        print(f"written {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
