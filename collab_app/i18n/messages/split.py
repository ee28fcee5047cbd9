"""Messages of the revenue-split engine: bases, explanations and errors."""

MESSAGES = {
    # Bases and origins of lines.
    "split.basis.milestone": ("Milestone", "Jalon"),
    "split.basis.time": ("Time spent", "Temps passé"),
    "split.basis.bonus": ("Performance bonus", "Prime de performance"),
    "split.basis.fixed": ("Additional line", "Ligne supplémentaire"),
    "split.origin.overage": ("overage round", "tour supplémentaire"),
    "split.origin.change_order": ("approved change order", "avenant approuvé"),
    "split.origin.other": ("other", "autre"),
    "split.method.shares": ("agreed shares", "parts convenues"),
    "split.method.time_spent": ("time invested", "temps investi"),
    "split.method.time_rate": ("time × rate", "temps × taux"),
    "split.method.weights": ("contribution weights", "poids de contribution"),
    # Explanations, one per member and line.
    "split.explain.shares": (
        "{line} ({basis}): agreed share of {share} % of {distributable} = {exact}, paid {amount}",
        "{line} ({basis})\u00a0: part convenue de {share} % de {distributable} = {exact}, "
        "versé {amount}",
    ),
    "split.explain.time_spent": (
        "{line} ({basis}): {hours} invested out of {total_hours}, share of {distributable} = "
        "{exact}, paid {amount}",
        "{line} ({basis})\u00a0: {hours} investies sur {total_hours}, part de {distributable} = "
        "{exact}, versé {amount}",
    ),
    "split.explain.time_rate": (
        "{line} ({basis}): {hours} × your rate = {value} out of {total_value}, share of "
        "{distributable} = {exact}, paid {amount}",
        "{line} ({basis})\u00a0: {hours} × votre taux = {value} sur {total_value}, part de "
        "{distributable} = {exact}, versé {amount}",
    ),
    "split.explain.time_rate_management": (
        "{line} ({basis}): {hours} ({management} of project management) × your rate = {value} "
        "out of {total_value}, share of {distributable} = {exact}, paid {amount}",
        "{line} ({basis})\u00a0: {hours} (dont {management} de gestion de projet) × votre taux = "
        "{value} sur {total_value}, part de {distributable} = {exact}, versé {amount}",
    ),
    "split.explain.weights": (
        "{line} ({basis}): contribution weight {weight} out of {total_weight}, share of "
        "{distributable} = {exact}, paid {amount}",
        "{line} ({basis})\u00a0: poids de contribution {weight} sur {total_weight}, part de "
        "{distributable} = {exact}, versé {amount}",
    ),
    "split.explain.rounding_cent": (
        "+1 cent from rounding, largest remainder",
        "+1 centime d'arrondi, plus fort reste",
    ),
    "split.explain.fee_line": (
        "{line}: collective fee of {fee} % kept before the split: {amount} of {line_amount}",
        "{line}\u00a0: commission du collectif de {fee} % retenue avant la répartition\u00a0: "
        "{amount} "
        "sur {line_amount}",
    ),
    "split.explain.fee_total": (
        "Collective fee ({fee} %): {amount}",
        "Commission du collectif ({fee} %)\u00a0: {amount}",
    ),
    "split.explain.member_total": (
        "Total for {member}: {amount}",
        "Total pour {member}\u00a0: {amount}",
    ),
    # Errors.
    "split.error.invalid": ("This split is not valid.", "Cette répartition n'est pas valide."),
    "split.error.empty_invoice": (
        "The invoice has no line to split.",
        "La facture n'a aucune ligne à répartir.",
    ),
    "split.error.duplicate_line": (
        "Two lines have the same identifier ({line}).",
        "Deux lignes ont le même identifiant ({line}).",
    ),
    "split.error.duplicate_member": (
        "Member {member} is listed twice.",
        "Le membre {member} figure deux fois.",
    ),
    "split.error.invalid_id": (
        "An identifier is missing or not valid ({name}).",
        "Un identifiant manque ou n'est pas valide ({name}).",
    ),
    "split.error.unknown_line_type": (
        "Line {line} is of an unknown kind.",
        "La ligne {line} est d'un type inconnu.",
    ),
    "split.error.unknown_member": (
        "Line {line} names member {member}, who is not part of this split.",
        "La ligne {line} cite le membre {member}, qui ne fait pas partie de cette répartition.",
    ),
    "split.error.invalid_number": (
        "The value of {name} is not a valid number.",
        "La valeur de {name} n'est pas un nombre valide.",
    ),
    "split.error.negative_amount": (
        "The value of {name} cannot be negative.",
        "La valeur de {name} ne peut pas être négative.",
    ),
    "split.error.amount_too_large": (
        "The value of {name} is too large (at most {maximum}).",
        "La valeur de {name} est trop grande (au plus {maximum}).",
    ),
    "split.error.total_too_large": (
        "The invoice total is too large (at most {maximum} cents).",
        "Le total de la facture est trop grand (au plus {maximum} centimes).",
    ),
    "split.error.too_precise": (
        "The value of {name} has more than {places} decimal places.",
        "La valeur de {name} a plus de {places} décimales.",
    ),
    "split.error.fee_out_of_range": (
        "The collective fee must be between 0 and 100 % (got {fee}).",
        "La commission du collectif doit être comprise entre 0 et 100 % (reçu {fee}).",
    ),
    "split.error.shares_missing": (
        "Line {line}: give agreed shares or log time on it.",
        "Ligne {line}\u00a0: indiquez des parts convenues ou saisissez du temps.",
    ),
    "split.error.shares_and_time": (
        "Line {line}: split it by agreed shares or by time spent, not both.",
        "Ligne {line}\u00a0: répartissez-la par parts convenues ou par temps passé, pas les deux.",
    ),
    "split.error.shares_over_100": (
        "Line {line}: agreed shares add up to {total} %, more than 100 %.",
        "Ligne {line}\u00a0: les parts convenues totalisent {total} %, plus de 100 %.",
    ),
    "split.error.shares_under_100": (
        "Line {line}: agreed shares add up to {total} %; they must add up to 100 %.",
        "Ligne {line}\u00a0: les parts convenues totalisent {total} %\u00a0; elles doivent faire "
        "100 %.",
    ),
    "split.error.no_time": (
        "Line {line}: no time is logged, so it cannot be split by time.",
        "Ligne {line}\u00a0: aucun temps saisi, elle ne peut pas être répartie au temps.",
    ),
    "split.error.missing_rate": (
        "Line {line}: member {member} logged time but has no rate.",
        "Ligne {line}\u00a0: le membre {member} a saisi du temps mais n'a pas de taux.",
    ),
    "split.error.zero_rates": (
        "Line {line}: every rate is zero, so the amount cannot be split by time × rate.",
        "Ligne {line}\u00a0: tous les taux sont nuls, le montant ne peut pas être réparti "
        "au temps × taux.",
    ),
    "split.error.zero_weights": (
        "Line {line}: the bonus needs at least one contribution weight above zero.",
        "Ligne {line}\u00a0: la prime demande au moins un poids de contribution non nul.",
    ),
    "split.error.vat_rate_out_of_range": (
        "The VAT rate of {member} must be between 0 and 100 % (got {rate}).",
        "Le taux de TVA de {member} doit être compris entre 0 et 100 % (reçu {rate}).",
    ),
    "split.error.missing_vat_status": (
        "The VAT status of {member} is missing.",
        "Le régime de TVA de {member} n'est pas renseigné.",
    ),
    # VAT.
    "split.vat.exempt": (
        "TVA non applicable, art. 293 B du CGI (VAT not applicable)",
        "TVA non applicable, art. 293 B du CGI",
    ),
    "split.vat.rate": ("VAT {rate} %", "TVA {rate} %"),
}
