"""The 政务公开办's yearly toolkit (work plan part 三): 回头看 self-check campaigns, the annual 绩效考核,
training records, the county's 负面清单, and the 严重错误 lists the checker matches against."""

from gongkai.assurance.models.assessment import Assessment, ManualItem
from gongkai.assurance.models.errors import ErrorTerm, ItemCheck, Leader
from gongkai.assurance.models.negative import NegativeEntry, ReviewChecklist
from gongkai.assurance.models.selfcheck import Answer, Campaign, CampaignItem, ChecklistItem, Response
from gongkai.assurance.models.training import Attendance, TrainingMaterial, TrainingSession

__all__ = ["Answer", "Assessment", "Attendance", "Campaign", "CampaignItem", "ChecklistItem", "ErrorTerm", "ItemCheck",
           "Leader", "ManualItem", "NegativeEntry", "Response", "ReviewChecklist", "TrainingMaterial",
           "TrainingSession"]
