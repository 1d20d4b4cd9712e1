import factory

from gongkai.accounts.models import Membership, Role, User

TEST_PASSWORD = "Gongkai-Test-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"工作人员{n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory("gongkai.organizations.factories.OrganizationFactory")
    role = Role.EDITOR


def user_with_role(organization, role: str, **kwargs) -> User:
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, organization=organization, role=role)
    return user
