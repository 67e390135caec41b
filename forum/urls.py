from django.urls import path

from forum import views

app_name = "forum"

urlpatterns = [
    path("chat/", views.chat_index, name="chat_index"),
    path("chat/preview/", views.preview, name="chat_preview"),
    path("chat/<slug:slug>/", views.room, name="room"),
    path("chat/<slug:slug>/post/", views.room_post, name="room_post"),
    path("chat/<slug:slug>/read/", views.room_read, name="room_read"),
    path("chat/<slug:slug>/mute/", views.room_mute, name="room_mute"),
]
