"""Messages of the revision rounds and change orders."""

MESSAGES = {
    # --- Errors ---------------------------------------------------------------------------------
    "revisions.confirm_needed": (
        "Round {number} is beyond the included rounds: it is billed {price}. Confirm to submit.",
        "Le tour {number} dépasse les tours inclus\u00a0: il est facturé {price}. "
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
        "Des demandes concernent ce livrable\u00a0: il ne peut pas être retiré.",
    ),
    "revisions.contact_only": (
        "Only the designated client contact (or the lead) submits revision rounds.",
        "Seul le contact client désigné (ou le référent) envoie les tours de révision.",
    ),
    "revisions.remove_own_only": (
        "Only the person who added this request (or a manager) can remove it.",
        "Seule la personne qui a ajouté cette demande (ou un responsable) peut la retirer.",
    ),
    "revisions.choose_kind": (
        "Choose how to triage this request.",
        "Choisissez comment trier cette demande.",
    ),
    "revisions.choose_task": ("Choose a task to link.", "Choisissez une tâche à lier."),
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
        "Ce tour est facturable\u00a0: le contact client doit le confirmer et l'envoyer.",
    ),
    "revisions.price_changed": (
        "The price changed meanwhile; it is now {price}. Check it and confirm again.",
        "Le prix a changé entre-temps\u00a0; il est maintenant de {price}. "
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
        "Quelqu'un a modifié cette demande entre-temps\u00a0; la page l'affiche maintenant.",
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
        "Avenant\u00a0: {description}",
    ),
    # --- Mail -----------------------------------------------------------------------------------
    "revisions.mail_submitted_subject": (
        "{project}: revision round {number} submitted",
        "{project}\u00a0: tour de révision n° {number} envoyé",
    ),
    "revisions.mail_submitted_body": (
        "Revision round {number} of {project} was submitted. Open it: {link}",
        "Le tour de révision n° {number} de {project} a été envoyé. Ouvrez-le\u00a0: {link}",
    ),
    "revisions.mail_closed_subject": (
        "{project}: revision round {number} is complete",
        "{project}\u00a0: le tour de révision n° {number} est terminé",
    ),
    "revisions.mail_closed_body": (
        "Every request of revision round {number} of {project} has been handled by {collective}. "
        "See the answers: {link}",
        "Toutes les demandes du tour de révision n° {number} de {project} ont été traitées par "
        "{collective}. Voir les réponses\u00a0: {link}",
    ),
    "revisions.mail_change_order_subject": (
        "{project}: a change order awaits your decision ({price})",
        "{project}\u00a0: un avenant attend votre décision ({price})",
    ),
    "revisions.mail_change_order_body": (
        "{collective} proposes a change order on {project} for {price}. "
        "Approve or decline it: {link}",
        "{collective} propose un avenant sur {project} pour {price}. "
        "Acceptez-le ou refusez-le\u00a0: {link}",
    ),
    "revisions.mail_co_approved_subject": (
        "{project}: change order approved",
        "{project}\u00a0: avenant accepté",
    ),
    "revisions.mail_co_approved_body": (
        "The client approved a change order on {project}. {link}",
        "Le client a accepté un avenant sur {project}. {link}",
    ),
    "revisions.mail_co_declined_subject": (
        "{project}: change order declined",
        "{project}\u00a0: avenant refusé",
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
    "revisions.status.draft": ("Draft", "Brouillon"),
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
    # --- Screens --------------------------------------------------------------------------------
    "revisions.nav": ("Revisions", "Révisions"),
    "revisions.ui.title": ("Revision rounds", "Tours de révision"),
    "revisions.ui.counter": ("Round {n} of {total} included", "Tour {n} sur {total} inclus"),
    "revisions.ui.counter_none": (
        "No round yet · {total} included",
        "Aucun tour pour l'instant · {total} inclus",
    ),
    "revisions.ui.counter_over": (
        "Round {n} · {total} included (extra rounds billed)",
        "Tour {n} · {total} inclus (tours supplémentaires facturés)",
    ),
    "revisions.ui.remaining": (
        "Included rounds left: {left}",
        "Tours inclus restants\u00a0: {left}",
    ),
    "revisions.ui.next_billable": (
        "The next round (round {n}) is billable: {price}",
        "Le prochain tour (tour {n}) est facturable\u00a0: {price}",
    ),
    "revisions.ui.new_round": ("New revision round", "Nouveau tour de révision"),
    "revisions.ui.composing": ("Round {n} in preparation", "Tour {n} en préparation"),
    "revisions.ui.compose_help": (
        "Gather all your requests, then submit them together as one round.",
        "Rassemblez toutes vos demandes, puis envoyez-les ensemble en un seul tour.",
    ),
    "revisions.ui.description": ("Your request", "Votre demande"),
    "revisions.ui.deliverable": ("Deliverable", "Livrable"),
    "revisions.ui.no_deliverable": ("General", "Général"),
    "revisions.ui.priority": ("Priority", "Priorité"),
    "revisions.ui.attachment_url": (
        "Link to a file (optional)",
        "Lien vers un fichier (facultatif)",
    ),
    "revisions.ui.attachment_hint": (
        "A shared file or screenshot, starting with https://",
        "Un fichier partagé ou une capture, commençant par https://",
    ),
    "revisions.ui.attachment": ("Attached file", "Fichier joint"),
    "revisions.ui.add_item": ("Add to the round", "Ajouter au tour"),
    "revisions.ui.item_added": ("Request added.", "Demande ajoutée."),
    "revisions.ui.remove_item": ("Remove this request", "Retirer cette demande"),
    "revisions.ui.submit": ("Submit the round ({n} requests)", "Envoyer le tour ({n} demandes)"),
    "revisions.ui.submit_billable": (
        "Submit this billable round…",
        "Envoyer ce tour facturable…",
    ),
    "revisions.ui.submitted": ("Round {number} submitted.", "Tour {number} envoyé."),
    "revisions.ui.billable_warning": (
        "Round {n} is beyond the {total} included rounds: it will be billed {price}.",
        "Le tour {n} dépasse les {total} tours inclus\u00a0: il sera facturé {price}.",
    ),
    "revisions.ui.over_deliverables": (
        "Included rounds used up for: {names}",
        "Tours inclus épuisés pour\u00a0: {names}",
    ),
    "revisions.ui.client_must_confirm": (
        "This round is billable: the client contact confirms and submits it.",
        "Ce tour est facturable\u00a0: le contact client le confirme et l'envoie.",
    ),
    "revisions.ui.confirm_title": ("Billable round", "Tour facturable"),
    "revisions.ui.confirm_text": (
        "Round {n} is beyond the {total} rounds included in the quote. Submitting it adds "
        "{price} to your next invoice.",
        "Le tour {n} dépasse les {total} tours inclus dans le devis. L'envoyer ajoute {price} "
        "à votre prochaine facture.",
    ),
    "revisions.ui.confirm_button": (
        "Confirm and submit ({price})",
        "Confirmer et envoyer ({price})",
    ),
    "revisions.ui.awaiting_you": ("Awaiting your decision", "En attente de votre décision"),
    "revisions.ui.approve": ("Approve ({price})", "Accepter ({price})"),
    "revisions.ui.decline": ("Decline", "Refuser"),
    "revisions.ui.decline_reason": ("Why? (optional)", "Pourquoi\u00a0? (facultatif)"),
    "revisions.ui.co_approved": (
        "Change order approved: the work can start.",
        "Avenant accepté\u00a0: le travail peut commencer.",
    ),
    "revisions.ui.co_declined": ("Change order declined.", "Avenant refusé."),
    "revisions.ui.rounds": ("Rounds", "Tours"),
    "revisions.ui.no_rounds": ("No round submitted yet.", "Aucun tour envoyé pour l'instant."),
    "revisions.ui.round_n": ("Round {n}", "Tour {n}"),
    "revisions.ui.item_n": ("Request {n}", "Demande {n}"),
    "revisions.ui.late": ("Late answer", "Réponse en retard"),
    "revisions.ui.billable": ("Billable", "Facturable"),
    "revisions.ui.resolved_count": ("{done} of {total} handled", "{done} sur {total} traitées"),
    "revisions.ui.answered_in.one": (
        "First answer after {n} working day",
        "Première réponse après {n} jour ouvré",
    ),
    "revisions.ui.answered_in.other": (
        "First answer after {n} working days",
        "Première réponse après {n} jours ouvrés",
    ),
    "revisions.ui.answer_by": (
        "Answer expected by {deadline}",
        "Réponse attendue au plus tard le {deadline}",
    ),
    "revisions.ui.change_order": ("Change order:", "Avenant\u00a0:"),
    "revisions.ui.change_orders": ("Change orders", "Avenants"),
    "revisions.ui.delay.one": ("Delay: {n} working day", "Délai\u00a0: {n} jour ouvré"),
    "revisions.ui.delay.other": ("Delay: {n} working days", "Délai\u00a0: {n} jours ouvrés"),
    "revisions.ui.decided": ("Decided by {who}, {when}", "Décidé par {who}, {when}"),
    "revisions.ui.proposed": ("Proposed by {who}, {when}", "Proposé par {who}, {when}"),
    "revisions.ui.reason": ("Reason", "Motif"),
    "revisions.ui.team_answer": ("The team's answer", "Réponse de l'équipe"),
    "revisions.ui.tasks": ("Tasks", "Tâches"),
    "revisions.ui.guest_intro": (
        "The client's requests linked to your tasks.",
        "Les demandes du client liées à vos tâches.",
    ),
    "revisions.ui.guest_none": (
        "No request is linked to your tasks.",
        "Aucune demande n'est liée à vos tâches.",
    ),
    "revisions.ui.terms": ("Revision terms", "Conditions de révision"),
    "revisions.ui.terms_included": (
        "{total} revision rounds included in the quote.",
        "{total} tours de révision inclus dans le devis.",
    ),
    "revisions.ui.terms_response": (
        "We answer each round within {days} working days (Monday to Friday).",
        "Nous répondons à chaque tour sous {days} jours ouvrés (du lundi au vendredi).",
    ),
    "revisions.ui.terms_price": (
        "Each extra round: {price}",
        "Chaque tour supplémentaire\u00a0: {price}",
    ),
    "revisions.ui.counts": ("What counts as a revision", "Ce qui compte comme une révision"),
    "revisions.ui.excluded": (
        "What does not (scope changes, quoted separately)",
        "Ce qui n'en est pas (hors périmètre, chiffré à part)",
    ),
    "revisions.ui.terms_contact": (
        "Rounds are submitted by {name}.",
        "Les tours sont envoyés par {name}.",
    ),
    "revisions.ui.terms_lead": ("They are received by {name}.", "Ils sont reçus par {name}."),
    "revisions.ui.no_contact": (
        "No client contact is designated yet.",
        "Aucun contact client n'est encore désigné.",
    ),
    "revisions.ui.deliverables": ("Deliverables", "Livrables"),
    "revisions.ui.deliverable_rounds": (
        "{used} of {total} included rounds used",
        "{used} sur {total} tours inclus utilisés",
    ),
    "revisions.ui.deliverable_project_rounds.one": (
        "{n} round so far (the project's count applies)",
        "{n} tour à ce jour (le compte du projet s'applique)",
    ),
    "revisions.ui.deliverable_project_rounds.other": (
        "{n} rounds so far (the project's count applies)",
        "{n} tours à ce jour (le compte du projet s'applique)",
    ),
    "revisions.ui.history": ("History", "Historique"),
    "revisions.ui.history_help": (
        "Every round, request, decision and approval, with who and when.",
        "Chaque tour, demande, décision et accord, avec qui et quand.",
    ),
    "revisions.ui.export": ("Export as CSV", "Exporter en CSV"),
    "revisions.ui.edit_terms": ("Edit the terms", "Modifier les conditions"),
    "revisions.ui.rounds_in_project": (
        "The number of included rounds is set in the project's settings.",
        "Le nombre de tours inclus se règle dans les paramètres du projet.",
    ),
    "revisions.ui.response_days": (
        "Response time (working days)",
        "Délai de réponse (jours ouvrés)",
    ),
    "revisions.ui.overage_mode": ("Price of an extra round", "Prix d'un tour supplémentaire"),
    "revisions.ui.mode_fixed": ("Fixed price", "Forfait"),
    "revisions.ui.mode_hourly": ("Hourly estimate × rate", "Estimation horaire × taux"),
    "revisions.ui.overage_price": ("Fixed price (€)", "Forfait (€)"),
    "revisions.ui.fixed_only": ("Used with a fixed price.", "Utilisé avec un forfait."),
    "revisions.ui.overage_hours": ("Estimated hours", "Heures estimées"),
    "revisions.ui.hourly_rate": ("Hourly rate (€)", "Taux horaire (€)"),
    "revisions.ui.contact": ("Client contact who submits", "Contact client qui envoie"),
    "revisions.ui.lead": ("Lead who receives", "Référent qui reçoit"),
    "revisions.ui.nobody": ("— nobody —", "— personne —"),
    "revisions.ui.holidays": ("Days off", "Jours chômés"),
    "revisions.ui.holidays_hint": (
        "Not counted in response times; one date per line (YYYY-MM-DD).",
        "Non comptés dans les délais\u00a0; une date par ligne (AAAA-MM-JJ).",
    ),
    "revisions.ui.deliverable_name": ("Deliverable name", "Nom du livrable"),
    "revisions.ui.deliverable_own_rounds": (
        "Its own included rounds (optional)",
        "Ses propres tours inclus (facultatif)",
    ),
    "revisions.ui.deliverable_rounds_hint": (
        "Leave empty: the project's count applies.",
        "Laisser vide\u00a0: le compte du projet s'applique.",
    ),
    "revisions.ui.deliverable_note": (
        "What counts for it (optional)",
        "Ce qui compte pour lui (facultatif)",
    ),
    "revisions.ui.add_deliverable": ("Add the deliverable", "Ajouter le livrable"),
    "revisions.ui.all_rounds": ("All rounds", "Tous les tours"),
    "revisions.ui.submitted_by": ("Submitted by {who}, {when}", "Envoyé par {who}, {when}"),
    "revisions.ui.on_behalf": ("(for the client)", "(pour le client)"),
    "revisions.ui.closed_notice": (
        "Round closed on {when}: every request has been handled.",
        "Tour clôturé le {when}\u00a0: toutes les demandes ont été traitées.",
    ),
    "revisions.ui.draft_notice": (
        "This round has not been submitted yet.",
        "Ce tour n'a pas encore été envoyé.",
    ),
    "revisions.ui.decide_there": (
        "Approve or decline on the revisions page",
        "Accepter ou refuser sur la page des révisions",
    ),
    "revisions.ui.messages": ("Messages", "Messages"),
    "revisions.ui.no_messages": ("No message yet.", "Aucun message pour l'instant."),
    "revisions.ui.message": ("Your message", "Votre message"),
    "revisions.ui.visibility": ("Who reads it", "Qui le lit"),
    "revisions.ui.visibility_internal": ("The team only", "L'équipe seulement"),
    "revisions.ui.visibility_client": ("The team and the client", "L'équipe et le client"),
    "revisions.ui.internal": ("Internal", "Interne"),
    "revisions.ui.post": ("Send", "Envoyer"),
    "revisions.ui.posted": ("Message sent.", "Message envoyé."),
    "revisions.ui.triage": ("Triage", "Tri"),
    "revisions.ui.reason_client": (
        "Reason, if not actionable (the client reads it)",
        "Motif si non réalisable (le client le lit)",
    ),
    "revisions.ui.save_triage": ("Triage", "Trier"),
    "revisions.ui.state": ("State", "État"),
    "revisions.ui.reason_decline": (
        "Reason, if declined (the client reads it)",
        "Motif si refusée (le client le lit)",
    ),
    "revisions.ui.update_state": ("Change the state", "Changer l'état"),
    "revisions.ui.answer_client": ("Answer to the client", "Réponse au client"),
    "revisions.ui.save_answer": ("Save the answer", "Enregistrer la réponse"),
    "revisions.ui.internal_note": ("Internal note (team only)", "Note interne (équipe seulement)"),
    "revisions.ui.save_note": ("Save the note", "Enregistrer la note"),
    "revisions.ui.time_spent": ("Time spent: {time}", "Temps passé\u00a0: {time}"),
    "revisions.ui.minutes": ("Minutes to add", "Minutes à ajouter"),
    "revisions.ui.add_time": ("Add time", "Ajouter du temps"),
    "revisions.ui.link_task": ("Board task", "Tâche du tableau"),
    "revisions.ui.link": ("Link the task", "Lier la tâche"),
    "revisions.ui.unlink": ("Unlink", "Délier"),
    "revisions.ui.propose_change": ("Change order for this request", "Avenant pour cette demande"),
    "revisions.ui.co_description": ("What the extra work is", "En quoi consiste le travail"),
    "revisions.ui.co_price": ("Price (€)", "Prix (€)"),
    "revisions.ui.co_delay": ("Delay (working days)", "Délai (jours ouvrés)"),
    "revisions.ui.propose": ("Propose to the client", "Proposer au client"),
    "revisions.ui.awaiting_approval": (
        "Outside the brief: work starts once the change order is approved.",
        "Hors périmètre\u00a0: le travail commence une fois l'avenant accepté.",
    ),
    "revisions.ui.triaged": ("Triaged by {who}, {when}", "Triée par {who}, {when}"),
}
