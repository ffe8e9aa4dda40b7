#!/usr/bin/env python3
"""Generates a synthetic offline OSV database and a tree of lockfile repositories.

usage: generate.py OUT_DIR [ADVISORIES=50000] [REPOS=1000] [PACKAGES=100]

OUT_DIR/db/<ecosystem>/<id>.json   one OSV record per advisory (PyPI 50 %, npm 50 %),
                                   1-3 introduced/fixed pairs, a CVSS v3 vector
OUT_DIR/repos/r<i>/requirements.txt or package-lock.json (v3), PACKAGES pins each

Fixed seed: the same arguments give the same files. A quarter of the advisories hit the
200 most popular packages of each ecosystem; lockfiles pick half their packages from the
popular ones, so a good share of pins are affected.
"""
import json, os, random, sys

out = sys.argv[1]
advisories = int(sys.argv[2]) if len(sys.argv) > 2 else 50000
repos = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
packages = int(sys.argv[4]) if len(sys.argv) > 4 else 100
rng = random.Random(20261130)
ecosystems = ["PyPI", "npm"]
names = {e: [f"{'py' if e == 'PyPI' else 'js'}-pkg-{i}" for i in range(6000)] for e in ecosystems}
popular = 200
vectors = ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
           "CVSS:3.1/AV:L/AC:H/PR:L/UI:R/S:U/C:L/I:N/A:N", "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N"]

def version(major):
    return f"{major}.{rng.randint(0, 20)}.{rng.randint(0, 20)}"

for n in range(advisories):
    eco = ecosystems[n % 2]
    pool = names[eco][:popular] if rng.random() < 0.25 else names[eco]
    name = rng.choice(pool)
    events, major = [], rng.randint(0, 3)
    for _ in range(rng.randint(1, 3)):
        events.append({"introduced": f"{major}.0.0"})
        events.append({"fixed": version(major)})
        major += rng.randint(1, 2)
    record = {"schema_version": "1.6.0", "id": f"BENCH-{eco}-{n:06d}", "modified": "2025-01-01T00:00:00Z",
              "aliases": [f"CVE-2025-{n:06d}"], "summary": f"synthetic advisory {n}",
              "severity": [{"type": "CVSS_V3", "score": rng.choice(vectors)}],
              "affected": [{"package": {"ecosystem": eco, "name": name},
                            "ranges": [{"type": "ECOSYSTEM", "events": events}]}]}
    folder = os.path.join(out, "db", eco)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, record["id"] + ".json"), "w") as handle:
        json.dump(record, handle)

for r in range(repos):
    eco = ecosystems[r % 2]
    chosen = set()
    while len(chosen) < packages:
        chosen.add(rng.choice(names[eco][:popular] if rng.random() < 0.5 else names[eco]))
    folder = os.path.join(out, "repos", f"r{r:04d}")
    os.makedirs(folder, exist_ok=True)
    pins = sorted((name, version(rng.randint(0, 5))) for name in chosen)
    if eco == "PyPI":
        with open(os.path.join(folder, "requirements.txt"), "w") as handle:
            handle.writelines(f"{name}=={v}\n" for name, v in pins)
    else:
        lock = {"name": f"r{r}", "lockfileVersion": 3, "requires": True,
                "packages": {"": {"name": f"r{r}", "version": "1.0.0"}}}
        for name, v in pins:
            lock["packages"][f"node_modules/{name}"] = {"version": v}
        with open(os.path.join(folder, "package-lock.json"), "w") as handle:
            json.dump(lock, handle, indent=2)
