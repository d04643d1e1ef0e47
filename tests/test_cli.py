import json
import os
import re
import subprocess
import sys

import pytest
from tests.french import fr

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
    assert fr("5 000,00 €") in out
    assert fr("CPA                    5,00 €") in out


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
        "profit": "14600.00",
        "roi": "2.92",
        "roi_basis": "gross_profit",
        "roi_on_revenue": "8.8",
        "roas": "9.8",
        "break_even_cpa": "19.60",
    }


def test_plan_with_order_value_shows_the_verdict(capsys):
    _, out, _ = run(capsys, *PLAN, "--aov", "49,00 €", "--margin", "40 %", "--lang", "fr")
    assert fr("ROI sur marge brute        292 %") in out
    assert fr("ROI sur CA                 880 %") in out
    assert fr("19,60 €") in out
    assert "✓ CPA sous le seuil de rentabilité" in out


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
        assert fr(figure) in out


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
    code, out, err = run(capsys, "validate", str(sample_path("two-ads")), str(bad), "--lang", "en")
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


@pytest.fixture(params=[0o022, 0o077], ids=["umask-022", "umask-077"])
def umask(request):
    """Run the test under this umask (restored afterwards)."""
    previous = os.umask(request.param)
    yield request.param
    os.umask(previous)


def test_new_gives_the_file_the_mode_the_umask_gives(capsys, tmp_path, umask):
    assert run(capsys, "new", str(tmp_path / "blank.toml"))[0] == 0
    assert run(capsys, "new", str(tmp_path / "ads.toml"), "--template", "two-ads")[0] == 0
    for name in ("blank.toml", "ads.toml"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o666 & ~umask  # like open(path, "w")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ads.toml", "blank.toml"]


@pytest.mark.parametrize("name", ["x", "x.csv", "report.toml.old"])
def test_new_adds_toml_to_the_name(capsys, tmp_path, name):
    code, out, _ = run(capsys, "new", str(tmp_path / name), "--lang", "en")
    assert code == 0
    assert out == f"{tmp_path / name}.toml: created\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{name}.toml"]
    assert f'name = "{name}"' in (tmp_path / f"{name}.toml").read_text(encoding="utf-8")


def test_new_keeps_a_toml_name_in_any_case(capsys, tmp_path):
    code, out, _ = run(capsys, "new", str(tmp_path / "Plan.TOML"), "--lang", "en")
    assert code == 0 and out == f"{tmp_path / 'Plan.TOML'}: created\n"
    assert [p.name for p in tmp_path.iterdir()] == ["Plan.TOML"]


def test_new_never_overwrites_the_toml_file_it_would_add(capsys, tmp_path):
    (tmp_path / "x.toml").write_text("precious", encoding="utf-8")
    code, _, err = run(capsys, "new", str(tmp_path / "x"))
    assert code == 1 and f"{tmp_path / 'x.toml'}: already exists" in err
    assert (tmp_path / "x.toml").read_text(encoding="utf-8") == "precious"


@pytest.mark.parametrize(
    "argv",
    [
        ["-h"],
        ["--help"],
        ["f.toml", "--help"],
        ["--lang", "fr", "-h"],
        ["f.toml", "--screen", "kpis", "--lang=en", "--help"],
        ["--screen", "nowhere", "-h"],
    ],
)
def test_help_anywhere_among_the_apps_arguments(capsys, monkeypatch, argv):
    import socialroi_tui.tui.launch as launch

    monkeypatch.setattr(launch, "run_app", lambda *a, **k: pytest.fail("the app started"))
    code, out, err = run(capsys, *argv)
    assert code == 0 and err == ""
    assert (
        "socialroi [FILE] [--screen objectives|kpis|funnel|budget|dashboard|scenarios|attribution] "
        "[--lang fr|en]" in out
    )
    lines = out.splitlines()
    for option in ("FILE", "--screen", "--lang", "-V, --version"):
        assert any(line.lstrip().startswith(option) for line in lines), option
    listed = [line.split()[0] for line in lines if re.match(r"    \S", line)]
    assert listed == [
        "plan",
        "solve",
        "sensitivity",
        "compare",
        "ranges",
        "calc",
        "validate",
        "new",
        "import",
        "report",
        "attribute",
        "workshop",
        "serve",
    ]
    commands = (
        "{plan,solve,sensitivity,compare,ranges,calc,validate,new,import,report,attribute,"
        "workshop,serve}"
    )
    assert out.index("--screen objectives") < out.index(commands)


@pytest.mark.parametrize("argv", [["--version"], ["-V"], ["f.toml", "--version"]])
def test_version(capsys, argv):
    from importlib.metadata import version

    code, out, err = run(capsys, *argv)
    assert (code, out, err) == (0, f"socialroi {version('socialroi-tui')}\n", "")


def test_version_of_an_uninstalled_copy_is_unknown(capsys, monkeypatch):
    import importlib.metadata

    def missing(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", missing)
    assert run(capsys, "--version") == (0, "socialroi unknown\n", "")


def test_the_app_starts_without_argparse():
    code = (
        "import sys, socialroi_tui.tui.launch as launch\n"
        "launch.run_app = lambda *a, **k: print('argparse' in sys.modules) or 0\n"
        "from socialroi_tui.cli import main\n"
        "sys.exit(main(['f.toml', '--screen', 'kpis', '--lang', 'fr']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "False\n", "")


def test_validate_reports_a_kpi_target_outside_its_range(capsys, tmp_path):
    path = tmp_path / "ranges.toml"
    path.write_text(
        '[meta]\nlanguage = "fr"\n\n[[objectives]]\nid = "traffic"\n\n'
        '[[kpis]]\nkpi = "ctr"\nobjective = "traffic"\ntarget = "150 %"\n\n'
        '[[kpis]]\nkpi = "roi"\nobjective = "traffic"\ntarget = -1.5\nactual = 3\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "validate", str(path), "--lang", "en")
    assert code == 1 and out == ""
    assert "kpis[0].target: 150 % is above 100 %" in err  # one line each, in English
    assert "kpis[1].target: -150 % is below -100 %" in err
    assert len(err.splitlines()) == 2
    assert "kpis[1].actual" not in err  # an ROI of 300 % is possible
    path.write_text(
        path.read_text(encoding="utf-8").replace('"150 %"', '"15 %"').replace("-1.5", "-1"),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 0 and "valid" in out


def test_import_lists_implausible_rows_before_importing_them(capsys, tmp_path):
    campaign = tmp_path / "c.toml"
    campaign.write_text('[meta]\nname = "Import"\n', encoding="utf-8")
    export = tmp_path / "export.csv"
    rows = "".join(f"Post {i},1000,{1200 + i},10\n" for i in range(12))
    export.write_text("Ad name,Impressions,Link clicks,Purchases\n" + rows, encoding="utf-8")
    code, out, _ = run(capsys, "import", str(export), "--into", str(campaign), "--dry-run")
    assert code == 0
    lines = out.splitlines()
    start = lines.index("To check (the import can still go ahead):")
    assert lines[start + 1] == "  line 2: ⚠ Clicks 1,200 > Impressions 1,000: rarely possible"
    assert lines[start + 11] == "  … and 2 more"
    assert lines[start + 12] == "dry run: nothing was written"
    code, out, _ = run(capsys, "import", str(export), "--into", str(campaign), "--lang", "fr")
    assert code == 0
    assert "  ligne 13\u00a0: ⚠ Clics 1 211 > Impressions 1 000\u00a0: rarement possible" not in out
    assert out.splitlines()[-1] == "12 lignes importées"
    assert "ligne 2\u00a0: ⚠ Clics 1 200 > Impressions 1 000\u00a0: rarement possible" in out


def test_a_command_speaks_the_language_of_the_campaign_it_names(capsys, tmp_path):
    """Without --lang, `socialroi validate FILE` and `socialroi import … --into FILE`
    answer in the campaign's language (the app does too)."""
    bad = tmp_path / "mauvais.toml"
    bad.write_text('[meta]\nlanguage = "fr"\n[budget]\nctr = 3\n', encoding="utf-8")
    code, _, err = run(capsys, "validate", str(bad))
    assert code == 1 and "budget.ctr" in err and "taux" in err
    code, _, err = run(capsys, "validate", str(bad), "--lang", "en")
    assert code == 1 and "is a rate above 100" in err


def test_plan_forward_from_a_budget(capsys):
    code, out, _ = run(
        capsys, "plan", "--budget", "5000", "--conversion-rate", "2%", "--ctr", "2%", "--cpm", "2"
    )
    assert code == 0 and "Forward plan" in out and "1,000" in out and "€5.00" in out
    code, _, err = run(capsys, *PLAN, "--budget", "5000")
    assert code == 2 and "not allowed with" in err


SOLVE = ["solve", "--conversion-rate", "2%", "--ctr", "2%"]


def test_solve_for_the_most_a_thousand_impressions_may_cost(capsys):
    code, out, _ = run(capsys, *SOLVE, "--for", "cpm", "--target-cpa", "5", "--json")
    assert code == 0
    assert json.loads(out) == {"cpm": "2.00", "plan": {"cpa": "5.00", "mode": "forward"}}
    code, out, _ = run(capsys, *SOLVE, "--for", "cpc", "--target-cpa", "5 €", "--lang", "fr")
    assert code == 0 and out.startswith(fr("Réponse — CPC : 0,10 €"))


def test_solve_for_each_figure_of_the_seed(capsys):
    seed = {
        "budget": ["--target-sales", "1000", "--cpm", "2"],
        "target-sales": ["--budget", "5000", "--cpm", "2"],
        "ctr": ["--target-sales", "1000", "--budget", "5000", "--cpm", "2"],
    }
    answers = {"budget": "5000.00", "target-sales": "1000", "ctr": "0.02"}
    for unknown, options in seed.items():
        argv = ["solve", "--for", unknown, "--conversion-rate", "2%", *options, "--json"]
        if unknown != "ctr":
            argv += ["--ctr", "2%"]
        code, out, _ = run(capsys, *argv)
        assert code == 0, unknown
        data = json.loads(out)
        assert data[unknown.replace("-", "_")] == answers[unknown]
        assert data["plan"]["budget"] == "5000.00"
    code, out, _ = run(
        capsys,
        "solve",
        "--for",
        "conversion-rate",
        "--ctr",
        "2%",
        "--cpm",
        "2",
        "--target-sales",
        "1000",
        "--budget",
        "4000",
    )
    assert code == 0 and "Answer — Conversion rate: 2.5%" in out


def test_solve_says_what_cannot_be_reached_or_asked(capsys):
    code, out, _ = run(
        capsys,
        "solve",
        "--for",
        "cpm",
        "--target-cpa",
        "5",
        "--conversion-rate",
        "0.01%",
        "--ctr",
        "0.01%",
    )
    assert code == 1 and out == "no value reaches the targets (CPM)\n"
    cases = {
        ("--for", "cpm", "--cpm", "2", "--target-cpa", "5"): "--cpm: given, and asked for",
        ("--for", "cpm", "--cpc", "2", "--target-cpa", "5"): "--cpc, --cpm: the price of the other",
        ("--for", "budget", "--cpm", "2"): "to solve, give also --target-sales",
        ("--for", "cpm"): "nothing to reach",
        ("--for", "cpm", "--target-roas", "3"): "give also --aov",
        ("--for", "margin"): "invalid choice",
    }
    for options, words in cases.items():
        code, out, err = run(capsys, *SOLVE, *options)
        assert code == 2 and out == "" and words in err and err.count("\n") == 1, options


def test_sensitivity_as_markdown_and_json(capsys, sample_path):
    path = str(sample_path("seed-000"))
    code, out, _ = run(capsys, "sensitivity", path, "--lang", "en")
    assert code == 0 and "## Budget" in out and "## CPA" in out and "## ROI" in out
    assert "| CPM | €1.80 | €2.20 | `" in out and "| €4,500.00 | €5,500.00 |" in out
    code, out, _ = run(capsys, "sensitivity", path, "--step", "20%", "--format", "json")
    data = json.loads(out)
    assert data["step"] == "0.2" and data["plan"]["budget"] == "5000"
    price = next(s for s in data["swings"] if s["assumption"] == "price")
    assert price["figures"]["budget"] == ["4000", "6000"]
    code, _, err = run(capsys, "sensitivity", path, "--step", "150%")
    assert code == 2 and "--step" in err


def test_a_negative_target_roi_is_read_as_its_value(capsys):
    argv = [*SOLVE, "--for", "cpm", "--aov", "50", "--target-roi", "-20%", "--json"]
    code, out, err = run(capsys, *argv)
    assert code == 0 and err == "" and json.loads(out)["cpm"]


def test_report_starts_with_the_campaign_and_french_csv_reads_in_french_spreadsheets(capsys):
    import csv
    import io
    from pathlib import Path

    sample = str(Path(__file__).parent.parent / "sample_campaigns" / "two-ads.toml")
    assert main(["report", sample, "--lang", "fr"]) == 0
    report = capsys.readouterr().out
    assert report.startswith("# Deux annonces, un produit\n\nExemple (comparaison de CPA) · ")
    assert "## Indicateurs (KPI)" in report and fr("| 11,00 € | 10,97 € |") in report
    assert main(["report", sample, "--format", "csv", "--lang", "fr"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out), delimiter=";"))
    facebook = rows[1]
    assert facebook[0] == "Facebook" and "10,97" in facebook and "0,0186" in facebook
    assert main(["report", sample, "--format", "csv", "--lang", "en"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert "10.97" in rows[1] and not any(len(c) > 12 for c in rows[1][2:])  # rounded


# --- attribute ----------------------------------------------------------------------------

JOURNEYS_SAMPLE = "src/socialroi_tui/samples/journeys-seed-000.csv"


def test_attribute_every_model_in_one_markdown_table(capsys):
    code, out, _ = run(capsys, "attribute", JOURNEYS_SAMPLE, "--lang", "en")
    assert code == 0
    assert "| Channel |" in out and "Last touch" in out and "Markov" in out
    assert "Shapley" in out and "Removal effect" in out and "Time decay" not in out
    assert "64 conversions" in out


def test_attribute_in_french_types_its_spaces(capsys):
    code, out, _ = run(capsys, "attribute", JOURNEYS_SAMPLE, "--lang", "fr")
    assert code == 0
    assert "Dernier contact" in out and "\u00a0%" in out and "Écart" in out


def test_attribute_json_per_model_with_decimal_strings(capsys):
    code, out, _ = run(capsys, "attribute", JOURNEYS_SAMPLE, "--format", "json")
    data = json.loads(out)
    assert code == 0 and set(data["models"]) == {
        "last",
        "first",
        "linear",
        "position",
        "markov",
        "shapley",
    }
    markov = data["models"]["markov"]
    assert all(len(v.split(".")[1]) >= 6 for v in markov["conversions"].values())
    assert set(markov["removal_effects"]) == set(data["channels"])
    from decimal import Decimal

    assert sum(Decimal(v) for v in markov["conversions"].values()) == 64


def test_attribute_one_model_as_csv(capsys):
    code, out, _ = run(capsys, "attribute", JOURNEYS_SAMPLE, "--model", "first", "--format", "csv")
    assert code == 0
    assert out.splitlines()[0].startswith("channel,first conversions,")


def test_attribute_time_decay_without_timestamps_says_why(capsys):
    code, _, err = run(capsys, "attribute", JOURNEYS_SAMPLE, "--model", "time-decay")
    assert code == 1 and "timestamps" in err


def test_attribute_touchpoints_with_time_decay_and_options(capsys):
    path = "tests/data/journeys/touchpoints.csv"
    code, out, _ = run(
        capsys, "attribute", path, "--half-life", "14", "--lookback", "90", "--order", "2"
    )
    assert code == 0 and "Time decay" in out and "linkedin" in out


def test_attribute_a_chain_too_large_for_its_order_says_so_in_words(capsys, tmp_path):
    from benchmarks.attribution import paths_file

    path = str(paths_file(tmp_path, rows=2000))  # ten channels: thousands of order-4 states
    code, out, err = run(capsys, "attribute", path, "--order", "4", "--lang", "fr")
    assert code == 0 and "Traceback" not in err  # every other model, Markov said refused
    assert "Linéaire" in out and "Modèle de Markov d'ordre 4 :" in out
    assert "choisissez un ordre plus bas" in out
    code, out, err = run(capsys, "attribute", path, "--order", "4", "--format", "json")
    assert code == 0 and "choose a lower order" in err
    assert '"refused": {\n    "markov": "attribution_too_many_states"' in out
    code, _, err = run(capsys, "attribute", path, "--model", "markov", "--order", "4")
    assert code == 1 and "choose a lower order" in err


def test_attribute_bad_file_exits_1_with_lines(capsys, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("path;total_conversions\na;x\n")
    code, _, err = run(capsys, "attribute", str(bad), "--lang", "en")
    assert code == 1 and "line 2:" in err
    code, _, err = run(capsys, "attribute", str(bad), "--order", "9")
    assert code == 2
