"""Reading article files: bytes, frontmatter, Markdown, the cheap line reader, the parse cache."""
