"""Language tags, the reader's preferences, and the choice among an article's languages."""
