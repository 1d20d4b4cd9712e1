"""Test data for the assurance app."""

import factory

from gongkai.assurance.models import ChecklistItem, ErrorTerm, Leader, NegativeEntry, TrainingSession


class ChecklistItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistItem

    text = factory.Sequence(lambda n: f"自查事项{n}：是否按条例要求公开")
    source = "条例第二十条"
    position = factory.Sequence(lambda n: n)


class NegativeEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NegativeEntry

    title = factory.Sequence(lambda n: f"不得公开的信息类别{n}")
    basis = "art14_secret"
    law = "《中华人民共和国保守国家秘密法》第九条"


class LeaderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leader

    name = "王建国"
    post = "县委副书记、县长"


class ErrorTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ErrorTerm

    kind = ErrorTerm.Kind.MISSPELLING
    text = factory.Sequence(lambda n: f"错误写法{n}")
    correction = "正确写法"
    source = "测试依据"


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingSession

    held_on = factory.Faker("date_this_year")
    topic = factory.Sequence(lambda n: f"政务公开业务培训{n}")
    level = TrainingSession.Level.COUNTY
    trainer = "县政务公开办"
