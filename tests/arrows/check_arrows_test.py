#!/usr/bin/python3
"""scripts/check_arrows.py run on small fake checkouts: it passes what the table allows and
fails, naming file, include and row, on what it does not.

    check_arrows_test.py CHECKER
"""

import pathlib
import subprocess
import sys
import tempfile
import textwrap
import unittest

CHECKER = None

LIBRARIES = """\
| library | included as |
|---|---|
| libcurl | `curl/…` |
| CLI11 | `CLI/…` |
| wxWidgets | `wx/…` |
"""


def architecture(rows):
    table = "| part | folder | what lives there | may use |\n|---|---|---|---|\n"
    table += "".join(f"| {part} | `src/{part}/` | things | {may_use} |\n" for part, may_use in rows)
    return f"# Architecture\n\n{table}\nHow it reads.\n\n{LIBRARIES}"


# A core of four parts (base <- model <- store, base <- fetch with libcurl) and a front end.
CORE = [("base", ""), ("model", "base"), ("store", "model (rows)"), ("fetch", "base; libcurl"),
        ("cli", "store, fetch; CLI11")]


class CheckArrows(unittest.TestCase):
    def tree(self, rows, files):
        root = pathlib.Path(tempfile.mkdtemp(dir=self.tmp.name))
        (root / "docs").mkdir()
        (root / "docs/architecture.md").write_text(architecture(rows), encoding="utf-8")
        for part, _ in rows:
            (root / "src" / part).mkdir(parents=True)
        for name, text in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return root

    def run_checker(self, rows, files):
        root = self.tree(rows, files)
        done = subprocess.run([sys.executable, CHECKER, str(root)], capture_output=True,
                              text=True, check=False)
        return done.returncode, done.stderr

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def test_includes_the_table_allows_pass(self):
        code, err = self.run_checker(CORE, {
            "src/model/listing.h": '#include <vector>\n#include "base/result.h"\n',
            # base through model: allowed parts count transitively.
            "src/store/store.cpp": '#include "store/store.h"\n#include "base/result.h"\n',
            "src/fetch/fetcher.cpp": "#include <curl/curl.h>\n#include <unistd.h>\n",
            "src/cli/main.cpp": '#include <CLI/CLI.hpp>\n#include "model/listing.h"\n',
        })
        self.assertEqual((code, err), (0, ""))

    def test_a_forbidden_part_include_fails_naming_file_include_and_row(self):
        code, err = self.run_checker(CORE, {
            "src/model/listing.cpp": '#include "model/listing.h"\n\n#include "store/store.h"\n',
        })
        self.assertEqual(code, 1)
        self.assertIn('src/model/listing.cpp:3: includes "store/store.h" of part store, but '
                      'model may use "base" (docs/architecture.md)', err)

    def test_a_part_above_is_not_allowed_below(self):
        code, err = self.run_checker(CORE, {"src/fetch/cache.cpp": '#include "cli/exit.h"\n'})
        self.assertEqual(code, 1)
        self.assertIn('src/fetch/cache.cpp:1: includes "cli/exit.h" of part cli, but fetch may '
                      'use "base; libcurl"', err)

    def test_a_core_part_including_wx_or_cli11_fails(self):
        code, err = self.run_checker(CORE, {
            "src/store/view.h": "#pragma once\n#include <wx/string.h>\n",
            "src/model/args.cpp": "  #  include <CLI/CLI.hpp>\n",
        })
        self.assertEqual(code, 1)
        self.assertIn('src/store/view.h:2: includes <wx/string.h> of library wxWidgets, but '
                      'store may use "model (rows)"', err)
        self.assertIn('src/model/args.cpp:1: includes <CLI/CLI.hpp> of library CLI11, but '
                      'model may use "base"', err)

    def test_a_library_is_not_passed_on_to_the_parts_above(self):
        code, err = self.run_checker(CORE, {"src/cli/get.cpp": "#include <curl/curl.h>\n"})
        self.assertEqual(code, 1)
        self.assertIn("src/cli/get.cpp:1: includes <curl/curl.h> of library libcurl", err)

    def test_all_of_the_above_and_everything(self):
        rows = CORE + [("refresh", "all of the above"), ("tools", "everything")]
        code, err = self.run_checker(rows, {
            "src/refresh/run.cpp": '#include "cli/exit.h"\n#include "fetch/url.h"\n',
            "src/tools/t.cpp": '#include "refresh/run.h"\n#include <wx/app.h>\n',
        })
        self.assertEqual((code, err), (0, ""))
        # The rows above it, not the rows below.
        code, err = self.run_checker([("refresh", "all of the above")] + CORE,
                                     {"src/refresh/run.cpp": '#include "base/result.h"\n'})
        self.assertEqual(code, 1)
        self.assertIn('includes "base/result.h" of part base, but refresh may use "all of the '
                      'above"', err)

    def test_an_only_row_allows_what_it_names_and_nothing_through_it(self):
        rows = CORE[:-1] + [("cli", "only store, `base/result.h` (a note); CLI11")]
        code, err = self.run_checker(rows, {
            "src/cli/list.cpp": '#include "store/store.h"\n#include "base/result.h"\n'
                                "#include <CLI/CLI.hpp>\n",
        })
        self.assertEqual((code, err), (0, ""))
        code, err = self.run_checker(rows, {
            "src/cli/list.cpp": '#include "model/listing.h"\n#include "base/paths.h"\n',
        })
        self.assertEqual(code, 1)
        self.assertIn('src/cli/list.cpp:1: includes "model/listing.h" of part model, but cli may '
                      'use "only store, `base/result.h` (a note); CLI11"', err)
        self.assertIn('src/cli/list.cpp:2: includes "base/paths.h" of part base', err)

    def test_a_folder_without_a_row_fails(self):
        code, err = self.run_checker(CORE, {"src/app/main.cpp": "int main() {}\n"})
        self.assertEqual(code, 1)
        self.assertIn("src/app/: no row for part 'app' in the parts table of "
                      "docs/architecture.md", err)

    def test_a_header_outside_the_parts_fails(self):
        code, err = self.run_checker(CORE, {"src/store/a.cpp": '#include "a.h"\n'})
        self.assertEqual(code, 1)
        self.assertIn('src/store/a.cpp:1: includes "a.h", which is not in a part', err)

    def test_a_word_the_check_does_not_know_is_a_table_error(self):
        code, err = self.run_checker(CORE + [("app", "workspace, what it shows")], {})
        self.assertEqual(code, 2)
        self.assertIn("row app: 'workspace' in 'may use' is neither a part nor a library", err)

    def test_arrows_that_go_round_are_a_table_error(self):
        code, err = self.run_checker([("base", "model"), ("model", "base")], {})
        self.assertEqual(code, 2)
        self.assertIn("the arrows go round", err)


if __name__ == "__main__":
    CHECKER = sys.argv.pop(1)
    unittest.main()
