"""Every string shown to users, in French and English, and the choice of language."""

from __future__ import annotations

import os
from typing import Literal

Language = Literal["fr", "en"]
SECTIONS = ("objectives", "kpis", "funnel", "budget", "dashboard")
"""The workbook's sections, in order (each named by the word ``section_<name>``)."""
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
    "profit": {"fr": "Bénéfice", "en": "Profit"},
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
    "from_top": {"fr": "Du haut", "en": "From top"},
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
    "status_short_ahead": {"fr": "▲ en avance", "en": "▲ ahead"},
    "status_short_on_track": {"fr": "● en ligne", "en": "● on track"},
    "status_short_behind": {"fr": "▼ en retard", "en": "▼ behind"},
    "status_short_no_data": {"fr": "· sans donnée", "en": "· no data"},
    "actuals": {"fr": "Résultats réels", "en": "Actual results"},
    "spend": {"fr": "Dépense", "en": "Spend"},
    "leads": {"fr": "Leads", "en": "Leads"},
    "total": {"fr": "Total", "en": "Total"},
    "all_channels": {"fr": "tous réseaux", "en": "all channels"},
    # app: shell
    "untitled": {"fr": "(sans titre)", "en": "(untitled)"},
    "no_file": {"fr": "pas encore de fichier", "en": "no file yet"},
    "section_objectives": {"fr": "Objectifs", "en": "Objectives"},
    "section_kpis": {"fr": "KPI", "en": "KPIs"},
    "section_funnel": {"fr": "Entonnoir", "en": "Funnel"},
    "section_budget": {"fr": "Budget", "en": "Budget"},
    "section_dashboard": {"fr": "Tableau de bord", "en": "Dashboard"},
    "key_sort": {"fr": "Trier", "en": "Sort"},
    "key_rank_cpa": {"fr": "CPA", "en": "CPA"},
    "key_import": {"fr": "Import", "en": "Import"},
    "key_add_result": {"fr": "Saisir", "en": "Add"},
    "key_expand": {"fr": "Déplier", "en": "Expand"},
    "sorted_by": {"fr": "trié par {column}", "en": "sorted by {column}"},
    "no_actuals": {
        "fr": "Aucun résultat réel\u00a0: «\u00a0i\u00a0» importe un export CSV, «\u00a0a\u00a0» en saisit un.",
        "en": "No actual results yet: 'i' imports a CSV export, 'a' adds a result by hand.",
    },
    "import_title": {"fr": "Importer des résultats (CSV)", "en": "Import results (CSV)"},
    "csv_file": {"fr": "Fichier CSV", "en": "CSV file"},
    "import_preview_title": {"fr": "Aperçu de l'import", "en": "Import preview"},
    "import_preview": {
        "fr": "{source} ({format}) : {rows} lignes à importer.\n{columns}{skipped}",
        "en": "{source} ({format}): {rows} rows to import.\n{columns}{skipped}",
    },
    "choice_import": {"fr": "Importer", "en": "Import"},
    "imported_rows": {"fr": "{count} lignes importées", "en": "{count} rows imported"},
    "import_failed": {"fr": "Import impossible", "en": "Cannot import"},
    "mapping_title": {"fr": "Colonnes à relier", "en": "Map the columns"},
    "mapping_hint": {
        "fr": "Colonnes inconnues : dites ce que contient chacune (gardé pour la prochaine fois).",
        "en": "Unknown columns: say what each one holds (kept for next time).",
    },
    "ignore": {"fr": "(ignorer)", "en": "(ignore)"},
    "add_result_title": {"fr": "Saisir un résultat réel", "en": "Add an actual result"},
    "date": {"fr": "Date", "en": "Date"},
    "bounces_label": {"fr": "Rebonds", "en": "Bounces"},
    "key_save": {"fr": "Enregistrer", "en": "Save"},
    "key_save_as": {"fr": "Enregistrer sous", "en": "Save as"},
    "key_help": {"fr": "Aide", "en": "Help"},
    "key_quit": {"fr": "Quitter", "en": "Quit"},
    "key_undo": {"fr": "Annuler", "en": "Undo"},
    "key_toggle": {"fr": "Choisir", "en": "Select"},
    "key_primary": {"fr": "Principal", "en": "Primary"},
    "key_add": {"fr": "Ajouter", "en": "Add"},
    "key_edit": {"fr": "Modifier", "en": "Edit"},
    "key_delete": {"fr": "Suppr.", "en": "Delete"},
    "key_open": {"fr": "Ouvrir", "en": "Open"},
    "key_cancel": {"fr": "Annuler", "en": "Cancel"},
    "key_back": {"fr": "Retour", "en": "Back"},
    "palette": {"fr": "Palette", "en": "Palette"},
    "sections": {"fr": "Écrans", "en": "Screens"},
    "go_to": {"fr": "Aller à : {section}", "en": "Go to: {section}"},
    "go_to_help": {"fr": "Afficher l'écran {section}", "en": "Show the {section} screen"},
    "save_help": {
        "fr": "Enregistrer la campagne dans son fichier",
        "en": "Save the campaign to its file",
    },
    "save_as_help": {
        "fr": "Enregistrer la campagne dans un autre fichier",
        "en": "Save the campaign to another file",
    },
    "open_help": {"fr": "Ouvrir un autre fichier de campagne", "en": "Open another campaign file"},
    "start_help": {"fr": "Revenir à l'écran d'accueil", "en": "Back to the start screen"},
    "quit_help": {"fr": "Quitter socialroi", "en": "Quit socialroi"},
    "help_help": {
        "fr": "À quoi sert chaque écran, et ses touches",
        "en": "What each screen is for, and its keys",
    },
    "rename": {"fr": "Renommer la campagne", "en": "Rename the campaign"},
    "rename_help": {"fr": "Changer le nom de la campagne", "en": "Change the campaign's name"},
    "campaign_name": {"fr": "Nom de la campagne", "en": "Campaign name"},
    "saved_to": {"fr": "Enregistré : {path}", "en": "Saved: {path}"},
    "save_failed": {"fr": "Échec de l'enregistrement", "en": "Save failed"},
    "kept_in_memory": {
        "fr": "Votre travail reste en mémoire ; essayez « Enregistrer sous » (F2).",
        "en": "Your work stays in memory; try Save as (F2).",
    },
    "open_failed": {"fr": "Impossible d'ouvrir", "en": "Cannot open"},
    "nothing_to_undo": {"fr": "Rien à annuler", "en": "Nothing to undo"},
    # a field whose text cannot be used, when saving
    "unreadable_title": {"fr": "Un champ n'est pas lisible", "en": "A field cannot be read"},
    "unreadable_question": {
        "fr": "{problem}\n\nCe qui est tapé dans « {field} » ne peut pas être enregistré. Y revenir pour le corriger, ou garder la valeur d'avant ?",
        "en": "{problem}\n\nWhat is typed in '{field}' cannot be saved. Go back to it, or keep the value it had before?",
    },
    "choice_back_to_field": {"fr": "Revenir au champ", "en": "Back to the field"},
    "choice_keep": {"fr": "Garder {value}", "en": "Keep {value}"},
    "empty_value": {"fr": "le champ vide", "en": "it empty"},
    "count_no_top": {
        "fr": "« {stage} » n'a pas de nombre : tapez-le d'abord",
        "en": "'{stage}' has no count: type it first",
    },
    "count_zero_base": {
        "fr": "« {stage} » compte 0 : aucun taux ne donne ce nombre",
        "en": "'{stage}' counts 0: no rate gives this count",
    },
    "count_above_base": {
        "fr": "plus que « {stage} », l'étape dont ce nombre est une part",
        "en": "more than '{stage}', the stage this count is a part of",
    },
    "recover_untitled": {"fr": "campagne sans titre", "en": "untitled campaign"},
    "quit_title": {"fr": "Modifications non enregistrées", "en": "Unsaved changes"},
    "quit_question": {
        "fr": "« {name} » a des modifications non enregistrées.",
        "en": "'{name}' has unsaved changes.",
    },
    "choice_save": {"fr": "Enregistrer", "en": "Save"},
    "choice_discard": {"fr": "Ne pas enregistrer", "en": "Discard"},
    "choice_cancel": {"fr": "Annuler", "en": "Cancel"},
    "choice_save_anyway": {"fr": "Enregistrer quand même", "en": "Save anyway"},
    "choice_save_as": {"fr": "Enregistrer sous…", "en": "Save as…"},
    "choice_delete": {"fr": "Supprimer", "en": "Delete"},
    "comments_title": {"fr": "Commentaires dans le fichier", "en": "Comments in the file"},
    "comments_question": {
        "fr": "Ce fichier contient des commentaires (#). Un enregistrement réécrit le fichier et les efface (une copie reste dans {backup}).",
        "en": "This file holds comments (#). Saving rewrites the file and drops them (a copy stays in {backup}).",
    },
    "save_as_title": {"fr": "Enregistrer sous", "en": "Save as"},
    "file_name": {"fr": "Fichier (.toml)", "en": "File (.toml)"},
    "file_exists": {
        "fr": "{path} existe déjà : Entrée une seconde fois pour le remplacer.",
        "en": "{path} already exists: press Enter again to replace it.",
    },
    "not_a_folder": {
        "fr": "Le dossier {folder} n'existe pas.",
        "en": "The folder {folder} does not exist.",
    },
    "open_title": {"fr": "Ouvrir une campagne", "en": "Open a campaign"},
    "open_hint": {
        "fr": "Flèches pour parcourir, Entrée pour ouvrir ; ou tapez un chemin.",
        "en": "Arrows to browse, Enter to open; or type a path.",
    },
    # start screen
    "start_title": {
        "fr": "Planifier et défendre le ROI des réseaux sociaux",
        "en": "Plan and defend social-media ROI",
    },
    "start_new": {"fr": "Nouvelle campagne vierge", "en": "New blank campaign"},
    "start_template": {"fr": "Exemple : {name}", "en": "Sample: {name}"},
    "start_open": {"fr": "Ouvrir un fichier…", "en": "Open a file…"},
    "start_recent": {"fr": "Récent : {path}", "en": "Recent: {path}"},
    "start_hint": {
        "fr": "Flèches et Entrée pour choisir. F1 : aide. Ctrl+Q : quitter.",
        "en": "Arrows and Enter to choose. F1: help. Ctrl+Q: quit.",
    },
    # objectives
    "objectives_hint": {
        "fr": "Espace : choisir  •  p : principal",
        "en": "Space: select  •  p: primary",
    },
    "primary_mark": {"fr": "principal", "en": "primary"},
    "suggested_kpis": {"fr": "KPI suggérés", "en": "Suggested KPIs"},
    "content_ideas": {"fr": "Idées de contenu", "en": "Content ideas"},
    "sales_only_hint": {
        "fr": "L'argent est un résultat, pas un objectif. Pour vendre, visez plutôt la génération de leads : c'est elle que les réseaux font progresser.",
        "en": "Money is a result, not an objective. To sell, aim for lead generation instead: that is what social networks move.",
    },
    "selected_count": {"fr": "{count} choisi(s)", "en": "{count} selected"},
    "notes": {"fr": "Notes", "en": "Notes"},
    # KPIs
    "objective": {"fr": "Objectif", "en": "Objective"},
    "channel": {"fr": "Réseau", "en": "Channel"},
    "unit": {"fr": "Unité", "en": "Unit"},
    "definition": {"fr": "Définition", "en": "Definition"},
    "formula": {"fr": "Formule", "en": "Formula"},
    "data_source": {"fr": "Source des données", "en": "Data source"},
    "review": {"fr": "Revue", "en": "Review"},
    "review_daily": {"fr": "quotidienne", "en": "daily"},
    "review_weekly": {"fr": "hebdomadaire", "en": "weekly"},
    "review_monthly": {"fr": "mensuelle", "en": "monthly"},
    "review_quarterly": {"fr": "trimestrielle", "en": "quarterly"},
    "review_end": {"fr": "en fin de campagne", "en": "at the end"},
    "review_none": {"fr": "non fixée", "en": "not set"},
    "source_platform": {"fr": "statistiques de la plateforme", "en": "platform statistics"},
    "source_analytics": {"fr": "analyse web (liens UTM)", "en": "web analytics (UTM links)"},
    "source_crm": {"fr": "CRM", "en": "CRM"},
    "source_listening": {"fr": "outil d'écoute sociale", "en": "social listening tool"},
    "source_manual": {"fr": "relevé à la main", "en": "manual count"},
    "unit_count": {"fr": "nombre", "en": "count"},
    "unit_rate": {"fr": "taux", "en": "rate"},
    "unit_money": {"fr": "montant", "en": "money"},
    "unit_duration": {"fr": "durée", "en": "duration"},
    "unit_score": {"fr": "score", "en": "score"},
    "better_higher": {"fr": "plus c'est haut, mieux c'est", "en": "higher is better"},
    "better_lower": {"fr": "plus c'est bas, mieux c'est", "en": "lower is better"},
    "no_kpis": {
        "fr": "Aucun KPI. Choisissez des objectifs (touche 1), puis « a » pour ajouter un KPI.",
        "en": "No KPIs yet. Choose objectives (key 1), then press 'a' to add a KPI.",
    },
    "no_objectives_for_kpi": {
        "fr": "Choisissez d'abord un objectif (touche 1).",
        "en": "Choose an objective first (key 1).",
    },
    "add_kpi_title": {"fr": "Ajouter un KPI", "en": "Add a KPI"},
    "custom_kpi": {"fr": "KPI personnalisé…", "en": "Custom KPI…"},
    "edit_kpi_title": {"fr": "KPI : {name}", "en": "KPI: {name}"},
    "custom_name": {"fr": "Nom du KPI", "en": "KPI name"},
    "formula_words": {"fr": "Formule, en mots", "en": "Formula, in words"},
    "required": {"fr": "obligatoire", "en": "required"},
    "not_a_file_name": {
        "fr": "ce nom ne peut pas être celui d'un fichier",
        "en": "this cannot be a file's name",
    },
    "delete_kpi_title": {"fr": "Supprimer ce KPI ?", "en": "Delete this KPI?"},
    "delete_kpi_question": {
        "fr": "« {name} » sera retiré de la campagne.",
        "en": "'{name}' will be removed from the campaign.",
    },
    "manual_actual": {"fr": "Valeur réelle (relevée)", "en": "Actual value (measured)"},
    "ok": {"fr": "Valider", "en": "OK"},
    "placeholder_screen": {
        "fr": "L'écran {section} arrive avec la prochaine version. En attendant : socialroi calc FICHIER.",
        "en": "The {section} screen comes with the next version. Meanwhile: socialroi calc FILE.",
    },
    # funnel and budget
    "assumptions": {"fr": "Hypothèses", "en": "Assumptions"},
    "results": {"fr": "Résultat", "en": "Results"},
    "stale": {"fr": "valeurs précédentes", "en": "previous values"},
    "mode": {"fr": "Mode", "en": "Mode"},
    "mode_reverse": {"fr": "cible → budget", "en": "target → budget"},
    "mode_forward": {"fr": "budget → ventes", "en": "budget → sales"},
    "conversions_short": {"fr": "ventes", "en": "sales"},
    "pricing": {"fr": "Achat média", "en": "Media buying"},
    "price_cpm": {
        "fr": "CPM (prix de 1 000 impressions)",
        "en": "CPM (price of 1,000 impressions)",
    },
    "price_cpc": {"fr": "CPC (prix d'un clic)", "en": "CPC (price of a click)"},
    "price": {"fr": "Prix", "en": "Price"},
    "target_sales_field": {"fr": "Ventes visées", "en": "Target sales"},
    "budget_field": {"fr": "Budget", "en": "Budget"},
    "conversion_rate_field": {"fr": "Taux de conv.", "en": "Conversion rate"},
    "ctr_field": {"fr": "CTR", "en": "CTR"},
    "aov_field": {"fr": "Panier moyen", "en": "Order value"},
    "margin_field": {"fr": "Marge brute", "en": "Gross margin"},
    "channel_split": {"fr": "Répartition par réseau", "en": "Split by network"},
    "no_channels": {
        "fr": "Aucun réseau : ajoutez des [[channels]] avec une part (share) dans le fichier.",
        "en": "No channels: add [[channels]] with a share to the file.",
    },
    "campaign_funnel": {"fr": "Entonnoir de la campagne", "en": "Campaign funnel"},
    "plan_funnel": {"fr": "Entonnoir du plan", "en": "Plan funnel"},
    "all_channels_combined": {"fr": "tous réseaux (combiné)", "en": "all channels (combined)"},
    "landing": {"fr": "Page d'atterrissage", "en": "Landing page"},
    "landing_none": {"fr": "aucune (Ctrl+L sur une étape)", "en": "none (Ctrl+L on a stage)"},
    "stay": {"fr": "restent", "en": "stay"},
    "new_stage": {"fr": "Nouvelle étape", "en": "New stage"},
    "key_add_stage": {"fr": "Étape +", "en": "Add stage"},
    "key_remove_stage": {"fr": "Étape −", "en": "Remove stage"},
    "key_move_up": {"fr": "Monter", "en": "Move up"},
    "key_move_down": {"fr": "Descendre", "en": "Move down"},
    "key_landing": {"fr": "Atterrissage", "en": "Landing"},
    "remove_stage_title": {"fr": "Retirer cette étape ?", "en": "Remove this stage?"},
    "remove_stage_question": {
        "fr": "« {name} » sera retirée de l'entonnoir.",
        "en": "'{name}' will be removed from the funnel.",
    },
    "choice_remove": {"fr": "Retirer", "en": "Remove"},
    "no_stages": {
        "fr": "Aucune étape : Ctrl+N pour en ajouter une.",
        "en": "No stages: Ctrl+N adds one.",
    },
    "plan_hint": {
        "fr": "Calculé depuis le budget (4) : modifiez CTR et conversion là-bas.",
        "en": "Computed from the budget (4): change CTR and conversion there.",
    },
    # never lose work
    "conflict_title": {"fr": "Le fichier a changé sur le disque", "en": "The file changed on disk"},
    "conflict_question": {
        "fr": "« {name} » a été modifié par ailleurs (autre éditeur, git…) depuis son ouverture. L'écraser perdrait ces changements.",
        "en": "'{name}' was changed elsewhere (another editor, git…) since you opened it. Overwriting would lose those changes.",
    },
    "choice_overwrite": {"fr": "Écraser", "en": "Overwrite"},
    "conflict_removed_question": {
        "fr": "«\u00a0{name}\u00a0» a été supprimé depuis son ouverture. L'enregistrer de nouveau là, ou ailleurs\u00a0?",
        "en": "'{name}' was removed since you opened it. Save it there again, or elsewhere?",
    },
    "choice_save_there": {"fr": "Enregistrer là", "en": "Save there"},
    "choice_reload": {"fr": "Recharger", "en": "Reload"},
    "recovery_title": {"fr": "Travail non enregistré retrouvé", "en": "Unsaved work found"},
    "recovery_question": {
        "fr": "Des modifications de « {name} » non enregistrées ont été gardées le {when}. Les restaurer ?",
        "en": "Unsaved changes to '{name}' were kept on {when}. Restore them?",
    },
    "choice_restore": {"fr": "Restaurer", "en": "Restore"},
    "choice_discard_copy": {"fr": "Les jeter", "en": "Discard them"},
    "choice_later": {"fr": "Plus tard", "en": "Later"},
    "loading": {"fr": "Ouverture de {name}…", "en": "Opening {name}…"},
    "start_recover": {"fr": "Récupérer : {name} ({when})", "en": "Recover: {name} ({when})"},
    "help_title": {"fr": "Aide", "en": "Help"},
    "rows_to_import": {"fr": "lignes à importer", "en": "rows to import"},
    "dry_run": {"fr": "essai : rien n'a été écrit", "en": "dry run: nothing was written"},
    "imported": {"fr": "{count} lignes importées", "en": "{count} rows imported"},
    "publication": {"fr": "Publication", "en": "Publication"},
    "plan_spend": {"fr": "Budget prévu", "en": "Planned budget"},
    "plan_conversions": {"fr": "Ventes prévues", "en": "Planned sales"},
    "variance": {"fr": "Écart", "en": "Variance"},
    "reach": {"fr": "Portée", "en": "Reach"},
    "cpl": {"fr": "CPL", "en": "CPL"},
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
    # --- plausibility (helper B) ---
    "plausibility_high": {
        "fr": "⚠ {field} {value}\u00a0: inhabituellement élevé (d'ordinaire moins de {limit})",
        "en": "⚠ {field} {value} is unusually high (usually below {limit})",
    },
    "plausibility_high_suggest": {
        "fr": (
            "⚠ {field} {value}\u00a0: inhabituellement élevé (d'ordinaire moins de {limit})"
            " — vouliez-vous dire {suggestion}\u00a0?"
        ),
        "en": (
            "⚠ {field} {value} is unusually high (usually below {limit}):"
            " did you mean {suggestion}?"
        ),
    },
    "plausibility_short": {
        "fr": "⚠ {field} {value}\u00a0: inhabituel (d'ordinaire ≤\u00a0{limit})",
        "en": "⚠ {field} {value}: unusual (usually ≤ {limit})",
    },
    "plausibility_short_suggest": {
        "fr": "⚠ {field} {value}\u00a0: vouliez-vous dire {suggestion}\u00a0?",
        "en": "⚠ {field} {value}: did you mean {suggestion}?",
    },
    "plausibility_exceeds": {
        "fr": "⚠ {field} {value} > {other} {limit}\u00a0: rarement possible",
        "en": "⚠ {field} {value} > {other} {limit}: rarely possible",
    },
    "plausibility_title": {
        "fr": "À vérifier (l'import reste possible)\u00a0:",
        "en": "To check (the import can still go ahead):",
    },
    "plausibility_line": {"fr": "ligne {line}\u00a0: {text}", "en": "line {line}: {text}"},
    "plausibility_more": {"fr": "… et {count} de plus", "en": "… and {count} more"},
    "kpi_above_max": {
        "fr": "{field}\u00a0: {value} dépasse {limit}, le plus haut possible pour cet indicateur",
        "en": "{field}: {value} is above {limit}, the highest this indicator can be",
    },
    "kpi_below_min": {
        "fr": "{field}\u00a0: {value} est sous {limit}, le plus bas possible pour cet indicateur",
        "en": "{field}: {value} is below {limit}, the lowest this indicator can be",
    },
    # --- key help (helper C) ---
    # The key tables of the F1 help and of the README (tui/keyhelp.py): their headers,
    # the names of keys, and what each binding does (a binding's tooltip names one).
    "keyhelp_key": {"fr": "touche", "en": "key"},
    "keyhelp_does": {"fr": "effet", "en": "what it does"},
    "keyhelp_everywhere": {"fr": "Partout", "en": "Everywhere"},
    "keyhelp_scroll_short": {"fr": "défiler", "en": "scroll"},
    "keyhelp_close_short": {"fr": "fermer", "en": "close"},
    "keyname_shift": {"fr": "Maj", "en": "Shift"},
    "keyname_space": {"fr": "Espace", "en": "Space"},
    "keyname_enter": {"fr": "Entrée", "en": "Enter"},
    "keyname_escape": {"fr": "Échap", "en": "Esc"},
    "keyname_delete": {"fr": "Suppr", "en": "Delete"},
    "keyname_tab": {"fr": "Tab", "en": "Tab"},
    "keyname_home": {"fr": "Début", "en": "Home"},
    "keyname_end": {"fr": "Fin", "en": "End"},
    "keyname_pageup": {"fr": "PgPréc", "en": "PgUp"},
    "keyname_pagedown": {"fr": "PgSuiv", "en": "PgDn"},
    "keyhelp_sections": {
        "fr": "aller aux Objectifs, KPI, Entonnoir, Budget ou Tableau de bord (hors d'un champ de saisie)",
        "en": "go to Objectives, KPIs, Funnel, Budget or Dashboard (outside a text field)",
    },
    "keyhelp_leave_field": {
        "fr": "sortir du champ de saisie, pour que les chiffres changent à nouveau d'écran",
        "en": "leave the text field, so that the number keys switch screens again",
    },
    "keyhelp_focus": {
        "fr": "champ ou liste suivant / précédent",
        "en": "next / previous field or list",
    },
    "keyhelp_save": {
        "fr": "enregistrer (d'un coup, sans fichier à moitié écrit\u00a0; l'ancienne version reste dans `NOM.toml.bak`)",
        "en": "save (all at once, never a half-written file; the old version stays as `NAME.toml.bak`)",
    },
    "keyhelp_save_as": {"fr": "enregistrer dans un autre fichier", "en": "save to another file"},
    "keyhelp_undo": {"fr": "annuler la dernière modification", "en": "undo the last edit"},
    "keyhelp_palette": {
        "fr": "palette de commandes\u00a0: écrans et commandes, à chercher par leur nom",
        "en": "command palette: screens and commands, found by name",
    },
    "keyhelp_help": {
        "fr": "l'aide\u00a0: le rôle de chaque écran, et ses touches",
        "en": "help: what each screen is for, and its keys",
    },
    "keyhelp_quit": {
        "fr": "quitter (avec des modifications non enregistrées\u00a0: enregistrer, abandonner ou rester)",
        "en": "quit (with unsaved changes: save, discard or stay)",
    },
    "keyhelp_toggle_objective": {
        "fr": "choisir l'objectif en surbrillance, ou le retirer",
        "en": "choose the highlighted objective, or drop it",
    },
    "keyhelp_primary_objective": {
        "fr": "en faire l'objectif principal",
        "en": "make it the primary objective",
    },
    "keyhelp_add_kpi": {
        "fr": "ajouter un KPI\u00a0: du catalogue (selon vos objectifs) ou personnalisé",
        "en": "add a KPI: from the catalog (by your objectives) or a custom one",
    },
    "keyhelp_edit_kpi": {"fr": "modifier le KPI en surbrillance", "en": "edit the highlighted KPI"},
    "keyhelp_delete_kpi": {
        "fr": "supprimer le KPI en surbrillance (après confirmation)",
        "en": "delete the highlighted KPI (once confirmed)",
    },
    "keyhelp_add_stage": {
        "fr": "ajouter une étape après l'étape courante",
        "en": "add a stage after the current one",
    },
    "keyhelp_remove_stage": {
        "fr": "retirer l'étape courante (après confirmation)",
        "en": "remove the current stage (once confirmed)",
    },
    "keyhelp_move_stage": {
        "fr": "monter / descendre l'étape courante",
        "en": "move the current stage up / down",
    },
    "keyhelp_landing": {
        "fr": "faire de l'étape courante la page d'atterrissage (où le taux de rebond s'applique)",
        "en": "make the current stage the landing page (where the bounce rate applies)",
    },
    "keyhelp_stage_rows": {
        "fr": "étape précédente / suivante, en restant dans la même colonne",
        "en": "previous / next stage, staying in the same column",
    },
    "keyhelp_choice_next": {
        "fr": "sur un choix ◂ ▸ (mode, achat média)\u00a0: l'option suivante (un clic aussi)",
        "en": "on a ◂ ▸ choice (mode, media buying): the next option (a click too)",
    },
    "keyhelp_choice_previous": {
        "fr": "sur un choix ◂ ▸\u00a0: l'option précédente",
        "en": "on a ◂ ▸ choice: the previous option",
    },
    "keyhelp_sort": {
        "fr": "trier par la colonne suivante (un clic sur un en-tête aussi\u00a0; un second l'inverse)",
        "en": "sort by the next column (a click on a header too; a second click reverses)",
    },
    "keyhelp_rank_cpa": {
        "fr": "classer par coût par acquisition (CPA)",
        "en": "rank by cost per acquisition (CPA)",
    },
    "keyhelp_add_result": {
        "fr": "saisir un résultat réel à la main",
        "en": "type in an actual result by hand",
    },
    "keyhelp_import": {
        "fr": "importer un export CSV (Meta, LinkedIn, X, GA4), après un aperçu",
        "en": "import a CSV export (Meta, LinkedIn, X, GA4), after a preview",
    },
    "keyhelp_fold": {
        "fr": "replier ou déplier les publications du réseau en surbrillance",
        "en": "fold or unfold the highlighted network's publications",
    },
    "keyhelp_close_help": {"fr": "fermer l'aide", "en": "close the help"},
    "keyhelp_scroll_line": {"fr": "défiler d'une ligne", "en": "scroll by a line"},
    "keyhelp_scroll_page": {"fr": "défiler d'une page", "en": "scroll by a page"},
    "keyhelp_scroll_ends": {"fr": "début / fin de l'aide", "en": "top / bottom of the help"},
}


def t(key: str, lang: Language, **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled."""
    text = STRINGS[key][lang]
    return text.format(**values) if values else text


def label(key: str, lang: Language) -> str:
    """``Text : `` in French, ``Text: `` in English."""
    return t(key, lang) + (" : " if lang == "fr" else ": ")


def detect_language(explicit: str | None = None) -> Language:
    """``explicit`` if given, else the environment's locale, else English."""
    if explicit in LANGUAGES:
        return explicit  # type: ignore[return-value]
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"
