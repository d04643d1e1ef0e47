"""The campaign as an Excel workbook a consultant hands over: the plan with live formulas
on its assumptions, the split by network, the actual results and the KPIs.

Each formula is written with the value our engine gives as its stored result, so that a
viewer that does not recalculate shows the same figures, to the cent; Excel, LibreOffice
or Numbers recalculate them when an assumption changes (the CTR, and the budget follows).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from socialroi_tui.engine.evaluate import CampaignResults
from socialroi_tui.model import Campaign
from socialroi_tui.text.safe import one_line, spreadsheet_text
from socialroi_tui.text.words import Language, t

CURRENCY_SIGNS = {"EUR": "€", "USD": "$", "GBP": "£", "CHF": "CHF"}


def _number_formats(currency: str, lang: Language) -> dict[str, str]:
    """Excel number formats as the campaign's readers write figures (``5 000,00 €``).
    The file stores plain numbers: the separators are the viewer's locale, the currency
    sign and its place are the campaign's language."""
    sign = CURRENCY_SIGNS.get(currency, currency)
    money = f'#,##0.00\\ "{sign}"' if lang == "fr" else f'"{sign}"#,##0.00'
    return {
        "money": money,
        "count": "#,##0",
        "rate": "0.00%",
        "number": "0.00",
        "text": "@",
    }


def write_xlsx(
    campaign: Campaign,
    results: CampaignResults,
    path: Path,
    lang: Language,
    actual_columns: list[tuple[str, str, str]],
    kpi_names: list[str],
    workshop: tuple[list[str], list[str], list[list[str]]] | None = None,
) -> None:
    """Write the workbook to ``path`` (a temporary name beside it, then renamed).
    ``actual_columns``: the dashboard's (figure, title, unit); ``kpi_names``: each KPI's
    name, in order (the presenter words them); ``workshop``: a workbook's summary
    lines, the headings and the rows of its steps (a sheet of its own)."""
    import os
    import tempfile

    import xlsxwriter

    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        workbook = xlsxwriter.Workbook(temporary, {"strings_to_formulas": False})
        writer = _Writer(workbook, campaign, results, lang, actual_columns, kpi_names)
        writer.write()
        if workshop is not None:
            writer.workshop_sheet(*workshop)
        workbook.close()
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


class _Writer:
    def __init__(self, workbook, campaign, results, lang, actual_columns, kpi_names):
        self.actual_columns = actual_columns
        self.kpi_names = kpi_names
        self.book = workbook
        self.campaign = campaign
        self.results = results
        self.lang = lang
        formats = _number_formats(campaign.meta.currency, lang)
        self.formats = {name: workbook.add_format({"num_format": f}) for name, f in formats.items()}
        self.bold = workbook.add_format({"bold": True})
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.header = workbook.add_format({"bold": True, "bottom": 1, "bg_color": "#E8EEF4"})
        self.input = {
            name: workbook.add_format({"num_format": f, "bg_color": "#FFF6D5"})
            for name, f in formats.items()
        }

    def write(self) -> None:
        self._plan_sheet()
        self._networks_sheet()
        self._actuals_sheet()
        self._kpi_sheet()

    # --- the plan, with live formulas ----------------------------------------------

    def _plan_sheet(self) -> None:
        lang, plan, campaign = self.lang, self.campaign.budget, self.campaign
        sheet = self.book.add_worksheet(t("xlsx_plan_sheet", lang))
        sheet.set_column(0, 0, 30)
        sheet.set_column(1, 1, 16)
        sheet.write(0, 0, spreadsheet_text(one_line(campaign.meta.name or "socialroi")), self.title)
        details = [campaign.meta.client, campaign.active_scenario]
        sheet.write(1, 0, spreadsheet_text(one_line(" · ".join(d for d in details if d))))
        sheet.write(3, 0, t("assumptions", lang), self.header)
        sheet.write(3, 1, "", self.header)
        cells: dict[str, str] = {}
        """Each figure's cell, where it holds a number."""
        row = 4
        pricing = plan.pricing.upper()
        mode = plan.mode
        solution = self.results.solution
        solved = plan.solve_for
        assumptions = [
            ("target_conversions", "target_sales_field", "count"),
            ("budget", "budget_field", "money"),
            ("conversion_rate", "conversion_rate_field", "rate"),
            ("ctr", "ctr_field", "rate"),
            ("price", None, "money"),
            ("average_order_value", "aov_field", "money"),
            ("gross_margin", "margin_field", "rate"),
        ]
        for key, word, unit in assumptions:
            if (key, mode) in (("budget", "reverse"), ("target_conversions", "forward")):
                continue
            value = getattr(plan, key)
            if key == solved and solution is not None:
                value = solution.value
            label = t(word, lang) if word else pricing
            sheet.write(row, 0, label)
            self._number(sheet, row, 1, value, unit, self.input)
            if value is not None:
                cells[key] = f"$B${row + 1}"
            row += 1
        row += 1
        sheet.write(row, 0, t("results", lang), self.header)
        sheet.write(row, 1, "", self.header)
        row += 1
        budget = self.results.budget
        for key, word, unit, formula in self._plan_formulas(cells, plan.pricing, mode):
            sheet.write(row, 0, t(word, lang))
            value = getattr(budget, key)
            named = re.findall(r"\{(\w+)\}", formula)
            if value is None or not all(name in cells for name in named):
                self._number(sheet, row, 1, value, unit, self.formats)
            else:  # the engine's figure stored as the formula's result
                sheet.write_formula(
                    row, 1, "=" + formula.format(**cells), self.formats[unit], float(value)
                )
            if value is not None:
                cells[key] = f"$B${row + 1}"
            row += 1
        sheet.freeze_panes(4, 0)

    @staticmethod
    def _plan_formulas(cells: dict, pricing: str, mode: str):
        """(figure, word, unit, formula on the cells) as the engine works them out."""
        margin = "gross_margin" in cells
        if mode == "reverse":
            rows = [
                (
                    "clicks",
                    "clicks_needed",
                    "count",
                    "ROUNDUP({target_conversions}/{conversion_rate},0)",
                ),
                ("impressions", "impressions", "count", "ROUNDUP({clicks}/{ctr},0)"),
            ]
            cost = (
                "ROUND({impressions}*{price}/1000,2)"
                if pricing == "cpm"
                else "ROUND({clicks}*{price},2)"
            )
            rows += [
                ("budget", "budget", "money", cost),
                ("cpa", "cpa", "money", "ROUND({budget}/{target_conversions},2)"),
                ("revenue", "revenue", "money", "{target_conversions}*{average_order_value}"),
            ]
        else:
            if pricing == "cpm":
                rows = [
                    ("impressions", "impressions", "count", "{budget}/{price}*1000"),
                    ("clicks", "clicks", "count", "{impressions}*{ctr}"),
                ]
            else:
                rows = [
                    ("clicks", "clicks", "count", "{budget}/{price}"),
                    ("impressions", "impressions", "count", "{clicks}/{ctr}"),
                ]
            rows += [
                ("conversions", "conversions", "count", "{clicks}*{conversion_rate}"),
                ("cpa", "cpa", "money", "{budget}/{conversions}"),
                ("revenue", "revenue", "money", "{conversions}*{average_order_value}"),
            ]
        if margin:
            rows += [
                ("profit", "profit", "money", "{revenue}*{gross_margin}-{budget}"),
                ("roi", "roi_on_gross_profit", "rate", "{profit}/{budget}"),
            ]
        rows += [
            ("roi_on_revenue", "roi_on_revenue", "rate", "({revenue}-{budget})/{budget}"),
            ("roas", "roas", "number", "{revenue}/{budget}"),
        ]
        if margin:
            rows.append(
                (
                    "break_even_cpa",
                    "break_even_cpa",
                    "money",
                    "{average_order_value}*{gross_margin}",
                )
            )
        return rows

    # --- the other sheets: figures as the app shows them -----------------------------

    def _networks_sheet(self) -> None:
        lang, results = self.lang, self.results
        if not results.channels:
            return
        sheet = self.book.add_worksheet(t("xlsx_networks_sheet", lang))
        headers = [t("network", lang), t("share", lang), t("budget", lang)]
        headers += [t("compared_sales", lang), "CPA"]
        self._header_row(sheet, headers, [24, 10, 14, 12, 12])
        rows = [(c.label, c.share, c.result) for c in results.channels]
        if results.combined is not None:
            rows.append((t("combined_plan", lang), results.allocated_share, results.combined))
        for index, (label, share, plan) in enumerate(rows, start=1):
            sheet.write(index, 0, spreadsheet_text(one_line(label)))
            self._number(sheet, index, 1, share, "rate", self.formats)
            self._number(sheet, index, 2, plan.budget, "money", self.formats)
            self._number(sheet, index, 3, plan.conversions, "count", self.formats)
            self._number(sheet, index, 4, plan.cpa, "money", self.formats)

    def _actuals_sheet(self) -> None:
        from socialroi_tui.engine.dashboard import dashboard_rows

        lang, results = self.lang, self.results
        if not self.campaign.actuals:
            return
        sheet = self.book.add_worksheet(t("xlsx_actuals_sheet", lang))
        columns = self.actual_columns
        headers = [t("channel", lang), t("publication", lang), *(title for _, title, _ in columns)]
        self._header_row(sheet, headers, [22, 30, *([13] * len(columns))])
        for index, row in enumerate(dashboard_rows(results), start=1):
            channel = row.label if row.level != "publication" else ""
            if row.level in ("total", "site"):
                channel = t("total" if row.level == "total" else "off_social_row", lang)
            sheet.write(index, 0, spreadsheet_text(one_line(channel)))
            publication = row.label if row.level == "publication" else ""
            sheet.write(index, 1, spreadsheet_text(one_line(publication)))
            for offset, (column, _title, unit) in enumerate(columns):
                self._number(sheet, index, 2 + offset, row.figure(column), unit, self.formats)

    def _kpi_sheet(self) -> None:
        lang, statuses = self.lang, self.results.kpis
        if not statuses:
            return
        sheet = self.book.add_worksheet(t("kpis", lang))
        headers = ["KPI", t("target", lang), t("actual", lang), t("status", lang)]
        self._header_row(sheet, headers, [36, 14, 14, 18])
        for index, (status, name) in enumerate(zip(statuses, self.kpi_names, strict=True), 1):
            unit = status.unit if status.unit in self.formats else "number"
            sheet.write(index, 0, spreadsheet_text(one_line(name)))
            self._number(sheet, index, 1, status.target, unit, self.formats)
            self._number(sheet, index, 2, status.actual, unit, self.formats)
            sheet.write(index, 3, t(f"status_short_{status.status}", lang))

    def workshop_sheet(self, summary: list[str], headers: list[str], rows: list[list[str]]):
        """A workbook's progress: its summary, then a row per step (counts as numbers)."""
        sheet = self.book.add_worksheet(t("workshop_sheet", self.lang))
        for line, text in enumerate(summary):
            sheet.write_string(line, 0, spreadsheet_text(one_line(text)), self.bold)
        top = len(summary) + 1
        for column, (text, width) in enumerate(
            zip(headers, [44, 16, 12, 12, 12, 70], strict=False)
        ):
            sheet.write(top, column, text, self.header)
            sheet.set_column(column, column, width)
        for index, row in enumerate(rows, start=top + 1):
            for column, cell in enumerate(row):
                if column in (3, 4) and cell.isdigit():
                    sheet.write_number(index, column, int(cell))
                else:
                    sheet.write_string(index, column, spreadsheet_text(one_line(cell)))

    def _header_row(self, sheet, headers: list[str], widths: list[int]) -> None:
        for column, (text, width) in enumerate(zip(headers, widths, strict=True)):
            sheet.write(0, column, text, self.header)
            sheet.set_column(column, column, width)
        sheet.freeze_panes(1, 0)

    @staticmethod
    def _number(sheet, row: int, column: int, value: Any, unit: str, formats: dict) -> None:
        """A figure as a number in its format; an undefined one as "—"."""
        if isinstance(value, Decimal) and value.is_finite():
            sheet.write_number(row, column, float(value), formats.get(unit, formats["number"]))
        else:
            sheet.write_string(row, column, "—")
