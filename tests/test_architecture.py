"""The package's shape: an engine-free core, one engine folder, no import circles.

Walks the imports of every module of `plugins/signpost` with `ast` (no module
is imported, so a hidden function-level import counts as much as a top-level one).

The rule:
- `signpost.engine.*` may import anything (it is the engine adapter);
- the CLI wiring (`signpost.cli`, `signpost.commands.*`) assembles core and
  engine, so it may import `signpost.engine` but not an engine library itself;
- every other module (the core) imports neither an engine library nor
  `signpost.engine`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "signpost"
ENGINE_LIBRARIES = ("mkdocs", "material", "mkdocs_static_i18n", "markdown", "pymdownx", "properdocs")


def module_name(path: Path) -> str:
    parts = ["signpost", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path, name: str) -> list[tuple[str, int]]:
    """Every module `path` imports (absolute names), with the line, wherever the import statement is."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((module, node.lineno))
            # `from signpost.x import y` may import the submodule `signpost.x.y`.
            found += [(f"{module}.{alias.name}", node.lineno) for alias in node.names]
    return found


def is_engine_library(module: str) -> bool:
    return module.split(".")[0] in ENGINE_LIBRARIES


def layer(module: str) -> str:
    if module == "signpost.engine" or module.startswith("signpost.engine."):
        return "engine"
    if module == "signpost.cli" or module.startswith("signpost.commands"):
        return "wiring"
    return "core"


def test_the_walk_sees_the_engine_adapter():
    # Guard against a walk that finds nothing (a wrong path would make the next tests pass vacuously).
    found = modules()
    assert "signpost.engine.mkdocs.content.plugin" in found
    assert any(is_engine_library(module) for module, _ in imports_of(found["signpost.engine.mkdocs.content.plugin"],
                                                                     "signpost.engine.mkdocs.content.plugin"))
    assert len([name for name in found if layer(name) == "core"]) > 40


def test_the_core_imports_no_engine_library_and_not_the_engine():
    problems = []
    for name, path in modules().items():
        if layer(name) == "engine":
            continue
        for module, line in imports_of(path, name):
            if is_engine_library(module):
                problems.append(f"{path.relative_to(PACKAGE)}:{line} imports {module}")
            elif layer(name) == "core" and layer(module) == "engine":
                problems.append(f"{path.relative_to(PACKAGE)}:{line} (core) imports {module}")
    assert problems == [], "move engine knowledge into plugins/signpost/engine/:\n" + "\n".join(problems)


def test_engine_libraries_are_only_imported_in_the_engine_folder():
    users = {name for name, path in modules().items()
             if any(is_engine_library(module) for module, _ in imports_of(path, name))}
    assert users, "no module imports an engine library: the walk is broken"
    assert all(layer(name) == "engine" for name in users), sorted(n for n in users if layer(n) != "engine")


# Names of static-i18n's settings and source layouts: only the engine adapter may use them
# (it hands the core what they mean, e.g. `Settings.is_language_copy`).
I18N_SETTING_NAMES = ("i18n", "docs_structure", "suffix", "folder")
I18N_WORDS = ("static_i18n", "static-i18n", "docs_structure")


def layout_strings(path: Path) -> list[tuple[int, str]]:
    """String literals (docstrings aside) that name static-i18n's configuration or layout."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            and (node.value in I18N_SETTING_NAMES or any(word in node.value for word in I18N_WORDS))]


def test_only_the_engine_names_static_i18n_settings_or_layout():
    problems = [f"{path.relative_to(PACKAGE)}:{line} names {value!r}"
                for name, path in modules().items() if layer(name) != "engine"
                for line, value in layout_strings(path)]
    assert problems == [], "static-i18n's settings and layout belong in plugins/signpost/engine/:\n" + "\n".join(problems)


def test_the_layout_walk_sees_the_engine_using_static_i18n():
    found = modules()
    assert layout_strings(found["signpost.engine.mkdocs.project"]), "the string walk finds nothing: it is broken"


def import_graph() -> dict[str, set[str]]:
    known = modules()
    graph: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        for module, _ in imports_of(path, name):
            if module in known and module != name:
                graph[name].add(module)
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


def test_cycle_finder_finds_a_cycle():
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


# Nothing may be added here: break a circle by moving the shared part into its own module.
KNOWN_CIRCLES: list[list[str]] = []


def test_no_import_circles():
    new = [cycle for cycle in find_cycles(import_graph()) if cycle not in KNOWN_CIRCLES]
    assert new == [], "import circles (break them by moving the shared part into its own module):\n" + \
        "\n".join(" <-> ".join(cycle) for cycle in new)


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("plugin.py")), ids=lambda p: p.parent.name)
def test_plugins_live_in_the_engine_folder_and_stay_small(path):
    assert path.is_relative_to(PACKAGE / "engine" / "mkdocs")
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 320


def function_level_imports(path: Path) -> list[int]:
    """Lines of import statements inside a function or method."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return sorted({sub.lineno for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                   for sub in ast.walk(node) if isinstance(sub, (ast.Import, ast.ImportFrom))})


def test_the_content_model_imports_at_the_top():
    # The model is imported by every build and command: nothing in it is worth a late import,
    # and a late import there would only hide a circle from the walk above.
    problems = [f"{path.relative_to(PACKAGE)}:{line}" for name, path in modules().items()
                if name.startswith("signpost.model") for line in function_level_imports(path)]
    assert problems == [], "move these imports to the top of the module:\n" + "\n".join(problems)


def test_the_import_walk_sees_a_function_level_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os\n\ndef f():\n    import json\n    return json\n", encoding="utf-8")
    assert function_level_imports(sample) == [4]


# HTML elements a literal could start building (`<a `, `<div>`, `</span>`); placeholders such as
# `<slug>` or `<lang>` and regex groups `(?P<level>` are not elements.
HTML_ELEMENTS = ("a", "abbr", "article", "aside", "b", "bdi", "blockquote", "body", "br", "button", "code", "details",
                 "div", "dl", "dd", "dt", "em", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head",
                 "header", "hr", "html", "i", "iframe", "img", "input", "label", "li", "link", "main", "meta", "nav",
                 "ol", "p", "pre", "script", "section", "small", "span", "strong", "style", "summary", "svg", "table",
                 "tbody", "td", "th", "thead", "time", "title", "tr", "ul")
HTML_TAG = __import__("re").compile(r"</?(?:%s)(?=[\s>/])" % "|".join(HTML_ELEMENTS))
# Calls whose string arguments are patterns that find HTML, or finding texts that name a tag
# (`the page has no lang on <html>`): they read HTML or talk about it, they do not build it.
READS_OR_NAMES_HTML = ("compile", "search", "sub", "subn", "match", "fullmatch", "findall", "finditer", "split",
                       "add", "error", "warning")
# Nothing may be added here: build the fragment from a template in plugins/signpost/templates/.
KNOWN_HTML_BUILDERS: set[tuple[str, str]] = set()


def html_building_literals(path: Path) -> list[tuple[int, str]]:
    """String literals (docstrings and the arguments of READS_OR_NAMES_HTML calls aside) holding an HTML tag."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    skipped = {id(node.body[0].value) for node in ast.walk(tree)
               if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
               and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    for call in ast.walk(tree):
        if isinstance(call, ast.Call):
            name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
            if name in READS_OR_NAMES_HTML:
                skipped |= {id(sub) for argument in [*call.args, *(k.value for k in call.keywords)]
                            for sub in ast.walk(argument)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped
            and HTML_TAG.search(node.value)]


def test_no_python_string_literal_builds_an_html_tag():
    problems = [f"{path.relative_to(PACKAGE)}:{line} {value!r}" for name, path in modules().items()
                for line, value in html_building_literals(path) if (name, value) not in KNOWN_HTML_BUILDERS]
    assert problems == [], "make these fragments with a Jinja2 template (autoescaped):\n" + "\n".join(problems)


def test_the_html_literal_walk_finds_a_tag(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('"""<p>docs</p>"""\nimport re\nA = f"<li>{x}</li>"\nB = re.compile("<p>")\nC = "<slug>.md"\n',
                      encoding="utf-8")
    assert {line for line, _ in html_building_literals(sample)} == {3}


def test_every_known_html_builder_is_still_there():
    # When one is fixed, its entry goes too (the list only shrinks).
    found = {(name, value) for name, path in modules().items() for _, value in html_building_literals(path)}
    assert KNOWN_HTML_BUILDERS <= found, KNOWN_HTML_BUILDERS - found
