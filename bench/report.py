#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Gather what the bench guest measured into bench.json and print a table.

    bench/report.py RESULTS BENCH_JSON

RESULTS holds figures.jsonl (one JSON object per line, from the bench
programs and bench/guest-bench.sh) and size.txt (meminfo samples around
module loads). BENCH_JSON gets nested objects whose leaves are medians,
e.g. {"floor_ratio": {"get_status": 1.9, ...}}; "spread" mirrors them
with min, max, the number of rounds and the unit; "answers" says what
each card answered over PC/SC; "guest" describes the guest. The last
line printed is BENCH_JSON's path.
"""
import json
import os
import statistics
import sys


def put(tree, key, value):
    parts = key.split(".")
    for p in parts[:-1]:
        tree = tree.setdefault(p, {})
    tree[parts[-1]] = value


def get(tree, key):
    for p in key.split("."):
        tree = tree[p]
    return tree


def size_figures(path):
    """Bytes per card: the 256-card load's delta less the 1-card one's."""
    samples = {}
    with open(path) as f:
        for line in f:
            rep, what, slab, vmalloc, percpu = line.split()
            samples.setdefault(rep, {})[what] = [int(slab), int(vmalloc), int(percpu)]
    per_card = {"total": [], "slab": [], "vmalloc": [], "percpu": []}
    for s in samples.values():
        if len(s) != 4:
            continue
        d = [((s["load256"][i] - s["base256"][i]) - (s["load1"][i] - s["base1"][i]))
             * 1024 / 255 for i in range(3)]
        per_card["slab"].append(d[0])
        per_card["vmalloc"].append(d[1])
        per_card["percpu"].append(d[2])
        per_card["total"].append(sum(d))
    return per_card


def main():
    results, out = sys.argv[1], sys.argv[2]
    figures = os.path.join(results, "figures.jsonl")
    error = os.path.join(results, "error.txt")
    if os.path.exists(error):
        sys.stderr.write(open(error).read())
        sys.exit(f"bench: the guest failed ({error}): no figures reported")
    if not os.path.exists(os.path.join(results, "done")):
        sys.exit(f"bench: the guest did not finish; see {results}/console.log")

    bench = {}
    spread = {}
    answers = {}
    guest = {}
    with open(figures) as f:
        for line in f:
            line = line.strip()
            if not line.startswith("{"):
                continue
            o = json.loads(line)
            key = o["key"]
            if "median" in o:
                if None in (o["median"], o["min"], o["max"]):
                    sys.exit(f"bench: {key}: no finite figure (a clock that did not move?)")
                put(bench, key, round(o["median"], 4))
                put(spread, key, {"min": round(o["min"], 4), "max": round(o["max"], 4),
                                  "n": o["n"], "unit": o["unit"]})
            elif key.startswith("pcsc_answer."):
                put(answers, key[len("pcsc_answer."):], o["value"])
            elif key.startswith("guest."):
                guest[key[len("guest."):]] = o["value"]
            else:
                put(bench, key, int(o["value"]) if o["value"].isdigit() else o["value"])

    per_card = size_figures(os.path.join(results, "size.txt"))
    if per_card["total"]:
        bench["kernel_bytes_per_card"] = round(statistics.median(per_card["total"]))
        spread["kernel_bytes_per_card"] = {
            "min": round(min(per_card["total"])), "max": round(max(per_card["total"])),
            "n": len(per_card["total"]), "unit": "B",
            "slab": round(statistics.median(per_card["slab"])),
            "vmalloc": round(statistics.median(per_card["vmalloc"])),
            "percpu": round(statistics.median(per_card["percpu"]))}

    # PC/SC: persocard over each vicc, from the same pcscd run, and over
    # the faster of the two.
    pc = bench.get("pcsc_apdu_per_s", {})
    if all(k in pc for k in ("persocard", "vicc", "persocard_shim", "vicc_nodelay")):
        r_plain = pc["persocard"] / pc["vicc"]
        r_nodelay = pc["persocard_shim"] / pc["vicc_nodelay"]
        bench["pcsc_ratio"] = {
            "persocard_over_vicc": round(r_plain, 2),
            "persocard_over_vicc_nodelay": round(r_nodelay, 2),
            "persocard_over_faster_vicc": round(min(r_plain, r_nodelay), 2)}

    doc = dict(bench)
    doc["spread"] = spread
    doc["answers"] = answers
    doc["guest"] = guest
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w") as f:
        json.dump(doc, f, indent=2, sort_keys=True)
        f.write("\n")

    rows = [
        ("floor_ratio.get_status", "GET STATUS / unknown ioctl"),
        ("floor_ratio.put_16", "PUT PERSO DATA 16 B / unknown ioctl"),
        ("floor_ratio.put_64", "PUT PERSO DATA 64 B / unknown ioctl"),
        ("floor_ratio.put_255", "PUT PERSO DATA 255 B / unknown ioctl"),
        ("floor_ratio.enable_verify_reset", "ENABLE+VERIFY+RESET / unknown ioctl"),
        ("floor_ratio.enable_reset", "ENABLE+RESET / unknown ioctl"),
        ("floor_ratio.reset_idle", "RESET, no session / unknown ioctl"),
        ("floor_ns.unknown_ioctl", "unknown ioctl (ENOTTY), ns"),
        ("perso_per_s.lib", "personalizations/s, library + factory reset"),
        ("perso_per_s.lib_no_reset", "personalizations/s, library, fresh cards"),
        ("perso_per_s.lib_scp03", "personalizations/s, SCP03 cdec-rmac + reset"),
        ("perso_per_s.lib_scp03_cmac", "personalizations/s, SCP03 cmac + reset"),
        ("perso_per_s.lib_scp03_no_reset", "personalizations/s, SCP03 cdec-rmac, fresh"),
        ("perso_per_s.cli", "personalizations/s, CLI + factory reset"),
        ("perso_per_s.cli_version_only", "persocard --version runs/s"),
        ("perso_ms.factory_reset", "factory reset's share, ms"),
        ("scaling.t1_per_s", "1 thread, personalizations/s"),
        ("scaling.t2_over_t1", "2 threads / 1 thread"),
        ("scaling.t4_over_t1", "4 threads / 1 thread"),
        ("kernel_bytes_per_card", "kernel memory per card, bytes"),
        ("nvm_size", "nvm_size, bytes"),
        ("pcsc_apdu_per_s.persocard", "PC/SC APDUs/s, persocard"),
        ("pcsc_apdu_per_s.vicc", "PC/SC APDUs/s, vicc"),
        ("pcsc_apdu_per_s.persocard_shim", "PC/SC APDUs/s, persocard (shim run)"),
        ("pcsc_apdu_per_s.vicc_nodelay", "PC/SC APDUs/s, vicc TCP_NODELAY"),
        ("pcsc_ratio.persocard_over_faster_vicc", "persocard / faster vicc"),
    ]
    def fmt(v):
        # Four significant digits, but never an exponent.
        return f"{v:.0f}" if abs(v) >= 1000 else f"{v:.4g}"

    print(f"{'figure':<46} {'median':>10} {'min':>10} {'max':>10}")
    for key, label in rows:
        try:
            med = get(bench, key)
        except KeyError:
            print(f"{label:<46} {'missing':>10}")
            continue
        try:
            s = get(spread, key)
            lo, hi = fmt(s['min']), fmt(s['max'])
        except KeyError:
            lo = hi = ""
        print(f"{label:<46} {fmt(med):>10} {lo:>10} {hi:>10}".rstrip())
    phases = [k for k in ("phases", "phases_nvm_1024", "phases_nvm_65536") if k in bench]
    if phases:
        print()
        print(f"{'one personalization, us per step':<34}" +
              "".join(f"{k.replace('phases_nvm_', 'nvm ').replace('phases', 'nvm default'):>14}"
                      for k in phases))
        for step in ("open", "enable_verify", "puts", "lock", "close", "factory_reset"):
            print(f"{step:<34}" + "".join(f"{bench[k].get(step + '_us', 0):>14.1f}" for k in phases))
    print()
    for key, value in sorted(answers.items()):
        if isinstance(value, dict):
            for k, v in sorted(value.items()):
                print(f"answer of {key}.{k}: {v}")
        else:
            print(f"answer of {key}: {value}")
    print(f"guest: {guest.get('cpus', '?')} CPUs, clocksource "
          f"{guest.get('clocksource', '?')} (at the end: {guest.get('clocksource_end', '?')})")
    print(os.path.abspath(out))


if __name__ == "__main__":
    main()
