import json
import subprocess
import sys

import pytest

from socialroi_tui.cli import main

PLAN = ["plan", "--target-sales", "1000", "--conversion-rate", "2%", "--ctr", "2%", "--cpm", "2"]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_plan_in_french(capsys):
    code, out, _ = run(capsys, *PLAN, "--lang", "fr")
    assert code == 0
    assert "Clics nécessaires      50 000" in out
    assert "Impressions         2 500 000" in out
    assert "5 000,00 €" in out
    assert "CPA                    5,00 €" in out


def test_plan_in_english(capsys):
    code, out, _ = run(capsys, *PLAN, "--lang", "en")
    assert code == 0
    assert "50,000" in out and "2,500,000" in out and "€5,000.00" in out and "€5.00" in out


def test_plan_language_comes_from_the_locale(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    _, out, _ = run(capsys, *PLAN)
    assert "Clics nécessaires" in out


def test_plan_json(capsys):
    code, out, _ = run(capsys, *PLAN, "--json")
    assert code == 0
    assert json.loads(out) == {
        "clicks": "50000",
        "impressions": "2500000",
        "budget": "5000.00",
        "cpa": "5.00",
    }
    _, out, _ = run(capsys, *PLAN, "--aov", "49", "--margin", "40 %", "--json")
    assert json.loads(out) == {
        "clicks": "50000",
        "impressions": "2500000",
        "budget": "5000.00",
        "cpa": "5.00",
        "revenue": "49000.00",
        "roi": "8.8",
        "roas": "9.8",
        "break_even_cpa": "19.60",
    }


def test_plan_with_order_value_shows_the_verdict(capsys):
    _, out, _ = run(capsys, *PLAN, "--aov", "49,00 €", "--margin", "40 %", "--lang", "fr")
    assert "880 %" in out and "19,60 €" in out and "✓ CPA sous le seuil de rentabilité" in out


def test_plan_by_cost_per_click(capsys):
    _, out, _ = run(
        capsys,
        "plan",
        "--target-sales",
        "40",
        "--conversion-rate",
        "8 %",
        "--ctr",
        "0,5 %",
        "--cpc",
        "5,50",
        "--lang",
        "fr",
        "--json",
    )
    assert json.loads(out)["budget"] == "2750.00"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["plan", "--target-sales", "1000"], "required"),
        ([*PLAN[:-2], "--cpm", "abc"], "--cpm: 'abc' is not a number"),
        ([*PLAN[:4], "2", *PLAN[5:]], "--conversion-rate: '2' is outside 0 to 1"),
        ([*PLAN, "--cpc", "1"], "not allowed with argument"),
        (["plan", "--frobnicate"], "required"),
        (["calc"], "required"),
        (["new", "x.toml", "--template", "nope"], "unknown template 'nope'"),
        (["--screen", "nowhere"], "invalid choice"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("socialroi: ")
    assert message in err


def test_calc_shows_the_seed_figures(capsys, sample_path):
    code, out, _ = run(capsys, "calc", str(sample_path("seed-000")), "--lang", "fr")
    assert code == 0
    for figure in ("50 000", "2 500 000", "5 000,00 €", "5,00 €", "16,7 %", "0,5 %"):
        assert figure in out


def test_calc_json(capsys, sample_path):
    code, out, _ = run(capsys, "calc", str(sample_path("seed-000")), "--json")
    data = json.loads(out)
    assert code == 0
    assert [s["count"] for s in data["funnel"]] == ["1000", "100", "30", "5"]
    assert data["budget"]["budget"] == "5000.00"
    assert [c["budget"] for c in data["channels"]] == ["2000.00", "1750.00", "1250.00"]


def test_calc_of_a_broken_file_says_where(capsys, tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("[meta\n", encoding="utf-8")
    code, _, err = run(capsys, "calc", str(path))
    assert code == 1
    assert f"{path}: line 1, column 6" in err


def test_validate(capsys, tmp_path, sample_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[budget]\nctr = 3\n", encoding="utf-8")
    code, out, err = run(capsys, "validate", str(sample_path("two-ads")), str(bad))
    assert code == 1
    assert "two-ads.toml: valid" in out
    assert "budget.ctr: is a rate above 100 %" in err
    code, _, _ = run(capsys, "validate", str(sample_path("two-ads")))
    assert code == 0


def test_new_never_overwrites(capsys, tmp_path):
    path = tmp_path / "mine.toml"
    code, _, _ = run(capsys, "new", str(path), "--lang", "en")
    assert code == 0 and path.exists()
    text = path.read_text(encoding="utf-8")
    assert 'name = "mine"' in text and 'label = "Impressions"' in text
    path.write_text("precious", encoding="utf-8")
    code, _, err = run(capsys, "new", str(path), "--template", "two-ads")
    assert code == 1 and "already exists" in err
    assert path.read_text(encoding="utf-8") == "precious"


def test_new_from_a_template(capsys, tmp_path):
    path = tmp_path / "ads.toml"
    code, _, _ = run(capsys, "new", str(path), "--template", "two-ads")
    assert code == 0
    code, out, _ = run(capsys, "calc", str(path), "--lang", "en")
    assert "€12.50" in out and "€10.00" in out


def test_the_installed_command_runs_without_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "socialroi_tui", "plan", "--ctr", "x"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
