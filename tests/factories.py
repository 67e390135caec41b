import factory
from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.text import slugify

from forum.models import Category, Space, Topic
from lms.choices import Role
from lms.models import Cohort, Profile, RoleGrant, User

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="es_MX")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """A confirmed primary address, so allauth lets the person sign in."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
            self.save()

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create:
            for role in extracted or [Role.PARTICIPANT]:
                RoleGrant.objects.create(user=self, role=role)


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)
    country = "CL"
    institution = "Ministerio del Trabajo y Previsión Social de Chile"
    position = "Analista"
    preferred_language = "es"


class CohortFactory(factory.django.DjangoModelFactory):
    """A cohort of a course (pass ``course``: a published CoursePage) starting today."""

    class Meta:
        model = Cohort

    course = None
    name = factory.Sequence(lambda n: f"Cohorte {n}")
    starts_on = factory.LazyFunction(timezone.localdate)
    time_zone = "America/Bogota"


class SpaceFactory(factory.django.DjangoModelFactory):
    """A space (a workshop's follow-up unless ``kind`` says otherwise), nobody in it yet."""

    class Meta:
        model = Space

    kind = Space.Kind.WORKSHOP
    name = factory.Sequence(lambda n: f"Espacio {n}")
    slug = factory.Sequence(lambda n: f"espacio-{n}")


class CategoryFactory(factory.django.DjangoModelFactory):
    """A part of a space's forum; its address comes from its name."""

    class Meta:
        model = Category

    space = factory.SubFactory(SpaceFactory)
    name = "General"
    slug = factory.LazyAttribute(lambda category: slugify(category.name))


class TopicFactory(factory.django.DjangoModelFactory):
    """A topic row as its first post leaves it (``post_count`` 1), without the post:
    for lists and digests; ``forum.services.topic_create`` writes real ones."""

    class Meta:
        model = Topic

    category = factory.SubFactory(CategoryFactory)
    space = factory.SelfAttribute("category.space")
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Tema {n}")
    post_count = 1


def newsletter_issue(*, number: int = 1, **fields):
    """A newsletter issue with one document, titled in the four languages."""
    from newsletter.models import Issue, Item

    fields.setdefault("since", timezone.now())
    issue = Issue.objects.create(number=number, **fields)
    Item.objects.create(
        issue=issue,
        section="documents",
        url="/es/documents/",
        title_es="Estudio",
        title_en="Study",
        title_pt="Estudo",
        title_fr="Étude",
    )
    return issue
