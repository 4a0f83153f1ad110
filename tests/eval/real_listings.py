#!/usr/bin/env python3
"""Builds the listings of the real ranking sets (docs/eval.md): runs each bundled plugin in the
real sandbox (`gigscout-cli plugin run --json`) on the real responses in ../shared/fixtures that
its test cases name (plugins/<id>/cases.json, "shared:" fixtures) and prints every
listing as one JSON array. The listings are not committed.

  real_listings.py CLI SOURCE_DIR FIXTURES_DIR > listings.json   (exit 3 without fixtures)
"""
import json
import os
import subprocess
import sys


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    cli, src, fixtures = sys.argv[1:]
    if not os.path.isdir(fixtures):
        print("real_listings.py: no fixtures folder", file=sys.stderr)
        return 3
    out, seen, done = [], set(), set()
    tests = os.path.join(src, "plugins")
    for plugin in sorted(os.listdir(tests)):
        cases = os.path.join(tests, plugin, "cases.json")
        lua = os.path.join(src, "plugins", plugin)
        if plugin == "rss" or not os.path.isfile(cases) or not os.path.isfile(os.path.join(lua, "init.lua")):
            continue
        with open(cases, encoding="utf-8") as f:
            for case in json.load(f)["cases"]:
                fx = case.get("fixture", "")
                if not fx.startswith("shared:") or case.get("type", "run") != "run":
                    continue
                if case.get("status", 200) != 200 or (plugin, fx) in done:
                    continue
                done.add((plugin, fx))
                cmd = [cli, "plugin", "run", lua, "--response",
                       os.path.join(fixtures, fx[len("shared:"):]), "--json"]
                for k, v in case.get("settings", {}).items():
                    if isinstance(v, list):
                        v = ",".join(str(x) for x in v)
                    elif isinstance(v, bool):
                        v = "true" if v else "false"
                    cmd += ["--setting", f"{k}={v}"]
                run = subprocess.run(cmd, capture_output=True, text=True)
                try:
                    doc = json.loads(run.stdout)
                except json.JSONDecodeError:
                    print(f"real_listings.py: {plugin} {fx}: no JSON ({run.stderr.strip()})",
                          file=sys.stderr)
                    continue
                listings = doc.get("listings", []) if isinstance(doc, dict) else doc
                for l in listings:
                    if isinstance(l, dict) and l.get("id") not in seen:
                        seen.add(l.get("id"))
                        out.append(l)
    json.dump(out, sys.stdout, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
