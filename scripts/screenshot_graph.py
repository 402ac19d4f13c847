"""Screenshot of a network page in headless Chromium, for the README (docs/graph.png).

    .venv/bin/kg build seeds -o output
    .venv/bin/python scripts/screenshot_graph.py output/graph.html docs/graph.png

Waits until the page reports it is stable, then captures the window (1200 x 800 by default).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(
    0, str(Path(__file__).resolve().parent.parent / "tests")
)  # the DevTools driver

from chromium import Chromium, find_chromium


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=800)
    args = parser.parse_args()
    executable = find_chromium()
    if executable is None:
        sys.exit("chromium not found: apt-get install chromium (or set KG_CHROMIUM)")
    with Chromium(executable, width=args.width, height=args.height) as browser:
        page = browser.new_page()
        page.goto(args.page.resolve().as_uri())
        page.wait_for("window.kg && window.kg.ready", timeout=60)
        page.screenshot(args.png)
        page.collect()
        if len(page.requests) != 1:
            sys.exit(f"the page asked for more than itself: {page.requests}")
    print(f"-> {args.png}")


if __name__ == "__main__":
    main()
