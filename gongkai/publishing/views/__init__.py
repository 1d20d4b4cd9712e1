"""Staff views of publishing, mounted at /staff/items/ (see ../urls.py)."""
