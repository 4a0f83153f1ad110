#!/usr/bin/python3
"""Keeps the arrows of docs/architecture.md true: every #include in src/<part>/ must be allowed
by the "may use" column of that part's row in the parts table.

    check_arrows.py [ROOT]     (ROOT: the checkout, default: this script's parent folder)

The reading of the table (docs/architecture.md, "Parts"):
- A row allows the parts it names and, through them, every part those may use (the arrows
  compose: dedupe may use model, model may use base, so dedupe may include base headers).
  "all of the above" names every part in the rows above; "everything" allows any part and any
  library; text in parentheses is a note.
- A library a row names (by the names of the libraries table) is that part's own: the parts
  above it reach the library through the part's headers, never by including it themselves. So
  no core part can include wx or CLI11, which only the front ends' rows name.
- A row whose "may use" starts with "only" allows exactly what it names, nothing through it:
  the parts named, and single headers named as `<part>/<file>` (a front end kept thin: the
  parts it goes through, and the few headers of lower parts it genuinely needs).
- Every folder of src/ needs a row; `#include "<part>/..."` is a header of that part; angle
  includes are checked only when they match the libraries table (the C++ and POSIX headers are
  everyone's).

Standard library only, so the bare Debian /usr/bin/python3 runs it. Exit 0 when every include
is allowed, 1 with one line per violation ("file:line: includes ... (rule)"), 2 when the table
itself cannot be read.
"""

import pathlib
import re
import sys

ARCHITECTURE = "docs/architecture.md"
SOURCE_SUFFIXES = {".h", ".hpp", ".cpp", ".cc", ".c", ".in"}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
ALL_ABOVE = "all of the above"
EVERYTHING = "everything"


class TableError(Exception):
    pass


def cells(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]


def table_after(lines, header_test, what):
    """The rows (lists of cells) of the first Markdown table whose header passes header_test."""
    for i, line in enumerate(lines):
        if line.lstrip().startswith("|") and header_test(cells(line)):
            rows = []
            for row in lines[i + 2:]:
                if not row.lstrip().startswith("|"):
                    break
                rows.append(cells(row))
            return cells(line), rows
    raise TableError(f"{ARCHITECTURE}: no {what} table")


def read_libraries(lines):
    """library name in lower case -> (its name, include patterns: "rapidjson/" is a prefix,
    "lua.hpp" a whole header)."""
    header, rows = table_after(lines, lambda h: h[:2] == ["library", "included as"], "libraries")
    libraries = {}
    for row in rows:
        patterns = re.findall(r"`([^`]+)`", row[1])
        if not patterns:
            raise TableError(f"{ARCHITECTURE}: library {row[0]}: no `header` in 'included as'")
        libraries[row[0].lower()] = (row[0], [p.replace("…", "") for p in patterns])
    return libraries


def read_parts(lines, libraries):
    """part -> (allowed parts, allowed libraries, the row's 'may use' text, allowed headers)."""
    header, rows = table_after(lines, lambda h: h and h[0] == "part" and "may use" in h, "parts")
    col = header.index("may use")
    order, direct, libs, texts, everything, only, headers = [], {}, {}, {}, set(), set(), {}
    for row in rows:
        part = row[0].strip("`")
        text = row[col]
        order.append(part)
        texts[part] = text
        direct[part], libs[part], headers[part] = set(), set(), set()
        words = re.sub(r"\([^)]*\)", "", text).strip()
        if re.match(r"only\s", words):
            only.add(part)
            words = words[len("only"):]
        for word in re.split(r"[,;]", words):
            word = re.sub(r"^and\s+", "", word.strip()).strip("`")
            if not word:
                continue
            if part in only and "/" in word:
                if word.split("/", 1)[0] not in order and not any(
                        r[0].strip("`") == word.split("/", 1)[0] for r in rows):
                    raise TableError(f"{ARCHITECTURE}: row {part}: header '{word}' in 'may use' "
                                     "is not in a part")
                headers[part].add(word)
            elif word == ALL_ABOVE:
                direct[part].update(order[:-1])
            elif word == EVERYTHING:
                everything.add(part)
            elif word in order or any(r[0].strip("`") == word for r in rows):
                direct[part].add(word)
            elif word.lower() in libraries:
                libs[part].add(word.lower())
            else:
                raise TableError(
                    f"{ARCHITECTURE}: row {part}: '{word}' in 'may use' is neither a part nor a "
                    "library of the libraries table")
    allowed = {}

    def reach(part, path):
        if part in allowed:
            return allowed[part]
        if part in path:
            raise TableError(f"{ARCHITECTURE}: the arrows go round: {' -> '.join(path + [part])}")
        out = set(direct[part])
        for used in direct[part]:
            out |= reach(used, path + [part])
        allowed[part] = out
        return out

    parts = {}
    for part in order:
        if part in everything:
            parts[part] = (set(order), set(libraries), texts[part], set())
        elif part in only:
            parts[part] = (set(direct[part]), libs[part], texts[part], headers[part])
        else:
            parts[part] = (reach(part, []), libs[part], texts[part], set())
    return parts


def library_of(header, libraries):
    for key, (_, patterns) in libraries.items():
        for p in patterns:
            if (p.endswith("/") and header.startswith(p)) or header == p:
                return key
    return None


def check(root):
    lines = (root / ARCHITECTURE).read_text(encoding="utf-8").splitlines()
    libraries = read_libraries(lines)
    parts = read_parts(lines, libraries)
    problems = []
    src = root / "src"
    for folder in sorted(p for p in src.iterdir() if p.is_dir()):
        part = folder.name
        if part not in parts:
            problems.append(f"src/{part}/: no row for part '{part}' in the parts table of "
                            f"{ARCHITECTURE}")
            continue
        may_parts, may_libs, text, may_headers = parts[part]
        rule = f'{part} may use "{text}" ({ARCHITECTURE})'
        for path in sorted(folder.rglob("*")):
            if path.suffix not in SOURCE_SUFFIXES or not path.is_file():
                continue
            shown = path.relative_to(root).as_posix()
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                quote, header = m.groups()
                spelled = f'"{header}"' if quote == '"' else f"<{header}>"
                if quote == '"':
                    used = header.split("/", 1)[0]
                    if "/" not in header or used not in parts:
                        problems.append(f"{shown}:{number}: includes {spelled}, which is not "
                                        "in a part: write it as \"<part>/<file>\"")
                    elif used != part and used not in may_parts and header not in may_headers:
                        problems.append(f"{shown}:{number}: includes {spelled} of part {used}, "
                                        f"but {rule}")
                else:
                    library = library_of(header, libraries)
                    if library and library not in may_libs:
                        problems.append(f"{shown}:{number}: includes {spelled} of library "
                                        f"{libraries[library][0]}, but {rule}")
    return problems


def main(argv):
    root = pathlib.Path(argv[1] if len(argv) > 1 else pathlib.Path(__file__).parent.parent)
    try:
        problems = check(root.resolve())
    except (TableError, OSError, UnicodeDecodeError) as e:
        print(f"check_arrows: {e}", file=sys.stderr)
        return 2
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"check_arrows: {len(problems)} include(s) against the arrows of {ARCHITECTURE}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
