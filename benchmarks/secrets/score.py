#!/usr/bin/env python3
"""Scores secret-scanner output against the CredData labels in shared/eval/secrets/creddata.

usage: score.py CREDDATA_DIR FORMAT:RESULT.json [FORMAT:RESULT.json ...] [--markdown NAME=SECONDS ...]

FORMAT is one of
  infinity        our report JSON ({"findings": [{"file", "line"}, ...]})
  detect-secrets  `detect-secrets scan` JSON ({"results": {file: [{"line_number"}]}})
  credsweeper     `credsweeper --save-json` JSON ([{"line_data_list": [{"path", "line_num"}]}])

Scoring follows the dataset README: a finding is a (file, line) pair; it matches a label
when the file is the label's FilePath and LineStart <= line <= LineEnd. TP = T labels
matched by at least one finding, FN = T labels matched by none, FP = F/X labels matched.
precision = TP/(TP+FP), recall = TP/#T, F1 = 2PR/(P+R). Findings on lines no label covers
are counted separately ("unlabeled"). The second set of scores drops the label rows whose
only category is UUID.
"""
import csv, glob, json, os, sys
from collections import defaultdict


def load_labels(root):
    labels = []
    for path in sorted(glob.glob(os.path.join(root, "meta", "*.csv"))):
        with open(path, newline="") as handle:
            for row in csv.DictReader(handle):
                labels.append({
                    "file": row["FilePath"], "start": int(row["LineStart"]), "end": int(row["LineEnd"]),
                    "truth": row["GroundTruth"] == "T", "categories": row["Category"].split(":"),
                })
    return labels


def norm(path):
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    index = path.find("data/")
    return path[index:] if index >= 0 else path


def load_findings(fmt, path):
    with open(path) as handle:
        data = json.load(handle)
    found = set()
    if fmt == "infinity":
        for finding in data["findings"]:
            found.add((norm(finding["file"]), int(finding["line"])))
    elif fmt == "detect-secrets":
        for file, items in data["results"].items():
            for item in items:
                found.add((norm(file), int(item["line_number"])))
    elif fmt == "credsweeper":
        for candidate in data:
            for line in candidate["line_data_list"]:
                found.add((norm(line["path"]), int(line["line_num"])))
    else:
        raise SystemExit(f"unknown format {fmt}")
    return found


def score(labels, found, every_label=None):
    by_file = defaultdict(list)
    for label in labels:
        by_file[label["file"]].append(label)
    found_by_file = defaultdict(set)
    for file, line in found:
        found_by_file[file].add(line)
    tp = fp = fn = 0
    covered = set()
    for label in labels:
        lines = found_by_file.get(label["file"], ())
        hit = any(label["start"] <= line <= label["end"] for line in lines)
        if label["truth"]:
            tp += hit
            fn += not hit
        else:
            fp += hit
    all_labels = defaultdict(list)
    for label in (every_label or labels):
        all_labels[label["file"]].append(label)
    unlabeled = 0
    for file, line in found:
        if not any(l["start"] <= line <= l["end"] for l in all_labels.get(file, ())):
            unlabeled += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return dict(tp=tp, fp=fp, fn=fn, p=p, r=r, f1=f1, unlabeled=unlabeled)


def main(argv):
    if len(argv) < 3:
        raise SystemExit(__doc__)
    root = argv[1]
    runs, seconds = [], {}
    args = argv[2:]
    if "--markdown" in args:
        index = args.index("--markdown")
        for item in args[index + 1:]:
            name, value = item.split("=", 1)
            seconds[name] = float(value)
        args = args[:index]
    labels = load_labels(root)
    no_uuid = [l for l in labels if l["categories"] != ["UUID"]]
    data_bytes = sum(os.path.getsize(p) for p in glob.glob(os.path.join(root, "data", "**"), recursive=True)
                     if os.path.isfile(p))
    print(f"labels: {len(labels)} rows, T={sum(l['truth'] for l in labels)}; "
          f"without UUID-only rows: T={sum(l['truth'] for l in no_uuid)}; data bytes: {data_bytes}")
    print()
    print("| scanner | labels | TP | FP | FN | precision | recall | F1 | unlabeled finding lines | wall s | MB/s |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for arg in args:
        fmt, path = arg.split(":", 1)
        found = load_findings(fmt, path)
        wall = seconds.get(fmt)
        for name, subset in (("all", labels), ("no UUID-only", no_uuid)):
            s = score(subset, found, labels)
            wall_text = f"{wall:.2f}" if wall else "–"
            mbps = f"{data_bytes / 1e6 / wall:.2f}" if wall else "–"
            print(f"| {fmt} | {name} | {s['tp']} | {s['fp']} | {s['fn']} | {s['p']:.3f} | {s['r']:.3f} | "
                  f"{s['f1']:.3f} | {s['unlabeled']} | {wall_text} | {mbps} |")


if __name__ == "__main__":
    main(sys.argv)
