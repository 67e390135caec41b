"""People and learning state. One module per subject; import from here."""

from lms.models.calendar import CalendarFeed
from lms.models.certificates import Certificate, CertificateArchive
from lms.models.cohorts import (
    Application,
    Cohort,
    CohortGroup,
    Enrolment,
    EnrolmentCall,
    ModuleRelease,
)
from lms.models.jobs import ImportJob
from lms.models.learning import (
    LessonProgress,
    QuizAttempt,
    Submission,
    SurveyAnswer,
    SurveyCompletion,
    SurveyTally,
)
from lms.models.notifications import Notification, NotificationPreference, PushSubscription
from lms.models.people import (
    Profile,
    ProfileLanguage,
    RoleGrant,
    User,
    UserManager,
    validate_time_zone,
)
from lms.models.schedule import ScheduledItem
from lms.models.video import Attendance, VideoRoom

__all__ = [
    "Application",
    "Attendance",
    "CalendarFeed",
    "Certificate",
    "CertificateArchive",
    "Cohort",
    "CohortGroup",
    "Enrolment",
    "EnrolmentCall",
    "ImportJob",
    "LessonProgress",
    "ModuleRelease",
    "Notification",
    "NotificationPreference",
    "Profile",
    "ProfileLanguage",
    "PushSubscription",
    "QuizAttempt",
    "RoleGrant",
    "ScheduledItem",
    "Submission",
    "SurveyAnswer",
    "SurveyCompletion",
    "SurveyTally",
    "User",
    "UserManager",
    "VideoRoom",
    "validate_time_zone",
]
