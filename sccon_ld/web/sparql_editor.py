"""The query page's editor (YASGUI): whether its files are installed, and what the page hands it.

YASGUI's own dist files are copied into ``static/vendor/`` by ``make setup`` / ``make runtime``
(``npm ci`` of the committed ``package-lock.json``). Without them the page keeps its plain form,
which works without any script. The editor reads everything from one attribute of the page
(:func:`editor_config`), so no inline script is needed under the site's CSP.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

from .. import formats as F
from .i18n import Translator

VENDOR = Path(__file__).parent / "static" / "vendor"
SCRIPT, STYLESHEET = "yasgui.min.js", "yasgui.min.css"


def downloads() -> list[tuple[str, str, str, str]]:
    """The downloads the editor offers, one per result format and graph syntax of the registry:
    (``format`` parameter, file extension, query forms it serves, button label)."""
    def forms(f: F.Format) -> str:
        return " ".join(name for flag, name in ((F.Carries.SOLUTIONS, "select"), (F.Carries.BOOLEAN, "ask"))
                        if flag in f.carries)
    return ([(f.names[0], f.ext, forms(f), f.label.removeprefix("SPARQL Results ")) for f in F.RESULT_FORMATS]
            + [(f.names[0], f.ext, "graph", f.label) for f in F.GRAPH_SYNTAXES])


# The only inline styles YASGUI needs: the <style> blocks its table's column resizer adds to <head>
# (npm column-resizer, inside yasgui.min.js), byte for byte. The page's CSP allows exactly these by
# hash instead of 'unsafe-inline'; the browser test reports any other (e.g. after an upgrade).
RESIZER_STYLES = (
    " .grip-resizable{table-layout:fixed;} .grip-resizable > tbody > tr > td, .grip-resizable > tbody > tr > th"
    "{overflow:hidden} .grip-padding > tbody > tr > td, .grip-padding > tbody > tr > th{padding-left:0!important;"
    " padding-right:0!important;} .grip-container{ height:0px; position:relative;} .grip-handle{margin-left:-5px;"
    " position:absolute; z-index:5; } .grip-handle .grip-resizable{position:absolute;background-color:red;"
    "filter:alpha(opacity=1);opacity:0;width:10px;height:100%;cursor: col-resize;top:0px} .grip-lastgrip"
    "{position:absolute; width:1px; } .grip-drag{ border-left:1px dotted black;\t} .grip-flex{width:auto!important;}"
    " .grip-handle.grip-disabledgrip .grip-resizable{cursor:default; display:none;}",
    "*{cursor:col-resize!important}",  # while a column is dragged
)


def page_csp(site_csp: str) -> str:
    """The site's policy plus ``style-src`` for :data:`RESIZER_STYLES` (by hash), for the query page only."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode() + "'" for css in RESIZER_STYLES)
    return f"{site_csp}; style-src 'self' {hashes}"


_WIDGET_PHRASES = ("sparql.widget_table", "sparql.widget_response", "sparql.widget_simple_view",
                   "sparql.widget_ellipse", "sparql.widget_filter", "sparql.widget_page_size")
# DataTables' ``language`` options (its result table) -> message key
_DATATABLES_LANGUAGE = {"info": "sparql.widget_info", "infoEmpty": "sparql.widget_info_empty",
                        "infoFiltered": "sparql.widget_info_filtered", "zeroRecords": "sparql.widget_no_match",
                        "emptyTable": "sparql.widget_empty"}


def installed() -> bool:
    """Whether YASGUI's files are there (``make setup`` copies them)."""
    return (VENDOR / SCRIPT).is_file() and (VENDOR / STYLESHEET).is_file()


def editor_config(endpoint: str, prefixes: dict[str, str], base: str, root: str, t: Translator) -> str:
    """The JSON the editor script reads from the ``data-config`` attribute of its mount point
    (the template escapes it; no script block, so nothing inline for the CSP to weigh)."""
    english = Translator("en")
    data = {
        "endpoint": endpoint, "prefixes": prefixes, "base": base, "root": root,
        "text": {"downloading": t("sparql.editor_downloading"), "download_failed": t("sparql.editor_download_failed")},
        "widget": {
            # (YASGUI's English, the page's language) for the controls YASGUI labels itself
            "phrases": [(english(k), t(k)) for k in _WIDGET_PHRASES],
            "summary": None if t.lang == "en" else t("sparql.widget_summary", n="{n}", s="{s}"),
            "table": {name: t(key) for name, key in _DATATABLES_LANGUAGE.items()},
        },
    }
    return json.dumps(data, ensure_ascii=False)
