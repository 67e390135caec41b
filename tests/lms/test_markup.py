"""lms/markup.py: what a person types comes out as safe HTML, and nothing else."""

from html.parser import HTMLParser
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.utils.safestring import SafeString

from lms.markup import (
    ALLOWED_TAGS,
    LINK_REL,
    MarkupTooLong,
    SanitizedHTMLField,
    clean_html,
    render_markdown,
)

ATTACKS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="  javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    "<a href=javascript&colon;alert(1)>x</a>",
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="http://example.com" onmouseover="alert(1)">x</a>',
    '<a href="https://example.com" target="_blank" rel="opener">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](java&#x09;script:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "<javascript:alert(1)>",
    "[ref]: javascript:alert(1)\n\n[click][ref]",
    '[x](http://example.com "t\\" onmouseover=\\"alert(1)")',
    "![x](javascript:alert(1))",
    "![x](https://tracker.example/pixel.gif)",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="color:red;behavior:url(x.htc)">x</p>',
    '<td style="text-align:left;background:url(//evil)">x</td>',
    "<style>body{display:none}</style>",
    '<iframe src="https://evil.example"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="javascript:alert(1)"><input type=submit><button>go</button></form>',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<link rel=stylesheet href=//evil.example/x.css>",
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '"><script>alert(1)</script>',
    "<!--<script>alert(1)</script>-->",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
    "<textarea><script>alert(1)</script></textarea>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "\x00<script>alert(1)</script>",
    '<a href="\x01javascript:alert(1)">x</a>',
    '<code class="language-x onmouseover=alert(1)">x</code>',
    '<code class="x" onclick="alert(1)">x</code>',
    "<h1 onclick=alert(1)>big</h1>",
]

DANGEROUS_TAGS = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "img",
    "form",
    "input",
    "button",
    "textarea",
    "base",
    "meta",
    "link",
    "video",
    "source",
    "details",
    "noscript",
    "h1",
    "h2",
}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html):
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector


def assert_safe(html):
    parsed = parse(html)
    for tag, attrs in parsed.tags:
        assert tag in ALLOWED_TAGS, f"tag <{tag}> survived in {html!r}"
        assert tag not in DANGEROUS_TAGS
        for name, value in attrs.items():
            assert not name.startswith("on"), f"event handler {name} survived in {html!r}"
            if name == "href":
                scheme = urlsplit(value.strip()).scheme.lower()
                assert scheme in {"", "http", "https", "mailto"}, f"href {value!r} in {html!r}"
                assert "javascript" not in value.lower().replace("\t", "")
            if name == "class" and tag in {"th", "td"}:
                assert value in {"align-left", "align-right", "align-center"}, value
            elif name == "class":
                assert tag == "code" and value.startswith("language-") and " " not in value
            # No style attribute at all: the Content-Security-Policy would block it.
            assert name in {"href", "title", "rel", "start", "class"}, name
        if tag == "a":
            assert attrs.get("rel") == LINK_REL
            assert "target" not in attrs


@pytest.mark.parametrize("attack", ATTACKS)
def test_markdown_neutralises_attack(attack):
    assert_safe(render_markdown(attack))


@pytest.mark.parametrize("attack", ATTACKS)
def test_clean_html_neutralises_attack(attack):
    assert_safe(clean_html(attack))


@pytest.mark.parametrize("attack", ATTACKS)
def test_cleaning_twice_changes_nothing_and_stays_safe(attack):
    once = clean_html(render_markdown(attack))
    assert_safe(once)
    assert clean_html(once) == once


def test_raw_html_in_markdown_stays_visible_text():
    html = render_markdown("Do not run <script>alert(1)</script> please")
    assert "&lt;script&gt;" in html
    assert "<script" not in html
    assert "".join(parse(html).text).strip() == "Do not run <script>alert(1)</script> please"


def test_ordinary_text_survives_intact():
    text = "Ñandú, acción, São Paulo, façade, Haïti — «comillas» 🎉👍🏽 ∑ 5 > 3 & 2 < 4"
    html = render_markdown(text)
    assert "".join(parse(html).text).strip() == text


def test_code_blocks_keep_their_content():
    source = "```python\nif a < b and c > d:\n    print('<b>hola</b> & adiós')\n```"
    html = render_markdown(source)
    parsed = parse(html)
    assert ("pre", {}) in parsed.tags
    assert ("code", {"class": "language-python"}) in parsed.tags
    assert "".join(parsed.text) == "if a < b and c > d:\n    print('<b>hola</b> & adiós')\n"


def test_inline_code_is_escaped_not_executed():
    html = render_markdown("Use `<img src=x onerror=alert(1)>` carefully")
    assert "<img" not in html
    assert "<code>&lt;img src=x onerror=alert(1)&gt;</code>" in html


def test_common_markdown_renders():
    html = render_markdown(
        "# Título\n\n## Sub\n\n**negrita** y *cursiva* y ~~tachado~~\n\n"
        "- uno\n- dos\n\n1. a\n2. b\n\n> cita\n\n| a | b |\n|:--|--:|\n| 1 | 2 |"
    )
    tags = [tag for tag, _attrs in parse(html).tags]
    # Headings are demoted so people's text never competes with the page's h1/h2.
    assert "h3" in tags and "h4" in tags and "h1" not in tags and "h2" not in tags
    for expected in ("strong", "em", "s", "ul", "ol", "li", "blockquote", "table", "th", "td"):
        assert expected in tags
    assert 'class="align-right"' in html and "style=" not in html


def test_headings_skip_no_level_of_the_page_outline():
    def levels(text):
        return [tag for tag, _attrs in parse(render_markdown(text)).tags if tag[0] == "h"]

    # Under the page's h2: a text that starts at ## or jumps a level skips none.
    assert levels("## Criteria\n\ntext\n\n#### Detail") == ["h3", "h4"]
    assert levels("# A\n\n### B\n\n## C\n\n# D") == ["h3", "h4", "h4", "h3"]
    assert levels("# A\n\n## B\n\n### C\n\n#### D\n\n##### E") == ["h3", "h4", "h5", "h6", "h6"]


def test_links_get_rel_and_bare_urls_are_linkified():
    html = render_markdown(
        "See https://www.oas.org/es/ and www.rialnet.org or [RIAL](https://rialnet.org) "
        "or write to info@example.org"
    )
    links = [attrs for tag, attrs in parse(html).tags if tag == "a"]
    hrefs = {attrs["href"] for attrs in links}
    assert "https://www.oas.org/es/" in hrefs
    assert "https://rialnet.org" in hrefs
    assert any(href.endswith("www.rialnet.org") for href in hrefs)
    assert all(attrs["rel"] == LINK_REL for attrs in links)


def test_relative_and_mailto_links_are_allowed():
    html = render_markdown("[forum](/es/forum/) and [mail](mailto:campus@example.org)")
    hrefs = {attrs["href"] for tag, attrs in parse(html).tags if tag == "a"}
    assert hrefs == {"/es/forum/", "mailto:campus@example.org"}


def test_line_breaks_are_kept():
    assert "<br>" in render_markdown("first line\nsecond line")


def test_results_are_safe_strings_and_empty_input_is_empty():
    assert isinstance(render_markdown("hi"), SafeString)
    assert isinstance(clean_html("<p>hi</p>"), SafeString)
    assert render_markdown("") == "" and render_markdown("   \n") == ""
    assert clean_html("") == ""


def test_too_long_text_is_refused(settings):
    settings.RIAL_MARKUP_MAX_LENGTH = 100
    with pytest.raises(MarkupTooLong):
        render_markdown("x" * 101)
    assert render_markdown("x" * 100) == "<p>" + "x" * 100 + "</p>"


def test_deep_nesting_does_not_break_the_renderer():
    html = render_markdown(">" * 500 + " deep")
    assert_safe(html)
    assert "deep" in html


def test_sanitized_html_field_cleans_on_save_and_reads_safe():
    field = SanitizedHTMLField()
    field.set_attributes_from_name("body_html")
    instance = SimpleNamespace(body_html='<p onclick="x()">hi<script>bad()</script></p>')
    stored = field.pre_save(instance, add=True)
    assert_safe(stored)
    assert "onclick" not in stored and "<script" not in stored
    assert instance.body_html == stored
    loaded = field.from_db_value("<p>hi</p>", None, None)
    assert isinstance(loaded, SafeString)
    assert field.to_python("<img src=x onerror=alert(1)>") == ""


def test_the_field_trusts_only_fresh_sanitiser_output():
    from django.utils.safestring import mark_safe

    from lms.markup import CleanedHTML, render_markdown

    field = SanitizedHTMLField()
    field.set_attributes_from_name("body_html")
    fresh = render_markdown("**hola**")
    assert type(fresh) is CleanedHTML
    assert field.pre_save(SimpleNamespace(body_html=fresh), add=True) is fresh  # not cleaned again
    # Anything else is cleaned: a SafeString from elsewhere, or sanitiser output joined to more.
    forged = mark_safe('<p onclick="x()">hi</p>')
    assert "onclick" not in field.pre_save(SimpleNamespace(body_html=forged), add=True)
    joined = fresh + mark_safe("<script>bad()</script>")
    assert type(joined) is not CleanedHTML
    assert "<script" not in field.pre_save(SimpleNamespace(body_html=joined), add=True)
