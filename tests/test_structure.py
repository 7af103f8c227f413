"""The package's import graph has no cycle (read with ``ast`` by ``tools/imports.py``, the
command that prints the structure: ``python -m tools.imports``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tool():
    spec = importlib.util.spec_from_file_location("imports_tool", ROOT / "tools" / "imports.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_import_cycle_inside_the_package():
    assert _tool().package_cycles(ROOT) == []


def test_the_tool_finds_a_cycle(tmp_path):
    """The check can fail: two modules importing each other are reported."""
    package = tmp_path / "sccon_ld"
    (package / "web").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "web" / "__init__.py").write_text("")
    (package / "web" / "app.py").write_text("from .pages import blueprint\n")
    (package / "web" / "pages.py").write_text("def f():\n    from .app import site\n")
    (package / "store.py").write_text("from . import release as releases\n")
    (package / "release.py").write_text("from .web.app import x\n")
    assert _tool().package_cycles(tmp_path) == [["sccon_ld.web.app", "sccon_ld.web.pages"]]


def test_the_stages_do_not_import_the_web_layer():
    """read -> extract -> link -> emit, the store and the release know nothing of the web layer,
    except the static export, whose job is to run the app."""
    graph = _tool().imports(ROOT)
    lower = ("sccon_ld.read", "sccon_ld.extract", "sccon_ld.link", "sccon_ld.emit", "sccon_ld.store",
             "sccon_ld.release", "sccon_ld.iris", "sccon_ld.vocab", "sccon_ld.settings", "sccon_ld.pipeline")
    offenders = {
        (src, dst) for src, dsts in graph.items() for dst in dsts
        if src.startswith(lower) and dst.startswith("sccon_ld.web") and src != "sccon_ld.release.export_static"
    }
    assert offenders == set()


def test_each_media_type_and_namespace_is_spelled_in_at_most_two_modules():
    """formats.py and vocab.py are their homes; the second place may be a table of real clients'
    Accept headers (the static export) or a module another issue still owns."""
    spelled = _tool().spellings(ROOT, ROOT)
    assert len(spelled) > 20
    assert {known: paths for known, paths in spelled.items() if len(paths) > 2} == {}
