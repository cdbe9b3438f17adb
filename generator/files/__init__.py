"""Files: what the site publishes as it is — data downloads, the calendar, the feed, the schemas."""
