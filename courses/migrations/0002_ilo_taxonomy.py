from django.db import migrations

# The table the portfolio used until Annex I (0005_annex_i_taxonomy replaces it),
# frozen here so that this migration does what it did when it was written.
# (code, es, en, pt, fr, [(theme code, es, en, pt, fr), ...])
AREAS = [
    (
        "labour",
        "Trabajo",
        "Labour",
        "Trabalho",
        "Travail",
        [
            (
                "labour-inspection",
                "Inspección del trabajo",
                "Labour inspection",
                "Inspeção do trabalho",
                "Inspection du travail",
            ),
            (
                "occupational-safety-health",
                "Seguridad y salud en el trabajo",
                "Occupational safety and health",
                "Segurança e saúde no trabalho",
                "Sécurité et santé au travail",
            ),
            (
                "working-conditions",
                "Condiciones de trabajo y salarios",
                "Working conditions and wages",
                "Condições de trabalho e salários",
                "Conditions de travail et salaires",
            ),
            (
                "gender-equality",
                "Igualdad de género y no discriminación",
                "Gender equality and non-discrimination",
                "Igualdade de gênero e não discriminação",
                "Égalité de genre et non-discrimination",
            ),
            (
                "violence-harassment",
                "Violencia y acoso en el trabajo",
                "Violence and harassment at work",
                "Violência e assédio no trabalho",
                "Violence et harcèlement au travail",
            ),
            (
                "child-labour",
                "Trabajo infantil",
                "Child labour",
                "Trabalho infantil",
                "Travail des enfants",
            ),
            (
                "forced-labour",
                "Trabajo forzoso",
                "Forced labour",
                "Trabalho forçado",
                "Travail forcé",
            ),
            (
                "labour-migration",
                "Migración laboral",
                "Labour migration",
                "Migração laboral",
                "Migration de main-d'œuvre",
            ),
            (
                "domestic-work",
                "Trabajo doméstico remunerado",
                "Paid domestic work",
                "Trabalho doméstico remunerado",
                "Travail domestique rémunéré",
            ),
            ("telework", "Teletrabajo", "Telework", "Teletrabalho", "Télétravail"),
        ],
    ),
    (
        "employment",
        "Empleo",
        "Employment",
        "Emprego",
        "Emploi",
        [
            (
                "employment-services",
                "Servicios públicos de empleo",
                "Public employment services",
                "Serviços públicos de emprego",
                "Services publics de l'emploi",
            ),
            (
                "skills-training",
                "Formación y certificación de competencias",
                "Skills training and certification",
                "Formação e certificação de competências",
                "Formation et certification des compétences",
            ),
            (
                "youth-employment",
                "Empleo juvenil",
                "Youth employment",
                "Emprego juvenil",
                "Emploi des jeunes",
            ),
            (
                "msme",
                "Micro, pequeñas y medianas empresas",
                "Micro, small and medium enterprises",
                "Micro, pequenas e médias empresas",
                "Micro, petites et moyennes entreprises",
            ),
            (
                "formalisation",
                "Formalización del empleo",
                "Formalisation of employment",
                "Formalização do emprego",
                "Formalisation de l'emploi",
            ),
            (
                "employment-policy",
                "Políticas activas de empleo",
                "Active employment policies",
                "Políticas ativas de emprego",
                "Politiques actives de l'emploi",
            ),
        ],
    ),
    (
        "labour-relations",
        "Relaciones laborales",
        "Labour relations",
        "Relações de trabalho",
        "Relations professionnelles",
        [
            (
                "social-dialogue",
                "Diálogo social",
                "Social dialogue",
                "Diálogo social",
                "Dialogue social",
            ),
            (
                "collective-bargaining",
                "Negociación colectiva",
                "Collective bargaining",
                "Negociação coletiva",
                "Négociation collective",
            ),
            (
                "dispute-resolution",
                "Prevención y solución de conflictos",
                "Dispute prevention and resolution",
                "Prevenção e solução de conflitos",
                "Prévention et règlement des différends",
            ),
            (
                "freedom-of-association",
                "Libertad sindical",
                "Freedom of association",
                "Liberdade sindical",
                "Liberté syndicale",
            ),
        ],
    ),
    (
        "social-security",
        "Seguridad social",
        "Social security",
        "Seguridade social",
        "Sécurité sociale",
        [
            ("pensions", "Pensiones", "Pensions", "Previdência", "Retraites"),
            (
                "unemployment-protection",
                "Protección ante el desempleo",
                "Unemployment protection",
                "Proteção contra o desemprego",
                "Protection contre le chômage",
            ),
            (
                "employment-injury",
                "Riesgos del trabajo",
                "Employment injury",
                "Acidentes de trabalho",
                "Accidents du travail",
            ),
            (
                "social-protection-floors",
                "Pisos de protección social",
                "Social protection floors",
                "Pisos de proteção social",
                "Socles de protection sociale",
            ),
        ],
    ),
    (
        "information-research",
        "Información e investigación",
        "Information and research",
        "Informação e pesquisa",
        "Information et recherche",
        [
            (
                "labour-market-information",
                "Sistemas de información del mercado laboral",
                "Labour market information systems",
                "Sistemas de informação do mercado de trabalho",
                "Systèmes d'information sur le marché du travail",
            ),
            (
                "labour-statistics",
                "Estadísticas laborales",
                "Labour statistics",
                "Estatísticas do trabalho",
                "Statistiques du travail",
            ),
            (
                "studies-evaluation",
                "Estudios y evaluación de políticas",
                "Studies and policy evaluation",
                "Estudos e avaliação de políticas",
                "Études et évaluation des politiques",
            ),
        ],
    ),
    (
        "institutional-strengthening",
        "Fortalecimiento institucional",
        "Institutional strengthening",
        "Fortalecimento institucional",
        "Renforcement institutionnel",
        [
            (
                "modernisation",
                "Modernización de los ministerios de trabajo",
                "Modernisation of ministries of labour",
                "Modernização dos ministérios do trabalho",
                "Modernisation des ministères du travail",
            ),
            (
                "staff-training",
                "Formación del personal",
                "Staff training",
                "Formação de pessoal",
                "Formation du personnel",
            ),
            (
                "digital-services",
                "Servicios digitales y tecnología",
                "Digital services and technology",
                "Serviços digitais e tecnologia",
                "Services numériques et technologie",
            ),
            (
                "planning-management",
                "Planificación y gestión por resultados",
                "Planning and results-based management",
                "Planejamento e gestão por resultados",
                "Planification et gestion axée sur les résultats",
            ),
        ],
    ),
]



def load_taxonomy(apps, schema_editor):
    Area = apps.get_model("courses", "Area")
    Theme = apps.get_model("courses", "Theme")
    for area_order, (code, es, en, pt, fr, themes) in enumerate(AREAS):
        area, _created = Area.objects.get_or_create(
            code=code,
            defaults={"name_es": es, "name_en": en, "name_pt": pt, "name_fr": fr,
                      "sort_order": area_order},
        )
        for theme_order, (theme_code, t_es, t_en, t_pt, t_fr) in enumerate(themes):
            Theme.objects.get_or_create(
                code=theme_code,
                defaults={"area": area, "name_es": t_es, "name_en": t_en, "name_pt": t_pt,
                          "name_fr": t_fr, "sort_order": theme_order},
            )


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial")]

    operations = [migrations.RunPython(load_taxonomy, migrations.RunPython.noop)]
