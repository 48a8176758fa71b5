"""Archive tag suggestions: the pieces the `tags` stage puts together."""
