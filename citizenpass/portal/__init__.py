"""Resident-facing pages and the layout every page shares."""
