"""Every string shown to users, in French and English, and the choice of language."""

from __future__ import annotations

import os
from typing import Literal

Language = Literal["fr", "en"]
LANGUAGES: tuple[Language, ...] = ("fr", "en")

STRINGS: dict[str, dict[Language, str]] = {
    # figures
    "target_conversions": {"fr": "Ventes visées", "en": "Target sales"},
    "conversion_rate": {"fr": "Taux de conversion", "en": "Conversion rate"},
    "ctr": {"fr": "Taux de clic (CTR)", "en": "Click-through rate (CTR)"},
    "cpm": {"fr": "CPM", "en": "CPM"},
    "cpc": {"fr": "CPC", "en": "CPC"},
    "clicks_needed": {"fr": "Clics nécessaires", "en": "Clicks needed"},
    "clicks": {"fr": "Clics", "en": "Clicks"},
    "impressions": {"fr": "Impressions", "en": "Impressions"},
    "conversions": {"fr": "Conversions", "en": "Conversions"},
    "budget": {"fr": "Budget", "en": "Budget"},
    "cpa": {"fr": "CPA", "en": "CPA"},
    "revenue": {"fr": "Chiffre d'affaires", "en": "Revenue"},
    "profit": {"fr": "Marge après publicité", "en": "Profit after ad spend"},
    "roi": {"fr": "ROI", "en": "ROI"},
    "roas": {"fr": "ROAS", "en": "ROAS"},
    "break_even_cpa": {"fr": "CPA de rentabilité", "en": "Break-even CPA"},
    "average_order_value": {"fr": "Panier moyen", "en": "Average order value"},
    "gross_margin": {"fr": "Marge brute", "en": "Gross margin"},
    "verdict_above": {
        "fr": "✗ CPA au-dessus du seuil de rentabilité : chaque vente perd de l'argent",
        "en": "✗ CPA above break-even: each sale costs more than it earns",
    },
    "verdict_equal": {
        "fr": "= CPA au seuil de rentabilité",
        "en": "= CPA at break-even",
    },
    "verdict_below": {
        "fr": "✓ CPA sous le seuil de rentabilité",
        "en": "✓ CPA below break-even",
    },
    "reverse_plan": {
        "fr": "Plan inversé (de la cible au budget)",
        "en": "Reverse plan (target to budget)",
    },
    "forward_plan": {
        "fr": "Plan direct (du budget aux ventes)",
        "en": "Forward plan (budget to sales)",
    },
    "funnel": {"fr": "Entonnoir", "en": "Funnel"},
    "stage": {"fr": "Étape", "en": "Stage"},
    "count": {"fr": "Nombre", "en": "Count"},
    "step_rate": {"fr": "Étape", "en": "Step"},
    "from_top": {"fr": "Depuis le haut", "en": "From top"},
    "given_from_top": {
        "fr": "¹ taux donné par rapport au haut de l'entonnoir",
        "en": "¹ rate given from the top of the funnel",
    },
    "bounce_rate": {"fr": "Taux de rebond", "en": "Bounce rate"},
    "staying": {"fr": "Restent après rebond", "en": "Stay after bounce"},
    "cyclic": {
        "fr": "↺ entonnoir cyclique : les clients nourrissent le tour suivant",
        "en": "↺ cyclic funnel: customers feed the next round",
    },
    "channels": {"fr": "Répartition par réseau", "en": "Split by network"},
    "network": {"fr": "Réseau", "en": "Network"},
    "share": {"fr": "Part", "en": "Share"},
    "unallocated": {"fr": "Non réparti", "en": "Unallocated"},
    "kpis": {"fr": "Indicateurs (KPI)", "en": "Indicators (KPIs)"},
    "kpi": {"fr": "KPI", "en": "KPI"},
    "target": {"fr": "Cible", "en": "Target"},
    "actual": {"fr": "Réel", "en": "Actual"},
    "status": {"fr": "Statut", "en": "Status"},
    "status_ahead": {"fr": "en avance", "en": "ahead"},
    "status_on_track": {"fr": "dans les clous", "en": "on track"},
    "status_behind": {"fr": "en retard", "en": "behind"},
    "status_no_data": {"fr": "pas de données", "en": "no data"},
    "actuals": {"fr": "Résultats réels", "en": "Actual results"},
    "spend": {"fr": "Dépense", "en": "Spend"},
    "leads": {"fr": "Leads", "en": "Leads"},
    "total": {"fr": "Total", "en": "Total"},
    "all_channels": {"fr": "tous réseaux", "en": "all channels"},
    # command line
    "valid": {"fr": "valide", "en": "valid"},
    "created": {"fr": "créé", "en": "created"},
    "exists": {
        "fr": "existe déjà : rien n'a été écrit",
        "en": "already exists: nothing was written",
    },
    "unknown_template": {
        "fr": "modèle inconnu « {name} » ; modèles : {names}",
        "en": "unknown template '{name}'; templates: {names}",
    },
    "comments_warning": {
        "fr": "ce fichier contient des commentaires (#) qu'un enregistrement effacerait",
        "en": "this file holds comments (#) that saving would drop",
    },
}


def t(key: str, lang: Language, **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled."""
    text = STRINGS[key][lang]
    return text.format(**values) if values else text


def detect_language(explicit: str | None = None) -> Language:
    """``explicit`` if given, else the environment's locale, else English."""
    if explicit in LANGUAGES:
        return explicit  # type: ignore[return-value]
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"
