"""Models: the frozen, typed records of every kind, and the kinds (folder → model)."""
