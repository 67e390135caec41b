import factory
from allauth.account.models import EmailAddress

from lms.choices import Role
from lms.models import Profile, RoleGrant, User

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
