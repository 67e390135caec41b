from django.urls import path

from forum.views import chat, communities, experts, forums, moderation, subscriptions

app_name = "forum"

urlpatterns = [
    # Chat
    path("chat/", chat.chat_index, name="chat_index"),
    path("chat/preview/", chat.preview, name="chat_preview"),
    path("chat/<slug:slug>/", chat.room, name="room"),
    path("chat/<slug:slug>/post/", chat.room_post, name="room_post"),
    path("chat/<slug:slug>/people/", chat.room_people, name="room_people"),
    path("chat/<slug:slug>/thread/<int:seq>/", chat.room_thread, name="room_thread"),
    path("chat/<slug:slug>/m/<int:seq>/react/", chat.room_react, name="room_react"),
    path("chat/<slug:slug>/m/<int:seq>/edit/", chat.message_edit, name="message_edit"),
    path("chat/<slug:slug>/m/<int:seq>/versions/", chat.message_versions, name="message_versions"),
    path("chat/<slug:slug>/read/", chat.room_read, name="room_read"),
    path("chat/<slug:slug>/mute/", chat.room_mute, name="room_mute"),
    # Experts network: directory, questions, office hours
    path("experts/", experts.directory, name="experts"),
    path("experts/grant/", experts.grant, name="expert_grant"),
    path("experts/profile/", experts.profile_edit, name="expert_edit"),
    path("experts/<int:user_id>/", experts.profile, name="expert"),
    path("experts/<int:user_id>/edit/", experts.profile_edit, name="expert_edit_other"),
    path("experts/ask/", experts.ask, name="ask"),
    path("experts/questions/", experts.questions, name="questions"),
    path("experts/questions/<int:question_id>/", experts.question, name="question"),
    path(
        "experts/questions/<int:question_id>/helpful/",
        experts.question_helpful,
        name="question_helpful",
    ),
    path(
        "experts/questions/<int:question_id>/close/", experts.question_close, name="question_close"
    ),
    path(
        "experts/questions/<int:question_id>/publish/",
        experts.question_publish,
        name="question_publish",
    ),
    path(
        "experts/invitations/<int:invitation_id>/",
        experts.invitation,
        name="expert_invitation",
    ),
    path("experts/office-hours/", experts.office_hours, name="office_hours"),
    path("experts/office-hours/new/", experts.office_hour_new, name="office_hour_new"),
    path("experts/office-hours/<int:session_id>/", experts.office_hour, name="office_hour"),
    path(
        "experts/office-hours/<int:session_id>/subscribe/",
        experts.office_hour_subscribe,
        name="office_hour_subscribe",
    ),
    path(
        "experts/office-hours/<int:session_id>/questions/",
        experts.office_hour_ask,
        name="office_hour_ask",
    ),
    path(
        "experts/office-hours/questions/<int:question_id>/vote/",
        experts.office_hour_vote,
        name="office_hour_vote",
    ),
    path(
        "experts/office-hours/questions/<int:question_id>/answered/",
        experts.office_hour_answered,
        name="office_hour_answered",
    ),
    path(
        "experts/office-hours/<int:session_id>/calendar.ics",
        experts.office_hour_ics,
        name="office_hour_ics",
    ),
    # Communities of practice
    path("communities/", communities.index, name="communities"),
    path("communities/files/<int:document_id>/", communities.document, name="community_document"),
    path("communities/<slug:slug>/", communities.community, name="community"),
    path("communities/<slug:slug>/join/", communities.join, name="community_join"),
    path("communities/<slug:slug>/leave/", communities.leave, name="community_leave"),
    path("communities/<slug:slug>/requests/", communities.requests, name="community_requests"),
    path("communities/<slug:slug>/roster/", communities.roster, name="community_roster"),
    path("communities/<slug:slug>/roster.csv", communities.roster_csv, name="community_roster_csv"),
    path("communities/<slug:slug>/contact/", communities.contact, name="community_contact"),
    path("communities/<slug:slug>/events/new/", communities.event_new, name="community_event_new"),
    path(
        "communities/<slug:slug>/events/<int:event_id>/",
        communities.event,
        name="community_event",
    ),
    path(
        "communities/<slug:slug>/events/<int:event_id>/calendar.ics",
        communities.event_ics,
        name="community_event_ics",
    ),
    # Forums
    path("forums/", forums.index, name="index"),
    path("forums/search/", forums.search, name="search"),
    path("forums/subscribe/", subscriptions.subscribe, name="subscribe"),
    path("forums/digest/", subscriptions.digest, name="digest"),
    path("forums/unsubscribe/<str:token>/", subscriptions.unsubscribe, name="unsubscribe"),
    path("forums/cohort/<int:cohort_id>/", forums.cohort_space, name="cohort_space"),
    path("forums/t/<int:topic_id>/", forums.topic, name="topic"),
    path("forums/t/<int:topic_id>/unread/", forums.topic_unread, name="topic_unread"),
    path("forums/t/<int:topic_id>/reply/", forums.reply, name="reply"),
    path("forums/t/<int:topic_id>/moderate/", forums.topic_moderate, name="topic_moderate"),
    path("forums/t/<int:topic_id>/unaccept/", forums.topic_unaccept, name="topic_unaccept"),
    path("forums/p/<int:post_id>/edit/", forums.post_edit, name="post_edit"),
    path("forums/p/<int:post_id>/delete/", forums.post_delete, name="post_delete"),
    path("forums/p/<int:post_id>/restore/", forums.post_restore, name="post_restore"),
    path("forums/p/<int:post_id>/history/", forums.post_history, name="post_history"),
    path("forums/p/<int:post_id>/accept/", forums.post_accept, name="post_accept"),
    path("forums/p/<int:post_id>/flag/", forums.post_flag, name="post_flag"),
    path("forums/files/<int:attachment_id>/", forums.attachment, name="attachment"),
    path("forums/<slug:slug>/", forums.space, name="space"),
    path("forums/<slug:slug>/new/", forums.topic_new, name="topic_new"),
    path("forums/<slug:slug>/moderation/", moderation.moderation, name="moderation"),
    path("forums/<slug:slug>/members/", moderation.members, name="members"),
    path("forums/<slug:slug>/members/action/", moderation.member_action, name="member_action"),
    path("forums/<slug:slug>/invite-expert/", experts.invite, name="expert_invite"),
]
