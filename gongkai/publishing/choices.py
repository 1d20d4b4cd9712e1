from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class State(models.TextChoices):
    """Workflow states; the diagram is in docs/publishing.md, the transitions in workflow.py."""

    DRAFT = "draft", _("草稿")
    # One Chinese word, two English senses: 送审 the state ("Submitted for review") and the button
    # ("Submit for review", context "button" in the templates).
    SUBMITTED = "submitted", pgettext_lazy("item state", "送审")
    RETURNED = "returned", pgettext_lazy("item state", "退回")
    APPROVED = "approved", pgettext_lazy("item state", "审核通过")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")
    DELETED = "deleted", _("已删除")


class DisclosureMode(models.TextChoices):
    """公开方式 (条例第十三条)."""

    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    NOT_DISCLOSED = "not_disclosed", _("不予公开")


class Validity(models.TextChoices):
    """有效性 of a normative document."""

    VALID = "valid", _("有效")
    AMENDED = "amended", _("已修改")
    REPEALED = "repealed", _("已废止")
    EXPIRED = "expired", _("已失效")


VALIDITY_LABELS = dict(Validity.choices)


def validity_mark(code: str) -> str:
    """The 有效性 to flag beside a title in a list or a feed (已修改, 已废止, 已失效); "" for 有效 or none.
    The one source of that mark: portal lists (InformationItem.validity_mark) and the feeds."""
    if not code or code == Validity.VALID:
        return ""
    return str(VALIDITY_LABELS.get(code, ""))


class Topic(models.TextChoices):
    """主题分类: the top level of the State Council's 公文主题分类."""

    GENERAL = "01", _("综合政务")
    ECONOMY = "02", _("国民经济管理、国有资产监管")
    FINANCE = "03", _("财政、金融、审计")
    LAND_ENERGY = "04", _("国土资源、能源")
    AGRICULTURE = "05", _("农业、林业、水利")
    INDUSTRY_TRANSPORT = "06", _("工业、交通")
    COMMERCE = "07", _("商贸、海关、旅游")
    MARKET = "08", _("市场监管、安全生产监管")
    URBAN_ENVIRONMENT = "09", _("城乡建设、环境保护")
    SCIENCE_EDUCATION = "10", _("科技、教育")
    CULTURE = "11", _("文化、广电、新闻出版")
    HEALTH_SPORTS = "12", _("卫生、体育")
    POPULATION = "13", _("人口与计划生育、妇女儿童工作")
    LABOUR = "14", _("劳动、人事、监察")
    PUBLIC_SECURITY = "15", _("公安、安全、司法")
    CIVIL_AFFAIRS = "16", _("民政、扶贫、救灾")
    ETHNIC_RELIGION = "17", _("民族、宗教")
    FOREIGN = "18", _("对外事务")
    HMT = "19", _("港澳台侨工作")
    DEFENCE = "20", _("国防")
    OTHER = "21", _("其他")


class DocType(models.TextChoices):
    """文种 (党政机关公文处理工作条例 第八条), plus 其他 for non-公文 information."""

    RESOLUTION = "决议", _("决议")
    DECISION = "决定", _("决定")
    ORDER = "命令", _("命令（令）")
    COMMUNIQUE = "公报", _("公报")
    ANNOUNCEMENT = "公告", _("公告")
    PUBLIC_NOTICE = "通告", _("通告")
    OPINION = "意见", _("意见")
    NOTICE = "通知", _("通知")
    BULLETIN = "通报", _("通报")
    REPORT = "报告", _("报告")
    REQUEST = "请示", _("请示")
    REPLY = "批复", _("批复")
    MOTION = "议案", _("议案")
    LETTER = "函", _("函")
    MINUTES = "纪要", _("纪要")
    OTHER = "其他", _("其他")
