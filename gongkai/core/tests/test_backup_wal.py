"""`gongkai backup` of a running embedded site keeps the commits still in SQLite's write-ahead log, which a
copy of the database file loses (issue #19, item 8)."""

import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile


def gongkai(var_dir, *args):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(var_dir.parent), "LANG": "C.UTF-8",
           "DJANGO_SETTINGS_MODULE": "gongkai.settings", "GONGKAI_VAR_DIR": str(var_dir),
           "GONGKAI_TWO_FACTOR_ROLES": ""}
    result = subprocess.run([sys.executable, "-m", "gongkai.manage", *args], cwd=var_dir.parent, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return result


def test_the_backup_has_what_the_wal_holds_and_a_file_copy_does_not(tmp_path):
    var = tmp_path / "var"
    gongkai(var, "migrate", "--noinput")
    database = var / "gongkai.sqlite3"
    site = sqlite3.connect(database)  # the running site: its last commit is still in the WAL
    site.execute("PRAGMA journal_mode=WAL")
    site.execute("PRAGMA wal_autocheckpoint=0")
    site.execute("INSERT INTO auth_group (name) VALUES ('最后一次提交')")
    site.commit()
    assert (var / "gongkai.sqlite3-wal").stat().st_size > 0

    copied = tmp_path / "copy.sqlite3"
    shutil.copy(database, copied)  # what `cp` of the database file keeps
    assert sqlite3.connect(copied).execute("SELECT count(*) FROM auth_group").fetchone() == (0,)

    gongkai(var, "backup", str(tmp_path / "site.tar"))
    with tarfile.open(tmp_path / "site.tar") as archive:
        archive.extract("database.sqlite3", tmp_path, filter="data")
    restored = sqlite3.connect(tmp_path / "database.sqlite3")
    assert restored.execute("SELECT name FROM auth_group").fetchall() == [("最后一次提交",)]
    site.close()
