"""Where articles live: the article roots, the term folders in them and their files."""
