"""Client feedback screens: the public form's frame, the team's results and settings pages.

The domain's own texts (questions, errors, mails) are in ``feedback.py``; this file holds what
only the pages show.
"""

MESSAGES = {
    "feedback.nav": ("Feedback", "Avis clients"),
    # --- public form ---
    "feedback_ui.required": ("required", "obligatoire"),
    "feedback_ui.check_fields": (
        "Some answers need a look: see the messages below. Everything you typed is kept.",
        "Certaines réponses sont à revoir\u00a0: voir les messages ci-dessous. Tout ce que vous "
        "avez "
        "saisi est conservé.",
    ),
    "feedback_ui.max_chars_hint": (
        "Each text: up to {max} characters. Only the score and the ranking are required.",
        "Chaque texte\u00a0: {max} caractères au maximum. Seules la note et la position sont "
        "obligatoires.",
    ),
    "feedback_ui.item": ("Item {n}", "Élément {n}"),
    "feedback_ui.sending": ("Sending…", "Envoi…"),
    "feedback_ui.thanks_title": ("Thank you!", "Merci\u00a0!"),
    "feedback_ui.thanks_close": (
        "You can close this page.",
        "Vous pouvez fermer cette page.",
    ),
    "feedback_ui.answered_title": ("Already answered", "Déjà répondu"),
    "feedback_ui.expired_title": ("Link expired", "Lien expiré"),
    "feedback_ui.unknown_title": ("Link not valid", "Lien non valide"),
    "feedback_ui.form_page": ("Feedback form", "Questionnaire d'avis"),
    # --- results ---
    "feedback_ui.collective_link": (
        "Feedback of all projects {of_collective}",
        "Avis de tous les projets {of_collective}",
    ),
    "feedback_ui.collective_title": (
        "Client feedback: {collective}",
        "Avis clients\u00a0: {collective}",
    ),
    "feedback_ui.collective_scope": (
        "Projects you work on as manager or member.",
        "Les projets sur lesquels vous êtes responsable ou membre.",
    ),
    "feedback_ui.answers": ("Answers", "Réponses"),
    "feedback_ui.answers_of.one": ("{n} answer", "{n} réponse"),
    "feedback_ui.answers_of.other": ("{n} answers", "{n} réponses"),
    "feedback_ui.no_rate": ("No request closed yet", "Aucune demande close pour l'instant"),
    "feedback_ui.calls": ("Calls to offer", "Appels à proposer"),
    "feedback_ui.calls_help": (
        "Answers below 8, or not in the top 10%, ask for a 30-minute call; a task is created "
        "on the board for the project manager. Closing that task, or marking the call done on "
        "the answer, counts it as held.",
        "Les réponses sous 8, ou hors du top 10\u00a0%, appellent un appel de "
        "30\u00a0minutes\u00a0; "
        "une tâche est créée sur le tableau pour le responsable du projet. Terminer cette tâche, "
        "ou marquer l'appel comme passé sur la réponse, le compte comme passé.",
    ),
    "feedback_ui.how_computed": (
        "How these figures are computed",
        "Comment ces chiffres sont calculés",
    ),
    "feedback_ui.followup_task": ("Follow-up task", "Tâche de suivi"),
    "feedback_ui.client_contact": ("Client contact", "Contact client"),
    "feedback_ui.score": ("Score", "Note"),
    "feedback_ui.ranking": ("Ranking", "Position"),
    "feedback_ui.chart_caption": (
        "NPS by month, from -100 to +100; n under each month is the number of answers behind "
        "its point.",
        "NPS par mois, de -100 à +100\u00a0; n sous chaque mois est le nombre de réponses derrière "
        "son point.",
    ),
    "feedback_ui.chart_table": ("Show the figures", "Afficher les chiffres"),
    "feedback_ui.month": ("Month", "Mois"),
    "feedback_ui.by_project": ("By project", "Par projet"),
    "feedback_ui.project": ("Project", "Projet"),
    "feedback_ui.open_project": ("Open", "Ouvrir"),
    # --- schedule ---
    "feedback_ui.schedule": ("Schedule", "Calendrier"),
    "feedback_ui.not_set_up": (
        "Add a client contact below to turn feedback requests on (defaults: first request 14 "
        "days after the start, then every 30 days, one reminder after 3 days).",
        "Ajoutez un contact client ci-dessous pour activer les demandes d'avis (par défaut\u00a0: "
        "première demande 14 jours après le démarrage, puis tous les 30 jours, une relance "
        "après 3 jours).",
    ),
    "feedback_ui.members_read_only": (
        "Only the project's managers change the schedule.",
        "Seuls les responsables du projet modifient le calendrier.",
    ),
    "feedback_ui.last_round": ("Last request: {when}", "Dernière demande\u00a0: {when}"),
    "feedback_ui.no_next": (
        "No request planned (paused, or no contact).",
        "Aucune demande prévue (en pause, ou aucun contact).",
    ),
    "feedback_ui.rounds_sent": ("Rounds sent: {n}", "Tours envoyés\u00a0: {n}"),
    "feedback_ui.times_in": ("Times in {tz}.", "Heures en {tz}."),
    "feedback_ui.paused": ("Feedback requests paused.", "Demandes d'avis mises en pause."),
    "feedback_ui.resumed": ("Feedback requests resumed.", "Demandes d'avis reprises."),
    "feedback_ui.send_now_hint": (
        "“Send now” mails a form link to every contact at once; the next request follows "
        "{interval} days later.",
        "« Envoyer maintenant » envoie tout de suite un lien à chaque contact\u00a0; la demande "
        "suivante part {interval} jours plus tard.",
    ),
    "feedback_ui.no_contact": ("No contact yet.", "Aucun contact pour l'instant."),
    "feedback_ui.contact_client": ("A client of the project", "Un client du projet"),
    "feedback_ui.contact_email": (
        "An email address (someone without an account)",
        "Une adresse e-mail (quelqu'un sans compte)",
    ),
    "feedback_ui.contact_locale": ("Language of the form", "Langue du questionnaire"),
    "feedback_ui.choose": ("— choose —", "— choisir —"),
    "feedback_ui.lang_en": ("English", "Anglais"),
    "feedback_ui.lang_fr": ("French", "Français"),
    "feedback_ui.contact_added": ("Contact added.", "Contact ajouté."),
    "feedback_ui.timezone_hint": (
        "IANA name, e.g. Europe/Paris.",
        "Nom IANA, par exemple Europe/Paris.",
    ),
    # --- requests and outbox ---
    "feedback_ui.requests": ("Requests sent", "Demandes envoyées"),
    "feedback_ui.no_requests": ("No request sent yet.", "Aucune demande envoyée pour l'instant."),
    "feedback_ui.round": ("Round {n}", "Tour {n}"),
    "feedback_ui.reminded": ("reminded", "relancé"),
    "feedback_ui.manual": ("sent by hand", "envoi manuel"),
    "feedback_ui.expires": ("expires {when}", "expire le {when}"),
    "feedback_ui.outbox": ("Outbox", "Boîte d'envoi"),
    "feedback_ui.outbox_no_smtp": (
        "No mail server is configured: copy each link and send it to the client yourself.",
        "Aucun serveur de mail n'est configuré\u00a0: copiez chaque lien et envoyez-le vous-même "
        "au client.",
    ),
    "feedback_ui.outbox_smtp": (
        "Mails go out through the mail server; this list shows the latest ones.",
        "Les e-mails partent par le serveur de mail\u00a0; cette liste montre les derniers.",
    ),
    "feedback_ui.outbox_empty": ("Nothing sent yet.", "Rien n'a encore été envoyé."),
    "feedback_ui.call_done": ("Call held", "Appel passé"),
    "feedback_ui.calls_done.one": ("{n} held", "{n} passé"),
    "feedback_ui.calls_done.other": ("{n} held", "{n} passés"),
    "feedback_ui.call_outcome": ("What came of the call", "Ce qui est ressorti de l'appel"),
    "feedback_ui.call_outcome_was": ("After the call: {outcome}", "Après l'appel\u00a0: {outcome}"),
    "feedback_ui.mark_call_done": ("Mark the call done", "Marquer l'appel comme passé"),
    "feedback_ui.call_marked_done": ("Call marked done.", "Appel marqué comme passé."),
    # --- improvement actions ---
    "feedback_ui.action_text": ("What will you change?", "Qu'allez-vous changer\u00a0?"),
    "feedback_ui.action_answer": ("In response to (optional)", "En réponse à (facultatif)"),
    "feedback_ui.no_answer_link": (
        "— no answer in particular —",
        "— aucune réponse en particulier —",
    ),
    "feedback_ui.shared": ("shared with the client", "partagé avec le client"),
    "feedback_ui.internal": ("internal", "interne"),
    "feedback_ui.share": ("Share with the client", "Partager avec le client"),
    "feedback_ui.unshare": ("Stop sharing", "Ne plus partager"),
    "feedback_ui.no_actions": ("No action recorded yet.", "Aucune action enregistrée."),
    "feedback_ui.action_added": ("Action recorded.", "Action enregistrée."),
    "feedback_ui.action_status": ("Status", "Statut"),
    "feedback_ui.linked_answer": ("See the answer", "Voir la réponse"),
    "feedback_ui.recap_hint": (
        "The recap mails the shared actions and their status to the feedback contacts, each "
        "in their language.",
        "Le récapitulatif envoie les actions partagées et leur statut aux contacts, chacun dans "
        "sa langue.",
    ),
    "feedback_ui.by": ("{name}, {when}", "{name}, {when}"),
}
