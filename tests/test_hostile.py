"""Hostile files and inputs get a clear answer; nothing but the documented errors escapes."""

from __future__ import annotations

import os
import re
from decimal import Decimal
from decimal import Decimal as D
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialroi_tui.cli import main as cli_main
from socialroi_tui.model import Campaign
from socialroi_tui.store import CampaignFileError, load_campaign, parse_campaign, save_campaign
from socialroi_tui.text.numbers import NumberError, out_of_range, parse_number
from socialroi_tui.text.safe import visible

SAMPLES = Path(__file__).resolve().parent.parent / "src" / "socialroi_tui" / "samples"


def problems(text: str) -> str:
    with pytest.raises(CampaignFileError) as caught:
        parse_campaign(text, "c.toml")
    return str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[meta\n", "line 1, column 6: not valid TOML"),
        ('[meta]\nname = "a\n', "line 2"),
        ("[budget]\nctr = [1, 2]\n", "budget.ctr"),
        ("[meta]\nname = 12\n", "meta.name"),
        ("objectives = 3\n", "objectives"),
        ("[budget]\nctr = -0.1\n", "budget.ctr: cannot be negative"),
        ("[budget]\nctr = 1.5\n", "budget.ctr: is a rate above 100 %"),
        ('[budget]\nctr = "150 %"\n', "above 100"),
        ("[budget]\nprice = nan\n", "finite"),
        ("[budget]\nprice = -inf\n", "finite"),
        ("[budget]\nprice = 1e999\n", "too large"),
        ("[budget]\ntarget_conversions = 123456789012345678901234567890\n", "too large"),
        ("[budget]\nmode = 'sideways'\n", "budget.mode"),
        ("[whatever]\nx = 1\n", "whatever: unknown key"),
        ('[[channels]]\nid = "a b c"\n', "channels[0].id"),
        # A newline at the end passes a pattern ending in $ in Python's re: not ours.
        ('[[channels]]\nid = "facebook\\n"\n', "channels[0].id: holds characters not"),
        ('[meta]\ncurrency = "EUR\\n"\n', "meta.currency: holds characters not"),
        ('[dashboard]\ncolumns = ["spend\\n"]\n', "dashboard.columns[0]: holds characters"),
        ('[[actuals]]\nchannel = "x\\n"\nspend = 1\n', "actuals[0].channel"),
        (f'[[channels]]\nid = "{"a" * 65}"\n', "channels[0].id: has more than 64 characters"),
        ('[[channels]]\nid = ""\n', "channels[0].id: cannot be empty"),
        (f'[[actuals]]\nchannel = "{"a" * 65}"\n', "actuals[0].channel: has more than 64 char"),
        ('[[scenarios]]\nname = ""\n', "scenarios[0].name: cannot be empty"),
        (f'[meta]\nname = "{"n" * 201}"\n', "meta.name: has more than 200 characters"),
        ("[attribution]\nhalf_life_days = 0\n", "half_life_days: should be more than 0"),
        # A key of the file's own is shown escaped, once, without pydantic's marks.
        (
            '[[scenarios]]\nname = "x"\n[scenarios.channels."li\\n"]\nctr = 0.1\n',
            'scenarios[0].channels."li\\n": holds characters not allowed here',
        ),
        ("schema_version = 99\n", "newer socialroi"),
        ('schema_version = "one"\n', "schema_version"),
        ('[[actuals]]\nchannel = ""\nspend = 1\n', "actuals[0].channel"),
        ('[[actuals]]\nchannel = "x"\norigin = "both"\n', "actuals[0].origin"),
        ('[dashboard]\nsales_from = "both"\n', "dashboard.sales_from"),
        ('[dashboard]\ncolumns = ["[bold]x"]\n', "dashboard.columns"),
        ('[[imports]]\nid = "csv:1"\nrows = -1\n', "imports[0].rows"),
        ('[[imports]]\nid = "csv:1"\nimported = "yesterday"\n', "imports[0].imported"),
    ],
)
def test_broken_campaigns_are_explained(text, expected):
    assert expected in problems(text)


def test_several_problems_of_the_whole_campaign_are_worded_one_line_each():
    """A check of the whole campaign finds several: each on its line, in the user's
    words, and shares the scenarios do not change are said once, for the plan."""
    text = (SAMPLES / "seed-000.toml").read_text(encoding="utf-8")
    text = text.replace("share = 0.40", "share = 0.60")
    text += '[[actuals]]\nchannel = "tiktok"\nspend = 1\n\n[[actuals]]\nchannel = "snap"\n'
    with pytest.raises(CampaignFileError) as caught:
        parse_campaign(text, "c.toml")
    assert caught.value.words("fr").splitlines() == [
        "c.toml\u00a0: actuals[0].channel\u00a0: aucun réseau n'a l'id «\u00a0tiktok\u00a0»",
        "c.toml\u00a0: actuals[1].channel\u00a0: aucun réseau n'a l'id «\u00a0snap\u00a0»",
        "c.toml\u00a0: channels\u00a0: les parts du budget font 120\u00a0%, plus de 100\u00a0%",
    ]
    assert "the budget shares add up to 120%, over 100%" in caught.value.words("en")


def test_a_file_that_cannot_be_read_is_never_overwritten(tmp_path, capsys):
    path = tmp_path / "c.toml"
    path.write_bytes(b'[meta]\nname = "caf\xe9"\n')
    assert cli_main(["validate", str(path)]) == 1
    assert "not UTF-8" in capsys.readouterr().err
    assert cli_main(["new", str(path)]) == 1
    assert path.read_bytes() == b'[meta]\nname = "caf\xe9"\n'


def test_a_50_mb_file_is_refused(tmp_path):
    path = tmp_path / "huge.toml"
    with path.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)
    with pytest.raises(CampaignFileError, match="is 50 MB; campaign files are limited to 32 MB"):
        load_campaign(path)


def test_a_pipe_a_folder_or_a_missing_path(tmp_path, capsys):
    pipe = tmp_path / "pipe.toml"
    os.mkfifo(pipe)
    with pytest.raises(CampaignFileError, match="not a regular file"):
        load_campaign(pipe)
    with pytest.raises(CampaignFileError, match="is a folder"):
        load_campaign(tmp_path)
    with pytest.raises(CampaignFileError, match="no such file"):
        load_campaign(tmp_path / "nope.toml")
    assert cli_main(["calc", str(pipe)]) == 1
    assert "not a regular file" in capsys.readouterr().err
    with pytest.raises(CampaignFileError, match="is a folder"):
        save_campaign(parse_campaign(""), tmp_path)


def test_the_language_read_before_start_up_never_blocks_or_guesses(tmp_path):
    """The app reads a campaign's language from the file's start: a pipe, a device,
    binary noise or a language hidden past the first 64 KB give the locale's choice."""
    from socialroi_tui.quicklook import campaign_language

    pipe = tmp_path / "pipe.toml"
    os.mkfifo(pipe)
    noise = tmp_path / "noise.toml"
    noise.write_bytes(bytes(range(256)) * 1000 + b"\n[meta]\nlanguage = 'fr'\n")
    late = tmp_path / "late.toml"
    late.write_text("[meta]\n" + "# padding\n" * 10_000 + "language = 'fr'\n")
    injected = tmp_path / "injected.toml"
    injected.write_text("[meta]\nlanguage = '\x1b]0;x\x07'\n")
    for path in (pipe, Path("/dev/zero"), noise, late, injected, tmp_path):
        assert campaign_language(path) is None, path


def test_one_hundred_thousand_publications(tmp_path):
    rows = "".join(
        f'[[actuals]]\nchannel = "fb"\npublication = "post {i}"\nspend = 12.5\nclicks = 20\n'
        f"conversions = 1\nrevenue = 30\n\n"
        for i in range(100_000)
    )
    path = tmp_path / "big.toml"
    path.write_text('[[channels]]\nid = "fb"\nnetwork = "facebook"\n\n' + rows, encoding="utf-8")
    from socialroi_tui import editing
    from socialroi_tui.document import CampaignDocument

    document = CampaignDocument.open(path)
    assert document.results.actual_total.measures["spend"] == D("1250000.0")
    assert len(document.results.actual_by_publication["fb"]) == 100_000
    document.apply(editing.set_budget(document.campaign, ctr=D("0.02")))
    assert document.results.actual_total.measures["conversions"] == 100_000


def test_the_quick_first_read_of_a_large_file_trusts_only_results_that_come_last(tmp_path):
    """A large file's first screen is drawn from what precedes its results, but only when
    nothing but results follows them (objectives written after them, or a multi-line
    string among them, would be missed or misread)."""
    from socialroi_tui.quicklook import MAX_QUICK_BYTES, quick_look

    head = '[meta]\nname = "Big"\n\n[[objectives]]\nid = "sales"\nprimary = true\n\n'
    result = '[[actuals]]\nchannel = "fb"\npublication = "x"\nspend = 1\n\n'
    results = result * (MAX_QUICK_BYTES // len(result) + 1)
    plain = tmp_path / "plain.toml"
    plain.write_text(head + results, encoding="utf-8")
    assert quick_look(plain).objectives == {"sales": True}
    late = tmp_path / "late.toml"
    late.write_text(results + head, encoding="utf-8")
    assert quick_look(late) is None
    after = tmp_path / "after.toml"
    after.write_text(head + results + '[[objectives]]\nid = "traffic"\n', encoding="utf-8")
    assert quick_look(after) is None
    quoted = tmp_path / "quoted.toml"
    quoted.write_text(head + results + '[[actuals]]\nnote = """\n[x]"""\n', "utf-8")
    assert quick_look(quoted) is None


def test_control_characters_are_shown_not_sent():
    assert visible("a\x1b[31mb\x07c\x9bd\u2028") == "a\\x1b[31mb\\x07c\\x9bd\\x2028"
    assert visible("tab\tand\nnewline") == "tab\tand\nnewline"


# --- nothing but the documented errors escapes ---------------------------------------

toml_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.dates()
)
toml_values = st.recursive(
    toml_scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(min_size=1, max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)
sections = st.sampled_from(
    ["meta", "objectives", "kpis", "funnel", "channels", "budget", "actuals", "schema_version", "x"]
)


def _drop_none(value):
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value if v is not None]
    return value


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(sections, toml_values, max_size=6))
def test_any_toml_document_loads_or_is_explained(document):
    text = tomli_w.dumps(_drop_none(document))
    try:
        parse_campaign(text)
    except CampaignFileError as error:
        assert error.problems


@settings(max_examples=300)
@given(st.text(max_size=200))
def test_any_text_loads_or_is_explained(text):
    try:
        parse_campaign(text)
    except CampaignFileError as error:
        assert error.problems


field_names = st.sampled_from(
    ["ctr", "conversion_rate", "price", "budget", "target_conversions", "gross_margin"]
)


@settings(max_examples=300)
@given(field_names, st.text(max_size=30), st.sampled_from(["fr", "en"]))
def test_any_typed_value_in_a_file_loads_or_is_explained(field, value, lang):
    text = tomli_w.dumps({"meta": {"language": lang}, "budget": {field: value}})
    try:
        parse_campaign(text)
    except CampaignFileError as error:
        assert f"budget.{field}" in str(error)


@settings(max_examples=300)
@given(st.text(max_size=40), st.sampled_from(["rate", "money", "count", "number"]))
def test_any_typed_value_parses_or_says_why(text, kind):
    try:
        value = parse_number(text, kind, lang="en", field="F")
    except NumberError as error:
        assert str(error).startswith("F:")
    else:
        assert value.is_finite()


# --- funnel rates written as ratios (issue 16): a hostile one is one clear line ---------


def _with_stage_rate(rate: str) -> str:
    return tomli_w.dumps(
        {
            "funnel": {
                "top_count": 1000,
                "stages": [
                    {"id": "seen", "label": "Seen"},
                    {"id": "b", "label": "B", "rate": rate},
                ],
            }
        }
    )


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        ("1/0", "is out of zero"),
        ("0/0", "is out of zero"),
        ("7/6", "is above 100%"),
        ("-1/6", "cannot be negative"),
        ("1e999999/3", "is not a number"),
        ("1/1e999999", "is not a number"),
        ("NaN/1", "is not a number"),
        ("inf in 1", "is not a number"),
        pytest.param("9" * 100_000 + "/3", "is too large", id="huge-numerator"),
        pytest.param("1/" + "9" * 100_000, "is too large", id="huge-denominator"),
        pytest.param("0." + "0" * 5000 + "1/1", "more than six decimals", id="tiny-numerator"),
        pytest.param("1/" + "0" * 5000, "is out of zero", id="long-zero"),
        ("1/3\x1b[2J\x07", "is not a number"),
        ("\x1b]0;title\x07 1/3", "is not a number"),
        ("1\x00/3", "is not a number"),
        ("1 sur 6 sur 7", "is not a number"),
        pytest.param("1" + " " * 100_000 + "x", "is not a number", id="spaces"),
        pytest.param("1" + " " * 50_000 + "in" + " " * 50_000 + "x", "not a number", id="in"),
        ("1/1000000000", "below 0.0001%"),
    ],
)
def test_a_hostile_ratio_in_a_file_gives_one_clear_line(tmp_path, capsys, rate, expected):
    path = tmp_path / "c.toml"
    path.write_text(_with_stage_rate(rate), encoding="utf-8")
    with pytest.raises(CampaignFileError) as caught:
        load_campaign(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: funnel.stages[1].rate: ")
    assert expected in message
    assert len(message) < 300 and "\n" not in message  # quoted shortened, on one line
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u2028]", message)  # shown, never sent
    assert cli_main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "funnel.stages[1].rate" in err and "Traceback" not in err


@settings(max_examples=300)
@given(
    st.text(alphabet="0123456789/., insurot%-e\u00a0\x1b", max_size=30),
    st.sampled_from(["fr", "en"]),
)
def test_any_stage_rate_in_a_file_loads_or_is_explained(rate, lang):
    text = f'[meta]\nlanguage = "{lang}"\n\n' + _with_stage_rate(rate)
    try:
        campaign = parse_campaign(text)
    except CampaignFileError as error:
        assert "funnel.stages[1].rate" in str(error)
    else:
        value = campaign.funnel.stages[1].rate
        assert value.is_finite() and 0 <= value <= 1


# --- plausibility warnings: text from files never reaches them as markup or escapes ----

HOSTILE_EXPORT = (
    b"Ad name;Platform;Impressions;Reach;Link clicks;Purchases\n"
    b'"[/] \x1b[31mred\x07 [bold]";"[link=x]instagram[/link]";1 000;1 500;1 200;1 300\n'
    b'[/];"\x1b]0;title\x07";2 000;100;50;60\n'
)


def test_markup_and_escapes_in_a_csv_do_not_reach_the_import_warnings(tmp_path, capsys):
    from socialroi_tui.presenter import import_warning_lines
    from socialroi_tui.store.csv_import import read_export

    preview = read_export(HOSTILE_EXPORT, "hostile.csv")
    assert [w.line for w in preview.warnings] == [2, 2, 2, 3]
    for lang in ("fr", "en"):
        lines = import_warning_lines(preview, lang, "EUR")
        assert len(lines) == 4
        assert not any("[" in line or "\x1b" in line or "\x07" in line for line in lines)
    export = tmp_path / "hostile.csv"
    export.write_bytes(HOSTILE_EXPORT)
    campaign = tmp_path / "c.toml"
    campaign.write_text('[meta]\nname = "x"\n', encoding="utf-8")
    assert cli_main(["import", str(export), "--into", str(campaign), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "line 3: ⚠ Conversions 60 > Clicks 50: rarely possible" in out
    assert load_campaign(campaign).campaign.actuals[0].publication.startswith("[/] \x1b[31m")


def test_a_row_wider_or_shorter_than_its_header_is_refused_with_its_line(tmp_path, capsys):
    """An unquoted thousands comma shifts the figures after it: 1,234 would be read as a
    spend of 1 and 234 clicks. Empty cells past the header (a trailing comma) are fine; a
    row without the cells of its figures is refused too (they would be missing silently)."""
    from socialroi_tui.store.csv_import import CsvImportError, read_export

    wide = b"date,network,spend,clicks\n2024-01-01,facebook,12,5\n2024-01-02,facebook,1,234,50\n"
    with pytest.raises(CsvImportError) as caught:
        read_export(wide, "wide.csv")
    assert "line 3: has 5 cells where the header has 4" in str(caught.value)
    trailing = b"date,network,spend,clicks\n2024-01-01,facebook,12,5,,\n"
    assert read_export(trailing, "trailing.csv").rows[0].measures["clicks"] == 5
    short = b"date,network,spend,clicks\n2024-01-01,facebook,12,5\n2024-01-02,facebook\n"
    with pytest.raises(CsvImportError) as caught:
        read_export(short, "short.csv")
    assert "line 3: has only 2 cells where the header has 4" in str(caught.value)
    footer = b"date,network,spend,clicks\n2024-01-01,facebook,12,5\nTotal\n"
    assert len(read_export(footer, "footer.csv").rows) == 1  # a summary row, left out
    export = tmp_path / "wide.csv"
    export.write_bytes(wide)
    campaign = tmp_path / "c.toml"
    campaign.write_text('[meta]\nname = "x"\n', encoding="utf-8")
    before = campaign.read_bytes()
    assert cli_main(["import", str(export), "--into", str(campaign), "--lang", "fr"]) != 0
    assert "ligne 3\u00a0: a 5\u00a0cellules quand l'en-tête en a 4" in capsys.readouterr().err
    assert campaign.read_bytes() == before


async def test_a_hostile_export_and_file_name_show_literally_in_the_preview(tmp_path):
    from socialroi_tui.tui.dialogs.choice import ChoiceDialog
    from tui.helpers import (
        choose_export,
        copy_sample,
        imported,
        loaded,
        make_app,
        preview_shown,
        text_of,
    )

    export = tmp_path / "[bold]x[red] \x1b[31m.csv"
    export.write_bytes(HOSTILE_EXPORT)
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="dashboard")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await choose_export(pilot, export)
        await preview_shown(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        message = text_of(app, ".dialog-message")
        assert message.startswith("[bold]x[red] \\x1b[31m.csv (meta)")
        warnings = text_of(app, "#preview-warnings")
        assert "ligne 3\u00a0: ⚠ Conversions 60 > Clics 50\u00a0: rarement possible" in warnings
        await imported(pilot, 2)
        # The file's name, kept with its import, shows as text in the rows and the question.
        from socialroi_tui.tui.dialogs.rows import RowsDialog
        from tui.helpers import wait_for

        await pilot.press("end", "l")
        await wait_for(pilot, lambda: isinstance(app.screen, RowsDialog))
        rows_table = app.screen.query_one("#rows-table")
        rows_table.scroll_to(x=rows_table.max_scroll_x, animate=False)  # the source, last
        await pilot.pause()
        drawn = rows_table.render_line(1).text  # the first row, as the terminal gets it
        assert "plateforme · [bold]x[red]" in drawn and "\x1b" not in drawn
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        assert "«\u00a0[bold]x[red] \\x1b[31m.csv\u00a0»" in text_of(app, ".dialog-message")


async def test_hostile_file_names_show_as_text_on_one_line_in_the_import_browser(tmp_path):
    """The browser lists an export named with markup, an escape sequence and a newline
    as its name, made visible, on one line; picked with the keys, it is read."""
    from rich.text import Text

    from socialroi_tui.tui.dialogs.open_file import FileTree, ImportFileDialog
    from socialroi_tui.tui.widgets.figure_table import FigureTable
    from tui.helpers import copy_sample, loaded, make_app, preview_shown, wait_for

    name = "[bold]x[red] \x1b[31m\nred\x07.csv"
    (tmp_path / name).write_bytes(HOSTILE_EXPORT)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    app = make_app(copy_sample("seed-000", tmp_path), lang="en", screen="dashboard")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, ImportFileDialog))
        tree = app.screen.query_one(FileTree)
        await wait_for(pilot, lambda: len(tree.root.children) == 1)
        node = tree.root.children[0]
        assert node.label == Text("[bold]x[red] \\x1b[31m red\\x07.csv")  # not seed-000.toml
        shown = "\n".join(tree.render_line(y).text for y in range(tree.size.height))
        assert "[bold]x[red] \\x1b[31m red\\x07.csv" in shown and "\x1b" not in shown
        tree.focus()
        await pilot.press("down", "enter")
        await preview_shown(pilot)
        await pilot.press("escape")  # cancelled: nothing changes
        await wait_for(pilot, lambda: app.screen.query(FigureTable))
        assert app.document.campaign.actuals == []


async def test_markup_typed_in_the_result_and_kpi_forms_leaves_the_warnings_alone(tmp_path):
    from socialroi_tui.tui.dialogs.kpi import KpiEditor
    from socialroi_tui.tui.dialogs.results import ResultEditor
    from tui.helpers import copy_sample, loaded, make_app, text_of

    app = make_app(copy_sample("seed-000", tmp_path), lang="en", screen="dashboard")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("a")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, ResultEditor)
        editor.query_one("#result-publication").value = "[/] [bold]"
        editor.query_one("#result-impressions").value = "[/]"
        editor.query_one("#result-clicks").value = "[red]1[/red]"
        await pilot.pause()
        assert text_of(app, "#result-warnings") == ""
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("2", "down", "down", "enter")  # the CTR row of the sample
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, KpiEditor) and editor.mapping.kpi == "ctr"
        editor.query_one("#kpi-target").value = "[/] 50 %"
        editor.query_one("#kpi-actual").value = "[bold]"
        await pilot.pause()
        assert text_of(app, "#kpi-warnings") == ""
        await pilot.click("#kpi-ok")
        await pilot.pause()
        assert "'[/] 50 %' is not a number" in text_of(app, "#kpi-error")


# --- hostile names on every new path to the terminal ---------------------------------

HOSTILE_NAME = (
    "[/] [b]x[/b] \x1b[2J\x1b]8;;http://x\x1b\\y\x1b]8;;\x1b\\\x07 [link=http://x]l[/link]"
)


def _hostile_campaign(top_count: int = 1000) -> str:
    return tomli_w.dumps(
        {
            "meta": {"name": HOSTILE_NAME, "language": "en"},
            "objectives": [{"id": "sales", "primary": True}],
            "kpis": [{"objective": "sales", "channel": "fb", "custom": {"name": HOSTILE_NAME}}],
            "funnel": {
                "top_count": top_count,
                "stages": [
                    {"id": "seen", "label": HOSTILE_NAME},
                    {"id": "clicked", "label": HOSTILE_NAME, "rate": "10 %"},
                ],
            },
            "channels": [{"id": "fb", "network": "facebook", "label": HOSTILE_NAME, "share": 0.5}],
            "budget": {"target_conversions": 100, "conversion_rate": 0.02, "ctr": 0.02, "price": 2},
            "actuals": [{"channel": "fb", "publication": HOSTILE_NAME, "spend": 100, "clicks": 5}],
        }
    )


def _terminal_rows(app) -> list[str]:
    """The text of each row the terminal would get, after the app's line filters."""
    compositor = app.screen._compositor
    update = compositor.render_update(full=True, screen_stack=app._background_screens)
    return [
        "".join(s.text for strip in row for s in strip if not s.control) for row in update.strips
    ]


def assert_drawn_as_text(app, width: int = 80) -> str:
    """No control character reaches the terminal, and no row is wider than the screen (a
    control character counted 0 cells wide but drawn as one pushes the row out)."""
    from rich.cells import cell_len

    rows = _terminal_rows(app)
    for row in rows:
        assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in row), ascii(row)
        assert cell_len(row) == width, ascii(row)
    return "\n".join(rows)


async def test_hostile_names_show_as_text_on_every_screen_and_in_the_selects(tmp_path):
    from textual.widgets import Select

    from socialroi_tui.tui.dialogs.kpi import KpiEditor
    from socialroi_tui.tui.dialogs.results import ResultEditor
    from tui.helpers import funnel_ready, loaded, make_app, wait_for

    path = tmp_path / "hostile.toml"
    path.write_text(_hostile_campaign(), encoding="utf-8")
    app = make_app(path, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screens = ("Objectives", "Kpis", "Funnel", "Budget", "Dashboard")
        for key, screen in zip("12345", screens, strict=True):
            await pilot.press(key)
            await wait_for(pilot, lambda s=screen: type(app.screen).__name__ == f"{s}Screen")
            if key == "3":
                await funnel_ready(pilot)
                select = app.screen.query_one("#plan-channel", Select)
                select.value = "fb"
                app.screen.set_focus(select)
                await pilot.press("enter")  # the options, channel labels included
                await pilot.pause()
                assert "[b]x[/b]" in assert_drawn_as_text(app)
                await pilot.press("escape")
            await pilot.pause()
            shown = assert_drawn_as_text(app)
            if key == "4":
                assert "[/] [b]x[/b]" in shown  # the channel's name beside its share
        await pilot.press("a")  # a result typed by hand: the channel's label in a Select
        await wait_for(pilot, lambda: isinstance(app.screen, ResultEditor))
        assert "[/] [b]x[/b] \\x1b[2J" in assert_drawn_as_text(app)
        await pilot.press("escape", "2", "enter")  # the custom KPI, for the channel fb
        await wait_for(pilot, lambda: isinstance(app.screen, KpiEditor))
        assert "[/] [b]x[/b] \\x1b[2J" in assert_drawn_as_text(app)


async def test_a_stage_name_in_a_count_refusal_and_in_the_save_question_stays_text(tmp_path):
    from socialroi_tui.tui.dialogs.choice import ChoiceDialog
    from socialroi_tui.tui.widgets.number_field import NumberField
    from tui.helpers import funnel_ready, make_app, text_of, wait_for

    path = tmp_path / "hostile.toml"
    path.write_text(_hostile_campaign(top_count=0), encoding="utf-8")
    app = make_app(path, lang="en", screen="funnel")
    async with app.run_test(size=(80, 24)) as pilot:
        await funnel_ready(pilot)
        count = app.screen.query_one("#stage-1 .stage-count", NumberField)
        app.screen.set_focus(count)
        await pilot.press("end", "ctrl+u", "5")  # more than the 0 of the stage above
        await wait_for(pilot, lambda: count.problem is not None)
        note = text_of(app, "#funnel-note")
        assert "'[/] [b]x[/b] \\x1b[2J\\x1b]8;;" in note and "' counts 0" in note
        assert_drawn_as_text(app)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        message = text_of(app, ".dialog-message")
        assert message.startswith("[/] [b]x[/b] \\x1b[2… — Count: ") and "counts 0" in message
        assert_drawn_as_text(app)
        await pilot.click("#answer-keep")
        await wait_for(pilot, lambda: not app.document.dirty)
    assert load_campaign(path).campaign.funnel.stages[1].rate == D("0.1")


async def test_a_long_unreadable_text_leaves_the_save_question_and_its_answers_on_screen(
    tmp_path,
):
    from textual.widgets import Button

    from socialroi_tui.tui.dialogs.choice import ChoiceDialog
    from socialroi_tui.tui.widgets.number_field import NumberField
    from tui.helpers import copy_sample, loaded, make_app, wait_for

    app = make_app(copy_sample("two-ads", tmp_path), lang="en", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        field = app.screen.query_one("#field-ctr", NumberField)
        app.screen.set_focus(field)
        field.value = "x" * 3000 + "\x1b[2J[b]"  # a paste
        await wait_for(pilot, lambda: field.problem is not None)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        shown = assert_drawn_as_text(app)
        assert "cannot be saved" in shown
        for button in app.screen.query(Button):
            assert app.screen.region.contains_region(button.region), button.id


async def test_a_file_that_cannot_be_read_is_named_literally_in_the_notification(tmp_path):
    from tui.helpers import make_app, wait_for

    path = tmp_path / "[b]x \x1b[2J.toml"
    path.write_text('["[/] \\u001b[31m"]\nx = 1\n', encoding="utf-8")
    app = make_app(path, lang="en", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app._notifications and not app.opening)
        await pilot.pause(0.3)
        (message,) = [n.message for n in app._notifications]
        assert '[b]x \\x1b[2J.toml: "[/] \\x1b[31m": unknown key' in message
        assert_drawn_as_text(app)


@pytest.mark.parametrize("question", ["recovery", "conflict"])
async def test_the_file_name_in_the_recovery_and_conflict_questions_stays_text(tmp_path, question):
    import shutil

    from socialroi_tui import editing
    from socialroi_tui.recovery import write_recovery
    from socialroi_tui.tui.dialogs.choice import ChoiceDialog
    from tui.helpers import SAMPLES, loaded, make_app, text_of, wait_for

    path = tmp_path / "a\x1b[2J\x1b[Hb.toml"
    shutil.copy(SAMPLES / "two-ads.toml", path)
    if question == "recovery":
        write_recovery(path.read_text(encoding="utf-8").replace("0.02", "0.03"), path, "")
    app = make_app(path, lang="en", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        if question == "conflict":
            app.edit(lambda c: editing.set_budget(c, ctr=D("0.03")))
            path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        assert "'a\\x1b[2J\\x1b[Hb.toml'" in text_of(app, ".dialog-message")
        assert_drawn_as_text(app)


# --- extreme figures -----------------------------------------------------------------


async def test_extreme_figures_typed_in_the_budget_never_break_the_screen(tmp_path):
    from socialroi_tui.tui.widgets.number_field import NumberField
    from tui.helpers import copy_sample, loaded, make_app

    app = make_app(copy_sample("seed-000", tmp_path), lang="en", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        for selector, text in [
            ("#field-target_conversions", "1000000000000000"),
            ("#field-price", "1000000000000000"),
            ("#field-ctr", "0.0001%"),
            ("#field-conversion_rate", "0.0000000000000000000000000001%"),
        ]:
            field = app.screen.query_one(selector, NumberField)
            app.screen.set_focus(field)
            await pilot.press("end", "ctrl+u", *text)
            await pilot.pause()
        assert app.is_running  # each key recomputed the plan (a traceback before)
        assert_drawn_as_text(app)


def test_the_largest_plan_and_a_vanishing_rate_in_a_file_give_no_traceback(tmp_path, capsys):
    argv = ["plan", "--target-sales", "1000000000000000", "--conversion-rate", "0.0001%"]
    argv += ["--ctr", "0.0001%", "--cpm", "1000000000000000", "--json"]
    assert cli_main(argv) == 0
    path = tmp_path / "tiny.toml"
    path.write_text(
        "[budget]\ntarget_conversions = 1000\nconversion_rate = 0.02\nctr = 1e-25\nprice = 2\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    code = cli_main(["calc", str(path)])
    assert code == 0 or (code == 1 and "budget.ctr" in capsys.readouterr().err)


# --- the file's life under hostile conditions ----------------------------------------


def _edited_session(path, ctr: str = "0.03"):
    from socialroi_tui import editing
    from socialroi_tui.session import CampaignSession

    session = CampaignSession("en")
    session.open(path)
    session.document.apply(editing.set_budget(session.document.campaign, ctr=D(ctr)))
    return session


def test_saving_through_a_symbolic_link_writes_the_file_it_points_to(tmp_path):
    real = tmp_path / "real.toml"
    real.write_text('[meta]\nname = "x"\n', encoding="utf-8")
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    session = _edited_session(link)
    session.save()
    assert link.is_symlink()
    assert load_campaign(real).campaign.budget.ctr == D("0.03")


def test_a_state_folder_that_is_a_file_never_stops_a_save(tmp_path, monkeypatch):
    from socialroi_tui.recovery import untitled_recoveries

    blocker = tmp_path / "state"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))
    path = tmp_path / "c.toml"
    path.write_text('[meta]\nname = "x"\n', encoding="utf-8")
    session = _edited_session(path)
    session.write_recovery_now()
    assert session.save() == path and not session.document.dirty
    session.discard()
    assert untitled_recoveries() == []
    assert load_campaign(path).campaign.budget.ctr == D("0.03")


def test_saving_over_a_named_pipe_is_refused_at_once(tmp_path):
    import stat
    import threading

    from socialroi_tui.session import CampaignSession

    pipe = tmp_path / "pipe.toml"
    os.mkfifo(pipe)
    session = CampaignSession("en")
    session.start(parse_campaign(""))
    outcome: list[BaseException | None] = []

    def save() -> None:
        try:
            session.save(pipe)
            outcome.append(None)
        except BaseException as error:  # the thread reports it
            outcome.append(error)

    worker = threading.Thread(target=save, daemon=True)
    worker.start()
    worker.join(5)
    try:
        assert not worker.is_alive(), "the save is still waiting for a writer on the pipe"
        assert isinstance(outcome[0], CampaignFileError)
        assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    finally:
        if worker.is_alive():  # let the blocked read end, so that the thread finishes
            os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
            worker.join(5)


def test_reloading_a_file_deleted_meanwhile_keeps_the_unsaved_work(tmp_path):
    import contextlib

    from socialroi_tui.recovery import find_recovery
    from socialroi_tui.session import CHANGED_ON_DISK, SaveRefused

    path = tmp_path / "c.toml"
    path.write_text('[meta]\nname = "x"\n[budget]\nctr = 0.02\n', encoding="utf-8")
    session = _edited_session(path)
    session.write_recovery(session.recovery_snapshot())
    path.unlink()
    with pytest.raises(SaveRefused) as refused:
        session.save()
    assert refused.value.reason == CHANGED_ON_DISK
    with contextlib.suppress(CampaignFileError):
        session.reload()  # the user's answer to "changed elsewhere"
    recovery = find_recovery(path)
    assert session.document.campaign.budget.ctr == D("0.03") or (
        recovery is not None and parse_campaign(recovery.text()).budget.ctr == D("0.03")
    )


def test_two_runs_on_one_file_each_keep_their_unsaved_work_recoverable(tmp_path):
    from socialroi_tui.recovery import find_recovery

    path = tmp_path / "c.toml"
    path.write_text('[meta]\nname = "x"\n[budget]\nctr = 0.02\n', encoding="utf-8")
    first, second = _edited_session(path, "0.03"), _edited_session(path, "0.05")
    second.write_recovery(second.recovery_snapshot())
    first.write_recovery(first.recovery_snapshot())
    first.save()
    assert second.document.dirty
    recovery = find_recovery(path)
    assert recovery is not None and parse_campaign(recovery.text()).budget.ctr == D("0.05")


def test_a_recovery_copy_that_is_not_utf8_is_explained(tmp_path):
    from socialroi_tui.recovery import find_recovery, write_recovery
    from socialroi_tui.session import CampaignSession

    path = tmp_path / "c.toml"
    path.write_text('[meta]\nname = "x"\n', encoding="utf-8")
    write_recovery('[meta]\nname = "y"\n', path, "")
    recovery = find_recovery(path)
    recovery.copy.write_bytes(b'[meta]\nname = "caf\xe9"\n')
    session = CampaignSession("en")
    session.open(path)
    with pytest.raises(CampaignFileError):
        session.restore(recovery)
    assert session.document.campaign.meta.name == "x"


@pytest.mark.parametrize(
    "dates",
    [("2026-01-01T10:00:00", "2026-01-02T10:00:00+00:00"), ("0001-01-01T00:00:00+14:00",)],
)
async def test_recovery_copies_with_odd_dates_leave_the_start_screen_working(dates):
    import json

    from socialroi_tui.recovery import recovery_folder
    from socialroi_tui.tui.screens.start import StartScreen
    from tui.helpers import make_app, wait_for

    folder = recovery_folder()
    folder.mkdir(parents=True, exist_ok=True)
    for index, when in enumerate(dates):
        (folder / f"untitled-{index}.toml").write_text('[meta]\nname = "x"\n', encoding="utf-8")
        info = {"original": None, "saved_at": when}
        (folder / f"untitled-{index}.json").write_text(json.dumps(info), encoding="utf-8")
    app = make_app(None, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen))
        assert "Recover: x" in assert_drawn_as_text(app)


def test_new_with_a_name_longer_than_a_campaign_name_makes_it_fit(tmp_path, capsys):
    """The file's stem names the campaign, cut to the 200 characters a name may hold."""
    assert cli_main(["new", str(tmp_path / ("n" * 201))]) == 0
    assert capsys.readouterr().err == ""
    assert load_campaign(tmp_path / ("n" * 201 + ".toml")).campaign.meta.name == "n" * 200


def test_a_name_longer_than_a_file_can_hold_is_never_saved(tmp_path):
    """A file could not be read back with it: renaming refuses it, and the name taken from
    a long file name (a new or unnamed campaign) is cut to 200 characters."""
    from socialroi_tui.document import CampaignDocument
    from socialroi_tui.editing import rename
    from socialroi_tui.session import CampaignSession
    from socialroi_tui.templates import blank_campaign

    with pytest.raises(ValueError, match="more than 200 characters"):
        rename(blank_campaign("en"), "n" * 201)
    document = CampaignDocument(blank_campaign("en"))
    unnamed = tmp_path / ("u" * 210 + ".toml")
    document.save(unnamed)
    assert load_campaign(unnamed).campaign.meta.name == "u" * 200
    session = CampaignSession("fr")
    session.open(tmp_path / ("m" * 210 + ".toml"))  # a new campaign there
    assert session.document.campaign.meta.name == "m" * 200


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "figure", "figure": "budget.ctr\n", "target": 1},
        {"kind": "consistent", "figure": "plan.cpa", "other": "plan.budget\n"},
    ],
)
def test_a_workshop_figure_ending_in_a_newline_is_refused(fields):
    """It would name no figure: the check could never pass."""
    from pydantic import ValidationError

    from socialroi_tui.model import WorkshopCheck

    with pytest.raises(ValidationError, match=r"figure|other"):
        WorkshopCheck.model_validate(fields)


def test_a_blank_ending_in_a_newline_is_refused():
    """It would blank no field: a release would hand out the trainer's answer."""
    from pydantic import ValidationError

    from socialroi_tui.model import WorkshopStep

    with pytest.raises(ValidationError, match="blanks"):
        WorkshopStep.model_validate({"id": "s1", "section": "budget", "blanks": ["budget.ctr\n"]})


def test_a_path_with_a_nul_byte_is_refused_with_the_documented_errors(tmp_path):
    from socialroi_tui.session import CampaignSession
    from socialroi_tui.store.csv_import import CsvImportError, read_export_file

    with pytest.raises(CsvImportError):
        read_export_file(tmp_path / "a\x00b.csv")
    with pytest.raises(CampaignFileError):
        CampaignSession("en").open(tmp_path / "a\x00b.toml")


async def test_wide_channel_names_stay_beside_their_own_share(tmp_path):
    from socialroi_tui.tui.widgets.number_field import NumberField
    from tui.helpers import loaded, make_app, wait_for

    path = tmp_path / "wide.toml"
    channels = [
        {"id": "a", "network": "facebook", "label": "日本語日本語日本語日本語日本語", "share": 0.1},
        {"id": "b", "network": "linkedin", "label": "Second", "share": 0.2},
        {"id": "c", "network": "x", "label": "Third", "share": 0.3},
    ]
    path.write_text(tomli_w.dumps({"meta": {"name": "w"}, "channels": channels}), "utf-8")
    app = make_app(path, lang="en", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await wait_for(pilot, lambda: len(app.screen.query(".channel-share")) == 3)
        await pilot.pause()
        rows = _terminal_rows(app)
        for share, name in zip(app.screen.query(".channel-share"), channels, strict=True):
            assert isinstance(share, NumberField)
            assert name["label"][:5] in rows[share.region.y], (name["label"], ascii(rows))


@pytest.mark.parametrize("argv", [["--screen"], ["f.toml", "--lang"], ["--screen", "--lang", "fr"]])
def test_an_app_option_without_its_value_exits_2_with_one_line(capsys, argv):
    assert cli_main(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "invalid choice" in err


def test_new_with_odd_names_creates_what_it_says(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir()
    for name, created in [("-", "-.toml"), ("folder", "folder.toml"), (".", None)]:
        code = cli_main(["new", name, "--lang", "en"])
        out, err = capsys.readouterr()
        if created is None:
            assert code == 1 and err.count("\n") == 1
        else:
            assert code == 0 and out == f"{created}: created\n"
            assert load_campaign(tmp_path / created).campaign.meta.name == created[:-5]


# --- the README's guarantees against hostile files, exports and terminals ----------------

HOSTILE = Path(__file__).parent / "data" / "hostile" / "markup-and-escapes.toml"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def test_the_command_line_never_prints_a_control_character(tmp_path, capsys):
    bad_value = tmp_path / "bad.toml"
    bad_value.write_text('[budget]\nctr = "\\u001b[2J\\u0007"\n', encoding="utf-8")
    bad_csv = tmp_path / "bad.csv"
    bad_csv.write_bytes(b"Ad name,Amount spent\n\x1b[2Jad,x\x07\n")
    commands = [
        ["calc", str(HOSTILE)],
        ["calc", str(HOSTILE), "--json"],
        ["report", str(HOSTILE), "--format", "md"],
        ["report", str(HOSTILE), "--format", "csv"],
        ["report", str(HOSTILE), "--format", "json"],
        ["compare", str(HOSTILE)],
        ["compare", str(HOSTILE), "--format", "csv"],
        ["compare", str(HOSTILE), "--format", "json"],
        ["calc", str(HOSTILE), "--scenario", "[/s] \x1b[2J\x9b31m"],
        ["calc", str(HOSTILE), "--scenario", "\x1b[2J nowhere"],
        ["validate", str(bad_value)],
        ["calc", str(bad_value)],
        ["import", str(bad_csv), "--into", str(HOSTILE), "--dry-run"],
    ]
    for command in commands:
        cli_main(command)
        out, err = capsys.readouterr()
        assert not CONTROL.search(out + err), (command, out, err)
    cli_main(["calc", str(HOSTILE)])
    assert "[r]Face[/r] \\x1b[2J" in capsys.readouterr().out  # shown, visibly


def test_a_csv_report_never_starts_a_formula_and_a_markdown_row_stays_one_line(capsys):
    import csv
    import io

    cli_main(["report", str(HOSTILE), "--format", "csv", "--lang", "en", "--scenario", "base"])
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    texts = [cell for row in rows[1:] for cell in row[:2] if cell]
    assert '\'=HYPERLINK("http://evil.example")' in texts
    assert any(cell.startswith("'@SUM(A1:A9)") for cell in texts)
    assert not any(cell[0] in "=+@\t\r" for cell in texts)
    numbers = [cell for row in rows[1:] for cell in row[2:] if cell]
    assert "-150.00" in numbers and not any(cell.startswith("'") for cell in numbers)
    cli_main(["report", str(HOSTILE), "--format", "md", "--lang", "en"])
    report = capsys.readouterr().out
    assert report.startswith("# [r]Face[/r] \\x1b[2J\\x1b[H\n")
    assert "· Scenario: [/s] \\x1b[2J\\x9b31m" in report  # the client, the plan shown
    table = report.split("## Actual results\n\n")[1].splitlines()
    assert len(table) == 2 + len(rows) - 1  # header, rule, one line per row
    assert all(line.startswith("|") and line.endswith("|") for line in table)
    cli_main(["compare", str(HOSTILE), "--format", "csv"])
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert not any(cell[:1] in ("=", "+", "@") for row in rows for cell in row)
    assert "'=cmd|' /C calc'!A0 [b]x[/b]" in rows[0]
    cli_main(["compare", str(HOSTILE), "--format", "md"])
    table = capsys.readouterr().out.split("\n\n")[0].splitlines()
    assert all(line.startswith("|") and line.endswith("|") for line in table)


async def test_every_screen_shows_a_hostile_file_literally(tmp_path):
    """Markup is never read, control characters never drawn, on every screen and the
    dialogs they open (a '[/]' used to bring screens down)."""
    from tests.tui.helpers import funnel_ready, loaded, make_app, wait_for

    path = tmp_path / "hostile.toml"
    path.write_bytes(HOSTILE.read_bytes())
    app = make_app(path, lang="en")
    seen = []
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)

        def drawn() -> str:
            strips = app.screen._compositor.render_strips()
            return "\n".join(strip.text for strip in strips)

        steps = [("2",), ("e",), ("escape",), ("3",), ("down",), ("ctrl+r",), ("escape",)]
        steps += [("4",), ("5",), ("a",), ("escape",), ("f1",), ("escape",), ("1",)]
        steps += [("6",), ("right",), ("r",), ("escape",), ("d",), ("escape",), ("n",)]
        steps += [("escape",), ("ctrl+p",), ("escape",), ("right",), ("enter",)]
        for keys in steps:
            await pilot.press(*keys)
            if keys == ("3",):
                await funnel_ready(pilot)
            await pilot.pause()
            text = drawn()
            assert not CONTROL.search(text), (keys, text)
            seen.append(text)
        await wait_for(pilot, lambda: app.screen.query("#stage-0 .stage-label") or True)
        app.notify("[/] \x1b[2J")  # a message quoting a file is never markup
        await pilot.pause()
    everything = "\n".join(seen)
    for literal in ("[r]Face[/r]", "[/oops]", "[blink]Clicks[/blink]", "\\x1b[2J", "[/s]"):
        assert literal in everything, literal
    assert "=cmd|' /C calc'!A0 [b]x[/b]" in everything


async def test_an_unreadable_rate_written_as_markup_is_reported_not_fatal(tmp_path):
    from tests.tui.helpers import loaded, make_app

    path = tmp_path / "c.toml"
    path.write_text('[budget]\nctr = "[/]"\n', encoding="utf-8")
    app = make_app(path, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert app.document is None
        messages = [n.message for n in app._notifications]
        assert any("budget.ctr" in m and "[/]" in m for m in messages)
    assert path.read_text(encoding="utf-8") == '[budget]\nctr = "[/]"\n'


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("١٢", "count"),
        ("１２", "count"),
        ("𝟏𝟐", "count"),
        ("٢٫٥ %", "rate"),
        ("0,00001 %", "rate"),
        ("1e-30", "rate"),
        ("0,0000001", "money"),
        ("1" * 29, "number"),
        ("0." + "1" * 29, "rate"),
    ],
)
def test_numbers_outside_what_is_accepted_are_refused_clearly(text, kind):
    with pytest.raises(NumberError) as error:
        parse_number(text, kind, lang="fr", field="champ")
    assert str(error.value).startswith("champ\u00a0: «")


def test_a_refused_huge_number_is_quoted_shortened():
    with pytest.raises(NumberError) as error:
        parse_number("9" * 100_000, "money", lang="en", field="budget")
    assert len(str(error.value)) < 200 and "…" in str(error.value)


accepted_rate = st.decimals(
    min_value=Decimal("0.000001"), max_value=1, allow_nan=False, allow_infinity=False
).filter(lambda v: out_of_range(v, "rate") is None)
accepted_money = st.decimals(min_value=0, max_value=Decimal("1e15"), places=6).filter(
    lambda v: out_of_range(v, "money") is None
)
accepted_count = st.integers(min_value=0, max_value=10**15).map(Decimal)


@given(
    accepted_count,
    accepted_rate,
    accepted_rate,
    accepted_money,
    st.sampled_from(["cpm", "cpc"]),
    st.none() | accepted_money,
    st.none() | accepted_rate,
)
def test_every_accepted_input_computes_and_shows_without_error(
    target, conversion_rate, ctr, price, pricing, aov, margin
):
    """Over the whole accepted range (rates from 0,0001 %, six decimals on money, up to
    10^15), plans in both directions compute and format: no overflow, no lost digit."""
    from socialroi_tui.engine.budget import PlanInputs, forward_plan, reverse_plan
    from socialroi_tui.presenter import budget_rows

    inputs = dict(conversion_rate=conversion_rate, ctr=ctr, pricing=pricing, price=price)
    inputs.update(average_order_value=aov, gross_margin=margin)
    reverse = reverse_plan(PlanInputs(target_conversions=target, **inputs))
    forward = forward_plan(PlanInputs(budget=reverse.budget or price, **inputs))
    for result in (reverse, forward):
        for lang in ("fr", "en"):
            for _key, _label, value in budget_rows(result, "EUR", lang):
                assert value and "E" not in value.replace("EUR", "")
    if reverse.clicks is not None:  # exact: whole clicks reach the target
        assert reverse.clicks * conversion_rate >= target


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("x = " + "[" * 5000 + "]" * 5000, "nested too deeply"),
        ("x = " + "[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("[budget]\nctr = " + "1" * 5000, "line 2, column 7: a whole number too long"),
        ("[budget]\nconversion_rate = 1e-30\n", "smallest rate"),
        ("[budget]\nprice = 0.0000001\n", "six decimals"),
    ],
)
def test_files_that_look_valid_get_one_clear_line(tmp_path, capsys, content, expected):
    path = tmp_path / "c.toml"
    path.write_text(content, encoding="utf-8")
    assert cli_main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err and len(err.splitlines()) == 1
    assert cli_main(["calc", str(path)]) == 1


def test_import_errors_name_the_line_and_lose_nothing(tmp_path, capsys):
    campaign = tmp_path / "c.toml"
    campaign.write_bytes((SAMPLES / "seed-000.toml").read_bytes())
    before = campaign.read_bytes()
    cases = {
        "huge-field.csv": b"Ad name,Amount spent\nok,10\n" + b"x" * 140_000 + b",5\n",
        "open-quote.csv": b'Ad name,Amount spent\nok,10\n"never closed,5\nnext,6\n',
    }
    expected = {"huge-field.csv": "line 3: a field is longer", "open-quote.csv": "line 3: a quote"}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        assert (
            cli_main(["import", str(tmp_path / name), "--into", str(campaign), "--lang", "en"]) == 1
        )
        err = capsys.readouterr().err
        assert expected[name] in err and "Traceback" not in err
    assert campaign.read_bytes() == before


def test_a_file_mixing_utf8_and_windows_1252_is_read_line_by_line():
    from socialroi_tui.store.csv_import import read_export

    data = "Ad name;Amount spent\nCafé;10\n".encode() + "Thé;5\n".encode("cp1252")
    names = [row.publication for row in read_export(data).rows]
    assert names == ["Café", "Thé"]


def test_the_same_export_resaved_is_the_same_import(tmp_path):
    from socialroi_tui.store.csv_import import import_into, read_export

    data = b"Ad name,Amount spent,Link clicks\nA,10,5\nB,20,7\n"
    resaved = b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n").replace(b"A,", b'"A",')
    campaign = import_into(load_campaign(SAMPLES / "seed-000.toml").campaign, read_export(data))
    with pytest.raises(ValueError, match="already imported"):
        import_into(campaign, read_export(resaved))


def test_an_import_never_leaves_a_file_the_app_refuses(tmp_path, monkeypatch, capsys):
    from socialroi_tui.store import toml_store

    campaign = tmp_path / "c.toml"
    campaign.write_bytes((SAMPLES / "seed-000.toml").read_bytes())
    before = campaign.read_bytes()
    export = tmp_path / "e.csv"
    export.write_bytes(b"Ad name,Amount spent\n" + b"".join(b"ad %d,1\n" % i for i in range(50)))
    monkeypatch.setattr(toml_store, "MAX_FILE_BYTES", len(before) + 100)
    assert cli_main(["import", str(export), "--into", str(campaign), "--lang", "en"]) == 1
    assert "limited to" in capsys.readouterr().err
    assert campaign.read_bytes() == before


def test_an_import_never_makes_two_channels_with_one_id(tmp_path):
    from socialroi_tui.store.csv_import import import_into, read_export

    campaign = Campaign.model_validate(
        {"channels": [{"id": "facebook", "network": "linkedin"}, {"id": "facebook-2"}]}
    )
    data = b"Ad name,Amount spent,Platform\nA,10,facebook\n"
    imported = import_into(campaign, read_export(data))
    ids = [c.id for c in imported.channels]
    assert len(ids) == len(set(ids)) == 3
    Campaign.model_validate(imported.model_dump())


def test_two_imports_at_once_both_land(tmp_path):
    import subprocess
    import sys

    campaign = tmp_path / "c.toml"
    campaign.write_bytes((SAMPLES / "seed-000.toml").read_bytes())
    exports = []
    for name in ("first", "second"):
        export = tmp_path / f"{name}.csv"
        rows = b"".join(b"%s %d,1\n" % (name.encode(), i) for i in range(300))
        export.write_bytes(b"Ad name,Amount spent\n" + rows)
        exports.append(export)
    command = [sys.executable, "-m", "socialroi_tui", "import"]
    runs = [
        subprocess.Popen([*command, str(e), "--into", str(campaign)], stdout=subprocess.DEVNULL)
        for e in exports
    ]
    assert [run.wait(timeout=120) for run in runs] == [0, 0]
    assert len(load_campaign(campaign).campaign.actuals) == 600


def test_dry_run_writes_no_mapping_and_bad_mappings_are_usage_errors(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    campaign = tmp_path / "c.toml"
    campaign.write_bytes((SAMPLES / "seed-000.toml").read_bytes())
    export = tmp_path / "e.csv"
    export.write_bytes(b"Poste,Budget\nA,10\n")
    maps = ["--map", "Poste=publication", "--map", "Budget=spend"]
    base = ["import", str(export), "--into", str(campaign), *maps, "--lang", "en"]
    assert cli_main([*base, "--save-mapping", "salons", "--dry-run"]) == 0
    assert not (tmp_path / "config").exists()
    assert cli_main([*base, "--save-mapping", "../escape"]) == 2
    assert cli_main([*base, "--mapping", "a b"]) == 2
    folder = tmp_path / "config" / "socialroi" / "mappings"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "pipe.json")
    assert cli_main([*base, "--mapping", "pipe"]) == 2  # refused at once, not read
    assert "not a regular file" in capsys.readouterr().err


def test_a_killed_save_leaves_nothing_behind_at_the_next_save(tmp_path):
    from socialroi_tui.session import CampaignSession

    campaign = tmp_path / "c.toml"
    campaign.write_bytes((SAMPLES / "seed-000.toml").read_bytes())
    stale = [tmp_path / ".c.toml.0123456789ab.tmp", tmp_path / ".c.toml.bak.ab12cd34ef56.tmp"]
    for path in stale:
        path.write_bytes(b"x" * 1000)
    unrelated = tmp_path / ".other.toml.0123456789ab.tmp"
    unrelated.write_bytes(b"x")
    CampaignSession().open(campaign)
    assert not any(path.exists() for path in stale) and unrelated.exists()
    stale[0].write_bytes(b"x")
    save_campaign(load_campaign(campaign).campaign, campaign)
    assert not stale[0].exists()


def test_new_in_a_folder_that_cannot_be_written_says_so(tmp_path, monkeypatch, capsys):
    from socialroi_tui.store import toml_store

    def refused(path, *, private=False):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(toml_store, "create_temporary", refused)
    assert cli_main(["new", str(tmp_path / "x")]) == 1
    assert "cannot be created (Permission denied)" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Up to two quotes before a multi-line string's end belong to it: the brackets
        # after it are counted (a compiled reader given 8 000 levels may crash).
        ("y = \"\\e\"\nx = ['''a'''', " + "[" * 8000 + "]" * 8000 + "]\n", "nested too deeply"),
        ('y = "\\e"\nx = ["""a""""", ' + "[" * 8000 + "]" * 8000 + "]\n", "nested too deeply"),
        ("[budget]\nbudget = 1e9999999999999999999\n", "budget.budget: must be a finite"),
        ("[budget]\nbudget = 1e999999999999999999\n", "budget.budget: 1E+999999999999999999 is"),
        ("[budget]\nbudget = 1e-1000059\n", "more than six decimals"),
        ("[meta]\nstart_date = 0000-01-01\n", "line 2, column 14: not valid TOML (a date"),
    ],
)
@pytest.mark.parametrize("size", ["small", "large"])
def test_numbers_and_nesting_past_any_reader_get_one_clear_line(text, expected, size, tmp_path):
    """Whatever reads the file (tomllib below 256 KB, tomli's compiled build above), no
    crash, no traceback: one line naming the problem."""
    padding = "" if size == "small" else "#" + "x" * 300_000 + "\n"
    path = tmp_path / "c.toml"
    path.write_text(padding + text, encoding="utf-8")
    with pytest.raises(CampaignFileError) as caught:
        load_campaign(path)
    line = 3 if size == "large" else 2
    assert expected.replace("line 2", f"line {line}") in str(caught.value)


def test_a_result_cannot_be_changed_in_place():
    """Saves write each result once and keep the text with the row: a row changed in
    place would be saved as it was. Rows are frozen; an edit makes a new one."""
    from pydantic import ValidationError

    from socialroi_tui.model import ActualResult

    row = ActualResult(channel="fb", spend=Decimal(1))
    with pytest.raises(ValidationError):
        row.spend = Decimal(2)


@pytest.mark.parametrize(
    "options",
    [
        ["--for", "cpm", "--target-cpa", "NaN"],
        ["--for", "cpm", "--target-cpa", "1e999"],
        ["--for", "cpm", "--target-cpa", "-5"],
        ["--for", "cpm", "--target-cpa", "0"],
        ["--for", "cpm", "--target-roas", "0", "--aov", "10"],
        ["--for", "cpm", "--target-roi", "-100%", "--aov", "10"],
        ["--for", "cpm", "--target-roi", "1e9", "--aov", "10"],
        ["--for", "cpm", "--target-cpa", "999999999999999", "--aov", "999999999999999"],
        ["--for", "target-sales", "--budget", "999999999999999", "--cpm", "0.000001"],
        ["--for", "budget", "--target-sales", "999999999999999", "--cpm", "999999999999999"],
        ["--for", "ctr", "--target-sales", "1", "--budget", "0", "--cpm", "2"],
        ["--for", "cpc", "--target-cpa", "5", "--currency", "\x1b[31mX"],
        ["--for", "cpm", "--target-cpa", "5\x00"],
        ["--for", "cpm", "--target-cpa", "٥"],
    ],
)
def test_goal_seek_takes_any_argument_without_a_traceback(capsys, options):
    """Whatever the numbers, ``solve`` answers, says there is no answer, or names the
    argument it cannot read: in one line, with nothing that drives the terminal."""
    argv = ["solve", "--conversion-rate", "0.0001%", "--ctr", "100%", *options]
    code = cli_main(argv)
    out, err = capsys.readouterr()
    assert code in (0, 1, 2) and "Traceback" not in out + err
    assert "\x1b" not in out + err and "\x00" not in out + err
    if code == 2:
        assert out == "" and err.count("\n") == 1


def test_a_large_file_naming_its_results_twice_is_refused_as_toml_says(tmp_path):
    """Results written last and plainly are read quickly, but not past a head that
    defines ``actuals`` too (TOML refuses the file: so does socialroi)."""
    from socialroi_tui.store import CampaignFileError, parse_campaign
    from socialroi_tui.store.toml_store import PIECE_BYTES

    rows = "".join(
        f'\n[[actuals]]\nchannel = "fb"\npublication = "Post {i}"\nspend = 12.5\n'
        for i in range(PIECE_BYTES // 40)
    )
    body = '[[channels]]\nid = "fb"\nnetwork = "facebook"\n' + rows
    assert len(parse_campaign(body).actuals) == PIECE_BYTES // 40
    for head in ("actuals = []\n", "[actuals]\n"):
        with pytest.raises(CampaignFileError):
            parse_campaign(head + body)


def _seed_with(extra: str, before: str = "") -> str:
    from socialroi_tui.store import dump_campaign, load_campaign

    base = load_campaign(Path(__file__).parent.parent / "sample_campaigns" / "seed-000.toml")
    campaign = base.campaign.model_copy(update={"scenarios": [], "active_scenario": ""})
    return before + dump_campaign(campaign) + extra


def test_scenarios_that_overspend_hide_the_base_or_hold_odd_text_are_handled(tmp_path, capsys):
    """Shares over 100 % in a scenario, a scenario named as the base plan: refused with
    the file and the field; odd characters in a name leave the JSON valid and the
    terminal clean; a CSV row never starts a formula."""
    import csv
    import io
    import json

    from socialroi_tui.store import CampaignFileError, parse_campaign

    over = '[[scenarios]]\nname = "Over"\n[scenarios.channels.linkedin]\nshare = 0.9\n'
    over += "[scenarios.channels.facebook]\nshare = 0.9\n"
    for extra, words in ((over, "over 100"), ('[[scenarios]]\nname = "base"\n', "base plan")):
        with pytest.raises(CampaignFileError) as caught:
            parse_campaign(_seed_with(extra), "c.toml")
        assert words in caught.value.words("en") and "scenarios" in caught.value.words("en")
    odd = tmp_path / "odd.toml"
    name = "a\\u009b31mRED\\u007fx\\u2028y\\u202eesab"
    odd.write_text(_seed_with(f'[[scenarios]]\nname = "{name}"\n[scenarios.budget]\nprice = 3\n'))
    assert cli_main(["compare", str(odd), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert not CONTROL.search(out) and "\u202e" not in out
    assert json.loads(out)["scenarios"][1] == "a\x9b31mRED\x7fx\u2028y\u202eesab"
    assert cli_main(["compare", str(odd), "--format", "md"]) == 0
    assert "\u202e" not in capsys.readouterr().out
    dash = tmp_path / "dash.toml"
    text = _seed_with(
        '[[scenarios]]\nname = "S"\n[scenarios.channels."-1"]\nprice = 3\n',
    ).replace('id = "linkedin"', 'id = "-1"')
    dash.write_text(text)
    assert cli_main(["compare", str(dash), "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert not any(cell[:1] in ("=", "+", "@", "-") for row in rows for cell in row[:2])
    usd = tmp_path / "usd.toml"
    usd.write_text(_seed_with("").replace('currency = "EUR"', 'currency = "USD"'))
    assert cli_main(["compare", str(odd), str(usd), "--lang", "en"]) == 2
    assert "different currencies (EUR, USD)" in capsys.readouterr().err


async def test_a_scenario_named_as_markup_is_text_in_the_palette(tmp_path):
    from tests.tui.helpers import loaded, make_app, wait_for

    path = tmp_path / "markup.toml"
    path.write_text(_seed_with('[[scenarios]]\nname = "[/]"\n\n[[scenarios]]\nname = "[b]x"\n'))
    app = make_app(path, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p", *"Scen")
        await wait_for(pilot, lambda: "Scenario: [/]" in _palette_text(app))
        assert "Scenario: [b]x" in _palette_text(app)
        await pilot.press("escape")


def _palette_text(app) -> str:
    from textual.command import CommandList

    lists = app.screen.query(CommandList)
    if not lists:
        return ""
    options = lists.first()
    return "\n".join(
        str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
    )


def test_a_hostile_file_as_a_workbook_holds_text_never_formulas(tmp_path, capsys):
    import zipfile

    target = tmp_path / "hostile.xlsx"
    assert cli_main(["report", str(HOSTILE), "--format", "xlsx", "-o", str(target)]) == 0
    assert not CONTROL.search(capsys.readouterr().out)
    with zipfile.ZipFile(target) as book:
        strings = book.read("xl/sharedStrings.xml").decode()
        sheets = [book.read(n).decode() for n in book.namelist() if "worksheets/sheet" in n]
    assert "&apos;=HYPERLINK" in strings or "'=HYPERLINK" in strings
    assert "\x1b" not in strings and "\x07" not in strings
    formulas = [f for sheet in sheets for f in re.findall(r"<f>(.*?)</f>", sheet)]
    assert formulas and all(re.fullmatch(r"[A-Z0-9$(),*/+.-]+", f) for f in formulas)


HOSTILE_NETWORKS = [
    "[bold red]x[/]",
    "\x1b[31mred\x1b[0m\x07",
    "tab\tnul\x00bs\x08cr\rlf\nend",
    "N" * 200,  # the longest a label may be
    "\u202eesab\u202c \u2067isolated\u2069",
]
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def test_hostile_network_names_in_bars_are_text_cut_to_their_column():
    from socialroi_tui.presenter import bar_chart
    from socialroi_tui.tui.widgets.bars import chart_lines

    rows = [(name, D(index + 1), D(2)) for index, name in enumerate(HOSTILE_NETWORKS)]
    for width in (20, 37, 80):
        chart = bar_chart(rows, "money", "EUR", "en", title="[/] \x1b[2J title")
        lines = chart_lines(chart, width, reference_name="plan")
        for line in lines:
            assert not CONTROL.search(line.plain) and not BIDI.search(line.plain), ascii(line)
            assert not line.spans or all(span.style != "" for span in line.spans)
        plain = [line.plain for line in lines]
        assert plain[0].startswith("[/] \\x1b[2J"[: width - 1])
        assert plain[1].startswith("[bold red]x[/]"[:3])
        assert plain[2].startswith("\\x1b[31m"[:3])
        assert "…" in plain[4] and plain[4].count("N") < 16
        assert plain[5].startswith("\\x202e"[:3])
        if width == 80:
            assert plain[1].startswith("[bold red]x[/]") and plain[2].startswith("\\x1b[31m")


async def test_hostile_network_names_show_literally_in_the_budgets_bars(tmp_path):
    from tui.helpers import loaded, make_app, wait_for

    seed = load_campaign(SAMPLES / "seed-000.toml").campaign
    channels = [
        {"id": f"n{index}", "network": "other", "label": name, "share": 0.2}
        for index, name in enumerate(HOSTILE_NETWORKS)
    ]
    channels[0]["ctr"] = 0.005  # dearer sales: a bar past the plan's CPA
    data = {
        "meta": {"name": "[b]bars[/b]"},
        "budget": {
            key: value
            for key, value in seed.budget.model_dump(mode="json").items()
            if key in ("mode", "target_conversions", "conversion_rate", "ctr", "price")
        },
        "channels": channels,
    }
    path = tmp_path / "hostile-bars.toml"
    path.write_text(tomli_w.dumps(data), "utf-8")
    app = make_app(path, lang="fr", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: app.screen.query("#bars-cpa"))
        await wait_for(pilot, lambda: "[bold red]" in app.screen.query_one("#bars-cpa").plain)
        shown = assert_drawn_as_text(app)
        assert not BIDI.search(shown), ascii(shown)
        for literal in ("[bold red]x[/]", "\\x1b[31m", "NNNN…", "\\x202e", "▒"):
            assert literal in shown, literal


# --- attribution: names and numbers from a journeys file -----------------------------------

HOSTILE_CHANNELS = [
    "\x1b[31mred\x1b[0m",
    '=HYPERLINK("http://x")',
    "[b]bold[/b] | <script",
    "\u202eesab\u202c",
    "bell\x07",
    "long" * 200,
]


def test_hostile_channel_names_reach_no_output_raw(tmp_path, capsys):
    import json as json_module

    from socialroi_tui.cli import main

    rows = "".join(f"{name} > email;1;10;1\n" for name in HOSTILE_CHANNELS)
    path = tmp_path / "hostile.csv"
    path.write_text("path;total_conversions;total_conversion_value;total_null\n" + rows)
    for fmt in ("md", "csv", "json"):
        assert main(["attribute", str(path), "--format", fmt]) == 0
        out, _ = capsys.readouterr()
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
        if fmt == "csv":
            assert "'=hyperlink" in out and "\n=" not in out and '\n"=' not in out
        if fmt == "json":
            data = json_module.loads(out)
            assert "\x1b[31mred\x1b[0m" in data["channels"]  # escaped in the text, kept in the data
        if fmt == "md":
            assert "\\| <script" in out


def test_huge_and_infinite_numbers_in_journeys_are_refused(tmp_path, capsys):
    from socialroi_tui.cli import main

    path = tmp_path / "huge.csv"
    path.write_text(
        "path;total_conversions;total_conversion_value;total_null\n"
        "a;1e999;0;0\nb;99999999999999999999999;0;0\nc;1;inf;0\nd;1;1000000000000000;0\n"
    )
    assert main(["attribute", str(path), "--lang", "en"]) == 1
    _, err = capsys.readouterr()
    assert "line 2:" in err and "line 3:" in err and "line 4:" in err and "line 5:" not in err


JOURNEYS_HEADER = b"path;total_conversions;total_conversion_value;total_null"
JOURNEYS_HEAD = JOURNEYS_HEADER.decode() + "\n"


def _campaign_reading(tmp_path, name: str, data: bytes, counted: bool = False) -> Path:
    """seed-000 with the journeys file ``name`` holding ``data``; ``counted``: the
    dashboard counts the attribution's sales."""
    from tui.helpers import copy_sample

    path = copy_sample("seed-000", tmp_path)
    (tmp_path / name).write_bytes(data)
    settings = f'[attribution]\njourneys = "{name}"\n\n'
    if counted:
        settings += '[dashboard]\nsales_from = "attribution"\n\n'
    path.write_text(path.read_text(encoding="utf-8").replace("[budget]", settings + "[budget]", 1))
    return path


async def test_hostile_channel_names_in_journeys_show_as_text_on_the_attribution_screen(
    tmp_path,
):
    from socialroi_tui.tui.widgets.figure_table import FigureTable
    from tui.helpers import loaded, make_app, wait_for

    rows = "[bold red]zz[/] > \x1b[31mred\x07;5;50;1\nfb;2;20;3\n"
    path = _campaign_reading(tmp_path, "j.csv", (JOURNEYS_HEAD + rows).encode())
    app = make_app(path, lang="fr", screen="attribution")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        table = app.screen.query_one(FigureTable)
        await wait_for(pilot, lambda: len(table.rows) == 3)
        drawn = "\n".join(table.render_line(y).text for y in range(1, 4))
        assert "[bold red]zz[/]" in drawn and "\x1b" not in drawn and "\x07" not in drawn
        bars = app.screen.query_one("#attribution-bars")
        assert "[bold red]zz[/]" in bars.plain and "\x1b" not in bars.plain


NOT_JOURNEYS = {
    "workbook.xlsx": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 4,
    "program.csv": b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 4,
    "noise.csv": bytes((i * 7919) % 256 for i in range(3000)),
    "nuls.csv": b"\x00\xd8\x00\xdc" * 40 + b"\x00\xd8\x41" * 40,
    "empty.csv": b"",
    "blank.csv": b"\n\n   \n",
}


@pytest.mark.parametrize("name", NOT_JOURNEYS)
def test_a_file_that_is_not_journeys_is_said_so_by_name(tmp_path, capsys, name):
    """A workbook, a program, random bytes, bytes taken for UTF-16, an empty file: a
    message naming the file (it used to end in a traceback: csv.Error, UnicodeDecodeError)."""
    from socialroi_tui.cli import main
    from socialroi_tui.store.journeys import JourneyError, read_journeys_file

    path = tmp_path / name
    path.write_bytes(NOT_JOURNEYS[name])
    with pytest.raises(JourneyError) as raised:
        read_journeys_file(path)
    said = raised.value.words("fr")
    assert name in str(raised.value) or name in said
    assert main(["attribute", str(path), "--lang", "fr"]) == 1
    _out, err = capsys.readouterr()
    assert name in err and "Traceback" not in err and "\x1b" not in err
    assert "PK\\x03" not in err  # no bytes of the file quoted as its "columns"


def test_a_pipe_a_device_or_a_folder_as_journeys_is_refused_at_once(tmp_path, capsys):
    """A FIFO would block the reading forever, /dev/zero would never end: refused before
    anything is read, with the name."""
    import os

    from socialroi_tui.cli import main

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero"), tmp_path):
        assert main(["attribute", str(path), "--lang", "en"]) == 1
        _out, err = capsys.readouterr()
        assert str(path) in err and "not a file that can be read" in err


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("plain.csv", f"{JOURNEYS_HEADER.decode()}\nfb>google;1;\u0661\u0662;1\n"),
        ("careful.csv", f"# exported\n{JOURNEYS_HEADER.decode()}\nfb>google;\u0661\u0662;5;1\n"),
        ("wide.csv", f"{JOURNEYS_HEADER.decode()}\nfb>google;\uff11\uff12;5;1\n"),
        (
            "late.csv",
            "user_id,timestamp,channel,conversion,value\nu,9999-12-31T23:59:59-05:00,fb,1,5\n",
        ),
        (
            "early.csv",
            "user_id,timestamp,channel,conversion,value\nu,0001-01-01T00:00:00+05:00,fb,1,5\n",
        ),
    ],
)
def test_digits_and_dates_the_readers_cannot_take_are_refused_by_line(tmp_path, name, text):
    """Arabic-Indic or full-width digits (polars took them for plain numbers, then failed
    in a traceback or summed them as 0) and offsets past the ends of the calendar (an
    OverflowError): refused with the file and the line."""
    from socialroi_tui.store.journeys import JourneyError, read_journeys_file

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(JourneyError) as raised:
        read_journeys_file(path)
    assert name in str(raised.value) and "line " in str(raised.value)


def test_a_csv_with_old_mac_line_ends_is_read(tmp_path):
    """ "CSV (Macintosh)": lines ended by a carriage return alone, read as any other."""
    from socialroi_tui.store.journeys import read_journeys_file

    rows = [JOURNEYS_HEADER, b"fb > ig;3;30;1", b"ig;1;10;2"]
    (tmp_path / "crlf.csv").write_bytes(b"\r\n".join(rows) + b"\r\n")
    (tmp_path / "cr.csv").write_bytes(b"\r".join(rows) + b"\r")
    cr = read_journeys_file(tmp_path / "cr.csv")
    assert cr.total("conversions") == 4 and cr.channels == ("facebook", "instagram")
    assert cr.frame.equals(read_journeys_file(tmp_path / "crlf.csv").frame)


async def test_a_workbook_chosen_as_journeys_is_said_on_the_screens(tmp_path):
    """The dashboard counting the attribution's sales, and the attribution screen: the
    file is named, nothing ends."""
    from tui.helpers import loaded, make_app, text_of, wait_for

    path = _campaign_reading(tmp_path, "j.xlsx", NOT_JOURNEYS["workbook.xlsx"], counted=True)
    app = make_app(path, lang="fr", screen="dashboard")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await wait_for(pilot, lambda: app.document.attribution_problem is not None)
        await pilot.press("7")
        await wait_for(pilot, lambda: "j.xlsx" in text_of(app, "#attribution-summary"))
        assert "pas un fichier texte" in text_of(app, "#attribution-summary")


async def test_a_journeys_file_whose_problem_quotes_markup_is_said_literally(tmp_path):
    """The reader's message quotes the file's text ("[/x]" would end a style that was
    never opened: Textual's markup refused it, and the app ended in a traceback)."""
    from tui.helpers import loaded, make_app, text_of, wait_for

    path = _campaign_reading(
        tmp_path, "[red]j.csv", (JOURNEYS_HEAD + "fb > ig;[/x];10;2\n").encode()
    )
    app = make_app(path, lang="fr", screen="attribution")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await wait_for(pilot, lambda: "[/x]" in text_of(app, "#attribution-summary"))
        said = text_of(app, "#attribution-summary")
        assert "[red]j.csv" in said and "ligne 2" in said


# --- workshop workbooks --------------------------------------------------------------

_HOSTILE_TEXT = "[bold red]x[/] \x1b[31mred\x1b[0m \x07bell | pipe\nnew line <b>html</b>"


def _hostile_workbook(tmp_path) -> Path:
    from socialroi_tui.store import dump_campaign
    from socialroi_tui.templates import template_text

    campaign = parse_campaign(template_text("workshop-en"))
    steps = [
        step.model_copy(
            update={
                "title": _HOSTILE_TEXT,
                "instructions": _HOSTILE_TEXT,
                "hints": [_HOSTILE_TEXT],
                "checks": [
                    check.model_copy(update={"passed": _HOSTILE_TEXT, "missed": _HOSTILE_TEXT})
                    for check in step.checks
                ],
            }
        )
        for step in campaign.workshop.steps
    ]
    workshop = campaign.workshop.model_copy(
        update={"title": _HOSTILE_TEXT[:150], "steps": steps, "participant": _HOSTILE_TEXT[:150]}
    )
    path = tmp_path / "hostile.toml"
    path.write_text(dump_campaign(campaign.model_copy(update={"workshop": workshop})), "utf-8")
    return path


def test_hostile_workshop_texts_never_reach_the_terminal_raw(tmp_path, capsys):
    from socialroi_tui.engine.workshop import check_step, use_hint

    path = _hostile_workbook(tmp_path)
    room = tmp_path / "room"
    outputs = []
    for argv in (
        ["workshop", "release", str(path), "--to", str(room), "--participants", "2"],
        ["workshop", "status", str(room)],
        ["workshop", "status", str(room), "--format", "csv"],
        ["workshop", "status", str(room), "--format", "json"],
        ["workshop", "collect", str(room), "--trainer", str(path)],
        ["report", str(path)],
    ):
        code = cli_main(argv)
        out, err = capsys.readouterr()
        assert code == 0, err
        outputs.append(out + err)
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", out + err), argv
    collected, report = outputs[4], outputs[5]
    for document in (collected, report):
        rows = [line for line in document.splitlines() if line.startswith("| ")]
        assert all(line.endswith("|") for line in rows)  # a newline never breaks a row
        assert "\\x1b[31mred" in document and "[bold red]x[/]" in document
    # the texts reach the interface as written: it shows them as text (text/safe.py)
    campaign = load_campaign(path).campaign
    assert check_step(campaign, "budget")[0].feedback == _HOSTILE_TEXT
    assert use_hint(campaign, "budget")[1] == _HOSTILE_TEXT


def test_a_workbook_of_ten_thousand_steps_is_refused_at_once(tmp_path, capsys):
    import time

    steps = "".join(
        f'[[workshop.steps]]\nid = "s{i}"\nsection = "budget"\ninstructions = "x"\n\n'
        for i in range(10_000)
    )
    path = tmp_path / "many.toml"
    path.write_text("[workshop]\n" + steps, "utf-8")
    started = time.perf_counter()
    code = cli_main(
        ["workshop", "release", str(path), "--to", str(tmp_path / "r"), "--participants", "1"]
    )
    _, err = capsys.readouterr()
    assert code == 1
    assert "workshop.steps: has more than 100 entries" in err
    assert time.perf_counter() - started < 5
    assert not (tmp_path / "r").exists()


@pytest.mark.parametrize(
    ("part", "expected"),
    [
        ('instructions = "{big}"', "workshop.steps[0].instructions"),
        ('instructions = {{ fr = "{big}" }}', "workshop.steps[0].instructions"),
        ('hints = ["{big}"]', "workshop.steps[0].hints[0]"),
        ("hints = [{many}]", "workshop.steps[0].hints: has more than 20 entries"),
        ("blanks = [{blanks}]", "workshop.steps[0].blanks: has more than 50 entries"),
    ],
)
def test_enormous_workshop_texts_are_refused_clearly(tmp_path, capsys, part, expected):
    big = "x" * 5_000_000
    many = ", ".join(['"h"'] * 5000)
    blanks = ", ".join(f'"kpis.target:{i}"' for i in range(5000))
    text = '[workshop]\n[[workshop.steps]]\nid = "a"\nsection = "budget"\n'
    text += part.format(big=big, many=many, blanks=blanks) + "\n"
    path = tmp_path / "big.toml"
    path.write_text(text, "utf-8")
    code = cli_main(["validate", str(path)])
    _, err = capsys.readouterr()
    assert code == 1
    assert expected in err
    assert len(err) < 2000


async def test_journeys_too_large_for_the_memory_are_said_not_fatal(tmp_path, monkeypatch):
    """A MemoryError while reading the journeys (a file too large for the machine) is
    said on the attribution screen and the dashboard; the app goes on."""
    import socialroi_tui.store.journeys as journeys_module
    from tui.helpers import loaded, make_app, text_of, wait_for

    def too_large(*_args, **_kwargs):
        raise MemoryError

    monkeypatch.setattr(journeys_module, "read_journeys_file", too_large)
    path = _campaign_reading(tmp_path, "j.csv", b"path;total_conversions\nfb;1\n", counted=True)
    app = make_app(path, lang="fr", screen="dashboard")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await wait_for(pilot, lambda: app.document.attribution_problem is not None)
        await pilot.press("7")
        await wait_for(pilot, lambda: "mémoire" in text_of(app, "#attribution-summary"))
        assert app.is_running


async def test_the_dashboard_names_unreadable_journeys_and_their_markup_stays_text(tmp_path):
    """The dashboard counting the attribution's sales says, in its table's frame, why the
    journeys could not be read; the frame reads markup, and "[/x]" quoted from the file
    ended the app."""
    from tui.helpers import loaded, make_app, wait_for

    data = (JOURNEYS_HEAD + "fb;[/x];1;1\n").encode()
    path = _campaign_reading(tmp_path, "j.csv", data, counted=True)
    app = make_app(path, lang="fr", screen="dashboard")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        table = app.screen.query_one("#dashboard-table")
        await wait_for(pilot, lambda: "j.csv" in str(table.border_subtitle))
        await pilot.pause()
        assert app.is_running and "ligne 2" in str(table.border_subtitle)
        assert "[/x]" in app.export_screenshot()  # drawn as it is, in the frame


async def test_a_scenario_named_with_markup_names_the_budgets_frame_literally(tmp_path):
    """The budget's frame names the active scenario, and a frame's title reads markup: a
    scenario named "[/x] CTR" ended the app ("[/s]" of the hostile file did not)."""
    from tests.tui.helpers import copy_sample, loaded, make_app

    path = copy_sample("seed-000", tmp_path)
    text = path.read_text(encoding="utf-8").replace('name = "CTR 1,5 %"', 'name = "[/x] CTR"')
    path.write_text('active_scenario = "[/x] CTR"\n' + text, encoding="utf-8")
    app = make_app(path, lang="fr", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.pause()
        assert app.is_running and "[/x]&#160;CTR" in app.export_screenshot()


async def test_a_network_named_with_markup_and_no_share_names_the_split_literally(tmp_path):
    """The split's frame names a network whose share is still to type, and a frame reads
    markup: its name from the file is text there."""
    from tests.tui.helpers import copy_sample, loaded, make_app

    path = copy_sample("seed-000", tmp_path)
    text = path.read_text(encoding="utf-8")
    text = text.replace('label = "LinkedIn"\nshare = 0.40\n', 'label = "[/x] Li"\n', 1)
    path.write_text(text, encoding="utf-8")
    app = make_app(path, lang="fr", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.pause()
        assert app.document.campaign.channels[0].share is None
        assert app.is_running and "part&#160;de&#160;[/x]&#160;Li" in app.export_screenshot()
