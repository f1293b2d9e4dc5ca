"""Finding articles: the SQLite index, its freshness check, list, search and names."""
