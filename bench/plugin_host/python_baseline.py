#!/usr/bin/python3
"""The Python side of bench_plugins: the same pages, read the way a Python tool would.

  json:        json.loads + the normalisation plugins/remoteok/init.lua does (mojibake repair, HTML to
               text, anti-spam cut, budget, tags, job type, limits) + the listing checks the
               host makes (required fields, http(s) URL, lengths, dates, budget bounds).
  feedparser:  feedparser.parse + the normalisation plugins/weworkremotely/init.lua does + the same
               checks.

Run with Debian's /usr/bin/python3 (python3-feedparser). Prints one JSON object:
  {"json": {"seconds": S, "cpu_seconds": C, "listings": N}, "feedparser": {...}}
where seconds (wall clock) and cpu_seconds are each the best of --repeat runs over all pages.
"""
import argparse
import calendar
import html
import json
import re
import sys
import time

import feedparser

# --- shared helpers, mirroring the helper modules --------------------------------------------

TAG_RE = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*>", re.S)
BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "blockquote",
         "pre", "hr", "section", "article", "header", "footer", "aside", "nav", "main"}
LINE = {"div", "li", "tr", "br", "dt", "dd"}
SKIP = {"script", "style", "template", "noscript", "svg", "math", "iframe", "object", "head"}
SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
BLANKS = re.compile(r"\n{3,}")


def to_text(s):
    """html.to_text: block elements set off by blank lines, line elements by newlines."""
    out = []
    pos = 0
    skipping = None
    for m in TAG_RE.finditer(s):
        if skipping is None:
            out.append(s[pos:m.start()])
        pos = m.end()
        name = (m.group(2) or "").lower()
        closing = m.group(1) == "/"
        if skipping is not None:
            if closing and name == skipping:
                skipping = None
            continue
        if not name:
            continue
        if name in SKIP and not closing:
            skipping = name
        elif name in BLOCK:
            out.append("\n\n")
        elif name == "li" and not closing:
            out.append("\n- ")
        elif name in LINE:
            out.append("\n")
    if skipping is None:
        out.append(s[pos:])
    text = html.unescape("".join(out))
    lines = [SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return BLANKS.sub("\n\n", "\n".join(lines)).strip()


def collapse(s):
    return " ".join(s.split())


def truncate(s, max_bytes):
    b = s.encode("utf-8")
    if len(b) <= max_bytes:
        return s
    return b[: max_bytes - 3].decode("utf-8", "ignore") + "…"


def fit(l):
    l["title"] = truncate(l["title"], 300)
    for key, limit in (("description", 65536), ("company", 200), ("location", 200)):
        if l.get(key):
            l[key] = truncate(l[key], limit)
    l["tags"] = [t for t in l.get("tags", []) if len(t.encode("utf-8")) <= 64][:100]
    return l


CURRENCIES = {"USD", "EUR", "GBP", "CAD", "AUD", "PLN", "INR", "CHF"}
EARLIEST = 788918400


def valid(l, now):
    """The host's checks on one listing (validate_listing, simplified to what these pages use)."""
    if not l.get("id") or not l.get("title") or not l.get("url"):
        return False
    if not re.match(r"https?://[^/@\s]+", l["url"]) or len(l["url"]) > 2048:
        return False
    if len(l["title"].encode()) > 300 or len(l.get("description", "").encode()) > 65536:
        return False
    p = l.get("posted_at")
    if p is not None and not (EARLIEST <= p <= now + 2 * 86400):
        return False
    b = l.get("budget")
    if b:
        top = 10000 if b["kind"] == "hourly" else 1e9
        for v in (b.get("min"), b.get("max")):
            if v is not None and not (0 <= v <= top):
                return False
        if b["currency"] not in CURRENCIES:
            return False
    return all(0 < len(t.encode()) <= 64 for t in l.get("tags", []))


# --- Remote OK (plugins/remoteok/init.lua) --------------------------------------------------------

MOJIBAKE = re.compile("[\u00c2\u00c3][\u0080-\u00bf]")
JOB_TYPES = {"full-time": "full_time", "full time": "full_time", "part-time": "part_time",
             "part time": "part_time", "contract": "contract", "contractor": "contract",
             "freelance": "freelance"}
SALARY_LINE = re.compile(r"([A-Z]{3})\s*([\d,]+)\s*-\s*([\d,]+)")


def string(v):
    if not isinstance(v, str):
        return None
    v = v.strip()
    return v or None


def repair(s):
    if not MOJIBAKE.search(s) or any(ord(c) > 255 for c in s):
        return s
    try:
        return s.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return s


def number(v):
    if isinstance(v, (int, float)):
        return v
    if isinstance(v, str):
        try:
            return float(re.sub(r"[,\s]", "", v))
        except ValueError:
            return None
    return None


def budget_of(job, description):
    lo, hi = number(job.get("salary_min")), number(job.get("salary_max"))
    lo = lo or None
    hi = hi or None
    if lo is None and hi is None:
        return None
    if lo and hi and lo > hi:
        lo, hi = hi, lo
    kind = "hourly" if (hi or lo) < 1000 else "salary"
    currency = "USD"
    at = description.find("Salary", 0, 600) if description else -1
    if at >= 0:
        m = SALARY_LINE.search(description[at:at + 200].split("\n")[0])
        if m and m.group(1) != "USD":
            currency = m.group(1)
    return {"kind": kind, "min": lo, "max": hi, "currency": currency}


def remoteok_listing(job):
    jid = job.get("id")
    jid = str(jid) if isinstance(jid, (int, float)) else string(jid)
    title = string(job.get("position"))
    if not jid or not title:
        return None
    link = string(job.get("url")) or string(job.get("apply_url"))
    posted = number(job.get("epoch"))
    tags, job_type = [], None
    for t in job.get("tags") or []:
        tag = string(t)
        if tag:
            tags.append(repair(tag))
            job_type = job_type or JOB_TYPES.get(tag.lower())
    description = string(job.get("description"))
    if description:
        description = repair(description)
        description = to_text(description) if re.search(r"<[A-Za-z]", description) \
            else html.unescape(description)
        at = description.find("Please mention the word")
        if at >= 0:
            description = description[:at]
        description = description.strip()
    company = string(job.get("company"))
    location = string(job.get("location"))
    return {
        "id": "remoteok:" + jid, "source": "remoteok:default", "url": link,
        "title": collapse(to_text(repair(title))), "description": description or "",
        "company": repair(collapse(company)) if company else None,
        "posted_at": int(posted) if posted else None,
        "budget": budget_of(job, description), "tags": tags, "job_type": job_type,
        "remote": True, "location": repair(collapse(location)) if location else None,
    }


def run_json(pages, now):
    count = 0
    for data in pages:
        for job in json.loads(data):
            if not isinstance(job, dict) or ("legal" in job and "id" not in job):
                continue
            l = remoteok_listing(job)
            if l and valid(fit(l), now):
                count += 1
    return count


# --- We Work Remotely (plugins/weworkremotely/init.lua) -------------------------------------------

FLAG = re.compile("[\U0001F1E6-\U0001F1FF]")
WWR_TYPES = {"full-time": "full_time", "part-time": "part_time", "contract": "contract",
             "freelance": "freelance"}


def countries(s):
    if not s:
        return None
    names = [re.sub(r"^and\s+", "", part.strip()).strip() for part in FLAG.sub("", s).split(",")]
    names = [n for n in names if n]
    return ", ".join(names) or None


def body_text(description):
    t = to_text(description or "")
    for label in ("Headquarters:", "URL:"):
        t = t.strip()
        if t.startswith(label):
            eol = t.find("\n")
            t = t[eol + 1:] if eol >= 0 else ""
    at = t.find("To apply:")
    if at >= 0:
        t = t[:at]
    return t.strip()


def wwr_listing(e):
    link = string(e.get("link")) or string(e.get("id"))
    raw_title = string(e.get("title"))
    if not link or not raw_title:
        return None
    title = collapse(to_text(raw_title))
    company, role = None, title
    at = title.find(": ")
    if 0 < at <= 120 and title[at + 2:].strip():
        company, role = title[:at].strip(), title[at + 2:].strip()
    tags = []
    for part in (e.get("skills") or "").split(","):
        tag = string(re.sub(r"^and\s+", "", part.strip()))
        if tag:
            tags.append(tag)
    if e.get("tags"):
        tags.append(e["tags"][0]["term"])
    location = string(e.get("region"))
    country = countries(e.get("country"))
    if country and location:
        location = location + " (" + country + ")"
    elif country:
        location = country
    posted = calendar.timegm(e.published_parsed) if e.get("published_parsed") else None
    return {
        "id": "weworkremotely:" + (string(e.get("id")) or link), "url": link, "title": role,
        "company": company, "description": body_text(e.get("summary")), "posted_at": posted,
        "tags": tags, "job_type": WWR_TYPES.get((e.get("type") or "").lower()), "remote": True,
        "location": location,
    }


def run_feedparser(pages, now):
    count = 0
    for data in pages:
        for e in feedparser.parse(data).entries:
            l = wwr_listing(e)
            if l and valid(fit(l), now):
                count += 1
    return count


def best_of(repeat, fn, pages, now):
    best, best_cpu, count = float("inf"), float("inf"), 0
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        count = fn(pages, now)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    return {"seconds": best, "cpu_seconds": best_cpu, "listings": count}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", nargs="*", default=[])
    ap.add_argument("--rss", nargs="*", default=[])
    ap.add_argument("--now", type=int, required=True)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    json_pages = [open(p, "rb").read() for p in args.json]
    rss_pages = [open(p, "rb").read() for p in args.rss]
    out = {
        "json": best_of(args.repeat, run_json, json_pages, args.now),
        "feedparser": best_of(args.repeat, run_feedparser, rss_pages, args.now),
    }
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    main()
