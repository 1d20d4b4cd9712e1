from django.utils import translation
from django.utils.translation import gettext

from gongkai.core.i18n import in_document_language


@in_document_language
def heading():
    return gettext("政府信息公开")


def test_documents_are_written_in_chinese_while_the_interface_is_english():
    with translation.override("en"):
        assert gettext("政府信息公开") != "政府信息公开"  # the interface really is English here
        assert heading() == "政府信息公开"
        assert translation.get_language() == "en"  # and it is English again afterwards
