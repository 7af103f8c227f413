"""The site's front door: what the dataset is, its editions over time (a server-side SVG chart),
entry points per kind (what the documents mention, and all), and the published JSON-LD context."""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlencode

import pyoxigraph as ox
from flask import Blueprint, Response, redirect, render_template, request
from markupsafe import Markup

from .. import formats as F
from .. import iris
from ..iris import KINDS
from ..vocab import SCHEMA, ontology
from . import i18n, render
from .context import cached_page, page_context, page_language, site
from .language import vocabulary

blueprint = Blueprint("landing", __name__)

# The counts an edition's charts and table show (sccon: properties; their labels come from the ontology).
METRICS = ("participantCount", "exhibitorCount", "speakerCount")


def _edition_paths(base: str) -> dict[str, tuple[str, str]]:
    """What the page shows of an edition: name -> (how several values become one, property path)."""
    sccon = ontology(base)
    paths = {"name": ("sample", f"<{SCHEMA}name>"), "start": ("min", f"<{SCHEMA}startDate>"),
             "end": ("max", f"<{SCHEMA}endDate>"), "place": ("sample", f"<{SCHEMA}location>/<{SCHEMA}name>"),
             "mode": ("sample", f"<{SCHEMA}eventAttendanceMode>"),
             "country": ("sample", f"<{sccon}partnerCountry>/<{SCHEMA}name>")}
    return paths | {m: ("max", f"<{sccon}{m}>") for m in METRICS}


def _edition_values(store, base: str) -> dict[str, dict[str, list]]:
    """Edition IRI -> value name -> its distinct values. Two small queries: the editions, then
    their values by IRI (OPTIONALs side by side would multiply, an edition stated by many
    documents having every value once per graph)."""
    # The subquery first: joined the other way round, Oxigraph scans every ``a schema:Event``.
    found = store.query(f"""SELECT DISTINCT ?e WHERE {{
  {{ SELECT DISTINCT ?e WHERE {{ ?e <{SCHEMA}superEvent> <{iris.series_iri(base)}> }} }}
  ?e a <{SCHEMA}Event> }}""")
    # Parts of the series that are not editions (a stage, a workshop) are left out by their IRI.
    out: dict[str, dict[str, list]] = {s["e"].value: {} for s in found if iris.edition_year(base, s["e"].value)}
    if not out:
        return out
    values = " ".join(f"<{e}>" for e in sorted(out))
    union = " UNION ".join(f'{{ ?e {path} ?v BIND("{name}" AS ?k) }}' for name, (_, path) in _edition_paths(base).items())
    for s in store.query(f"SELECT DISTINCT ?e ?k ?v WHERE {{ VALUES ?e {{ {values} }} {union} }}"):
        out[s["e"].value].setdefault(s["k"].value, []).append(s["v"])
    return out


def _value(term) -> object:
    if term is None:
        return None
    if isinstance(term, ox.Literal) and term.datatype and term.datatype.value.endswith("#integer"):
        try:
            return int(term.value)
        except ValueError:
            return None
    return term.value


def _combine(how: str, terms: list) -> object:
    """One value of several: the first in a stable order (for a sample), else the least or greatest."""
    if how == "sample":
        return min(terms, key=str)
    values = [v for v in map(_value, terms) if v is not None]
    kinds = {type(v) for v in values}
    if not values or len(kinds) > 1:
        return None
    return min(values) if how == "min" else max(values)


def editions() -> list[dict]:
    """Every edition of the series with its dates, place, mode and counts, oldest first."""
    ctx = site()
    paths = _edition_paths(ctx.base)
    rows = []
    for iri, found in _edition_values(ctx.store, ctx.base).items():
        got = {name: _combine(how, found[name]) if name in found else None for name, (how, _) in paths.items()}
        mode = got.pop("mode")
        row = {
            "iri": iri,
            "year": iris.edition_year(ctx.base, iri),
            "href": render.href(iri, ctx.base, request.script_root),
            **{k: _value(v) if isinstance(v, ox.Literal | ox.NamedNode) else v for k, v in got.items()},
            "mode": vocabulary().label(mode.value, page_language()) if mode is not None else None,
        }
        rows.append(row)
    return sorted(rows, key=lambda r: r["year"])


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    year: int
    value: int | None


def metric_titles() -> list[tuple[str, str]]:
    """(metric, its label in the page language) for each of :data:`METRICS`."""
    ontology, lang = site().base + "ontology#", page_language()
    return [(m, vocabulary().label(ontology + m, lang)) for m in METRICS]


def chart(rows: list[dict], width: int = 300, height: int = 150) -> list[dict]:
    """One small bar chart per metric (each on its own scale: participants dwarf speakers)."""
    panels = []
    pad_left, pad_bottom, pad_top = 8, 22, 18
    for metric, title in metric_titles():
        values = [r[metric] for r in rows]
        top = max((v for v in values if v), default=0)
        slot = (width - pad_left * 2) / max(1, len(rows))
        bars = []
        for i, (row, value) in enumerate(zip(rows, values, strict=True)):
            h = (height - pad_bottom - pad_top) * (value / top) if value and top else 0
            bars.append(
                Bar(
                    x=round(pad_left + i * slot + slot * 0.15, 1),
                    y=round(height - pad_bottom - h, 1),
                    width=round(slot * 0.7, 1),
                    height=round(h, 1),
                    year=row["year"],
                    value=value,
                )
            )
        panels.append(
            {
                "metric": metric,
                "title": title,
                "bars": bars,
                "width": width,
                "height": height,
                "baseline": height - pad_bottom,
                "max": top,
            }
        )
    return panels


@blueprint.route("/", methods=["GET"])
def home() -> Response:
    if request.args.get("q"):
        return redirect(f"{request.script_root}/search?{urlencode({'q': request.args['q']})}", code=303)

    def build() -> bytes:
        ctx = site()
        rows = editions()
        kinds = ctx.index.kinds()
        t = i18n.Translator(page_language())
        mentioned = ctx.index.mentioned_per_kind()
        root = request.script_root
        return render_template(
            "landing.html",
            editions=rows,
            charts=chart(rows),
            metrics=metric_titles(),
            kinds=[(k, t(f"nav.{k}") if f"nav.{k}" in i18n.MESSAGES else k, kinds[k],
                    mentioned.get(k, 0) if mentioned is not None else None)
                   for k in sorted(kinds, key=lambda k: (KINDS.index(k) if k in KINDS else len(KINDS), k))],
            example_link=Markup('<a href="{0}/id/event/sccon"><code>/id/event/sccon</code></a>').format(root),
            context_link=Markup('<a href="{0}/context.jsonld"><code>/context.jsonld</code></a>').format(root),
            entity_formats=", ".join(f.label for f in render.FORMATS),
            entity_suffixes=", ".join(f".{f.ext}" for f in render.FORMATS),
            quads=ctx.store.release.manifest.get("quads"),
            graphs=len(ctx.store.named_graphs()),
            entities=len(ctx.index.entities),
            **page_context(),
        ).encode()

    return cached_page("home", F.HTML.content_type, build)


@blueprint.route("/context.jsonld", methods=["GET"])
def jsonld_context() -> Response:
    """The stable JSON-LD context every entity document refers to."""

    def body() -> bytes:
        return (json.dumps(render.context(site().base), indent=2) + "\n").encode()

    response = cached_page("context", f"{F.JSON_LD.media_type}; charset=utf-8", body)
    return response
