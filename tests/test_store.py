import os
import tomllib
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from socialroi_tui.model import (
    NETWORKS,
    ActualResult,
    BudgetPlan,
    Campaign,
    Channel,
    ChannelChanges,
    CustomKpi,
    Funnel,
    FunnelStage,
    KpiMapping,
    Meta,
    ObjectiveChoice,
    PlanChanges,
    Scenario,
)
from socialroi_tui.store import (
    MAX_FILE_BYTES,
    CampaignFileError,
    dump_campaign,
    load_campaign,
    parse_campaign,
    save_campaign,
)
from socialroi_tui.store.toml_store import has_toml_comments
from socialroi_tui.text.numbers import Ratio


def problems_of(text: str) -> str:
    with pytest.raises(CampaignFileError) as caught:
        parse_campaign(text, "c.toml")
    return str(caught.value)


def test_syntax_errors_name_file_line_and_column():
    message = problems_of('[meta]\nname = "x"\ncurrency = EUR\n')
    assert message.startswith("c.toml: line 3, column 12: not valid TOML")


def test_value_errors_name_the_key_path():
    message = problems_of('[budget]\nctr = "abc"\n[[channels]]\nid = "fb"\nshare = 1.5\n')
    assert "budget.ctr: ctr: 'abc' is not a number" in message
    assert "channels[0].share: is a rate above 100 %" in message


def test_unknown_keys_wrong_types_and_references():
    assert "meta.nmae: unknown key" in problems_of('[meta]\nnmae = "x"\n')
    assert "budget.price: cannot be negative" in problems_of("[budget]\nprice = -2\n")
    assert "expected a number" in problems_of("[budget]\nprice = true\n")
    assert "unknown objective 'fame'" in problems_of('[[objectives]]\nid = "fame"\n')
    assert "no channel has the id 'tv'" in problems_of('[[actuals]]\nchannel = "tv"\n')
    assert "finite number" in problems_of("[budget]\nprice = nan\n")
    assert "finite number" in problems_of("[budget]\nprice = inf\n")
    assert "too large" in problems_of("[budget]\nprice = 1e300\n")


def test_a_newer_schema_is_refused_clearly():
    message = problems_of('schema_version = 2\n[meta]\nname = "future"\nnew_thing = 1\n')
    assert "newer socialroi" in message
    assert "unknown key" not in message  # refused before anything is half-read


def test_numbers_as_text_are_read_in_the_campaigns_language():
    campaign = parse_campaign('[meta]\nlanguage = "fr"\n[budget]\nctr = "2,5 %"\nprice = "1,234"\n')
    assert campaign.budget.ctr == D("0.025")
    assert campaign.budget.price == D("1.234")
    campaign = parse_campaign('[meta]\nlanguage = "en"\n[budget]\nprice = "1,234"\n')
    assert campaign.budget.price == D("1234")


def test_load_refuses_folders_missing_files_huge_files_and_bad_bytes(tmp_path):
    with pytest.raises(CampaignFileError, match="is a folder"):
        load_campaign(tmp_path)
    with pytest.raises(CampaignFileError, match="no such file"):
        load_campaign(tmp_path / "missing.toml")
    big = tmp_path / "big.toml"
    with big.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(CampaignFileError, match="limited to 32 MB"):
        load_campaign(big)
    latin = tmp_path / "latin.toml"
    latin.write_bytes(b'[meta]\nname = "caf\xe9"\n')
    with pytest.raises(CampaignFileError, match="line 2, column 12: not UTF-8"):
        load_campaign(latin)


def test_comments_are_detected_outside_strings(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('[meta]\nname = "a # not a comment"\n', encoding="utf-8")
    assert not load_campaign(path).has_comments
    path.write_text('# fill in the blanks\n[meta]\nname = "a"\n', encoding="utf-8")
    assert load_campaign(path).has_comments
    path.write_text(
        '[meta]\nnotes = """\nline # inside\n"""\nname = \'x\' # trailing\n', encoding="utf-8"
    )
    assert load_campaign(path).has_comments


def scanned_for_comments(text: str) -> bool:
    """The rule, character by character (the app's first scanner, kept as the reference):
    a string opens with three double quotes, three single quotes, or one of either; a
    double-quoted string skips escapes; a one-line string ends at the line's end; a
    ``#`` outside strings is a comment."""
    index = 0
    while index < len(text):
        if text[index] == "#":
            return True
        quote = next((q for q in ('"""', "'''", '"', "'") if text.startswith(q, index)), None)
        if quote is None:
            index += 1
            continue
        index += len(quote)
        while index < len(text):
            if quote.startswith('"') and text[index] == "\\":
                index += 2
            elif text.startswith(quote, index):
                index += len(quote)
                break
            elif len(quote) == 1 and text[index] == "\n":
                index += 1
                break
            else:
                index += 1
    return False


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="\"'#\\\na =[]", max_size=40))
@example('a = "\\"#"')  # an escaped quote does not end the string
@example("a = '\\'#'")  # in a literal string it does
@example('a = """x\n#"""\nb = "x\n#')  # multi-line, then a one-line string cut by the line
def test_the_comment_scanner_follows_the_rule(text):
    assert has_toml_comments(text) == scanned_for_comments(text)


def test_save_is_atomic_and_keeps_a_backup(tmp_path):
    path = tmp_path / "c.toml"
    first = Campaign(meta=Meta(name="first"))
    save_campaign(first, path)
    assert not (tmp_path / "c.toml.bak").exists()
    save_campaign(Campaign(meta=Meta(name="second")), path)
    assert load_campaign(path).campaign.meta.name == "second"
    assert load_campaign(tmp_path / "c.toml.bak").campaign.meta.name == "first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.toml", "c.toml.bak"]


def test_a_failed_save_leaves_the_file_untouched(tmp_path, monkeypatch):
    path = tmp_path / "c.toml"
    save_campaign(Campaign(meta=Meta(name="safe")), path)
    before = path.read_bytes()

    def broken_replace(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(CampaignFileError, match="the disk is full"):
        save_campaign(Campaign(meta=Meta(name="lost")), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.toml"]


def test_save_into_a_missing_folder_says_so(tmp_path):
    with pytest.raises(CampaignFileError, match="folder does not exist"):
        save_campaign(Campaign(), tmp_path / "nowhere" / "c.toml")


def test_saved_files_are_readable_toml(sample_path):
    text = dump_campaign(load_campaign(sample_path("seed-000")).campaign)
    assert text.startswith("schema_version = 1\n\n[meta]\n")
    assert "ctr = 0.02\n" in text
    assert "price = 2\n" in text


# --- funnel rates typed as ratios ------------------------------------------------------

_FUNNEL = """schema_version = 1

[meta]
name = "Ratios"
language = "{lang}"

[funnel]
top_count = 6000

[[funnel.stages]]
id = "seen"
label = "Seen"

[[funnel.stages]]
id = "clicks"
label = "Clicks"
rate = {rate}
"""


def _stage_rate(text: str, lang: str = "en"):
    return parse_campaign(_FUNNEL.format(lang=lang, rate=text)).funnel.stages[1].rate


def test_a_ratio_rate_is_saved_as_its_terms_and_read_back_the_same():
    campaign = parse_campaign(_FUNNEL.format(lang="en", rate=0.5))
    stages = list(campaign.funnel.stages)
    stages[1] = stages[1].model_copy(update={"rate": Ratio(1, 6)})
    campaign = campaign.model_copy(
        update={"funnel": campaign.funnel.model_copy(update={"stages": stages})}
    )
    text = dump_campaign(campaign)
    assert 'rate = "1/6"\n' in text
    assert "0.1666" not in text
    assert tomllib.loads(text)["funnel"]["stages"][1]["rate"] == "1/6"  # plain TOML
    rate = parse_campaign(text).funnel.stages[1].rate
    assert isinstance(rate, Ratio) and rate.as_text() == "1/6"
    assert rate == D(1) / D(6)  # the very Decimal the arithmetic used before the save


@pytest.mark.parametrize(
    ("written", "lang", "terms"),
    [
        ('"1/6"', "en", "1/6"),
        ('"30/100"', "fr", "30/100"),  # never reduced: what was typed
        ('"2.5/100"', "fr", "2.5/100"),  # a dot in every language, as saves write it
        ('"1 sur 6"', "fr", "1/6"),  # by hand: read, then saved as 1/6
        ('"1 in 6"', "fr", "1/6"),
        ('"1,000 in 6,000"', "en", "1000/6000"),
    ],
)
def test_ratios_written_in_a_file_are_read(written, lang, terms):
    rate = _stage_rate(written, lang)
    assert isinstance(rate, Ratio) and rate.as_text() == terms
    text = dump_campaign(parse_campaign(_FUNNEL.format(lang=lang, rate=written)))
    assert f'rate = "{terms}"\n' in text


def test_rates_with_a_finite_decimal_stay_numbers_and_old_long_decimals_still_load():
    assert "rate = 0.025\n" in dump_campaign(parse_campaign(_FUNNEL.format(lang="en", rate=0.025)))
    assert _stage_rate('"2,5 %"', "fr") == D("0.025")
    old = "0.1666666666666666666666666667"  # as files were saved before ratios
    rate = _stage_rate(old)
    assert rate == D(old) and not isinstance(rate, Ratio)
    assert f"rate = {old}\n" in dump_campaign(parse_campaign(_FUNNEL.format(lang="en", rate=old)))


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ('"1/0"', "is out of zero"),
        ('"7/6"', "is above 100%"),
        ('"1 in x"', "is not a number"),
    ],
)
def test_bad_ratios_in_a_file_name_the_key(written, reason):
    problems = problems_of(_FUNNEL.format(lang="en", rate=written))
    assert "funnel.stages[1].rate" in problems
    assert reason in problems


# --- load after save gives the same campaign -----------------------------------------

identifiers = st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True)
texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
rates = st.decimals(min_value=0, max_value=1, places=4) | st.none()
money = st.decimals(min_value=0, max_value=10**9, places=2) | st.none()
counts = st.integers(min_value=0, max_value=10**9).map(D) | st.none()
ratios = st.integers(min_value=1, max_value=10**9).flatmap(
    lambda whole: (
        st.integers(min_value=0, max_value=whole * 4)
        .map(lambda quarters: Ratio(D(quarters) / 4, whole))  # "2.25/10"
        .filter(lambda ratio: ratio <= 1 and (not ratio or ratio * 10**6 >= 1))
    )
)
stage_rates = rates | ratios


@st.composite
def campaigns(draw):
    channel_ids = draw(st.lists(identifiers, max_size=3, unique=True))
    shares = [
        draw(st.decimals(min_value=0, max_value=D(1) / max(len(channel_ids), 1), places=2))
        for _ in channel_ids
    ]
    catalog_objectives = ["awareness", "engagement", "leads", "sales", "social_selling"]
    chosen = draw(st.lists(st.sampled_from(catalog_objectives), max_size=3, unique=True))
    stage_ids = draw(st.lists(identifiers, min_size=0, max_size=5, unique=True))
    scenario_names = draw(
        st.lists(texts.map(str.strip).filter(bool), max_size=3, unique_by=str.casefold)
    )
    return Campaign(
        meta=Meta(
            name=draw(texts),
            client=draw(texts),
            notes=draw(texts),
            language=draw(st.sampled_from(["fr", "en"])),
            currency=draw(st.sampled_from(["EUR", "USD", "GBP"])),
            start_date=draw(st.none() | st.dates()),
        ),
        objectives=[
            ObjectiveChoice(id=o, primary=i == 0, notes=draw(texts)) for i, o in enumerate(chosen)
        ],
        kpis=[
            KpiMapping(kpi="ctr", objective="traffic", target=draw(rates), notes=draw(texts)),
            KpiMapping(
                custom=CustomKpi(name="Calls", formula=draw(texts)),
                objective="leads",
                target=draw(counts),
            ),
        ],
        funnel=Funnel(
            top_count=draw(counts),
            stages=[
                FunnelStage(
                    id=s,
                    label=draw(texts),
                    rate=None if i == 0 else draw(stage_rates),
                    basis=draw(st.sampled_from(["previous", "top"])),
                )
                for i, s in enumerate(stage_ids)
            ],
            bounce_rate=draw(rates),
            cyclic=draw(st.booleans()),
        ),
        channels=[
            Channel(
                id=c,
                network=draw(st.sampled_from(NETWORKS)),
                share=shares[i],
                price=draw(money),
                pricing=draw(st.sampled_from(["cpm", "cpc", "flat"])),
            )
            for i, c in enumerate(channel_ids)
        ],
        budget=BudgetPlan(
            mode=draw(st.sampled_from(["reverse", "forward"])),
            target_conversions=draw(counts),
            budget=draw(money),
            conversion_rate=draw(rates),
            ctr=draw(rates),
            price=draw(money),
            average_order_value=draw(money),
            gross_margin=draw(rates),
            notes=draw(texts),
        ),
        scenarios=[
            Scenario(
                name=name,
                budget=PlanChanges(
                    ctr=draw(rates), price=draw(money), mode=draw(st.none() | st.just("forward"))
                ),
                # within the share the base gives: the shares stay within 100 %
                channels={
                    c: ChannelChanges(share=draw(st.decimals(0, shares[0], places=2)))
                    for c in channel_ids[:1]
                },
            )
            for name in scenario_names
        ],
        active_scenario=draw(st.sampled_from(["", *scenario_names])),
        actuals=[
            ActualResult(
                channel=c,
                publication=draw(texts),
                spend=draw(money),
                clicks=draw(counts),
                conversions=draw(counts),
                revenue=draw(money),
                date=draw(st.none() | st.dates()),
            )
            for c in channel_ids
        ],
    )


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(campaigns())
def test_load_after_save_gives_the_same_campaign(tmp_path, campaign):
    path: Path = tmp_path / "c.toml"
    save_campaign(campaign, path)
    loaded = load_campaign(path).campaign
    assert loaded == campaign
    # ... written the same way: a ratio stays a ratio of the same terms
    assert dump_campaign(loaded) == dump_campaign(campaign)
    for stage, before in zip(loaded.funnel.stages, campaign.funnel.stages, strict=True):
        assert isinstance(stage.rate, Ratio) == isinstance(before.rate, Ratio)


@pytest.fixture(params=[0o022, 0o077], ids=["umask-022", "umask-077"])
def umask(request):
    """Run the test under this umask (restored afterwards)."""
    previous = os.umask(request.param)
    yield request.param
    os.umask(previous)


def test_a_new_file_gets_the_mode_the_umask_gives_and_backups_stay_private(tmp_path, umask):
    path = tmp_path / "c.toml"
    save_campaign(Campaign(meta=Meta(name="first")), path)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask  # like open(path, "w")
    save_campaign(Campaign(meta=Meta(name="second")), path)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
    assert (tmp_path / "c.toml.bak").stat().st_mode & 0o777 == 0o600


def test_a_replaced_file_keeps_its_own_mode(tmp_path, umask):
    path = tmp_path / "c.toml"
    save_campaign(Campaign(meta=Meta(name="first")), path)
    path.chmod(0o640)
    save_campaign(Campaign(meta=Meta(name="second")), path)
    assert path.stat().st_mode & 0o777 == 0o640


def test_write_atomically_private_files_are_0600(tmp_path, umask):
    from socialroi_tui.store.toml_store import write_atomically

    write_atomically(tmp_path / "public.json", b"{}")
    write_atomically(tmp_path / "private.json", b"{}", private=True)
    assert (tmp_path / "public.json").stat().st_mode & 0o777 == 0o666 & ~umask
    assert (tmp_path / "private.json").stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["private.json", "public.json"]


def test_a_long_list_of_results_reads_the_same_in_pieces():
    """Read in pieces (the interface keeps its turn), the same document as read whole;
    a file where another table follows the results is read whole."""
    from socialroi_tui.store import toml_store

    rows = "".join(
        f'[[actuals]]\nchannel = "fb"\npublication = "p{i} # [x]"\nspend = {i}.25\n\n'
        for i in range(30_000)
    )
    text = '[meta]\nname = "x"\n\n[[channels]]\nid = "fb"\n\n' + rows
    assert len(text) > toml_store.PIECE_BYTES
    steps = []
    pieces = toml_store._in_pieces(text, steps.append)
    assert pieces == tomllib.loads(text, parse_float=D)
    assert len(steps) > 1 and steps == sorted(steps)
    assert toml_store._in_pieces(text + "[budget]\nctr = 0.02\n", None) is None
    broken = text + '[[actuals]]\nchannel = "fb\n'
    assert toml_store._in_pieces(broken, None) is None
    with pytest.raises(CampaignFileError, match=r"line \d+, column \d+: not valid TOML"):
        toml_store.read_toml(broken)


results = st.builds(
    ActualResult,
    channel=identifiers,
    publication=texts | st.from_regex(r"[A-Za-z0-9 #'é]{0,20}", fullmatch=True),
    source=st.sampled_from(["", "csv:0123456789abcdef"]),
    date=st.none() | st.dates(),
    spend=money | st.decimals(min_value=0, max_value=10**6, places=6),
    impressions=counts,
    reach=counts,
    clicks=counts,
    leads=counts,
    bounces=counts,
    conversions=counts,
    revenue=money,
)


@given(results)
def test_a_result_written_directly_reads_as_the_general_writer_writes_it(result):
    """Results (100 000 in a large campaign) are written without the general TOML writer
    when their texts need no escaping: the text is the same, character for character."""
    from socialroi_tui.store.toml_store import _dump_result, _dump_table, _plain

    general = _dump_table(_plain(result.model_dump(exclude_defaults=True)), "[[actuals]]")
    assert _dump_result(result) == "\n" + general


def test_results_written_once_are_not_written_again_and_new_ones_are(monkeypatch):
    from socialroi_tui.store import toml_store

    rows = [ActualResult(channel="fb", publication=f"Post {i}", spend=D(i)) for i in range(5)]
    campaign = Campaign(channels=[Channel(id="fb", network="facebook")], actuals=rows)
    first = dump_campaign(campaign)
    written: list[ActualResult] = []
    dump_result = toml_store._dump_result
    monkeypatch.setattr(
        toml_store, "_dump_result", lambda row: written.append(row) or dump_result(row)
    )
    assert dump_campaign(campaign.model_copy(update={"meta": Meta(name="x")})).endswith(
        first.partition("[[actuals]]")[2]
    )
    assert written == []
    added = ActualResult(channel="fb", publication="Imported", clicks=D(3))
    longer = campaign.model_copy(update={"actuals": [*rows, added]})
    assert 'publication = "Imported"\nclicks = 3\n' in dump_campaign(longer)
    assert written == [added]
    changed = [rows[0].model_copy(update={"spend": D(99)}), *rows[1:]]
    text = dump_campaign(campaign.model_copy(update={"actuals": changed}))
    assert "spend = 99\n" in text and len(written) == 1 + 5


@pytest.mark.parametrize(
    "text",
    [
        '[meta]\nname = "a\n',
        "a = [1, 2\n",
        "a = 1\na = 2\n",
        "a = tru\n",
        "a = 1979-13-01\n",
        "a = [1,,2]\n",
        "a = 0x\n",
        '[meta]\nname = "x"\nnotes = {a = 1,}\n',
        "[budget]\ntarget_conversions = " + "9" * 5000 + "\n",
    ],
)
def test_what_is_read_and_said_does_not_depend_on_the_files_size(text, monkeypatch):
    """Small files are read by tomllib, large ones by tomli's compiled build: a text is
    read, or explained, the same way whatever its size."""
    from socialroi_tui.store import toml_store

    def outcome() -> str:
        try:
            return repr(parse_campaign(text, "c.toml"))
        except CampaignFileError as error:
            return str(error)

    small = outcome()
    monkeypatch.setattr(toml_store, "COMPILED_READER_FROM", 0)
    assert outcome() == small


_pieces = st.sampled_from(
    [
        "\n[[actuals]]\n",
        'channel = "fb"\n',
        'publication = "a #tag"\n',
        "publication = '[x]'\n",
        'note = """\n[[actuals]]\n"""\n',
        "x = [1, [2]]\n",
        "y = {a = 1}\n",
        "# a comment\n",
        "[meta]\n",
        "spend = 1.5\n",
        "[[",
        "]",
        "'''",
    ]
)


@settings(max_examples=500)
@given(st.lists(_pieces, max_size=30).map("".join))
def test_results_counted_at_once_scan_as_the_full_scan_does(text):
    """The quick count of plainly written results says what the full scan says."""
    from socialroi_tui.store.toml_store import _scan_toml, scan_toml

    comments, deepest = _scan_toml(text)
    quick_comments, quick_deepest = scan_toml(text)
    assert quick_comments == comments
    assert quick_deepest >= deepest  # the same, or more where a header stands alone


def _read_both_ways(text: str, monkeypatch) -> tuple[str, str]:
    """The outcome of reading ``text`` with the reader of results as saves write them, and
    with the TOML reader and the model's checks alone."""
    from socialroi_tui.store import toml_store

    def outcome() -> str:
        try:
            campaign = parse_campaign(text, "c.toml")
        except CampaignFileError as error:
            return str(error)
        fields_set = [row.model_fields_set for row in campaign.actuals]
        return repr(campaign) + repr(fields_set)

    with monkeypatch.context() as patch:
        patch.setattr(toml_store, "PIECE_BYTES", 1)
        quick = outcome()
        patch.setattr(toml_store, "_SAVED_RESULT", None)
        general = outcome()
    return quick, general


@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(results, min_size=1, max_size=6))
def test_results_as_saves_write_them_read_as_the_general_reader_reads_them(rows, monkeypatch):
    channels = [Channel(id=c, network="facebook") for c in sorted({r.channel for r in rows})]
    text = dump_campaign(Campaign(channels=channels, actuals=rows))
    quick, general = _read_both_ways(text, monkeypatch)
    assert quick == general


_edits = st.sampled_from(
    [
        ("spend = ", "spend = -"),
        ("spend = ", "spend = 1_"),
        ("spend = ", "spend = 9999999999999999"),
        ("spend = ", "spend = 0.0000001"),
        ('channel = "', 'channel = "a b'),
        ('channel = "', 'channel = "ghost'),
        ('publication = "', 'publication = "\\u001b'),
        ('publication = "', 'publication = "\t'),
        ("date = 20", "date = 19"),
        ("-0", "-3"),
        ("date = ", "date = 2026-02-30\nx = "),
        ("\n[[actuals]]\n", '\n[[actuals]]\nchannel = "fb"\n'),
        ("clicks = ", "leads = 1\nclicks = "),
        ("\n\n", "\n# note\n"),
        ("\n\n", "\n\n\n"),
        ("impressions = ", "impressions = 1e3\nreach = "),
    ]
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(results, min_size=1, max_size=4),
    edits=st.lists(_edits, max_size=3),
    tail=st.text(max_size=3),
)
def test_results_edited_by_hand_read_or_fail_as_the_general_reader_says(
    rows, edits, tail, monkeypatch
):
    """Whatever a hand edit does to results written by a save, the quick reader reads
    the same campaign as the general reader, or gives way to it."""
    channels = [Channel(id=c, network="facebook") for c in sorted({r.channel for r in rows})]
    text = dump_campaign(Campaign(channels=channels, actuals=rows))
    for old, new in edits:
        text = text.replace(old, new, 1)
    quick, general = _read_both_ways(text + tail, monkeypatch)
    assert quick == general


def test_results_as_saves_write_them_are_read_without_the_general_reader():
    from socialroi_tui.store import toml_store

    rows = [
        ActualResult(channel="fb", publication=f"Post {i}, été", spend=D("12.5"), clicks=D(i))
        for i in range(3)
    ]
    text = dump_campaign(Campaign(channels=[Channel(id="fb", network="facebook")], actuals=rows))
    first = toml_store.plain_results_start(text)
    assert toml_store._results_as_saved(text, first, None) == rows
    assert toml_store._results_as_saved(text + "x = 1\n", first, None) is None
