"""规范性文件 services: one function per verb. Each checks permission and the lifecycle, changes both
sides of a relation in one transaction, keeps InformationItem.validity in step, and writes the audit log.
Refusals raise ActionRefused with a reason in Chinese. Cleanup campaigns are in `campaigns.py`,
expiry (warning and lapse) in `expiry.py`.

By verb group: `entries` (register, create, correct, 备案), `validity` (the lifecycle, 修改 / 废止 / 替代,
延长有效期), `counts` (the annual report's figures), `common` (what they share). Callers import from here.
"""

from gongkai.regulations.services.common import (  # noqa: F401
    AUDITED,
    DOCUMENT_FIELDS,
    NORMATIVE_NODE,
    RELATION_EVENTS,
    publishing_announce,
)
from gongkai.regulations.services.counts import annual_counts  # noqa: F401
from gongkai.regulations.services.entries import (  # noqa: F401
    create_document,
    register,
    set_filing,
    update_document,
)
from gongkai.regulations.services.validity import (  # noqa: F401
    amend,
    apply_scheduled,
    cancel_scheduled,
    change_validity,
    check_renewal,
    relate,
    renew,
    repeal,
    replace,
)
