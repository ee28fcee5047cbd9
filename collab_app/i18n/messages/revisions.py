"""Messages of the revision rounds and change orders."""

MESSAGES = {
    # --- Errors ---------------------------------------------------------------------------------
    "revisions.confirm_needed": (
        "Round {number} is beyond the included rounds: it is billed {price}. Confirm to submit.",
        "Le tour {number} dépasse les tours inclus : il est facturé {price}. "
        "Confirmez pour l'envoyer.",
    ),
    "revisions.text_invalid": ("This text is not valid.", "Ce texte n'est pas valide."),
    "revisions.text_required": ("This field is required.", "Ce champ est obligatoire."),
    "revisions.text_too_long": (
        "At most {max} characters.",
        "{max} caractères au maximum.",
    ),
    "revisions.url_invalid": (
        "Enter a full link starting with http:// or https://.",
        "Saisissez un lien complet commençant par http:// ou https://.",
    ),
    "revisions.choice_invalid": ("Choose one of the options.", "Choisissez une des options."),
    "revisions.number_invalid": (
        "Enter a whole number from {low} to {high}.",
        "Saisissez un nombre entier de {low} à {high}.",
    ),
    "revisions.hours_invalid": (
        "Enter a number of hours, e.g. 2 or 1.5.",
        "Saisissez un nombre d'heures, par ex. 2 ou 1,5.",
    ),
    "revisions.holidays_invalid": (
        "One date per line, as YYYY-MM-DD (at most 100).",
        "Une date par ligne, au format AAAA-MM-JJ (100 au maximum).",
    ),
    "revisions.deliverable_exists": (
        "A deliverable already has this name.",
        "Un livrable porte déjà ce nom.",
    ),
    "revisions.too_many_deliverables": (
        "This project has too many deliverables.",
        "Ce projet a trop de livrables.",
    ),
    "revisions.deliverable_in_use": (
        "Requests refer to this deliverable: it cannot be removed.",
        "Des demandes concernent ce livrable : il ne peut pas être retiré.",
    ),
    "revisions.contact_only": (
        "Only the designated client contact (or the lead) submits revision rounds.",
        "Seul le contact client désigné (ou le référent) envoie les tours de révision.",
    ),
    "revisions.round_full": (
        "A round holds at most {max} requests.",
        "Un tour contient au plus {max} demandes.",
    ),
    "revisions.already_submitted": (
        "This round was already submitted.",
        "Ce tour a déjà été envoyé.",
    ),
    "revisions.round_empty": (
        "Add at least one request before submitting.",
        "Ajoutez au moins une demande avant d'envoyer.",
    ),
    "revisions.overage_client_only": (
        "This round is billable: the client contact must confirm and submit it.",
        "Ce tour est facturable : le contact client doit le confirmer et l'envoyer.",
    ),
    "revisions.price_changed": (
        "The price changed meanwhile; it is now {price}. Check it and confirm again.",
        "Le prix a changé entre-temps ; il est maintenant de {price}. "
        "Vérifiez-le et confirmez à nouveau.",
    ),
    "revisions.not_submitted": (
        "This round has not been submitted yet.",
        "Ce tour n'a pas encore été envoyé.",
    ),
    "revisions.round_closed": ("This round is closed.", "Ce tour est clôturé."),
    "revisions.item_final": (
        "This request is already resolved.",
        "Cette demande est déjà traitée.",
    ),
    "revisions.stale": (
        "Someone changed this request meanwhile; the page shows it now.",
        "Quelqu'un a modifié cette demande entre-temps ; la page l'affiche maintenant.",
    ),
    "revisions.triage_open_only": (
        "Only an open request can be triaged.",
        "Seule une demande ouverte peut être triée.",
    ),
    "revisions.has_change_order": (
        "This request already has a change order.",
        "Cette demande a déjà un avenant.",
    ),
    "revisions.transition_invalid": (
        "This request cannot move to that state.",
        "Cette demande ne peut pas passer à cet état.",
    ),
    "revisions.triage_first": (
        "Triage the request first.",
        "Triez d'abord la demande.",
    ),
    "revisions.awaiting_approval": (
        "Work starts only once the client has approved the change order.",
        "Le travail ne commence qu'après l'accord du client sur l'avenant.",
    ),
    "revisions.pricing_managers_only": (
        "Only managers and the lead propose change orders.",
        "Seuls les responsables et le référent proposent des avenants.",
    ),
    "revisions.not_scope_change": (
        "Only an open request triaged as a scope change gets a change order.",
        "Seule une demande ouverte classée hors périmètre reçoit un avenant.",
    ),
    "revisions.contact_decides": (
        "Only the designated client contact approves or declines change orders.",
        "Seul le contact client désigné accepte ou refuse les avenants.",
    ),
    "revisions.already_decided": (
        "This change order was already decided.",
        "Cet avenant a déjà été tranché.",
    ),
    "revisions.co_declined_reason": (
        "Change order declined by the client.",
        "Avenant refusé par le client.",
    ),
    # --- Billable lines (printed on invoices) ---------------------------------------------------
    "revisions.line_overage": (
        "Extra revision round {number} ({included} included) — {project}",
        "Tour de révision supplémentaire n° {number} ({included} inclus) — {project}",
    ),
    "revisions.line_change_order": (
        "Change order: {description}",
        "Avenant : {description}",
    ),
    # --- Mail -----------------------------------------------------------------------------------
    "revisions.mail_submitted_subject": (
        "{project}: revision round {number} submitted",
        "{project} : tour de révision n° {number} envoyé",
    ),
    "revisions.mail_submitted_body": (
        "Revision round {number} of {project} was submitted. Open it: {link}",
        "Le tour de révision n° {number} de {project} a été envoyé. Ouvrez-le : {link}",
    ),
    "revisions.mail_closed_subject": (
        "{project}: revision round {number} is complete",
        "{project} : le tour de révision n° {number} est terminé",
    ),
    "revisions.mail_closed_body": (
        "Every request of revision round {number} of {project} has been handled by {collective}. "
        "See the answers: {link}",
        "Toutes les demandes du tour de révision n° {number} de {project} ont été traitées par "
        "{collective}. Voir les réponses : {link}",
    ),
    "revisions.mail_change_order_subject": (
        "{project}: a change order awaits your decision ({price})",
        "{project} : un avenant attend votre décision ({price})",
    ),
    "revisions.mail_change_order_body": (
        "{collective} proposes a change order on {project} for {price}. "
        "Approve or decline it: {link}",
        "{collective} propose un avenant sur {project} pour {price}. "
        "Acceptez-le ou refusez-le : {link}",
    ),
    "revisions.mail_co_approved_subject": (
        "{project}: change order approved",
        "{project} : avenant accepté",
    ),
    "revisions.mail_co_approved_body": (
        "The client approved a change order on {project}. {link}",
        "Le client a accepté un avenant sur {project}. {link}",
    ),
    "revisions.mail_co_declined_subject": (
        "{project}: change order declined",
        "{project} : avenant refusé",
    ),
    "revisions.mail_co_declined_body": (
        "The client declined a change order on {project}. {link}",
        "Le client a refusé un avenant sur {project}. {link}",
    ),
    # --- Values ---------------------------------------------------------------------------------
    "revisions.kind.": ("Not triaged", "Non triée"),
    "revisions.kind.revision": ("Revision", "Révision"),
    "revisions.kind.scope_change": ("Scope change", "Hors périmètre"),
    "revisions.kind.not_actionable": ("Not actionable", "Non réalisable"),
    "revisions.status.open": ("Open", "Ouverte"),
    "revisions.status.in_progress": ("In progress", "En cours"),
    "revisions.status.done": ("Done", "Faite"),
    "revisions.status.declined": ("Declined", "Refusée"),
    "revisions.round_status.draft": ("Draft", "Brouillon"),
    "revisions.round_status.submitted": ("Submitted", "Envoyé"),
    "revisions.round_status.closed": ("Closed", "Clôturé"),
    "revisions.co_status.proposed": ("Awaiting decision", "En attente de décision"),
    "revisions.co_status.approved": ("Approved", "Accepté"),
    "revisions.co_status.declined": ("Declined", "Refusé"),
    "revisions.priority.low": ("Low", "Basse"),
    "revisions.priority.normal": ("Normal", "Normale"),
    "revisions.priority.high": ("High", "Haute"),
    # --- Export ---------------------------------------------------------------------------------
    "revisions.csv.when": ("When (UTC)", "Quand (UTC)"),
    "revisions.csv.who": ("Who", "Qui"),
    "revisions.csv.round": ("Round", "Tour"),
    "revisions.csv.item": ("Request", "Demande"),
    "revisions.csv.change_order": ("Change order", "Avenant"),
    "revisions.csv.event": ("Event", "Événement"),
    "revisions.csv.details": ("Details", "Détails"),
    "revisions.event.terms_updated": ("Terms updated", "Conditions modifiées"),
    "revisions.event.deliverable_added": ("Deliverable added", "Livrable ajouté"),
    "revisions.event.deliverable_removed": ("Deliverable removed", "Livrable retiré"),
    "revisions.event.round_started": ("Round started (draft)", "Tour commencé (brouillon)"),
    "revisions.event.item_added": ("Request added", "Demande ajoutée"),
    "revisions.event.item_removed": ("Request removed", "Demande retirée"),
    "revisions.event.round_submitted": ("Round submitted", "Tour envoyé"),
    "revisions.event.overage_confirmed": (
        "Billable round confirmed",
        "Tour facturable confirmé",
    ),
    "revisions.event.round_first_response": ("First response", "Première réponse"),
    "revisions.event.item_triaged": ("Request triaged", "Demande triée"),
    "revisions.event.item_status": ("Request state changed", "État de la demande modifié"),
    "revisions.event.item_reply": ("Answer written", "Réponse écrite"),
    "revisions.event.item_note": ("Internal note changed", "Note interne modifiée"),
    "revisions.event.item_time": ("Time recorded", "Temps enregistré"),
    "revisions.event.item_task_linked": ("Task linked", "Tâche liée"),
    "revisions.event.item_task_unlinked": ("Task unlinked", "Tâche déliée"),
    "revisions.event.round_comment": ("Message", "Message"),
    "revisions.event.change_order_proposed": ("Change order proposed", "Avenant proposé"),
    "revisions.event.change_order_approved": ("Change order approved", "Avenant accepté"),
    "revisions.event.change_order_declined": ("Change order declined", "Avenant refusé"),
    "revisions.event.round_closed": ("Round closed", "Tour clôturé"),
    "revisions.detail.body": ("text", "texte"),
    "revisions.detail.contact_id": ("contact (user id)", "contact (id utilisateur)"),
    "revisions.detail.delay_days": ("delay (working days)", "délai (jours ouvrés)"),
    "revisions.detail.description": ("description", "description"),
    "revisions.detail.included_rounds": ("included rounds", "tours inclus"),
    "revisions.detail.lead_id": ("lead (user id)", "référent (id utilisateur)"),
    "revisions.detail.minutes": ("minutes", "minutes"),
    "revisions.detail.name": ("name", "nom"),
    "revisions.detail.number": ("round", "tour"),
    "revisions.detail.on_behalf": ("on the client's behalf", "pour le compte du client"),
    "revisions.detail.price_cents": ("price", "prix"),
    "revisions.detail.priority": ("priority", "priorité"),
    "revisions.detail.reason": ("reason", "motif"),
    "revisions.detail.reply": ("answer", "réponse"),
    "revisions.detail.response_days": ("response time (working days)", "délai (jours ouvrés)"),
    "revisions.detail.status": ("state", "état"),
    "revisions.detail.task_id": ("task", "tâche"),
    "revisions.detail.title": ("title", "titre"),
    "revisions.detail.triage": ("triage", "tri"),
    "revisions.detail.visibility": ("visibility", "visibilité"),
    "revisions.detail.yes": ("yes", "oui"),
}
