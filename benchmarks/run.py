"""The speed-and-scale benchmark (issue 5): every figure beside its baseline, measured in the same run.

    .venv/bin/python benchmarks/run.py            # default sizes, minutes on 2 cores
    .venv/bin/python benchmarks/run.py --quick    # tiny sizes, < 3 minutes (run by the test suite)

Sections (each prints ``figure <key>: ...`` lines, then MET/MISSED per target):

- conversion: documents/second converting synthetic documents in parallel vs one worker, and
  per core (the conversion alone, by the child's own clock: issue 9's ">= 10 documents/s per
  core" target) vs the one-worker rate; a rebuild's conversion with a warm cache vs the cold
  one; build time and peak memory (``sccon-ld build`` in a child process) beside the conversion
  alone;
- validation: pyshacl-turbo vs pyshacl (the reference) on the sample corpus, same verdict;
- sparql: the twelve competency questions plus five heavier queries (benchmarks/queries/),
  p50/p99 through this project's ``/sparql`` (gunicorn, as ``sccon-ld serve``) vs ``oxigraph
  serve-read-only`` on the same store, and vs rdflib's in-memory Dataset queried in its own
  process (no HTTP); also the time from starting each server to its first answer. The project
  server gets raised row and time limits (a settings file), so both servers return all rows;
  a query that pyoxigraph itself cannot answer within ``cap`` seconds (probed in a child that is
  killed) is reported for both servers, not timed; each line also shows that probe's one run;
- dumps: MB/s and peak memory of ``dumps.write_dumps`` vs ``gzip -6`` over the same bytes.

What is timed runs in child processes, the modules of ``benchmarks/children/``. Peak memory is
the largest resident set of one process of the child's tree (``os.wait4`` in a tiny launcher,
``children/launch.py``: a child spawned straight from this process would inherit this process's
own high-water mark; the launcher's floor is about 10 MB). p99 over a few dozen samples is close
to the maximum; read it as "worst seen". A section whose parts are missing (no oxigraph CLI, no
/sparql route yet) prints ``skipped: <reason>`` and the run goes on.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import math
import os
import re
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
    budget: float  # seconds per query and server; fewer runs once spent (at least one)
    cap: float  # a query the engine cannot answer within this many seconds is not timed (see probe)


QUICK = Sizes(8, 4, (8,), (10_000,), (20_000, 100_000), 5, 2.0, 10.0)
# 10k documents (issue 5) take about 10x the 1k build, ~25 min on 2 cores: ask for them with --build-docs.
FULL = Sizes(1000, 100, (1000,), (100_000, 1_000_000), (1_000_000, 5_000_000), 25, 5.0, 20.0)


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


LAUNCH = ROOT / "benchmarks" / "children" / "launch.py"


def run_measured(cmd: list[str], env: dict | None = None) -> Measured:
    """Run a child to completion: wall time and the peak RSS of its process tree (see the module doc)."""
    with tempfile.TemporaryFile() as out, tempfile.NamedTemporaryFile("r") as figures:
        proc = subprocess.run([PY, "-I", "-S", str(LAUNCH), figures.name, *cmd], stdout=out,
                              stderr=subprocess.STDOUT, env=env, check=False)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd[:4])}... exited with {proc.returncode}:\n{text[-2000:]}")
        kib, seconds = figures.read().split()
    return Measured(float(seconds), int(kib) / 1024, text)


def python_child(name: str, *args: str) -> list[str]:
    """The command line of ``benchmarks/children/<name>.py`` (run from the snapshot, see ``snapshot_code``)."""
    return [PY, "-m", f"benchmarks.children.{name}", *args]


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


def geomean(values: list[float]) -> float:
    return math.exp(statistics.fmean(math.log(v) for v in values)) if values else float("nan")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


# ------------------------------------------------------------------------------ data


def synth_docs(n: int, folder: Path) -> Path:
    from sccon_ld.bench import synth_documents

    synth_documents(n, seed=1, out=folder)
    return folder


def synth_sorted_nquads(n: int, work: Path) -> Path:
    """A synthetic graph of ``n`` quads as sorted unique N-Quads (the release's canonical form)."""
    from sccon_ld.bench import synth_graph

    raw, done = work / f"graph-{n}.unsorted.nq", work / f"graph-{n}.nq"
    if not done.exists():
        synth_graph(n, seed=1, out=raw)
        subprocess.run(["sort", "-u", "-S", "25%", "-o", str(done), str(raw)], check=True,
                       env=dict(os.environ, LC_ALL="C"))
        raw.unlink()
    return done


def publish_graph(nquads: Path, releases: Path) -> Path:
    """A release (store and all) of ``nquads``, without dumps (they are measured on their own)."""
    from sccon_ld.release import folders as release

    with nquads.open(encoding="utf-8") as lines:
        release.publish(releases, lines)
    return releases


# ------------------------------------------------------------------------------ conversion

def converted_seconds(child: Measured) -> float:
    """The seconds the convert child reports for ``convert`` itself."""
    return float(re.search(r"converted in ([0-9.]+) s", child.output).group(1))


def bench_conversion(sizes: Sizes, work: Path, report: Report) -> None:
    docs = synth_docs(sizes.docs, work / "docs")
    prefix = synth_docs(sizes.docs_sequential, work / "docs-sequential")
    workers = os.cpu_count() or 1
    cache = str(work / "conversion-cache")
    parallel = run_measured(python_child("convert", str(docs), "0", cache))
    single = run_measured(python_child("convert", str(prefix), "1"))
    rate, base_rate = sizes.docs / parallel.seconds, sizes.docs_sequential / single.seconds
    report.figure(f"conversion.docs_per_second@{sizes.docs}",
                  f"{rate:.2f} docs/s with {workers} workers, cold cache ({parallel.output.strip()}) | baseline one "
                  f"worker at {sizes.docs_sequential} docs: {base_rate:.2f} docs/s | ratio {rate / base_rate:.2f}x")
    # Per core: the conversion alone (the child's own clock), without starting Python and importing.
    per_core = sizes.docs / converted_seconds(parallel) / workers
    base_core = sizes.docs_sequential / converted_seconds(single)
    report.figure(f"conversion.docs_per_second_per_core@{sizes.docs}",
                  f"{per_core:.2f} docs/s per core ({sizes.docs} docs, {workers} workers on {workers} CPUs, conversion "
                  f"alone) | baseline one worker at {sizes.docs_sequential} docs: {base_core:.2f} docs/s | ratio "
                  f"{per_core / base_core:.2f}x (1.00x: parallel conversion scales linearly)")
    report.target("conversion >= 10 documents/s per core on the synthetic corpus", per_core >= 10,
                  f"{per_core:.2f} docs/s per core with {workers} workers ({base_core:.2f} docs/s with one worker)")
    warm, note = run_measured(python_child("convert", str(docs), "0", cache)), ""
    if f" {sizes.docs} from the cache" not in warm.output:  # a change of converter code empties the cache
        warm, note = run_measured(python_child("convert", str(docs), "0", cache)), \
            " (second try: the converter's code changed during the first, emptying the cache)"
    report.figure(f"conversion.cached_rebuild@{sizes.docs}",
                  f"{warm.seconds:.1f} s, nothing changed ({warm.output.strip()}){note} | baseline cold: "
                  f"{parallel.seconds:.1f} s | ratio {parallel.seconds / warm.seconds:.1f}x faster")
    for n in sizes.build_docs:
        folder = docs if n == sizes.docs else synth_docs(n, work / f"docs-{n}")
        build = run_measured([PY, "-m", "sccon_ld.cli", "build", "--sources", str(folder),
                              "--out", str(work / f"build-{n}")])
        convert_only = parallel if n == sizes.docs else run_measured(python_child("convert", str(folder), "0"))
        report.figure(f"build.{n}docs",
                      f"{build.seconds:.1f} s, peak RSS {build.peak_mb:.0f} MB | baseline conversion alone: "
                      f"{convert_only.seconds:.1f} s, {convert_only.peak_mb:.0f} MB | ratio "
                      f"{build.seconds / convert_only.seconds:.2f}x time (validation, store, dumps)")


def bench_validation(report: Report) -> None:
    corpus = ROOT / "tests" / "fixtures" / "corpus" / "docs"
    try:
        import pyshacl_turbo  # noqa: F401
    except ImportError:
        report.skipped("validation.pyshacl_turbo", "pyshacl-turbo is not installed")
        return
    out = json.loads(run_measured(python_child("validate", str(corpus))).output.strip().splitlines()[-1])
    (ref_s, ref_ok, ref_n), (turbo_s, turbo_ok, turbo_n) = out["pyshacl"], out["pyshacl-turbo"]
    same = (ref_ok, ref_n) == (turbo_ok, turbo_n)
    report.figure("validation.pyshacl_turbo",
                  f"{turbo_s:.2f} s ({turbo_n} results) | baseline pyshacl: {ref_s:.2f} s ({ref_n} results) | "
                  f"ratio {ref_s / turbo_s:.2f}x faster, same verdict: {'yes' if same else 'NO'}")


# ------------------------------------------------------------------------------ SPARQL

ACCEPT = "application/sparql-results+json"
HTTP_TIMEOUT = 300.0


def http_query(url: str, query: str) -> tuple[float, int]:
    """(seconds, result rows) of one POSTed query (an HTTP error raises, with the server's message)."""
    body = urllib.parse.urlencode({"query": query}).encode("utf-8")
    req = urllib.request.Request(url, body, {"Accept": ACCEPT, "Content-Type": "application/x-www-form-urlencoded"})
    start = time.perf_counter()
    with urllib.request.urlopen(req, timeout=HTTP_TIMEOUT) as resp:
        data = resp.read()
    seconds = time.perf_counter() - start
    return seconds, len(json.loads(data)["results"]["bindings"])


def timed(run: Callable[[], int], reps: int, budget: float) -> tuple[list[float], int]:
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


@dataclass
class Timings:
    """Per store and query: the samples (seconds), the rows, and errors or caps instead of samples."""

    samples: dict[str, dict[str, list[float]]]
    rows: dict[str, dict[str, int]]
    notes: dict[str, dict[str, str]]

    @classmethod
    def empty(cls, stores: tuple[str, ...]) -> Timings:
        return cls({s: {} for s in stores}, {s: {} for s in stores}, {s: {} for s in stores})

    def p50(self, store: str, query: str) -> float | None:
        got = self.samples[store].get(query)
        return statistics.median(got) if got else None


STORES = ("ours", "oxigraph", "rdflib")
# Limits raised for the benchmark only, so the project server returns what oxigraph serve returns.
BENCH_SETTINGS = "[sparql]\nquery_timeout = {timeout}\nmax_result_rows = 10000000\n"
def probe(store_dir: Path, queries: dict[str, str], cap: float, work: Path) -> tuple[dict[str, str], dict[str, float]]:
    """Queries the engine itself (pyoxigraph, in a child killed after ``cap`` s) cannot answer in time,
    and the time of one cold in-process run of each of the others (the engine without HTTP).

    Both servers run the same engine, and ``oxigraph serve`` keeps computing a query whose client
    gave up, which would slow every later measurement; so such a query is reported, not timed.
    """
    slow, engine = {}, {}
    for name, text in queries.items():
        file = work / f"{name}.rq"
        file.write_text(text, encoding="utf-8")
        try:
            done = subprocess.run(python_child("probe", str(store_dir), str(file)), capture_output=True, timeout=cap,
                                  check=True, text=True)
            engine[name] = float(done.stdout.split()[-1])
        except subprocess.TimeoutExpired:
            slow[name] = f"not timed: pyoxigraph alone takes over {cap:g} s (same engine in both servers)"
        except subprocess.CalledProcessError as e:
            slow[name] = f"not timed: pyoxigraph fails: {e.stderr.strip()[-200:]}"
    return slow, engine


def bench_sparql_size(n: int, sizes: Sizes, work: Path, report: Report) -> None:
    nquads = synth_sorted_nquads(n, work)
    start = time.perf_counter()
    releases = publish_graph(nquads, work / f"releases-{n}")
    publish_seconds = time.perf_counter() - start
    from sccon_ld.release import folders as release

    store_dir = release.load(releases).store_dir
    every = {p.stem: p.read_text(encoding="utf-8") for p in [*CQS, *HEAVY]}
    slow, engine = probe(store_dir, every, sizes.cap, work)
    queries = {name: text for name, text in every.items() if name not in slow}
    config = work / "bench-settings.toml"
    config.write_text(BENCH_SETTINGS.format(timeout=3 * sizes.cap), encoding="utf-8")
    got = Timings.empty(STORES)
    for store in ("ours", "oxigraph"):
        got.notes[store].update(slow)
    with started(project_server(releases, log=work / f"gunicorn-{n}.log", config=config)) as (url, ours_start), \
            started(oxigraph_server(store_dir, read_only=True)) as (ox_server, ox_start):
        report.figure(f"sparql.{n}.startup", f"/sparql server answers {ours_start:.2f} s after start | baseline "
                                            f"oxigraph serve-read-only: {ox_start:.2f} s | ratio {ours_start / ox_start:.2f}x")
        endpoints = {"ours": f"{url}/sparql", "oxigraph": ox_server.query_url}
        for name, text in queries.items():
            for server, endpoint in endpoints.items():
                try:
                    got.samples[server][name], got.rows[server][name] = timed(
                        http_runner(endpoint, text), sizes.reps, sizes.budget)
                except urllib.error.HTTPError as e:
                    got.notes[server][name] = f"HTTP {e.code}: {e.read()[:200].decode('utf-8', 'replace')}"
                except (urllib.error.URLError, TimeoutError) as e:
                    got.notes[server][name] = f"no answer: {e}"
    bench_rdflib(nquads, every, sizes, got, n, publish_seconds, report)  # its own cap: it may answer them
    for name in every:
        alone = f" | pyoxigraph in-process, one cold run: {ms(engine[name])}" if name in engine else ""
        report.figure(f"sparql.{n}.{name}", " | ".join(_query_figure(got, store, name) for store in STORES) + alone)
        if len({got.rows[s][name] for s in STORES if name in got.rows[s]}) > 1:
            print(f"  warning: {name}: the stores disagree on the number of rows", flush=True)
    sparql_targets(n, every, got, sizes.cap, report)


def _query_figure(got: Timings, store: str, name: str) -> str:
    label = store if store == "ours" else f"baseline {store}"
    if name not in got.samples[store]:
        return f"{label}: {got.notes[store].get(name, 'not run')}"
    samples = got.samples[store][name]
    note = f", {got.notes[store][name]}" if name in got.notes[store] else ""
    return (f"{label}: p50 {ms(statistics.median(samples))} p99 {ms(percentile(samples, 0.99))} "
            f"({got.rows[store].get(name, '?')} rows, {len(samples)} runs{note})")


def bench_rdflib(nquads: Path, queries: dict[str, str], sizes: Sizes, got: Timings, n: int,
                 publish_seconds: float, report: Report) -> None:
    queries_file = nquads.with_suffix(".queries.json")
    queries_file.write_text(json.dumps(queries), encoding="utf-8")
    child = run_measured(python_child("rdflib_queries", str(nquads), str(queries_file), str(sizes.reps), str(sizes.budget),
                                      str(sizes.cap)))
    out = json.loads(child.output.strip().splitlines()[-1])
    report.figure(f"sparql.{n}.load",
                  f"this project's release (sorted N-Quads -> persisted Oxigraph store and manifest, no dumps): "
                  f"{publish_seconds:.1f} s, once at build time | baseline rdflib Dataset parse: {out['load']:.1f} s "
                  f"(peak RSS {child.peak_mb:.0f} MB with the queries), at every start | ratio "
                  f"{out['load'] / publish_seconds:.1f}x")
    for name, entry in out["queries"].items():
        got.samples["rdflib"][name] = entry["samples"]
        if entry["rows"] is not None:
            got.rows["rdflib"][name] = entry["rows"]
        if entry["capped"]:
            got.notes["rdflib"][name] = f"stopped at the {sizes.cap:g} s cap: a lower bound"


def sparql_targets(n: int, queries: dict[str, str], got: Timings, cap: float, report: Report) -> None:
    both = [q for q in queries if got.p50("ours", q) and got.p50("oxigraph", q)]
    untimed = sorted(q for q in queries if not got.p50("ours", q) and not got.p50("oxigraph", q))
    failed = sorted(set(queries) - set(both) - set(untimed))  # answered by one server only
    if not both:
        report.target(f"SPARQL p50 within 1.2x of oxigraph serve at {n} triples", False, "no query answered by both")
        return
    ratios = [got.p50("ours", q) / got.p50("oxigraph", q) for q in both]
    pooled = {s: statistics.median([t for v in got.samples[s].values() for t in v] or [math.nan]) for s in STORES}
    report.figure(f"sparql.{n}.overall",
                  f"ours p50 {ms(pooled['ours'])} | baseline oxigraph serve p50 {ms(pooled['oxigraph'])}, "
                  f"rdflib p50 {ms(pooled['rdflib'])} | per-query p50 ratio ours/oxigraph: geometric mean "
                  f"{geomean(ratios):.2f}x, worst {max(ratios):.2f}x")
    added = statistics.median(got.p50("ours", q) - got.p50("oxigraph", q) for q in both)
    failed_note = f"; median added latency {ms(added)} per query, the same engine behind both"
    failed_note += f"; failed on one server only: {', '.join(failed)}" if failed else ""
    failed_note += f"; answered by neither, not timed: {', '.join(untimed)}" if untimed else ""
    report.target(f"SPARQL p50 within 1.2x of oxigraph serve at {n} triples", geomean(ratios) <= 1.2 and not failed,
                  f"geometric mean of per-query p50 ratios {geomean(ratios):.2f}x (worst {max(ratios):.2f}x, "
                  f"{sum(r <= 1.2 for r in ratios)} of {len(ratios)} queries within 1.2x){failed_note}")
    # A heavy query ours did not answer within the cap counts with rdflib's time / cap: at most that.
    heavy = [q for q in queries if q.startswith("heavy") and got.p50("rdflib", q) and (q in both or q in untimed)]
    if not heavy:
        report.target(f">= 10x faster than rdflib on the heavier queries at {n} triples", False, "not measured")
        return
    speedups = [got.p50("rdflib", q) / (got.p50("ours", q) if q in both else cap) for q in heavy]
    report.target(f">= 10x faster than rdflib on the heavier queries at {n} triples", min(speedups) >= 10,
                  "speed-up per query " + ", ".join(f"{q} {'' if q in both else 'at most '}{s:.1f}x" if s >= 1 else f"{q} {'' if q in both else 'at most '}{s:.2f}x"
                                                    for q, s in zip(heavy, speedups, strict=True))
                  + f" (geometric mean {geomean(speedups):.1f}x)")


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

def bench_dumps(sizes: Sizes, work: Path, report: Report) -> None:
    peaks = {}
    for n in sizes.dump_triples:
        folder = work / f"dumps-{n}"
        folder.mkdir(exist_ok=True)
        dataset = folder / "dataset.nq"
        shutil.move(synth_sorted_nquads(n, work), dataset)
        mb = dataset.stat().st_size / 1e6
        dumps = run_measured(python_child("dumps", str(folder)))
        gz = run_measured(["sh", "-c", f"gzip -6 -c '{dataset}' > /dev/null"])
        peaks[n] = dumps.peak_mb
        written = sum(p.stat().st_size for p in (folder / "dumps").iterdir()) / 1e6
        report.figure(f"dumps.{n}",
                      f"{mb / dumps.seconds:.1f} MB/s ({mb:.0f} MB N-Quads -> 4 dumps, {written:.0f} MB, in "
                      f"{dumps.seconds:.1f} s), peak RSS {dumps.peak_mb:.0f} MB | baseline gzip -6 on the same bytes: "
                      f"{mb / gz.seconds:.1f} MB/s, {gz.peak_mb:.0f} MB | ratio {gz.seconds / dumps.seconds:.2f}x "
                      "of gzip's speed")
        report.target(f"dumps >= 50% of gzip's speed at {n} triples", gz.seconds / dumps.seconds >= 0.5,
                      f"{100 * gz.seconds / dumps.seconds:.0f}% of gzip -6 (all four dumps vs one gzip pass)")
        shutil.rmtree(folder)
    small, large = min(peaks), max(peaks)
    growth = peaks[large] / peaks[small]
    report.figure("dumps.memory", f"peak RSS {peaks[large]:.0f} MB at {large} quads | baseline {peaks[small]:.0f} MB "
                                  f"at {small} quads | ratio {growth:.2f}x for {large / small:.0f}x the data")
    report.target(f"dump memory flat between {small} and {large} triples", growth <= 1.25,
                  f"peak RSS grows {growth:.2f}x for {large / small:.0f}x the data")


# ------------------------------------------------------------------------------ main

# What the converter, the build and the server read from the project folder.
SNAPSHOT = ("sccon_ld", "benchmarks", "data", "ontology", "shapes", "queries", "pyproject.toml")


def snapshot_code(work: Path) -> Path:
    """Copy the code and its data into ``work``, and work there: every child (and this process)
    imports the copy (``python -c`` and ``-m`` put the current folder first on ``sys.path``).

    So the run measures one version of the code even while the working tree is being edited: a
    change of converter code would otherwise empty the conversion cache between two runs.
    """
    target = work / "code"
    for name in SNAPSHOT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
        elif source.exists():
            shutil.copy2(source, target / name)
    os.environ["PYTHONPATH"] = os.pathsep.join([str(target), *filter(None, [os.environ.get("PYTHONPATH")])])
    sys.path.insert(0, str(target))
    os.chdir(target)
    return target



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
    sizes = dataclasses.replace(sizes, build_docs=tuple(args.build_docs or sizes.build_docs),
                                sparql_triples=tuple(args.sparql_triples or sizes.sparql_triples),
                                dump_triples=tuple(args.dump_triples or sizes.dump_triples))
    report = Report()
    print(f"sccon-ld benchmark ({'quick' if args.quick else 'full'}; {os.cpu_count()} CPUs; sizes {sizes})", flush=True)
    work = Path(args.work).resolve() if args.work else Path(tempfile.mkdtemp(prefix="sccon-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"code: a snapshot in {snapshot_code(work)}", flush=True)
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
