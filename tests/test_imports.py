"""Imports with nothing hidden: at the top of a module, late only for a reason written beside it.

A function-level import hides a dependency from whoever reads the top of the
module, and a late import is how an import circle is usually papered over. So
every import inside a function must carry a comment saying why it is late (on
the line above it, on its own line, or above the run of imports it starts),
and nothing may catch `ImportError`: a feature whose module is broken fails
loudly. The CLI's one late import is its dispatch (`signpost.cli.main`), which
is what keeps `signpost --help` from loading MkDocs and the core: the last tests
run `--help` in a fresh interpreter and list what it loaded.

The circle test itself is `tests/test_architecture.py::test_no_import_circles`
(it walks function-level imports too); the one here adds the edges it cannot
see: the package `__init__` that importing `signpost.x.y` runs first, and the
`"module:function"` registries the core resolves with importlib.
"""

from __future__ import annotations

import ast
import importlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from signpost.commands.arguments import COMMANDS
from test_architecture import PACKAGE, find_cycles, import_graph, imports_of, modules

COMMANDS_DIR = PACKAGE / "commands"


def late_imports_without_reason(source: str) -> list[tuple[int, str]]:
    """(line, statement) of every import inside a function with no comment saying why it is late."""
    lines = source.splitlines()
    found = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(function):
            if isinstance(node, (ast.Import, ast.ImportFrom)) and not _has_reason(lines, node.lineno):
                found.append((node.lineno, ast.unparse(node)))
    return sorted(set(found))  # an import in a nested function is seen from both functions


def _has_reason(lines: list[str], line: int) -> bool:
    """A comment on the import's line, or above it or above the run of import lines it belongs to."""
    if "#" in lines[line - 1]:
        return True
    above = line - 2
    while above >= 0:
        text = lines[above].strip()
        if text.startswith("#"):
            return True
        if not text.startswith(("import ", "from ")):
            return False
        above -= 1
    return False


def import_error_handlers(source: str) -> list[int]:
    """Lines of `except ImportError` / `except ModuleNotFoundError` (alone or in a tuple)."""
    caught = {"ImportError", "ModuleNotFoundError"}
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ExceptHandler) and node.type is not None:
            names = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
            if any(isinstance(name, ast.Name) and name.id in caught for name in names):
                lines.append(node.lineno)
    return lines


def inline_imports(source: str) -> list[int]:
    """Lines of `__import__(...)`: an import hidden in an expression."""
    return [node.lineno for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "__import__"]


def _relative(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


# The checks can fail: each catches what it is for, and passes what it allows.

def test_the_late_import_check_finds_an_import_without_a_reason():
    source = '''
import os

def plain():
    import json
    from pathlib import Path

def explained():
    # Late: loads MkDocs, which only this path needs.
    from mkdocs.config import load_config
    from mkdocs.commands.build import build

def same_line():
    import yaml  # late: a cycle with signpost.model

class Holder:
    def method(self):
        import csv

        def nested():
            import re
'''
    assert late_imports_without_reason(source) == [
        (5, "import json"), (6, "from pathlib import Path"), (18, "import csv"), (21, "import re")]


def test_the_guard_check_finds_import_error_handlers_and_inline_imports():
    source = '''
try:
    import yaml
except ImportError:
    yaml = None
try:
    import babel
except (OSError, ModuleNotFoundError):
    babel = None
try:
    pass
except ValueError:
    pass
RE = __import__("re")
'''
    assert import_error_handlers(source) == [4, 8]
    assert inline_imports(source) == [14]


def test_the_walk_sees_the_package():
    found = modules()
    assert "signpost.cli" in found and "signpost.commands.arguments" in found
    assert len(found) > 100


def test_every_late_import_says_why_it_is_late():
    problems = [f"{_relative(path)}:{line}: {statement}" for path in sorted(PACKAGE.rglob("*.py"))
                for line, statement in late_imports_without_reason(path.read_text(encoding="utf-8"))]
    assert problems == [], (
        "imports inside functions with no comment saying why they are late: move them to the top of the module, "
        "or say on the line above what importing them early would cost (a measured cost, or the circle it "
        "breaks, which should rather be broken):\n" + "\n".join(problems))


def test_no_import_error_is_caught_and_nothing_is_imported_inline():
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        problems += [f"{_relative(path)}:{line}: except ImportError" for line in import_error_handlers(source)]
        problems += [f"{_relative(path)}:{line}: __import__(...)" for line in inline_imports(source)]
    assert problems == [], ("a broken or missing module must fail loudly, and an import belongs in an import "
                            "statement:\n" + "\n".join(problems))


def test_nothing_imports_the_cli():
    # The CLI reaches its commands through importlib, which the circle test cannot see: an import of
    # signpost.cli from anywhere in the package would be a circle through that dispatch.
    users = [name for name, path in modules().items()
             if any(module == "signpost.cli" or module.startswith("signpost.cli.")
                    for module, _ in imports_of(path, name))]
    assert users == []


# The command table: every command names a module that has run(args), and every module is a command.

def test_every_command_names_a_module_with_run_and_every_command_module_is_listed():
    listed = {command.module for command in COMMANDS}
    files = {path.stem for path in COMMANDS_DIR.glob("*.py")
             if not path.name.startswith("_") and path.stem != "arguments"}
    assert listed == files
    for module in sorted(listed):
        tree = ast.parse((COMMANDS_DIR / f"{module}.py").read_text(encoding="utf-8"))
        assert any(isinstance(node, ast.FunctionDef) and node.name == "run" for node in tree.body), module


def test_every_command_module_imports():
    # With the table, `--help` no longer imports the command modules: a broken import must fail here,
    # not when someone first runs that command.
    for command in COMMANDS:
        assert callable(importlib.import_module(f"signpost.commands.{command.module}").run)


LOADED_BY = """
import json, sys
from signpost.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


@pytest.mark.parametrize("arguments", [["--help"], ["check", "--help"], ["report", "coverage", "--help"],
                                       ["a11y", "--help"], ["translations", "status", "--help"], []],
                         ids=lambda arguments: " ".join(arguments) or "no-command")
def test_help_loads_the_command_table_alone(arguments):
    done = subprocess.run([sys.executable, "-c", LOADED_BY, *arguments], capture_output=True, text=True, check=True)
    assert "usage: signpost" in done.stdout
    loaded = json.loads(done.stderr.strip().splitlines()[-1])
    ours = sorted(name for name in loaded if name == "signpost" or name.startswith("signpost."))
    assert ours == ["signpost", "signpost.cli", "signpost.commands", "signpost.commands.arguments"]
    heavy = sorted(name for name in loaded if name.split(".")[0] in
                   {"mkdocs", "properdocs", "material", "markdown", "yaml", "babel", "jinja2", "jsonschema"})
    assert heavy == []


def test_running_a_command_imports_its_module():
    # The other half of the table: the command that runs is imported (and only then).
    done = subprocess.run([sys.executable, "-c", LOADED_BY, "report", "digest", "--from", "/nonexistent.json"],
                          capture_output=True, text=True)
    loaded = json.loads(done.stderr.strip().splitlines()[-1])
    assert "signpost.commands.report_digest" in loaded
    assert "signpost.commands.check" not in loaded
    assert "cannot read /nonexistent.json" in done.stderr


# Two kinds of import the circle test does not see: `import signpost.x.y` runs `signpost/x/__init__.py`
# first (a circle through a package's re-exports is a real one: templating -> phones -> phones.markup ->
# templating was hidden that way), and registries of `"module:function"` strings (signpost.checks,
# signpost.sources) import with importlib. This test adds both kinds of edge. There are no circles left.
REGISTRY_ENTRY = re.compile(r"signpost(\.\w+)+:\w+")


def registry_edges() -> dict[str, set[str]]:
    """module -> modules it names in `"module:function"` strings."""
    known = modules()
    edges: dict[str, set[str]] = {}
    for name, path in known.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and REGISTRY_ENTRY.fullmatch(node.value):
                target = node.value.split(":")[0]
                assert target in known, f"{_relative(path)} names {node.value}, which is not a module of the package"
                edges.setdefault(name, set()).add(target)
    return edges


def test_the_registries_are_seen():
    edges = registry_edges()
    assert "signpost.facts.checks" in edges.get("signpost.checks", set())


def package_edges() -> dict[str, set[str]]:
    """module -> the packages whose `__init__` its imports run (its own packages aside: those run first anyway)."""
    known = modules()
    edges: dict[str, set[str]] = {}
    for name, path in known.items():
        parts = name.split(".")
        own = {".".join(parts[:depth]) for depth in range(1, len(parts))}
        for module, _ in imports_of(path, name):
            pieces = module.split(".")
            for depth in range(1, len(pieces)):
                package = ".".join(pieces[:depth])
                if package in known and package not in own and package != name:
                    edges.setdefault(name, set()).add(package)
    return edges


def test_the_package_edges_are_seen():
    # engine/mkdocs/phone_links.py imports signpost.phones.markup: that runs signpost/phones/__init__.py.
    assert "signpost.phones" in package_edges()["signpost.engine.mkdocs.phone_links"]


def test_no_import_circles_through_packages_or_registries():
    graph = import_graph()
    for edges in (package_edges(), registry_edges()):
        for name, targets in edges.items():
            graph[name] |= targets
    cycles = find_cycles(graph)
    assert cycles == [], "import circles through a package's __init__ or a `module:function` registry:\n" + \
        "\n".join(" <-> ".join(cycle) for cycle in cycles)
