"""Fixed vocabularies of the network: member states, languages, roles."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Country(models.TextChoices):
    """The 35 member states of the Organization of American States (ISO 3166-1)."""

    ANTIGUA_AND_BARBUDA = "AG", _("Antigua and Barbuda")
    ARGENTINA = "AR", _("Argentina")
    BAHAMAS = "BS", _("Bahamas")
    BARBADOS = "BB", _("Barbados")
    BELIZE = "BZ", _("Belize")
    BOLIVIA = "BO", _("Bolivia")
    BRAZIL = "BR", _("Brazil")
    CANADA = "CA", _("Canada")
    CHILE = "CL", _("Chile")
    COLOMBIA = "CO", _("Colombia")
    COSTA_RICA = "CR", _("Costa Rica")
    CUBA = "CU", _("Cuba")
    DOMINICA = "DM", _("Dominica")
    DOMINICAN_REPUBLIC = "DO", _("Dominican Republic")
    ECUADOR = "EC", _("Ecuador")
    EL_SALVADOR = "SV", _("El Salvador")
    GRENADA = "GD", _("Grenada")
    GUATEMALA = "GT", _("Guatemala")
    GUYANA = "GY", _("Guyana")
    HAITI = "HT", _("Haiti")
    HONDURAS = "HN", _("Honduras")
    JAMAICA = "JM", _("Jamaica")
    MEXICO = "MX", _("Mexico")
    NICARAGUA = "NI", _("Nicaragua")
    PANAMA = "PA", _("Panama")
    PARAGUAY = "PY", _("Paraguay")
    PERU = "PE", _("Peru")
    SAINT_KITTS_AND_NEVIS = "KN", _("Saint Kitts and Nevis")
    SAINT_LUCIA = "LC", _("Saint Lucia")
    SAINT_VINCENT_AND_THE_GRENADINES = "VC", _("Saint Vincent and the Grenadines")
    SURINAME = "SR", _("Suriname")
    TRINIDAD_AND_TOBAGO = "TT", _("Trinidad and Tobago")
    UNITED_STATES = "US", _("United States of America")
    URUGUAY = "UY", _("Uruguay")
    VENEZUELA = "VE", _("Venezuela")


class InterfaceLanguage(models.TextChoices):
    """Languages the platform speaks; names are endonyms, never translated."""

    SPANISH = "es", "Español"
    ENGLISH = "en", "English"
    PORTUGUESE = "pt", "Português"
    FRENCH = "fr", "Français"


class SpokenLanguage(models.TextChoices):
    """Languages a person can work in: the OAS official four plus the region's others."""

    SPANISH = "es", _("Spanish")
    ENGLISH = "en", _("English")
    PORTUGUESE = "pt", _("Portuguese")
    FRENCH = "fr", _("French")
    DUTCH = "nl", _("Dutch")
    HAITIAN_CREOLE = "ht", _("Haitian Creole")


class Constituency(models.TextChoices):
    """The three parties of the world of work (the network is tripartite), and observers."""

    GOVERNMENT = "government", _("Government")
    WORKERS = "workers", _("Workers")
    EMPLOYERS = "employers", _("Employers")
    OBSERVER = "observer", _("Observer")


class ActorType(models.TextChoices):
    """Whom a person speaks for in the network's conversations: declared on their
    profile, shown beside their name once the secretariat verified it."""

    MINISTRY = "ministry", _("Ministry")
    WORKERS = "workers", _("Workers' organisation")
    EMPLOYERS = "employers", _("Employers' organisation")
    INTERNATIONAL = "international", _("International organisation")
    ACADEMIA = "academia", _("Academia")
    FUNDER = "funder", _("Funding agency")
    CIVIL_SOCIETY = "civil_society", _("Civil society")


# The badge's short text (the full name goes with it for screen readers and on hover).
ACTOR_TYPE_SHORT = {
    ActorType.MINISTRY: _("Ministry"),
    ActorType.WORKERS: _("Workers"),
    ActorType.EMPLOYERS: _("Employers"),
    ActorType.INTERNATIONAL: _("Int. org."),
    ActorType.ACADEMIA: _("Academia"),
    ActorType.FUNDER: _("Funder"),
    ActorType.CIVIL_SOCIETY: _("Civil society"),
}


class Sex(models.TextChoices):
    """Asked only to count participation by sex in reports; blank: not said."""

    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Another answer")


class Role(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    TUTOR = "tutor", _("Tutor")
    EXPERT = "expert", _("Expert")
    FOCAL_POINT = "focal_point", _("Focal point")
    SECRETARIAT = "secretariat", _("Technical Secretariat")


class ReviewStatus(models.TextChoices):
    """Where a suggestion stands in the secretariat's review (lms.services.review)."""

    SUGGESTED = "suggested", _("Suggested, waiting for review")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", _("Not published")
