"""Views: how each result looks in each output format, and where the output goes."""
