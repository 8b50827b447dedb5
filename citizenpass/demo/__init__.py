"""Demo data and the command that runs the portal with it."""
