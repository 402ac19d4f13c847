"""Screenshot of a network page in headless Chromium, for the README (docs/graph.png).

    .venv/bin/kg build seeds -o output
    .venv/bin/python scripts/screenshot_graph.py output/graph.html docs/graph.png
    .venv/bin/python scripts/screenshot_graph.py corpus300/graph.html docs/graph-300.png \
        --select "United States"

Waits until the page reports it is stable, then captures the window (1200 x 800 by default);
with --select, the entity of that name is first selected as a click would (its neighbourhood
highlighted, its side panel open), the view left at the overview.
"""

from __future__ import annotations

import argparse
import json
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
    parser.add_argument("--select", help="name of an entity to select first")
    args = parser.parse_args()
    executable = find_chromium()
    if executable is None:
        sys.exit("chromium not found: apt-get install chromium (or set KG_CHROMIUM)")
    with Chromium(executable, width=args.width, height=args.height) as browser:
        page = browser.new_page()
        page.goto(args.page.resolve().as_uri())
        page.wait_for("window.kg && window.kg.ready", timeout=60)
        if args.select:
            found = page.evaluate(
                "(function (name) { var n = kg.nodes.get({ filter: function (n) {"
                " return n.label === name; } })[0]; if (!n) { return false; }"
                " network.selectNodes([n.id]); kg.highlight(n.id); network.redraw();"
                f" return true; }})({json.dumps(args.select)})"
            )
            if not found:
                sys.exit(f"no entity named {args.select!r} on the page")
        page.screenshot(args.png)
        page.collect()
        if len(page.requests) != 1:
            sys.exit(f"the page asked for more than itself: {page.requests}")
    print(f"-> {args.png}")


if __name__ == "__main__":
    main()
