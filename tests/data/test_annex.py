#!/usr/bin/env python3
"""test_annex.py: every text the seed takes from the 2010 report is the report's own words.

Themes, goals, priorities and notes of each process whose source is the
report (data/sources.json, iom-mrs-38), other than those that name a source
of their own, must appear in the report's text
word for word, up to spacing, list numbering, bullets and emphasis marks.
The report is looked for where data/sources.json says, beside the
repository, or at $RCPHUB_REPORT."""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def report_path():
    src = {s["id"]: s for s in json.load(open(os.path.join(ROOT, "data/sources.json")))["sources"]}
    rel = src["iom-mrs-38"]["file"]
    for p in (os.environ.get("RCPHUB_REPORT"), os.path.join(os.path.dirname(ROOT), rel),
              os.path.join("/work", rel)):
        if p and os.path.exists(p):
            return p
    return None


def fold(s):
    for a, b in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'),
                 ("\u2013", "-"), ("\u2014", "-"), ("*", "")):
        s = s.replace(a, b)
    return re.sub(r"\s+", " ", s).strip().lower()


def report_text(path):
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"(?m)^\s*(\d+\.|-)\s+", " ", text)
    return fold(text)


def main():
    path = report_path()
    if not path:
        print("test_annex: the report is not on this machine (set RCPHUB_REPORT); nothing checked")
        return 0
    report = report_text(path)
    bad = []
    for f in sorted(glob.glob(os.path.join(ROOT, "data/processes/*.json"))):
        d = json.load(open(f, encoding="utf-8"))
        if d["source"]["document"] != "iom-mrs-38":
            continue
        for field in ("themes", "goals", "priorities", "notes"):
            for i, t in enumerate(d.get(field, [])):
                if isinstance(t, dict):
                    continue
                if fold(t).rstrip(".;") not in report:
                    bad.append(f"{os.path.relpath(f, ROOT)}: {field}[{i}]: not in the report: {t[:80]}")
    for b in bad:
        print(b)
    print(f"test_annex: {'FAIL' if bad else 'ok'} ({len(bad)} texts differ from {os.path.basename(path)})")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
