"""The document model an article is parsed into, and what is read off it (links, highlights)."""
