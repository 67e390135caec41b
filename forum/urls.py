from django.urls import path

from forum.views import chat, forums

app_name = "forum"

urlpatterns = [
    # Chat
    path("chat/", chat.chat_index, name="chat_index"),
    path("chat/preview/", chat.preview, name="chat_preview"),
    path("chat/<slug:slug>/", chat.room, name="room"),
    path("chat/<slug:slug>/post/", chat.room_post, name="room_post"),
    path("chat/<slug:slug>/read/", chat.room_read, name="room_read"),
    path("chat/<slug:slug>/mute/", chat.room_mute, name="room_mute"),
    # Forums
    path("forums/", forums.index, name="index"),
    path("forums/search/", forums.search, name="search"),
    path("forums/subscribe/", forums.subscribe, name="subscribe"),
    path("forums/digest/", forums.digest, name="digest"),
    path("forums/unsubscribe/<str:token>/", forums.unsubscribe, name="unsubscribe"),
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
    path("forums/<slug:slug>/moderation/", forums.moderation, name="moderation"),
    path("forums/<slug:slug>/members/", forums.members, name="members"),
    path("forums/<slug:slug>/members/action/", forums.member_action, name="member_action"),
]
