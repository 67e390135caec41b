"""Pages of the forum app: chat rooms and forums."""
