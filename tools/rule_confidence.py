"""Measure how often each extraction rule is right, and write sccon_ld/extract/rule_confidence.toml.

Usage: .venv/bin/python tools/rule_confidence.py [--shared ../shared] [--out FILE]

Converts every document of the development sets (tests/fixtures/{corpus,holdout,holdout2}, the
seeds in ../shared/seeds with ../shared/eval/seeds-gold, ../shared/eval/real-dev) the way
``sccon-ld convert`` does, and judges each claim the shared scorer judges (edition counts, dates,
partner country, attendance mode; persons; award placements and awards) exactly as
../shared/eval/score.py does, crediting the rule on the claim's statement node. Only counts per
rule are written; no text of a document. Needs ../shared (the scorer and its schema.org copy).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import sys
from collections import Counter
from pathlib import Path

import yaml
from rdflib.namespace import RDF

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sccon_ld.extract.confidence import TABLE_FILE  # noqa: E402
from sccon_ld.pipeline import convert, sorted_nquads  # noqa: E402

# Rules never measured: publish them (above the default extract.min_confidence 0.5), but below
# every rule measured as reliable, so a stricter threshold can leave them out first.
DEFAULT = 0.75


def sets(shared: Path) -> list[tuple[str, Path, Path]]:
    fixtures = ROOT / "tests" / "fixtures"
    out = [(name, fixtures / name / "gold", fixtures / name / "docs") for name in ("corpus", "holdout", "holdout2")]
    out.append(("seeds", shared / "eval" / "seeds-gold", shared / "seeds"))
    out.append(("real-dev", shared / "eval" / "real-dev" / "gold", shared / "eval" / "real-dev" / "docs"))
    return [s for s in out if s[1].is_dir() and s[2].is_dir()]


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("shared_score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.load_vocab()
    return module


def judge(sc, kg, gold: dict) -> list[tuple[str, bool]]:
    """(rule, right) for each claim the scorer counts, judged as ``score_doc`` judges it."""
    SDO = sc.SDO
    SC = sc.Namespace((kg.base or "https://w3id.org/sccon/") + "ontology#")
    rules: dict[tuple, str] = {}
    by_subject_pred: dict[tuple, str] = {}
    for st in kg.g.subjects(RDF.type, RDF.Statement):
        rule = kg.g.value(st, SC.rule)
        s, p, o = kg.g.value(st, RDF.subject), kg.g.value(st, RDF.predicate), kg.g.value(st, RDF.object)
        if rule is not None:
            rules[(s, p, o)] = str(rule)
            by_subject_pred.setdefault((s, p), str(rule))

    def rule_of(s, p, o=None) -> str:
        return rules.get((s, p, o), "") if o is not None else by_subject_pred.get((s, p), "")

    out: list[tuple[str, bool]] = []
    gold_eds: dict[int, dict] = {}
    for ev in gold.get("events") or []:
        gold_eds.setdefault(int(ev["edition_year"]), {}).update({k: v for k, v in ev.items() if v not in (None, [])})
    nxt = gold.get("next_edition")
    if nxt:
        e = gold_eds.setdefault(int(nxt["year"]), {"edition_year": nxt["year"]})
        for k in ("start_date", "end_date"):
            if nxt.get(k):
                e.setdefault(k, nxt[k])
    for year, node in kg.editions().items():
        ev = gold_eds.get(year) or {}
        for k, prop in sc.COUNTS.items():
            for o in kg.objs(node, SC[prop]):
                out.append((rule_of(node, SC[prop], o), sc._isint(o) and int(o) == ev.get(k)))
        for k, p in (("start_date", SDO.startDate), ("end_date", SDO.endDate)):
            for o in kg.objs(node, p):
                out.append((rule_of(node, p, o), str(o)[:10] == str(ev.get(k))))
        for o in kg.objs(node, SC.partnerCountry):
            ok = bool(ev.get("partner_country")) and sc.name_match(ev["partner_country"], kg.names(o))
            out.append((rule_of(node, SC.partnerCountry, o), ok))
        for o in kg.objs(node, SDO.eventAttendanceMode):
            ok = ev.get("attendance_mode") is not None and str(o).endswith(sc.MODES[ev["attendance_mode"]])
            out.append((rule_of(node, SDO.eventAttendanceMode, o), ok))
    persons = kg.typed({SDO.Person})
    matched = set()
    for gp in gold.get("persons") or []:
        matched.update(p for p in persons if sc.norm(gp["name"]) in kg.names(p))
    author = (gold.get("document") or {}).get("author")
    for p in persons:
        if p not in matched and author and sc.norm(author).split()[-1] in " ".join(kg.names(p)):
            continue
        out.append((rule_of(p, SDO.name), p in matched))
    awards = kg.typed({SC.Award})
    used = set()
    for ga in gold.get("awards") or []:
        cand = []
        for a in awards:
            ns = kg.names(a)
            if not sc.name_match(ga["name"], ns):
                continue
            years = set(sc.re.findall(r"\b(?:19|20)\d\d\b", " ".join(ns)))
            for e in kg.objs(a, SC.presentedAt):
                years |= set(sc.re.findall(r"sccon-(\d{4})$", str(e)))
            if str(ga["year"]) in years:
                cand.append(a)
        used.update(cand)
        gold_w = {(sc.norm(w["name"]), w.get("rank")) for w in ga.get("winners") or []}
        for a in cand:
            for pl in kg.objs(a, SC.placement):
                rn = set()
                for r in kg.objs(pl, SC.recipient):
                    rn |= kg.names(r)
                ranks = [int(o) for o in kg.objs(pl, SC.rank) if sc._isint(o)]
                ok = any(sc.name_match(n, rn) and (not ranks or ranks[0] == rk) for n, rk in gold_w)
                out.append((rule_of(a, SC.placement, pl), ok))
    for a in awards:
        out.append((rule_of(a, SDO.name), a in used))
    return out


def measure(shared: Path) -> tuple[Counter, Counter, list[str]]:
    sc = load_scorer(shared)
    right, wrong, measured = Counter(), Counter(), []
    for name, gold_dir, docs_dir in sets(shared):
        n = 0
        for gf in sorted(gold_dir.glob("*.yaml")):
            docs = sorted(docs_dir.glob(gf.stem + ".*"))
            if not docs:
                continue
            conversion = convert([docs[0]])
            kg = sc.KG("".join(sorted_nquads(conversion.dataset)))
            for rule, ok in judge(sc, kg, yaml.safe_load(gf.read_text(encoding="utf-8"))):
                (right if ok else wrong)[rule or "(no rule)"] += 1
            n += 1
        measured.append(f"{name} ({n} documents)")
    return right, wrong, measured


def write(path: Path, right: Counter, wrong: Counter, measured: list[str]) -> None:
    lines = [
        "# Generated by tools/rule_confidence.py: do not edit by hand.",
        "# Command: .venv/bin/python tools/rule_confidence.py",
        f"# Date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"# Measured on: {', '.join(measured)}.",
        "# confidence = right / (right + wrong): how often the rule's claims were right, judged as",
        "# ../shared/eval/score.py judges them (counts, dates, partner country, mode, persons, awards).",
        f"# Rules never measured get `default` ({DEFAULT}): published at the default",
        "# extract.min_confidence (0.5), left out before any measured rule by a stricter one.",
        f"default = {DEFAULT}",
        "",
    ]
    for rule in sorted(set(right) | set(wrong)):
        if rule == "(no rule)":
            continue
        r, w = right[rule], wrong[rule]
        lines += [f'[rules."{rule}"]', f"right = {r}", f"wrong = {w}", f"confidence = {r / (r + w):.3f}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--out", default=str(TABLE_FILE))
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / "eval" / "score.py").is_file():
        print(f"needs the shared scorer at {shared}/eval/score.py", file=sys.stderr)
        return 2
    right, wrong, measured = measure(shared)
    write(Path(args.out), right, wrong, measured)
    for rule in sorted(set(right) | set(wrong)):
        r, w = right[rule], wrong[rule]
        print(f"{rule:45} {r:5} right {w:4} wrong  {r / (r + w):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
