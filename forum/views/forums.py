"""Forum pages: spaces, topics, posts and search (moderation and members are in
``forum.views.moderation``, following and unsubscribing in
``forum.views.subscriptions``).

Views fetch what they show through ``forum.access`` (what does not exist and
what the person may not read are both a 404 page), check shapes with forms and
leave every decision to ``forum.services``; a right the person lacks becomes a
403 page and validation errors stay on the form, with what the person typed.
"""

import mimetypes
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forum import forms, selectors, services
from forum.access import access_attachment, access_post, access_space, access_topic
from forum.models import DigestPreference, Post, Subscription
from lms.choices import ActorType
from lms.forms import add_service_errors
from lms.http import private_file_response
from lms.selectors.people import remember_roles


def pk_or_404(value) -> int:
    """An id from a form field; anything else is a page that does not exist."""
    if not str(value or "").isdigit():
        raise Http404
    return int(value)


def forum_strings() -> dict:
    """What forum.js says, in the page's language."""
    return {
        "preview": _("Preview"),
        "edit": _("Back to editing"),
        "empty": _("Nothing to preview yet."),
    }


def back_or(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


# --- spaces ---------------------------------------------------------------------------------


@login_required
def index(request):
    spaces = list(selectors.readable_spaces(user=request.user))
    preference = DigestPreference.objects.filter(user=request.user).first()
    digest_form = forms.DigestForm(
        initial={"frequency": preference.frequency if preference else "weekly"}
    )
    return render(request, "forum/index.html", {"spaces": spaces, "digest_form": digest_form})


@login_required
def cohort_space(request, cohort_id):
    space, _access = access_space(user=request.user, cohort_id=cohort_id)
    return redirect("forum:space", slug=space.slug)


@login_required
def space(request, slug):
    space, access = access_space(user=request.user, slug=slug)
    categories = list(space.categories.all())
    category = None
    if request.GET.get("category"):
        category = next((c for c in categories if c.slug == request.GET["category"]), None)
        if category is None:
            raise Http404
    status = request.GET.get("status", "")
    if status not in {"", "answered", "waiting", "unread"}:
        status = ""
    voice = request.GET.get("voice", "")
    if voice not in ActorType.values:
        voice = ""
    topics = selectors.space_topics(
        space=space, user=request.user, category=category, status=status, voice=voice
    )
    page = Paginator(topics, selectors.TOPICS_PER_PAGE).get_page(request.GET.get("page"))
    filters = {
        k: v
        for k, v in {
            "category": request.GET.get("category"),
            "status": status,
            "voice": voice,
        }.items()
        if v
    }
    level = (
        Subscription.objects.filter(user=request.user, space=space)
        .values_list("level", flat=True)
        .first()
        or Subscription.Level.NORMAL
    )
    return render(
        request,
        "forum/space.html",
        {
            "space": space,
            "access": access,
            "categories": categories,
            "category": category,
            "status": status,
            "voice": voice,
            "voices": ActorType.choices,
            "page_obj": page,
            "extra": urlencode(filters),
            "level": level,
            "subscription_form": forms.SubscriptionForm(initial={"level": level}),
            "category_form": _category_form(request.user, category),
            "open_flags": selectors.open_flag_count(space=space) if access.can_moderate else 0,
            "rooms": list(selectors.space_rooms(user=request.user, space=space)),
        },
    )


def _category_form(user, category):
    if category is None:
        return None
    level = (
        Subscription.objects.filter(user=user, category=category)
        .values_list("level", flat=True)
        .first()
        or Subscription.Level.NORMAL
    )
    return forms.SubscriptionForm(initial={"level": level}, prefix=f"category-{category.pk}")


@login_required
def topic_new(request, slug):
    space, access = access_space(user=request.user, slug=slug)
    access.require_post()
    form = forms.TopicForm(
        request.POST or None,
        request.FILES or None,
        space=space,
        can_announce=access.can_announce,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.topic_create(
                user=request.user,
                space=space,
                category=data.get("category"),
                title=data["title"],
                body=data["body"],
                token=data["token"],
                is_question=data["is_question"],
                is_announcement=data.get("is_announcement", False),
                files=data["files"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if created.created and data.get("is_announcement"):
                messages.success(request, _("Your announcement is being emailed to every member."))
            return redirect("forum:topic", topic_id=created.topic.pk)
    return render(
        request,
        "forum/topic_new.html",
        {"space": space, "access": access, "form": form, "forum_strings": forum_strings()},
    )


# --- topics and posts -----------------------------------------------------------------------


def _topic_page(request, topic, access, reply_form=None, status=200):
    posts = selectors.topic_posts(topic=topic)
    paginator = Paginator(posts, selectors.POSTS_PER_PAGE)
    # Posts are numbered and never removed (deleted ones stay, hidden): no COUNT.
    paginator.count = topic.post_count
    page = paginator.get_page(request.GET.get("page"))
    post_list = selectors.topic_page_posts(topic=topic, number=page.number)
    remember_roles(post.author for post in post_list)
    for post in post_list:  # what this person may do with each post (forum.access)
        post.can_edit = access.can_edit(post)
        post.can_delete = access.can_delete(post, topic)
        post.can_flag = access.can_flag(post)
    if post_list:
        services.topic_mark_read(user=request.user, topic=topic, number=post_list[-1].number)
    accepted = None
    if topic.accepted_post_id:
        accepted = next((p for p in post_list if p.pk == topic.accepted_post_id), None)
        if accepted is None:
            accepted = selectors.topic_posts(topic=topic).filter(pk=topic.accepted_post_id).first()
    if reply_form is None:
        initial = {}
        quote = request.GET.get("quote")
        if quote and quote.isdigit():
            quoted = (
                Post.objects.filter(topic=topic, pk=int(quote), deleted_at__isnull=True)
                .select_related("author")
                .first()
            )
            if quoted is not None:
                initial["body"] = services.quote_text(quoted)
        reply_form = forms.ReplyForm(initial=initial)
    level = selectors.subscription_level(user=request.user, topic=topic)
    return render(
        request,
        "forum/topic.html",
        {
            "topic": topic,
            "space": topic.space,
            "access": access,
            "page_obj": page,
            "posts": post_list,
            "accepted": accepted,
            "can_accept": access.can_accept(topic),
            "reply_form": reply_form,
            "can_reply": access.can_reply(topic),
            "level": level,
            "subscription_form": forms.SubscriptionForm(initial={"level": level}),
            "categories": list(topic.space.categories.all()) if access.can_moderate else [],
            "forum_strings": forum_strings(),
        },
        status=status,
    )


@login_required
def topic(request, topic_id):
    topic, access = access_topic(user=request.user, topic_id=topic_id)
    return _topic_page(request, topic, access)


@login_required
def topic_unread(request, topic_id):
    topic, _access = access_topic(user=request.user, topic_id=topic_id)
    number = selectors.first_unread_number(topic=topic, user=request.user)
    url = reverse("forum:topic", kwargs={"topic_id": topic.pk})
    page = selectors.page_of(number)
    return redirect(f"{url}?page={page}#post-{number}" if page > 1 else f"{url}#post-{number}")


@login_required
@require_POST
def reply(request, topic_id):
    topic, access = access_topic(user=request.user, topic_id=topic_id)
    form = forms.ReplyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            created = services.post_reply(
                user=request.user,
                topic=topic,
                body=form.cleaned_data["body"],
                token=form.cleaned_data["token"],
                files=form.cleaned_data["files"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(services.post_url(created.post))
    # Errors: the same page, the text kept, the last page so the form is in context.
    request.GET = request.GET.copy()
    request.GET["page"] = str(selectors.page_of(max(topic.post_count, 1)))
    return _topic_page(request, topic, access, reply_form=form, status=400)


@login_required
def post_edit(request, post_id):
    post, access = access_post(user=request.user, post_id=post_id)
    if not access.can_edit(post):
        raise PermissionDenied(_("Only the author and the moderators edit a post."))
    form = forms.EditForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(actor=request.user, post=post, body=form.cleaned_data["body"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(services.post_url(post))
    return render(
        request,
        "forum/post_edit.html",
        {"post": post, "form": form, "forum_strings": forum_strings()},
    )


@login_required
@require_POST
def post_delete(request, post_id):
    post, _access = access_post(user=request.user, post_id=post_id)
    try:
        services.post_delete(actor=request.user, post=post)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(services.post_url(post))
    messages.success(request, _("The post was deleted."))
    if post.number == 1:
        return redirect("forum:space", slug=post.topic.space.slug)
    return redirect(services.post_url(post))


@login_required
@require_POST
def post_restore(request, post_id):
    post, _access = access_post(user=request.user, post_id=post_id)
    services.post_restore(actor=request.user, post=post)
    messages.success(request, _("The post is back."))
    return redirect(back_or(request, services.post_url(post)))


@login_required
def post_history(request, post_id):
    post, access = access_post(user=request.user, post_id=post_id)
    access.require_moderate()
    revisions = post.revisions.select_related("editor")
    return render(request, "forum/post_history.html", {"post": post, "revisions": revisions})


@login_required
@require_POST
def post_accept(request, post_id):
    post, _access = access_post(user=request.user, post_id=post_id)
    try:
        services.answer_accept(actor=request.user, post=post)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Marked as the accepted answer."))
    return redirect(services.post_url(post))


@login_required
@require_POST
def topic_unaccept(request, topic_id):
    topic, _access = access_topic(user=request.user, topic_id=topic_id)
    services.answer_unaccept(actor=request.user, topic=topic)
    messages.success(request, _("The question is waiting for an answer again."))
    return redirect("forum:topic", topic_id=topic.pk)


@login_required
@require_POST
def topic_moderate(request, topic_id):
    topic, _access = access_topic(user=request.user, topic_id=topic_id)
    category = None
    if request.POST.get("action") == "move":
        category = topic.space.categories.filter(pk=pk_or_404(request.POST.get("category"))).first()
    try:
        services.topic_moderate(
            actor=request.user,
            topic=topic,
            action=request.POST.get("action", ""),
            category=category,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The topic is updated."))
    return redirect("forum:topic", topic_id=topic.pk)


@login_required
def post_flag(request, post_id):
    post, _access = access_post(user=request.user, post_id=post_id)
    form = forms.FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.flag_create(
                user=request.user,
                post=post,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you: the moderators will look at it."))
            return redirect(services.post_url(post))
    return render(request, "forum/post_flag.html", {"post": post, "form": form})


@login_required
def attachment(request, attachment_id):
    item = access_attachment(user=request.user, attachment_id=attachment_id)
    content_type = mimetypes.guess_type(item.name)[0] or "application/octet-stream"
    return private_file_response(
        request, item.file, filename=item.name, content_type=content_type, inline=item.is_image
    )


# --- search ---------------------------------------------------------------------------------


@login_required
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    space = None
    if request.GET.get("space"):
        space, _access = access_space(user=request.user, slug=request.GET["space"])
    results = selectors.search_posts(user=request.user, query=query, space=space) if query else None
    page = Paginator(results, 20).get_page(request.GET.get("page")) if results is not None else None
    if page is not None:
        page.object_list = list(page.object_list)
        for post in page.object_list:
            post.url = services.post_url(post)
    spaces = list(selectors.readable_spaces(user=request.user))
    filters = {k: v for k, v in {"q": query, "space": request.GET.get("space", "")}.items() if v}
    return render(
        request,
        "forum/search.html",
        {
            "query": query,
            "space": space,
            "spaces": spaces,
            "page_obj": page,
            "extra": urlencode(filters),
        },
    )
