"""The workbook: its plan is live formulas on the assumption cells, whose stored results
are the engine's figures; recalculated with another CTR, they give the engine's figures
for that CTR (the formulas are worked out here, as a spreadsheet would)."""

import re
import zipfile
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from socialroi_tui.cli import main as cli_main
from socialroi_tui.editing import set_budget, switch_budget_mode
from socialroi_tui.engine.evaluate import evaluate
from socialroi_tui.presenter import xlsx_report
from socialroi_tui.store import load_campaign

SAMPLES = Path(__file__).parent.parent / "sample_campaigns"


def plan_cells(path: Path) -> dict[str, tuple[str | None, str]]:
    """Column B of the plan sheet: cell → (formula or None, stored value)."""
    with zipfile.ZipFile(path) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    cells = {}
    for ref, body in re.findall(r'<c r="(B\d+)"[^>]*>(.*?)</c>', sheet):
        formula = re.search(r"<f>(.*?)</f>", body)
        value = re.search(r"<v>(.*?)</v>", body)
        if value:
            cells[ref] = (formula.group(1) if formula else None, value.group(1))
    return cells


def recalculate(cells: dict[str, tuple[str | None, str]], changed: dict[str, Decimal]):
    """Every formula worked out again, in order, with ``changed`` assumption cells."""
    values = {ref: Decimal(v) for ref, (f, v) in cells.items() if f is None}
    values |= changed

    def roundup(x, places):
        return x.quantize(Decimal(1).scaleb(-places), rounding=ROUND_CEILING)

    def round_(x, places):
        return x.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)

    for ref, (formula, _) in sorted(cells.items(), key=lambda item: int(item[0][1:])):
        if formula is None:
            continue
        code = re.sub(r"\$B\$(\d+)", lambda m: f"values['B{m.group(1)}']", formula)
        code = code.replace("ROUNDUP(", "roundup(").replace("ROUND(", "round_(")
        code = re.sub(r"(?<![\w'])(\d+)(?![\w'])", r"Decimal(\1)", code)
        values[ref] = eval(
            code, {"Decimal": Decimal, "roundup": roundup, "round_": round_, "values": values}
        )
    return values


@pytest.mark.parametrize("mode", ["reverse", "forward"])
def test_the_plan_is_live_formulas_whose_results_are_the_engines(tmp_path, mode):
    campaign = load_campaign(SAMPLES / "seed-000.toml").campaign
    campaign = campaign.model_copy(update={"scenarios": [], "active_scenario": ""})
    if mode == "forward":
        campaign = switch_budget_mode(campaign, "forward")
    path = tmp_path / "plan.xlsx"
    xlsx_report(campaign, evaluate(campaign), path, "fr")
    cells = plan_cells(path)
    formulas = {f for f, _ in cells.values() if f}
    budget = evaluate(campaign).budget
    if mode == "reverse":
        assert "ROUND($B$14*$B$8/1000,2)" in formulas  # the budget, from the CPM cell
    stored = {Decimal(v) for f, v in cells.values() if f}
    assert Decimal(str(float(budget.cpa))) in stored
    # another CTR typed in the sheet: the figures follow, as the engine has them
    ctr_cell = next(
        ref for ref, (f, v) in cells.items() if f is None and v == "0.02" and ref != "B6"
    )
    values = recalculate(cells, {ctr_cell: Decimal("0.015")})
    expected = evaluate(set_budget(campaign, ctr=Decimal("0.015"))).budget
    figures = set(values.values())
    if mode == "reverse":
        assert expected.budget in figures and expected.cpa in figures  # 6 666,67 € and 6,67 €
    else:
        assert expected.conversions in figures


def test_report_xlsx_on_the_command_line(tmp_path, capsys):
    source = tmp_path / "two-ads.toml"
    source.write_bytes((SAMPLES / "two-ads.toml").read_bytes())
    assert cli_main(["report", str(source), "--format", "xlsx", "--lang", "en"]) == 0
    written = tmp_path / "two-ads.xlsx"
    assert capsys.readouterr().out == f"written: {written}\n"
    with zipfile.ZipFile(written) as book:
        names = book.read("xl/workbook.xml").decode()
        styles = book.read("xl/styles.xml").decode()
    assert 'name="Plan"' in names and 'name="Actual results"' in names
    assert "&quot;€&quot;#,##0.00" in styles
    assert cli_main(["report", str(source), "--format", "xlsx", "-o", str(source)]) == 2
    assert source.read_bytes() == (SAMPLES / "two-ads.toml").read_bytes()
