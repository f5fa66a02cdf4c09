"""The notebooks run: every code cell of each notebook is executed in order, as Jupyter would."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def _run_cell(source: str, name: str, namespace: dict[str, object]) -> object:
    """Execute a cell; like Jupyter, return the value of a final expression."""
    tree = ast.parse(source, filename=name)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, name, "exec"), namespace)
    if last is None:
        return None
    return eval(compile(ast.Expression(last.value), name, "eval"), namespace)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_cells_run(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(path.parent)
    cells = [c for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
    namespace: dict[str, object] = {"__name__": "__notebook__"}
    shown = [_run_cell("".join(c["source"]), f"{path.name}[{n}]", namespace) for n, c in enumerate(cells)]
    empty = [n for n, value in enumerate(shown) if value in (None, [], ())]
    assert not empty, f"cells that show nothing: {empty}"


def test_there_is_a_notebook() -> None:
    assert NOTEBOOKS
