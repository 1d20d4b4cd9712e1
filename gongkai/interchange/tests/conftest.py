from gongkai.search.tests.conftest import fast_index, fast_tmp_dir  # noqa: F401  (index on tmpfs)
