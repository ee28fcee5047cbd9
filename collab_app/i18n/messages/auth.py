"""Sign-up, sign-in, sessions and the profile page."""

MESSAGES = {
    "auth.sign_in": ("Sign in", "Se connecter"),
    "auth.sign_up": ("Create an account", "Créer un compte"),
    "auth.email": ("Email", "E-mail"),
    "auth.password": ("Password", "Mot de passe"),
    "auth.display_name": ("Display name", "Nom affiché"),
    "auth.password_hint": (
        "At least 12 characters. A short sentence is easy to remember.",
        "Au moins 12 caractères. Une courte phrase se retient facilement.",
    ),
    "auth.no_account": ("No account yet?", "Pas encore de compte\u00a0?"),
    "auth.have_account": ("Already have an account?", "Déjà un compte\u00a0?"),
    "auth.email_invalid": (
        "Enter a valid email address, such as name@example.com.",
        "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.",
    ),
    "auth.email_taken": (
        "An account already uses this email. Sign in instead.",
        "Un compte utilise déjà cet e-mail. Connectez-vous plutôt.",
    ),
    "auth.name_required": (
        "Enter the name others will see.",
        "Saisissez le nom que les autres verront.",
    ),
    "auth.name_too_long": ("At most {max} characters.", "{max} caractères au maximum."),
    "auth.password_too_short": (
        "The password needs at least {min} characters.",
        "Le mot de passe doit contenir au moins {min} caractères.",
    ),
    "auth.password_too_long": (
        "The password can have at most {max} characters.",
        "Le mot de passe peut contenir au plus {max} caractères.",
    ),
    "auth.bad_credentials": (
        "Wrong email or password.",
        "E-mail ou mot de passe incorrect.",
    ),
    "auth.rate_limited": (
        "Too many failed attempts. Wait {minutes} minutes before trying again.",
        "Trop de tentatives échouées. Attendez {minutes} minutes avant de réessayer.",
    ),
    "auth.busy": (
        "Several sign-ins to this account or from this network are being checked. "
        "Try again in a few seconds.",
        "Plusieurs connexions à ce compte ou depuis ce réseau sont en cours de vérification. "
        "Réessayez dans quelques secondes.",
    ),
    "auth.sign_up_rate_limited": (
        "Too many accounts were created from this connection. Try again in {minutes} minutes.",
        "Trop de comptes ont été créés depuis cette connexion. Réessayez dans {minutes} minutes.",
    ),
    "auth.signed_out": ("You are signed out.", "Vous êtes déconnecté."),
    "auth.welcome": ("Welcome, {name}!", "Bienvenue, {name}\u00a0!"),
    "profile.title": ("Your profile", "Votre profil"),
    "profile.language": ("Language", "Langue"),
    "profile.language_auto": ("From my browser", "Celle de mon navigateur"),
    "profile.timezone": ("Time zone", "Fuseau horaire"),
    "profile.timezone_invalid": (
        "Choose a time zone from the list, such as Europe/Paris.",
        "Choisissez un fuseau horaire de la liste, par exemple Europe/Paris.",
    ),
    "profile.locale_invalid": ("Choose English or French.", "Choisissez l'anglais ou le français."),
    "profile.password_section": ("Change password", "Changer le mot de passe"),
    "profile.current_password": ("Current password", "Mot de passe actuel"),
    "profile.new_password": ("New password", "Nouveau mot de passe"),
    "profile.current_password_wrong": (
        "The current password is not correct.",
        "Le mot de passe actuel est incorrect.",
    ),
    "profile.password_changed": (
        "Password changed. Your other sessions were signed out.",
        "Mot de passe modifié. Vos autres sessions ont été déconnectées.",
    ),
    "profile.change_password": ("Change password", "Changer le mot de passe"),
}
