"""The vocabularies of a 依申请公开 case. State transitions are in workflow.py, outcomes in outcomes.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    """Workflow states; the diagram is in docs/requests.md."""

    PENDING = "pending", _("待确认")
    ACCEPTED = "accepted", _("已受理")
    CORRECTION = "correction", _("补正中")
    PROCESSING = "processing", _("办理中")
    THIRD_PARTY = "third_party", _("征求第三方意见")
    AGENCY = "agency", _("征求其他机关意见")
    FEE = "fee", _("待缴费")
    REVIEW = "review", _("答复待审")
    REPLIED = "replied", _("已答复")
    DELIVERED = "delivered", _("已送达")
    FILED = "filed", _("已备案")
    ARCHIVED = "archived", _("已归档")
    ABANDONED = "abandoned", _("视为放弃")
    WITHDRAWN = "withdrawn", _("已撤回")


# 办理中 and its waiting sub-states.
HANDLING_STATES = {State.PROCESSING, State.THIRD_PARTY, State.AGENCY, State.FEE}
# States in which the reply clock runs or waits (the case is open).
OPEN_STATES = {State.PENDING, State.ACCEPTED, State.CORRECTION, *HANDLING_STATES, State.REVIEW}
# Answered cases still have a clock running until they are filed (备案).
UNFILED_STATES = {State.REPLIED, State.DELIVERED, State.ABANDONED}
# A reply exists (or the case ended as 视为放弃): delivery, 备案, remedies and 第四十四条 apply.
ANSWERED_STATES = {State.REPLIED, State.DELIVERED, State.FILED, State.ARCHIVED, State.ABANDONED, State.WITHDRAWN}


def running_cases_q() -> models.Q:
    """The cases with a clock that can still fall due: open, or answered on the platform and not filed yet
    (sorted, so that the index built on it reads the same in every migration)."""
    return (models.Q(state__in=sorted(OPEN_STATES))
            | models.Q(state__in=sorted(UNFILED_STATES), source="platform"))


class Channel(models.TextChoices):
    """申请方式. 第三十一条 decides the receipt date per channel (services.intake.receipt_rule)."""

    ONLINE = "online", _("网络")
    IN_PERSON = "in_person", _("当面")
    POST = "post", _("邮寄")
    ORDINARY_LETTER = "letter", _("平常信函")
    FAX = "fax", _("传真")
    EMAIL = "email", _("电子邮件")
    ORAL = "oral", _("口头")


# 第三十一条: online and fax requests (and e-mail, a 互联网渠道) date from the day both sides confirm;
# an ordinary letter from the day the office confirms it with the applicant.
CONFIRMATION_CHANNELS = {Channel.ONLINE, Channel.FAX, Channel.EMAIL, Channel.ORDINARY_LETTER}


class ApplicantType(models.TextChoices):
    """申请人类型, the columns of annual-report table 3 (values are its JSON keys)."""

    NATURAL_PERSON = "natural_person", _("自然人")
    COMMERCIAL = "commercial", _("商业企业")
    RESEARCH = "research", _("科研机构")
    PUBLIC_INTEREST = "public_interest", _("社会公益组织")
    LEGAL_SERVICES = "legal_services", _("法律服务机构")
    OTHER_ORG = "other_org", _("其他")


class InfoForm(models.TextChoices):
    """第二十九条（三）: the form in which the information is wanted."""

    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子邮件")
    DISC = "disc", _("光盘")
    INSPECT = "inspect", _("当场查阅、抄录")


class DeliveryWanted(models.TextChoices):
    """第二十九条（三）: how the applicant wants to receive it."""

    POST = "post", _("邮寄")
    EMAIL = "email", _("电子邮件")
    PICKUP = "pickup", _("当面领取")
    ONLINE = "online", _("网上查询下载")


class ConfirmationMethod(models.TextChoices):
    PHONE = "phone", _("电话")
    SMS = "sms", _("短信")
    EMAIL = "email", _("电子邮件")
    IN_PERSON = "in_person", _("当面")
    ONLINE = "online", _("平台消息")


class DeliveryMethod(models.TextChoices):
    IN_PERSON = "in_person", _("当面送达")
    POST = "post", _("邮寄送达")
    EMAIL = "email", _("电子邮件送达")
    ONLINE = "online", _("平台在线送达")
    FAX = "fax", _("传真送达")


class RemedyKind(models.TextChoices):
    REVIEW = "review", _("行政复议")
    LITIGATION = "litigation", _("行政诉讼")


class LitigationType(models.TextChoices):
    DIRECT = "direct", _("直接起诉")
    AFTER_REVIEW = "after_review", _("复议后起诉")


class RemedyResult(models.TextChoices):
    UPHELD = "upheld", _("维持")
    CORRECTED = "corrected", _("纠正")
    OTHER = "other", _("其他")
    PENDING = "pending", _("尚未审结")
