"""Messages shared by every screen: navigation, roles, generic errors, form words."""

MESSAGES = {
    "app.name": ("collab", "collab"),
    "app.tagline": (
        "Where your collective runs its client projects.",
        "L'espace où votre collectif mène ses projets clients.",
    ),
    "common.of_name": ("of {name}", "de {name}"),
    # After a label: "Reason: x" / "Motif : x" (French puts a non-breaking space before ":").
    "common.colon": (": ", "\u00a0: "),
    "nav.projects": ("Projects", "Projets"),
    "nav.my_tasks": ("My tasks", "Mes tâches"),
    "nav.collectives": ("Collectives", "Collectifs"),
    "nav.profile": ("Profile", "Profil"),
    "nav.sign_out": ("Sign out", "Se déconnecter"),
    "nav.menu": ("Menu", "Menu"),
    "nav.home": ("Home", "Accueil"),
    "nav.overview": ("Overview", "Vue d'ensemble"),
    "nav.language": ("Language", "Langue"),
    "role.owner": ("Owner", "Propriétaire"),
    "role.admin": ("Admin", "Admin"),
    "role.member": ("Member", "Membre"),
    "role.manager": ("Manager", "Responsable"),
    "role.guest": ("Guest freelancer", "Freelance invité"),
    "role.client": ("Client", "Client"),
    "error.generic": (
        "Something went wrong. Nothing was lost; please try again.",
        "Un problème est survenu. Rien n'a été perdu\u00a0; veuillez réessayer.",
    ),
    "error.not_found": ("Not found.", "Introuvable."),
    "error.forbidden": (
        "You are not allowed to do this.",
        "Vous n'êtes pas autorisé à faire cela.",
    ),
    "error.invalid": ("This value is not valid.", "Cette valeur n'est pas valide."),
    "error.conflict": (
        "Someone changed this meanwhile. The current version is shown; please try again.",
        "Quelqu'un a modifié cet élément entre-temps. La version actuelle est affichée\u00a0; "
        "veuillez réessayer.",
    ),
    "error.db_retrying": (
        "Could not save: the database is not answering. Retrying…",
        "Enregistrement impossible\u00a0: la base de données ne répond pas. Nouvel essai…",
    ),
    "error.db_gave_up": (
        "Could not save: the database is still not answering. Nothing was changed; please try "
        "again in a moment.",
        "Enregistrement impossible\u00a0: la base de données ne répond toujours pas. Rien n'a été "
        "modifié\u00a0; réessayez dans un instant.",
    ),
    "error.db_unavailable": (
        "The database is not answering. Reload the page in a moment.",
        "La base de données ne répond pas. Rechargez la page dans un instant.",
    ),
    "page.not_found_title": ("Not found", "Introuvable"),
    "page.not_found_text": (
        "This page does not exist, or you do not have access to it.",
        "Cette page n'existe pas, ou vous n'y avez pas accès.",
    ),
    "page.back_home": ("Back to my projects", "Retour à mes projets"),
    "page.loading": ("Loading…", "Chargement…"),
    "form.required": ("This field is required.", "Ce champ est obligatoire."),
    "form.too_long": (
        "At most {max} characters.",
        "{max} caractères au maximum.",
    ),
    "form.date_invalid": (
        "Enter a valid date (YYYY-MM-DD).",
        "Saisissez une date valide (AAAA-MM-JJ).",
    ),
    "form.amount_invalid": (
        "Enter an amount such as 1250 or 1 250,50.",
        "Saisissez un montant comme 1250 ou 1 250,50.",
    ),
    "form.amount_negative": (
        "The amount cannot be negative.",
        "Le montant ne peut pas être négatif.",
    ),
    "form.save": ("Save", "Enregistrer"),
    "form.saved": ("Saved.", "Enregistré."),
    "form.cancel": ("Cancel", "Annuler"),
    "form.create": ("Create", "Créer"),
    "form.delete": ("Delete", "Supprimer"),
    "form.remove": ("Remove", "Retirer"),
    "form.copy": ("Copy", "Copier"),
    "form.copied": ("Copied.", "Copié."),
    "form.optional": ("optional", "facultatif"),
    "lang.en": ("English", "English"),
    "lang.fr": ("Français", "Français"),
}
