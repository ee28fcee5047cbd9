"""Collectives, projects, members and invitations."""

MESSAGES = {
    "home.title": ("Your projects", "Vos projets"),
    "home.no_projects": (
        "No project yet. Create a collective, then a project — or open an invitation link.",
        "Aucun projet pour l'instant. Créez un collectif puis un projet, ou ouvrez un lien "
        "d'invitation.",
    ),
    "home.your_collectives": ("Your collectives", "Vos collectifs"),
    "home.new_collective": ("New collective", "Nouveau collectif"),
    "collective.name": ("Collective name", "Nom du collectif"),
    "collective.mail_domain": ("Mail domain", "Domaine de messagerie"),
    "collective.mail_domain_hint": (
        "Used for the sender of feedback mails, e.g. atelier-nord.fr.",
        "Sert d'expéditeur aux e-mails d'avis, par ex. atelier-nord.fr.",
    ),
    "collective.domain_invalid": (
        "Enter a domain such as atelier-nord.fr.",
        "Saisissez un domaine comme atelier-nord.fr.",
    ),
    "collective.created": ("Collective created.", "Collectif créé."),
    "collective.members": ("Members", "Membres"),
    "collective.invite": ("Invite a member", "Inviter un membre"),
    "collective.invitations": ("Invitations", "Invitations"),
    "collective.outbox": ("Outbox", "Boîte d'envoi"),
    "collective.outbox_hint": (
        "No mail server is configured: copy each link and send it yourself.",
        "Aucun serveur de messagerie n'est configuré : copiez chaque lien et envoyez-le vous-même.",
    ),
    "collective.outbox_empty": ("Nothing sent yet.", "Rien n'a encore été envoyé."),
    "collective.only_owner_invites_admin": (
        "Only the owner can invite an admin.",
        "Seul le propriétaire peut inviter un admin.",
    ),
    "collective.cannot_remove": (
        "This person cannot be removed by you.",
        "Vous ne pouvez pas retirer cette personne.",
    ),
    "collective.projects": ("Projects", "Projets"),
    "collective.new_project": ("New project", "Nouveau projet"),
    "outbox.sent": ("sent", "envoyé"),
    "outbox.pending": ("to send", "à envoyer"),
    "invite.email": ("Email to invite", "E-mail à inviter"),
    "invite.role": ("Role", "Rôle"),
    "invite.send": ("Create invitation", "Créer l'invitation"),
    "invite.created": (
        "Invitation created. Copy the link below and send it to {email}.",
        "Invitation créée. Copiez le lien ci-dessous et envoyez-le à {email}.",
    ),
    "invite.role_invalid": ("Choose a role from the list.", "Choisissez un rôle dans la liste."),
    "invite.unknown": (
        "This invitation link is not valid. Ask for a new one.",
        "Ce lien d'invitation n'est pas valide. Demandez-en un nouveau.",
    ),
    "invite.expired": (
        "This invitation has expired. Ask for a new one.",
        "Cette invitation a expiré. Demandez-en une nouvelle.",
    ),
    "invite.accepted": (
        "This invitation was already used.",
        "Cette invitation a déjà été utilisée.",
    ),
    "invite.revoked": (
        "This invitation was withdrawn.",
        "Cette invitation a été retirée.",
    ),
    "invite.wrong_account": (
        "This invitation is for {email}. Sign in with that account to accept it.",
        "Cette invitation est destinée à {email}. Connectez-vous avec ce compte pour l'accepter.",
    ),
    "invite.title": ("You are invited", "Vous êtes invité"),
    "invite.to_project": (
        "{collective} invites you to the project “{project}” as {role}.",
        "{collective} vous invite sur le projet « {project} » en tant que {role}.",
    ),
    "invite.to_collective": (
        "You are invited to join the collective “{collective}” as {role}.",
        "Vous êtes invité à rejoindre le collectif « {collective} » en tant que {role}.",
    ),
    "invite.for_email": ("Invitation for {email}", "Invitation pour {email}"),
    "invite.accept": ("Accept the invitation", "Accepter l'invitation"),
    "invite.sign_in_first": (
        "Sign in or create an account with this email to accept.",
        "Connectez-vous ou créez un compte avec cet e-mail pour accepter.",
    ),
    "invite.status_open": ("open", "ouverte"),
    "invite.status_accepted": ("accepted", "acceptée"),
    "invite.status_expired": ("expired", "expirée"),
    "invite.status_revoked": ("withdrawn", "retirée"),
    "invite.revoke": ("Withdraw", "Retirer"),
    "invite.mail_subject": (
        "{name} invites you to {target} on collab",
        "{name} vous invite sur {target} dans collab",
    ),
    "invite.mail_body": (
        "Hello,\n\n{name} invites you to {target} as {role}.\n\nOpen this link to accept "
        "(valid {days} days):\n{link}\n",
        "Bonjour,\n\n{name} vous invite sur {target} en tant que {role}.\n\nOuvrez ce lien "
        "pour accepter (valable {days} jours) :\n{link}\n",
    ),
    "project.name": ("Project name", "Nom du projet"),
    "project.client_name": ("Client name", "Nom du client"),
    "project.start_date": ("Start date", "Date de début"),
    "project.quote": ("Quote amount (€)", "Montant du devis (€)"),
    "project.included_rounds": ("Revision rounds included", "Tours de révision inclus"),
    "project.billing_model": ("Billing model", "Mode de facturation"),
    "project.billing_milestone": ("Milestones", "Jalons"),
    "project.billing_time": ("Time spent", "Temps passé"),
    "project.billing_mixed": ("Mixed", "Mixte"),
    "project.rounds_invalid": (
        "Enter a whole number from 0 to 50.",
        "Saisissez un nombre entier de 0 à 50.",
    ),
    "project.billing_invalid": (
        "Choose a billing model from the list.",
        "Choisissez un mode de facturation dans la liste.",
    ),
    "project.created": ("Project created.", "Projet créé."),
    "project.settings": ("Project settings", "Paramètres du projet"),
    "project.people": ("People on this project", "Personnes sur ce projet"),
    "project.invite": ("Invite a guest or a client", "Inviter un freelance ou un client"),
    "project.add_member": ("Add a collective member", "Ajouter un membre du collectif"),
    "project.member_to_add": ("Member", "Membre"),
    "project.cannot_remove_self": (
        "You cannot remove yourself from the project.",
        "Vous ne pouvez pas vous retirer vous-même du projet.",
    ),
    "project.your_role": ("Your role: {role}", "Votre rôle : {role}"),
    "project.client": ("Client", "Client"),
    "project.starts": ("Started {date}", "Débuté le {date}"),
    "project.board": ("Board", "Tableau"),
}
