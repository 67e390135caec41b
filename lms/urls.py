"""lms pages, mounted at the root of each language prefix (see config/urls.py)."""

from django.urls import path

from lms.views import app, calendar, jobs, learning, manage, people, tutoring, video

app_name = "lms"

urlpatterns = [
    # Video rooms of the sessions of the apps above (owner key "app.model:pk").
    path("video/<str:key>/join/", video.join, name="video_join"),
    path("video/<str:key>/end/", video.end, name="video_end"),
    # The person's own space.
    path("me/profile/", people.profile, name="profile"),
    path("me/learning/", learning.dashboard, name="dashboard"),
    path("me/calendar/", calendar.month, name="calendar"),
    path("me/calendar/agenda/", calendar.agenda, name="calendar_agenda"),
    path("me/calendar/reset/", calendar.feed_reset, name="calendar_feed_reset"),
    path(
        "me/calendar/cohorts/<int:cohort_id>/<str:block_id>.ics",
        calendar.item_ics,
        name="calendar_item_ics",
    ),
    path("me/notifications/", learning.notifications, name="notifications"),
    path(
        "me/notifications/preferences/",
        learning.notification_preferences,
        name="notification_preferences",
    ),
    path("me/notifications/push/", app.push_subscription, name="push_subscription"),
    path(
        "me/notifications/push/<int:subscription_id>/remove/",
        app.push_subscription_remove,
        name="push_subscription_remove",
    ),
    # The installable app: its manifest (per language) and the page shown offline.
    path("app/manifest.webmanifest", app.manifest, name="manifest"),
    path("offline/", app.offline, name="offline"),
    path("app/offline-pages/", app.offline_pages, name="offline_pages"),
    path(
        "me/notifications/unsubscribe/<str:token>/",
        learning.notification_unsubscribe,
        name="notification_unsubscribe",
    ),
    path("me/calls/<int:call_id>/apply/", learning.call_apply, name="call_apply"),
    path(
        "me/courses/<int:course_id>/open-track/",
        learning.open_track_enrol,
        name="open_track_enrol",
    ),
    path(
        "me/applications/<int:application_id>/withdraw/",
        learning.application_withdraw,
        name="application_withdraw",
    ),
    path("me/lessons/<int:lesson_id>/done/", learning.lesson_done, name="lesson_done"),
    path(
        "me/lessons/<int:lesson_id>/quiz/<str:block_id>/", learning.quiz_submit, name="quiz_submit"
    ),
    path(
        "me/lessons/<int:lesson_id>/assignment/<str:block_id>/",
        learning.assignment_submit,
        name="assignment_submit",
    ),
    path(
        "me/lessons/<int:lesson_id>/survey/<str:block_id>/",
        learning.survey_submit,
        name="survey_submit",
    ),
    path(
        "me/submissions/<int:submission_id>/file/",
        learning.submission_file,
        name="submission_file",
    ),
    path(
        "me/certificates/<str:code>/pdf/",
        learning.certificate_download,
        name="certificate_download",
    ),
    path(
        "me/certificates/<str:code>/languages/",
        learning.certificate_languages,
        name="certificate_languages",
    ),
    # Imports running in the background (their starter and the secretariat).
    path("me/imports/<int:job_id>/", jobs.import_job, name="import_job"),
    path(
        "me/imports/<int:job_id>/progress/",
        jobs.import_job_progress,
        name="import_job_progress",
    ),
    # Tutors.
    path("me/tutoring/", tutoring.tutoring_index, name="tutoring"),
    path("me/tutoring/<int:cohort_id>/", tutoring.tutoring_cohort, name="tutoring_cohort"),
    path("me/tutoring/<int:cohort_id>/remind/", tutoring.send_reminders, name="tutoring_remind"),
    path(
        "me/tutoring/<int:cohort_id>/schedule/",
        tutoring.tutoring_schedule,
        name="tutoring_schedule",
    ),
    path(
        "me/tutoring/<int:cohort_id>/schedule/<str:block_id>/video/",
        tutoring.tutoring_session,
        name="tutoring_session",
    ),
    path(
        "me/tutoring/submissions/<int:submission_id>/",
        tutoring.submission_review,
        name="submission_review",
    ),
    # The Technical Secretariat.
    path("manage/", manage.manage_index, name="manage"),
    path(
        "manage/courses/<int:course_id>/open-track/",
        manage.open_track_offer,
        name="open_track_offer",
    ),
    path("manage/calls/new/", manage.call_create, name="manage_call_create"),
    path("manage/calls/<int:call_id>/", manage.call_detail, name="manage_call"),
    path("manage/cohorts/<int:cohort_id>/", manage.cohort_detail, name="manage_cohort"),
    path(
        "manage/cohorts/<int:cohort_id>/import/",
        manage.cohort_import,
        name="manage_cohort_import",
    ),
    path(
        "manage/cohorts/<int:cohort_id>/report/",
        manage.cohort_report,
        name="manage_cohort_report",
    ),
    path(
        "manage/cohorts/<int:cohort_id>/report/<slug:table>.csv",
        manage.cohort_report_csv,
        name="manage_cohort_report_csv",
    ),
    path(
        "manage/cohorts/<int:cohort_id>/certificates/",
        manage.cohort_certificates,
        name="manage_cohort_certificates",
    ),
    # Where the zip used to be made in the request: leads to the cohort's certificates.
    path("manage/cohorts/<int:cohort_id>/certificates.zip", manage.cohort_certificates),
    path(
        "manage/cohorts/<int:cohort_id>/certificates/<int:archive_id>/",
        manage.certificate_archive,
        name="manage_certificate_archive",
    ),
    path(
        "manage/cohorts/<int:cohort_id>/certificates/<int:archive_id>/progress/",
        manage.certificate_archive_progress,
        name="manage_certificate_archive_progress",
    ),
    path(
        "manage/cohorts/<int:cohort_id>/certificates/<int:archive_id>/download/",
        manage.certificate_archive_download,
        name="manage_certificate_archive_download",
    ),
    # Anyone: is this certificate genuine?
    path("certificates/", learning.certificate_verify, name="certificate_verify_form"),
    path("certificates/<str:code>/", learning.certificate_verify, name="certificate_verify"),
]
