"""Serving course pages cheaply: routing in one query, view restrictions and the
course tree from the cache.

Wagtail routes one tree level at a time (two queries per level: the child, then
its specific row), asks the database for view restrictions on every page, and a
lesson needs its module and course. Below the catalogue the tree is small and
changes only when an editor publishes, so:

- ``OneQueryRouting.route`` finds every page of the remaining path in one query
  and loads only the last one's specific row (pages with a route of their own,
  such as routable pages, still route themselves); the page a path leads to is
  then kept in the cache until any page changes, so the next request for the
  same path routes without a query (who may see it is still asked every time:
  view restrictions by Wagtail, courses by ``lms``'s gate);
- ``CheapViewRestrictions`` asks the database only when a restricted page (or
  an alias of one) lies on the page's path; which pages those are is cached;
- ``course_tree`` is a course with all its modules and its live lessons, cached
  until any page changes (publish, unpublish, save, move, delete).
"""

import hashlib
from dataclasses import dataclass, field

from django.http import Http404
from wagtail.models import Page, PageViewRestriction

from courses.caching import (
    cache_delete_many,
    cache_get,
    cache_set,
    cache_version,
    cache_version_bump,
    remembered,
)
from courses.invalidation import forget_now_and_after_commit

VERSION_KEY = "courses:pages-version"
RESTRICTED_KEY = "courses:restricted-paths"
TIMEOUT = 60 * 60 * 24


# --- Invalidation ----------------------------------------------------------------------


def pages_version() -> str:
    """A token that changes whenever a page changes; part of every cached tree's key."""
    return cache_version(VERSION_KEY, TIMEOUT)


def forget_pages() -> None:
    cache_version_bump(VERSION_KEY, TIMEOUT)
    cache_delete_many([RESTRICTED_KEY])


def pages_changed(**_kwargs) -> None:
    """Forget cached trees and restrictions (connected to page and restriction signals):
    at once and after the commit, once per transaction."""
    forget_now_and_after_commit(forget_pages)


# --- Routing ---------------------------------------------------------------------------


def _routes_by_default(page_class) -> bool:
    route = page_class.route
    return route is Page.route or route is OneQueryRouting.route


class OneQueryRouting:
    """Route the rest of the path in one query for the chain and one for the last page,
    or from the cache."""

    def route(self, request, path_components):
        if not path_components:
            return Page.route(self, request, path_components)
        path = "/".join(path_components).encode()
        key = f"courses:route:{pages_version()}:{self.pk}:{hashlib.sha256(path).hexdigest()}"
        page = cache_get(key)
        if page is not None:
            return page.route(request, [])  # a copy of the page: it was pickled
        depth = self.depth
        rows = (
            Page.objects.filter(
                path__startswith=self.path,
                depth__gt=depth,
                depth__lte=depth + len(path_components),
                slug__in=set(path_components),
            )
            .order_by("path")
            .only("id", "path", "depth", "slug", "content_type_id", "alias_of_id", "live")
        )
        by_parent_and_slug = {(row.path[: -Page.steplen], row.slug): row for row in rows}
        current = self
        for index, slug in enumerate(path_components):
            child = by_parent_and_slug.get((current.path, slug))
            if child is None:
                raise Http404
            child._cached_parent_obj = current
            remaining = path_components[index + 1 :]
            page_class = child.specific_class
            if page_class is None or not _routes_by_default(page_class) or not remaining:
                specific = child.specific
                specific._cached_parent_obj = current
                if not remaining and page_class is not None and _routes_by_default(page_class):
                    # Only pages found, never a 404: the keys are bounded by the tree.
                    cache_set(key, specific, TIMEOUT)
                return specific.route(request, remaining)
            current = child
        raise Http404  # not reached: the loop returns on the last component


# --- View restrictions -------------------------------------------------------------------


def restricted_paths() -> tuple[str, ...]:
    """Paths of restricted pages and of aliases of restricted pages (cached)."""

    def make():
        restricted = list(PageViewRestriction.objects.values_list("page_id", "page__path"))
        ids = [page_id for page_id, _path in restricted]
        aliases = list(Page.objects.filter(alias_of_id__in=ids).values_list("path", flat=True))
        return tuple(sorted({path for _page_id, path in restricted} | set(aliases)))

    return remembered(RESTRICTED_KEY, make, TIMEOUT)


class CheapViewRestrictions:
    """No query for view restrictions when none lies on the page's path."""

    def get_view_restrictions(self):
        if self.alias_of_id is None and not any(
            self.path.startswith(path) for path in restricted_paths()
        ):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


# --- The course tree ----------------------------------------------------------------------


@dataclass
class CourseTree:
    course: object  # CoursePage
    modules: dict = field(default_factory=dict)  # path -> ModulePage (live or not)
    outline: list = field(default_factory=list)  # [(ModulePage, [LessonPage])], live only
    # The pages version it was built under: a fragment drawn from it (the lesson page's
    # outline, ``{% memo %}``) is kept under it and forgotten when a page changes.
    version: str = ""


def course_tree(course_path: str, *, course=None) -> CourseTree | None:
    """The course at this path with its modules and live lessons (cached, no body).

    ``course``: the course page when the caller has it (saves its query on a miss).
    """
    from courses.models import CoursePage, LessonPage, ModulePage

    version = pages_version()
    key = f"courses:tree:{version}:{course_path}"
    tree = cache_get(key)
    if tree is None:
        if course is None:
            course = CoursePage.objects.filter(path=course_path).first()
        if course is None:
            tree = False
        else:
            modules = list(ModulePage.objects.child_of(course).order_by("path"))
            lessons = list(
                LessonPage.objects.descendant_of(course).live().order_by("path").defer("body")
            )
            by_module: dict[str, list] = {module.path: [] for module in modules}
            for lesson in lessons:
                parent_path = lesson.path[: -LessonPage.steplen]
                if parent_path in by_module:
                    by_module[parent_path].append(lesson)
            tree = CourseTree(
                course=course,
                modules={module.path: module for module in modules},
                outline=[(module, by_module[module.path]) for module in modules if module.live],
                version=version,
            )
        cache_set(key, tree, TIMEOUT)
    return tree or None


def cached_course_outline(course) -> list:
    """``course_outline`` from the cached course tree: no query once built."""
    tree = course_tree(course.path, course=course)
    return tree.outline if tree else []
