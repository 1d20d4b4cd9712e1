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


class ExemptionBasis(models.TextChoices):
    """Legal basis of 不予公开 (条例第十四条至第十六条)."""

    STATE_SECRET = "art14_secret", _("第十四条：依法确定为国家秘密")
    PROHIBITED_BY_LAW = "art14_law", _("第十四条：法律、行政法规禁止公开")
    SECURITY_STABILITY = "art14_security", _("第十四条：公开后可能危及国家安全、公共安全、经济安全、社会稳定")
    THIRD_PARTY = "art15_third_party", _("第十五条：涉及商业秘密、个人隐私等，公开会损害第三方合法权益")
    INTERNAL_AFFAIRS = "art16_internal", _("第十六条第一款：内部事务信息")
    PROCESS_INFORMATION = "art16_process", _("第十六条第二款：过程性信息")
    ENFORCEMENT_FILE = "art16_enforcement", _("第十六条第二款：行政执法案卷信息")


class Validity(models.TextChoices):
    """有效性 of a normative document."""

    VALID = "valid", _("有效")
    AMENDED = "amended", _("已修改")
    REPEALED = "repealed", _("已废止")
    EXPIRED = "expired", _("已失效")


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
