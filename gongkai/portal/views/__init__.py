"""Views of the public portal: the home page and column (column.py), items and downloads (items.py),
reader display preferences (display.py)."""
