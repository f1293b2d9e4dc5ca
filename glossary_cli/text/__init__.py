"""Text rules shared by every layer: what is dropped as unsafe, and how text is folded."""
