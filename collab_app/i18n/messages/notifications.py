"""Notifications: inbox lines, mentions, e-mail preferences, mails, the client's weekly update."""

NBSP = "\u00a0"

MESSAGES = {
    # --- inbox lines: {actor} did something, {task} is the task's title ---
    "notifications.kind.assigned": (
        "{actor} assigned you to “{task}”",
        "{actor} vous a assigné à «\u00a0{task}\u00a0»",
    ),
    "notifications.kind.comment": (
        "{actor} commented on “{task}”",
        "{actor} a commenté «\u00a0{task}\u00a0»",
    ),
    "notifications.kind.mention": (
        "{actor} mentioned you on “{task}”",
        "{actor} vous a mentionné sur «\u00a0{task}\u00a0»",
    ),
    "notifications.kind.task_moved": (
        "{actor} moved “{task}” to {column}",
        "{actor} a déplacé «\u00a0{task}\u00a0» vers {column}",
    ),
    "notifications.kind.task_blocked": (
        "{actor} marked “{task}” as blocked",
        "{actor} a marqué «\u00a0{task}\u00a0» comme bloquée",
    ),
    "notifications.kind.due_tomorrow": (
        "“{task}” is due tomorrow",
        "«\u00a0{task}\u00a0» est à rendre demain",
    ),
    "notifications.kind.overdue": (
        "“{task}” is overdue",
        "«\u00a0{task}\u00a0» est en retard",
    ),
    "notifications.kind.round_submitted": (
        "{actor} sent revision round {number}",
        "{actor} a envoyé le tour de révisions {number}",
    ),
    "notifications.kind.round_late": (
        "Revision round {number} was acknowledged after the committed response time",
        "Le tour de révisions {number} a été pris en compte après le délai de réponse promis",
    ),
    "notifications.kind.round_answered": (
        "Revision round {number} has been answered",
        "Le tour de révisions {number} a reçu sa réponse",
    ),
    "notifications.kind.change_order_proposed": (
        "{actor} proposed a change order for your decision",
        "{actor} a proposé un avenant à votre décision",
    ),
    "notifications.kind.change_order_decided": (
        "{actor} decided on a change order",
        "{actor} a décidé d'un avenant",
    ),
    "notifications.kind.feedback_call": (
        "A feedback answer asks for a follow-up call",
        "Un avis client demande un appel de suivi",
    ),
    "notifications.kind.invoice_issued": (
        "Invoice {number} was issued",
        "La facture {number} a été émise",
    ),
    "notifications.kind.credit_note_issued": (
        "Credit note {number} was issued",
        "L'avoir {number} a été émis",
    ),
    # --- mentions ---
    "notifications.mention_cannot_read": (
        "{name} cannot read this comment, so they cannot be mentioned in it. "
        "Remove the mention or change who can read the comment.",
        "{name} ne peut pas lire ce commentaire et ne peut donc pas y être mentionné. "
        "Retirez la mention ou changez qui peut lire le commentaire.",
    ),
    "notifications.mention_hint": (
        "To mention someone, type @ and their name, or tap a name below: only the people who "
        "can read this comment are offered.",
        "Pour mentionner quelqu'un, tapez @ suivi de son nom ou touchez un nom ci-dessous : "
        "seules les personnes qui peuvent lire ce commentaire sont proposées.",
    ),
    # --- categories and modes of e-mail preferences ---
    "notifications.category.assignments": ("Assignments", "Assignations"),
    "notifications.category.comments": ("Comments", "Commentaires"),
    "notifications.category.mentions": ("Mentions", "Mentions"),
    "notifications.category.tasks": (
        "Watched tasks and due dates",
        "Tâches suivies et échéances",
    ),
    "notifications.category.revisions": (
        "Revision rounds and change orders",
        "Tours de révisions et avenants",
    ),
    "notifications.category.feedback": ("Client feedback", "Avis clients"),
    "notifications.category.billing": ("Invoices and credit notes", "Factures et avoirs"),
    "notifications.mode.immediate": ("Right away", "Tout de suite"),
    "notifications.mode.digest": ("In a daily digest", "Dans un résumé quotidien"),
    "notifications.mode.never": ("Never", "Jamais"),
    "notifications.mode_invalid": (
        "Choose right away, daily digest or never.",
        "Choisissez tout de suite, résumé quotidien ou jamais.",
    ),
    "notifications.hour_invalid": (
        "Choose an hour between 0 and 23.",
        "Choisissez une heure entre 0 et 23.",
    ),
    "notifications.weekday_invalid": (
        "Choose a day of the week.",
        "Choisissez un jour de la semaine.",
    ),
    # --- mails ---
    "notifications.mail.subject_single": (
        "[{project}] {text}",
        "[{project}] {text}",
    ),
    "notifications.mail.subject_many": (
        "{count} new notifications",
        "{count} nouvelles notifications",
    ),
    "notifications.mail.digest_subject.one": (
        "Your daily digest: 1 notification",
        f"Votre résumé quotidien{NBSP}: 1 notification",
    ),
    "notifications.mail.digest_subject.other": (
        "Your daily digest: {n} notifications",
        f"Votre résumé quotidien{NBSP}: {{n}} notifications",
    ),
    "notifications.mail.intro": (
        "Hello {name},\n\nHere is what happened on your projects:",
        f"Bonjour {{name}},\n\nVoici ce qui s'est passé sur vos projets{NBSP}:",
    ),
    "notifications.mail.digest_intro": (
        "Hello {name},\n\nYour daily digest:",
        f"Bonjour {{name}},\n\nVotre résumé quotidien{NBSP}:",
    ),
    "notifications.mail.unsubscribe": (
        "Stop these mails ({category}): {link}",
        f"Ne plus recevoir ces e-mails ({{category}}){NBSP}: {{link}}",
    ),
    "notifications.mail.preferences": (
        "Choose which mails you get: {link}",
        f"Choisir les e-mails que vous recevez{NBSP}: {{link}}",
    ),
    # --- screens ---
    "notifications.inbox": ("Notifications", "Notifications"),
    "notifications.none": ("Nothing new for you.", "Rien de nouveau pour vous."),
    "notifications.mark_read": ("Mark as read", "Marquer comme lu"),
    "notifications.mark_all_read": ("Mark all as read", "Tout marquer comme lu"),
    "notifications.settings": ("Notification settings", "Réglages des notifications"),
    "notifications.by_mail": ("By e-mail", "Par e-mail"),
    "notifications.digest_hour": (
        "Daily digest at (your time zone)",
        "Résumé quotidien à (votre fuseau horaire)",
    ),
    "notifications.projects": ("Projects", "Projets"),
    "notifications.mute": ("No mails from this project", "Aucun e-mail de ce projet"),
    "notifications.saved": ("Saved.", "Enregistré."),
    "notifications.weekly_title": ("Client weekly update", "Point hebdomadaire au client"),
    "notifications.weekly_help": (
        "Each week, the client contacts get the client version of the weekly recap by mail, "
        "at this day and hour in the project's time zone.",
        "Chaque semaine, les contacts du client reçoivent par e-mail la version client du "
        "récapitulatif, ce jour-là à cette heure, dans le fuseau horaire du projet.",
    ),
    "notifications.weekly_on": ("Send it", "L'envoyer"),
    "notifications.weekly_day": ("Day", "Jour"),
    "notifications.weekly_hour": ("Hour", "Heure"),
    "notifications.weekday.0": ("Monday", "lundi"),
    "notifications.weekday.1": ("Tuesday", "mardi"),
    "notifications.weekday.2": ("Wednesday", "mercredi"),
    "notifications.weekday.3": ("Thursday", "jeudi"),
    "notifications.weekday.4": ("Friday", "vendredi"),
    "notifications.weekday.5": ("Saturday", "samedi"),
    "notifications.weekday.6": ("Sunday", "dimanche"),
    "notifications.unsubscribed_title": ("You are unsubscribed", "Désinscription faite"),
    "notifications.unsubscribed_text": (
        "You will no longer get these mails:",
        "Vous ne recevrez plus ces e-mails :",
    ),
    "notifications.unsubscribe_unknown": (
        "This unsubscribe link is not valid.",
        "Ce lien de désinscription n'est pas valide.",
    ),
    "notifications.mention_people": ("Mention:", "Mentionner :"),
    # --- the client's weekly update ---
    "notifications.weekly_subject": (
        "{project}: this week's progress",
        "{project} : l'avancement de la semaine",
    ),
    # --- outbox labels of the kinds this area enqueues ---
    "outbox.kind.notification": ("Notification", "Notification"),
    "outbox.kind.notification_digest": ("Daily digest", "Résumé quotidien"),
    "outbox.kind.client_weekly_update": ("Weekly update", "Point hebdomadaire"),
}
