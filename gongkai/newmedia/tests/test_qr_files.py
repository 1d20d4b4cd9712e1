"""A replaced QR code does not stay behind in storage."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.newmedia import services
from gongkai.newmedia.models import Account, Platform
from gongkai.newmedia.tests.test_newmedia import _image, account, qr_png, receiver  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db(transaction=True)


def test_replacing_the_qr_code_deletes_the_old_file(org, org_admin, account):  # noqa: F811
    old = Account.objects.get(pk=account.pk).qr_image
    storage, old_name = old.storage, old.name
    assert storage.exists(old_name)
    data = {"platform": Platform.WECHAT, "name": "沂源发布", "host": org, "operator": org,
            "status": Account.Status.ACTIVE, "sort_order": 1}
    services.save_account(org_admin, data, account=account, qr_upload=SimpleUploadedFile("qr.gif", _image("GIF")))
    new_name = Account.objects.get(pk=account.pk).qr_image.name
    assert storage.exists(new_name) and not storage.exists(old_name)
    # Saved without a new image, the current one stays.
    services.save_account(org_admin, data, account=Account.objects.get(pk=account.pk))
    assert storage.exists(new_name)
