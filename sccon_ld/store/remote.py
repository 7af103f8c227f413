"""A release held by any SPARQL 1.1 server, read through the standard protocol only.

``RemoteGraphStore`` has the read interface of ``store.GraphStore`` (``query``, ``quads``,
``named_graphs``, ``version``, ``release``), so the web tier can run without local state and
scale out behind a load balancer while Virtuoso, Fuseki, GraphDB, QLever or ``oxigraph serve``
holds the data. Results come back as pyoxigraph objects, parsed from the server's standard
result formats, so callers cannot tell the two stores apart.

What release is loaded is read from the small description ``load.load_release`` writes last
into the named graph ``<base>graph/release`` (version, creation time, quad count). Servers
differ in what the default graph is: some use the union of all graphs (Virtuoso, ``oxigraph
serve --union-default-graph``), others only the unnamed graph (plain ``oxigraph serve``,
Fuseki). The store asks once per release and, for the latter, names the release's graphs as
the protocol's ``default-graph-uri`` (and ``named-graph-uri``, for ``GRAPH ?g``) so that every
query sees the union, as GraphStore does.
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
    union_default: bool | None = None
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
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        *,
        prefixes: dict[str, str] | None = None,
        base_iri: str | None = None,
        default_graph: Sequence[ox.NamedNode] | ox.DefaultGraph | None = None,
        named_graphs: Sequence[ox.NamedNode] | None = None,
        use_default_graph_as_union: bool = True,
    ) -> ox.QuerySolutions | ox.QueryBoolean | RemoteTriples:
        """SPARQL over the union graph, or over the protocol's dataset when one is given.

        Also takes ``ox.Store.query``'s keywords, so ``query_runner.execute`` runs a job on a
        remote store as on the embedded one (prefixes and base become the query's prologue).
        """
        if default_graph is not None and not isinstance(default_graph, ox.DefaultGraph):
            default_graph_uris = [g.value for g in default_graph]
        if named_graphs is not None:
            named_graph_uris = [g.value for g in named_graphs]
        prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in (prefixes or {}).items())
        if base_iri:
            prologue = f"BASE <{base_iri}>\n" + prologue
        if not default_graph_uris and not named_graph_uris and not self._server_unions():
            default_graph_uris = named_graph_uris = self.named_graphs()
        return self._run(prologue + sparql, default_graph_uris, named_graph_uris)

    def quads(
        self,
        subject: ox.NamedNode | None = None,
        predicate: ox.NamedNode | None = None,
        obj: ox.NamedNode | ox.Literal | None = None,
        graph: ox.NamedNode | None = None,
    ) -> Iterator[ox.Quad]:
        """Quads matching the pattern, from the release's named graphs (not the description)."""
        s, p, o = (str(t) if t is not None else v for t, v in ((subject, "?s"), (predicate, "?p"), (obj, "?o")))
        g = str(graph) if graph is not None else "?g"
        hidden = "" if graph is not None else f"FILTER(?g != <{release_graph(self.base)}>)"
        rows = self._select(f"SELECT * WHERE {{ GRAPH {g} {{ {s} {p} {o} }} {hidden} }}")
        for row in rows:
            yield ox.Quad(subject or row["s"], predicate or row["p"], obj or row["o"], graph or row["g"])

    def named_graphs(self) -> list[str]:
        """The release's named graphs, sorted (cached per release version)."""
        self.release  # noqa: B018 (refreshes the cache, which forgets the graphs of an older release)
        cached = self._cached
        if not cached.graphs:
            hidden = release_graph(self.base)
            cached.graphs = [g for g in self.server_graphs() if g != hidden]
        return list(cached.graphs)

    def server_graphs(self) -> list[str]:
        """Every named graph the server holds, sorted: the release's, its description, any other."""
        rows = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(r["g"].value for r in rows)

    def _server_unions(self) -> bool:
        """Whether the server's default graph already is the union of the named graphs (asked once)."""
        self.release  # noqa: B018 (refreshes the cache, which resets the answer on a new release)
        cached = self._cached
        if cached.union_default is None:
            answer = self._run("ASK { ?s ?p ?o }", (), ())
            cached.union_default = bool(answer)
        return cached.union_default

    def _select(self, sparql: str) -> ox.QuerySolutions:
        return self._run(sparql, (), ())

    def _run(self, sparql: str, default_graph_uris: Sequence[str], named_graph_uris: Sequence[str]):
        form = [("query", sparql), *(("default-graph-uri", u) for u in default_graph_uris),
                *(("named-graph-uri", u) for u in named_graph_uris)]
        content_type, body = http(
            self.endpoint_url, urllib.parse.urlencode(form).encode("utf-8"),
            {"Accept": RESULTS_ACCEPT, "Content-Type": F.FORM.media_type})
        media_type = content_type.split(";")[0].strip().lower()
        results_format = ox.QueryResultsFormat.from_media_type(media_type) if media_type else None
        if results_format is not None:
            return ox.parse_query_results(body, results_format)
        rdf_format = ox.RdfFormat.from_media_type(media_type) if media_type else None
        if rdf_format is None:
            raise RemoteStoreError(f"{self.endpoint_url} answered in an unknown format {content_type!r}")
        return RemoteTriples([q.triple for q in ox.parse(body, rdf_format)])
