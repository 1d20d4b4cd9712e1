"""The demo users: one for each role, documented in docs/demo.md. All share DEMO_PASSWORD, and those without an
authenticator the 绑定码 DEMO_ENROLMENT_CODE (accounts.enrolment), public like the password: only demo data has a
fixed code; every real one is random and shown once."""

from gongkai.accounts.models import Role

DEMO_PASSWORD = "Gongkai-Demo-2026"
DEMO_ENROLMENT_CODE = "DEMO-2026"

# (username, full name, organization key or None, role or None); `admin` is the superuser.
USERS: list[tuple[str, str, str | None, str | None]] = [
    ("admin", "系统管理员", None, None),
    ("gkb", "刘静", "yyx", Role.SUPERVISOR),  # 县政务公开办: supervises every unit, reads all
    ("gkb", "刘静", "yyx", Role.EDITOR),  # … and drafts 沂源县人民政府's own annual report (reports.demo)
    ("dsj", "陈磊", "yyx", Role.FILING_CENTER),  # 县大数据发展服务中心: receives 备案
    ("bgs_xxy", "王芳", "bgs", Role.EDITOR),
    ("bgs_shy", "李强", "bgs", Role.REVIEWER),
    ("bgs_gly", "赵敏", "bgs", Role.ORG_ADMIN),
    ("wlj_xxy", "孙悦", "wlj", Role.EDITOR),
    ("wlj_shy", "周涛", "wlj", Role.REVIEWER),
    ("wlj_gly", "吴娜", "wlj", Role.ORG_ADMIN),
    ("nmjd_xxy", "郑雪", "nmjd", Role.EDITOR),
    ("nmjd_shy", "冯刚", "nmjd", Role.REVIEWER),
    ("nmjd_gly", "何丹", "nmjd", Role.ORG_ADMIN),
]
SUPERUSER = "admin"
