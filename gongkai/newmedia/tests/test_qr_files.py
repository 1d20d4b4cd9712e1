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


def _qr_files(storage) -> set[str]:
    def walk(folder):
        folders, files = storage.listdir(folder)
        found = {f"{folder}/{name}".lstrip("/") for name in files}
        for sub in folders:
            found |= walk(f"{folder}/{sub}".lstrip("/"))
        return found

    return walk("") if storage.exists("") else set()


def test_a_qr_code_refused_after_it_was_stored_leaves_no_file(org, org_admin, account):  # noqa: F811
    from gongkai.core.services import ActionRefused

    storage = Account.objects.get(pk=account.pk).qr_image.storage
    before = _qr_files(storage)
    assert before  # the first account's QR code
    data = {"platform": Platform.WECHAT, "name": "沂源发布", "host": org, "operator": org,
            "status": Account.Status.ACTIVE, "sort_order": 2}
    # A second account of the same platform and name is refused by the database, after its image was stored.
    from django.db.models import QuerySet

    real_exists = QuerySet.exists
    QuerySet.exists = lambda qs: False if qs.model is Account else real_exists(qs)
    try:
        with pytest.raises(ActionRefused, match="同名账号"):
            services.save_account(org_admin, data, qr_upload=qr_png())
    finally:
        QuerySet.exists = real_exists
    assert _qr_files(storage) == before
    assert Account.objects.count() == 1


def test_a_fake_qr_image_named_png_gets_the_qr_message(org, org_admin):
    from gongkai.core.services import ActionRefused

    data = {"platform": Platform.WEIBO, "name": "沂源微博", "host": org, "operator": org,
            "status": Account.Status.ACTIVE, "sort_order": 1}
    for body in (b"<svg xmlns='http://www.w3.org/2000/svg'/>", b"<html><script>alert(1)</script></html>"):
        fake = SimpleUploadedFile("qr.png", body, content_type="image/png")
        with pytest.raises(ActionRefused, match="二维码请上传不超过2 MB的PNG、JPG或GIF图片"):
            services.save_account(org_admin, data, qr_upload=fake)
