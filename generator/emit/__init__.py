"""Emit: the only step that imports MkDocs — the plugin, and every language into one swap."""
