"""Client feedback: schedule settings, the public form, results, follow-up and mails."""

MESSAGES = {
    # --- schedule (managers) ---
    "feedback.schedule_title": ("Client feedback", "Avis du client"),
    "feedback.schedule_intro": (
        "Your client receives a short form {first} days after the start, then every {interval} "
        "days, with one reminder {reminder} days later if unanswered.",
        "Votre client reçoit un court questionnaire {first} jours après le démarrage, puis tous "
        "les {interval} jours, avec une relance {reminder} jours plus tard sans réponse.",
    ),
    "feedback.status_active": ("Active", "Actif"),
    "feedback.status_paused": ("Paused", "En pause"),
    "feedback.status_none": ("Not set up", "Non configuré"),
    "feedback.pause": ("Pause", "Mettre en pause"),
    "feedback.resume": ("Resume", "Reprendre"),
    "feedback.send_now": ("Send now", "Envoyer maintenant"),
    "feedback.sent_now.one": (
        "{n} feedback request queued.",
        "{n} demande d'avis mise en file d'envoi.",
    ),
    "feedback.sent_now.other": (
        "{n} feedback requests queued.",
        "{n} demandes d'avis mises en file d'envoi.",
    ),
    "feedback.next_due": ("Next request: {when}", "Prochaine demande\u00a0: {when}"),
    "feedback.contacts": ("Feedback contacts", "Contacts pour les avis"),
    "feedback.add_contact": ("Add a contact", "Ajouter un contact"),
    "feedback.remove_contact": ("Remove", "Retirer"),
    "feedback.first_delay_days": ("First request after (days)", "Première demande après (jours)"),
    "feedback.interval_days": ("Then every (days)", "Puis tous les (jours)"),
    "feedback.reminder_delay_days": ("Reminder after (days)", "Relance après (jours)"),
    "feedback.send_hour": ("Sending hour", "Heure d'envoi"),
    "feedback.timezone": ("Time zone", "Fuseau horaire"),
    "feedback.request_pending": ("Waiting for an answer", "En attente de réponse"),
    "feedback.request_answered": ("Answered", "Répondu"),
    "feedback.request_expired": ("Expired", "Expiré"),
    # --- schedule errors ---
    "feedback.no_schedule": (
        "Feedback is not set up for this project yet.",
        "Les avis ne sont pas encore configurés pour ce projet.",
    ),
    "feedback.no_contacts": (
        "Add at least one client contact first.",
        "Ajoutez d'abord au moins un contact client.",
    ),
    "feedback.contact_required": (
        "Choose a client of the project or type an email address.",
        "Choisissez un client du projet ou saisissez une adresse e-mail.",
    ),
    "feedback.contact_not_client": (
        "Only people with the client role on this project can be feedback contacts.",
        "Seules les personnes ayant le rôle client sur ce projet peuvent être contacts.",
    ),
    "feedback.contact_exists": (
        "This person is already a feedback contact.",
        "Cette personne est déjà un contact pour les avis.",
    ),
    "feedback.delay_invalid": (
        "Enter a whole number of days between {min} and {max}.",
        "Saisissez un nombre entier de jours entre {min} et {max}.",
    ),
    "feedback.hour_invalid": (
        "Enter an hour between 0 and 23.",
        "Saisissez une heure entre 0 et 23.",
    ),
    "feedback.timezone_invalid": ("Unknown time zone.", "Fuseau horaire inconnu."),
    "feedback.locale_invalid": (
        "Choose English or French.",
        "Choisissez l'anglais ou le français.",
    ),
    "feedback.just_sent": (
        "Every contact was sent a request less than {minutes} minutes ago.",
        "Chaque contact a reçu une demande il y a moins de {minutes}\u00a0minutes.",
    ),
    "feedback.call_outcome_required": (
        "Say in a few words what came of the call.",
        "Dites en quelques mots ce qui est ressorti de l'appel.",
    ),
    "feedback.no_call_needed": (
        "This answer does not ask for a call.",
        "Cette réponse ne demande pas d'appel.",
    ),
    "feedback.call_already_done": (
        "This call was already marked done.",
        "Cet appel a déjà été marqué comme passé.",
    ),
    # --- the public form ---
    "feedback.form_title": ("How is {project} going?", "Comment se passe {project}\u00a0?"),
    "feedback.form_intro": (
        "{collective} would like your honest opinion. It takes two minutes.",
        "{collective} aimerait votre avis sincère. Cela prend deux minutes.",
    ),
    "feedback.q_appreciated": (
        "The 3 things you appreciate most so far",
        "Les 3 choses que vous appréciez le plus jusqu'ici",
    ),
    "feedback.q_improve": ("The 3 points we should improve", "Les 3 points à améliorer"),
    "feedback.q_score": (
        "How likely are you to recommend {collective} to a friend or colleague?",
        "Quelle est la probabilité que vous recommandiez {collective} à un proche ou un "
        "collègue\u00a0?",
    ),
    "feedback.score_help": (
        "There is no 7: it is the neutral escape, so we ask you to choose a side.",
        "Il n'y a pas de 7\u00a0: c'est la réponse neutre par défaut, nous vous demandons de "
        "choisir "
        "un camp.",
    ),
    "feedback.score_low": ("Not at all likely", "Pas du tout probable"),
    "feedback.score_high": ("Extremely likely", "Très probable"),
    "feedback.q_ranking": (
        "Compared to other providers you have worked with, where do we stand?",
        "Comparés aux autres prestataires avec qui vous avez travaillé, où nous situez-vous\u00a0?",
    ),
    "feedback.ranking.top1": ("In the top 1%", "Dans le top 1 %"),
    "feedback.ranking.top10": ("In the top 10%", "Dans le top 10 %"),
    "feedback.ranking.top25": ("In the top 25%", "Dans le top 25 %"),
    "feedback.ranking.top50": ("In the top 50%", "Dans le top 50 %"),
    "feedback.ranking.bottom50": ("In the second half", "Dans la seconde moitié"),
    "feedback.q_comment": ("Anything else? (optional)", "Autre chose\u00a0? (facultatif)"),
    "feedback.optional": ("optional", "facultatif"),
    "feedback.chars_left": ("{n} characters left", "{n} caractères restants"),
    "feedback.submit": ("Send my feedback", "Envoyer mon avis"),
    "feedback.thanks": (
        "Your feedback was sent to {collective}.",
        "Votre avis a été transmis à {collective}.",
    ),
    "feedback.expires_on": (
        "This link is valid until {date}.",
        "Ce lien est valable jusqu'au {date}.",
    ),
    # --- form errors ---
    "feedback.link_unknown": (
        "This feedback link is not valid. Please use the link from your latest email.",
        "Ce lien d'avis n'est pas valide. Utilisez le lien de votre dernier e-mail.",
    ),
    "feedback.link_expired": (
        "This feedback link has expired. You will receive a new one with the next request.",
        "Ce lien d'avis a expiré. Vous en recevrez un nouveau avec la prochaine demande.",
    ),
    "feedback.already_answered": (
        "This form was already answered. Thank you! Your first answer is kept.",
        "Ce questionnaire a déjà été rempli. Merci\u00a0! Votre première réponse est conservée.",
    ),
    "feedback.score_required": (
        "Please choose a score from 0 to 10.",
        "Veuillez choisir une note de 0 à 10.",
    ),
    "feedback.score_invalid": (
        "The score must be a whole number from 0 to 10.",
        "La note doit être un nombre entier de 0 à 10.",
    ),
    "feedback.score_seven": (
        "7 is not available: it is the neutral escape. Please choose 6 or lower, or 8 or higher.",
        "Le 7 n'est pas proposé\u00a0: c'est la réponse neutre. Choisissez 6 ou moins, ou 8 ou "
        "plus.",
    ),
    "feedback.ranking_required": (
        "Please tell us where we stand compared to other providers.",
        "Indiquez-nous où vous nous situez par rapport aux autres prestataires.",
    ),
    "feedback.ranking_invalid": ("Choose one of the options.", "Choisissez l'une des options."),
    "feedback.text_too_long": (
        "Please keep this under {max} characters.",
        "Merci de rester sous {max} caractères.",
    ),
    "feedback.text_invalid": ("This text is not valid.", "Ce texte n'est pas valide."),
    "feedback.too_many_items": (
        "At most {max} items, please.",
        "{max} éléments au maximum, s'il vous plaît.",
    ),
    # --- results (team) ---
    "feedback.results_title": ("Client feedback", "Avis clients"),
    "feedback.nps": ("NPS", "NPS"),
    "feedback.nps_help": (
        "% promoters (9-10) minus % detractors (0-6); 8 is passive.",
        "% de promoteurs (9-10) moins % de détracteurs (0-6)\u00a0; 8 est passif.",
    ),
    "feedback.promoters": ("Promoters", "Promoteurs"),
    "feedback.passives": ("Passives", "Passifs"),
    "feedback.detractors": ("Detractors", "Détracteurs"),
    "feedback.response_rate": ("Response rate", "Taux de réponse"),
    "feedback.response_rate_help": (
        "{answered} answered out of {closed} requests answered or expired; {pending} waiting.",
        "{answered} réponses sur {closed} demandes répondues ou expirées\u00a0; {pending} en "
        "attente.",
    ),
    "feedback.trend": ("Trend by month", "Évolution par mois"),
    "feedback.no_answers": ("No answers yet.", "Pas encore de réponses."),
    "feedback.needs_call": ("Ask for a 30-minute call", "Proposer un appel de 30 minutes"),
    "feedback.appreciated": ("Appreciated", "Apprécié"),
    "feedback.to_improve": ("To improve", "À améliorer"),
    "feedback.comment": ("Comment", "Commentaire"),
    # --- follow-up task (internal, in the manager's language) ---
    "feedback.followup_title": (
        "Call {name} ({client}) about their {score}/10 of {date}",
        "Appeler {name} ({client}) au sujet de son avis {score}/10 du {date}",
    ),
    "feedback.followup_description": (
        "Propose a 30-minute call to {name} ({email}).\n\n"
        "Feedback received on {date}: score {score}/10, ranking: {ranking}.\n"
        "The answer: {link}\n\n"
        "To improve:\n{improvements}\n\nComment:\n{comment}\n\n"
        "Once the call is held, move this task to Done or mark the call done on the answer.",
        "Proposer un appel de 30\u00a0minutes à {name} ({email}).\n\n"
        "Avis reçu le {date}\u00a0: note {score}/10, classement\u00a0: {ranking}.\n"
        "La réponse\u00a0: {link}\n\n"
        "À améliorer\u00a0:\n{improvements}\n\nCommentaire\u00a0:\n{comment}\n\n"
        "Une fois l'appel passé, déplacez cette tâche dans Terminé ou marquez l'appel "
        "comme passé sur la réponse.",
    ),
    # --- improvement actions ---
    "feedback.actions": ("Improvement actions", "Actions d'amélioration"),
    "feedback.action_add": ("Add an action", "Ajouter une action"),
    "feedback.action_share": ("Share with the client", "Partager avec le client"),
    "feedback.action_status.planned": ("Planned", "Prévu"),
    "feedback.action_status.in_progress": ("In progress", "En cours"),
    "feedback.action_status.done": ("Done", "Fait"),
    "feedback.action_text_required": (
        "Describe the action in a few words.",
        "Décrivez l'action en quelques mots.",
    ),
    "feedback.action_status_invalid": ("Unknown status.", "Statut inconnu."),
    "feedback.send_recap": ("Send the recap to the client", "Envoyer le récapitulatif au client"),
    "feedback.recap_sent.one": (
        "Recap queued for {n} contact.",
        "Récapitulatif mis en file pour {n} contact.",
    ),
    "feedback.recap_sent.other": (
        "Recap queued for {n} contacts.",
        "Récapitulatif mis en file pour {n} contacts.",
    ),
    "feedback.recap_empty": (
        "There is no action shared with the client yet.",
        "Aucune action n'est encore partagée avec le client.",
    ),
    "feedback.recap_nothing_new": (
        "Nothing changed since the last recap.",
        "Rien n'a changé depuis le dernier récapitulatif.",
    ),
    # --- mails ---
    "feedback.mail_request_subject": (
        "{collective}: how is {project} going?",
        "{collective}\u00a0: comment se passe {project}\u00a0?",
    ),
    "feedback.mail_request_body": (
        "Hello,\n\n{collective} would like your honest opinion on {project}. "
        "It takes two minutes, no account needed:\n\n{link}\n\n"
        "This personal link works once and for {days} days.\n\nThank you!\n{collective}",
        "Bonjour,\n\n{collective} aimerait votre avis sincère sur {project}. "
        "Cela prend deux minutes, sans compte\u00a0:\n\n{link}\n\n"
        "Ce lien personnel fonctionne une fois, pendant {days} "
        "jours.\n\nMerci\u00a0!\n{collective}",
    ),
    "feedback.mail_reminder_subject": (
        "Reminder: {collective} would like your opinion on {project}",
        "Rappel\u00a0: {collective} aimerait votre avis sur {project}",
    ),
    "feedback.mail_reminder_body": (
        "Hello,\n\nA quick reminder: your opinion on {project} helps {collective} do better. "
        "Two minutes, no account needed:\n\n{link}\n\n"
        "The link is valid until {expires}.\n\nThank you!\n{collective}",
        "Bonjour,\n\nPetit rappel\u00a0: votre avis sur {project} aide {collective} à s'améliorer. "
        "Deux minutes, sans compte\u00a0:\n\n{link}\n\n"
        "Le lien est valable jusqu'au {expires}.\n\nMerci\u00a0!\n{collective}",
    ),
    "feedback.mail_recap_subject": (
        "{collective}: what we are changing after your feedback on {project}",
        "{collective}\u00a0: ce que nous changeons suite à votre avis sur {project}",
    ),
    "feedback.mail_recap_body": (
        "Hello,\n\nThank you for your feedback on {project}. Here is what we are doing about "
        "it:\n\n{actions}\n\n{collective}",
        "Bonjour,\n\nMerci pour votre avis sur {project}. Voici ce que nous faisons en "
        "retour\u00a0:\n\n{actions}\n\n{collective}",
    ),
}
