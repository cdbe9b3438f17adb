"""Pages: plan (which page at which path) and render (views → templates → Markdown)."""
