"""Claims resolved, every claim kept: one value per single-valued property of an edition.

Documents disagree (an expected figure against the final one, an announced date that moved, a
third party's figure against the organiser's). Like Wikidata's truthy triples beside its full
statements, the default graph gets one value per single-valued property of an edition, chosen by
the policy below, while every claim stays in its document graph with its statement node, which
gets a rank (``sccon:claimRank``), the claims it competes with (``sccon:competesWith``) and why
(``sccon:rankReason``).

The policy (README, "Claims resolved"): the options of a property (its distinct values; for
places, the values that fit together) are compared rule by rule, and the first rule that leaves
one option decides:

1. ``after-event``: a claim from a document published on or after the edition's last day (and not
   marked as expected) beats claims made before it;
2. ``organiser``: a claim from the organisers' own documents (publisher or author, or the author's
   organisation, is an organiser of the series in the authority file) beats third parties;
3. ``later-announcement`` (dates only): the later-published announcement beats the earlier one;
4. ``more-documents``: more documents beat fewer;
5. ``confidence``: a higher extraction confidence (when the extractor gives one) beats a lower one;
6. otherwise a tie: no value is published in the default graph, and the build reports it.

Everything here is a pure function of the claims; :func:`resolve` reads them from a dataset and
:func:`apply_ranks` writes the ranks back (in the statements' own document graphs).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from ..iris import PROV, SCHEMA, IRIs

Triple = tuple[Node, Node, Node]
Quad = tuple[Node, Node, Node, Node]


def single_valued(iris: IRIs) -> tuple[URIRef, ...]:
    """The properties of an edition that take one value (MODEL.md's edition row)."""
    o = iris.ontology
    return (
        SCHEMA.startDate, SCHEMA.endDate, SCHEMA.location, SCHEMA.eventAttendanceMode,
        o.participantCount, o.exhibitorCount, o.speakerCount, o.stageCount, o.partnerCount,
        o.workshopCount, o.partnerCountry, o.editionNumber,
    )


DATE_PROPERTIES = (SCHEMA.startDate, SCHEMA.endDate)
PLACE_PROPERTIES = (SCHEMA.location,)


@dataclass(frozen=True)
class Source:
    """What is known about where one claim comes from (all read from the graph)."""

    graph: URIRef
    document: URIRef | None = None
    statement: URIRef | None = None  # its rdf:Statement node, when the emitter made one
    published: date | None = None  # the document's schema:datePublished
    by_organiser: bool = False  # publisher/author (or author's organisation) organises the series
    expected: bool = False  # the extractor marked the figure as expected (pre-event)
    confidence: float | None = None  # the extractor's confidence, when given


@dataclass(frozen=True)
class Claim:
    subject: URIRef
    predicate: URIRef
    value: Node
    source: Source


@dataclass
class Option:
    """Values that fit together (one value, or places within each other) and the claims for them."""

    values: tuple[Node, ...]
    claims: list[Claim] = field(default_factory=list)

    @property
    def documents(self) -> set[URIRef]:
        return {c.source.document or c.source.graph for c in self.claims}


@dataclass(frozen=True)
class Context:
    """What the rules need beyond the claims: the edition's last day, the kind of property."""

    last_day: date | None
    is_date: bool


@dataclass(frozen=True)
class Rule:
    name: str
    text: str  # what the rule says, for the summary and the rank reasons
    score: Callable[[Option, Context], object]  # higher wins
    applies: Callable[[Context], bool] = lambda ctx: True


def _after_event(option: Option, ctx: Context) -> int:
    return int(any(is_after_event(c.source, ctx.last_day) for c in option.claims))


def is_after_event(source: Source, last_day: date | None) -> bool:
    """Published on or after the edition's last day, and not an expectation."""
    return (
        not source.expected and last_day is not None and source.published is not None
        and source.published >= last_day
    )


def _organiser(option: Option, ctx: Context) -> int:
    return int(any(c.source.by_organiser for c in option.claims))


def _later(option: Option, ctx: Context) -> date:
    return max((c.source.published for c in option.claims if c.source.published), default=date.min)


def _more_documents(option: Option, ctx: Context) -> int:
    return len(option.documents)


def _confidence(option: Option, ctx: Context) -> float:
    return max((c.source.confidence for c in option.claims if c.source.confidence is not None), default=-1.0)


RULES: tuple[Rule, ...] = (
    Rule("after-event", "published after the event, over before it", _after_event),
    Rule("organiser", "the organisers' own document, over third parties", _organiser),
    Rule("later-announcement", "a later announcement of dates, over an earlier one", _later,
         applies=lambda ctx: ctx.is_date),
    Rule("more-documents", "more documents, over fewer", _more_documents),
    Rule("confidence", "a higher extraction confidence, over a lower one", _confidence),
)
TIE = "tie"


@dataclass
class Decision:
    """How one contested property of one edition was decided."""

    subject: URIRef
    predicate: URIRef
    options: list[Option]
    winner: Option | None  # None: a tie, nothing published in the default graph
    rule: str  # the deciding rule's name, or "tie"
    kept: tuple[Node, ...] = ()  # values left in the default graph (the winner's, and places containing them)

    @property
    def rule_text(self) -> str:
        return next((r.text for r in RULES if r.name == self.rule), "no rule decides")

    def as_dict(self) -> dict:
        """The decision as the build summary lists it."""
        return {
            "subject": str(self.subject),
            "property": str(self.predicate),
            "rule": self.rule,
            "why": self.rule_text,
            "published": [str(v) for v in self.kept],
            "options": [
                {"values": [str(v) for v in o.values], "documents": sorted(str(d) for d in o.documents),
                 "won": o is self.winner}
                for o in self.options
            ],
        }


def decide(options: Sequence[Option], ctx: Context) -> tuple[Option | None, str]:
    """The winning option and the rule that picked it; (None, "tie") when no rule does."""
    left = list(options)
    for rule in RULES:
        if not rule.applies(ctx):
            continue
        scores = [rule.score(o, ctx) for o in left]
        best = max(scores)
        narrowed = [o for o, s in zip(left, scores, strict=True) if s == best]
        if len(narrowed) == 1:
            return narrowed[0], rule.name
        left = narrowed
    return None, TIE


def options_of(claims: Sequence[Claim], contains: Callable[[Node, Node], bool] | None = None) -> list[Option]:
    """Group claims into options. Without ``contains`` each distinct value is one option. With it
    (places), the most specific values are grouped when one document states them together
    ("hub27 auf dem Messegelände"), and coarser values (a city around them) join no option."""
    values = sorted({c.value for c in claims}, key=_order)
    if contains is None:
        leaves = values
    else:
        leaves = [v for v in values if not any(w != v and contains(v, w) for w in values)]
    parent = {v: v for v in leaves}

    def find(v: Node) -> Node:
        while parent[v] != v:
            v = parent[v]
        return v

    if contains is not None:
        by_document: dict[URIRef, set[Node]] = defaultdict(set)
        for c in claims:
            if c.value in parent:
                by_document[c.source.document or c.source.graph].add(c.value)
        for together in by_document.values():
            first, *rest = sorted(together, key=_order)
            for v in rest:
                parent[find(v)] = find(first)
    groups: dict[Node, list[Node]] = defaultdict(list)
    for v in leaves:
        groups[find(v)].append(v)
    options = [Option(tuple(vs)) for vs in groups.values()]
    by_value = {v: o for o in options for v in o.values}
    for c in claims:
        if c.value in by_value:
            by_value[c.value].claims.append(c)
    return sorted(options, key=lambda o: _order(o.values[0]))


def decide_property(
    subject: URIRef, predicate: URIRef, claims: Sequence[Claim], ctx: Context,
    contains: Callable[[Node, Node], bool] | None = None,
) -> Decision | None:
    """The decision for one property of one edition, or None when its claims do not compete."""
    options = options_of(claims, contains)
    if len(options) < 2:
        return None
    winner, rule = decide(options, ctx)
    values = {c.value for c in claims}
    # a tie keeps nothing specific; a coarser place that holds every option is still right
    kept = set(winner.values) if winner is not None else set()
    if contains is not None:
        chosen = set(winner.values) if winner is not None else {v for o in options for v in o.values}
        leaves = {v for o in options for v in o.values}
        kept |= {v for v in values - leaves if all(contains(v, w) for w in chosen)}
    return Decision(subject, predicate, options, winner, rule, tuple(sorted(kept, key=_order)))


def _order(term: Node) -> str:
    return term.n3()


# ---------------------------------------------------------------- reading the claims from a dataset


def _graph_id(g) -> URIRef:
    return g.identifier if hasattr(g, "identifier") else g


def _as_date(term: Node | None) -> date | None:
    if isinstance(term, Literal):
        try:
            return date.fromisoformat(str(term)[:10])
        except ValueError:
            return None
    return None


def _local(term: Node) -> str:
    return str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class ClaimReader:
    """Reads claims and what is known of their sources from a converted dataset."""

    def __init__(self, ds: Dataset, iris: IRIs):
        self.ds = ds
        self.iris = iris
        self.organisers = self._organisers()
        self._sources: dict[tuple[URIRef, URIRef | None], Source] = {}
        self._documents: dict[URIRef, URIRef] | None = None
        self._statements = self._statement_index()
        self._claims: dict[tuple[URIRef, URIRef], list[Claim]] = {}

    def _organisers(self) -> set[URIRef]:
        """The series' organisers in the authority graph, and the organisations under them."""
        auth = self.ds.graph(self.iris.authority_graph)
        found = set(auth.objects(self.iris.series, SCHEMA.organizer))
        changed = True
        while changed:
            more = {s for s, _, o in auth.triples((None, SCHEMA.parentOrganization, None)) if o in found}
            changed = not more <= found
            found |= more
        return found

    def _statement_index(self) -> dict[tuple[URIRef, Triple], URIRef]:
        """(graph, triple) -> the statement node describing it: three passes, no lookups per node."""
        parts: dict[URIRef, dict[tuple[URIRef, Node], Node]] = {RDF.subject: {}, RDF.predicate: {}, RDF.object: {}}
        for part, found in parts.items():
            for st, _, value, g in self.ds.quads((None, part, None, None)):
                found[(_graph_id(g), st)] = value
        index = {}
        for key, s in parts[RDF.subject].items():
            p, o = parts[RDF.predicate].get(key), parts[RDF.object].get(key)
            if p is not None and o is not None:
                index[(key[0], (s, p, o))] = key[1]
        return index

    def document_of(self, graph: URIRef) -> URIRef | None:
        """The source document of a graph: what its statements derive from, else what has a language."""
        if self._documents is None:
            self._documents = {}
            for prop in (SCHEMA.inLanguage, PROV.wasDerivedFrom):  # the latter wins
                for s, _, o, g in self.ds.quads((None, prop, None, None)):
                    doc = o if prop == PROV.wasDerivedFrom else s
                    if isinstance(doc, URIRef):
                        self._documents[_graph_id(g)] = doc
        return self._documents.get(graph)

    def source(self, graph: URIRef, statement: URIRef | None) -> Source:
        key = (graph, statement)
        if key not in self._sources:
            g = self.ds.graph(graph)
            doc = self.document_of(graph)
            published = by_organiser = None
            if doc is not None:
                published = min(filter(None, map(_as_date, g.objects(doc, SCHEMA.datePublished))), default=None)
                makers = set(g.objects(doc, SCHEMA.publisher)) | set(g.objects(doc, SCHEMA.author))
                for maker in list(makers):
                    makers |= set(g.objects(maker, SCHEMA.worksFor)) | set(g.objects(maker, SCHEMA.affiliation))
                by_organiser = bool(makers & self.organisers)
            expected, confidence = False, None
            if statement is not None:
                for p, o in g.predicate_objects(statement):
                    if not str(p).startswith(str(self.iris.ontology)):
                        continue
                    name = _local(p)
                    if name == "confidence":
                        with suppress(TypeError, ValueError):
                            confidence = float(o)
                    elif name in ("claimStatus", "status", "countQualifier", "expected") and (
                        "expected" in _local(o).lower() or (name == "expected" and o == Literal(True))
                    ):
                        expected = True
            self._sources[key] = Source(graph, doc, statement, published, bool(by_organiser), expected, confidence)
        return self._sources[key]

    def editions(self) -> list[URIRef]:
        return sorted({s for s, _, _, _ in self.ds.quads((None, SCHEMA.superEvent, self.iris.series, None))
                       if isinstance(s, URIRef)})

    def claims(self, subject: URIRef, predicate: URIRef) -> list[Claim]:
        key = (subject, predicate)
        if key not in self._claims:
            self._claims[key] = self._read_claims(subject, predicate)
        return self._claims[key]

    def _read_claims(self, subject: URIRef, predicate: URIRef) -> list[Claim]:
        out = []
        for s, p, o, g in self.ds.quads((subject, predicate, None, None)):
            gid = _graph_id(g)
            if gid in (self.iris.authority_graph, self.iris.ontology_graph):
                continue
            out.append(Claim(s, p, o, self.source(gid, self._statements.get((gid, (s, p, o))))))
        return sorted(out, key=lambda c: (str(c.source.graph), _order(c.value)))

    def contains(self) -> Callable[[Node, Node], bool]:
        """``contains(a, b)``: place ``b`` lies within place ``a`` (schema:containedInPlace, transitively)."""
        up: dict[Node, set[Node]] = defaultdict(set)
        for s, _, o, _ in self.ds.quads((None, SCHEMA.containedInPlace, None, None)):
            up[s].add(o)
        cache: dict[Node, set[Node]] = {}

        def ancestors(node: Node) -> set[Node]:
            if node not in cache:
                cache[node] = set()
                seen, todo = set(), list(up[node])
                while todo:
                    n = todo.pop()
                    if n not in seen:
                        seen.add(n)
                        todo.extend(up[n])
                cache[node] = seen
            return cache[node]

        return lambda a, b: a in ancestors(b)


def last_day(claims_by_property: dict[URIRef, list[Claim]]) -> date | None:
    """The edition's last day as any document states it (the latest end date, else start date):
    only a document published on or after every stated last day is certainly after the event."""
    for prop in (SCHEMA.endDate, SCHEMA.startDate):
        days = [d for c in claims_by_property.get(prop, []) if (d := _as_date(c.value))]
        if days:
            return max(days)
    return None


# ---------------------------------------------------------------- the whole dataset


@dataclass
class Resolution:
    """What the release needs: the decisions, the triples to keep out of the default graph
    (losing and tied values), and the rank quads to add to the document graphs."""

    decisions: list[Decision]
    excluded: set[Triple]
    rank_quads: list[Quad]

    def summary(self) -> dict:
        ties = [d for d in self.decisions if d.winner is None]
        return {
            "conflicts": len(self.decisions),
            "decided": {r.name: sum(d.rule == r.name for d in self.decisions) for r in RULES},
            "ties": len(ties),
            "excluded_triples": len(self.excluded),
            "decisions": [d.as_dict() for d in self.decisions],
        }

    def excluded_ox(self) -> set:
        """The exclusion set as pyoxigraph triples (what the default graph's materialisation takes)."""
        import pyoxigraph as ox

        text = "".join(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in sorted(self.excluded))
        return {q.triple for q in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)}

    def lines(self) -> list[str]:
        """One line per conflict, for the build's printed output."""
        out = []
        for d in self.decisions:
            values = " vs ".join(
                "/".join(_short(v) for v in o.values) + f" ({len(o.documents)} doc{'s' * (len(o.documents) != 1)})"
                for o in d.options
            )
            outcome = ("tie: none published" if d.winner is None
                       else f"{'/'.join(_short(v) for v in d.winner.values)} by {d.rule}")
            out.append(f"{_short(d.subject)} {_short(d.predicate)}: {values} -> {outcome}")
        return out


def _short(term: Node) -> str:
    return str(term) if isinstance(term, Literal) else _local(term)


def resolve(ds: Dataset, iris: IRIs) -> Resolution:
    """Every contested single-valued property of every edition in ``ds``, decided."""
    reader = ClaimReader(ds, iris)
    contains = reader.contains()
    decisions: list[Decision] = []
    for edition in reader.editions():
        by_property = {p: reader.claims(edition, p) for p in single_valued(iris)}
        for predicate, claims in by_property.items():
            ctx = Context(last_day(by_property), predicate in DATE_PROPERTIES)
            decision = decide_property(edition, predicate, claims, ctx,
                                       contains if predicate in PLACE_PROPERTIES else None)
            if decision is not None:
                decisions.append(decision)
    excluded: set[Triple] = set()
    for d in decisions:
        all_values = {c.value for c in reader.claims(d.subject, d.predicate)}
        excluded |= {(d.subject, d.predicate, v) for v in all_values - set(d.kept)}
    return Resolution(decisions, excluded, rank_quads(ds, iris, decisions, reader))


PREFERRED, NORMAL, DEPRECATED = "PreferredRank", "NormalRank", "DeprecatedRank"


def rank_quads(ds: Dataset, iris: IRIs, decisions: Iterable[Decision], reader: ClaimReader) -> list[Quad]:
    """``sccon:claimRank`` on every statement node (normal unless a decision says otherwise), and
    for contested claims ``sccon:rankReason`` and ``sccon:competesWith``: a losing claim names the
    winner's statement, a winning or tied one each other option's; one statement per option (the
    first by IRI; the others stating that value are found by rdf:object): a decided conflict adds
    one link per losing claim, not one per pair of claims."""
    o = iris.ontology
    ranks: dict[tuple[URIRef, URIRef], str] = {}
    extra: list[Quad] = []
    for d in decisions:
        option_of = {v: i for i, opt in enumerate(d.options) for v in opt.values}
        stated = [c for c in reader.claims(d.subject, d.predicate) if c.source.statement is not None]
        first: dict[int, URIRef] = {}
        for c in sorted(stated, key=lambda c: str(c.source.statement)):
            if c.value in option_of:
                first.setdefault(option_of[c.value], c.source.statement)
        won = "/".join(_short(v) for v in d.winner.values) if d.winner is not None else ""
        for claim in stated:
            st, g = claim.source.statement, claim.source.graph
            if claim.value in d.kept:
                rank, why = PREFERRED, f"preferred: {d.rule_text} ({d.rule})"
            elif d.winner is None:
                rank = NORMAL
                why = "tie: no rule decides between the documents; no value is published in the default graph"
            else:
                rank, why = DEPRECATED, f"deprecated: {won} wins by {d.rule} ({d.rule_text})"
            ranks[(g, st)] = rank
            extra.append((st, o.rankReason, Literal(why, lang="en"), g))
            mine = option_of.get(claim.value)
            if mine is None:
                continue  # a coarser place (a city around the venues) competes with nothing
            winner = d.options.index(d.winner) if d.winner is not None else None
            rivals = [winner] if winner is not None and mine != winner else [i for i in first if i != mine]
            extra.extend((st, o.competesWith, first[i]) + (g,) for i in sorted(rivals) if i in first)
    out: list[Quad] = []
    for st, _, _, g in ds.quads((None, RDF.type, RDF.Statement, None)):
        gid = _graph_id(g)
        out.append((st, o.claimRank, o[ranks.get((gid, st), NORMAL)], gid))
    return list(dict.fromkeys(out + extra))  # the release sorts every quad anyway


def apply_ranks(ds: Dataset, resolution: Resolution) -> None:
    """Add the rank quads to their document graphs (each statement stays in its own graph)."""
    graphs: dict[Node, object] = {}
    for *_, g in resolution.rank_quads:
        if g not in graphs:
            graphs[g] = ds.graph(g)
    ds.addN((s, p, o, graphs[g]) for s, p, o, g in resolution.rank_quads)


__all__ = [
    "Claim", "Context", "Decision", "Option", "RULES", "Resolution", "Source", "apply_ranks", "decide",
    "decide_property", "options_of", "resolve", "single_valued",
]
