"""collab_app: the workspace where a collective of freelancers runs its client projects."""
