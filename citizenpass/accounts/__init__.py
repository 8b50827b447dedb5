"""Residents' and staff accounts: the user model, sign-in, two-factor, sessions."""
