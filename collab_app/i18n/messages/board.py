"""Messages of the Kanban board: columns, tasks, comments, history lines, recap and errors."""

MESSAGES = {
    # Default columns (shown in each viewer's language until a manager renames them).
    "board.col_todo": ("To do", "À faire"),
    "board.col_in_progress": ("In progress", "En cours"),
    "board.col_review": ("Review", "En revue"),
    "board.col_done": ("Done", "Terminé"),
    # Vocabulary.
    "board.priority.low": ("Low", "Basse"),
    "board.priority.normal": ("Normal", "Normale"),
    "board.priority.high": ("High", "Haute"),
    "board.priority.urgent": ("Urgent", "Urgente"),
    "board.due.overdue": ("overdue", "en retard"),
    "board.due.soon": ("due soon", "échéance proche"),
    "board.filter.due_overdue": ("Overdue", "En retard"),
    "board.filter.due_week": ("Due this week", "Échéance cette semaine"),
    "board.filter.assignee_me": ("Assigned to me", "Qui me sont assignées"),
    "board.filter.assignee_none": ("Unassigned", "Non assignées"),
    "board.visibility.internal": ("Internal (team only)", "Interne (équipe seulement)"),
    "board.visibility.client": ("Visible to the client", "Visible par le client"),
    "board.hidden_from_client": ("Hidden from the client", "Masquée au client"),
    "board.blocked": ("Blocked", "Bloquée"),
    "board.edited": ("edited", "modifié"),
    "board.preview_banner": (
        "Preview: this is exactly what the client sees.",
        "Aperçu\u00a0: voici exactement ce que voit le client.",
    ),
    "board.field.title": ("title", "titre"),
    "board.field.description": ("description", "description"),
    "board.field.priority": ("priority", "priorité"),
    "board.field.due_date": ("due date", "échéance"),
    "board.field.is_blocked": ("blocked", "bloquée"),
    # Errors.
    "board.stale": (
        "Someone else changed or moved this card meanwhile. The board now shows the latest "
        "version; please make your change again.",
        "Quelqu'un d'autre a modifié ou déplacé cette carte entre-temps. Le tableau affiche "
        "maintenant la dernière version\u00a0; veuillez refaire votre modification.",
    ),
    "board.wip_confirm": (
        "“{column}” already holds {count} cards for a limit of {limit}. Add this one anyway?",
        "« {column} » contient déjà {count} cartes pour une limite de {limit}. "
        "L'ajouter quand même\u00a0?",
    ),
    "board.title_required": ("Give the card a title.", "Donnez un titre à la carte."),
    "board.title_too_long": (
        "The title can have at most {max} characters.",
        "Le titre peut comporter au plus {max} caractères.",
    ),
    "board.description_too_long": (
        "The description can have at most {max} characters.",
        "La description peut comporter au plus {max} caractères.",
    ),
    "board.priority_invalid": ("Choose a priority.", "Choisissez une priorité."),
    "board.due_invalid": (
        "Enter a valid due date (YYYY-MM-DD).",
        "Saisissez une échéance valide (AAAA-MM-JJ).",
    ),
    "board.value_invalid": ("This value is not valid.", "Cette valeur n'est pas valide."),
    "board.index_invalid": ("This position is not valid.", "Cette position n'est pas valide."),
    "board.too_many": ("Choose at most {max}.", "Choisissez-en {max} au maximum."),
    "board.filter_invalid": ("This filter is not valid.", "Ce filtre n'est pas valide."),
    "board.hidden_managers_only": (
        "Only a project manager can hide a card from the client or show it again.",
        "Seul un responsable du projet peut masquer une carte au client ou la lui montrer.",
    ),
    "board.preview_managers_only": (
        "Only a project manager can preview the board as the client sees it.",
        "Seul un responsable du projet peut voir le tableau comme le client.",
    ),
    "board.column_name_required": ("Give the column a name.", "Donnez un nom à la colonne."),
    "board.column_name_too_long": (
        "A column name can have at most {max} characters.",
        "Un nom de colonne peut comporter au plus {max} caractères.",
    ),
    "board.too_many_columns": (
        "A board can have at most {max} columns.",
        "Un tableau peut avoir au plus {max} colonnes.",
    ),
    "board.wip_invalid": (
        "Enter a limit between 1 and {max}, or leave it empty for no limit.",
        "Saisissez une limite entre 1 et {max}, ou laissez vide pour aucune limite.",
    ),
    "board.column_not_empty": (
        "This column still holds {count} cards: move them before deleting it.",
        "Cette colonne contient encore {count} cartes\u00a0: déplacez-les avant de la supprimer.",
    ),
    "board.last_column": (
        "A board needs at least one column.",
        "Un tableau a besoin d'au moins une colonne.",
    ),
    "board.label_name_required": ("Give the label a name.", "Donnez un nom à l'étiquette."),
    "board.label_name_too_long": (
        "A label name can have at most {max} characters.",
        "Un nom d'étiquette peut comporter au plus {max} caractères.",
    ),
    "board.label_name_taken": (
        "This project already has a label with this name.",
        "Ce projet a déjà une étiquette portant ce nom.",
    ),
    "board.label_color_invalid": ("Choose a colour.", "Choisissez une couleur."),
    "board.too_many_labels": (
        "A project can have at most {max} labels.",
        "Un projet peut avoir au plus {max} étiquettes.",
    ),
    "board.comment_required": ("Write a comment first.", "Écrivez d'abord un commentaire."),
    "board.comment_too_long": (
        "A comment can have at most {max} characters.",
        "Un commentaire peut comporter au plus {max} caractères.",
    ),
    "board.visibility_invalid": (
        "Choose who can read this comment.",
        "Choisissez qui peut lire ce commentaire.",
    ),
    "board.read_only_client": (
        "You can follow this project but not comment on it; ask its manager if you should.",
        "Vous pouvez suivre ce projet mais pas le commenter\u00a0; demandez-le à son "
        "responsable si besoin.",
    ),
    "board.client_comments_only": (
        "Your comments are visible to the team and to you.",
        "Vos commentaires sont visibles par l'équipe et par vous.",
    ),
    "board.comment_author_only": (
        "Only the author of a comment can change or delete it.",
        "Seul l'auteur d'un commentaire peut le modifier ou le supprimer.",
    ),
    # History lines.
    "board.activity.task_created": (
        "{actor} created the card in “{column}”",
        "{actor} a créé la carte dans « {column} »",
    ),
    "board.activity.task_updated": (
        "{actor} edited the {fields}",
        "{actor} a modifié\u00a0: {fields}",
    ),
    "board.activity.task_moved": (
        "{actor} moved the card from “{old}” to “{new}”",
        "{actor} a déplacé la carte de « {old} » vers « {new} »",
    ),
    "board.activity.task_reordered": (
        "{actor} reordered the card in “{column}”",
        "{actor} a changé l'ordre de la carte dans « {column} »",
    ),
    "board.activity.task_deleted": ("{actor} deleted the card", "{actor} a supprimé la carte"),
    "board.activity.task_restored": ("{actor} restored the card", "{actor} a restauré la carte"),
    "board.activity.task_blocked": (
        "{actor} marked the card as blocked",
        "{actor} a marqué la carte comme bloquée",
    ),
    "board.activity.task_unblocked": (
        "{actor} marked the card as no longer blocked",
        "{actor} a marqué la carte comme débloquée",
    ),
    "board.activity.task_hidden": (
        "{actor} hid the card from the client",
        "{actor} a masqué la carte au client",
    ),
    "board.activity.task_shown": (
        "{actor} made the card visible to the client",
        "{actor} a rendu la carte visible au client",
    ),
    "board.activity.assignees_changed": (
        "{actor} changed the assignees (added: {added}; removed: {removed})",
        "{actor} a modifié les personnes assignées (ajout\u00a0: {added}\u00a0; retrait\u00a0: "
        "{removed})",
    ),
    "board.activity.labels_changed": (
        "{actor} changed the labels (added: {added}; removed: {removed})",
        "{actor} a modifié les étiquettes (ajout\u00a0: {added}\u00a0; retrait\u00a0: {removed})",
    ),
    "board.activity.watchers_changed": (
        "{actor} changed the watchers (added: {added}; removed: {removed})",
        "{actor} a modifié les observateurs (ajout\u00a0: {added}\u00a0; retrait\u00a0: {removed})",
    ),
    "board.activity.watch_started": (
        "{actor} started watching the card",
        "{actor} suit désormais la carte",
    ),
    "board.activity.watch_stopped": (
        "{actor} stopped watching the card",
        "{actor} ne suit plus la carte",
    ),
    "board.activity.comment_added_internal": (
        "{actor} added an internal comment",
        "{actor} a ajouté un commentaire interne",
    ),
    "board.activity.comment_added_client": (
        "{actor} added a comment",
        "{actor} a ajouté un commentaire",
    ),
    "board.activity.comment_edited": (
        "{actor} edited a comment",
        "{actor} a modifié un commentaire",
    ),
    "board.activity.comment_deleted": (
        "{actor} deleted a comment",
        "{actor} a supprimé un commentaire",
    ),
    "board.activity.column_added": (
        "{actor} added the column “{column}”",
        "{actor} a ajouté la colonne « {column} »",
    ),
    "board.activity.column_renamed": (
        "{actor} renamed the column “{old}” to “{new}”",
        "{actor} a renommé la colonne « {old} » en « {new} »",
    ),
    "board.activity.column_moved": (
        "{actor} moved the column “{column}”",
        "{actor} a déplacé la colonne « {column} »",
    ),
    "board.activity.column_deleted": (
        "{actor} deleted the column “{column}”",
        "{actor} a supprimé la colonne « {column} »",
    ),
    "board.activity.column_limit": (
        "{actor} set the limit of “{column}” to {limit} cards",
        "{actor} a fixé la limite de « {column} » à {limit} cartes",
    ),
    "board.activity.column_limit_cleared": (
        "{actor} removed the limit of “{column}”",
        "{actor} a supprimé la limite de « {column} »",
    ),
    "board.activity.label_added": (
        "{actor} created the label “{label}”",
        "{actor} a créé l'étiquette « {label} »",
    ),
    "board.activity.label_updated": (
        "{actor} changed the label “{old}” to “{new}”",
        "{actor} a modifié l'étiquette « {old} » en « {new} »",
    ),
    "board.activity.label_deleted": (
        "{actor} deleted the label “{label}”",
        "{actor} a supprimé l'étiquette « {label} »",
    ),
    # Recap.
    "board.recap.heading": (
        "{project} — progress from {start} to {end}",
        "{project} — avancement du {start} au {end}",
    ),
    "board.recap.done": ("Done this week", "Terminé cette semaine"),
    "board.recap.in_progress": ("In progress", "En cours"),
    "board.recap.upcoming": ("Next due dates", "Prochaines échéances"),
    "board.recap.blocked": ("Blocked", "Bloqué"),
    "board.recap.nothing": ("nothing", "rien"),
}
