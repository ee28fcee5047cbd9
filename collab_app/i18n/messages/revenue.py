"""Messages of time tracking, rates, the split calculator, invoices and their exports."""

MESSAGES = {
    # Navigation.
    "revenue.nav_time": ("Time", "Temps"),
    "revenue.nav_split": ("Split", "Répartition"),
    "revenue.nav_invoices": ("Invoices", "Factures"),
    # Errors.
    "revenue.rate_invalid": ("Enter a valid rate.", "Saisissez un taux valide."),
    "revenue.rate_unit_invalid": (
        "Choose per hour or per day.",
        "Choisissez à l'heure ou au jour.",
    ),
    "revenue.vat_rate_invalid": (
        "Enter a VAT rate between 0 and 100 %.",
        "Saisissez un taux de TVA entre 0 et 100 %.",
    ),
    "revenue.duration_invalid": (
        "Enter a duration between 1 minute and 24 hours, e.g. 1.5, 1:30 or 90m.",
        "Saisissez une durée entre 1 minute et 24 heures, par ex. 1,5, 1:30 ou 90m.",
    ),
    "revenue.work_date_out_of_range": (
        "This day is too far in the past or in the future.",
        "Ce jour est trop loin dans le passé ou dans le futur.",
    ),
    "revenue.kind_invalid": ("Choose a kind of time.", "Choisissez un type de temps."),
    "revenue.note_too_long": (
        "The note is too long (at most {max} characters).",
        "La note est trop longue ({max} caractères au plus).",
    ),
    "revenue.period_invalid": (
        "The end of the period is before its start.",
        "La fin de la période précède son début.",
    ),
    "revenue.period_too_long": (
        "The period is too long (three years at most).",
        "La période est trop longue (trois ans au plus).",
    ),
    "revenue.number_invalid": (
        "A value is not a valid number {line}.",
        "Une valeur n'est pas un nombre valide {line}.",
    ),
    "revenue.amount_invalid": (
        "Enter a valid amount {line}.",
        "Saisissez un montant valide {line}.",
    ),
    "revenue.amount_required": (
        "Line {line}: enter its amount.",
        "Ligne {line} : saisissez son montant.",
    ),
    "revenue.member_not_on_project": (
        "Only people on the project can be paid {line}.",
        "Seules les personnes du projet peuvent être payées {line}.",
    ),
    "revenue.line_invalid": (
        "This line is not valid {line}.",
        "Cette ligne n'est pas valide {line}.",
    ),
    "revenue.too_many_lines": ("At most {max} lines.", "{max} lignes au plus."),
    "revenue.text_too_long": (
        "This text is too long (at most {max} characters).",
        "Ce texte est trop long ({max} caractères au plus).",
    ),
    "revenue.name_invalid": (
        "Enter a name (at most {max} characters).",
        "Saisissez un nom ({max} caractères au plus).",
    ),
    "revenue.client_required": (
        "Enter the client's name before issuing.",
        "Saisissez le nom du client avant d'émettre.",
    ),
    "revenue.already_issued": (
        "This draft was issued or deleted meanwhile.",
        "Ce brouillon a été émis ou supprimé entre-temps.",
    ),
    "revenue.already_invoiced": (
        "Something on this invoice was billed by another invoice meanwhile.",
        "Un élément de cette facture a été facturé entre-temps par une autre facture.",
    ),
    "revenue.already_credited": (
        "This invoice already has a credit note.",
        "Cette facture a déjà un avoir.",
    ),
    "revenue.cannot_credit": (
        "Only an invoice can be credited.",
        "Seule une facture peut faire l'objet d'un avoir.",
    ),
    "revenue.source_gone": (
        "A billable line of this draft no longer exists.",
        "Une ligne facturable de ce brouillon n'existe plus.",
    ),
    # Guest explanations: the member's own figures only.
    "revenue.explain_private.shares": (
        "{line} ({basis}): your agreed share of {share} %, paid {amount}",
        "{line} ({basis}) : votre part convenue de {share} %, versé {amount}",
    ),
    "revenue.explain_private.time_spent": (
        "{line} ({basis}): your {hours} invested, paid {amount}",
        "{line} ({basis}) : vos {hours} investies, versé {amount}",
    ),
    "revenue.explain_private.time_rate": (
        "{line} ({basis}): your {hours} × your rate, paid {amount}",
        "{line} ({basis}) : vos {hours} × votre taux, versé {amount}",
    ),
    "revenue.explain_private.weights": (
        "{line} ({basis}): contribution weight {weight} out of {total_weight}, paid {amount}",
        "{line} ({basis}) : poids de contribution {weight} sur {total_weight}, versé {amount}",
    ),
    # Invoices.
    "revenue.vat_on": ("{rate} on {base}", "{rate} sur {base}"),
    "revenue.invoice": ("Invoice", "Facture"),
    "revenue.credit_note": ("Credit note", "Avoir"),
    "revenue.invoice_number": ("Invoice {number}", "Facture n° {number}"),
    "revenue.credit_note_number": ("Credit note {number}", "Avoir n° {number}"),
    "revenue.credits": ("Cancels invoice {number}", "Annule la facture n° {number}"),
    "revenue.credited_by": ("Cancelled by credit note {number}", "Annulée par l'avoir n° {number}"),
    "revenue.issue_date": ("Issue date", "Date d'émission"),
    "revenue.due_date": ("Due date", "Date d'échéance"),
    "revenue.client": ("Client", "Client"),
    "revenue.issuer": ("From", "Émetteur"),
    "revenue.siret": ("SIRET {siret}", "SIRET {siret}"),
    "revenue.iban": ("IBAN {iban}", "IBAN {iban}"),
    "revenue.line": ("Description", "Désignation"),
    "revenue.amount": ("Amount", "Montant"),
    "revenue.total_before_tax": ("Total before tax", "Total HT"),
    "revenue.total_vat": ("VAT", "TVA"),
    "revenue.total": ("Total", "Total TTC"),
    "revenue.fee": ("Collective fee", "Commission du collectif"),
    "revenue.page": ("Page {page}", "Page {page}"),
    # CSV exports.
    "revenue.csv_date": ("Date", "Date"),
    "revenue.csv_project": ("Project", "Projet"),
    "revenue.csv_person": ("Person", "Personne"),
    "revenue.csv_kind": ("Kind", "Type"),
    "revenue.csv_task": ("Task", "Tâche"),
    "revenue.csv_hours": ("Hours", "Heures"),
    "revenue.csv_note": ("Note", "Note"),
    "revenue.csv_total": ("Total", "Total"),
    "revenue.csv_invoice": ("Invoice", "Facture"),
    "revenue.csv_line": ("Line", "Ligne"),
    "revenue.csv_basis": ("Basis", "Base"),
    "revenue.csv_amount": ("Amount", "Montant"),
    "revenue.csv_explanation": ("Explanation", "Explication"),
    "revenue.csv_share_total": ("Share total", "Total de la part"),
    "revenue.csv_fee": ("Collective fee", "Commission du collectif"),
    "revenue.csv_invoice_total": ("Invoice total before tax", "Total HT de la facture"),
    "revenue.kind_production": ("Production", "Production"),
    "revenue.kind_management": ("Project management", "Gestion de projet"),
}
