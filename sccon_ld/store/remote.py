"""A release held by any SPARQL 1.1 server, read through the standard protocol only.

``RemoteGraphStore`` has the read interface of ``store.GraphStore`` (``query``, ``quads``,
``named_graphs``, ``version``, ``release``), so the web tier can run without local state and
scale out behind a load balancer while Virtuoso, Fuseki, GraphDB, QLever or ``oxigraph serve``
holds the data. Results come back as pyoxigraph objects, parsed from the server's standard
result formats, so callers cannot tell the two stores apart.

What release is loaded is read from the small description ``load.load_release`` writes last
into the named graph ``<base>graph/release`` (version, creation time, quad count). Servers
differ in what their default graph is (the unnamed graph; the union of all graphs; in Virtuoso
every graph it holds, a triple once per graph), so the loader puts the release's default graph
(each distinct triple once) into the named graph ``<base>graph/default`` and every query names
its dataset explicitly, as :func:`.dataset.protocol_form` builds it: what the embedded store
answers, the remote one answers too. Virtuoso's differences are handled here: it adds the
Protocol's graphs to a query's ``FROM`` instead of replacing them (so ``FROM`` clauses are blanked
out; the dataset travels as parameters) and answers ASK with a one-row table (read as a boolean).
"""

from __future__ import annotations

import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from .. import formats as F
from .. import settings
from ..iris import IRIs
from ..release.folders import ManifestFields
from ..vocab import DCT, VOID
from .dataset import SERVICE_DATASET, QueryDataset, protocol_form, without_dataset_clauses

RESULTS_ACCEPT = (f"{F.SPARQL_JSON.media_type}, {F.N_TRIPLES.media_type};q=0.9, {F.TURTLE.media_type};q=0.8, "
                  f"{F.RDF_XML.media_type};q=0.5, {F.SPARQL_XML.media_type};q=0.5")


class RemoteStoreError(RuntimeError):
    """The server refused a request or could not be reached."""


def remote_settings() -> dict:
    """``[remote]`` of the settings: request timeout, how long the release description is cached."""
    return settings.get().remote


def release_graph(base: str) -> str:
    """The named graph describing the loaded release; it is not part of the published data."""
    return str(IRIs(base).graph("release"))


def default_set_graph(base: str) -> str:
    """The named graph holding the release's default graph on a server (each distinct triple once)."""
    return str(IRIs(base).graph("default"))


def empty_graph(base: str) -> str:
    """A graph nobody fills: naming it says "no graphs" to servers that read no name as "every graph"."""
    return str(IRIs(base).graph("none"))


def service_graphs(base: str) -> set[str]:
    """The loader's own graphs on a server, which are not graphs of the published dataset."""
    return {release_graph(base), default_set_graph(base), empty_graph(base)}


def http(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None,
         timeout: float | None = None) -> tuple[str, bytes]:
    """(content type, body) of one request; RemoteStoreError naming the server's reason on failure."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout or remote_settings()["timeout"]) as resp:
            return resp.headers.get("Content-Type", ""), resp.read()
    except urllib.error.HTTPError as e:
        detail = e.read()[:500].decode("utf-8", "replace").strip()
        raise RemoteStoreError(f"{method or ('POST' if data else 'GET')} {url}: HTTP {e.code} {detail}") from e
    except (urllib.error.URLError, OSError) as e:
        raise RemoteStoreError(f"{url}: {getattr(e, 'reason', e)}") from e


@dataclass(frozen=True)
class RemoteRelease(ManifestFields):
    """What GraphStore.release offers, for a release held by a server (no local folder)."""

    manifest: dict
    path: None = None
    store_dir: None = None


class RemoteTriples:
    """CONSTRUCT/DESCRIBE results: iterable ox.Triple with ``serialize`` like ox.QueryTriples."""

    def __init__(self, triples: list[ox.Triple]):
        self._triples = triples

    def __iter__(self) -> Iterator[ox.Triple]:
        return iter(self._triples)

    def serialize(self, output=None, format: ox.RdfFormat = ox.RdfFormat.N_TRIPLES):  # noqa: A002 (as pyoxigraph)
        return ox.serialize(self._triples, output, format)


@dataclass
class _Cached:
    release: RemoteRelease | None = None
    fetched: float = 0.0
    graphs: list[str] = field(default_factory=list)


class RemoteGraphStore:
    """Read-only access to the release loaded into a SPARQL 1.1 server."""

    def __init__(self, endpoint_url: str, base: str | None = None):
        self.endpoint_url = endpoint_url
        self.base = base or settings.get().base
        self._cached = _Cached()

    # ------------------------------------------------------------------ the release

    @property
    def release(self) -> RemoteRelease:
        """The loaded release's description, re-read at most every ``remote.refresh_seconds``."""
        now = time.monotonic()
        cached = self._cached
        if cached.release is None or now - cached.fetched > remote_settings()["refresh_seconds"]:
            fresh = self._read_release()
            if cached.release is None or fresh.version != cached.release.version:
                self._cached = cached = _Cached(release=fresh)
            cached.fetched = now
        return cached.release

    @property
    def version(self) -> str:
        return self.release.version

    def _read_release(self) -> RemoteRelease:
        graph = release_graph(self.base)
        rows = list(self._select(
            f"SELECT ?v ?c ?n WHERE {{ GRAPH <{graph}> {{ <{graph}> <{DCT}hasVersion> ?v ; <{DCT}created> ?c . "
            f"OPTIONAL {{ <{graph}> <{VOID}triples> ?n }} }} }}"))
        if not rows:
            raise RemoteStoreError(f"{self.endpoint_url} holds no release (no <{graph}>): run `sccon-ld load` first")
        row = rows[0]
        manifest = {"version": row["v"].value, "created": row["c"].value}
        if row["n"] is not None:
            manifest["quads"] = int(row["n"].value)
        return RemoteRelease(manifest)

    # ------------------------------------------------------------------ reading

    def query(
        self,
        sparql: str,
        dataset: QueryDataset = SERVICE_DATASET,
        *,
        prefixes: dict[str, str] | None = None,
        base_iri: str | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | RemoteTriples:
        """SPARQL over ``dataset``, as GraphStore.query (prefixes and base become the query's prologue)."""
        prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in (prefixes or {}).items())
        if base_iri:
            prologue = f"BASE <{base_iri}>\n" + prologue
        query = prologue + without_dataset_clauses(sparql)
        graphs = protocol_form(dataset, query, default_set_graph(self.base), self.named_graphs(),
                               empty_graph(self.base))
        return self._run(query, graphs)

    def quads(
        self,
        subject: ox.NamedNode | None = None,
        predicate: ox.NamedNode | None = None,
        obj: ox.NamedNode | ox.Literal | None = None,
        graph: ox.NamedNode | None = None,
    ) -> Iterator[ox.Quad]:
        """Quads matching the pattern, from the release's named graphs (not the loader's own graphs)."""
        s, p, o = (str(t) if t is not None else v for t, v in ((subject, "?s"), (predicate, "?p"), (obj, "?o")))
        g = str(graph) if graph is not None else "?g"
        ours = "" if graph is not None else (
            f"FILTER(STRSTARTS(STR(?g), {ox.Literal(self.base + 'graph/')}) && ?g NOT IN ("
            + ", ".join(f"<{h}>" for h in sorted(service_graphs(self.base))) + "))")
        rows = self._select(f"SELECT * WHERE {{ GRAPH {g} {{ {s} {p} {o} }} {ours} }}")
        for row in rows:
            yield ox.Quad(subject or row["s"], predicate or row["p"], obj or row["o"], graph or row["g"])

    def named_graphs(self) -> list[str]:
        """The release's named graphs, sorted (cached per release version)."""
        self.release  # noqa: B018 (refreshes the cache, which forgets the graphs of an older release)
        cached = self._cached
        if not cached.graphs:
            hidden, ours = service_graphs(self.base), f"{self.base}graph/"
            cached.graphs = [g for g in self.server_graphs() if g.startswith(ours) and g not in hidden]
        return list(cached.graphs)

    def server_graphs(self) -> list[str]:
        """Every named graph the server holds, sorted: the release's, the loader's own, any other."""
        rows = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(r["g"].value for r in rows)

    def _select(self, sparql: str) -> ox.QuerySolutions:
        """A query over the server's own default dataset (for the loader's graphs, not the release's data)."""
        return self._run(sparql, [])

    def _run(self, sparql: str, graphs: Sequence[tuple[str, str]]):
        form = [("query", sparql), *graphs]
        content_type, body = http(
            self.endpoint_url, urllib.parse.urlencode(form).encode("utf-8"),
            {"Accept": RESULTS_ACCEPT, "Content-Type": F.FORM.media_type})
        media_type = content_type.split(";")[0].strip().lower()
        results_format = ox.QueryResultsFormat.from_media_type(media_type) if media_type else None
        if results_format is not None:
            return _ask_as_boolean(ox.parse_query_results(body, results_format))
        rdf_format = ox.RdfFormat.from_media_type(media_type) if media_type else None
        if rdf_format is None:
            raise RemoteStoreError(f"{self.endpoint_url} answered in an unknown format {content_type!r}")
        return RemoteTriples([q.triple for q in ox.parse(body, rdf_format)])


VIRTUOSO_ASK = "__ASK_RETVAL"


def _ask_as_boolean(results):
    """Virtuoso answers ASK as one variable ``__ASK_RETVAL`` (a row with 1, or no row): a boolean again."""
    if not isinstance(results, ox.QuerySolutions) or [v.value for v in results.variables] != [VIRTUOSO_ASK]:
        return results
    value = any(row[VIRTUOSO_ASK] is not None and row[VIRTUOSO_ASK].value not in ("0", "false") for row in results)
    return ox.parse_query_results(b'{"head": {}, "boolean": %s}' % (b"true" if value else b"false"),
                                  ox.QueryResultsFormat.JSON)
