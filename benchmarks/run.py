"""The speed-and-scale benchmark (issue 5): every figure beside its baseline, measured in the same run.

    .venv/bin/python benchmarks/run.py            # default sizes, minutes on 2 cores
    .venv/bin/python benchmarks/run.py --quick    # tiny sizes, < 3 minutes (run by the test suite)

Sections (each prints ``figure <key>: ...`` lines, then MET/MISSED per target):

- conversion: documents/second converting synthetic documents in parallel vs one worker;
  build time and peak memory (``sccon-ld build`` in a child process) beside the conversion alone;
- validation: pyshacl-turbo vs pyshacl (the reference) on the sample corpus, same verdict;
- sparql: the twelve competency questions plus five heavier queries (benchmarks/queries/),
  p50/p99 through this project's ``/sparql`` (gunicorn, as ``sccon-ld serve``) vs ``oxigraph
  serve-read-only`` on the same store, and vs rdflib's in-memory Dataset in-process; also the
  time from starting each server to its first answer;
- dumps: MB/s and peak memory of ``dumps.write_dumps`` vs ``gzip -9`` over the same bytes.

Peak memory is the largest resident set of the child process tree (``os.wait4``). p99 over a
few dozen samples is close to the maximum; read it as "worst seen". A section whose parts are
missing (no oxigraph CLI, no /sparql route yet) prints ``skipped: <reason>`` and the run goes on.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.servers import oxigraph_binary, oxigraph_server, project_server  # noqa: E402

PY = sys.executable
HEAVY = sorted((ROOT / "benchmarks" / "queries").glob("heavy*.rq"))
CQS = sorted((ROOT / "queries").glob("cq*.rq"))


@dataclass(frozen=True)
class Sizes:
    docs: int  # documents converted in parallel
    docs_sequential: int  # the one-worker baseline (a prefix of the same documents)
    build_docs: tuple[int, ...]
    sparql_triples: tuple[int, ...]
    dump_triples: tuple[int, ...]
    reps: int  # timed runs per query and server
    rdflib_budget: float  # seconds per query for rdflib's runs (at least one run)


QUICK = Sizes(8, 4, (8,), (10_000,), (20_000, 100_000), 5, 2.0)
FULL = Sizes(1000, 200, (1000,), (100_000, 1_000_000), (1_000_000, 5_000_000), 25, 20.0)


# ------------------------------------------------------------------------------ reporting


class Report:
    """Figure lines as they are measured, and the targets' verdicts for the closing summary."""

    def __init__(self) -> None:
        self.verdicts: list[str] = []

    def figure(self, key: str, text: str) -> None:
        print(f"figure {key}: {text}", flush=True)

    def skipped(self, key: str, reason: str) -> None:
        print(f"figure {key}: skipped: {reason}", flush=True)

    def target(self, name: str, met: bool, detail: str) -> None:
        line = f"{'MET   ' if met else 'MISSED'} {name}: {detail}"
        self.verdicts.append(line)
        print(f"target {line}", flush=True)

    def close(self) -> None:
        print("\n== targets ==")
        for line in self.verdicts or ["(no target could be measured)"]:
            print(line)


@dataclass
class Measured:
    seconds: float
    peak_mb: float
    output: str


def run_measured(cmd: list[str], env: dict | None = None) -> Measured:
    """Run a child to completion: wall time and the peak RSS of its process tree."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])}... exited with {proc.returncode}:\n{text[-2000:]}")
    return Measured(seconds, usage.ru_maxrss / 1024, text)


def python_child(code: str, *args: str) -> list[str]:
    return [PY, "-c", code, *args]


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


def geomean(values: list[float]) -> float:
    return math.exp(statistics.fmean(math.log(v) for v in values)) if values else float("nan")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


# ------------------------------------------------------------------------------ data


def synth_docs(n: int, folder: Path) -> Path:
    from sccon_ld.synth import synth_documents

    synth_documents(n, seed=1, out=folder)
    return folder


def synth_sorted_nquads(n: int, work: Path) -> Path:
    """A synthetic graph of ``n`` quads as sorted unique N-Quads (the release's canonical form)."""
    from sccon_ld.synth import synth_graph

    raw, done = work / f"graph-{n}.unsorted.nq", work / f"graph-{n}.nq"
    if not done.exists():
        synth_graph(n, seed=1, out=raw)
        subprocess.run(["sort", "-u", "-S", "25%", "-o", str(done), str(raw)], check=True,
                       env=dict(os.environ, LC_ALL="C"))
        raw.unlink()
    return done


def publish_graph(nquads: Path, releases: Path) -> Path:
    """A release (store and all) of ``nquads``, without dumps (they are measured on their own)."""
    from sccon_ld import release

    with nquads.open(encoding="utf-8") as lines:
        release.publish(releases, lines)
    return releases


# ------------------------------------------------------------------------------ conversion

CONVERT = ("import sys; from pathlib import Path; from sccon_ld.pipeline import convert; "
           "c = convert([Path(sys.argv[1])], workers=int(sys.argv[2])); "
           "print(len(c.documents), 'documents', len(c.failures), 'failures', len(c.dataset), 'quads')")


def bench_conversion(sizes: Sizes, work: Path, report: Report) -> None:
    docs = synth_docs(sizes.docs, work / "docs")
    prefix = synth_docs(sizes.docs_sequential, work / "docs-sequential")
    workers = os.cpu_count() or 1
    parallel = run_measured(python_child(CONVERT, str(docs), "0"))
    single = run_measured(python_child(CONVERT, str(prefix), "1"))
    rate, base_rate = sizes.docs / parallel.seconds, sizes.docs_sequential / single.seconds
    report.figure(f"conversion.docs_per_second@{sizes.docs}",
                  f"{rate:.2f} docs/s with {workers} workers ({parallel.output.strip()}) | baseline one worker at "
                  f"{sizes.docs_sequential} docs: {base_rate:.2f} docs/s | ratio {rate / base_rate:.2f}x")
    for n in sizes.build_docs:
        folder = docs if n == sizes.docs else synth_docs(n, work / f"docs-{n}")
        build = run_measured([PY, "-m", "sccon_ld.cli", "build", "--sources", str(folder),
                              "--out", str(work / f"build-{n}")])
        convert_only = parallel if n == sizes.docs else run_measured(python_child(CONVERT, str(folder), "0"))
        report.figure(f"build.{n}docs",
                      f"{build.seconds:.1f} s, peak RSS {build.peak_mb:.0f} MB | baseline conversion alone: "
                      f"{convert_only.seconds:.1f} s, {convert_only.peak_mb:.0f} MB | ratio "
                      f"{build.seconds / convert_only.seconds:.2f}x time (validation, store, dumps)")


VALIDATE = ("import sys, time; from pathlib import Path; from sccon_ld.pipeline import convert; "
            "from sccon_ld.validate import validate_dataset; "
            "ds = convert([Path(sys.argv[1])], with_authority='all').dataset; "
            "out = {}\n"
            "for engine in ('pyshacl', 'pyshacl-turbo'):\n"
            "    validate_dataset(ds, engine=engine)\n"
            "    t = time.perf_counter(); r = validate_dataset(ds, engine=engine)\n"
            "    out[engine] = [time.perf_counter() - t, r.conforms, len(r.violations)]\n"
            "import json; print(json.dumps(out))")


def bench_validation(report: Report) -> None:
    corpus = ROOT / "tests" / "fixtures" / "corpus" / "docs"
    try:
        import pyshacl_turbo  # noqa: F401
    except ImportError:
        report.skipped("validation.pyshacl_turbo", "pyshacl-turbo is not installed")
        return
    out = json.loads(run_measured(python_child(VALIDATE, str(corpus))).output.strip().splitlines()[-1])
    (ref_s, ref_ok, ref_n), (turbo_s, turbo_ok, turbo_n) = out["pyshacl"], out["pyshacl-turbo"]
    same = (ref_ok, ref_n) == (turbo_ok, turbo_n)
    report.figure("validation.pyshacl_turbo",
                  f"{turbo_s:.2f} s ({turbo_n} results) | baseline pyshacl: {ref_s:.2f} s ({ref_n} results) | "
                  f"ratio {ref_s / turbo_s:.2f}x faster, same verdict: {'yes' if same else 'NO'}")


# ------------------------------------------------------------------------------ SPARQL

ACCEPT = "application/sparql-results+json"


def http_query(url: str, query: str) -> tuple[float, int]:
    """(seconds, result rows) of one POSTed query."""
    body = urllib.parse.urlencode({"query": query}).encode("utf-8")
    req = urllib.request.Request(url, body, {"Accept": ACCEPT, "Content-Type": "application/x-www-form-urlencoded"})
    start = time.perf_counter()
    with urllib.request.urlopen(req, timeout=120) as resp:
        data = resp.read()
    seconds = time.perf_counter() - start
    return seconds, len(json.loads(data)["results"]["bindings"])


def timed(run: Callable[[], int], reps: int, budget: float = math.inf) -> tuple[list[float], int]:
    """One warm-up, then up to ``reps`` timed runs (fewer once ``budget`` seconds are spent)."""
    rows = run()
    samples: list[float] = []
    spent = 0.0
    while len(samples) < reps and (not samples or spent < budget):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
        spent += samples[-1]
    return samples, rows


def http_runner(url: str, query: str) -> Callable[[], int]:
    return lambda: http_query(url, query)[1]


@contextlib.contextmanager
def started(server_cm) -> Iterator[tuple[object, float]]:
    start = time.perf_counter()
    with server_cm as server:
        yield server, time.perf_counter() - start


def bench_sparql_size(n: int, sizes: Sizes, work: Path, report: Report) -> None:
    nquads = synth_sorted_nquads(n, work)
    releases = publish_graph(nquads, work / f"releases-{n}")
    from sccon_ld import release

    store_dir = release.load(releases).store_dir
    queries = {p.stem: p.read_text(encoding="utf-8") for p in [*CQS, *HEAVY]}
    results: dict[str, dict[str, list[float]]] = {"ours": {}, "oxigraph": {}, "rdflib": {}}
    rows: dict[str, dict[str, int]] = {"ours": {}, "oxigraph": {}, "rdflib": {}}
    with started(project_server(releases, log=work / f"gunicorn-{n}.log")) as (url, ours_start), \
            started(oxigraph_server(store_dir, union_default_graph=True, read_only=True)) as (ox_server, ox_start):
        report.figure(f"sparql.{n}.startup", f"/sparql server answers {ours_start:.2f} s after start | baseline "
                                            f"oxigraph serve-read-only: {ox_start:.2f} s | ratio {ours_start / ox_start:.2f}x")
        endpoints = {"ours": f"{url}/sparql", "oxigraph": ox_server.query_url}
        for name, text in queries.items():
            for server, endpoint in endpoints.items():
                results[server][name], rows[server][name] = timed(http_runner(endpoint, text), sizes.reps)
    bench_rdflib(nquads, queries, sizes, results["rdflib"], rows["rdflib"], n, report)
    for name in queries:
        figures = " | ".join(
            f"{server}: p50 {ms(statistics.median(results[server][name]))} p99 "
            f"{ms(percentile(results[server][name], 0.99))} ({rows[server][name]} rows)"
            for server in ("ours", "oxigraph", "rdflib") if name in results[server])
        report.figure(f"sparql.{n}.{name}", figures)
        if len({rows[s][name] for s in rows if name in rows[s]}) > 1:
            print(f"  warning: {name}: the stores disagree on the number of rows", flush=True)
    sparql_targets(n, queries, results, report)


def bench_rdflib(nquads: Path, queries: dict[str, str], sizes: Sizes, samples: dict, rows: dict, n: int,
                 report: Report) -> None:
    from rdflib import Dataset

    start = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(nquads, format="nquads")
    report.figure(f"sparql.{n}.rdflib_load", f"rdflib Dataset parses {n} quads in {time.perf_counter() - start:.1f} s "
                                             "(the project's store is loaded once at build time)")
    for name, text in queries.items():
        samples[name], rows[name] = timed(lambda text=text: len(list(ds.query(text))), sizes.reps, sizes.rdflib_budget)


def sparql_targets(n: int, queries: dict[str, str], results: dict, report: Report) -> None:
    p50 = {server: {q: statistics.median(s) for q, s in per_query.items()} for server, per_query in results.items()}
    ratios = [p50["ours"][q] / p50["oxigraph"][q] for q in queries]
    pooled = {server: statistics.median([t for s in results[server].values() for t in s]) for server in results}
    report.figure(f"sparql.{n}.overall",
                  f"ours p50 {ms(pooled['ours'])} | baseline oxigraph serve p50 {ms(pooled['oxigraph'])}, "
                  f"rdflib p50 {ms(pooled['rdflib'])} | per-query p50 ratio ours/oxigraph: geometric mean "
                  f"{geomean(ratios):.2f}x, worst {max(ratios):.2f}x")
    report.target(f"SPARQL p50 within 1.3x of oxigraph serve at {n} triples", geomean(ratios) <= 1.3,
                  f"geometric mean of per-query p50 ratios {geomean(ratios):.2f}x (worst {max(ratios):.2f}x)")
    heavy = [q for q in queries if q.startswith("heavy")]
    speedups = [p50["rdflib"][q] / p50["ours"][q] for q in heavy]
    report.target(f">= 10x faster than rdflib on the heavier queries at {n} triples", min(speedups) >= 10,
                  f"speed-up per query {', '.join(f'{s:.1f}x' for s in speedups)} (geometric mean {geomean(speedups):.1f}x)")


def bench_sparql(sizes: Sizes, work: Path, report: Report) -> None:
    if oxigraph_binary() is None:
        for n in sizes.sparql_triples:
            report.skipped(f"sparql.{n}", "the oxigraph CLI is not installed (pip install oxigraph)")
        return
    for n in sizes.sparql_triples:
        try:
            bench_sparql_size(n, sizes, work, report)
        except (RuntimeError, OSError, KeyError, ValueError) as e:
            report.skipped(f"sparql.{n}", f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")


# ------------------------------------------------------------------------------ dumps

DUMPS = "import sys; from pathlib import Path; from sccon_ld.dumps import write_dumps; write_dumps(Path(sys.argv[1]), 'bench')"


def bench_dumps(sizes: Sizes, work: Path, report: Report) -> None:
    peaks = {}
    for n in sizes.dump_triples:
        folder = work / f"dumps-{n}"
        folder.mkdir(exist_ok=True)
        dataset = folder / "dataset.nq"
        shutil.move(synth_sorted_nquads(n, work), dataset)
        mb = dataset.stat().st_size / 1e6
        dumps = run_measured(python_child(DUMPS, str(folder)))
        gz = run_measured(["sh", "-c", f"gzip -9 -c '{dataset}' > /dev/null"])
        peaks[n] = dumps.peak_mb
        written = sum(p.stat().st_size for p in (folder / "dumps").iterdir()) / 1e6
        report.figure(f"dumps.{n}",
                      f"{mb / dumps.seconds:.1f} MB/s ({mb:.0f} MB N-Quads -> 4 dumps, {written:.0f} MB, in "
                      f"{dumps.seconds:.1f} s), peak RSS {dumps.peak_mb:.0f} MB | baseline gzip -9 on the same bytes: "
                      f"{mb / gz.seconds:.1f} MB/s, {gz.peak_mb:.0f} MB | ratio {gz.seconds / dumps.seconds:.2f}x "
                      "of gzip's speed")
        report.target(f"dumps >= 50% of gzip's speed at {n} triples", gz.seconds / dumps.seconds >= 0.5,
                      f"{100 * gz.seconds / dumps.seconds:.0f}% of gzip -9 (all four dumps vs one gzip pass)")
        shutil.rmtree(folder)
    small, large = min(peaks), max(peaks)
    growth = peaks[large] / peaks[small]
    report.figure("dumps.memory", f"peak RSS {peaks[large]:.0f} MB at {large} quads | baseline {peaks[small]:.0f} MB "
                                  f"at {small} quads | ratio {growth:.2f}x for {large / small:.0f}x the data")
    report.target(f"dump memory flat between {small} and {large} triples", growth <= 1.25,
                  f"peak RSS grows {growth:.2f}x for {large / small:.0f}x the data")


# ------------------------------------------------------------------------------ main


SECTIONS = {"conversion": bench_conversion, "sparql": bench_sparql, "dumps": bench_dumps}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="tiny sizes (< 3 minutes on 2 cores)")
    ap.add_argument("--only", choices=[*SECTIONS, "validation"], action="append", help="run only these sections")
    ap.add_argument("--build-docs", type=int, nargs="+", help="document counts for the build figure (e.g. 1000 10000)")
    ap.add_argument("--sparql-triples", type=int, nargs="+", help="graph sizes for the SPARQL figures")
    ap.add_argument("--dump-triples", type=int, nargs="+", help="graph sizes for the dump figures (smallest is the baseline)")
    ap.add_argument("--work", help="keep intermediate files here (default: a temporary folder, removed)")
    args = ap.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    sizes = Sizes(sizes.docs, sizes.docs_sequential, tuple(args.build_docs or sizes.build_docs),
                  tuple(args.sparql_triples or sizes.sparql_triples), tuple(args.dump_triples or sizes.dump_triples),
                  sizes.reps, sizes.rdflib_budget)
    report = Report()
    print(f"sccon-ld benchmark ({'quick' if args.quick else 'full'}; {os.cpu_count()} CPUs; sizes {sizes})", flush=True)
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="sccon-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started_at = time.perf_counter()
    try:
        for name in args.only or [*SECTIONS, "validation"]:
            if name == "validation":
                bench_validation(report)
            else:
                SECTIONS[name](sizes, work, report)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    report.close()
    print(f"\ntotal {time.perf_counter() - started_at:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
