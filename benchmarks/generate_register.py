"""Write a synthetic register of qualifications, of any size, in the layout `noks import` reads.

    python benchmarks/generate_register.py --rows 10000 --seed 1 --out /tmp/register-10k.csv

The same rows and seed always give the same bytes. Every record is marked as synthetic: its code
starts with SYN-, its titles say "Sintetička kvalifikacija" / "Synthetic qualification", and its
note columns say it is not a real qualification. About one row in ten has its Serbian cells in
Cyrillic, as an Agency export may. Run it with PYTHONPATH=publish (it reads the layout and the
transliteration from the noks package).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

from noks.register_layout import columns
from noks.translit import to_cyrillic

# (NOKS level, types that fit it, duration, ECTS, verifying body)
LEVELS = [
    ("1", ("general",), "P8Y", "", "ministry-of-education"),
    ("2", ("vocational",), "PT480H", "", "ministry-of-education"),
    ("3", ("vocational",), "P3Y", "", "ministry-of-education"),
    ("4", ("general", "vocational"), "P4Y", "", "ministry-of-education"),
    ("5", ("vocational",), "P2Y", "", "ministry-of-education"),
    ("6.1", ("academic", "applied"), "P3Y", "180", "nsvo"),
    ("6.2", ("academic", "applied"), "P4Y", "240", "nsvo"),
    ("7.1", ("academic", "applied"), "P5Y", "300", "nsvo"),
    ("7.2", ("academic",), "P1Y", "60", "nsvo"),
    ("8", ("academic",), "P3Y", "180", "nsvo"),
]
FIELDS = (
    "0011 0111 0112 0113 0114 0211 0212 0213 0214 0215 0221 0222 0223 0231 0232 0311 0312 0313 0314 0321 0322 "
    "0411 0412 0413 0414 0415 0416 0417 0421 0511 0512 0521 0522 0531 0532 0533 0541 0542 0611 0612 0613 0711 "
    "0712 0713 0714 0715 0716 0721 0722 0723 0724 0731 0732 0811 0812 0821 0831 0841 0911 0912 0913 0914 0915 "
    "0916 0917 0921 0922 0923 1011 1012 1013 1014 1015 1021 1022 1031 1032 1041"
).split()
ROLES = [("tehničar", "technician"), ("saradnik", "associate"), ("specijalista", "specialist"), ("majstor", "master")]
TOPICS = [
    ("održavanje mreža", "network maintenance"),
    ("preradu hrane", "food processing"),
    ("negu bilja", "plant care"),
    ("obradu metala", "metalworking"),
    ("računovodstvo", "accounting"),
    ("turizam", "tourism"),
    ("energetiku", "energy"),
    ("logistiku", "logistics"),
]
VERBS = [
    ("Planira", "Plans"),
    ("Izvodi", "Carries out"),
    ("Proverava", "Checks"),
    ("Dokumentuje", "Documents"),
    ("Održava", "Maintains"),
    ("Procenjuje", "Assesses"),
]
OBJECTS = [
    ("radne zadatke", "work tasks"),
    ("mere bezbednosti", "safety measures"),
    ("kvalitet proizvoda", "product quality"),
    ("opremu i alate", "equipment and tools"),
    ("troškove posla", "the costs of the job"),
    ("saradnju u timu", "teamwork"),
]
NOTE_SR = "Sintetički zapis za merenje performansi; nije stvarna kvalifikacija."
NOTE_EN = "A synthetic record for benchmarks; not a real qualification."


def row(number: int, rng: random.Random) -> dict[str, str]:
    """One synthetic qualification, in the columns of the layout."""
    level, types, duration, ects, body = rng.choice(LEVELS)
    (role_sr, role_en), (topic_sr, topic_en) = rng.choice(ROLES), rng.choice(TOPICS)
    pairs = zip(rng.sample(VERBS, 3), rng.sample(OBJECTS, 3), strict=True)
    outcomes = [(f"{verb[0]} {obj[0]}", f"{verb[1]} {obj[1]}") for verb, obj in pairs]
    outcomes += [(f"Primenjuje znanja iz oblasti {number % 97}", f"Applies knowledge of area {number % 97}")]
    cells = {
        "code": f"SYN-{number:06d}",
        "title_sr": f"Sintetička kvalifikacija {number:06d}: {role_sr} za {topic_sr}",
        "title_en": f"Synthetic qualification {number:06d}: {role_en} for {topic_en}",
        "level": level,
        "type": rng.choice(types),
        "acquisition": "formal" if ects else rng.choice(["formal", "formal|recognition-of-prior-learning"]),
        "isced_f": rng.choice(FIELDS),
        "occupations": "|".join(f"{rng.randrange(1000, 9999)}.{rng.randrange(1, 99):02d}" for _ in range(2)),
        "work_description_sr": f"Obavlja poslove iz oblasti: {topic_sr}.",
        "work_description_en": f"Does work in {topic_en}.",
        "duration": duration,
        "ects": ects,
        "outcomes_sr": "|".join(sr for sr, _ in outcomes),
        "outcomes_en": "|".join(en for _, en in outcomes),
        "verified_by": body,
        "verification_date": f"{2019 + number % 5}-{1 + number % 12:02d}-{1 + number % 28:02d}",
        "version": "1",
        "entry_date": f"{2020 + number % 5}-{1 + number % 12:02d}-{1 + number % 28:02d}",
        "note_sr": NOTE_SR,
        "note_en": NOTE_EN,
    }
    if number % 10 == 7:  # an export in Cyrillic
        for name in ("title_sr", "work_description_sr", "outcomes_sr", "note_sr"):
            cells[name] = to_cyrillic(cells[name])
    return cells


def write_register(rows: int, seed: int, out) -> None:
    rng = random.Random(seed)
    names = [c.name for c in columns()]
    writer = csv.DictWriter(out, fieldnames=names, lineterminator="\r\n")
    writer.writeheader()
    for number in range(1, rows + 1):
        writer.writerow(row(number, rng))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic NOKS register (CSV) for benchmarks.")
    parser.add_argument("--rows", type=int, default=1000, help="number of qualifications (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", help="CSV file to write (default: standard output)")
    args = parser.parse_args(argv)
    if args.out:
        with Path(args.out).open("w", encoding="utf-8", newline="") as f:
            write_register(args.rows, args.seed, f)
    else:
        write_register(args.rows, args.seed, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
