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
}
