#!/usr/bin/env python3
"""Check that Tabel 3's maatwerk column follows from its passendheid and
eigenaarschap columns via the combination matrix in Tabel 15.

Tabel 3 uses Volledig/Beperkt/Geen for passendheid and eigenaarschap, Tabel 15
uses ja/beperkt/nee; Tabel 3's maatwerk value X corresponds to "X maatwerk" in
Tabel 15. Exits non-zero if any case disagrees."""
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LEVEL = {"Volledig": "ja", "Beperkt": "beperkt", "Geen": "nee"}


def read(name):
    with open(os.path.join(HERE, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


matrix = {(r["passendheid"], r["eigenaarschap"]): r["maatwerk"]
          for r in read("tabel15.tsv")}
assert len(matrix) == 9, "tabel15.tsv must hold 9 distinct combinations"

bad = 0
for r in read("tabel3.tsv"):
    p, e = LEVEL[r["passendheid"]], LEVEL[r["eigenaarschap"]]
    expected = matrix[(p, e)]
    printed = r["maatwerk"] + " maatwerk"
    if expected.lower() != printed.lower():
        bad += 1
        print(f"MISMATCH case {r['case']}: passendheid={r['passendheid']} "
              f"eigenaarschap={r['eigenaarschap']} -> Tabel 15 gives "
              f"'{expected}', Tabel 3 prints '{r['maatwerk']}'")
print(f"{bad} mismatch(es)")
sys.exit(1 if bad else 0)
