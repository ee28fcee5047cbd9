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
    "revenue.task_not_visible": (
        "a task you no longer have access to",
        "une tâche à laquelle vous n'avez plus accès",
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
        "Ligne {line}\u00a0: saisissez son montant.",
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
        "Nothing remains to credit on this invoice.",
        "Il ne reste rien à créditer sur cette facture.",
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
        "{line} ({basis})\u00a0: votre part convenue de {share} %, versé {amount}",
    ),
    "revenue.explain_private.time_spent": (
        "{line} ({basis}): your {hours} invested, paid {amount}",
        "{line} ({basis})\u00a0: vos {hours} investies, versé {amount}",
    ),
    "revenue.explain_private.time_rate": (
        "{line} ({basis}): your {hours} × your rate, paid {amount}",
        "{line} ({basis})\u00a0: vos {hours} × votre taux, versé {amount}",
    ),
    "revenue.explain_private.weights": (
        "{line} ({basis}): contribution weight {weight} out of {total_weight}, paid {amount}",
        "{line} ({basis})\u00a0: poids de contribution {weight} sur {total_weight}, versé {amount}",
    ),
    # Invoices.
    "revenue.vat_on": ("{rate} on {base}", "{rate} sur {base}"),
    "revenue.invoice": ("Invoice", "Facture"),
    "revenue.credit_note": ("Credit note", "Avoir"),
    "revenue.invoice_number": ("Invoice {number}", "Facture n° {number}"),
    "revenue.credit_note_number": ("Credit note {number}", "Avoir n° {number}"),
    "revenue.credits": ("Credits invoice {number}", "Avoir sur la facture n° {number}"),
    "revenue.credited_by": ("Credited by {number}", "Crédité par l'avoir n° {number}"),
    "revenue.credit_reason_line": ("Reason: {reason}", "Motif\u00a0: {reason}"),
    "revenue.vat_number": ("VAT number {number}", "N° TVA intracommunautaire {number}"),
    "revenue.bic": ("BIC {bic}", "BIC {bic}"),
    "revenue.due_date": ("Due date", "Date d'échéance"),
    "revenue.client": ("Client", "Client"),
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
    "revenue.csv_credited": ("Credited by credit notes", "Crédité par les avoirs"),
    "revenue.csv_net": ("Share after credit notes", "Part après les avoirs"),
    "revenue.csv_fee": ("Collective fee", "Commission du collectif"),
    "revenue.csv_invoice_total": ("Invoice total before tax", "Total HT de la facture"),
    "revenue.kind_production": ("Production", "Production"),
    "revenue.kind_management": ("Project management", "Gestion de projet"),
    # Screens.
    "revenueui.add": ("Add", "Ajouter"),
    "revenueui.amount_eur": ("Amount (€)", "Montant (€)"),
    "revenueui.amount_from_time": ("time × rate", "temps × taux"),
    "revenueui.back": ("All invoices", "Toutes les factures"),
    "revenueui.client_address": ("Client address", "Adresse du client"),
    "revenueui.client_name": ("Client name", "Nom du client"),
    "revenueui.close": ("Close", "Fermer"),
    "revenueui.credit": ("Cancel with a credit note", "Annuler par un avoir"),
    "revenueui.credited": ("Credit note {number} issued.", "Avoir n° {number} émis."),
    "revenueui.credited_badge": ("credited", "avoir"),
    "revenueui.credited_by": ("Credit notes:", "Avoirs\u00a0:"),
    "revenueui.credits": ("Credits invoice", "Avoir sur la facture n°"),
    "revenueui.default_rate": ("Default rate (€)", "Taux par défaut (€)"),
    "revenueui.delete": ("Delete", "Supprimer"),
    "revenueui.deliverables": ("Milestones and bonuses", "Jalons et primes"),
    "revenueui.distributed": ("Paid to members", "Versé aux membres"),
    "revenueui.download_csv": ("Download CSV", "Télécharger le CSV"),
    "revenueui.download_pdf": ("Invoice PDF", "Facture PDF"),
    "revenueui.download_split": ("Split (CSV)", "Répartition (CSV)"),
    "revenueui.draft": ("Draft", "Brouillon"),
    "revenueui.draft_saved": ("Draft saved.", "Brouillon enregistré."),
    "revenueui.drafts": ("Draft splits", "Répartitions en brouillon"),
    "revenueui.drafts_hint": (
        "A new draft takes every milestone, bonus and billable line not invoiced yet.",
        "Un nouveau brouillon reprend les jalons, primes et lignes facturables pas encore "
        "facturés.",
    ),
    "revenueui.duration": ("Duration", "Durée"),
    "revenueui.duration_hint": (
        "Hours (1,5), hours:minutes (1:30) or minutes (90m).",
        "Heures (1,5), heures:minutes (1:30) ou minutes (90m).",
    ),
    "revenueui.everyone": ("Everyone", "Tout le monde"),
    "revenueui.fee_percent": ("Collective fee (%)", "Commission du collectif (%)"),
    "revenueui.go_split": ("Prepare an invoice", "Préparer une facture"),
    "revenueui.invoice_details": ("Invoice", "Facture"),
    "revenueui.invoiced": ("invoiced", "facturé"),
    "revenueui.issue": ("Issue the invoice", "Émettre la facture"),
    "revenueui.issue_text": (
        "The invoice gets the next number and its split is frozen: later changes to time or "
        "rates will not alter it. A correction is then a credit note.",
        "La facture reçoit le numéro suivant et sa répartition est figée\u00a0: les changements "
        "ultérieurs de temps ou de taux ne la modifient pas. Une correction passe alors par un "
        "avoir.",
    ),
    "revenueui.issue_title": ("Issue this invoice?", "Émettre cette facture\u00a0?"),
    "revenueui.issued": ("Invoice {number} issued.", "Facture n° {number} émise."),
    "revenueui.kind": ("Kind", "Type"),
    "revenueui.line_amount": ("Amount", "Montant"),
    "revenueui.line_label": ("Description", "Désignation"),
    "revenueui.lines": ("lines", "lignes"),
    "revenueui.log": ("Log time", "Saisir"),
    "revenueui.log_time": ("Log time", "Saisir du temps"),
    "revenueui.management_rate": ("Management rate", "Taux gestion"),
    "revenueui.method": ("Split by", "Répartir selon"),
    "revenueui.my_latest": ("My latest entries", "Mes dernières saisies"),
    "revenueui.my_profile": ("My rate and VAT", "Mon taux et ma TVA"),
    "revenueui.my_profile_hint": (
        "Used on every project unless a manager sets a project rate.",
        "Utilisés sur chaque projet, sauf taux fixé pour le projet par un responsable.",
    ),
    "revenueui.my_share": ("My share", "Ma part"),
    "revenueui.name": ("Name", "Nom"),
    "revenueui.new_draft": ("New draft split", "Nouvelle répartition"),
    "revenueui.no_invoices": ("No invoice yet.", "Aucune facture pour l'instant."),
    "revenueui.no_task": ("No task", "Aucune tâche"),
    "revenueui.note": ("Note (optional)", "Note (facultative)"),
    "revenueui.open": ("Open", "Ouvrir"),
    "revenueui.per_day": ("per day", "par jour"),
    "revenueui.per_hour": ("per hour", "par heure"),
    "revenueui.person": ("Person", "Personne"),
    "revenueui.rate": ("Rate", "Taux"),
    "revenueui.rate_unit": ("Unit", "Unité"),
    "revenueui.rates": ("Rates on this project", "Taux sur ce projet"),
    "revenueui.rates_hint": (
        "Empty: the person's own default rate applies.",
        "Vide\u00a0: le taux par défaut de la personne s'applique.",
    ),
    "revenueui.remove_line": ("Remove the line", "Retirer la ligne"),
    "revenueui.report": ("Time report", "Relevé de temps"),
    "revenueui.result": ("Split", "Répartition"),
    "revenueui.save_draft": ("Save draft", "Enregistrer le brouillon"),
    "revenueui.share_of": ("Share (%) of", "Part (%) de"),
    "revenueui.show": ("Show", "Afficher"),
    "revenueui.split": ("Split", "Répartition"),
    "revenueui.split_managers_only": (
        "Splits are prepared by the project's managers. Your shares are on the Invoices page.",
        "Les répartitions sont préparées par les responsables du projet. Vos parts sont sur la "
        "page Factures.",
    ),
    "revenueui.task": ("Task (optional)", "Tâche (facultative)"),
    "revenueui.time_from": ("From", "Du"),
    "revenueui.time_logged": ("Time logged.", "Temps enregistré."),
    "revenueui.time_team_only": (
        "Time is logged by the team.",
        "Le temps est saisi par l'équipe.",
    ),
    "revenueui.time_to": ("To", "Au"),
    "revenueui.title": ("Title", "Objet"),
    "revenueui.total_before_tax": ("Total before tax", "Total HT"),
    "revenueui.unsaved": ("not saved", "non enregistré"),
    "revenueui.vat_exempt": (
        "VAT exempt (micro-entrepreneur, art. 293 B du CGI)",
        "Franchise de TVA (micro-entrepreneur, art. 293 B du CGI)",
    ),
    "revenueui.vat_rate": ("VAT rate (%)", "Taux de TVA (%)"),
    "revenueui.weight_of": ("Weight of", "Poids de"),
    "revenueui.work_date": ("Day", "Jour"),
    # Collective invoicing identity.
    "revenue.billing_siret_format": (
        "A SIRET number has 14 digits.",
        "Un numéro SIRET comporte 14 chiffres.",
    ),
    "revenue.billing_siret_checksum": (
        "This SIRET number is not valid (check digit): check for a typing mistake.",
        "Ce numéro SIRET n'est pas valide (clé de contrôle)\u00a0: vérifiez la saisie.",
    ),
    "revenue.billing_iban_format": (
        "Enter an IBAN: country code, check digits and account, as long as that country's IBANs "
        "are (27 characters in France, 22 in Germany).",
        "Saisissez un IBAN : code pays, clé et compte, de la longueur des IBAN de ce pays "
        "(27 caractères en France, 22 en Allemagne).",
    ),
    "revenue.billing_iban_checksum": (
        "This IBAN is not valid (check digits): check for a typing mistake.",
        "Cet IBAN n'est pas valide (clé de contrôle)\u00a0: vérifiez la saisie.",
    ),
    "revenue.billing_bic_format": (
        "A BIC has 8 or 11 letters and digits with a real country code, e.g. BNPAFRPPXXX.",
        "Un BIC comporte 8 ou 11 lettres et chiffres avec un vrai code pays, par ex. BNPAFRPPXXX.",
    ),
    "revenue.billing_vat_format": (
        "Enter an EU VAT number: country code then number in that country's format, e.g. "
        "FR40303265045 or DE136695976.",
        "Saisissez un numéro de TVA de l'UE : code pays puis numéro au format de ce pays, "
        "par ex. FR40303265045 ou DE136695976.",
    ),
    "revenue.billing_vat_checksum": (
        "This VAT number is not valid (check digits): check for a typing mistake.",
        "Ce numéro de TVA n'est pas valide (clé de contrôle) : vérifiez la saisie.",
    ),
    "revenue.billing_siren_format": (
        "A SIREN number has 9 digits.",
        "Un numéro SIREN comporte 9 chiffres.",
    ),
    "revenue.billing_siren_checksum": (
        "This SIREN number is not valid (check digit): check for a typing mistake.",
        "Ce numéro SIREN n'est pas valide (clé de contrôle) : vérifiez la saisie.",
    ),
    "revenue.billing_vat_siren": (
        "This VAT number belongs to another company than the SIRET.",
        "Ce numéro de TVA correspond à une autre entreprise que le SIRET.",
    ),
    "revenue.billing_payment_days": (
        "Enter a payment term between 0 and {max} days.",
        "Saisissez un délai de paiement entre 0 et {max} jours.",
    ),
    "revenue.billing_too_long": (
        "Too long ({max} characters at most).",
        "Trop long ({max} caractères au plus).",
    ),
    "revenue.billing_incomplete": (
        "The collective's invoicing details are incomplete (missing: {missing}). An owner or "
        "admin of the collective completes them on its Invoicing details page; then issue again.",
        "Les informations de facturation du collectif sont incomplètes (manquant\u00a0: "
        "{missing}). "
        "Un propriétaire ou administrateur du collectif les complète sur sa page Informations de "
        "facturation\u00a0; émettez ensuite à nouveau.",
    ),
    "revenue.billing_field_legal_name": ("legal name", "raison sociale"),
    "revenue.billing_field_address": ("address", "adresse"),
    "revenue.billing_field_siret": ("SIRET", "SIRET"),
    "revenue.billing_field_vat_number": ("VAT number", "n° de TVA"),
    "revenue.billing_field_iban": ("IBAN", "IBAN"),
    "revenue.billing_field_bic": ("BIC", "BIC"),
    "revenue.billing_field_payment_days": ("payment term", "délai de paiement"),
    # Legal mentions of invoices and credit notes (Code de commerce L441-9, L441-10).
    "revenue.mention_services": (
        "Nature of the operation: provision of services.",
        "Nature de l'opération\u00a0: prestation de services.",
    ),
    "revenue.mention_payment.one": (
        "Payment by bank transfer by {due} ({n} day from the invoice date).",
        "Paiement par virement au plus tard le {due} ({n}\u00a0jour à compter de la date "
        "de facture).",
    ),
    "revenue.mention_payment.other": (
        "Payment by bank transfer by {due} ({n} days from the invoice date).",
        "Paiement par virement au plus tard le {due} ({n}\u00a0jours à compter de la date "
        "de facture).",
    ),
    "revenue.mention_penalty": (
        "Late-payment penalties: {rate} per year, due from the day after the due date.",
        "Pénalités de retard\u00a0: {rate} par an, exigibles dès le lendemain de l'échéance.",
    ),
    "revenue.mention_penalty_legal": (
        "Late-payment penalties: the European Central Bank's refinancing rate plus 10 "
        "percentage points, due from the day after the due date (Code de commerce, art. "
        "L441-10).",
        "Pénalités de retard\u00a0: taux de refinancement de la Banque centrale européenne "
        "majoré de 10\u00a0points, exigibles dès le lendemain de l'échéance (art. L441-10 du "
        "Code de commerce).",
    ),
    "revenue.mention_indemnity": (
        "Fixed indemnity for recovery costs in case of late payment: {amount} (Code de "
        "commerce, art. D441-5).",
        "Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement\u00a0: "
        "{amount} (art. D441-5 du Code de commerce).",
    ),
    "revenue.mention_no_discount": (
        "No discount for early payment.",
        "Pas d'escompte pour paiement anticipé.",
    ),
    "revenue.mention_discount": (
        "Early-payment discount: {terms}",
        "Escompte pour paiement anticipé\u00a0: {terms}",
    ),
    "revenue.mention_vat_on_debits": (
        "VAT paid on debits (option chosen by the seller).",
        "Option pour le paiement de la taxe d'après les débits.",
    ),
    "revenue.mention_corrects": (
        "Credit note correcting invoice {number} of {date}.",
        "Avoir rectifiant la facture n°\u00a0{number} du {date}.",
    ),
    "revenue.issuer_line": ("From: {name}", "Émetteur\u00a0: {name}"),
    "revenue.client_line": ("Client: {name}", "Client\u00a0: {name}"),
    "revenue.issue_date_line": ("Issue date: {date}", "Date d'émission\u00a0: {date}"),
    "revenue.due_date_line": ("Due date: {date}", "Date d'échéance\u00a0: {date}"),
    "revenue.client_siren": ("SIREN {siren}", "SIREN {siren}"),
    "revenue.delivery_address": (
        "Place of delivery: {address}",
        "Lieu de livraison\u00a0: {address}",
    ),
    "revenueui.client_siren": ("Client's SIREN (9 digits)", "SIREN du client (9\u00a0chiffres)"),
    "revenueui.client_vat_number": (
        "Client's intra-EU VAT number",
        "N° de TVA intracommunautaire du client",
    ),
    "revenueui.client_delivery_address": (
        "Delivery address (when not the client's address)",
        "Adresse de livraison (si différente de celle du client)",
    ),
    "revenueui.billing_terms": ("Payment terms", "Conditions de paiement"),
    "revenueui.billing_late_penalty": (
        "Late-payment penalty rate (% per year; empty: ECB rate + 10 points)",
        "Taux des pénalités de retard (% par an\u00a0; vide\u00a0: taux BCE + 10\u00a0points)",
    ),
    "revenueui.billing_late_penalty_hint": (
        "At least three times the legal interest rate (Code de commerce, art. L441-10).",
        "Au moins trois fois le taux d'intérêt légal (art. L441-10 du Code de commerce).",
    ),
    "revenueui.billing_early_discount": (
        "Early-payment discount (empty: none)",
        "Escompte pour paiement anticipé (vide\u00a0: aucun)",
    ),
    "revenueui.billing_vat_on_debits": (
        "VAT on debits: the collective opted to pay VAT when invoicing, not when paid",
        "TVA d'après les débits\u00a0: le collectif a opté pour le paiement de la TVA à la "
        "facturation et non à l'encaissement",
    ),
    "revenue.billing_penalty_rate": (
        "Enter a yearly rate above 0 and at most 100 %, e.g. 12.15, or leave it empty.",
        "Saisissez un taux annuel supérieur à 0 et d'au plus 100\u00a0%, par ex. 12,15, ou "
        "laissez vide.",
    ),
    "revenueui.download_facturx": ("Factur-X e-invoice", "Facture électronique Factur-X"),
    # Credit notes.
    "revenue.credit_unknown_line": (
        "This line is not on the invoice.",
        "Cette ligne ne figure pas sur la facture.",
    ),
    "revenue.credit_amount_or_lines": (
        "Give either one amount or amounts per line, not both.",
        "Indiquez soit un montant global, soit des montants par ligne, pas les deux.",
    ),
    "revenue.credit_amount_zero": (
        "A credited amount must be above zero.",
        "Un montant crédité doit être supérieur à zéro.",
    ),
    "revenue.credit_too_much": (
        "More than what remains to credit {line} ({left} at most).",
        "Plus que ce qui reste à créditer {line} ({left} au plus).",
    ),
    "revenue.credit_nothing_left": (
        "Choose what to credit: a line or an amount.",
        "Choisissez quoi créditer\u00a0: une ligne ou un montant.",
    ),
    "revenue.credit_reason_required": (
        "Give the reason of this credit note (printed on it).",
        "Indiquez le motif de cet avoir (il y figure).",
    ),
    "revenue.credit_reason_too_long": (
        "The reason is too long ({max} characters at most).",
        "Le motif est trop long ({max} caractères au plus).",
    ),
    "revenue.credit_explain": (
        "{line}: {credited} credited out of {remaining} still invoiced; you held {held} of it, "
        "you give back {amount}",
        "{line}\u00a0: {credited} crédités sur {remaining} encore facturés\u00a0; vous en déteniez "
        "{held}, vous rendez {amount}",
    ),
    "revenue.credit_explain_private": (
        "{line}: credit note, your part {amount}",
        "{line}\u00a0: avoir, votre part {amount}",
    ),
    # Collective billing screen.
    "revenueui.billing_title": ("Invoicing details", "Informations de facturation"),
    "revenueui.billing_link": ("Invoicing details", "Informations de facturation"),
    "revenueui.billing_hint": (
        "Printed on every invoice the collective issues. Issued invoices keep the details they "
        "were issued with.",
        "Imprimées sur chaque facture émise par le collectif. Les factures déjà émises gardent "
        "les informations de leur émission.",
    ),
    "revenueui.billing_legal_name": ("Legal name", "Raison sociale"),
    "revenueui.billing_address": ("Address", "Adresse"),
    "revenueui.billing_siret": ("SIRET (14 digits)", "SIRET (14 chiffres)"),
    "revenueui.billing_vat_number": ("Intra-EU VAT number", "N° de TVA intracommunautaire"),
    "revenueui.billing_vat_hint": (
        "Not needed when the collective itself is under the VAT franchise.",
        "Inutile si le collectif lui-même est en franchise de TVA.",
    ),
    "revenueui.billing_iban": ("IBAN", "IBAN"),
    "revenueui.billing_bic": ("BIC (optional)", "BIC (facultatif)"),
    "revenueui.billing_payment_days": ("Payment term (days)", "Délai de paiement (jours)"),
    "revenueui.billing_fee_exempt": (
        "The collective's fee carries no VAT (art. 293 B du CGI)",
        "La commission du collectif est sans TVA (art. 293 B du CGI)",
    ),
    "revenueui.billing_fee_vat": ("VAT on the collective's fee (%)", "TVA sur la commission (%)"),
    "revenueui.billing_fix_errors": (
        "Some details are not valid: see the messages under the fields.",
        "Certaines informations ne sont pas valides\u00a0: voir les messages sous les champs.",
    ),
    "revenueui.billing_save": ("Save", "Enregistrer"),
    "revenueui.billing_saved": (
        "Invoicing details saved.",
        "Informations de facturation enregistrées.",
    ),
    "revenueui.billing_complete": (
        "Complete: invoices can be issued.",
        "Complètes\u00a0: les factures peuvent être émises.",
    ),
    "revenueui.billing_missing": (
        "Still missing before an invoice can be issued:",
        "Manque encore avant de pouvoir émettre une facture\u00a0:",
    ),
    "revenueui.billing_incomplete_notice": (
        "Invoices cannot be issued yet: the collective's invoicing details lack",
        "Impossible d'émettre une facture pour l'instant\u00a0: il manque aux informations de "
        "facturation du collectif",
    ),
    "revenueui.billing_fix": ("Complete the invoicing details", "Compléter la facturation"),
    # Partial credit notes.
    "revenueui.credit_partial": ("Credit part of it", "Avoir partiel"),
    "revenueui.credit_partial_hint": (
        "Type an amount on the lines to credit, or one amount spread over all lines. Nobody "
        "gives back more than they still hold.",
        "Saisissez un montant sur les lignes à créditer, ou un montant global réparti sur "
        "toutes les lignes. Personne ne rend plus que ce qu'il détient encore.",
    ),
    "revenueui.credit_remaining": ("still to credit", "reste à créditer"),
    "revenueui.credit_amount": ("Or one amount (€)", "Ou un montant global (€)"),
    "revenueui.credit_reason": ("Reason", "Motif"),
    "revenueui.credit_issue": ("Issue the credit note", "Émettre l'avoir"),
    "revenueui.credited_total": ("Credited so far", "Déjà crédité"),
    "revenueui.remaining_total": ("Still invoiced", "Reste facturé"),
    "revenueui.share_credited": ("credited", "crédité"),
    "revenueui.credit_all_title": ("Cancel the whole invoice?", "Annuler toute la facture\u00a0?"),
    "revenueui.credit_all_text": (
        "A credit note gives back everything that remains on this invoice.",
        "Un avoir reprend tout ce qui reste sur cette facture.",
    ),
    # VAT disclosure on the client invoice.
    "revenueui.vat_disclosure": (
        "The VAT breakdown by rate reveals {names}'s share to the client: the law requires the "
        "base of each rate on the invoice, and this base is theirs alone.",
        "Le détail de la TVA par taux révèle au client la part de {names}\u00a0: la loi impose la "
        "base de chaque taux sur la facture, et cette base est la sienne seule.",
    ),
}
