"""The ``sccon-ld`` command: convert, build, validate, serve, load, synth, export-static.

Errors about input are one line each, naming the file, on stderr; no traceback reaches the user.
``--help`` is plain text (:data:`DESCRIPTION`), not this docstring's reST.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import bench, settings
from .release import export_static
from .store import load

DESCRIPTION = ("sccon-ld: the Smart Country Convention (SCCON) as Linked Open Data. Convert documents "
               "to RDF, build and validate a release, publish it over HTTP.")
EPILOG = "Run 'sccon-ld COMMAND --help' for the options of a command."

FORMATS = {"nquads": "nquads", "trig": "trig", "turtle": "turtle", "jsonld": "json-ld"}


def _err(message: str) -> None:
    print(f"sccon-ld: {message}", file=sys.stderr)


def _progress(done: int, total: int) -> None:
    if not sys.stderr.isatty() or total < 2:
        return
    width = 30
    filled = width * done // total
    print(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} documents", end="", file=sys.stderr)
    if done == total:
        print(file=sys.stderr)


def cmd_convert(args: argparse.Namespace) -> int:
    from .pipeline import convert, sorted_nquads

    missing = [p for p in args.paths if not Path(p).exists()]
    for p in missing:
        _err(f"error: {p}: no such file or folder")
    conversion = convert([Path(p) for p in args.paths if Path(p).exists()], progress=_progress,
                         min_confidence=args.min_confidence)
    for failure in conversion.failures:
        _err(f"error: {failure}")
    for doc in conversion.documents:
        for warning in doc.warnings:
            _err(f"warning: {doc.path}: {warning}")
        for held in doc.held_back:
            _err(f"held back: {doc.path}: {_held_text(held)}")
    if args.format == "nquads":
        data = "".join(sorted_nquads(conversion.dataset))
    else:
        ds = conversion.dataset
        if args.format == "turtle":
            from rdflib import Graph

            union = Graph()
            for s, p, o, _ in ds.quads((None, None, None, None)):
                union.add((s, p, o))
            ds = union
        data = ds.serialize(format=FORMATS[args.format])
    if args.output:
        Path(args.output).write_text(data, encoding="utf-8")
    else:
        sys.stdout.write(data)
    return 1 if conversion.failures or missing else 0


def _held_text(held: dict) -> str:
    return f"{held['triple']}  (rule {held['rule']}, confidence {held['confidence']:.2f})"


def _confidence_arg(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {value}")
    return value


def cmd_explain(args: argparse.Namespace) -> int:
    from .explain import explain

    rc = 0
    for path in args.paths:
        if not Path(path).exists():
            _err(f"error: {path}: no such file or folder")
            rc = 1
            continue
        rc = max(rc, explain(Path(path), sys.stdout, args.min_confidence))
    return rc


def cmd_build(args: argparse.Namespace) -> int:
    from .release.build import build
    from .release.folders import ReleaseError

    try:
        result = build(Path(args.sources) if args.sources else None, Path(args.out) if args.out else None,
                       progress=_progress)
    except ReleaseError as e:
        _err(f"error: build failed, the previous release is unchanged: {e}")
        return 1
    conv = result.conversion
    print(f"release {result.release.version}  ->  {result.release.path}")
    print(f"documents: {len(conv.documents) - len(result.rejected)} converted, {len(conv.failures)} skipped")
    print(f"quads: {result.release.manifest['quads']}")
    _print_entity_counts(result.release)
    for doc in conv.documents:
        print(f"  {Path(doc.path).name:40} {doc.triples:5} triples  edition {doc.edition or '-'}"
              + "".join(f"\n      warning: {w}" for w in doc.warnings))
    for failure in conv.failures:
        print(f"  skipped {failure}")
    held = [h for doc in conv.documents for h in doc.held_back]
    print(f"held back: {len(held)} claims below extract.min_confidence {settings.get().extract['min_confidence']}")
    for h in held:
        print(f"  {Path(h['document']).name}: {_held_text(h)}")
    if result.claims is not None:  # documents that disagree, and how (README, "Claims resolved")
        ties = sum(d.winner is None for d in result.claims.decisions)
        print(f"conflicts: {len(result.claims.decisions)} ({ties} tied: no value published)")
        for line in result.claims.lines():
            print(f"  {line}")
    print(result.validation_text.splitlines()[0])
    return 0


def _print_entity_counts(rel) -> None:
    """The entities as the site counts them (one per page: the landing page's figure and the lists),
    and what VoID's ``void:entities`` counts besides, so that the three figures can be compared."""
    from .release.entity_index import INDEX_FILE, EntityIndex

    base = rel.manifest.get("base") or settings.get().base
    index = EntityIndex.open(rel.path / INDEX_FILE, base)
    if index is None:
        return
    kinds = index.kinds()
    print(f"entities: {sum(kinds.values())} with a page of their own, as the landing page and the lists "
          "count them (" + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) + ")")
    print(f"  (VoID's void:entities counts every described IRI under {base}id/, #fragments included)")


def cmd_validate(args: argparse.Namespace) -> int:
    from rdflib import Dataset

    from .pipeline import convert
    from .release import folders as release
    from .validate import validate_dataset

    path = Path(args.path) if args.path else None
    if path is None or (path.is_dir() and release.exists(path)):
        rel = release.load(path or settings.get().path("releases"))
        ds = Dataset()
        ds.parse(rel.dataset_file, format="nquads")
    elif path.exists() and path.suffix in (".nq", ".trig"):
        ds = Dataset()
        ds.parse(path, format="nquads" if path.suffix == ".nq" else "trig")
    elif path.exists():
        conversion = convert([path], with_authority="all")
        for failure in conversion.failures:
            _err(f"error: {failure}")
        ds = conversion.dataset
    else:
        _err(f"error: {path}: no such file or folder")
        return 2
    result = validate_dataset(ds)
    print(result.text())
    return 0 if result.conforms else 1


def cmd_serve(args: argparse.Namespace) -> int:
    from .release import folders as release
    from .serving import gunicorn_command, listen_problem

    host = args.host or settings.get().server["host"]
    port = args.port or settings.get().server["port"]
    problem = listen_problem(host, port)
    if problem:
        _err(f"error: {problem}; serve on another port with --port (e.g. sccon-ld serve --port {port + 1})")
        return 1

    releases_dir = Path(args.data) if args.data else settings.get().path("releases")
    # What the gunicorn workers read in sccon_ld/web/wsgi.py (importing it here would build the app).
    env = dict(os.environ, SCCON_LD_RELEASES=str(releases_dir))
    env.pop("SCCON_LD_STORE", None)
    if args.store:
        from .store.remote import RemoteGraphStore, RemoteStoreError

        try:
            version = RemoteGraphStore(args.store).version
        except RemoteStoreError as e:
            _err(f"error: cannot serve from {args.store}: {e}")
            return 1
        env["SCCON_LD_STORE"] = args.store
        source = f"release {version} held by {args.store}"
    elif not release.exists(releases_dir):
        print(f"no release in {releases_dir}: building one from {settings.get().path('sources')}", file=sys.stderr)
        rc = cmd_build(argparse.Namespace(sources=None, out=str(releases_dir)))
        if rc:
            return rc
        source = str(releases_dir)
    else:
        source = str(releases_dir)
    cmd = gunicorn_command(host, port, args.workers)
    print(f"serving {source} on http://{host}:{port}/", file=sys.stderr)
    os.execve(sys.executable, cmd, env)
    return 0  # not reached


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="sccon-ld", description=DESCRIPTION, epilog=EPILOG)
    ap.add_argument("--config", help="a TOML file overriding sccon_ld/settings.toml")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("convert", help="convert documents (files or folders) and print the RDF")
    p.add_argument("paths", nargs="+")
    p.add_argument("--format", choices=list(FORMATS), default="nquads")
    p.add_argument("-o", "--output", help="write to this file instead of stdout")
    p.add_argument("--min-confidence", type=_confidence_arg, metavar="X",
                   help="leave out claims whose rule's confidence is below X (default: publish all)")
    p.set_defaults(func=cmd_convert)
    p = sub.add_parser("explain", help="each claim of documents with its sentence, rule and confidence")
    p.add_argument("paths", nargs="+")
    p.add_argument("--min-confidence", type=_confidence_arg, metavar="X",
                   help="what a build would hold back (default: extract.min_confidence)")
    p.set_defaults(func=cmd_explain)
    p = sub.add_parser("build", help="build a validated release from the corpus")
    p.add_argument("--sources", help="folder of source documents (default: data/documents)")
    p.add_argument("--out", help="releases folder (default: release/)")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("validate", help="SHACL-validate a release, an N-Quads/TriG file or documents")
    p.add_argument("path", nargs="?")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("serve", help="publish the current release over HTTP (gunicorn)")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument("--data", help="releases folder (default: release/)")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--store", metavar="URL",
                   help="serve the release loaded into this SPARQL 1.1 query endpoint (no local store)")
    p.set_defaults(func=cmd_serve)
    load.add_parser(sub)
    bench.add_parser(sub)
    export_static.add_parser(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.config:
        os.environ["SCCON_LD_CONFIG"] = args.config
        settings.get.cache_clear()
    try:
        settings.get()  # a typo in the user's settings stops here, naming the key
    except settings.SettingsError as e:
        print(f"sccon-ld: error: {e}", file=sys.stderr)
        return 2
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
