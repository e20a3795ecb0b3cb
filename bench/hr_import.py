#!/usr/bin/env python3
"""Seconds to check and apply an HR export of N people, and to check the same file again. Run by hand, never
as a test:

    swift build -c release
    python3 bench/hr_import.py --binary .build/release/ivareta --people 20000                 # SQLite
    python3 bench/hr_import.py --binary .build/release/ivareta --people 20000 \\
        --database-url 'postgres://postgres:PASSWORD@127.0.0.1:54329/bench?sslmode=disable'  # PostgreSQL

It makes a new organization each run (so the database may be reused), writes units.csv (40 units under one)
and people.csv to a temporary folder, and times whole `ivareta import` commands, process start included.
"""
import argparse
import os
import re
import subprocess
import tempfile
import time


def ivareta(binary, args, env):
    started = time.monotonic()
    out = subprocess.run([binary] + args, capture_output=True, text=True, env=env)
    elapsed = time.monotonic() - started
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(args[:2])} failed ({out.returncode}):\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}")
    return elapsed, out.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/release/ivareta")
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--database-url")
    options = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="ivareta-bench-import-")
    env = dict(os.environ, DATABASE_URL=options.database_url or "")
    base = ["--data-dir", folder]
    suffix = str(int(time.time()))
    _, created = ivareta(options.binary, ["organization", "create", "--name", f"Bench {suffix}", "--country", "NO", "--time-zone", "Europe/Oslo",
                                          "--language", "nb", "--admin", f"bench.{suffix}"] + base, env)
    organization = re.search(r"([0-9a-f-]{36})", created).group(1)
    units = os.path.join(folder, "units.csv")
    with open(units, "w", encoding="utf-8") as f:
        f.write("unit_code;unit_name;parent_unit_code;leader_employee_number\nROOT;Sykehuset;;100000\n")
        for i in range(40):
            f.write(f"U{i};Enhet {i};ROOT;{100001 + i}\n")
    people = os.path.join(folder, "people.csv")
    with open(people, "w", encoding="utf-8") as f:
        f.write("employee_number;name;email;title;unit_codes;language;manager_employee_number\n")
        for i in range(options.people):
            f.write(f"{100000 + i};Person Nummer {i};p{i}.{suffix}@sykehus.example;Sykepleier;{'ROOT' if i == 0 else f'U{i % 40}'};nb;"
                    f"{'' if i == 0 else '100000'}\n")
    where = "PostgreSQL" if options.database_url else "SQLite"
    ivareta(options.binary, ["import", "units", units, "--organization", organization, "--apply"] + base, env)
    first, _ = ivareta(options.binary, ["import", "people", people, "--organization", organization, "--apply"] + base, env)
    again, out = ivareta(options.binary, ["import", "people", people, "--organization", organization] + base, env)
    assert "nothing to change" in out, out[-500:]
    print(f"{where}, {options.people} people: checked and applied in {first:.2f} s; the same file checked again in {again:.2f} s "
          "(whole commands, process start included)")


if __name__ == "__main__":
    main()
