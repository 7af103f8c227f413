"""Show the package's structure and its import cycles: `python -m tools.imports [--edges]
[--spellings] [--root CHECKOUT]`.

Reads the source with `ast` (nothing is imported), so it runs on any checkout (``--root``: an
older one, e.g. ``git worktree add /tmp/old 40b2d06``), and the closing note of a restructuring
can show before and after with the same command. ``--spellings`` lists, for every media type of
``sccon_ld/formats.py`` and namespace of ``sccon_ld/vocab.py`` (of this checkout), the modules
of the scanned checkout that spell it in code (docstrings not counted).
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

PACKAGE = "sccon_ld"


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(root: Path) -> dict[str, Path]:
    """Every module of the package by dotted name."""
    return {module_name(p, root): p for p in sorted((root / PACKAGE).rglob("*.py"))}


def _resolve(name: str, known: dict[str, Path]) -> str | None:
    """The longest known module that `name` names (an imported attribute names its module)."""
    while name:
        if name in known:
            return name
        name = name.rpartition(".")[0]
    return None


def imports(root: Path) -> dict[str, set[str]]:
    """Module -> the package's modules it imports (at any depth of the file, lazily or not)."""
    known = modules(root)
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in known.items():
        is_package = path.name == "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = name.split(".")
                    base = base if is_package else base[:-1]
                    base = base[: len(base) - (node.level - 1)]
                    prefix = ".".join(base + ([node.module] if node.module else []))
                else:
                    prefix = node.module or ""
                targets = [f"{prefix}.{alias.name}" for alias in node.names] + [prefix]
            for target in targets:
                if not target.startswith(PACKAGE):
                    continue
                resolved = _resolve(target, known)
                if resolved and resolved != name:
                    graph[name].add(resolved)
        graph.setdefault(name, set())
    return dict(graph)


def _without_packages(graph: dict[str, set[str]], root: Path) -> dict[str, set[str]]:
    """Edges into a package's __init__ that only re-exports are kept; an import of a package
    by its own submodule is not a cycle of ideas, so package -> own child edges are dropped."""
    return {
        src: {dst for dst in dsts if not src.startswith(dst + ".") and not dst.startswith(src + ".")}
        for src, dsts in graph.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10000)
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def package_cycles(root: Path) -> list[list[str]]:
    return cycles(_without_packages(imports(root), root))


def _code_strings(tree: ast.AST) -> list[str]:
    """String constants of a module, docstrings left out."""
    docs = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docs.add(id(first.value))
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]


def known_spellings(home: Path) -> list[str]:
    """Media types of formats.py and namespace IRIs of vocab.py, read from their source."""
    media = [t for t in _code_strings(ast.parse((home / PACKAGE / "formats.py").read_text(encoding="utf-8")))
             if "/" in t and ":" not in t and " " not in t and "*" not in t]
    spaces = [t for t in _code_strings(ast.parse((home / PACKAGE / "vocab.py").read_text(encoding="utf-8")))
              if t.startswith(("http://", "https://")) and t.endswith(("/", "#"))]
    return list(dict.fromkeys(media + spaces))


def spellings(root: Path, home: Path) -> dict[str, list[str]]:
    """Each known media type / namespace IRI -> the modules under ``root`` spelling it in code.
    ``application/xml`` inside ``application/rdf+xml`` is not counted as a spelling of it."""
    texts = {str(p.relative_to(root)): _code_strings(ast.parse(p.read_text(encoding="utf-8")))
             for p in sorted((root / PACKAGE).rglob("*.py"))}
    out = {}
    for known in known_spellings(home):
        longer = [k for k in known_spellings(home) if k != known and known in k]
        out[known] = [path for path, strings in texts.items()
                      if any(known in _strip(t, longer) for t in strings)]
    return out


def _strip(text: str, longer: list[str]) -> str:
    for item in longer:
        text = text.replace(item, "")
    return text


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    home = Path(__file__).resolve().parent.parent
    root = Path(argv[argv.index("--root") + 1]).resolve() if "--root" in argv else home
    graph = imports(root)
    groups: dict[str, list[str]] = defaultdict(list)
    for name in sorted(graph):
        parts = name.split(".")
        group = parts[1] if len(parts) > 2 or (len(parts) == 2 and (root / PACKAGE / parts[1]).is_dir()) else "(top)"
        groups[group].append(name)
    print(f"{len(graph)} modules in {PACKAGE}/")
    for group, names in sorted(groups.items()):
        print(f"  {group + '/' if group != '(top)' else group}: " + ", ".join(n.split(".")[-1] for n in names))
    if "--edges" in argv:
        for src in sorted(graph):
            if graph[src]:
                print(f"{src} -> {', '.join(sorted(graph[src]))}")
    if "--spellings" in argv:
        spelled = spellings(root, home)
        print(f"media types and namespaces: spelled in at most {max(map(len, spelled.values()))} modules")
        for known, paths in sorted(spelled.items(), key=lambda kv: -len(kv[1])):
            print(f"  {len(paths):2d} {known}" + (f"  ({', '.join(paths)})" if len(paths) > 2 else ""))
    found = package_cycles(root)
    print(f"{len(found)} import cycle(s)")
    for component in found:
        print("  cycle: " + " <-> ".join(component))
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
