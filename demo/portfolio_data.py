"""Demo content for the portfolio of programmes of RIAL Campus.

Written for the demo. The ministries named are those of the region, but the programmes, people,
figures and e-mail addresses below are plausible fiction and do not reproduce any real document.
``PROGRAMMES`` lists 36 horizontal cooperation programmes that ministries of labour of the
Americas could offer each other. ``TELEWORK_INSTRUMENTS`` lists telework laws and regulations of
the region with short summaries written for the demo; check the official texts before relying
on them.

Text fields are in each programme's original language (``language``); ``translation`` is either
None or a dict with the name, needs, description and objectives in another language.
"""

PROGRAMMES: list[dict] = [
    {
        "slug": "ar-inspeccion-digital-movil",
        "name": "Inspección Digital: aplicación móvil para la fiscalización del trabajo registrado",
        "language": "es",
        "country": "AR",
        "institution": "Secretaría de Trabajo, Empleo y Seguridad Social de la Nación (Argentina)",
        "contact_name": "Martín Echeverría",
        "contact_email": "mecheverria@example.org",
        "website": "https://www.example.org/inspeccion-digital",
        "category": "labour_admin",
        "themes": ["labour-inspection", "digital-services", "formalisation"],
        "targets": ["officials", "workers", "employers"],
        "needs": (
            "Las actas de inspección se labraban en papel y se cargaban días después, con errores "
            "de transcripción y sin información en tiempo real para planificar los operativos "
            "contra el trabajo no registrado."
        ),
        "description": (
            "El programa dotó a los inspectores de tabletas con una aplicación que funciona sin "
            "conexión y permite relevar a las personas trabajadoras en el lugar, consultar en el "
            "momento las bases de la seguridad social y labrar el acta con firma digital. Los "
            "datos se sincronizan con un tablero central que orienta la selección de "
            "establecimientos según el riesgo de informalidad. La aplicación incluye formularios "
            "específicos para comercio, construcción, actividades rurales y plataformas de "
            "reparto. Se desplegó por etapas en las 24 jurisdicciones, en acuerdo con las "
            "administraciones provinciales del trabajo."
        ),
        "objectives": (
            "- Reducir a menos de 48 horas el tiempo entre la inspección y el registro del acta en "
            "el sistema.\n"
            "- Cruzar en el lugar los datos relevados con los registros de la seguridad social.\n"
            "- Orientar los operativos con criterios de riesgo basados en datos.\n"
            "- Mejorar la trazabilidad de los procedimientos sancionatorios."
        ),
        "coverage": "Nacional, 24 jurisdicciones",
        "target_population": (
            "Inspectores e inspectoras del trabajo nacionales y provinciales, y las personas "
            "trabajadoras relevadas."
        ),
        "institutions": (
            "Secretaría de Trabajo, Empleo y Seguridad Social; administraciones provinciales del "
            "trabajo; organismo recaudador de la seguridad social."
        ),
        "start": "2019-03-01",
        "duration_months": None,
        "funding": (
            "Presupuesto nacional del área de fiscalización, con un componente de préstamo "
            "multilateral para la compra de equipos."
        ),
        "in_kind": (
            "Equipo de desarrollo propio e infraestructura de servidores cedida por el organismo "
            "recaudador."
        ),
        "other_support": "Asistencia técnica de la OIT para el diseño de los criterios de riesgo.",
        "achievements": (
            "Más de 410 inspectores utilizan la aplicación y en 2023 se relevaron 186.000 personas "
            "trabajadoras. El tiempo medio de carga del acta bajó de 9 días a 6 horas y la "
            "detección de trabajo no registrado por operativo aumentó un 22 %."
        ),
        "lessons": (
            "La capacitación presencial y la participación de los delegados de los inspectores en "
            "el diseño fueron decisivas para la adopción. El funcionamiento sin conexión es "
            "imprescindible en zonas rurales."
        ),
        "improvements": (
            "Falta integrar la aplicación con los sistemas de algunas provincias que aún usan "
            "bases propias y ampliar los módulos de seguridad y salud en el trabajo."
        ),
        "evaluations": (
            "Una evaluación interna de 2022 comparó 3.200 actas digitales y en papel: las "
            "digitales registraron un 70 % menos de nulidades por errores formales."
        ),
        "share_workshops": True,
        "share_bilateral": True,
        "translation": {
            "language": "en",
            "name": "Digital Inspection: a mobile app for enforcing registered employment",
            "needs": (
                "Inspection reports were written on paper and keyed in days later, with "
                "transcription errors and no real-time information to plan operations against "
                "undeclared work."
            ),
            "description": (
                "The programme gave inspectors tablets with an app that works offline, lets them "
                "record workers on site, check social security databases on the spot and issue the "
                "report with a digital signature. Data are synchronised with a central dashboard "
                "that guides the selection of workplaces by risk of informality. The app has "
                "specific forms for retail, construction, rural activities and delivery platforms. "
                "It was rolled out in stages across the 24 jurisdictions, in agreement with the "
                "provincial labour administrations."
            ),
            "objectives": (
                "- Cut the time between an inspection and the recording of its report to under 48 "
                "hours.\n"
                "- Check the data collected on site against social security records.\n"
                "- Target operations with data-based risk criteria.\n"
                "- Improve the traceability of sanction procedures."
            ),
        },
    },
    {
        "slug": "ar-trabajadoras-del-cuidado",
        "name": "Programa de Formación y Registro de Trabajadoras del Cuidado",
        "language": "es",
        "country": "AR",
        "institution": "Secretaría de Trabajo, Empleo y Seguridad Social de la Nación (Argentina)",
        "contact_name": "Lucía Benítez",
        "contact_email": "lbenitez@example.org",
        "website": "https://www.example.org/registro-cuidados",
        "category": "gender",
        "themes": ["gender-equality", "domestic-work", "skills-training"],
        "targets": ["women", "domestic", "informal"],
        "needs": (
            "La mayoría de las personas que cuidan a niños, personas mayores o con discapacidad "
            "son mujeres sin formación acreditada ni registro, con salarios bajos y sin acceso a "
            "la seguridad social."
        ),
        "description": (
            "El programa ofrece un trayecto formativo gratuito de 240 horas en cuidados de "
            "personas, dictado en centros de formación profesional y organizaciones comunitarias "
            "de todo el país. Quienes lo aprueban ingresan a un registro público de cuidadoras que "
            "las familias y los servicios pueden consultar. El registro se vincula con el régimen "
            "de trabajo en casas particulares para facilitar la inscripción y los aportes. Se "
            "acompaña con campañas sobre la corresponsabilidad en los cuidados dirigidas a varones "
            "y empleadores."
        ),
        "objectives": (
            "- Formar y certificar a 30.000 trabajadoras del cuidado en tres años.\n"
            "- Crear un registro público y federal de cuidadoras formadas.\n"
            "- Aumentar el registro de las relaciones laborales en el sector de los cuidados."
        ),
        "coverage": "Nacional, con prioridad en el conurbano bonaerense y el norte del país",
        "target_population": (
            "Mujeres mayores de 18 años que realizan o desean realizar tareas de cuidado "
            "remunerado."
        ),
        "institutions": (
            "Secretaría de Trabajo; ministerio de las mujeres; sindicato de trabajadoras de casas "
            "particulares; 95 centros de formación profesional."
        ),
        "start": "2021-06-01",
        "duration_months": 36,
        "funding": (
            "Presupuesto nacional de formación profesional y fondos de un programa de cooperación "
            "internacional para el material didáctico."
        ),
        "in_kind": (
            "Aulas y docentes de los centros de formación profesional y de las organizaciones "
            "comunitarias."
        ),
        "other_support": "",
        "achievements": (
            "Se formaron 27.400 cuidadoras y 19.800 se inscribieron en el registro. El 31 % de las "
            "inscritas declaró haber formalizado al menos una relación laboral en los doce meses "
            "siguientes."
        ),
        "lessons": (
            "Ofrecer cuidado infantil durante las clases y horarios vespertinos redujo el abandono "
            "a la mitad. El vínculo con el sindicato dio confianza a las trabajadoras para "
            "registrarse."
        ),
        "improvements": (
            "Conviene incorporar módulos virtuales para zonas rurales y un seguimiento más "
            "sistemático de la inserción laboral."
        ),
        "evaluations": (
            "Una encuesta de seguimiento a 2.100 egresadas mostró un aumento del 18 % en el "
            "ingreso horario medio respecto del grupo en lista de espera."
        ),
        "share_workshops": True,
        "share_bilateral": False,
        "translation": None,
    },
    {
        "slug": "ar-certificacion-construccion",
        "name": "Certificación de Competencias Laborales en la Industria de la Construcción",
        "language": "es",
        "country": "AR",
        "institution": "Secretaría de Trabajo, Empleo y Seguridad Social de la Nación (Argentina)",
        "contact_name": "Gustavo Ferreyra",
        "contact_email": "gferreyra@example.org",
        "website": "",
        "category": "skills",
        "themes": ["skills-training", "social-dialogue"],
        "targets": ["workers", "informal"],
        "needs": (
            "Muchos trabajadores de la construcción aprendieron el oficio en la obra y no cuentan "
            "con ningún certificado que reconozca su experiencia, lo que limita su movilidad y sus "
            "ingresos."
        ),
        "description": (
            "Un consejo sectorial tripartito define normas de competencia para 22 oficios de la "
            "construcción, desde albañilería hasta instalaciones sanitarias y montaje en seco. "
            "Evaluadores acreditados observan el desempeño de los trabajadores en la obra o en "
            "centros de evaluación y emiten un certificado con validez nacional. Quienes presentan "
            "brechas reciben formación complementaria corta antes de una nueva evaluación. Las "
            "normas se revisan cada cinco años con los actores sociales del sector."
        ),
        "objectives": (
            "- Reconocer formalmente los saberes adquiridos en el trabajo.\n"
            "- Mejorar la calidad y la seguridad en las obras.\n"
            "- Vincular la certificación con las escalas salariales del convenio colectivo."
        ),
        "coverage": "Nacional, 19 provincias con centros de evaluación",
        "target_population": (
            "Trabajadores y trabajadoras de la construcción con experiencia y sin certificación "
            "formal."
        ),
        "institutions": (
            "Secretaría de Trabajo; cámara empresarial de la construcción; sindicato del sector; "
            "fundación de formación del sector."
        ),
        "start": "2014-04-01",
        "duration_months": None,
        "funding": (
            "Fondo sectorial de formación financiado por aportes de empleadores, con "
            "cofinanciamiento de la Secretaría de Trabajo."
        ),
        "in_kind": (
            "Obras y talleres de empresas asociadas para las evaluaciones; evaluadores del "
            "sindicato y de las cámaras."
        ),
        "other_support": (
            "Asistencia técnica de CINTERFOR/OIT en la metodología de normas de competencia."
        ),
        "achievements": (
            "Se certificaron 64.000 trabajadores en 22 oficios y se formaron 380 evaluadores. En "
            "2020 el convenio colectivo incorporó un adicional salarial para los oficiales "
            "certificados."
        ),
        "lessons": (
            "El compromiso tripartito desde el diseño de las normas fue la clave de su "
            "legitimidad. Evaluar en la propia obra reduce costos y el ausentismo."
        ),
        "improvements": (
            "Es necesario aumentar la participación de mujeres en los oficios y digitalizar el "
            "registro de certificados."
        ),
        "evaluations": (
            "Un estudio de 2019 con datos administrativos encontró que los certificados tenían 9 "
            "puntos porcentuales más de probabilidad de empleo registrado a los dos años."
        ),
        "share_workshops": True,
        "share_bilateral": True,
        "translation": None,
    },
    {
        "slug": "br-trabalho-seguro-no-campo",
        "name": "Programa Trabalho Seguro no Campo",
        "language": "pt",
        "country": "BR",
        "institution": "Ministério do Trabalho e Emprego (Brasil)",
        "contact_name": "Ana Paula Siqueira",
        "contact_email": "apsiqueira@example.org",
        "website": "https://www.example.org/trabalho-seguro-campo",
        "category": "osh",
        "themes": ["occupational-safety-health", "labour-inspection"],
        "targets": ["rural", "workers"],
        "needs": (
            "O trabalho rural concentra acidentes graves com máquinas agrícolas e intoxicações por "
            "agrotóxicos, agravados pelo isolamento dos estabelecimentos e pela baixa cobertura da "
            "fiscalização."
        ),
        "description": (
            "O programa combina ações fiscais planejadas durante as safras com capacitação de "
            "trabalhadores e empregadores rurais em segurança de máquinas, manuseio de agrotóxicos "
            "e condições de alojamento. Equipes móveis de auditores-fiscais percorrem as regiões "
            "produtoras de cana, café, frutas e grãos, priorizadas por dados de acidentes. "
            "Sindicatos rurais e cooperativas organizam oficinas práticas nas propriedades. Os "
            "resultados alimentam um painel regional de indicadores de saúde e segurança no campo."
        ),
        "objectives": (
            "- Reduzir em 20 % os acidentes graves com máquinas agrícolas nas regiões "
            "prioritárias.\n"
            "- Capacitar trabalhadores rurais no uso seguro de agrotóxicos.\n"
            "- Melhorar as condições de alojamento, água potável e instalações sanitárias nas "
            "frentes de trabalho."
        ),
        "coverage": "Nove estados das regiões Sul, Sudeste e Centro-Oeste",
        "target_population": (
            "Trabalhadores e trabalhadoras rurais assalariados, inclusive safristas, e seus "
            "empregadores."
        ),
        "institutions": (
            "Ministério do Trabalho e Emprego; Fundacentro; federações de trabalhadores rurais; "
            "cooperativas agrícolas."
        ),
        "start": "2016-08-01",
        "duration_months": None,
        "funding": "Orçamento federal da inspeção do trabalho.",
        "in_kind": (
            "Veículos e instalações das superintendências regionais; espaços para oficinas cedidos "
            "pelas cooperativas."
        ),
        "other_support": "Material didático elaborado com apoio técnico da Fundacentro.",
        "achievements": (
            "Foram realizadas 5.300 ações fiscais e capacitados 41.000 trabalhadores rurais. Nas "
            "regiões prioritárias, as notificações de acidentes graves com máquinas caíram 17 % "
            "entre 2016 e 2022."
        ),
        "lessons": (
            "Planejar a fiscalização pelo calendário das safras aumenta muito a efetividade. A "
            "presença dos sindicatos rurais nas oficinas facilita a participação dos safristas."
        ),
        "improvements": (
            "Ampliar a cobertura para a região Norte e integrar os dados de intoxicações do "
            "sistema de saúde ao painel."
        ),
        "evaluations": (
            "Uma avaliação de 2021 com 600 propriedades revisitadas mostrou que 78 % mantinham as "
            "proteções de máquinas exigidas um ano depois da ação fiscal."
        ),
        "share_workshops": True,
        "share_bilateral": True,
        "translation": {
            "language": "es",
            "name": "Programa Trabajo Seguro en el Campo",
            "needs": (
                "El trabajo rural concentra accidentes graves con maquinaria agrícola e "
                "intoxicaciones por plaguicidas, agravados por el aislamiento de los "
                "establecimientos y la baja cobertura de la inspección."
            ),
            "description": (
                "El programa combina acciones de inspección planificadas durante las cosechas con "
                "capacitación de trabajadores y empleadores rurales en seguridad de máquinas, "
                "manejo de plaguicidas y condiciones de alojamiento. Equipos móviles de auditores "
                "fiscales recorren las regiones productoras de caña, café, frutas y granos, "
                "priorizadas según los datos de accidentes. Sindicatos rurales y cooperativas "
                "organizan talleres prácticos en las propiedades. Los resultados alimentan un "
                "tablero regional de indicadores de seguridad y salud en el campo."
            ),
            "objectives": (
                "- Reducir en un 20 % los accidentes graves con maquinaria agrícola en las "
                "regiones prioritarias.\n"
                "- Capacitar a los trabajadores rurales en el uso seguro de plaguicidas.\n"
                "- Mejorar el alojamiento, el agua potable y las instalaciones sanitarias en los "
                "frentes de trabajo."
            ),
        },
    },
    {
        "slug": "br-resgate-e-reinsercao",
        "name": "Rede de Resgate e Reinserção de Trabalhadores Submetidos a Trabalho Forçado",
        "language": "pt",
        "country": "BR",
        "institution": "Ministério do Trabalho e Emprego (Brasil)",
        "contact_name": "Ricardo Tavares",
        "contact_email": "rtavares@example.org",
        "website": "",
        "category": "labour_admin",
        "themes": ["forced-labour", "labour-inspection", "social-protection-floors"],
        "targets": ["workers", "migrants", "rural"],
        "needs": (
            "Trabalhadores resgatados de condições análogas à de escravo frequentemente voltavam a "
            "ser aliciados por falta de renda, documentos e alternativas de emprego."
        ),
        "description": (
            "Depois de cada operação de resgate, uma rede local articula a emissão de documentos, "
            "o pagamento das verbas rescisórias, o seguro-desemprego especial e a inscrição em "
            "programas sociais. Os trabalhadores são encaminhados a cursos de qualificação e a "
            "vagas intermediadas pelo serviço público de emprego. Migrantes recebem orientação "
            "sobre regularização migratória em sua língua. Um sistema de acompanhamento registra a "
            "situação de cada pessoa durante 18 meses."
        ),
        "objectives": (
            "- Garantir a cada trabalhador resgatado documentação, renda imediata e acesso à "
            "proteção social.\n"
            "- Oferecer qualificação e intermediação de emprego após o resgate.\n"
            "- Reduzir a reincidência de aliciamento."
        ),
        "coverage": "Nacional, com redes locais em 14 estados",
        "target_population": (
            "Trabalhadores resgatados pela inspeção do trabalho, incluindo migrantes e "
            "trabalhadores rurais."
        ),
        "institutions": (
            "Ministério do Trabalho e Emprego; ministério público do trabalho; defensoria pública; "
            "secretarias estaduais de assistência social; organizações da sociedade civil."
        ),
        "start": "2013-05-01",
        "duration_months": None,
        "funding": (
            "Orçamento federal e recursos de multas e indenizações por dano moral coletivo "
            "destinados pela justiça do trabalho."
        ),
        "in_kind": (
            "Equipes de assistência social dos municípios e abrigos temporários de organizações da "
            "sociedade civil."
        ),
        "other_support": "Cooperação técnica com a OIT para o sistema de acompanhamento.",
        "achievements": (
            "Desde 2013, 9.800 trabalhadores resgatados foram atendidos pela rede e 3.400 "
            "concluíram cursos de qualificação. A reincidência registrada caiu de 12 % para 4 %."
        ),
        "lessons": (
            "O atendimento precisa começar no próprio dia do resgate, antes que o trabalhador "
            "volte para a região de origem. A articulação com a assistência social municipal é "
            "indispensável."
        ),
        "improvements": (
            "Falta interoperabilidade entre os cadastros dos diferentes órgãos e apoio para a "
            "geração de renda autônoma."
        ),
        "evaluations": (
            "Um estudo qualitativo de 2020 com 150 trabalhadores atendidos destacou a documentação "
            "e o seguro-desemprego como os apoios mais valorizados."
        ),
        "share_workshops": True,
        "share_bilateral": True,
        "translation": None,
    },
    {
        "slug": "br-qualifica-domestica",
        "name": "Qualifica Doméstica: certificação profissional de trabalhadoras domésticas",
        "language": "pt",
        "country": "BR",
        "institution": "Ministério do Trabalho e Emprego (Brasil)",
        "contact_name": "Juliana Moreira",
        "contact_email": "jmoreira@example.org",
        "website": "https://www.example.org/qualifica-domestica",
        "category": "skills",
        "themes": ["domestic-work", "skills-training"],
        "targets": ["domestic", "women"],
        "needs": (
            "As trabalhadoras domésticas têm longa experiência, mas raramente contam com "
            "certificação que valorize seu trabalho, e muitas não concluíram a educação básica."
        ),
        "description": (
            "O programa reconhece os saberes das trabalhadoras domésticas por meio de avaliação de "
            "competências em cozinha, cuidado de crianças e idosos e organização do lar. A "
            "certificação é combinada com a elevação de escolaridade na modalidade de educação de "
            "jovens e adultos e com oficinas sobre direitos trabalhistas. As aulas acontecem à "
            "noite e aos domingos, em escolas técnicas federais e sedes sindicais. As certificadas "
            "recebem um documento com validade nacional."
        ),
        "objectives": (
            "- Certificar 12.000 trabalhadoras domésticas em quatro anos.\n"
            "- Elevar a escolaridade das participantes.\n"
            "- Difundir os direitos previstos na legislação do trabalho doméstico."
        ),
        "coverage": "Doze regiões metropolitanas",
        "target_population": "Trabalhadoras domésticas com pelo menos dois anos de experiência.",
        "institutions": (
            "Ministério do Trabalho e Emprego; rede federal de educação profissional; federação "
            "nacional das trabalhadoras domésticas."
        ),
        "start": "2018-03-01",
        "duration_months": 48,
        "funding": "Orçamento federal de qualificação profissional.",
        "in_kind": "Salas e docentes da rede federal; sedes sindicais para as oficinas.",
        "other_support": "",
        "achievements": (
            "Foram certificadas 10.700 trabalhadoras e 3.900 concluíram uma etapa de escolaridade. "
            "O número de associadas aos sindicatos participantes cresceu 25 %."
        ),
        "lessons": (
            "A flexibilidade de horários e o envolvimento do sindicato foram determinantes para a "
            "adesão. Valorizar a experiência, e não apenas ensinar, aumentou a autoestima das "
            "participantes."
        ),
        "improvements": (
            "Incluir os empregadores em campanhas de reconhecimento do certificado e oferecer a "
            "avaliação também a distância."
        ),
        "evaluations": (
            "A avaliação final de 2022 registrou 89 % de satisfação e aumento médio de 11 % na "
            "remuneração declarada pelas certificadas com carteira assinada."
        ),
        "share_workshops": True,
        "share_bilateral": False,
        "translation": None,
    },
    {
        "slug": "br-observatorio-mercado-trabalho",
        "name": "Observatório Regional do Mercado de Trabalho",
        "language": "pt",
        "country": "BR",
        "institution": "Ministério do Trabalho e Emprego (Brasil)",
        "contact_name": "Fernando Albuquerque",
        "contact_email": "falbuquerque@example.org",
        "website": "https://www.example.org/observatorio-trabalho",
        "category": "labour_admin",
        "themes": ["labour-market-information", "labour-statistics", "studies-evaluation"],
        "targets": ["officials", "employers", "workers"],
        "needs": (
            "Os gestores estaduais e municipais de políticas de emprego não dispunham de "
            "informações regionais oportunas para planejar a qualificação e a intermediação de mão "
            "de obra."
        ),
        "description": (
            "O observatório integra registros administrativos de emprego formal, seguro-desemprego "
            "e intermediação com pesquisas domiciliares, e os publica em painéis por microrregião. "
            "Produz boletins mensais, estudos setoriais e projeções de ocupações com maior "
            "demanda. Uma rede de observatórios estaduais usa a mesma metodologia e compartilha os "
            "dados. Os técnicos dos serviços de emprego recebem formação para usar as informações "
            "no planejamento."
        ),
        "objectives": (
            "- Publicar indicadores mensais do mercado de trabalho por microrregião.\n"
            "- Apoiar o planejamento da qualificação profissional com projeções de demanda.\n"
            "- Formar gestores no uso de informação sobre o mercado de trabalho."
        ),
        "coverage": "Nacional, com rede de 17 observatórios estaduais",
        "target_population": (
            "Gestores públicos de emprego, organizações de empregadores e de trabalhadores, "
            "pesquisadores."
        ),
        "institutions": (
            "Ministério do Trabalho e Emprego; secretarias estaduais de trabalho; universidades "
            "públicas parceiras."
        ),
        "start": "2015-02-01",
        "duration_months": None,
        "funding": "Orçamento federal e do fundo de amparo ao trabalhador.",
        "in_kind": "Pesquisadores das universidades parceiras e servidores estaduais cedidos.",
        "other_support": "Acordo de intercâmbio de dados com o instituto nacional de estatística.",
        "achievements": (
            "O observatório publicou 110 boletins mensais e 46 estudos setoriais, e formou 1.250 "
            "gestores. Em 2023, 70 % dos planos estaduais de qualificação usaram suas projeções."
        ),
        "lessons": (
            "Indicadores simples e atualizados são mais usados que estudos longos. A rede estadual "
            "funciona melhor com uma metodologia comum e um calendário de publicação fixo."
        ),
        "improvements": (
            "Incorporar dados de vagas publicadas na internet e melhorar a desagregação por sexo e "
            "raça."
        ),
        "evaluations": (
            "Uma pesquisa com usuários em 2021 (820 respostas) indicou que 64 % consultam os "
            "painéis pelo menos uma vez por mês."
        ),
        "share_workshops": True,
        "share_bilateral": True,
        "translation": {
            "language": "en",
            "name": "Regional Labour Market Observatory",
            "needs": (
                "State and municipal employment policy managers lacked timely regional information "
                "to plan skills training and job matching."
            ),
            "description": (
                "The observatory combines administrative records on formal employment, "
                "unemployment insurance and job matching with household surveys, and publishes "
                "them on dashboards by micro-region. It produces monthly bulletins, sector studies "
                "and projections of the occupations in highest demand. A network of state "
                "observatories uses the same methodology and shares the data. Employment service "
                "staff are trained to use the information in their planning."
            ),
            "objectives": (
                "- Publish monthly labour market indicators by micro-region.\n"
                "- Support skills training planning with demand projections.\n"
                "- Train managers to use labour market information."
            ),
        },
    },
    {
        "slug": "mx-acompanamiento-teletrabajo",
        "name": (
            "Estrategia de Acompañamiento para el Cumplimiento de las Obligaciones en Teletrabajo"
        ),
        "language": "es",
        "country": "MX",
        "institution": "Secretaría del Trabajo y Previsión Social (México)",
        "contact_name": "Claudia Ramírez Ortega",
        "contact_email": "cramirez@example.org",
        "website": "https://www.example.org/teletrabajo-mx",
        "category": "labour_admin",
        "themes": ["telework", "working-conditions", "labour-inspection"],
        "targets": ["employers", "workers"],
        "needs": (
            "Tras la reforma legal sobre teletrabajo, muchas empresas desconocían sus obligaciones "
            "en materia de equipo, pago de servicios, derecho a la desconexión y condiciones de "
            "seguridad y salud en el domicilio."
        ),
        "description": (
            "La estrategia combina una guía práctica, una herramienta de autodiagnóstico en línea "
            "y visitas de asesoría antes de la inspección ordinaria. Las empresas evalúan sus "
            "políticas de teletrabajo y reciben un plan de mejora con plazos. Se realizaron "
            "talleres con cámaras empresariales y sindicatos sobre la norma técnica de seguridad y "
            "salud aplicable. Las inspecciones posteriores verifican el cumplimiento de los "
            "planes."
        ),
        "objectives": (
            "- Difundir las obligaciones legales en teletrabajo entre 20.000 centros de trabajo.\n"
            "- Promover el cumplimiento voluntario antes de la inspección.\n"
            "- Verificar el respeto del derecho a la desconexión."
        ),
        "coverage": "Nacional, con énfasis en las diez ciudades con más empleo en servicios",
        "target_population": (
            "Empresas con personas en teletrabajo, especialmente de servicios financieros, centros "
            "de contacto y tecnología."
        ),
        "institutions": (
            "Secretaría del Trabajo y Previsión Social; cámaras empresariales; centrales "
            "sindicales."
        ),
        "start": "2022-02-01",
        "duration_months": 30,
        "funding": "Presupuesto federal de inspección del trabajo.",
        "in_kind": "Difusión por parte de las cámaras empresariales entre sus afiliadas.",
        "other_support": "",
        "achievements": (
            "La herramienta de autodiagnóstico fue completada por 14.600 centros de trabajo y se "
            "realizaron 2.300 visitas de asesoría. El 62 % de las empresas asesoradas adoptó una "
            "política escrita de desconexión."
        ),
        "lessons": (
            "El autodiagnóstico es una puerta de entrada eficaz para las pymes, que suelen temer "
            "la inspección. Los casos prácticos fueron más útiles que la exposición de la norma."
        ),
        "improvements": (
            "Conviene ampliar la herramienta a los riesgos psicosociales y medir mejor el "
            "cumplimiento en empresas pequeñas."
        ),
        "evaluations": (
            "Una revisión de 900 inspecciones de seguimiento encontró un cumplimiento del 81 % de "
            "los planes de mejora, frente al 54 % en empresas no asesoradas."
        ),
        "share_workshops": True,
        "share_bilateral": True,
        "translation": None,
    },
    {
        "slug": "mx-conciliacion-laboral-en-linea",
        "name": "Conciliación Laboral en Línea",
        "language": "es",
        "country": "MX",
        "institution": "Centro Federal de Conciliación y Registro Laboral (México)",
        "contact_name": "Jorge Villaseñor",
        "contact_email": "jvillasenor@example.org",
        "website": "https://www.example.org/conciliacion-en-linea",
        "category": "labour_admin",
        "themes": ["dispute-resolution", "digital-services", "modernisation"],
        "targets": ["workers", "employers"],
        "needs": (
            "Con el nuevo modelo de justicia laboral, la conciliación prejudicial pasó a ser "
            "obligatoria y era necesario atender un gran volumen de solicitudes sin largas filas "
            "ni traslados."
        ),
        "description": (
            "La plataforma permite presentar la solicitud de conciliación en línea, recibir la "
            "cita por correo electrónico y celebrar la audiencia por videoconferencia. Un "
            "expediente digital reúne las notificaciones, los convenios y las constancias, "
            "firmados electrónicamente. Los conciliadores gestionan su agenda y los casos desde un "
            "tablero con alertas de plazos legales. Las personas sin acceso a internet pueden usar "
            "módulos asistidos en las oficinas estatales."
        ),
        "objectives": (
            "- Resolver en conciliación al menos el 70 % de los conflictos individuales.\n"
            "- Cumplir el plazo legal de 45 días para concluir el procedimiento.\n"
            "- Reducir los traslados y costos para trabajadores y empleadores."
        ),
        "coverage": "Nacional, 32 entidades federativas",
        "target_population": (
            "Personas trabajadoras y empleadoras en conflictos laborales de competencia federal."
        ),
        "institutions": (
            "Centro Federal de Conciliación y Registro Laboral; Secretaría del Trabajo y Previsión "
            "Social; procuraduría de la defensa del trabajo."
        ),
        "start": "2020-11-01",
        "duration_months": None,
        "funding": "Presupuesto federal del Centro Federal de Conciliación.",
        "in_kind": "Infraestructura tecnológica compartida con la Secretaría del Trabajo.",
        "other_support": "Cooperación técnica internacional para la formación de conciliadores.",
        "achievements": (
            "La plataforma ha tramitado más de 520.000 solicitudes; el 74 % de los asuntos "
            "concluidos terminó en convenio. La duración media del procedimiento es de 38 días."
        ),
        "lessons": (
            "La audiencia remota funciona bien si se ofrece siempre la alternativa presencial "
            "asistida. Los tableros de plazos redujeron los vencimientos sin resolución."
        ),
        "improvements": (
            "Mejorar la accesibilidad para personas con discapacidad y la integración con los "
            "tribunales para el seguimiento del cumplimiento de convenios."
        ),
        "evaluations": (
            "Una encuesta de satisfacción a 11.000 usuarios en 2023 arrojó una calificación media "
            "de 8,6 sobre 10."
        ),
        "share_workshops": True,
        "share_bilateral": True,
        "translation": {
            "language": "en",
            "name": "Online Labour Conciliation",
            "needs": (
                "Under the new labour justice model, pre-trial conciliation became mandatory and a "
                "large volume of requests had to be handled without long queues or travel."
            ),
            "description": (
                "The platform lets parties file a conciliation request online, receive their "
                "appointment by email and hold the hearing by videoconference. A digital case file "
                "gathers notices, agreements and certificates, signed electronically. Conciliators "
                "manage their schedules and cases from a dashboard with alerts on legal deadlines. "
                "People without internet access can use assisted kiosks in the state offices."
            ),
            "objectives": (
                "- Settle at least 70% of individual disputes through conciliation.\n"
                "- Meet the 45-day legal deadline for completing the procedure.\n"
                "- Reduce travel and costs for workers and employers."
            ),
        },
    },
    {
        "slug": "mx-aprende-y-emplea",
        "name": "Aprende y Emplea: aprendizaje en el centro de trabajo para jóvenes",
        "language": "es",
        "country": "MX",
        "institution": "Secretaría del Trabajo y Previsión Social (México)",
        "contact_name": "Daniela Cruz Herrera",
        "contact_email": "dcruz@example.org",
        "website": "https://www.example.org/aprende-y-emplea",
        "category": "skills",
        "themes": ["youth-employment", "skills-training", "employment-services"],
        "targets": ["youth"],
        "needs": (
            "Uno de cada cinco jóvenes de 18 a 29 años no estudia ni trabaja y carece de la "
            "experiencia laboral que exigen los empleadores."
        ),
        "description": (
            "Jóvenes sin empleo se capacitan durante seis meses en empresas, talleres e "
            "instituciones públicas con un tutor asignado y un plan de aprendizaje. Reciben una "
            "beca mensual y cobertura de seguro médico durante la capacitación. Al concluir "
            "obtienen una constancia de las habilidades adquiridas y son referidos al servicio "
            "nacional de empleo. Los centros de trabajo se registran y son verificados en una "
            "plataforma digital."
        ),
        "objectives": (
            "- Brindar experiencia laboral a jóvenes que no estudian ni trabajan.\n"
            "- Fortalecer habilidades técnicas y socioemocionales.\n"
            "- Vincular a los egresados con vacantes formales."
        ),
        "coverage": "Nacional",
        "target_population": "Jóvenes de 18 a 29 años que no estudian ni trabajan.",
        "institutions": (
            "Secretaría del Trabajo y Previsión Social; servicio nacional de empleo; empresas y "
            "organizaciones tutoras."
        ),
        "start": "2019-01-15",
        "duration_months": None,
        "funding": "Presupuesto federal para becas y seguro médico.",
        "in_kind": (
            "Tiempo de tutores y espacios de capacitación aportados por los centros de trabajo."
        ),
        "other_support": "",
        "achievements": (
            "Han participado 1,2 millones de jóvenes en 290.000 centros de trabajo. El 39 % de los "
            "egresados encuestados tenía empleo seis meses después."
        ),
        "lessons": (
            "La verificación de los centros de trabajo y la figura del tutor son esenciales para "
            "la calidad del aprendizaje. La beca debe acompañarse de orientación laboral al final."
        ),
        "improvements": (
            "Reforzar el seguimiento de la calidad de la capacitación y la vinculación con la "
            "certificación de competencias."
        ),
        "evaluations": (
            "Una evaluación externa de diseño en 2021 recomendó mejorar los indicadores de "
            "resultados; un estudio de seguimiento de 2023 confirmó efectos positivos en la "
            "empleabilidad de las mujeres jóvenes."
        ),
        "share_workshops": True,
        "share_bilateral": False,
        "translation": None,
    },
    {
        "slug": "co-mineria-segura",
        "name": "Minería Segura: prevención de riesgos en la minería de pequeña escala",
        "language": "es",
        "country": "CO",
        "institution": "Ministerio del Trabajo de Colombia",
        "contact_name": "Andrés Felipe Rojas",
        "contact_email": "afrojas@example.org",
        "website": "https://www.example.org/mineria-segura",
        "category": "osh",
        "themes": ["occupational-safety-health", "employment-injury", "formalisation"],
        "targets": ["workers", "informal", "rural"],
        "needs": (
            "La minería subterránea de carbón y oro de pequeña escala registra altas tasas de "
            "accidentes mortales por explosiones, derrumbes y atmósferas peligrosas, y muchos "
            "mineros no están afiliados al sistema de riesgos laborales."
        ),
        "description": (
            "El programa forma a mineros y pequeños titulares mineros en sostenimiento, "
            "ventilación, medición de gases y rescate, con unidades móviles de entrenamiento que "
            "llegan a los municipios mineros. Acompaña a las unidades de producción en la "
            "implementación de un sistema básico de gestión de seguridad y salud y en la "
            "afiliación de los trabajadores al sistema de riesgos laborales. Las inspecciones "
            "conjuntas con la autoridad minera priorizan las minas con antecedentes de accidentes. "
            "Se conformaron brigadas locales de salvamento dotadas de equipos."
        ),
        "objectives": (
            "- Reducir en un 30 % la accidentalidad mortal en los municipios intervenidos.\n"
            "- Afiliar al sistema de riesgos laborales a 8.000 mineros.\n"
            "- Conformar y equipar 40 brigadas locales de salvamento."
        ),
        "coverage": "32 municipios mineros de Boyacá, Cundinamarca, Antioquia y Norte de Santander",
        "target_population": (
            "Mineros y pequeños titulares de la minería subterránea de carbón y oro."
        ),
        "institutions": (
            "Ministerio del Trabajo; autoridad minera nacional; administradoras de riesgos "
            "laborales; servicio nacional de aprendizaje."
        ),
        "start": "2017-07-01",
        "duration_months": 60,
        "funding": "Fondo de riesgos laborales y presupuesto del Ministerio del Trabajo.",
        "in_kind": (
            "Instructores del servicio nacional de aprendizaje y equipos de rescate de la "
            "autoridad minera."
        ),
        "other_support": (
            "Apoyo de las administradoras de riesgos laborales para la afiliación y asesoría "
            "técnica."
        ),
        "achievements": (
            "Se capacitaron 12.300 mineros, se afiliaron 7.150 al sistema de riesgos laborales y "
            "se conformaron 38 brigadas de salvamento. La tasa de accidentes mortales en los "
            "municipios intervenidos bajó un 26 %."
        ),
        "lessons": (
            "El entrenamiento práctico dentro de la mina es mucho más eficaz que el aula. La "
            "afiliación avanza cuando se acompaña de la formalización del título minero."
        ),
        "improvements": (
            "Integrar mejor la información de accidentes de la autoridad minera y del sistema de "
            "riesgos laborales, y atender la minería de barequeo."
        ),
        "evaluations": (
            "La evaluación de resultados de 2022 confirmó la reducción de la accidentalidad mortal "
            "y señaló la rotación de trabajadores como principal desafío para sostener la "
            "formación."
        ),
        "share_workshops": True,
        "share_bilateral": True,
        "translation": {
            "language": "en",
            "name": "Safe Mining: risk prevention in small-scale mining",
            "needs": (
                "Small-scale underground coal and gold mining has high rates of fatal accidents "
                "from explosions, roof falls and hazardous atmospheres, and many miners are not "
                "covered by employment injury insurance."
            ),
            "description": (
                "The programme trains miners and small mine holders in ground support, "
                "ventilation, gas monitoring and rescue, with mobile training units that travel to "
                "mining municipalities. It helps production units set up a basic safety and health "
                "management system and enrol their workers in employment injury insurance. Joint "
                "inspections with the mining authority give priority to mines with a history of "
                "accidents. Local mine rescue teams were set up and equipped."
            ),
            "objectives": (
                "- Reduce fatal accidents by 30% in the municipalities covered.\n"
                "- Enrol 8,000 miners in employment injury insurance.\n"
                "- Set up and equip 40 local mine rescue teams."
            ),
        },
    },
    {
        "slug": "co-distintivo-igualdad-genero",
        "name": "Distintivo de Igualdad de Género en el Trabajo",
        "language": "es",
        "country": "CO",
        "institution": "Ministerio del Trabajo de Colombia",
        "contact_name": "Marcela Pineda",
        "contact_email": "mpineda@example.org",
        "website": "https://www.example.org/distintivo-igualdad",
        "category": "gender",
        "themes": ["gender-equality", "violence-harassment"],
        "targets": ["employers", "women"],
        "needs": (
            "Persisten brechas salariales, segregación ocupacional y acoso sexual en las empresas, "
            "y pocas organizaciones cuentan con políticas de igualdad verificables."
        ),
        "description": (
            "Las empresas que se inscriben realizan un diagnóstico organizacional de igualdad, "
            "elaboran un plan de acción y lo implementan con acompañamiento técnico durante 12 a "
            "18 meses. Una auditoría externa verifica el cumplimiento de estándares en "
            "reclutamiento, remuneración, promoción, corresponsabilidad y prevención del acoso. "
            "Según el nivel alcanzado, la empresa recibe un distintivo de tres niveles que se "
            "renueva cada dos años. Las empresas comparten buenas prácticas en una red de "
            "aprendizaje."
        ),
        "objectives": (
            "- Reducir las brechas de género en las empresas participantes.\n"
            "- Institucionalizar protocolos de prevención y atención del acoso sexual laboral.\n"
            "- Reconocer públicamente a las empresas con prácticas de igualdad verificadas."
        ),
        "coverage": "Nacional",
        "target_population": (
            "Empresas públicas y privadas de todos los tamaños y sus trabajadoras."
        ),
        "institutions": (
            "Ministerio del Trabajo; consejería presidencial para la equidad de la mujer; firmas "
            "auditoras acreditadas."
        ),
        "start": "2013-09-01",
        "duration_months": None,
        "funding": (
            "Presupuesto del Ministerio del Trabajo; las empresas cubren el costo de la auditoría "
            "externa."
        ),
        "in_kind": (
            "Asesoras técnicas de la cooperación internacional durante los primeros tres años."
        ),
        "other_support": (
            "Metodología adaptada del modelo regional de sellos de igualdad de género promovido "
            "por el PNUD."
        ),
        "achievements": (
            "Participan 210 empresas que emplean a 480.000 personas; 96 obtuvieron el distintivo. "
            "En las empresas certificadas la brecha salarial media se redujo de 14 % a 8 %."
        ),
        "lessons": (
            "El compromiso de la alta dirección y la medición de la brecha salarial con datos "
            "propios son los factores más determinantes. Las redes entre empresas ayudan a "
            "sostener el esfuerzo."
        ),
        "improvements": (
            "Adaptar el modelo a las pequeñas empresas, que encuentran costosa la auditoría."
        ),
        "evaluations": (
            "Un estudio de 2020 en 40 empresas certificadas mostró un aumento del 9 % en la "
            "proporción de mujeres en cargos directivos tras dos años."
        ),
        "share_workshops": True,
        "share_bilateral": True,
        "translation": {
            "language": "en",
            "name": "Workplace Gender Equality Award",
            "needs": (
                "Pay gaps, occupational segregation and sexual harassment persist in companies, "
                "and few organisations have verifiable equality policies."
            ),
            "description": (
                "Companies that sign up carry out an organisational equality diagnosis, draw up an "
                "action plan and implement it with technical support over 12 to 18 months. An "
                "external audit checks compliance with standards on recruitment, pay, promotion, "
                "work-life balance and harassment prevention. Depending on the level reached, the "
                "company receives a three-tier award that is renewed every two years. Companies "
                "share good practices in a learning network."
            ),
            "objectives": (
                "- Reduce gender gaps in participating companies.\n"
                "- Institutionalise protocols to prevent and address sexual harassment at work.\n"
                "- Publicly recognise companies with verified equality practices."
            ),
        },
    },
    {
        "slug": "co-ventanilla-formalizacion",
        "name": "Ventanilla Única de Formalización Empresarial y Laboral",
        "language": "es",
        "country": "CO",
        "institution": "Ministerio del Trabajo de Colombia",
        "contact_name": "Carolina Mejía",
        "contact_email": "cmejia@example.org",
        "website": "https://www.example.org/ventanilla-formalizacion",
        "category": "msme",
        "themes": ["formalisation", "msme", "digital-services"],
        "targets": ["msme", "informal"],
        "needs": (
            "Registrar una microempresa y afiliar a sus trabajadores exigía trámites en seis "
            "entidades distintas, lo que desalentaba la formalización de los pequeños negocios."
        ),
        "description": (
            "La ventanilla reúne en un solo trámite en línea el registro mercantil, la inscripción "
            "tributaria, el registro como empleador y la afiliación de los trabajadores a salud, "
            "pensiones, riesgos laborales y cajas de compensación. Puntos de atención presenciales "
            "en las cámaras de comercio ofrecen asistencia a quienes lo necesitan. Los nuevos "
            "empleadores reciben durante un año orientación sobre sus obligaciones laborales por "
            "mensajes y asesorías grupales. El sistema avisa automáticamente de los vencimientos "
            "de aportes."
        ),
        "objectives": (
            "- Reducir a un solo día el tiempo de formalización de una microempresa.\n"
            "- Aumentar la afiliación de los trabajadores de las microempresas a la seguridad "
            "social.\n"
            "- Acompañar a los nuevos empleadores en el cumplimiento de sus obligaciones."
        ),
        "coverage": "Nacional, con 57 puntos presenciales",
        "target_population": (
            "Emprendedores y microempresas informales con hasta diez trabajadores."
        ),
        "institutions": (
            "Ministerio del Trabajo; cámaras de comercio; autoridad tributaria; operadores de la "
            "seguridad social."
        ),
        "start": "2020-03-01",
        "duration_months": None,
        "funding": "Presupuesto nacional y aportes de las cámaras de comercio.",
        "in_kind": "Personal y oficinas de las cámaras de comercio para los puntos presenciales.",
        "other_support": "",
        "achievements": (
            "Se formalizaron 86.000 microempresas y se afiliaron 131.000 trabajadores. El tiempo "
            "medio del trámite pasó de 21 días a 1 día hábil."
        ),
        "lessons": (
            "La interoperabilidad entre entidades exigió acuerdos legales antes que soluciones "
            "técnicas. Las microempresas valoran sobre todo el acompañamiento posterior al "
            "registro."
        ),
        "improvements": (
            "Incluir incentivos graduales de aportes para los primeros años y medir la permanencia "
            "en la formalidad."
        ),
        "evaluations": "",
        "share_workshops": False,
        "share_bilateral": True,
        "translation": None,
    },
    {
        "slug": "cl-construccion-sin-caidas",
        "name": "Programa Construcción sin Caídas",
        "language": "es",
        "country": "CL",
        "institution": "Ministerio del Trabajo y Previsión Social de Chile",
        "contact_name": "Rodrigo Sepúlveda",
        "contact_email": "rsepulveda@example.org",
        "website": "https://www.example.org/construccion-sin-caidas",
        "category": "osh",
        "themes": ["occupational-safety-health", "employment-injury"],
        "targets": ["workers", "employers"],
        "needs": (
            "Las caídas de altura son la primera causa de accidentes mortales en la construcción, "
            "en particular en obras medianas y en trabajos subcontratados."
        ),
        "description": (
            "El programa combina fiscalización focalizada en trabajos en altura, asistencia "
            "técnica de los organismos administradores del seguro de accidentes y una campaña de "
            "comunicación en las obras. Las empresas participantes aplican una lista de "
            "verificación semanal de andamios, barandas, líneas de vida y aberturas. Los comités "
            "paritarios reciben formación para detectar condiciones de riesgo. Las obras con "
            "buenos resultados se reconocen en un registro público."
        ),
        "objectives": (
            "- Reducir en un 25 % los accidentes por caída de altura en las obras adheridas.\n"
            "- Formar a 3.000 integrantes de comités paritarios de la construcción.\n"
            "- Generalizar el uso de listas de verificación de trabajos en altura."
        ),
        "coverage": "Regiones Metropolitana, Valparaíso, Biobío y Antofagasta",
        "target_population": (
            "Trabajadores de la construcción, empresas contratistas y subcontratistas y comités "
            "paritarios."
        ),
        "institutions": (
            "Ministerio del Trabajo y Previsión Social; Dirección del Trabajo; Superintendencia de "
            "Seguridad Social; mutualidades de empleadores; cámara de la construcción."
        ),
        "start": "2018-05-01",
        "duration_months": 36,
        "funding": (
            "Presupuesto público y recursos de prevención del seguro social contra accidentes del "
            "trabajo."
        ),
        "in_kind": (
            "Expertos en prevención de las mutualidades y material de difusión de la cámara de la "
            "construcción."
        ),
        "other_support": "",
        "achievements": (
            "Adhirieron 1.140 obras y se formaron 3.450 integrantes de comités paritarios. Las "
            "caídas de altura con tiempo perdido disminuyeron un 21 % en las obras adheridas."
        ),
        "lessons": (
            "La lista de verificación semanal funciona cuando la firma el jefe de obra y se revisa "
            "con el comité paritario. Los subcontratistas deben incluirse desde el inicio."
        ),
        "improvements": (
            "Extender el programa a obras pequeñas y viviendas, donde la informalidad dificulta el "
            "control."
        ),
        "evaluations": (
            "La Superintendencia de Seguridad Social evaluó en 2021 las tasas de accidentabilidad "
            "de 600 obras adheridas frente a un grupo comparable y confirmó la reducción."
        ),
        "share_workshops": True,
        "share_bilateral": False,
        "translation": None,
    },
    {
        "slug": "cl-reinsercion-seguro-cesantia",
        "name": "Ruta de Reinserción Laboral para Personas Beneficiarias del Seguro de Cesantía",
        "language": "es",
        "country": "CL",
        "institution": "Ministerio del Trabajo y Previsión Social de Chile",
        "contact_name": "Francisca Muñoz",
        "contact_email": "fmunoz@example.org",
        "website": "",
        "category": "skills",
        "themes": ["unemployment-protection", "employment-services", "skills-training"],
        "targets": ["workers", "disability"],
        "needs": (
            "Las personas que reciben el seguro de cesantía tenían escaso contacto con los "
            "servicios de empleo y la capacitación, lo que alargaba los periodos de desempleo."
        ),
        "description": (
            "Al solicitar el beneficio, cada persona es derivada a la oficina municipal de "
            "intermediación, donde recibe un diagnóstico de empleabilidad y un plan individual. El "
            "plan puede incluir cursos cortos de capacitación, certificación de competencias y "
            "postulación asistida a vacantes. Las personas con discapacidad reciben apoyo "
            "especializado y se contacta a empresas obligadas por la ley de inclusión laboral. La "
            "bolsa nacional de empleo registra el avance de cada plan."
        ),
        "objectives": (
            "- Reducir la duración media del desempleo de las personas beneficiarias.\n"
            "- Vincular el seguro de cesantía con la capacitación y la intermediación.\n"
            "- Mejorar la inserción laboral de las personas con discapacidad cesantes."
        ),
        "coverage": "Nacional, 280 oficinas municipales de intermediación",
        "target_population": (
            "Personas desempleadas que reciben prestaciones del seguro de cesantía, incluidas "
            "personas con discapacidad."
        ),
        "institutions": (
            "Ministerio del Trabajo y Previsión Social; servicio nacional de capacitación y "
            "empleo; municipalidades; administradora del seguro de cesantía."
        ),
        "start": "2021-04-01",
        "duration_months": None,
        "funding": (
            "Fondo de cesantía solidario y presupuesto del servicio nacional de capacitación y "
            "empleo."
        ),
        "in_kind": "Personal de las oficinas municipales de intermediación.",
        "other_support": "",
        "achievements": (
            "Se elaboraron 94.000 planes individuales y 38.000 personas completaron una "
            "capacitación. El 46 % se reinsertó en un empleo formal dentro de los seis meses."
        ),
        "lessons": (
            "La derivación automática al momento de la solicitud es más eficaz que la invitación "
            "voluntaria. Los cursos deben ser cortos y compatibles con la búsqueda de empleo."
        ),
        "improvements": (
            "Mejorar la calidad del diagnóstico inicial y la coordinación con las empresas que "
            "buscan personal."
        ),
        "evaluations": (
            "Una evaluación de impacto con datos administrativos (2023) estimó una reducción de "
            "1,4 meses en la duración del desempleo de los participantes."
        ),
        "share_workshops": True,
        "share_bilateral": True,
        "translation": None,
    },
    {
        "slug": "pe-certificacion-competencias-oficios",
        "name": "Programa Nacional de Certificación de Competencias en Oficios",
        "language": "es",
        "country": "PE",
        "institution": "Ministerio de Trabajo y Promoción del Empleo del Perú",
        "contact_name": "Rosa Quispe Huamán",
        "contact_email": "rquispe@example.org",
        "website": "https://www.example.org/certificacion-oficios",
        "category": "skills",
        "themes": ["skills-training", "employment-services", "formalisation"],
        "targets": ["workers", "informal"],
        "needs": (
            "Más del 70 % de la población ocupada trabaja en la informalidad y gran parte aprendió "
            "su oficio en la práctica, sin un documento que acredite sus competencias."
        ),
        "description": (
            "El programa evalúa y certifica gratuitamente las competencias de personas con "
            "experiencia en oficios como carpintería, gastronomía, confección, mecánica automotriz "
            "y agricultura. Los perfiles ocupacionales se elaboran con mesas técnicas de empresas, "
            "trabajadores e instituciones formativas. Centros certificadores autorizados realizan "
            "la evaluación práctica en su local o en el lugar de trabajo. Las personas "
            "certificadas se registran en la bolsa de trabajo pública, que las prioriza en la "
            "intermediación."
        ),
        "objectives": (
            "- Certificar las competencias de 15.000 personas por año.\n"
            "- Mantener actualizado un catálogo nacional de perfiles ocupacionales.\n"
            "- Mejorar la empleabilidad y los ingresos de las personas certificadas."
        ),
        "coverage": "Nacional, 25 regiones",
        "target_population": (
            "Personas mayores de 18 años con experiencia en un oficio y sin certificación."
        ),
        "institutions": (
            "Ministerio de Trabajo y Promoción del Empleo; direcciones regionales de trabajo; 78 "
            "centros certificadores autorizados."
        ),
        "start": "2012-10-01",
        "duration_months": None,
        "funding": "Presupuesto del sector trabajo.",
        "in_kind": "Talleres y evaluadores de los centros certificadores.",
        "other_support": (
            "Apoyo de la cooperación internacional para la elaboración de los primeros 60 perfiles."
        ),
        "achievements": (
            "Se han certificado 142.000 personas en 118 perfiles ocupacionales. El 58 % de las "
            "personas certificadas encuestadas reportó mayores ingresos un año después."
        ),
        "lessons": (
            "Los perfiles deben construirse con el sector productivo para que el certificado tenga "
            "valor en el mercado. La evaluación en el lugar de trabajo aumenta la participación."
        ),
        "improvements": (
            "Articular la certificación con la educación técnica para que se reconozcan créditos "
            "formativos."
        ),
        "evaluations": (
            "Un estudio de seguimiento de 2019 a 1.800 personas certificadas encontró una mejora "
            "de 12 % en los ingresos laborales y de 7 puntos en la tasa de empleo formal."
        ),
        "share_workshops": True,
        "share_bilateral": True,
        "translation": {
            "language": "en",
            "name": "National Programme for the Certification of Trade Skills",
            "needs": (
                "Over 70% of the employed population works informally and most learned their trade "
                "on the job, with no document attesting to their skills."
            ),
            "description": (
                "The programme assesses and certifies, free of charge, the skills of experienced "
                "people in trades such as carpentry, cooking, garment making, car mechanics and "
                "agriculture. Occupational profiles are drawn up by technical panels of employers, "
                "workers and training institutions. Authorised certification centres carry out the "
                "practical assessment on their premises or at the workplace. Certified people are "
                "registered with the public job bank, which gives them priority in job matching."
            ),
            "objectives": (
                "- Certify the skills of 15,000 people a year.\n"
                "- Keep a national catalogue of occupational profiles up to date.\n"
                "- Improve the employability and income of certified people."
            ),
        },
    },
    {
        "slug": "pe-campo-sin-trabajo-infantil",
        "name": "Campo sin Trabajo Infantil: intervención integral en zonas agrícolas",
        "language": "es",
        "country": "PE",
        "institution": "Ministerio de Trabajo y Promoción del Empleo del Perú",
        "contact_name": "Javier Mamani",
        "contact_email": "jmamani@example.org",
        "website": "",
        "category": "labour_admin",
        "themes": ["child-labour", "labour-inspection", "studies-evaluation"],
        "targets": ["rural"],
        "needs": (
            "En las zonas rurales andinas, una alta proporción de niñas y niños trabaja en la "
            "agricultura familiar y en cosechas, en muchos casos en tareas peligrosas que afectan "
            "su escolaridad."
        ),
        "description": (
            "El programa actúa en distritos rurales con alta incidencia de trabajo infantil "
            "combinando inspecciones en las cosechas, incentivos para la permanencia escolar y "
            "apoyo productivo a las familias. Se formaron comités distritales con autoridades "
            "locales, escuelas y organizaciones de productores para vigilar y derivar casos. Las "
            "inspecciones de trabajo se coordinan con las empresas agroexportadoras para verificar "
            "su cadena de proveedores. Un sistema de registro de casos permite el seguimiento de "
            "cada niña y niño identificado."
        ),
        "objectives": (
            "- Retirar del trabajo peligroso a 6.000 niñas, niños y adolescentes.\n"
            "- Mejorar la asistencia escolar en los distritos intervenidos.\n"
            "- Fortalecer la capacidad de inspección en cadenas agroexportadoras."
        ),
        "coverage": "40 distritos rurales de Huánuco, Junín, Pasco y Cusco",
        "target_population": "Niñas, niños y adolescentes en trabajo agrícola y sus familias.",
        "institutions": (
            "Ministerio de Trabajo y Promoción del Empleo; superintendencia de fiscalización "
            "laboral; ministerio de educación; gobiernos locales."
        ),
        "start": "2016-03-01",
        "duration_months": 48,
        "funding": "Presupuesto del sector trabajo y cooperación internacional.",
        "in_kind": (
            "Docentes y locales escolares de los distritos; personal de los gobiernos locales."
        ),
        "other_support": "Asistencia técnica de la OIT para la línea de base y la evaluación.",
        "achievements": (
            "Se identificaron 7.900 niñas y niños en trabajo infantil y 5.600 fueron retirados de "
            "tareas peligrosas. La asistencia escolar en los distritos intervenidos pasó de 81 % a "
            "93 %."
        ),
        "lessons": (
            "El apoyo productivo a las familias es condición para que la reducción del trabajo "
            "infantil sea sostenible. La participación de las comunidades da legitimidad a la "
            "intervención."
        ),
        "improvements": (
            "Asegurar la continuidad presupuestaria de los comités distritales al terminar el "
            "programa."
        ),
        "evaluations": (
            "La evaluación de impacto cuasiexperimental de 2020 estimó una reducción de 16 puntos "
            "porcentuales en la incidencia del trabajo infantil peligroso frente a distritos de "
            "comparación."
        ),
        "share_workshops": True,
        "share_bilateral": True,
        "translation": None,
    },
    {
        "slug": "ca-psychological-health-toolkit",
        "name": "Psychological Health and Safety Toolkit for Federally Regulated Workplaces",
        "language": "en",
        "country": "CA",
        "institution": "Employment and Social Development Canada, Labour Program",
        "contact_name": "Sarah MacDonald",
        "contact_email": "smacdonald@example.org",
        "website": "https://www.example.org/psychological-health-toolkit",
        "category": "osh",
        "themes": ["occupational-safety-health", "violence-harassment"],
        "targets": ["employers", "workers"],
        "needs": (
            "New harassment and violence prevention requirements obliged federally regulated "
            "employers to assess psychosocial risks, but many lacked practical tools, especially "
            "small employers in transport and telecommunications."
        ),
        "description": (
            "The toolkit offers a step-by-step workplace assessment, templates for prevention "
            "policies, guidance on resolution processes and e-learning modules for workplace "
            "committees. Labour Program officers run webinars by sector and answer questions "
            "through a dedicated line. Employers can benchmark their assessment results "
            "anonymously against their sector. The materials were developed with employer "
            "associations and unions and are available in English and French."
        ),
        "objectives": (
            "- Help employers carry out workplace psychosocial risk assessments.\n"
            "- Equip health and safety committees to take part in prevention.\n"
            "- Improve compliance with harassment and violence prevention requirements."
        ),
        "coverage": "National, federally regulated sectors",
        "target_population": (
            "Federally regulated employers, health and safety committees and representatives."
        ),
        "institutions": (
            "Labour Program; federal occupational health and safety centre; sector employer "
            "associations; national unions."
        ),
        "start": "2021-01-01",
        "duration_months": None,
        "funding": "Federal budget of the Labour Program.",
        "in_kind": (
            "Subject-matter experts from the national occupational health and safety centre."
        ),
        "other_support": "Pilot testing by 25 volunteer employers.",
        "achievements": (
            "Around 9,200 employers downloaded the assessment tool and 14,000 committee members "
            "completed the e-learning modules. Compliance findings on workplace assessments fell "
            "by 35% between 2021 and 2023."
        ),
        "lessons": (
            "Sector-specific examples made the material far more usable than generic guidance. "
            "Small employers need short, ready-to-adapt templates."
        ),
        "improvements": (
            "Add guidance on remote and hybrid work and translate key materials into more "
            "languages."
        ),
        "evaluations": (
            "A 2023 user survey (1,100 responses) found that 82% of employers considered the "
            "toolkit useful and 60% had updated their prevention policy as a result."
        ),
        "share_workshops": True,
        "share_bilateral": True,
        "translation": {
            "language": "es",
            "name": (
                "Caja de herramientas de salud y seguridad psicológica para lugares de trabajo de "
                "jurisdicción federal"
            ),
            "needs": (
                "Las nuevas obligaciones de prevención del acoso y la violencia exigieron a los "
                "empleadores de jurisdicción federal evaluar los riesgos psicosociales, pero "
                "muchos carecían de herramientas prácticas, sobre todo los pequeños empleadores "
                "del transporte y las telecomunicaciones."
            ),
            "description": (
                "La caja de herramientas ofrece una evaluación paso a paso del lugar de trabajo, "
                "modelos de políticas de prevención, orientaciones sobre los procesos de "
                "resolución y módulos de aprendizaje en línea para los comités. Funcionarios del "
                "Programa de Trabajo dictan seminarios web por sector y atienden consultas por una "
                "línea dedicada. Los empleadores pueden comparar de forma anónima sus resultados "
                "con los de su sector. Los materiales se elaboraron con asociaciones de "
                "empleadores y sindicatos y están disponibles en inglés y francés."
            ),
            "objectives": (
                "- Ayudar a los empleadores a evaluar los riesgos psicosociales en el lugar de "
                "trabajo.\n"
                "- Preparar a los comités de salud y seguridad para participar en la prevención.\n"
                "- Mejorar el cumplimiento de las obligaciones de prevención del acoso y la "
                "violencia."
            ),
        },
    },
    {
        "slug": "ca-qc-integration-emploi-immigrants",
        "name": "Programme d'intégration en emploi des personnes immigrantes",
        "language": "fr",
        "country": "CA",
        "institution": "Ministère de l'Emploi et de la Solidarité sociale du Québec",
        "contact_name": "Isabelle Gagnon",
        "contact_email": "igagnon@example.org",
        "website": "https://www.example.org/integration-emploi",
        "category": "skills",
        "themes": ["labour-migration", "employment-services", "skills-training"],
        "targets": ["migrants", "employers"],
        "needs": (
            "Les personnes immigrantes qualifiées occupent souvent des emplois sous-qualifiés "
            "faute d'expérience locale, de reconnaissance de leurs diplômes et de réseaux "
            "professionnels."
        ),
        "description": (
            "Le programme offre aux employeurs une subvention salariale de 30 semaines pour "
            "embaucher une personne immigrante dans un premier emploi lié à ses compétences. Il "
            "finance aussi la formation d'appoint, l'accompagnement en francisation en milieu de "
            "travail et l'adaptation des pratiques de gestion des ressources humaines. Des "
            "conseillers des bureaux régionaux d'emploi accompagnent la personne et l'employeur "
            "pendant toute la durée du contrat. Des ententes avec les ordres professionnels "
            "accélèrent la reconnaissance des acquis."
        ),
        "objectives": (
            "- Offrir une première expérience de travail qualifiée au Québec à 3 000 personnes "
            "immigrantes par année.\n"
            "- Soutenir les employeurs dans l'intégration d'une main-d'oeuvre diversifiée.\n"
            "- Réduire les délais de reconnaissance des compétences acquises à l'étranger."
        ),
        "coverage": "Ensemble du Québec, 17 régions administratives",
        "target_population": (
            "Personnes immigrantes arrivées depuis moins de cinq ans et employeurs qui les "
            "embauchent."
        ),
        "institutions": (
            "Ministère de l'Emploi et de la Solidarité sociale; bureaux régionaux d'emploi; "
            "organismes communautaires d'aide à l'emploi; ordres professionnels."
        ),
        "start": "2017-04-01",
        "duration_months": None,
        "funding": (
            "Budget provincial des mesures actives d'emploi et transfert fédéral sur le marché du "
            "travail."
        ),
        "in_kind": "Cours de français en milieu de travail offerts par le réseau scolaire.",
        "other_support": "",
        "achievements": (
            "Plus de 21 000 personnes ont participé depuis 2017 et 78 % occupaient toujours un "
            "emploi un an après la fin de la subvention. Près de 6 500 employeurs, dont 70 % de "
            "PME, ont embauché par le programme."
        ),
        "lessons": (
            "L'accompagnement de l'employeur est aussi important que celui de la personne "
            "immigrante. La francisation en milieu de travail améliore nettement la rétention."
        ),
        "improvements": (
            "Simplifier les démarches administratives pour les petites entreprises et mieux "
            "rejoindre les régions éloignées."
        ),
        "evaluations": (
            "Une évaluation externe réalisée en 2021 a constaté un taux d'emploi supérieur de 15 "
            "points chez les participants par rapport à un groupe de comparaison."
        ),
        "share_workshops": True,
        "share_bilateral": False,
        "translation": {
            "language": "es",
            "name": "Programa de inserción laboral de personas inmigrantes",
            "needs": (
                "Las personas inmigrantes calificadas suelen ocupar empleos por debajo de su "
                "calificación por falta de experiencia local, de reconocimiento de sus títulos y "
                "de redes profesionales."
            ),
            "description": (
                "El programa ofrece a los empleadores un subsidio salarial de 30 semanas para "
                "contratar a una persona inmigrante en un primer empleo acorde con sus "
                "competencias. También financia formación complementaria, apoyo para el "
                "aprendizaje del francés en el lugar de trabajo y la adaptación de las prácticas "
                "de recursos humanos. Consejeros de las oficinas regionales de empleo acompañan a "
                "la persona y al empleador durante todo el contrato. Acuerdos con los colegios "
                "profesionales agilizan el reconocimiento de las competencias."
            ),
            "objectives": (
                "- Ofrecer una primera experiencia laboral calificada en Quebec a 3.000 personas "
                "inmigrantes al año.\n"
                "- Apoyar a los empleadores en la integración de una fuerza de trabajo diversa.\n"
                "- Reducir los plazos de reconocimiento de las competencias adquiridas en el "
                "extranjero."
            ),
        },
    },
    {
        "slug": "us-apprenticeship-small-manufacturers",
        "name": "Registered Apprenticeship Expansion for Small Manufacturers",
        "language": "en",
        "country": "US",
        "institution": "U.S. Department of Labor, Employment and Training Administration",
        "contact_name": "Michael Johnson",
        "contact_email": "mjohnson@example.org",
        "website": "https://www.example.org/apprenticeship-manufacturing",
        "category": "skills",
        "themes": ["skills-training", "youth-employment", "msme"],
        "targets": ["youth", "msme"],
        "needs": (
            "Small manufacturers face shortages of machinists, welders and maintenance technicians "
            "but lack the staff and resources to design and run apprenticeship programmes."
        ),
        "description": (
            "The initiative funds regional intermediaries that register group apprenticeship "
            "programmes on behalf of several small manufacturers. Intermediaries handle "
            "curriculum, related technical instruction at community colleges and paperwork, while "
            "employers provide paid on-the-job learning under a mentor. Pre-apprenticeship tracks "
            "recruit young people from high schools and underserved neighbourhoods. Apprentices "
            "earn a nationally recognised credential on completion."
        ),
        "objectives": (
            "- Register 5,000 new apprentices in small manufacturing firms.\n"
            "- Engage at least 600 small manufacturers in registered apprenticeship.\n"
            "- Broaden access for young people and under-represented groups."
        ),
        "coverage": "Twelve states in the Midwest and Southeast",
        "target_population": (
            "Young people aged 16 to 24 and small manufacturers with fewer than 250 employees."
        ),
        "institutions": (
            "Employment and Training Administration; state apprenticeship agencies; community "
            "colleges; manufacturing industry associations."
        ),
        "start": "2019-07-01",
        "duration_months": 48,
        "funding": "Federal competitive grants totalling USD 38 million.",
        "in_kind": (
            "Wages of apprentices and mentors' time paid by employers; college training facilities."
        ),
        "other_support": "Technical assistance from a national apprenticeship resource centre.",
        "achievements": (
            "The grantees registered 5,600 apprentices with 710 small manufacturers; 41% of "
            "apprentices were under 25. The completion rate reached 68% and completers earned a "
            "median wage of USD 27 per hour."
        ),
        "lessons": (
            "Intermediaries are decisive for small firms, which cannot carry the administrative "
            "load alone. Pre-apprenticeship improves retention among young apprentices."
        ),
        "improvements": (
            "Increase participation of women and speed up the registration process for new "
            "occupations."
        ),
        "evaluations": (
            "An independent implementation study published in 2023 found that group sponsorship "
            "cut employers' start-up time by half and identified mentoring capacity as the main "
            "constraint."
        ),
        "share_workshops": True,
        "share_bilateral": False,
        "translation": None,
    },
    {
        "slug": "jm-recognition-prior-learning-tourism",
        "name": "Recognition of Prior Learning for Tourism and Hospitality Workers",
        "language": "en",
        "country": "JM",
        "institution": "Ministry of Labour and Social Security, Jamaica",
        "contact_name": "Andrea Campbell",
        "contact_email": "acampbell@example.org",
        "website": "https://www.example.org/rpl-tourism",
        "category": "skills",
        "themes": ["skills-training", "employment-services"],
        "targets": ["workers", "informal", "youth"],
        "needs": (
            "Many hotel, restaurant and craft workers have years of experience but no formal "
            "qualification, which limits promotion and access to jobs in larger resorts."
        ),
        "description": (
            "Workers compile a portfolio of evidence and are assessed on the job against national "
            "occupational standards for food and beverage service, housekeeping, front office and "
            "culinary arts. Candidates with gaps receive short top-up training before "
            "reassessment. Assessments are scheduled around seasonal peaks so that workers do not "
            "lose income. Certified workers are listed in the public employment service database."
        ),
        "objectives": (
            "- Certify 4,000 tourism workers against national occupational standards.\n"
            "- Improve career progression in the hospitality sector.\n"
            "- Bring informal craft and food vendors into recognised qualifications."
        ),
        "coverage": "Main resort areas: Montego Bay, Ocho Rios, Negril and Kingston",
        "target_population": (
            "Experienced tourism and hospitality workers, including informal vendors and young "
            "workers."
        ),
        "institutions": (
            "Ministry of Labour and Social Security; national training agency; hotel association; "
            "tourism enhancement fund."
        ),
        "start": "2018-01-15",
        "duration_months": 36,
        "funding": "Tourism enhancement fund and national training agency budget.",
        "in_kind": "Hotels provide assessment venues and release time for workers.",
        "other_support": "",
        "achievements": (
            "3,650 workers were certified, 62% of them women. Participating hotels reported "
            "promoting 540 certified workers within a year."
        ),
        "lessons": (
            "Scheduling assessments around the tourist season was essential. Employer buy-in grew "
            "once hotels saw the certificates used in promotions."
        ),
        "improvements": (
            "Extend the approach to small guesthouses and community tourism, and offer portfolio "
            "support online."
        ),
        "evaluations": (
            "A 2021 tracer study of 700 certified workers found that 34% had moved to a "
            "higher-paid position."
        ),
        "share_workshops": True,
        "share_bilateral": True,
        "translation": {
            "language": "es",
            "name": (
                "Reconocimiento de aprendizajes previos para trabajadores del turismo y la "
                "hotelería"
            ),
            "needs": (
                "Muchos trabajadores de hoteles, restaurantes y artesanía tienen años de "
                "experiencia pero ninguna calificación formal, lo que limita sus ascensos y su "
                "acceso a empleos en los grandes complejos turísticos."
            ),
            "description": (
                "Los trabajadores reúnen un portafolio de evidencias y son evaluados en el puesto "
                "según normas ocupacionales nacionales de servicio de alimentos y bebidas, "
                "limpieza de habitaciones, recepción y cocina. Quienes presentan brechas reciben "
                "una formación complementaria breve antes de una nueva evaluación. Las "
                "evaluaciones se programan fuera de las temporadas altas para que los trabajadores "
                "no pierdan ingresos. Las personas certificadas se incorporan a la base de datos "
                "del servicio público de empleo."
            ),
            "objectives": (
                "- Certificar a 4.000 trabajadores del turismo según normas ocupacionales "
                "nacionales.\n"
                "- Mejorar la progresión profesional en el sector hotelero.\n"
                "- Acercar a los artesanos y vendedores de alimentos informales a calificaciones "
                "reconocidas."
            ),
        },
    },
    {
        "slug": "gt-prevencion-estres-termico",
        "name": "Programa de Prevención del Estrés Térmico en la Agroindustria",
        "language": "es",
        "country": "GT",
        "institution": "Ministerio de Trabajo y Previsión Social de Guatemala",
        "contact_name": "Héctor Ajú",
        "contact_email": "haju@example.org",
        "website": "",
        "category": "osh",
        "themes": ["occupational-safety-health", "working-conditions", "studies-evaluation"],
        "targets": ["rural", "workers", "employers"],
        "needs": (
            "Los cortadores de caña y otros trabajadores agrícolas de la costa sur trabajan con "
            "temperaturas muy altas, con casos de deshidratación y enfermedad renal crónica."
        ),
        "description": (
            "El programa adaptó al contexto local un protocolo de agua, descanso y sombra y lo "
            "implementa con los ingenios azucareros y fincas participantes. Incluye la medición "
            "diaria del índice de calor, pausas obligatorias, puntos de hidratación y "
            "reprogramación de jornadas en las horas más calurosas. Los trabajadores reciben "
            "formación sobre síntomas de alerta y los servicios de salud realizan controles de "
            "función renal al inicio y al final de la zafra. Un estudio de seguimiento mide los "
            "efectos en la salud y la productividad."
        ),
        "objectives": (
            "- Implementar el protocolo de agua, descanso y sombra en las fincas participantes.\n"
            "- Reducir los casos de golpe de calor y deshidratación.\n"
            "- Generar evidencia local sobre el estrés térmico y la salud renal."
        ),
        "coverage": "Departamentos de Escuintla, Suchitepéquez y Retalhuleu",
        "target_population": (
            "Cortadores de caña y trabajadores agrícolas de temporada y sus empleadores."
        ),
        "institutions": (
            "Ministerio de Trabajo y Previsión Social; instituto de seguridad social; asociación "
            "de ingenios; universidad nacional."
        ),
        "start": "2019-11-01",
        "duration_months": 36,
        "funding": "Presupuesto del Ministerio de Trabajo y aportes de la asociación de ingenios.",
        "in_kind": "Equipos de medición y personal de salud del instituto de seguridad social.",
        "other_support": (
            "Colaboración académica de una universidad extranjera para el diseño del estudio."
        ),
        "achievements": (
            "El protocolo se aplicó en 11 ingenios y 46 fincas con 28.000 trabajadores. Las "
            "atenciones por golpe de calor bajaron un 43 % entre la primera y la tercera zafra."
        ),
        "lessons": (
            "Las pausas deben ser pagadas para que los trabajadores las respeten. La medición "
            "diaria del índice de calor facilita la decisión de suspender labores."
        ),
        "improvements": (
            "Extender el protocolo a productores medianos y a otros cultivos como palma y banano."
        ),
        "evaluations": (
            "El estudio de cohorte con 1.200 trabajadores mostró menor deterioro de la función "
            "renal durante la zafra en las fincas con el protocolo completo."
        ),
        "share_workshops": True,
        "share_bilateral": True,
        "translation": None,
    },
    {
        "slug": "tt-contractor-safety-passport",
        "name": "Contractor Safety Passport Programme for the Energy Sector",
        "language": "en",
        "country": "TT",
        "institution": "Ministry of Labour, Trinidad and Tobago",
        "contact_name": "Kevin Ramdial",
        "contact_email": "kramdial@example.org",
        "website": "https://www.example.org/safety-passport",
        "category": "osh",
        "themes": ["occupational-safety-health", "skills-training"],
        "targets": ["workers", "msme"],
        "needs": (
            "Contractor workers in the oil, gas and petrochemical sector had to repeat similar "
            "safety inductions for every operator, while small contractors struggled to train "
            "staff to a common standard."
        ),
        "description": (
            "The programme defines a common basic safety curriculum for contractor workers in the "
            "energy sector, delivered by accredited training providers. Workers who pass receive a "
            "safety passport with a unique number that all participating operators recognise at "
            "site entry. Modules cover hazard identification, permit to work, confined spaces, "
            "working at height and emergency response. A central register lets operators and the "
            "labour inspectorate verify passports in real time."
        ),
        "objectives": (
            "- Establish a common safety induction standard for energy sector contractors.\n"
            "- Reduce duplicated training costs for small contractors.\n"
            "- Improve the verification of workers' safety training at site entry."
        ),
        "coverage": "National, energy and petrochemical sites in Trinidad",
        "target_population": (
            "Contractor workers and small contracting companies in the energy sector."
        ),
        "institutions": (
            "Ministry of Labour; occupational safety and health agency; energy chamber; accredited "
            "training providers."
        ),
        "start": "2014-09-01",
        "duration_months": None,
        "funding": (
            "Course fees paid by contractors, with subsidies for small firms from an energy sector "
            "training fund."
        ),
        "in_kind": "Training venues and instructors from the energy chamber members.",
        "other_support": "",
        "achievements": (
            "More than 52,000 passports have been issued and 19 operators accept them. Lost-time "
            "injuries among contractors fell by 28% over five years."
        ),
        "lessons": (
            "Agreement among the main operators on one standard was the decisive step. An online "
            "register is essential to prevent fraud."
        ),
        "improvements": (
            "Add refresher requirements and extend the model to construction and maritime services."
        ),
        "evaluations": "",
        "share_workshops": True,
        "share_bilateral": True,
        "translation": None,
    },
    {
        "slug": "ec-floricultura-segura",
        "name": "Floricultura Segura: seguridad y salud en las plantaciones de flores",
        "language": "es",
        "country": "EC",
        "institution": "Ministerio del Trabajo del Ecuador",
        "contact_name": "Verónica Andrade",
        "contact_email": "vandrade@example.org",
        "website": "",
        "category": "osh",
        "themes": ["occupational-safety-health", "labour-inspection", "working-conditions"],
        "targets": ["rural", "women", "workers"],
        "needs": (
            "Las trabajadoras y trabajadores de las florícolas están expuestos a plaguicidas, "
            "posturas forzadas y movimientos repetitivos, con escasa vigilancia de la salud."
        ),
        "description": (
            "El programa acordó con las empresas florícolas un plan de mejora en manejo de "
            "plaguicidas, tiempos de reingreso a los invernaderos, ergonomía en las salas de "
            "poscosecha y vigilancia médica. Inspectores especializados realizan visitas de "
            "diagnóstico y de verificación a los seis meses. Las empresas conforman comités "
            "paritarios y designan responsables de seguridad formados por el ministerio. Se "
            "publicó una guía técnica sectorial validada con trabajadores y empleadores."
        ),
        "objectives": (
            "- Implementar planes de mejora de seguridad y salud en 300 florícolas.\n"
            "- Reducir la exposición a plaguicidas y los trastornos musculoesqueléticos.\n"
            "- Conformar comités paritarios en todas las empresas participantes."
        ),
        "coverage": "Provincias de Pichincha, Cotopaxi, Imbabura y Azuay",
        "target_population": (
            "Personas trabajadoras de las plantaciones de flores, en su mayoría mujeres, y las "
            "empresas florícolas."
        ),
        "institutions": (
            "Ministerio del Trabajo; instituto de seguridad social; asociación de productores y "
            "exportadores de flores; organizaciones de trabajadores agrícolas."
        ),
        "start": "2015-06-01",
        "duration_months": 48,
        "funding": "Presupuesto del Ministerio del Trabajo.",
        "in_kind": (
            "Médicos ocupacionales del instituto de seguridad social; salas de capacitación de las "
            "empresas."
        ),
        "other_support": "",
        "achievements": (
            "Participaron 284 florícolas con 46.000 trabajadores y se conformaron 271 comités "
            "paritarios. En las empresas verificadas, el cumplimiento de los tiempos de reingreso "
            "pasó del 38 % al 91 %."
        ),
        "lessons": (
            "Una guía sectorial acordada con las empresas facilita el cumplimiento y la "
            "inspección. La vigilancia médica necesita protocolos claros de derivación."
        ),
        "improvements": (
            "Mejorar el registro de enfermedades profesionales y extender el modelo a las pequeñas "
            "fincas proveedoras."
        ),
        "evaluations": (
            "Una evaluación intermedia de 2017 identificó mejoras en la ventilación y el "
            "almacenamiento de plaguicidas, pero avances limitados en ergonomía."
        ),
        "share_workshops": True,
        "share_bilateral": False,
        "translation": None,
    },
    {
        "slug": "uy-negociacion-colectiva-digital",
        "name": "Plataforma Digital de Negociación Colectiva y Consejos de Salarios",
        "language": "es",
        "country": "UY",
        "institution": "Ministerio de Trabajo y Seguridad Social del Uruguay",
        "contact_name": "Sebastián Pereira",
        "contact_email": "spereira@example.org",
        "website": "https://www.example.org/negociacion-colectiva",
        "category": "labour_admin",
        "themes": ["collective-bargaining", "social-dialogue", "digital-services"],
        "targets": ["workers", "employers", "officials"],
        "needs": (
            "Las rondas de negociación de los consejos de salarios involucran más de 200 mesas "
            "sectoriales, cuya convocatoria, actas y registro de convenios se gestionaban en "
            "papel."
        ),
        "description": (
            "La plataforma permite convocar las mesas, compartir documentos y propuestas, celebrar "
            "sesiones mixtas presenciales y virtuales y firmar electrónicamente las actas. Los "
            "convenios y decretos resultantes se registran y publican en un repositorio "
            "consultable por sector, con buscador de cláusulas. Un módulo de indicadores ofrece a "
            "las partes datos de salarios, empleo y precios por sector para fundamentar la "
            "negociación. Las delegaciones sindicales y empresariales reciben usuarios y "
            "capacitación."
        ),
        "objectives": (
            "- Digitalizar la gestión de todas las mesas de negociación tripartita y bipartita.\n"
            "- Publicar de forma abierta y estructurada los convenios colectivos.\n"
            "- Ofrecer información estadística común a las partes negociadoras."
        ),
        "coverage": "Nacional, todos los grupos de actividad",
        "target_population": (
            "Delegados de trabajadores y empleadores, y funcionarios de la dirección de "
            "negociación colectiva."
        ),
        "institutions": (
            "Ministerio de Trabajo y Seguridad Social; central sindical; cámaras empresariales; "
            "agencia de gobierno electrónico."
        ),
        "start": "2020-06-01",
        "duration_months": None,
        "funding": "Presupuesto nacional y fondos de la agencia de gobierno electrónico.",
        "in_kind": "Desarrollo y alojamiento provistos por la agencia de gobierno electrónico.",
        "other_support": "",
        "achievements": (
            "En la ronda de 2023 se gestionaron 231 mesas en la plataforma y se firmaron "
            "electrónicamente 1.150 actas. El repositorio reúne más de 3.800 convenios y recibe "
            "40.000 consultas por mes."
        ),
        "lessons": (
            "La participación de las partes sociales en el diseño fue clave para la confianza en "
            "la firma electrónica. Las sesiones mixtas ampliaron la participación de delegados del "
            "interior del país."
        ),
        "improvements": (
            "Mejorar el análisis automático de cláusulas sobre género y seguridad y salud."
        ),
        "evaluations": (
            "Una consulta a 320 delegados en 2022 mostró que el 87 % prefiere la modalidad mixta y "
            "valora la publicación abierta de convenios."
        ),
        "share_workshops": True,
        "share_bilateral": True,
        "translation": {
            "language": "en",
            "name": "Digital Platform for Collective Bargaining and Wage Councils",
            "needs": (
                "Wage council bargaining rounds involve more than 200 sectoral tables, whose "
                "convening, minutes and agreement registration were handled on paper."
            ),
            "description": (
                "The platform is used to convene bargaining tables, share documents and proposals, "
                "hold hybrid in-person and online sessions and sign minutes electronically. The "
                "resulting agreements and decrees are registered and published in a repository "
                "searchable by sector, with a clause search. An indicators module gives the "
                "parties data on wages, employment and prices by sector to inform bargaining. "
                "Union and employer delegations receive user accounts and training."
            ),
            "objectives": (
                "- Digitalise the management of all tripartite and bipartite bargaining tables.\n"
                "- Publish collective agreements openly and in a structured form.\n"
                "- Provide shared statistical information to the negotiating parties."
            ),
        },
    },
    {
        "slug": "uy-cooperativas-pequenas-empresas",
        "name": "Programa de Apoyo a Cooperativas de Trabajo y Pequeñas Empresas",
        "language": "es",
        "country": "UY",
        "institution": "Ministerio de Trabajo y Seguridad Social del Uruguay",
        "contact_name": "Valentina Silva",
        "contact_email": "vsilva@example.org",
        "website": "",
        "category": "msme",
        "themes": ["msme", "skills-training", "employment-policy"],
        "targets": ["msme", "workers"],
        "needs": (
            "Las cooperativas de trabajo y pequeñas empresas, incluidas las recuperadas por sus "
            "trabajadores, tienen dificultades de gestión, acceso a crédito y capacitación "
            "técnica."
        ),
        "description": (
            "El programa ofrece asistencia técnica en gestión, planificación y comercialización, "
            "capacitación de socios y trabajadores y apoyo para acceder a crédito en condiciones "
            "preferenciales. Un equipo de asesores visita a cada emprendimiento y acuerda un plan "
            "de fortalecimiento de hasta dos años. Se promueven compras públicas a cooperativas y "
            "pequeñas empresas locales. Los emprendimientos participan en redes territoriales para "
            "compartir servicios."
        ),
        "objectives": (
            "- Mejorar la sostenibilidad de 400 cooperativas y pequeñas empresas.\n"
            "- Preservar y crear puestos de trabajo de calidad.\n"
            "- Facilitar el acceso al crédito y a las compras públicas."
        ),
        "coverage": "Nacional, 19 departamentos",
        "target_population": (
            "Cooperativas de trabajo, empresas recuperadas y pequeñas empresas con hasta 20 "
            "trabajadores."
        ),
        "institutions": (
            "Ministerio de Trabajo y Seguridad Social; instituto nacional de cooperativismo; "
            "instituto de formación profesional; banco público de desarrollo."
        ),
        "start": "2013-04-01",
        "duration_months": None,
        "funding": "Fondo de reconversión laboral y presupuesto nacional.",
        "in_kind": (
            "Docentes del instituto de formación profesional; oficinas departamentales del "
            "ministerio."
        ),
        "other_support": "Línea de crédito del banco público de desarrollo.",
        "achievements": (
            "Se acompañaron 520 emprendimientos que reúnen 9.400 puestos de trabajo; el 83 % "
            "seguía en actividad tres años después. Las compras públicas a participantes superaron "
            "los 12 millones de dólares."
        ),
        "lessons": (
            "Los planes de fortalecimiento deben ajustarse a la etapa de cada emprendimiento. La "
            "articulación con el crédito es decisiva para las inversiones."
        ),
        "improvements": (
            "Incorporar herramientas digitales de gestión y reforzar el apoyo a la "
            "comercialización en línea."
        ),
        "evaluations": (
            "La evaluación de 2018 comparó la supervivencia de los emprendimientos participantes "
            "con la del registro general y halló una diferencia de 21 puntos a favor del programa."
        ),
        "share_workshops": False,
        "share_bilateral": True,
        "translation": None,
    },
    {
        "slug": "do-escuela-formacion-inspectores",
        "name": "Escuela de Formación Continua para Inspectores de Trabajo",
        "language": "es",
        "country": "DO",
        "institution": "Ministerio de Trabajo de la República Dominicana",
        "contact_name": "Yolanda Féliz",
        "contact_email": "yfeliz@example.org",
        "website": "https://www.example.org/escuela-inspectores",
        "category": "labour_admin",
        "themes": ["staff-training", "labour-inspection", "planning-management"],
        "targets": ["officials"],
        "needs": (
            "Los inspectores ingresaban sin formación inicial estructurada y los criterios de "
            "actuación variaban mucho entre las representaciones locales de trabajo."
        ),
        "description": (
            "La escuela ofrece un curso de inducción obligatorio de 160 horas y un plan anual de "
            "formación continua con módulos presenciales y virtuales. Los contenidos incluyen "
            "normas laborales, seguridad y salud, técnicas de entrevista, redacción de actas, "
            "ética y enfoque de género. Un manual de procedimientos unificado y casos prácticos "
            "garantizan criterios comunes. La formación se vincula con la evaluación del desempeño "
            "y la planificación anual de la inspección."
        ),
        "objectives": (
            "- Asegurar formación inicial a todos los inspectores de nuevo ingreso.\n"
            "- Unificar criterios y procedimientos de inspección en todo el país.\n"
            "- Vincular la formación con la planificación y la evaluación del desempeño."
        ),
        "coverage": "Nacional, 40 representaciones locales de trabajo",
        "target_population": (
            "Inspectores de trabajo, supervisores y personal técnico de la inspección."
        ),
        "institutions": (
            "Ministerio de Trabajo; instituto nacional de administración pública; universidad "
            "estatal."
        ),
        "start": "2017-02-01",
        "duration_months": None,
        "funding": "Presupuesto del Ministerio de Trabajo.",
        "in_kind": "Plataforma virtual y aulas del instituto nacional de administración pública.",
        "other_support": (
            "Apoyo del Centro Internacional de Formación de la OIT para la formación de formadores."
        ),
        "achievements": (
            "El 100 % de los 230 inspectores en servicio completó la inducción y se dictaron 48 "
            "módulos de formación continua. Las actas anuladas por defectos de procedimiento "
            "bajaron del 15 % al 4 %."
        ),
        "lessons": (
            "Los formadores internos con experiencia de campo son los más valorados. El manual "
            "unificado requiere actualizaciones periódicas ligadas a los cambios normativos."
        ),
        "improvements": (
            "Crear una ruta de especialización en seguridad y salud en el trabajo y en trabajo "
            "infantil."
        ),
        "evaluations": (
            "Las evaluaciones de reacción y de aprendizaje de 2019 a 2023 muestran una mejora "
            "media de 28 puntos entre las pruebas iniciales y finales."
        ),
        "share_workshops": True,
        "share_bilateral": True,
        "translation": None,
    },
    {
        "slug": "ht-inspection-parcs-industriels",
        "name": "Programme de renforcement de l'inspection du travail dans les parcs industriels",
        "language": "fr",
        "country": "HT",
        "institution": "Ministère des Affaires sociales et du Travail (Haïti)",
        "contact_name": "Jean-Robert Pierre",
        "contact_email": "jrpierre@example.org",
        "website": "",
        "category": "labour_admin",
        "themes": ["labour-inspection", "freedom-of-association", "working-conditions"],
        "targets": ["workers", "officials", "employers"],
        "needs": (
            "Les usines textiles des parcs industriels emploient des dizaines de milliers de "
            "personnes, surtout des femmes, mais l'inspection du travail manquait d'effectifs, de "
            "moyens de transport et de procédures pour y intervenir."
        ),
        "description": (
            "Le programme a recruté et formé de nouveaux inspecteurs affectés aux parcs "
            "industriels, doté l'inspection de véhicules et de tablettes et établi des procédures "
            "d'inspection communes. Des inspections conjointes avec des conseillers techniques "
            "portent sur les salaires, les heures supplémentaires, la sécurité incendie et la "
            "liberté syndicale. Des comités bipartites de sécurité et santé ont été mis en place "
            "dans les usines. Les résultats sont discutés dans un comité tripartite de suivi."
        ),
        "objectives": (
            "- Doubler le nombre d'inspections dans les parcs industriels.\n"
            "- Améliorer le respect du salaire minimum et des règles de sécurité incendie.\n"
            "- Garantir le respect de la liberté syndicale dans les usines."
        ),
        "coverage": "Parcs industriels de Port-au-Prince, Caracol et Ouanaminthe",
        "target_population": (
            "Travailleuses et travailleurs du secteur textile, inspecteurs du travail et "
            "employeurs des parcs industriels."
        ),
        "institutions": (
            "Ministère des Affaires sociales et du Travail; association des industries; syndicats "
            "du secteur textile."
        ),
        "start": "2014-01-01",
        "duration_months": 72,
        "funding": "Budget national et coopération internationale.",
        "in_kind": "Locaux mis à disposition dans les parcs industriels pour l'inspection.",
        "other_support": "Accompagnement technique de l'OIT pour la formation des inspecteurs.",
        "achievements": (
            "L'effectif d'inspecteurs affectés aux parcs est passé de 6 à 24 et 1 900 inspections "
            "ont été réalisées. Le respect des règles de sécurité incendie est passé de 45 % à 82 "
            "% des usines."
        ),
        "lessons": (
            "La présence permanente d'inspecteurs dans les parcs a changé la relation avec les "
            "employeurs. Le dialogue tripartite a facilité la résolution des conflits."
        ),
        "improvements": (
            "Assurer la stabilité budgétaire des postes d'inspecteurs et étendre l'inspection aux "
            "entreprises sous-traitantes hors des parcs."
        ),
        "evaluations": (
            "Une évaluation finale en 2020 a souligné les progrès en sécurité incendie et la "
            "persistance de retards dans le paiement des heures supplémentaires."
        ),
        "share_workshops": True,
        "share_bilateral": True,
        "translation": {
            "language": "es",
            "name": (
                "Programa de fortalecimiento de la inspección del trabajo en los parques "
                "industriales"
            ),
            "needs": (
                "Las fábricas textiles de los parques industriales emplean a decenas de miles de "
                "personas, sobre todo mujeres, pero la inspección del trabajo carecía de personal, "
                "transporte y procedimientos para intervenir en ellas."
            ),
            "description": (
                "El programa contrató y formó a nuevos inspectores asignados a los parques "
                "industriales, dotó a la inspección de vehículos y tabletas y estableció "
                "procedimientos comunes. Las inspecciones conjuntas con asesores técnicos abarcan "
                "salarios, horas extraordinarias, seguridad contra incendios y libertad sindical. "
                "Se crearon comités bipartitos de seguridad y salud en las fábricas. Los "
                "resultados se discuten en un comité tripartito de seguimiento."
            ),
            "objectives": (
                "- Duplicar el número de inspecciones en los parques industriales.\n"
                "- Mejorar el cumplimiento del salario mínimo y de las normas de seguridad contra "
                "incendios.\n"
                "- Garantizar el respeto de la libertad sindical en las fábricas."
            ),
        },
    },
    {
        "slug": "cr-corresponsabilidad-cuidados-empleo",
        "name": (
            "Programa de Corresponsabilidad en los Cuidados para la Empleabilidad de las Mujeres"
        ),
        "language": "es",
        "country": "CR",
        "institution": "Ministerio de Trabajo y Seguridad Social de Costa Rica",
        "contact_name": "María Fernanda Solano",
        "contact_email": "mfsolano@example.org",
        "website": "https://www.example.org/cuidados-empleo",
        "category": "gender",
        "themes": ["gender-equality", "employment-services", "social-protection-floors"],
        "targets": ["women"],
        "needs": (
            "La carga de cuidados no remunerados impide a muchas mujeres de hogares de bajos "
            "ingresos buscar empleo, capacitarse o mantener un trabajo formal."
        ),
        "description": (
            "El programa articula los servicios públicos de empleo con la red de centros de cuido "
            "infantil y de personas mayores, para que las mujeres que participan en capacitación o "
            "intermediación tengan un cupo de cuido garantizado. Las participantes reciben "
            "orientación laboral, formación técnica y un subsidio temporal durante la "
            "capacitación. Se trabaja con empresas locales para ofrecer horarios compatibles con "
            "la corresponsabilidad. Una campaña nacional promueve la distribución equitativa de "
            "los cuidados entre hombres y mujeres."
        ),
        "objectives": (
            "- Garantizar servicios de cuido a 5.000 mujeres en procesos de empleabilidad.\n"
            "- Aumentar la inserción laboral formal de mujeres jefas de hogar.\n"
            "- Promover la corresponsabilidad social en los cuidados."
        ),
        "coverage": "Nacional, con prioridad en 30 cantones de menor desarrollo",
        "target_population": (
            "Mujeres de 18 a 55 años de hogares de bajos ingresos con responsabilidades de cuidado."
        ),
        "institutions": (
            "Ministerio de Trabajo y Seguridad Social; instituto nacional de las mujeres; red "
            "nacional de cuido; instituto nacional de aprendizaje; municipalidades."
        ),
        "start": "2020-08-01",
        "duration_months": None,
        "funding": "Fondo de desarrollo social y asignaciones familiares.",
        "in_kind": (
            "Cupos en los centros de la red nacional de cuido; cursos del instituto nacional de "
            "aprendizaje."
        ),
        "other_support": "",
        "achievements": (
            "Participaron 6.300 mujeres y 4.900 obtuvieron un cupo de cuido. El 37 % de las "
            "participantes consiguió un empleo formal en el año siguiente."
        ),
        "lessons": (
            "La disponibilidad de cuido en horarios extendidos es tan importante como su "
            "gratuidad. La coordinación local entre oficinas de empleo y centros de cuido requiere "
            "un responsable designado."
        ),
        "improvements": (
            "Ampliar los cupos para personas mayores dependientes y medir la permanencia en el "
            "empleo."
        ),
        "evaluations": "",
        "share_workshops": True,
        "share_bilateral": True,
        "translation": None,
    },
    {
        "slug": "pa-prevencion-acoso-laboral",
        "name": "Programa de Prevención del Acoso Laboral y Sexual en el Trabajo",
        "language": "es",
        "country": "PA",
        "institution": "Ministerio de Trabajo y Desarrollo Laboral de Panamá",
        "contact_name": "Gabriela Castillo",
        "contact_email": "gcastillo@example.org",
        "website": "https://www.example.org/prevencion-acoso",
        "category": "gender",
        "themes": ["violence-harassment", "gender-equality", "labour-inspection"],
        "targets": ["women", "employers", "workers"],
        "needs": (
            "Las denuncias de acoso laboral y sexual aumentaban, pero pocas empresas tenían "
            "protocolos de prevención y la inspección carecía de procedimientos específicos para "
            "investigarlas."
        ),
        "description": (
            "El programa elaboró un protocolo modelo de prevención y atención del acoso que las "
            "empresas adaptan e inscriben ante el ministerio. Se capacitó a inspectores y "
            "mediadores en entrevistas con enfoque de género y en la investigación de denuncias. "
            "Una línea de orientación confidencial atiende a las víctimas y las deriva a la "
            "inspección o a los servicios de apoyo psicológico. Se realizaron talleres con comités "
            "de empresa y gremios empresariales."
        ),
        "objectives": (
            "- Lograr que 1.500 empresas inscriban protocolos de prevención del acoso.\n"
            "- Formar a todos los inspectores en la investigación de denuncias de acoso.\n"
            "- Ofrecer orientación confidencial a las víctimas."
        ),
        "coverage": "Nacional",
        "target_population": (
            "Personas trabajadoras, en especial mujeres, y empresas de los sectores comercio, "
            "servicios y banca."
        ),
        "institutions": (
            "Ministerio de Trabajo y Desarrollo Laboral; instituto nacional de la mujer; cámara de "
            "comercio; centrales sindicales."
        ),
        "start": "2022-03-08",
        "duration_months": 24,
        "funding": "Presupuesto del Ministerio de Trabajo.",
        "in_kind": "Psicólogas del instituto nacional de la mujer para la línea de orientación.",
        "other_support": "Apoyo técnico de ONU Mujeres para el protocolo modelo.",
        "achievements": (
            "Se inscribieron 1.240 protocolos y se capacitó a 185 inspectores y mediadores. La "
            "línea de orientación atendió 2.700 consultas."
        ),
        "lessons": (
            "Un protocolo modelo sencillo acelera la adopción en las empresas medianas. La "
            "confidencialidad de la línea fue decisiva para que las víctimas consultaran."
        ),
        "improvements": (
            "Verificar la aplicación efectiva de los protocolos y no solo su inscripción."
        ),
        "evaluations": (
            "Una revisión de 300 expedientes en 2023 mostró que el tiempo medio de investigación "
            "se redujo de 94 a 51 días."
        ),
        "share_workshops": True,
        "share_bilateral": False,
        "translation": None,
    },
    {
        "slug": "bb-women-non-traditional-trades",
        "name": "Women in Non-Traditional Trades Initiative",
        "language": "en",
        "country": "BB",
        "institution": "Ministry of Labour, Social Security and the Third Sector, Barbados",
        "contact_name": "Nicole Alleyne",
        "contact_email": "nalleyne@example.org",
        "website": "https://www.example.org/women-in-trades",
        "category": "gender",
        "themes": ["gender-equality", "skills-training"],
        "targets": ["women", "youth"],
        "needs": (
            "Women are largely absent from construction, electrical, plumbing and automotive "
            "trades, which offer better pay than the service jobs where most young women are "
            "employed."
        ),
        "description": (
            "The initiative offers women a six-month course combining technical training in a "
            "trade, workplace safety and job readiness, followed by a three-month paid placement "
            "with a contractor. Female tradespeople act as mentors and speak in schools to "
            "challenge stereotypes. Participating employers receive guidance on providing "
            "appropriate facilities and preventing harassment on site. Graduates can register as "
            "apprentices or as independent contractors."
        ),
        "objectives": (
            "- Train 300 women in construction and technical trades.\n"
            "- Place at least 60% of graduates in employment or self-employment.\n"
            "- Change perceptions of women in trades among employers and young people."
        ),
        "coverage": "National",
        "target_population": "Women aged 18 to 35 who are unemployed or in low-paid work.",
        "institutions": (
            "Ministry of Labour, Social Security and the Third Sector; national technical training "
            "institute; construction contractors association; women's organisations."
        ),
        "start": "2019-09-01",
        "duration_months": 30,
        "funding": "National budget with a grant from a regional development fund.",
        "in_kind": (
            "Workshops of the technical training institute and placements offered by contractors."
        ),
        "other_support": "",
        "achievements": (
            "274 women completed the training and 171 found employment or started their own "
            "business. Twelve contractors hired women for the first time."
        ),
        "lessons": (
            "Mentoring by women already working in the trades was the single most valued element. "
            "Paid placements help convince sceptical employers."
        ),
        "improvements": (
            "Provide childcare support during training and follow graduates for longer."
        ),
        "evaluations": (
            "A tracer survey in 2022 found that 62% of graduates were working in their trade one "
            "year after completion."
        ),
        "share_workshops": True,
        "share_bilateral": True,
        "translation": None,
    },
    {
        "slug": "sv-autonomia-economica-mujeres-rurales",
        "name": "Programa de Autonomía Económica para Mujeres Rurales",
        "language": "es",
        "country": "SV",
        "institution": "Ministerio de Trabajo y Previsión Social de El Salvador",
        "contact_name": "Karla Hernández",
        "contact_email": "khernandez@example.org",
        "website": "",
        "category": "gender",
        "themes": ["gender-equality", "msme"],
        "targets": ["women", "rural"],
        "needs": (
            "Las mujeres rurales tienen las tasas más bajas de participación laboral y de ingresos "
            "propios, y sus emprendimientos rara vez superan la subsistencia."
        ),
        "description": (
            "El programa forma a mujeres rurales en gestión de negocios, finanzas personales y "
            "técnicas productivas, y les entrega un capital semilla para iniciar o ampliar un "
            "emprendimiento. Las participantes se organizan en grupos asociativos que compran "
            "insumos y comercializan en común. Técnicas de campo acompañan a cada grupo durante un "
            "año. Se incluyen sesiones sobre derechos laborales, prevención de la violencia y "
            "corresponsabilidad en el hogar."
        ),
        "objectives": (
            "- Fortalecer 1.200 emprendimientos de mujeres rurales.\n"
            "- Aumentar los ingresos propios de las participantes.\n"
            "- Promover la asociatividad para la comercialización."
        ),
        "coverage": "Departamentos de Morazán, La Unión, Chalatenango y Cabañas",
        "target_population": (
            "Mujeres rurales de 18 a 60 años con un emprendimiento o una idea de negocio."
        ),
        "institutions": (
            "Ministerio de Trabajo y Previsión Social; instituto para el desarrollo de la mujer; "
            "comisión nacional de la micro y pequeña empresa; alcaldías."
        ),
        "start": "2021-03-01",
        "duration_months": 36,
        "funding": "Presupuesto nacional y un proyecto de cooperación bilateral.",
        "in_kind": "Locales comunales cedidos por las alcaldías.",
        "other_support": (
            "Acuerdo con una cooperativa de ahorro y crédito para abrir cuentas a las "
            "participantes."
        ),
        "achievements": (
            "Participaron 1.380 mujeres organizadas en 92 grupos asociativos. El ingreso mensual "
            "medio de sus emprendimientos aumentó un 41 % en el primer año."
        ),
        "lessons": (
            "Los grupos asociativos dan sostenibilidad y poder de negociación. El acompañamiento "
            "en campo es tan importante como el capital semilla."
        ),
        "improvements": (
            "Facilitar el acceso a mercados institucionales y a crédito después del capital "
            "semilla."
        ),
        "evaluations": (
            "La línea de base y la medición de seguimiento de 2023 mostraron que el 72 % de los "
            "emprendimientos seguía activo tras 18 meses."
        ),
        "share_workshops": True,
        "share_bilateral": True,
        "translation": None,
    },
    {
        "slug": "hn-formalizacion-microempresas",
        "name": "Programa de Formalización de Microempresas con Protección Social",
        "language": "es",
        "country": "HN",
        "institution": "Secretaría de Trabajo y Seguridad Social de Honduras",
        "contact_name": "Luis Alberto Zelaya",
        "contact_email": "lzelaya@example.org",
        "website": "https://www.example.org/formalizacion-microempresas",
        "category": "msme",
        "themes": ["formalisation", "social-protection-floors", "msme"],
        "targets": ["msme", "informal"],
        "needs": (
            "Más del 80 % de las microempresas urbanas opera en la informalidad y sus dueños y "
            "trabajadores carecen de cobertura de salud y de pensiones."
        ),
        "description": (
            "El programa ofrece a las microempresas un régimen simplificado de inscripción en la "
            "seguridad social, con aportes reducidos y crecientes durante los primeros tres años. "
            "Promotores visitan mercados y zonas comerciales, explican los beneficios y realizan "
            "la inscripción en el lugar con tabletas. Las microempresas inscritas reciben "
            "capacitación en gestión y acceso preferente a programas de apoyo productivo. Los "
            "trabajadores afiliados obtienen cobertura de salud y acumulan cotizaciones para la "
            "pensión."
        ),
        "objectives": (
            "- Inscribir 10.000 microempresas en el régimen simplificado.\n"
            "- Extender la cobertura de salud y pensiones a 25.000 trabajadores.\n"
            "- Fortalecer la gestión de las microempresas formalizadas."
        ),
        "coverage": "Tegucigalpa, San Pedro Sula, La Ceiba y Choluteca",
        "target_population": (
            "Microempresas informales de comercio y servicios con hasta diez trabajadores."
        ),
        "institutions": (
            "Secretaría de Trabajo y Seguridad Social; instituto de seguridad social; alcaldías "
            "municipales; cámaras de comercio."
        ),
        "start": "2018-07-01",
        "duration_months": 48,
        "funding": "Presupuesto nacional y apoyo de un programa regional de cooperación.",
        "in_kind": "Espacios en los mercados municipales para los puntos de inscripción.",
        "other_support": "",
        "achievements": (
            "Se inscribieron 7.800 microempresas y 19.400 trabajadores obtuvieron cobertura. El 64 "
            "% seguía cotizando al finalizar el tercer año."
        ),
        "lessons": (
            "La inscripción en el lugar de trabajo elimina una barrera importante. La gradualidad "
            "de los aportes es clave, pero debe comunicarse con claridad para evitar abandonos al "
            "final."
        ),
        "improvements": (
            "Mejorar la atención de salud percibida por los nuevos afiliados, que condiciona su "
            "permanencia."
        ),
        "evaluations": (
            "Una evaluación de procesos de 2021 identificó demoras en la emisión de los carnés de "
            "afiliación como principal causa de insatisfacción."
        ),
        "share_workshops": True,
        "share_bilateral": True,
        "translation": None,
    },
    {
        "slug": "bo-unidades-productivas-empleo",
        "name": "Programa de Fortalecimiento de Unidades Productivas y Empleo Juvenil",
        "language": "es",
        "country": "BO",
        "institution": "Ministerio de Trabajo, Empleo y Previsión Social de Bolivia",
        "contact_name": "Marco Antonio Choque",
        "contact_email": "machoque@example.org",
        "website": "",
        "category": "msme",
        "themes": ["msme", "youth-employment"],
        "targets": ["msme", "youth"],
        "needs": (
            "Las pequeñas unidades productivas urbanas tienen baja productividad y no contratan "
            "jóvenes por el costo y el riesgo de formarlos."
        ),
        "description": (
            "El programa cofinancia durante seis meses el salario de jóvenes contratados por "
            "pequeñas unidades productivas de manufactura, alimentos, textiles y servicios. Al "
            "mismo tiempo ofrece a las unidades asistencia técnica en productividad, costos y "
            "seguridad en el taller. Los jóvenes reciben capacitación complementaria en centros de "
            "formación técnica. Las oficinas de empleo preseleccionan a los candidatos según las "
            "necesidades de cada unidad."
        ),
        "objectives": (
            "- Generar 4.000 empleos para jóvenes en pequeñas unidades productivas.\n"
            "- Mejorar la productividad de 1.000 unidades productivas.\n"
            "- Consolidar la contratación de jóvenes después del cofinanciamiento."
        ),
        "coverage": "La Paz, El Alto, Cochabamba y Santa Cruz",
        "target_population": (
            "Jóvenes de 18 a 28 años desempleados y pequeñas unidades productivas urbanas."
        ),
        "institutions": (
            "Ministerio de Trabajo, Empleo y Previsión Social; servicio público de empleo; "
            "institutos técnicos; asociaciones de pequeños productores."
        ),
        "start": "2016-05-01",
        "duration_months": 60,
        "funding": "Presupuesto nacional y préstamo de un banco multilateral.",
        "in_kind": "Instructores de institutos técnicos públicos.",
        "other_support": "",
        "achievements": (
            "Se crearon 4.350 empleos juveniles en 1.120 unidades productivas. El 57 % de los "
            "jóvenes seguía contratado seis meses después del fin del cofinanciamiento."
        ),
        "lessons": (
            "Combinar el subsidio con asistencia técnica a la unidad productiva mejora la "
            "permanencia de los jóvenes. La preselección por el servicio de empleo reduce la "
            "rotación."
        ),
        "improvements": (
            "Simplificar los requisitos de registro de las unidades productivas y digitalizar los "
            "pagos."
        ),
        "evaluations": "",
        "share_workshops": False,
        "share_bilateral": True,
        "translation": None,
    },
    {
        "slug": "lc-small-business-compliance-clinics",
        "name": "Small Business Labour Compliance Clinics",
        "language": "en",
        "country": "LC",
        "institution": "Department of Labour, Saint Lucia",
        "contact_name": "Marcia Joseph",
        "contact_email": "mjoseph@example.org",
        "website": "",
        "category": "msme",
        "themes": ["msme", "working-conditions", "employment-injury"],
        "targets": ["msme", "employers"],
        "needs": (
            "Small businesses often break labour laws out of ignorance rather than intent, and "
            "most complaints to the Department involve unpaid leave, missing contracts or "
            "unreported injuries."
        ),
        "description": (
            "The Department runs monthly walk-in clinics and quarterly visits to rural districts "
            "where small business owners get free advice on contracts, wages, leave, termination "
            "and workplace injuries. Officers use a simple checklist to review each business's "
            "practices and leave a written action plan. Template contracts, payroll records and "
            "injury report forms are provided free of charge. Businesses that complete their plan "
            "receive a compliance certificate useful in public tenders."
        ),
        "objectives": (
            "- Advise 600 small businesses a year on their labour obligations.\n"
            "- Reduce the number of labour complaints against small businesses.\n"
            "- Improve the reporting of workplace injuries."
        ),
        "coverage": "National, including quarterly rural outreach",
        "target_population": (
            "Small businesses with fewer than 25 employees, particularly in retail, tourism and "
            "agriculture."
        ),
        "institutions": (
            "Department of Labour; small business development centre; chamber of commerce; "
            "national insurance corporation."
        ),
        "start": "2022-01-01",
        "duration_months": None,
        "funding": "Department of Labour recurrent budget.",
        "in_kind": (
            "Meeting rooms provided by the chamber of commerce and the small business development "
            "centre."
        ),
        "other_support": "",
        "achievements": (
            "Officers advised 1,350 businesses in the first two years and 480 earned a compliance "
            "certificate. Complaints against participating businesses fell by a third."
        ),
        "lessons": (
            "Business owners respond better to advice than to inspection, provided the service is "
            "clearly separate from enforcement. Templates are the most used resource."
        ),
        "improvements": (
            "Offer online bookings and follow-up by phone, and reach informal businesses in "
            "markets."
        ),
        "evaluations": "",
        "share_workshops": True,
        "share_bilateral": True,
        "translation": None,
    },
    {
        "slug": "py-formalizate-registro-patronal",
        "name": "Formalizate: registro obrero patronal simplificado para microempresas",
        "language": "es",
        "country": "PY",
        "institution": "Ministerio de Trabajo, Empleo y Seguridad Social del Paraguay",
        "contact_name": "Diego Benítez Ayala",
        "contact_email": "dbenitez@example.org",
        "website": "https://www.example.org/formalizate",
        "category": "msme",
        "themes": ["formalisation", "pensions", "digital-services"],
        "targets": ["msme", "informal", "workers"],
        "needs": (
            "La baja cobertura de la seguridad social se explica en parte por trámites de registro "
            "de empleadores duplicados y presenciales, que las microempresas no pueden afrontar."
        ),
        "description": (
            "El programa unificó en un solo formulario en línea el registro del empleador ante el "
            "ministerio y ante el instituto de previsión social, con validación automática de la "
            "identidad y del registro tributario. Las microempresas pueden inscribir a sus "
            "trabajadores, presentar planillas y pagar aportes desde el teléfono móvil. Un "
            "simulador muestra a cada trabajador sus cotizaciones acumuladas para la jubilación. "
            "Se organizaron jornadas de inscripción asistida en mercados y ferias."
        ),
        "objectives": (
            "- Reducir a un solo trámite en línea el registro de empleadores.\n"
            "- Aumentar la inscripción de trabajadores de microempresas en el régimen de "
            "jubilaciones.\n"
            "- Facilitar la presentación de planillas y el pago de aportes."
        ),
        "coverage": "Nacional",
        "target_population": (
            "Microempresas y sus trabajadores, en particular en comercio, servicios y construcción."
        ),
        "institutions": (
            "Ministerio de Trabajo, Empleo y Seguridad Social; instituto de previsión social; "
            "administración tributaria; ministerio de tecnologías de la información."
        ),
        "start": "2019-05-01",
        "duration_months": None,
        "funding": "Presupuesto nacional.",
        "in_kind": (
            "Infraestructura de interoperabilidad del ministerio de tecnologías de la información."
        ),
        "other_support": (
            "Asistencia técnica de un banco de desarrollo para el rediseño de procesos."
        ),
        "achievements": (
            "Se registraron 22.600 nuevos empleadores y 61.000 trabajadores en el régimen de "
            "jubilaciones. El trámite de registro pasó de 15 días a 20 minutos."
        ),
        "lessons": (
            "La interoperabilidad entre instituciones exige acuerdos formales y un equipo técnico "
            "común. Mostrar las cotizaciones acumuladas motiva a los trabajadores a exigir su "
            "inscripción."
        ),
        "improvements": (
            "Incorporar incentivos para la primera contratación y mejorar la atención en idioma "
            "guaraní."
        ),
        "evaluations": (
            "Un análisis de datos administrativos de 2022 atribuyó al programa un aumento de 6 % "
            "en el número de empleadores cotizantes respecto de la tendencia previa."
        ),
        "share_workshops": True,
        "share_bilateral": True,
        "translation": {
            "language": "en",
            "name": (
                "Formalizate: simplified employer and worker registration for micro-enterprises"
            ),
            "needs": (
                "Low social security coverage is partly due to duplicated, in-person employer "
                "registration procedures that micro-enterprises cannot manage."
            ),
            "description": (
                "The programme merged employer registration with the ministry and with the social "
                "security institute into a single online form, with automatic validation of "
                "identity and tax registration. Micro-enterprises can register their workers, file "
                "payroll and pay contributions from a mobile phone. A simulator shows each worker "
                "their accumulated pension contributions. Assisted registration days were held in "
                "markets and fairs."
            ),
            "objectives": (
                "- Reduce employer registration to a single online procedure.\n"
                "- Increase the enrolment of micro-enterprise workers in the pension scheme.\n"
                "- Make filing payroll and paying contributions easier."
            ),
        },
    },
]


TELEWORK_INSTRUMENTS: list[dict] = [
    {
        "country": "AR",
        "title": "Ley 27.555 de Régimen Legal del Contrato de Teletrabajo",
        "kind": "law",
        "date": "2020-08-14",
        "summary": (
            "Incorpora al régimen de contrato de trabajo la modalidad de teletrabajo, con igualdad "
            "de derechos respecto de la modalidad presencial. Establece el derecho a la "
            "desconexión digital, la voluntariedad, la reversibilidad y la provisión de equipos "
            "por parte del empleador."
        ),
        "url": "",
    },
    {
        "country": "AR",
        "title": "Decreto 27/2021, reglamentación de la Ley 27.555",
        "kind": "decree",
        "date": "2021-01-19",
        "summary": (
            "Reglamenta el régimen legal del contrato de teletrabajo y precisa las condiciones de "
            "la reversibilidad y de las tareas de cuidado. Detalla la compensación de los gastos "
            "de conectividad y equipamiento."
        ),
        "url": "",
    },
    {
        "country": "CL",
        "title": "Ley 21.220 que modifica el Código del Trabajo en materia de trabajo a distancia",
        "kind": "law",
        "date": "2020-03-26",
        "summary": (
            "Regula el trabajo a distancia y el teletrabajo, que pueden pactarse al inicio o "
            "durante la relación laboral. Establece el derecho a desconexión de al menos doce "
            "horas continuas y la obligación del empleador de proporcionar equipos y herramientas."
        ),
        "url": "",
    },
    {
        "country": "CO",
        "title": (
            "Ley 1221 de 2008 por la cual se establecen normas para promover y regular el "
            "Teletrabajo"
        ),
        "kind": "law",
        "date": "2008-07-16",
        "summary": (
            "Define el teletrabajo y sus modalidades autónoma, móvil y suplementaria, y establece "
            "garantías laborales y de seguridad social para los teletrabajadores. Crea una "
            "política pública de fomento del teletrabajo, con énfasis en poblaciones vulnerables."
        ),
        "url": "",
    },
    {
        "country": "CO",
        "title": "Libro Blanco: el ABC del Teletrabajo en Colombia",
        "kind": "guide",
        "date": "2012-11-01",
        "summary": (
            "Guía práctica para que las organizaciones implementen el teletrabajo en etapas, desde "
            "el compromiso institucional hasta la prueba piloto y la adopción. Incluye "
            "recomendaciones jurídicas, tecnológicas y de gestión del talento humano."
        ),
        "url": "",
    },
    {
        "country": "CR",
        "title": "Ley 9738 para regular el teletrabajo",
        "kind": "law",
        "date": "2019-09-18",
        "summary": (
            "Regula el teletrabajo en los sectores público y privado como modalidad voluntaria que "
            "se acuerda por escrito. Establece las obligaciones de las partes sobre equipo, "
            "costos, jornada y riesgos del trabajo."
        ),
        "url": "",
    },
    {
        "country": "EC",
        "title": "Acuerdo Ministerial MDT-2020-181: directrices para la aplicación del teletrabajo",
        "kind": "resolution",
        "date": "2020-09-14",
        "summary": (
            "Expide las directrices para la aplicación del teletrabajo en el sector privado, a "
            "tiempo completo o parcial. Regula el acuerdo entre las partes, el derecho a la "
            "desconexión y el registro de los contratos de teletrabajo."
        ),
        "url": "",
    },
    {
        "country": "MX",
        "title": (
            "Decreto por el que se reforma el artículo 311 y se adiciona el Capítulo XII Bis de la "
            "Ley Federal del Trabajo, en materia de Teletrabajo"
        ),
        "kind": "law",
        "date": "2021-01-11",
        "summary": (
            "Regula el teletrabajo cuando más del 40 % del tiempo se realiza en el domicilio o en "
            "un lugar elegido por la persona trabajadora. Obliga al patrón a proporcionar equipo, "
            "pagar parte de los servicios de telecomunicación y electricidad y respetar el derecho "
            "a la desconexión."
        ),
        "url": "",
    },
    {
        "country": "MX",
        "title": "NOM-037-STPS-2023, Teletrabajo: condiciones de seguridad y salud en el trabajo",
        "kind": "regulation",
        "date": "2023-06-08",
        "summary": (
            "Establece las condiciones de seguridad y salud en el trabajo que deben cumplirse en "
            "los lugares donde se realiza teletrabajo. Prevé obligaciones de verificación de las "
            "condiciones del lugar, ergonomía y prevención de riesgos psicosociales."
        ),
        "url": "",
    },
    {
        "country": "PE",
        "title": "Ley 31572, Ley del Teletrabajo",
        "kind": "law",
        "date": "2022-09-11",
        "summary": (
            "Regula el teletrabajo en las entidades públicas y en las instituciones y empresas "
            "privadas, total o parcial. Reconoce el derecho a la desconexión digital y la "
            "compensación de los gastos cuando los equipos los aporta la persona trabajadora."
        ),
        "url": "",
    },
    {
        "country": "PE",
        "title": "Decreto Supremo 002-2023-TR, Reglamento de la Ley del Teletrabajo",
        "kind": "regulation",
        "date": "2023-02-26",
        "summary": (
            "Desarrolla las disposiciones de la Ley del Teletrabajo sobre el cambio de modalidad, "
            "la compensación de gastos y la seguridad y salud en el trabajo. Detalla las "
            "obligaciones de capacitación y de información sobre protección de datos."
        ),
        "url": "",
    },
    {
        "country": "UY",
        "title": "Ley 19.978 de promoción y regulación del teletrabajo",
        "kind": "law",
        "date": "2021-08-20",
        "summary": (
            "Establece normas para la promoción y regulación del teletrabajo en relación de "
            "dependencia en el sector privado. Regula la voluntariedad, la reversibilidad, la "
            "jornada y el derecho a la desconexión."
        ),
        "url": "",
    },
    {
        "country": "BR",
        "title": "Lei 14.442, que dispõe sobre o teletrabalho e o auxílio-alimentação",
        "kind": "law",
        "date": "2022-09-02",
        "summary": (
            "Altera a Consolidação das Leis do Trabalho para permitir a contratação do "
            "teletrabalho por jornada, por produção ou por tarefa. Prevê o regime híbrido e a "
            "prioridade para trabalhadores com deficiência ou com filhos de até quatro anos."
        ),
        "url": "",
    },
    {
        "country": "PA",
        "title": "Ley 126 de 2020 que establece y regula el teletrabajo",
        "kind": "law",
        "date": "2020-02-18",
        "summary": (
            "Regula el teletrabajo como modalidad voluntaria de prestación de servicios en las "
            "relaciones laborales del sector privado. Define los derechos y obligaciones de las "
            "partes sobre equipos, costos de conexión y seguridad y salud."
        ),
        "url": "",
    },
]
