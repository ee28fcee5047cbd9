"""Messages of project files and deliverable reviews (issue #17)."""

MESSAGES = {
    # --- Refusals -------------------------------------------------------------------------------
    "files.size_unknown": (
        "The file's size is unknown: choose the file again.",
        "La taille du fichier est inconnue\u00a0: choisissez de nouveau le fichier.",
    ),
    "files.empty": ("This file is empty.", "Ce fichier est vide."),
    "files.too_big": (
        "This file is too big: at most {max} per file.",
        "Ce fichier est trop lourd\u00a0: {max} au maximum par fichier.",
    ),
    "files.over_quota": (
        "Not enough space left: your collective's files may take {quota}, {left} are left.",
        "Plus assez de place\u00a0: les fichiers de votre collectif peuvent occuper {quota}, "
        "il reste {left}.",
    ),
    "files.unreadable": (
        "This file could not be read or sent: try again.",
        "Ce fichier n'a pas pu être lu ou envoyé\u00a0: réessayez.",
    ),
    "files.size_mismatch": (
        "The file changed while it was being sent: send it again.",
        "Le fichier a changé pendant l'envoi\u00a0: envoyez-le de nouveau.",
    ),
    "files.name_invalid": ("This file name is not valid.", "Ce nom de fichier n'est pas valide."),
    "files.guest_task_only": (
        "As a guest, add files to one of your tasks.",
        "En tant qu'invité, ajoutez les fichiers à l'une de vos tâches.",
    ),
    "files.version_not_current": (
        "Files can only be added to the current version.",
        "On ne peut ajouter des fichiers qu'à la version en cours.",
    ),
    "files.approved_locked": (
        "This deliverable is approved: its files can no longer be changed.",
        "Ce livrable est validé\u00a0: ses fichiers ne peuvent plus être modifiés.",
    ),
    "files.version_always_shared": (
        "The files of a deliverable's version are always shared with the client.",
        "Les fichiers d'une version de livrable sont toujours partagés avec le client.",
    ),
    "files.follows_attachment": (
        "These files are seen by whoever sees what they are attached to: change that instead.",
        "Ces fichiers sont vus par qui voit ce à quoi ils sont joints : modifiez plutôt celui-ci.",
    ),
    "files.author_only": (
        "Only its author can attach files to it.",
        "Seul son auteur peut y joindre des fichiers.",
    ),
    "files.folder_name_invalid": (
        "A folder name has 1 to {max} characters.",
        "Un nom de dossier compte de 1 à {max} caractères.",
    ),
    "files.too_many_folders": (
        "This project has too many folders (at most {max}).",
        "Ce projet a trop de dossiers ({max} au maximum).",
    ),
    "files.folder_exists": (
        "A folder already has this name.",
        "Un dossier porte déjà ce nom.",
    ),
    "files.text_required": ("This field is required.", "Ce champ est obligatoire."),
    "files.text_too_long": ("At most {max} characters.", "{max} caractères au maximum."),
    "files.too_many_reviews": (
        "This project has too many deliverables (at most {max}).",
        "Ce projet a trop de livrables ({max} au maximum).",
    ),
    "files.review_exists": (
        "A deliverable already has this name.",
        "Un livrable porte déjà ce nom.",
    ),
    "files.already_approved": (
        "This deliverable is already approved.",
        "Ce livrable est déjà validé.",
    ),
    "files.version_changed": (
        "Version {number} was published meanwhile: look at it before deciding.",
        "La version {number} a été publiée entre-temps\u00a0: consultez-la avant de décider.",
    ),
    "files.not_approved": (
        "This deliverable is not approved.",
        "Ce livrable n'est pas validé.",
    ),
    # --- Statuses and history -----------------------------------------------------------------
    "files.status_in_review": ("In review", "En relecture"),
    "files.status_changes_requested": ("Changes requested", "Modifications demandées"),
    "files.status_approved": ("Approved", "Validé"),
    "files.status_superseded": ("Earlier version", "Version précédente"),
    "files.request_prefix": ("[{name}, version {number}]", "[{name}, version {number}]"),
    "files.recap_approved": (
        "{name}, version {number} — approved by {who}",
        "{name}, version {number} — validé par {who}",
    ),
    "files.recap_section": ("Deliverables approved", "Livrables validés"),
    "files.history_approved": (
        "{who} approved version {number} on {when}",
        "{who} a validé la version {number} le {when}",
    ),
    "files.history_changes_requested": (
        "{who} requested changes on version {number} on {when}: {text}",
        "{who} a demandé des modifications sur la version {number} le {when}\u00a0: {text}",
    ),
    "files.history_reopened": (
        "{who} reopened version {number} on {when}: {text}",
        "{who} a rouvert la version {number} le {when}\u00a0: {text}",
    ),
    # --- Files page -----------------------------------------------------------------------------
    "files.nav": ("Files", "Fichiers"),
    "files.ui.title": ("Files", "Fichiers"),
    "files.ui.upload": ("Add files", "Ajouter des fichiers"),
    "files.ui.limit": ("At most {max} per file.", "{max} au maximum par fichier."),
    "files.ui.internal_hint": (
        "Files you add stay internal to the team until you share them with the client.",
        "Les fichiers ajoutés restent internes à l'équipe tant que vous ne les partagez pas "
        "avec le client.",
    ),
    "files.ui.client_hint": (
        "Files you add are seen by the team.",
        "Les fichiers que vous ajoutez sont vus par l'équipe.",
    ),
    "files.ui.guest_note": (
        "You see the files of the tasks you work on.",
        "Vous voyez les fichiers des tâches sur lesquelles vous travaillez.",
    ),
    "files.ui.drop_here": (
        "Drop files here, or choose them.",
        "Déposez des fichiers ici, ou choisissez-les.",
    ),
    "files.ui.choose_files": ("Choose files", "Choisir des fichiers"),
    "files.ui.take_photo": ("Take a photo", "Prendre une photo"),
    "files.ui.cancel": ("Cancel", "Annuler"),
    "files.ui.uploaded": ("Sent", "Envoyé"),
    "files.ui.cancelled": ("Cancelled", "Annulé"),
    "files.ui.version": ("Version {number}", "Version {number}"),
    "files.ui.locked": ("Locked", "Verrouillé"),
    "files.ui.shared": ("Shared with the client", "Partagé avec le client"),
    "files.ui.internal": ("Internal", "Interne"),
    "files.ui.download": ("Download", "Télécharger"),
    "files.ui.share": ("Share with the client", "Partager avec le client"),
    "files.ui.unshare": ("Make internal", "Rendre interne"),
    "files.ui.delete": ("Delete", "Supprimer"),
    "files.ui.moved_to_trash": (
        "Moved to the trash (kept 30 days).",
        "Mis à la corbeille (conservé 30 jours).",
    ),
    "files.ui.open_pdf": ("Open the PDF", "Ouvrir le PDF"),
    "files.ui.close": ("Close", "Fermer"),
    "files.ui.all_files": ("All files", "Tous les fichiers"),
    "files.ui.folder_name": ("Folder name", "Nom du dossier"),
    "files.ui.new_folder": ("New folder", "Nouveau dossier"),
    "files.ui.none": ("No files yet.", "Aucun fichier pour l'instant."),
    "files.ui.attach": ("Attach files", "Joindre des fichiers"),
    "files.ui.attached": ("Attached files", "Fichiers joints"),
    "files.ui.no_files_yet": (
        "No files in this version yet.",
        "Pas encore de fichier dans cette version.",
    ),
    "files.ui.deliverables": ("Deliverables", "Livrables"),
    "files.ui.deliverable_name": ("Deliverable, e.g. Logo", "Livrable, par ex. Logo"),
    "files.ui.new_deliverable": ("New deliverable", "Nouveau livrable"),
    "files.ui.no_deliverables": (
        "No deliverables to review yet.",
        "Aucun livrable à relire pour l'instant.",
    ),
    "files.ui.publish_version": ("Publish version {number}", "Publier la version {number}"),
    "files.ui.approve_version": ("Approve version {number}", "Valider la version {number}"),
    "files.ui.changes": ("What should change?", "Que faut-il modifier\u00a0?"),
    "files.ui.request_changes": ("Request changes", "Demander des modifications"),
    "files.ui.approved": ("Approved.", "Validé."),
    "files.ui.changes_sent": (
        "Your request was added to the current revision round.",
        "Votre demande a été ajoutée au tour de révision en cours.",
    ),
    "files.ui.reopen_reason": ("Reason for reopening", "Motif de la réouverture"),
    "files.ui.reopen": ("Reopen", "Rouvrir"),
    "files.ui.trash": ("Trash", "Corbeille"),
    "files.ui.show_trash": ("Show the trash", "Afficher la corbeille"),
    "files.ui.hide_trash": ("Hide the trash", "Masquer la corbeille"),
    "files.ui.trash_empty": ("The trash is empty.", "La corbeille est vide."),
    "files.ui.purged_on": ("deleted for good on {day}", "supprimé définitivement le {day}"),
    "files.ui.restore": ("Restore", "Restaurer"),
    "files.ui.purge": ("Delete for good", "Supprimer définitivement"),
}
