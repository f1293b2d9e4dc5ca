"""Glossaries fetched into the user's data folder from git repositories and archives."""
