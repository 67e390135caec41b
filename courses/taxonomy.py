"""The areas and themes of labour administration as Annex I of the INLA/RIAL
proposal (the ILO table of labour administration) lists them, in Spanish,
English, Portuguese and French.

The annex's own text was not at hand when this list was written: it is a
reconstruction from the proposal's description of the annex (labour
legislation, application of fundamental rights, gender programmes under
employment, social organisations, trade-union registration, dissemination of
information, organisation and operation, human and material resources,
informatics, ...). The secretariat corrects names in the Wagtail admin
(Snippets > Labour administration); codes stay, other data refer to them.

Loaded by courses/migrations/0005_annex_i_taxonomy.py, which also maps the
themes of the earlier table (``REPLACED``) onto these.
"""

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
                "labour-legislation",
                "Legislación laboral",
                "Labour legislation",
                "Legislação trabalhista",
                "Législation du travail",
            ),
            (
                "fundamental-rights",
                "Aplicación de los derechos fundamentales",
                "Application of fundamental rights",
                "Aplicação dos direitos fundamentais",
                "Application des droits fondamentaux",
            ),
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
                "employment-policy",
                "Políticas de empleo",
                "Employment policy",
                "Políticas de emprego",
                "Politique de l'emploi",
            ),
            (
                "employment-services",
                "Servicios públicos de empleo",
                "Public employment services",
                "Serviços públicos de emprego",
                "Services publics de l'emploi",
            ),
            (
                "skills-training",
                "Formación profesional",
                "Vocational training",
                "Formação profissional",
                "Formation professionnelle",
            ),
            (
                "gender-programmes",
                "Programas de género",
                "Gender programmes",
                "Programas de gênero",
                "Programmes d'égalité de genre",
            ),
            (
                "youth-employment",
                "Empleo juvenil",
                "Youth employment",
                "Emprego juvenil",
                "Emploi des jeunes",
            ),
            (
                "labour-migration",
                "Migración laboral",
                "Labour migration",
                "Migração laboral",
                "Migration de main-d'œuvre",
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
                "social-organisations",
                "Organizaciones sociales",
                "Social organisations",
                "Organizações sociais",
                "Organisations sociales",
            ),
            (
                "trade-union-registration",
                "Registro sindical",
                "Trade-union registration",
                "Registro sindical",
                "Enregistrement des syndicats",
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
                "social-dialogue",
                "Diálogo social",
                "Social dialogue",
                "Diálogo social",
                "Dialogue social",
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
        "administration",
        "Administración del trabajo",
        "Labour administration",
        "Administração do trabalho",
        "Administration du travail",
        [
            (
                "information-dissemination",
                "Difusión de información",
                "Dissemination of information",
                "Difusão de informação",
                "Diffusion de l'information",
            ),
            (
                "organisation-operation",
                "Organización y funcionamiento",
                "Organisation and operation",
                "Organização e funcionamento",
                "Organisation et fonctionnement",
            ),
            (
                "human-material-resources",
                "Recursos humanos y materiales",
                "Human and material resources",
                "Recursos humanos e materiais",
                "Ressources humaines et matérielles",
            ),
            ("informatics", "Informática", "Informatics", "Informática", "Informatique"),
            (
                "labour-statistics",
                "Estadísticas e información del mercado de trabajo",
                "Labour statistics and labour market information",
                "Estatísticas e informação do mercado de trabalho",
                "Statistiques et information sur le marché du travail",
            ),
        ],
    ),
]

# The themes of the earlier table that Annex I does not list, and the annex
# theme that takes their records (programmes, experts, documents, ...).
REPLACED = {
    "gender-equality": "gender-programmes",
    "violence-harassment": "fundamental-rights",
    "child-labour": "fundamental-rights",
    "forced-labour": "fundamental-rights",
    "freedom-of-association": "fundamental-rights",
    "domestic-work": "working-conditions",
    "telework": "working-conditions",
    "msme": "employment-policy",
    "formalisation": "employment-policy",
    "labour-market-information": "labour-statistics",
    "studies-evaluation": "labour-statistics",
    "modernisation": "organisation-operation",
    "planning-management": "organisation-operation",
    "staff-training": "human-material-resources",
    "digital-services": "informatics",
}
