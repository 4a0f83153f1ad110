#!/usr/bin/env python3
"""Reads the real postings of ../shared/fixtures and prints them as a JSON array of
{"id", "source", "text"} (docs/eval.md, "Real postings"). The texts are not committed: the
labelled sets in tests/eval name postings by id and the eval joins them at run time.

id = <source>/<file stem>#<index in the file>; text = title + "\n" + description as the
platform gives it, HTML removed and whitespace collapsed, cut at 1,500 characters.

  real_texts.py FIXTURES_DIR > texts.json      (exit 3 when FIXTURES_DIR is absent)
"""
import glob
import html
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

LIMIT = 1500


def plain(s):
    s = s or ""
    s = html.unescape(s)  # Greenhouse escapes its HTML once
    s = re.sub(r"(?is)<(script|style)[^>]*>.*?</\1>", " ", s)
    s = re.sub(r"(?i)<br\s*/?>|</p>|</li>|</h\d>|</div>", "\n", s)
    s = re.sub(r"<[^>]+>", " ", s)
    s = html.unescape(s)
    s = re.sub(r"[ \t\r\f\v\u00a0]+", " ", s)
    s = re.sub(r"\s*\n\s*", "\n", s)
    return s.strip()


def cut(s):
    s = s.replace("\n", " ")
    s = re.sub(r"\s+", " ", s).strip()
    return s if len(s) <= LIMIT else s[:LIMIT].rstrip() + "…"


def demojibake(s):
    try:
        return s.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return s


def items(path):
    """(title, description) per posting, in file order."""
    source = os.path.basename(os.path.dirname(path))
    if path.endswith((".rss", ".xml")):
        root = ET.parse(path).getroot()
        for it in root.iter("item"):
            yield it.findtext("title") or "", it.findtext("description") or ""
        return
    with open(path, encoding="utf-8-sig") as f:
        d = json.load(f)
    if source == "adzuna":
        for j in d["results"]:
            yield j.get("title", ""), j.get("description", "")
    elif source == "arbeitnow":
        for j in d["data"]:
            yield j.get("title", ""), j.get("description", "")
    elif source == "ashby":
        for j in d["jobs"]:
            yield j.get("title", ""), j.get("descriptionPlain") or j.get("descriptionHtml", "")
    elif source == "freelancer":
        for j in d:
            yield j.get("title", ""), j.get("description") or j.get("preview_description", "")
    elif source == "greenhouse":
        for j in d["jobs"]:
            yield j.get("title", ""), j.get("content", "")
    elif source == "hackernews":
        for j in d["hits"]:
            yield "", j.get("comment_text", "")
    elif source == "himalayas":
        for j in d["jobs"]:
            yield j.get("title", ""), j.get("description") or j.get("excerpt", "")
    elif source == "jobicy":
        for j in d["jobs"]:
            yield j.get("jobTitle", ""), j.get("jobDescription", "")
    elif source == "lever":
        for j in d:
            body = j.get("descriptionPlain", "")
            for l in j.get("lists", []):
                body += "\n" + l.get("text", "") + "\n" + l.get("content", "")
            body += "\n" + j.get("additionalPlain", "")
            yield j.get("text", ""), body
    elif source == "remoteok":
        for j in d[1:]:
            yield demojibake(j.get("position", "")), demojibake(j.get("description", ""))
    elif source == "remotive":
        for j in d["jobs"]:
            yield j.get("title", ""), j.get("description", "")
    elif source == "usajobs":
        for r in d["SearchResult"].get("SearchResultItems", []):
            m = r.get("MatchedObjectDescriptor", {})
            desc = m.get("UserArea", {}).get("Details", {}).get("JobSummary", "") or m.get(
                "QualificationSummary", "")
            yield m.get("PositionTitle", ""), desc


def main():
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        print("real_texts.py: no fixtures folder", file=sys.stderr)
        return 3
    out = []
    for path in sorted(glob.glob(os.path.join(sys.argv[1], "*", "*"))):
        if path.endswith(".source.txt") or not path.endswith((".json", ".rss", ".xml")):
            continue
        source = os.path.basename(os.path.dirname(path))
        stem = os.path.splitext(os.path.basename(path))[0]
        for i, (title, desc) in enumerate(items(path)):
            out.append({"id": f"{source}/{stem}#{i}", "source": source,
                        "text": title_text(title, desc)})
    json.dump(out, sys.stdout, ensure_ascii=False, indent=0)
    print()
    return 0


def title_text(title, desc):
    t = re.sub(r"\s+", " ", plain(title)).strip()
    d = cut(plain(desc))
    return (t + "\n" + d) if t else d


if __name__ == "__main__":
    sys.exit(main())
