"""The home page and the "About RIAL" page, in Spanish, English, Portuguese and French."""

from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from cms.models import HomePage, StandardPage

HOME = {
    "es": {
        "title": "RIAL Campus",
        "slug": "inicio",
        "hero_title": "Aprender y cooperar entre ministerios de trabajo de las Américas",
        "hero_intro": (
            "RIAL Campus reúne los cursos con tutoría, los foros que continúan los talleres "
            "hemisféricos y el apoyo en vivo de personas expertas de la Red Interamericana "
            "para la Administración Laboral."
        ),
        "signup": "Crear una cuenta",
        "about": "Conocer la RIAL",
        "highlights_title": "Lo que puede hacer aquí",
        "highlights": [
            (
                "course",
                "Cursos con tutoría",
                "Cursos en línea de diez semanas, por cohortes y en su idioma, con actividades "
                "sincrónicas y asincrónicas, una tutora o un tutor siempre disponible y un "
                "certificado verificable.",
            ),
            (
                "forum",
                "Foros de seguimiento",
                "Después de cada taller hemisférico, la conversación sigue en un espacio propio "
                "con quienes participaron.",
            ),
            (
                "chat",
                "Salas con personas expertas",
                "Pregunte en vivo a quienes dirigieron los seminarios; sus respuestas quedan "
                "disponibles para toda la red.",
            ),
            (
                "portfolio",
                "Portafolio de programas",
                "Los programas que los ministerios ofrecen compartir por medio de la "
                "cooperación horizontal.",
            ),
        ],
        "cta_title": "¿Trabaja en un ministerio de trabajo de las Américas?",
        "cta_text": "Cree su cuenta con su correo institucional y complete su perfil.",
    },
    "en": {
        "title": "RIAL Campus",
        "slug": "home",
        "hero_title": "Learning and cooperation among the ministries of labour of the Americas",
        "hero_intro": (
            "RIAL Campus brings together tutored courses, the forums that carry on the "
            "hemispheric workshops, and live support from experts of the Inter-American "
            "Network for Labor Administration."
        ),
        "signup": "Create an account",
        "about": "About RIAL",
        "highlights_title": "What you can do here",
        "highlights": [
            (
                "course",
                "Tutored courses",
                "Ten-week online courses, in cohorts and in your language, with live and "
                "self-paced activities, a tutor always within reach and a certificate anyone "
                "can verify.",
            ),
            (
                "forum",
                "Follow-up forums",
                "After each hemispheric workshop the conversation continues in a space of its "
                "own with everyone who took part.",
            ),
            (
                "chat",
                "Rooms with experts",
                "Ask the people who led the seminars, live; their answers stay available to "
                "the whole network.",
            ),
            (
                "portfolio",
                "Portfolio of programmes",
                "The programmes ministries offer to share with each other through horizontal "
                "cooperation.",
            ),
        ],
        "cta_title": "Do you work at a ministry of labour in the Americas?",
        "cta_text": "Create your account with your work email and complete your profile.",
    },
    "pt": {
        "title": "RIAL Campus",
        "slug": "pagina-inicial",
        "hero_title": "Aprender e cooperar entre os ministérios do trabalho das Américas",
        "hero_intro": (
            "O RIAL Campus reúne os cursos com tutoria, os fóruns que dão continuidade às "
            "oficinas hemisféricas e o apoio ao vivo de especialistas da Rede Interamericana "
            "para a Administração Trabalhista."
        ),
        "signup": "Criar uma conta",
        "about": "Conhecer a RIAL",
        "highlights_title": "O que você pode fazer aqui",
        "highlights": [
            (
                "course",
                "Cursos com tutoria",
                "Cursos on-line de dez semanas, por turmas e no seu idioma, com atividades "
                "síncronas e assíncronas, um tutor sempre disponível e um certificado "
                "verificável.",
            ),
            (
                "forum",
                "Fóruns de acompanhamento",
                "Depois de cada oficina hemisférica, a conversa continua em um espaço próprio "
                "com quem participou.",
            ),
            (
                "chat",
                "Salas com especialistas",
                "Pergunte ao vivo a quem conduziu os seminários; as respostas ficam disponíveis "
                "para toda a rede.",
            ),
            (
                "portfolio",
                "Portfólio de programas",
                "Os programas que os ministérios se oferecem para compartilhar por meio da "
                "cooperação horizontal.",
            ),
        ],
        "cta_title": "Você trabalha em um ministério do trabalho das Américas?",
        "cta_text": "Crie sua conta com o seu e-mail institucional e complete o seu perfil.",
    },
    "fr": {
        "title": "RIAL Campus",
        "slug": "accueil",
        "hero_title": "Apprendre et coopérer entre ministères du travail des Amériques",
        "hero_intro": (
            "RIAL Campus réunit les cours avec tutorat, les forums qui prolongent les "
            "ateliers hémisphériques et l'appui en direct d'experts du Réseau interaméricain "
            "pour l'administration du travail."
        ),
        "signup": "Créer un compte",
        "about": "Découvrir le RIAL",
        "highlights_title": "Ce que vous pouvez faire ici",
        "highlights": [
            (
                "course",
                "Cours avec tutorat",
                "Des cours en ligne de dix semaines, par cohortes et dans votre langue, avec "
                "des activités synchrones et asynchrones, un tuteur toujours joignable et un "
                "certificat vérifiable.",
            ),
            (
                "forum",
                "Forums de suivi",
                "Après chaque atelier hémisphérique, la conversation se poursuit dans un espace "
                "propre avec celles et ceux qui y ont participé.",
            ),
            (
                "chat",
                "Salons avec des experts",
                "Posez vos questions en direct aux personnes qui ont animé les séminaires ; "
                "leurs réponses restent accessibles à tout le réseau.",
            ),
            (
                "portfolio",
                "Portefeuille de programmes",
                "Les programmes que les ministères proposent de partager entre eux par la "
                "coopération horizontale.",
            ),
        ],
        "cta_title": "Vous travaillez dans un ministère du travail des Amériques ?",
        "cta_text": "Créez votre compte avec votre adresse professionnelle et complétez votre profil.",
    },
}

ABOUT = {
    "es": {
        "title": "Acerca de la RIAL",
        "slug": "acerca-de-la-rial",
        "introduction": (
            "La Red Interamericana para la Administración Laboral (RIAL) es el mecanismo de "
            "cooperación y asistencia técnica de la Conferencia Interamericana de Ministros "
            "de Trabajo (CIMT) de la OEA."
        ),
        "paragraphs": [
            "<p>La RIAL fortalece las capacidades institucionales y humanas de los "
            "ministerios de trabajo de las Américas mediante el intercambio de conocimientos "
            "y experiencias. Sus miembros son los ministerios de trabajo de los Estados "
            "miembros de la OEA, junto con sus órganos consultivos de trabajadores (COSATE) "
            "y de empleadores (CEATAL) y organismos internacionales aliados.</p>",
            "<p>Sus herramientas son los talleres hemisféricos, las actividades de "
            "cooperación bilateral entre ministerios, el portafolio de programas, los cursos "
            "en línea y los foros virtuales. La Secretaría Técnica de la RIAL funciona en el "
            "Departamento de Desarrollo Humano, Educación y Empleo de la OEA.</p>",
        ],
        "quote": (
            "Ningún ministerio tiene que empezar desde cero: casi siempre otro ya lo ha "
            "intentado y puede contar qué funcionó."
        ),
        "attribution": "Secretaría Técnica de la RIAL",
    },
    "en": {
        "title": "About RIAL",
        "slug": "about-rial",
        "introduction": (
            "The Inter-American Network for Labor Administration (RIAL) is the cooperation "
            "and technical assistance mechanism of the Inter-American Conference of Ministers "
            "of Labour (IACML) of the OAS."
        ),
        "paragraphs": [
            "<p>RIAL strengthens the institutional and human capacities of the ministries of "
            "labour of the Americas through the exchange of knowledge and experience. Its "
            "members are the ministries of labour of the OAS member states, together with "
            "their workers' (COSATE) and employers' (CEATAL) advisory bodies and partner "
            "international organisations.</p>",
            "<p>Its tools are hemispheric workshops, bilateral cooperation between "
            "ministries, the portfolio of programmes, online courses and virtual forums. The "
            "RIAL Technical Secretariat sits in the OAS Department of Human Development, "
            "Education and Employment.</p>",
        ],
        "quote": (
            "No ministry has to start from scratch: another one has almost always tried "
            "already and can tell what worked."
        ),
        "attribution": "RIAL Technical Secretariat",
    },
    "pt": {
        "title": "Sobre a RIAL",
        "slug": "sobre-a-rial",
        "introduction": (
            "A Rede Interamericana para a Administração Trabalhista (RIAL) é o mecanismo de "
            "cooperação e assistência técnica da Conferência Interamericana de Ministros do "
            "Trabalho (CIMT) da OEA."
        ),
        "paragraphs": [
            "<p>A RIAL fortalece as capacidades institucionais e humanas dos ministérios do "
            "trabalho das Américas por meio do intercâmbio de conhecimentos e experiências. "
            "Seus membros são os ministérios do trabalho dos Estados membros da OEA, "
            "juntamente com seus órgãos consultivos de trabalhadores (COSATE) e de "
            "empregadores (CEATAL) e organizações internacionais parceiras.</p>",
            "<p>Suas ferramentas são as oficinas hemisféricas, a cooperação bilateral entre "
            "ministérios, o portfólio de programas, os cursos on-line e os fóruns virtuais. "
            "A Secretaria Técnica da RIAL funciona no Departamento de Desenvolvimento Humano, "
            "Educação e Emprego da OEA.</p>",
        ],
        "quote": (
            "Nenhum ministério precisa começar do zero: quase sempre outro já tentou e pode "
            "contar o que funcionou."
        ),
        "attribution": "Secretaria Técnica da RIAL",
    },
    "fr": {
        "title": "À propos du RIAL",
        "slug": "a-propos-du-rial",
        "introduction": (
            "Le Réseau interaméricain pour l'administration du travail (RIAL) est le "
            "mécanisme de coopération et d'assistance technique de la Conférence "
            "interaméricaine des ministres du Travail (CIMT) de l'OEA."
        ),
        "paragraphs": [
            "<p>Le RIAL renforce les capacités institutionnelles et humaines des ministères "
            "du travail des Amériques par l'échange de connaissances et d'expériences. Ses "
            "membres sont les ministères du travail des États membres de l'OEA, avec leurs "
            "organes consultatifs des travailleurs (COSATE) et des employeurs (CEATAL) et des "
            "organisations internationales partenaires.</p>",
            "<p>Ses outils sont les ateliers hémisphériques, la coopération bilatérale entre "
            "ministères, le portefeuille de programmes, les cours en ligne et les forums "
            "virtuels. Le Secrétariat technique du RIAL est rattaché au Département du "
            "développement humain, de l'éducation et de l'emploi de l'OEA.</p>",
        ],
        "quote": (
            "Aucun ministère n'a à partir de zéro : presque toujours, un autre a déjà essayé "
            "et peut dire ce qui a fonctionné."
        ),
        "attribution": "Secrétariat technique du RIAL",
    },
}

LANGUAGES = ["es", "en", "pt", "fr"]


def _home_fields(code: str, about_page: Page | None) -> dict:
    text = HOME[code]
    hero_links = [
        {
            "type": "link",
            "value": {"label": text["signup"], "page": None, "url": f"/{code}/accounts/signup/"},
        },
    ]
    if about_page is not None:
        hero_links.append(
            {"type": "link", "value": {"label": text["about"], "page": about_page.pk, "url": ""}}
        )
    return {
        "title": text["title"],
        "hero_title": text["hero_title"],
        "hero_intro": text["hero_intro"],
        "hero_links": hero_links,
        "highlights_title": text["highlights_title"],
        "highlights": [
            {
                "type": "highlight",
                "value": {"title": title, "text": body, "icon": icon, "page": None, "url": ""},
            }
            for icon, title, body in text["highlights"]
        ],
        "body": [
            {
                "type": "call_to_action",
                "value": {
                    "title": text["cta_title"],
                    "text": text["cta_text"],
                    "link": {
                        "label": text["signup"],
                        "page": None,
                        "url": f"/{code}/accounts/signup/",
                    },
                },
            },
        ],
    }


def _about_fields(code: str) -> dict:
    text = ABOUT[code]
    return {
        "title": text["title"],
        "slug": text["slug"],
        "introduction": text["introduction"],
        "show_in_menus": True,
        "body": [
            *({"type": "paragraph", "value": html} for html in text["paragraphs"]),
            {"type": "quote", "value": {"text": text["quote"], "attribution": text["attribution"]}},
        ],
    }


def _publish(page: Page, fields: dict) -> Page:
    # Always start from the database row: a stale in-memory copy would write
    # back stale tree fields (numchild) when the revision is published.
    page = page.specific_class.objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _translation(page: Page, code: str) -> Page | None:
    return page.get_translation_or_none(Locale.objects.get(language_code=code))


@transaction.atomic
def ensure_site() -> HomePage:
    """What a fresh installation has after migrating, rebuilt if it went missing.

    The migrations create it (cms/migrations/0002); this puts back a deleted
    home page or site, and the structure a test database loses when emptied.
    """
    for code in LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    spanish = Locale.objects.get(language_code="es")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=spanish))
    home = HomePage.objects.filter(depth=2, locale=spanish).first()
    if home is None:
        home = root.add_child(
            instance=HomePage(
                title="RIAL Campus", slug="inicio", hero_title="RIAL Campus", locale=spanish
            )
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            site_name="RIAL Campus",
            root_page=home,
            is_default_site=True,
        )
    return home


@transaction.atomic
def ensure_pages() -> dict[str, int]:
    """Fill the home page once, add "About RIAL", translate both. Returns what it created."""
    created = {"pages": 0}
    ensure_site()
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        raise RuntimeError("The default site's root page is not a HomePage; run migrations.")

    about = StandardPage.objects.child_of(home).filter(slug=ABOUT["es"]["slug"]).first()
    if about is None:
        about = StandardPage(**{k: v for k, v in _about_fields("es").items() if k != "body"})
        home.add_child(instance=about)
        _publish(about, {"body": _about_fields("es")["body"]})
        created["pages"] += 1

    if not home.hero_intro:
        _publish(home, _home_fields("es", about))

    for code in LANGUAGES[1:]:
        home_tr = _translation(home, code)
        if home_tr is None:
            home_tr = home.copy_for_translation(Locale.objects.get(language_code=code))
            _publish(home_tr, {**_home_fields(code, None), "slug": HOME[code]["slug"]})
            created["pages"] += 1
        about_tr = _translation(about, code)
        if about_tr is None:
            about_tr = about.copy_for_translation(Locale.objects.get(language_code=code))
            _publish(about_tr, _about_fields(code))
            created["pages"] += 1
            _publish(home_tr, {"hero_links": _home_fields(code, about_tr)["hero_links"]})
    return created
