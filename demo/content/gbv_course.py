"""Demo course "Gender-based violence at work", in Spanish and English.

Pure data: the same modules, lessons, blocks and quiz answers in both languages, so that a
Spanish-speaking cohort and an English-speaking cohort take the same course.
"""

COURSE = {
    "es": {
        "title": "Violencia basada en género en el trabajo",
        "slug": "violencia-basada-en-genero-en-el-trabajo",
        "summary": (
            "Curso con tutoría de diez semanas sobre la violencia y el acoso por razón de género "
            "en el mundo del trabajo, a partir del Convenio núm. 190 y la Recomendación núm. 206 "
            "de la OIT. Analiza cómo los ministerios de trabajo pueden identificar, prevenir, "
            "atender y sancionar estas conductas, y reúne tipos de buenas prácticas de la "
            "región."
        ),
        "objectives": [
            (
                "Explicar los conceptos de violencia y acoso, y de violencia y acoso por razón "
                "de género, según el Convenio núm. 190 y la Recomendación núm. 206 de la OIT."
            ),
            (
                "Reconocer las causas, las formas y los efectos de la violencia basada en género "
                "en el trabajo, incluido el impacto de la violencia doméstica en el mundo del "
                "trabajo."
            ),
            (
                "Describir las funciones de los ministerios de trabajo para identificar, "
                "prevenir, atender y sancionar la violencia y el acoso en el trabajo."
            ),
            (
                "Analizar el marco jurídico e institucional de su país frente a los elementos "
                "del Convenio núm. 190 y proponer mejoras concretas."
            ),
            (
                "Valorar buenas prácticas de la región con criterios de resultados, "
                "sostenibilidad y transferibilidad."
            ),
        ],
        "audience": (
            "Personal de los ministerios de trabajo de las Américas: inspectoras e inspectores "
            "del trabajo, responsables de políticas laborales y de igualdad, y puntos focales de "
            "género. También pueden participar otras instituciones públicas que colaboran con "
            "ellos en esta materia."
        ),
        "duration_weeks": 10,
        "weekly_hours": 4,
        "certificate_hours": 40,
        "modules": [
            {
                "number": 0,
                "title": "Orientación",
                "slug": "orientacion",
                "opens_week": 1,
                "closes_week": 1,
                "intro": (
                    "Conozca el funcionamiento del curso, a su tutora o tutor y a sus colegas de "
                    "cohorte. Esta semana prepara el terreno para las nueve semanas siguientes."
                ),
                "lessons": [
                    {
                        "title": "Le damos la bienvenida",
                        "slug": "bienvenida",
                        "minutes": 20,
                        "body": [
                            (
                                "text",
                                (
                                    "<h3>Un curso entre ministerios de trabajo</h3>"
                                    "<p>Gracias por sumarse a este curso de la Red "
                                    "Interamericana para la Administración Laboral (RIAL). "
                                    "Durante diez semanas, usted y colegas de ministerios de "
                                    "trabajo de distintos países de las Américas estudiarán un "
                                    "problema que afecta la salud, la dignidad y los derechos de "
                                    "muchas personas trabajadoras, y que recae de forma "
                                    "desproporcionada sobre las mujeres: la violencia y el acoso "
                                    "por razón de género en el mundo del trabajo.</p>"
                                    "<p>En junio de 2019, la Conferencia Internacional del "
                                    "Trabajo adoptó el Convenio sobre la violencia y el acoso "
                                    "(núm. 190) y la Recomendación que lo acompaña (núm. 206). "
                                    "Es la primera norma internacional del trabajo dedicada "
                                    "específicamente a este tema y reconoce el derecho de toda "
                                    "persona a un mundo del trabajo libre de violencia y acoso. "
                                    "En el ámbito interamericano, la Convención de Belém do Pará "
                                    "(1994) ya incluía el acoso sexual en el lugar de trabajo "
                                    "entre las formas de violencia contra la mujer que los "
                                    "Estados deben prevenir, sancionar y erradicar.</p>"
                                    "<p>Los ministerios de trabajo ocupan un lugar central en la "
                                    "aplicación de estas normas: proponen leyes y reglamentos, "
                                    "dirigen la inspección del trabajo, promueven el diálogo "
                                    "social, producen información y orientan a empleadores y "
                                    "personas trabajadoras. Este curso busca fortalecer esas "
                                    "funciones.</p>"
                                    "<h3>Qué encontrará en el curso</h3>"
                                    "<ul>"
                                    "<li><strong>Módulo 0, Orientación (semana 1):</strong> "
                                    "funcionamiento del curso y presentación del grupo.</li>"
                                    "<li><strong>Módulo 1, Marco conceptual (semanas 2 y "
                                    "3):</strong> definiciones, alcance, causas, formas y "
                                    "efectos.</li>"
                                    "<li><strong>Módulo 2, El papel de los ministerios de "
                                    "trabajo (semanas 4 a 6):</strong> identificar, prevenir, "
                                    "atender y sancionar.</li>"
                                    "<li><strong>Módulo 3, Buenas prácticas (semanas 7 a "
                                    "9):</strong> tipos de práctica de la región y criterios "
                                    "para valorarlas.</li>"
                                    "<li><strong>Módulo 4, Conclusiones (semana 10):</strong> "
                                    "mensajes clave, evaluación final y encuesta.</li></ul>"
                                    "<p>El curso combina lecturas breves, cuestionarios, foros "
                                    "de intercambio, una tarea aplicada a su propio ministerio y "
                                    "tres sesiones en vivo. Le invitamos a aprovechar la "
                                    "diversidad del grupo: las preguntas y experiencias de cada "
                                    "participante enriquecen el aprendizaje de todas y "
                                    "todos.</p>"
                                    "<p>Un cuidado importante: el tema puede despertar recuerdos "
                                    "o emociones difíciles. Tome las pausas que necesite y, si "
                                    "lo desea, escriba a su tutora o tutor de manera "
                                    "privada.</p>"
                                ),
                            ),
                            (
                                "live_session",
                                {
                                    "title": "Sesión de bienvenida",
                                    "week": 1,
                                    "weekday": 3,
                                    "time": "10:00",
                                    "time_zone": "America/Bogota",
                                    "minutes": 60,
                                    "join_url": "https://meet.example.org/rial-gbv-es-semana-1",
                                    "description": (
                                        "Presentación del equipo docente y del grupo, recorrido "
                                        "por la plataforma y espacio para preguntas sobre el "
                                        "funcionamiento del curso."
                                    ),
                                },
                            ),
                        ],
                    },
                    {
                        "title": "Cómo funciona el curso",
                        "slug": "como-funciona-el-curso",
                        "minutes": 30,
                        "body": [
                            (
                                "text",
                                (
                                    "<h3>El ritmo semanal</h3>"
                                    "<p>El curso dura diez semanas y requiere unas cuatro horas "
                                    "de dedicación por semana. Cada módulo se abre el lunes de "
                                    "la semana indicada en el calendario y sus actividades "
                                    "tienen fechas de entrega. Le recomendamos seguir el ritmo "
                                    "del grupo para participar en los debates mientras están "
                                    "activos. Una semana típica incluye:</p>"
                                    "<ul>"
                                    "<li>leer la lección o las lecciones de la semana (entre 40 "
                                    "y 60 minutos cada una);</li>"
                                    "<li>realizar el cuestionario o la tarea "
                                    "correspondiente;</li>"
                                    "<li>participar en el foro del módulo, con un aporte propio "
                                    "y al menos un comentario a colegas;</li>"
                                    "<li>cuando corresponda, asistir a la sesión en "
                                    "vivo.</li></ul>"
                                    "<h3>Su tutora o tutor</h3>"
                                    "<p>Cada cohorte cuenta con una persona tutora especializada "
                                    "en la materia. Su función es acompañar el aprendizaje: "
                                    "responde consultas sobre los contenidos, modera los foros, "
                                    "califica la tarea del módulo 2 con comentarios "
                                    "personalizados y le contacta si observa que se ha "
                                    "retrasado. Plantee las consultas sobre el contenido en el "
                                    "foro de consultas, para que la respuesta sirva a todo el "
                                    "grupo; los asuntos personales puede tratarlos por mensaje "
                                    "privado. La persona tutora responde en un plazo máximo de "
                                    "dos días hábiles.</p>"
                                    "<h3>Foros y sesiones en vivo</h3>"
                                    "<p>Los foros son el espacio principal de intercambio entre "
                                    "ministerios. Escriba con respeto y, al mencionar casos "
                                    "reales, omita nombres y cualquier dato que permita "
                                    "identificar a las personas o a las empresas involucradas. "
                                    "Habrá tres sesiones en vivo: la bienvenida (semana 1), una "
                                    "sesión sobre el papel de los ministerios (semana 5) y el "
                                    "cierre (semana 10). Si no puede asistir, la persona tutora "
                                    "publicará un resumen en el foro.</p>"
                                    "<h3>Certificado</h3>"
                                    "<p>Para obtener el certificado de aprobación, que acredita "
                                    "40 horas, usted debe cumplir tres condiciones:</p>"
                                    "<ol>"
                                    "<li>completar las actividades obligatorias, señaladas como "
                                    "tales en la plataforma: el cuestionario del módulo 1, la "
                                    "tarea del módulo 2 y la evaluación final;</li>"
                                    "<li>obtener al menos un 70 % en la evaluación final, que "
                                    "admite dos intentos y conserva la mejor calificación;</li>"
                                    "<li>responder la encuesta de satisfacción del módulo "
                                    "4.</li></ol>"
                                    "<p>Antes de continuar, compruebe lo que ha leído con el "
                                    "cuestionario de práctica (no lleva nota y puede repetirlo "
                                    "cuantas veces quiera) y preséntese en el foro.</p>"
                                ),
                            ),
                            (
                                "quiz",
                                {
                                    "title": "Cuestionario de práctica: cómo funciona el curso",
                                    "mode": "practice",
                                    "final": False,
                                    "required": False,
                                    "max_attempts": 0,
                                    "policy": "last",
                                    "pass_mark": 70,
                                    "questions": [
                                        {
                                            "text": (
                                                "¿Qué calificación mínima debe obtener en la "
                                                "evaluación final para recibir el certificado?"
                                            ),
                                            "kind": "single",
                                            "explanation": (
                                                "La evaluación final se aprueba con al menos un "
                                                "70 %. Tiene dos intentos y se conserva la mejor "
                                                "calificación."
                                            ),
                                            "choices": [
                                                {
                                                    "text": "50 %",
                                                    "correct": False,
                                                    "feedback": (
                                                        "Es menos de lo necesario: el mínimo es "
                                                        "70 %."
                                                    ),
                                                },
                                                {
                                                    "text": "60 %",
                                                    "correct": False,
                                                    "feedback": (
                                                        "No es suficiente: el mínimo es 70 %."
                                                    ),
                                                },
                                                {
                                                    "text": "70 %",
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: 70 % es la calificación "
                                                        "mínima de aprobación."
                                                    ),
                                                },
                                                {
                                                    "text": "100 %",
                                                    "correct": False,
                                                    "feedback": (
                                                        "No se exige la calificación perfecta; "
                                                        "basta con 70 %."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "¿Cuáles de estas condiciones son necesarias "
                                                "para obtener el certificado? Seleccione todas "
                                                "las que correspondan."
                                            ),
                                            "kind": "multiple",
                                            "explanation": (
                                                "El certificado exige completar las actividades "
                                                "obligatorias, obtener al menos 70 % en la "
                                                "evaluación final y responder la encuesta de "
                                                "satisfacción. La asistencia a las sesiones en "
                                                "vivo es muy recomendable, pero no obligatoria."
                                            ),
                                            "choices": [
                                                {
                                                    "text": (
                                                        "Completar las actividades obligatorias"
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: el cuestionario del módulo 1, "
                                                        "la tarea del módulo 2 y la evaluación "
                                                        "final son obligatorios."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Obtener al menos 70 % en la evaluación "
                                                        "final"
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: es la calificación mínima de "
                                                        "aprobación."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Responder la encuesta de satisfacción"
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: la encuesta es obligatoria "
                                                        "para emitir el certificado."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Asistir a todas las sesiones en vivo"
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "Las sesiones son recomendables, pero si "
                                                        "no puede asistir encontrará un resumen "
                                                        "en el foro."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "Tiene una duda sobre un concepto de una "
                                                "lección. ¿Cuál es la mejor forma de plantearla?"
                                            ),
                                            "kind": "single",
                                            "explanation": (
                                                "Las consultas sobre el contenido se publican en "
                                                "el foro de consultas: la respuesta de la "
                                                "persona tutora sirve a todo el grupo."
                                            ),
                                            "choices": [
                                                {
                                                    "text": (
                                                        "Publicarla en el foro de consultas del "
                                                        "curso"
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: así la respuesta beneficia "
                                                        "también a sus colegas."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Guardarla para la sesión de cierre de "
                                                        "la semana 10"
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "Es mejor no esperar: la persona tutora "
                                                        "responde en el foro en dos días hábiles "
                                                        "como máximo."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Escribir a la mesa de ayuda técnica de "
                                                        "la plataforma"
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "La mesa de ayuda atiende problemas "
                                                        "técnicos, no dudas sobre los "
                                                        "contenidos."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "Quiere comentar en el foro un caso de acoso que "
                                                "conoció en su trabajo. ¿Qué debe hacer?"
                                            ),
                                            "kind": "single",
                                            "explanation": (
                                                "Los casos reales enriquecen el debate, siempre "
                                                "que se protejan la identidad y la "
                                                "confidencialidad de las personas involucradas."
                                            ),
                                            "choices": [
                                                {
                                                    "text": (
                                                        "Incluir el nombre de la empresa para "
                                                        "alertar a otras personas"
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "No: identificar a la empresa puede "
                                                        "permitir identificar a las personas "
                                                        "involucradas."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Describirlo sin nombres ni datos que "
                                                        "permitan identificar a las personas o a "
                                                        "la empresa"
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: así el caso sirve para "
                                                        "aprender sin exponer a nadie."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "No mencionar nunca casos reales, ni "
                                                        "siquiera sin datos identificatorios"
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "Los casos anonimizados son bienvenidos "
                                                        "y ayudan a aplicar los conceptos."
                                                    ),
                                                },
                                            ],
                                        },
                                    ],
                                },
                            ),
                            (
                                "forum_task",
                                {
                                    "title": "Preséntese al grupo",
                                    "instructions": (
                                        "<p>Publique en el foro del módulo una presentación "
                                        "breve (entre 100 y 200 palabras) que incluya:</p>"
                                        "<ul>"
                                        "<li>su nombre y cómo prefiere que le llamen;</li>"
                                        "<li>el ministerio y la unidad en que trabaja, y sus "
                                        "funciones principales;</li>"
                                        "<li>su experiencia previa, si la tiene, con casos o "
                                        "políticas sobre violencia y acoso en el trabajo;</li>"
                                        "<li>qué espera aprender en el curso y cómo piensa "
                                        "aplicarlo.</li></ul>"
                                        "<p>Después, lea las presentaciones de sus colegas y "
                                        "responda al menos a dos, de preferencia a personas de "
                                        "otros países. Busque puntos en común y diferencias "
                                        "entre las funciones de sus ministerios.</p>"
                                    ),
                                },
                            ),
                        ],
                    },
                ],
            },
            {
                "number": 1,
                "title": "Marco conceptual",
                "slug": "marco-conceptual",
                "opens_week": 2,
                "closes_week": 3,
                "intro": (
                    "Este módulo presenta las definiciones y el alcance del Convenio núm. 190 y "
                    "de la Recomendación núm. 206 de la OIT, y analiza por qué se produce la "
                    "violencia basada en género en el trabajo, qué formas adopta y qué efectos "
                    "tiene."
                ),
                "lessons": [
                    {
                        "title": "Qué son la violencia y el acoso en el mundo del trabajo",
                        "slug": "violencia-y-acoso-en-el-mundo-del-trabajo",
                        "minutes": 45,
                        "body": [
                            (
                                "text",
                                (
                                    "<h3>Una norma internacional para un problema "
                                    "persistente</h3>"
                                    "<p>El Convenio sobre la violencia y el acoso, 2019 (núm. "
                                    "190), y la Recomendación sobre la violencia y el acoso, "
                                    "2019 (núm. 206), fueron adoptados por la Conferencia "
                                    "Internacional del Trabajo en junio de 2019. El Convenio es "
                                    "un tratado que obliga a los Estados que lo ratifican. La "
                                    "Recomendación no se ratifica: ofrece orientaciones "
                                    "detalladas para aplicar el Convenio.</p>"
                                    "<h3>Las definiciones del artículo 1</h3>"
                                    "<p>Según el artículo 1 del Convenio, la expresión "
                                    '<strong>"violencia y acoso"</strong> designa un conjunto de '
                                    "comportamientos y prácticas inaceptables, o de amenazas de "
                                    "tales comportamientos y prácticas, que se manifiesten una "
                                    "sola vez o de manera repetida, y que tengan por objeto, "
                                    "causen o sean susceptibles de causar un daño físico, "
                                    "psicológico, sexual o económico. Incluye la violencia y el "
                                    "acoso por razón de género.</p>"
                                    '<p>La expresión <strong>"violencia y acoso por razón de '
                                    'género"</strong> designa la violencia y el acoso dirigidos '
                                    "contra las personas por razón de su sexo o género, o que "
                                    "afectan de manera desproporcionada a personas de un sexo o "
                                    "género determinado, e incluye el acoso sexual.</p>"
                                    "<p>Tres rasgos merecen atención:</p>"
                                    "<ul>"
                                    "<li><strong>Un solo hecho puede bastar.</strong> No se "
                                    "exige reiteración: un único episodio puede constituir "
                                    "violencia o acoso.</li>"
                                    "<li><strong>Importa el daño, no solo la intención.</strong> "
                                    "Basta con que la conducta cause o pueda causar daño, aunque "
                                    'quien la comete alegue que "era una broma".</li>'
                                    "<li><strong>Margen para la legislación nacional.</strong> "
                                    "Las leyes nacionales pueden definir la violencia y el acoso "
                                    "como un concepto único o como conceptos "
                                    "separados.</li></ul>"
                                    "<p>El Convenio no define por separado el acoso sexual. "
                                    "Muchas legislaciones distinguen dos situaciones: cuando se "
                                    "condiciona un beneficio laboral (contratación, ascenso, "
                                    "permanencia) a la aceptación de conductas sexuales, y "
                                    "cuando las conductas crean un ambiente de trabajo "
                                    "intimidatorio, hostil u ofensivo.</p>"
                                ),
                            ),
                            (
                                "text",
                                (
                                    "<h3>A quién protege (artículo 2)</h3>"
                                    "<p>El Convenio protege a las personas trabajadoras y a "
                                    "otras personas en el mundo del trabajo: las personas "
                                    "asalariadas según la legislación y la práctica nacionales; "
                                    "las personas que trabajan, cualquiera que sea su situación "
                                    "contractual; las personas en formación, incluidos pasantes "
                                    "y aprendices; las personas despedidas; las personas "
                                    "voluntarias; las personas en busca de empleo y postulantes; "
                                    "y quienes ejercen la autoridad, las funciones o las "
                                    "responsabilidades de un empleador. Se aplica a todos los "
                                    "sectores, público o privado, de la economía formal o "
                                    "informal, en zonas urbanas o rurales.</p>"
                                    '<h3>Qué es el "mundo del trabajo" (artículo 3)</h3>'
                                    "<p>El Convenio abarca la violencia y el acoso que ocurren "
                                    "durante el trabajo, en relación con el trabajo o como "
                                    "resultado de este:</p>"
                                    "<ul>"
                                    "<li>en el lugar de trabajo, incluidos los espacios públicos "
                                    "y privados cuando son un lugar de trabajo;</li>"
                                    "<li>donde se paga a la persona trabajadora, donde descansa "
                                    "o come, o donde usa instalaciones sanitarias, de aseo y "
                                    "vestuarios;</li>"
                                    "<li>en desplazamientos, viajes, eventos o actividades "
                                    "sociales o de formación relacionados con el trabajo;</li>"
                                    "<li>en las comunicaciones relacionadas con el trabajo, "
                                    "incluidas las que se hacen por medio de tecnologías de la "
                                    "información y la comunicación;</li>"
                                    "<li>en el alojamiento proporcionado por el empleador;</li>"
                                    "<li>en los trayectos entre el domicilio y el lugar de "
                                    "trabajo.</li></ul>"
                                    "<p>Este alcance amplio tiene consecuencias prácticas para "
                                    "un ministerio: un mensaje ofensivo enviado por un "
                                    "supervisor a medianoche, el acoso en el albergue de una "
                                    "finca o una agresión durante una capacitación fuera de la "
                                    "empresa son asuntos laborales. El Convenio pide, además, "
                                    "tener en cuenta la violencia y el acoso que involucran a "
                                    "terceros, como clientes, usuarios o pacientes.</p>"
                                ),
                            ),
                        ],
                    },
                    {
                        "title": "Causas, formas y efectos",
                        "slug": "causas-formas-y-efectos",
                        "minutes": 60,
                        "body": [
                            (
                                "text",
                                (
                                    "<h3>Por qué ocurre</h3>"
                                    "<p>La violencia basada en género en el trabajo no es una "
                                    "suma de conductas individuales aisladas. Se explica por "
                                    "factores estructurales y organizacionales que se refuerzan "
                                    "entre sí:</p>"
                                    "<ul>"
                                    "<li><strong>Relaciones de poder desiguales.</strong> La "
                                    "jerarquía, la inseguridad en el empleo y la dependencia "
                                    "económica dificultan que la persona afectada se niegue o "
                                    "denuncie. Las mujeres están sobrerrepresentadas en puestos "
                                    "de menor jerarquía y en empleos precarios.</li>"
                                    "<li><strong>Estereotipos y normas de género.</strong> Las "
                                    'ideas sobre lo que "corresponde" a mujeres y hombres '
                                    "normalizan comentarios, exigencias y castigos hacia quienes "
                                    "no se ajustan a ellas, incluidas las personas LGBTI.</li>"
                                    "<li><strong>Discriminación interseccional.</strong> El "
                                    "riesgo aumenta cuando el género se combina con otros "
                                    "factores, como la edad, el origen étnico, la condición de "
                                    "persona indígena o afrodescendiente, la discapacidad o la "
                                    "condición migratoria. El artículo 6 del Convenio vincula la "
                                    "eliminación de la violencia y el acoso con la igualdad y la "
                                    "no discriminación.</li>"
                                    "<li><strong>Organización del trabajo.</strong> El trabajo "
                                    "aislado o nocturno, el contacto con el público, la "
                                    "subcontratación, la falta de políticas y de canales de "
                                    "denuncia, y la impunidad de casos anteriores elevan el "
                                    "riesgo.</li></ul>"
                                    "<h3>Formas</h3>"
                                    "<ul>"
                                    "<li><strong>Física:</strong> empujones, golpes, bloquear el "
                                    "paso, agresiones con objetos.</li>"
                                    "<li><strong>Psicológica:</strong> insultos, humillaciones, "
                                    "amenazas, aislamiento deliberado, vigilancia excesiva, "
                                    "rumores, también por medios digitales.</li>"
                                    "<li><strong>Sexual:</strong> comentarios o bromas sexuales, "
                                    "contacto físico no deseado, exhibición de material sexual, "
                                    "propuestas insistentes, chantaje sexual, agresión "
                                    "sexual.</li>"
                                    "<li><strong>Económica:</strong> retener o reducir el "
                                    "salario, negar ascensos o capacitación, asignar turnos "
                                    "perjudiciales como represalia, despedir a quien rechaza o "
                                    "denuncia.</li></ul>"
                                    "<h3>Efectos</h3>"
                                    "<p>Para las personas afectadas, los efectos incluyen "
                                    "ansiedad, depresión, lesiones, trastornos del sueño, "
                                    "pérdida de ingresos y el abandono del empleo o de la "
                                    "carrera. En los lugares de trabajo se traducen en "
                                    "ausentismo, rotación de personal, conflictos, menor "
                                    "productividad y daños a la reputación. Para la economía y "
                                    "la sociedad, la violencia aleja a las mujeres del mercado "
                                    "laboral, profundiza las brechas de género y genera costos "
                                    "para los sistemas de salud, de seguridad social y de "
                                    "justicia.</p>"
                                    "<h3>La violencia doméstica y el trabajo</h3>"
                                    "<p>La violencia doméstica ocurre fuera del lugar de "
                                    "trabajo, pero lo alcanza: la persona agresora puede acosar "
                                    "por teléfono o presentarse en la empresa, y la víctima "
                                    "puede ausentarse, perder concentración o ser despedida. Por "
                                    "eso el Convenio pide reconocer sus efectos y, en la medida "
                                    "en que sea razonable y factible, mitigar su impacto en el "
                                    "mundo del trabajo. La Recomendación menciona medidas como "
                                    "licencias para las víctimas, modalidades de trabajo "
                                    "flexibles, protección temporal contra el despido, la "
                                    "inclusión de la violencia doméstica en la evaluación de "
                                    "riesgos, la orientación hacia servicios públicos de apoyo y "
                                    "la sensibilización.</p>"
                                ),
                            ),
                            (
                                "quiz",
                                {
                                    "title": "Cuestionario del módulo 1",
                                    "mode": "graded",
                                    "final": False,
                                    "required": True,
                                    "max_attempts": 3,
                                    "policy": "best",
                                    "pass_mark": 60,
                                    "questions": [
                                        {
                                            "text": (
                                                "Según el artículo 1 del Convenio núm. 190, ¿qué "
                                                "afirmación describe correctamente la violencia "
                                                "y el acoso?"
                                            ),
                                            "kind": "single",
                                            "explanation": (
                                                "El artículo 1 define la violencia y el acoso "
                                                "como comportamientos y prácticas inaceptables, "
                                                "o amenazas de ellos, que se manifiestan una "
                                                "sola vez o de manera repetida y que tienen por "
                                                "objeto, causan o pueden causar daño físico, "
                                                "psicológico, sexual o económico."
                                            ),
                                            "choices": [
                                                {
                                                    "text": (
                                                        "Solo existen cuando la conducta se "
                                                        "repite durante un período prolongado."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "El Convenio reconoce que un solo hecho "
                                                        "puede constituir violencia o acoso."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Son comportamientos y prácticas "
                                                        "inaceptables, o amenazas de ellos, "
                                                        "únicos o repetidos, que tienen por "
                                                        "objeto, causan o pueden causar daño "
                                                        "físico, psicológico, sexual o "
                                                        "económico."
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: así lo define el artículo 1."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Solo incluyen las agresiones físicas "
                                                        "que dejan lesiones comprobables."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "La definición abarca también el daño "
                                                        "psicológico, sexual y económico."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Requieren que se pruebe la intención de "
                                                        "dañar de quien comete la conducta."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "Basta con que la conducta cause o pueda "
                                                        "causar daño, aunque no se pruebe la "
                                                        "intención."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "¿Qué personas protege el Convenio núm. 190? "
                                                "Seleccione todas las que correspondan."
                                            ),
                                            "kind": "multiple",
                                            "explanation": (
                                                "El artículo 2 protege a las personas "
                                                "trabajadoras cualquiera que sea su situación "
                                                "contractual, a las personas en formación "
                                                "(incluidos pasantes y aprendices), a las "
                                                "personas voluntarias, a quienes buscan empleo y "
                                                "a quienes ejercen la autoridad de un empleador, "
                                                "entre otras."
                                            ),
                                            "choices": [
                                                {
                                                    "text": "Pasantes y aprendices",
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: las personas en formación "
                                                        "están protegidas."
                                                    ),
                                                },
                                                {
                                                    "text": "Personas voluntarias",
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: el artículo 2 las menciona "
                                                        "expresamente."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Personas en busca de empleo y postulantes"
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: la protección alcanza también "
                                                        "los procesos de selección."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Solo las personas con contrato escrito "
                                                        "por tiempo indefinido"
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "No: la protección no depende de la "
                                                        "situación contractual."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "¿Cuáles de estas situaciones forman parte del "
                                                "mundo del trabajo según el artículo 3? "
                                                "Seleccione todas las que correspondan."
                                            ),
                                            "kind": "multiple",
                                            "explanation": (
                                                "El artículo 3 incluye, entre otros, los "
                                                "trayectos entre el domicilio y el trabajo, las "
                                                "comunicaciones relacionadas con el trabajo "
                                                "(también las digitales) y el alojamiento "
                                                "proporcionado por el empleador. Un conflicto "
                                                "sin relación con el trabajo queda fuera."
                                            ),
                                            "choices": [
                                                {
                                                    "text": (
                                                        "Una agresión en el trayecto entre el "
                                                        "domicilio y el lugar de trabajo"
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: los trayectos están cubiertos."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Una discusión entre vecinos sin "
                                                        "relación alguna con el trabajo"
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "No: el Convenio se refiere a hechos "
                                                        "ocurridos durante el trabajo, en "
                                                        "relación con él o como resultado de él."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Mensajes ofensivos de un jefe por una "
                                                        "aplicación de mensajería, fuera del "
                                                        "horario laboral"
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: las comunicaciones "
                                                        "relacionadas con el trabajo están "
                                                        "cubiertas, incluidas las digitales."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Acoso en el alojamiento proporcionado "
                                                        "por el empleador"
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: el alojamiento proporcionado "
                                                        "por el empleador está cubierto."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "¿Qué caracteriza a la violencia y el acoso por "
                                                "razón de género según el Convenio núm. 190?"
                                            ),
                                            "kind": "single",
                                            "explanation": (
                                                "La violencia y el acoso por razón de género se "
                                                "dirigen contra las personas por su sexo o "
                                                "género, o afectan de manera desproporcionada a "
                                                "personas de un sexo o género determinado, e "
                                                "incluyen el acoso sexual."
                                            ),
                                            "choices": [
                                                {
                                                    "text": (
                                                        "Solo pueden sufrirlos las mujeres y "
                                                        "solo pueden cometerlos los hombres."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "La definición no se limita a un sexo de "
                                                        "la víctima ni de quien agrede."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Se dirigen contra las personas por su "
                                                        "sexo o género, o afectan de manera "
                                                        "desproporcionada a personas de un sexo "
                                                        "o género determinado, e incluyen el "
                                                        "acoso sexual."
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: así lo define el artículo 1."
                                                    ),
                                                },
                                                {
                                                    "text": "Se limitan al acoso sexual.",
                                                    "correct": False,
                                                    "feedback": (
                                                        "El acoso sexual es una de sus formas, "
                                                        "pero no la única."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "¿Qué pide el Convenio núm. 190 en relación con "
                                                "la violencia doméstica?"
                                            ),
                                            "kind": "single",
                                            "explanation": (
                                                "El Convenio pide reconocer los efectos de la "
                                                "violencia doméstica y, en la medida en que sea "
                                                "razonable y factible, mitigar su impacto en el "
                                                "mundo del trabajo."
                                            ),
                                            "choices": [
                                                {
                                                    "text": (
                                                        "Nada, porque es un asunto privado ajeno "
                                                        "al mundo del trabajo."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "El Convenio reconoce que la violencia "
                                                        "doméstica afecta al empleo, la "
                                                        "productividad y la seguridad."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Que el empleador investigue y sancione "
                                                        "a la persona agresora en el hogar."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "El empleador no sanciona hechos "
                                                        "ocurridos en el hogar; su papel es "
                                                        "mitigar el impacto en el trabajo."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Reconocer sus efectos y, en la medida "
                                                        "en que sea razonable y factible, "
                                                        "mitigar su impacto en el mundo del "
                                                        "trabajo."
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: por ejemplo, con licencias, "
                                                        "flexibilidad u orientación hacia "
                                                        "servicios de apoyo."
                                                    ),
                                                },
                                            ],
                                        },
                                    ],
                                },
                            ),
                        ],
                    },
                ],
            },
            {
                "number": 2,
                "title": (
                    "El papel de los ministerios de trabajo: identificar, prevenir, atender y "
                    "sancionar"
                ),
                "slug": "papel-de-los-ministerios-de-trabajo",
                "opens_week": 4,
                "closes_week": 6,
                "intro": (
                    "Los ministerios de trabajo cuentan con herramientas propias: la inspección, "
                    "la regulación, la información, el diálogo social y la orientación. Este "
                    "módulo las organiza en cuatro funciones: identificar, prevenir, atender y "
                    "sancionar."
                ),
                "lessons": [
                    {
                        "title": "Identificar",
                        "slug": "identificar",
                        "minutes": 50,
                        "body": [
                            (
                                "text",
                                (
                                    "<h3>Hacer visible lo que no se denuncia</h3>"
                                    "<p>La violencia y el acoso en el trabajo se denuncian poco: "
                                    "las personas afectadas temen represalias, desconocen los "
                                    "canales o no confían en que su caso se resuelva. Por eso el "
                                    "número de denuncias no refleja la magnitud real del "
                                    "problema, e identificarlo exige combinar varias "
                                    "fuentes.</p>"
                                    "<h3>La inspección del trabajo</h3>"
                                    "<p>La inspección es la presencia del Estado en los lugares "
                                    "de trabajo. Además de atender denuncias, puede incluir la "
                                    "violencia y el acoso en sus visitas programadas. Durante "
                                    "una visita, la inspectora o el inspector puede:</p>"
                                    "<ul>"
                                    "<li>verificar si existe una política y un procedimiento de "
                                    "denuncia, y si el personal los conoce;</li>"
                                    "<li>revisar la evaluación de riesgos, incluidos los "
                                    "psicosociales, y los registros de quejas;</li>"
                                    "<li>entrevistar a personas trabajadoras en privado, "
                                    "garantizando la confidencialidad;</li>"
                                    "<li>observar factores de riesgo: trabajo aislado, turnos "
                                    "nocturnos sin medidas de seguridad, falta de vestuarios "
                                    "separados, atención al público sin protocolos.</li></ul>"
                                    "<p>La Recomendación núm. 206 indica que el personal de "
                                    "inspección debería recibir formación con perspectiva de "
                                    "género para detectar y abordar estas situaciones.</p>"
                                    "<h3>Datos y estadísticas</h3>"
                                    "<p>La Recomendación pide esfuerzos para recopilar y "
                                    "publicar estadísticas desglosadas por sexo, forma de "
                                    "violencia y acoso y sector de actividad económica. Los "
                                    "ministerios pueden incorporar preguntas en encuestas de "
                                    "empleo o de condiciones de trabajo y mejorar sus registros "
                                    "administrativos, de modo que cada denuncia registre al "
                                    "menos el tipo de conducta, el sector, el sexo de la persona "
                                    "denunciante, las medidas adoptadas y el resultado, sin "
                                    "publicar datos que permitan identificar a nadie.</p>"
                                    "<h3>Evaluación de riesgos y análisis de denuncias</h3>"
                                    "<p>No todos los sectores tienen el mismo nivel de "
                                    "exposición. La Recomendación menciona, entre otros, el "
                                    "trabajo nocturno, el trabajo aislado, la salud, la "
                                    "hostelería, los servicios sociales, los servicios de "
                                    "emergencia, el trabajo doméstico, el transporte, la "
                                    "educación y el entretenimiento. El análisis periódico de "
                                    "las denuncias permite detectar patrones (empresas con "
                                    "quejas repetidas, sectores con plazos de resolución largos, "
                                    "represalias frecuentes) y orientar la planificación de la "
                                    "inspección.</p>"
                                    "<h3>El diálogo con las organizaciones de trabajadores y de "
                                    "empleadores</h3>"
                                    "<p>El artículo 8 del Convenio pide identificar, en consulta "
                                    "con las organizaciones de empleadores y de trabajadores, "
                                    "los sectores, ocupaciones y modalidades de trabajo con "
                                    "mayor exposición. Los sindicatos conocen situaciones que no "
                                    "llegan a la inspección y pueden acompañar a las víctimas; "
                                    "las organizaciones de empleadores pueden difundir "
                                    "información y promover la autoevaluación en las empresas. "
                                    "Las instancias tripartitas de seguridad y salud en el "
                                    "trabajo o de igualdad son espacios naturales para esta "
                                    "tarea.</p>"
                                ),
                            ),
                        ],
                    },
                    {
                        "title": "Prevenir",
                        "slug": "prevenir",
                        "minutes": 50,
                        "body": [
                            (
                                "text",
                                (
                                    "<h3>Políticas públicas coherentes</h3>"
                                    "<p>El artículo 11 del Convenio pide que la violencia y el "
                                    "acoso se aborden en las políticas nacionales pertinentes, "
                                    "como las de seguridad y salud en el trabajo, igualdad y no "
                                    "discriminación, y migración. Para un ministerio de trabajo, "
                                    "esto supone revisar sus propias políticas y planes para que "
                                    "la prevención no dependa de iniciativas aisladas.</p>"
                                    "<h3>La violencia y el acoso en la gestión de la seguridad y "
                                    "salud en el trabajo</h3>"
                                    "<p>El artículo 9 exige que los empleadores, en la medida de "
                                    "su grado de control, tomen medidas apropiadas, en "
                                    "particular:</p>"
                                    "<ul>"
                                    "<li>adoptar y aplicar, en consulta con las personas "
                                    "trabajadoras y sus representantes, una política del lugar "
                                    "de trabajo sobre violencia y acoso;</li>"
                                    "<li>tener en cuenta la violencia y el acoso, y los riesgos "
                                    "psicosociales asociados, en la gestión de la seguridad y "
                                    "salud en el trabajo;</li>"
                                    "<li>identificar los peligros y evaluar los riesgos, con "
                                    "participación de las personas trabajadoras, y adoptar "
                                    "medidas para prevenirlos y controlarlos;</li>"
                                    "<li>proporcionar información y capacitación sobre los "
                                    "peligros, los riesgos, las medidas de prevención y los "
                                    "derechos y responsabilidades de cada persona.</li></ul>"
                                    "<p>Integrar el tema en la seguridad y salud tiene una "
                                    "ventaja práctica: aprovecha estructuras que ya existen, "
                                    "como los comités mixtos, las evaluaciones de riesgos y la "
                                    "inspección en esta materia.</p>"
                                    "<h3>Políticas y protocolos en el lugar de trabajo</h3>"
                                    "<p>Según la Recomendación núm. 206, una política del lugar "
                                    "de trabajo debería, entre otros aspectos: declarar que no "
                                    "se tolerarán la violencia ni el acoso; establecer programas "
                                    "de prevención con objetivos medibles cuando proceda; "
                                    "definir derechos y responsabilidades; informar sobre los "
                                    "procedimientos de denuncia e investigación; asegurar que se "
                                    "atiendan todas las comunicaciones sobre incidentes; "
                                    "proteger la privacidad y la confidencialidad; y prever "
                                    "medidas contra las represalias. Un protocolo convierte la "
                                    "política en pasos concretos: quién recibe la queja, en qué "
                                    "plazo se investiga, qué medidas de protección se adoptan "
                                    "mientras tanto y cómo se comunica la decisión.</p>"
                                    "<h3>Formación, sensibilización y orientación a los "
                                    "empleadores</h3>"
                                    "<p>Los ministerios pueden:</p>"
                                    "<ul>"
                                    "<li>capacitar a su propio personal, empezando por la "
                                    "inspección y los servicios de conciliación;</li>"
                                    "<li>desarrollar campañas junto con las organizaciones de "
                                    "empleadores y de trabajadores;</li>"
                                    "<li>publicar modelos de política y de protocolo, guías de "
                                    "evaluación de riesgos y listas de verificación adaptadas a "
                                    "las micro, pequeñas y medianas empresas;</li>"
                                    "<li>ofrecer asistencia técnica, ya que la función de la "
                                    "inspección incluye asesorar sobre cómo cumplir la ley, y no "
                                    "solo sancionar.</li></ul>"
                                    "<p>La prevención es más eficaz cuando combina obligaciones "
                                    "claras con herramientas sencillas para cumplirlas.</p>"
                                ),
                            ),
                            (
                                "live_session",
                                {
                                    "title": (
                                        "Sesión en vivo: los ministerios de trabajo frente a la "
                                        "violencia y el acoso"
                                    ),
                                    "week": 5,
                                    "weekday": 3,
                                    "time": "10:00",
                                    "time_zone": "America/Bogota",
                                    "minutes": 90,
                                    "join_url": "https://meet.example.org/rial-gbv-es-semana-5",
                                    "description": (
                                        "Conversación con personas expertas en inspección del "
                                        "trabajo y en políticas de igualdad sobre cómo "
                                        "identificar y prevenir la violencia y el acoso, y "
                                        "espacio para resolver dudas sobre la tarea del módulo "
                                        "2."
                                    ),
                                },
                            ),
                        ],
                    },
                    {
                        "title": "Atender y sancionar",
                        "slug": "atender-y-sancionar",
                        "minutes": 60,
                        "body": [
                            (
                                "text",
                                (
                                    "<h3>Mecanismos de denuncia y solución de conflictos</h3>"
                                    "<p>El artículo 10 del Convenio exige garantizar un acceso "
                                    "fácil a vías de recurso y reparación apropiadas y eficaces, "
                                    "y a mecanismos y procedimientos de notificación y solución "
                                    "de conflictos seguros, equitativos y eficaces. Pueden "
                                    "incluir procedimientos en el lugar de trabajo, mecanismos "
                                    "externos (como la inspección o la conciliación "
                                    "administrativa) y tribunales. En los casos de violencia y "
                                    "acoso por razón de género, los mecanismos deben además "
                                    "tener en cuenta las consideraciones de género. La "
                                    "Recomendación núm. 206 sugiere, por ejemplo, tribunales con "
                                    "experiencia en la materia, tramitación diligente, "
                                    "asesoramiento jurídico para las víctimas, información en "
                                    "los idiomas de uso corriente en el país y, cuando proceda, "
                                    "la inversión de la carga de la prueba en procedimientos "
                                    "distintos de los penales.</p>"
                                    "<h3>Protección contra las represalias y "
                                    "confidencialidad</h3>"
                                    "<p>Nadie denuncia si teme perder el empleo. El Convenio "
                                    "exige proteger contra la victimización y las represalias a "
                                    "denunciantes, víctimas, testigos e informantes, y proteger "
                                    "la privacidad y la confidencialidad de las personas "
                                    "involucradas en la medida de lo posible. En la práctica, "
                                    "esto implica medidas de protección durante la investigación "
                                    "(por ejemplo, separar a las personas involucradas sin "
                                    "perjudicar a la víctima), registros reservados y atención "
                                    "especial a despidos, traslados o cambios de turno "
                                    "posteriores a una denuncia.</p>"
                                    "<h3>Reparación y sanciones</h3>"
                                    "<p>Entre las vías de reparación, la Recomendación menciona "
                                    "el derecho a renunciar con indemnización, la readmisión, la "
                                    "indemnización por daños, órdenes de aplicación inmediata "
                                    "para que cese una conducta o se modifique una política, y "
                                    "el pago de honorarios y costas. También prevé indemnización "
                                    "cuando la violencia cause lesiones o enfermedades que "
                                    "impidan trabajar. El Convenio exige prever sanciones, "
                                    "cuando proceda; la legislación nacional debe precisar quién "
                                    "responde: la persona agresora, el empleador que no previno "
                                    "ni actuó, o ambos.</p>"
                                    "<h3>Facultades de la inspección del trabajo</h3>"
                                    "<p>El Convenio pide que la inspección y otras autoridades "
                                    "competentes estén facultadas para actuar frente a la "
                                    "violencia y el acoso, incluso dictando órdenes de "
                                    "aplicación inmediata y órdenes de interrupción de la "
                                    "actividad en caso de peligro inminente para la vida, la "
                                    "salud o la seguridad, sin perjuicio del derecho de recurso. "
                                    "También reconoce el derecho de la persona trabajadora a "
                                    "alejarse de una situación de trabajo que, con motivos "
                                    "razonables, considere un peligro inminente y grave por "
                                    "violencia y acoso, sin sufrir consecuencias indebidas y con "
                                    "el deber de informar a la dirección.</p>"
                                    "<h3>Coordinación y apoyo a las víctimas</h3>"
                                    "<p>El ministerio de trabajo no puede ni debe actuar solo. "
                                    "Cuando los hechos pueden constituir delito, corresponde "
                                    "orientar a la víctima hacia la fiscalía o la policía; "
                                    "cuando necesita atención psicológica, médica o un lugar "
                                    "seguro, hacia los servicios de salud y los mecanismos "
                                    "nacionales de la mujer. Una ruta de atención acordada entre "
                                    "instituciones, con contactos y plazos definidos, evita que "
                                    "la víctima tenga que repetir su relato una y otra vez y "
                                    "reduce la revictimización.</p>"
                                ),
                            ),
                            (
                                "assignment",
                                {
                                    "title": (
                                        "Tarea: el marco de su país frente al Convenio núm. 190"
                                    ),
                                    "instructions": (
                                        "<p>En esta tarea usted aplicará lo aprendido a su "
                                        "propio contexto. Analice el marco jurídico e "
                                        "institucional de su país, y en particular de su "
                                        "ministerio, frente a los elementos del Convenio núm. "
                                        "190 estudiados en este módulo, y proponga dos "
                                        "mejoras.</p>"
                                        "<h4>Qué debe incluir</h4>"
                                        "<ol>"
                                        "<li><strong>Descripción breve del marco:</strong> "
                                        "principales leyes, reglamentos, políticas e "
                                        "instituciones que abordan la violencia y el acoso en el "
                                        "trabajo, e indicación de si su país ratificó el "
                                        "Convenio núm. 190.</li>"
                                        "<li><strong>Análisis de al menos cinco "
                                        "elementos</strong>, por ejemplo: definición y "
                                        "prohibición en la ley; personas protegidas y alcance "
                                        "del mundo del trabajo; obligaciones de prevención de "
                                        "los empleadores; mecanismos de denuncia y protección "
                                        "contra represalias; sanciones y facultades de la "
                                        "inspección; apoyo a las víctimas y medidas frente a la "
                                        "violencia doméstica; datos y estadísticas. Para cada "
                                        "elemento, indique qué existe, qué falta y qué fuentes "
                                        "consultó.</li>"
                                        "<li><strong>Dos propuestas de mejora:</strong> para "
                                        "cada una, explique qué propone, qué institución sería "
                                        "responsable, qué recursos requiere, cuáles serían los "
                                        "primeros pasos y cómo se mediría su avance.</li></ol>"
                                        "<h4>Formato y criterios</h4>"
                                        "<p>Extensión: entre 600 y 1000 palabras. Puede escribir "
                                        "directamente en el cuadro de texto o adjuntar un "
                                        "documento (Word o PDF). No incluya datos personales de "
                                        "casos reales. La persona tutora valorará la precisión "
                                        "del análisis, la pertinencia de las fuentes, la "
                                        "viabilidad de las propuestas y la claridad de la "
                                        "redacción, y le enviará comentarios personalizados.</p>"
                                        "<p>Plazo: final de la semana 6.</p>"
                                    ),
                                    "due_week": 6,
                                    "accepts": "text_or_file",
                                    "required": True,
                                },
                            ),
                        ],
                    },
                ],
            },
            {
                "number": 3,
                "title": (
                    "Buenas prácticas para prevenir y atender la violencia contra las mujeres en "
                    "el trabajo"
                ),
                "slug": "buenas-practicas",
                "opens_week": 7,
                "closes_week": 9,
                "intro": (
                    "Los ministerios de trabajo de la región han desarrollado herramientas "
                    "diversas para prevenir y atender la violencia contra las mujeres en el "
                    "trabajo. Este módulo presenta los tipos de práctica más utilizados y "
                    "propone criterios para valorarlas y adaptarlas."
                ),
                "lessons": [
                    {
                        "title": "Tipos de buenas prácticas de los ministerios de trabajo",
                        "slug": "tipos-de-buenas-practicas",
                        "minutes": 50,
                        "body": [
                            (
                                "text",
                                (
                                    "<p>Varios ministerios de trabajo de las Américas han puesto "
                                    "en marcha iniciativas para prevenir y atender la violencia "
                                    "y el acoso en el trabajo. Esta lección presenta, de forma "
                                    "general, los tipos de práctica más frecuentes, sus "
                                    "elementos clave y los desafíos que suelen enfrentar. En el "
                                    "foro del módulo podrá compartir ejemplos concretos de su "
                                    "país.</p>"
                                    "<h3>Protocolos y guías de inspección sobre acoso "
                                    "sexual</h3>"
                                    "<p>Un protocolo de inspección orienta la actuación en casos "
                                    "de acoso y reduce la discrecionalidad. Suele incluir: "
                                    "criterios para admitir y priorizar denuncias; pautas para "
                                    "entrevistar a la persona afectada en privado, sin "
                                    "confrontarla con la persona denunciada y evitando que "
                                    "repita su relato sin necesidad; tipos de prueba (mensajes, "
                                    "testigos, registros, antecedentes); medidas que la "
                                    "inspección puede ordenar; plazos; y criterios para derivar "
                                    "el caso a otras instituciones. Las guías para empleadores "
                                    "complementan el protocolo y explican qué se verificará "
                                    "durante la visita.</p>"
                                    "<h3>Unidades especializadas y puntos focales</h3>"
                                    "<p>Algunos ministerios han creado equipos de inspección "
                                    "especializados en igualdad y violencia, o han designado "
                                    "puntos focales capacitados en cada oficina regional. La "
                                    "especialización mejora la calidad de las actuaciones, pero "
                                    "necesita respaldo normativo, presupuesto y coordinación con "
                                    "el resto de la inspección para no convertirse en un área "
                                    "aislada.</p>"
                                    "<h3>Líneas telefónicas y canales de denuncia en línea</h3>"
                                    "<p>Los canales remotos facilitan la primera consulta a "
                                    "quienes no pueden acudir a una oficina. Los más útiles "
                                    "ofrecen atención por personal capacitado, garantías de "
                                    "confidencialidad, información sobre derechos, un número de "
                                    "registro para seguir cada caso y conexión directa con la "
                                    "inspección. Un canal que recibe denuncias pero no las "
                                    "traslada a quien puede actuar genera frustración y "
                                    "desconfianza.</p>"
                                    "<h3>Campañas con los interlocutores sociales</h3>"
                                    "<p>Las campañas de sensibilización llegan más lejos cuando "
                                    "se diseñan con las organizaciones de trabajadores y de "
                                    "empleadores, que pueden difundirlas en sus redes y en los "
                                    "lugares de trabajo. Las más eficaces combinan un mensaje "
                                    "claro (qué es acoso y que no se tolera) con información "
                                    "práctica (dónde y cómo denunciar) y se dirigen a públicos "
                                    "concretos: mandos medios, personas jóvenes que buscan "
                                    "empleo, trabajadoras de sectores con mayor exposición.</p>"
                                    "<h3>Cláusulas en convenios colectivos</h3>"
                                    "<p>El artículo 12 del Convenio reconoce que sus "
                                    "disposiciones pueden aplicarse también mediante convenios "
                                    "colectivos. Entre las cláusulas posibles figuran: la "
                                    "adopción conjunta de un protocolo; comisiones bipartitas de "
                                    "prevención y seguimiento; formación obligatoria para mandos "
                                    "medios; licencias y flexibilidad horaria para trabajadoras "
                                    "que sufren violencia doméstica; y garantías de no "
                                    "represalia. Los ministerios pueden promover estas cláusulas "
                                    "ofreciendo textos modelo y difundiendo los convenios que "
                                    "las incorporan.</p>"
                                ),
                            ),
                        ],
                    },
                    {
                        "title": "Trabajo sectorial y valoración de buenas prácticas",
                        "slug": "trabajo-sectorial-y-valoracion",
                        "minutes": 60,
                        "body": [
                            (
                                "text",
                                (
                                    "<h3>Estrategias por sector</h3>"
                                    "<p>Algunos sectores requieren respuestas específicas, "
                                    "porque allí el riesgo es mayor o los instrumentos generales "
                                    "no llegan.</p>"
                                    "<h4>Trabajo doméstico</h4>"
                                    "<p>Las trabajadoras domésticas suelen trabajar solas en un "
                                    "hogar privado, a veces residiendo en él, lo que aumenta su "
                                    "aislamiento y su dependencia. El Convenio sobre las "
                                    "trabajadoras y los trabajadores domésticos, 2011 (núm. "
                                    "189), exige asegurar que gocen de protección efectiva "
                                    "contra toda forma de abuso, acoso y violencia. Como la "
                                    "inspección de un domicilio tiene límites legales, los "
                                    "ministerios han explorado alternativas: citar a la persona "
                                    "empleadora a la oficina, promover el registro de la "
                                    "relación laboral, entrevistar a las trabajadoras fuera del "
                                    "hogar y trabajar con sus sindicatos y asociaciones, que son "
                                    "el primer punto de contacto para muchas de ellas.</p>"
                                    "<h4>Agricultura</h4>"
                                    "<p>En el trabajo agrícola confluyen la distancia de los "
                                    "centros urbanos, la temporalidad, la intermediación en la "
                                    "contratación, el alojamiento provisto por el empleador y, "
                                    "con frecuencia, la condición migrante. Son útiles los "
                                    "operativos de inspección en temporada alta, los materiales "
                                    "en los idiomas de las personas trabajadoras, incluidas las "
                                    "lenguas indígenas, y la verificación de las condiciones de "
                                    "transporte y alojamiento.</p>"
                                    "<h4>Transporte</h4>"
                                    "<p>En el transporte, las trabajadoras enfrentan violencia "
                                    "de pasajeros y de colegas, jornadas nocturnas, recorridos "
                                    "aislados y falta de instalaciones sanitarias en las rutas. "
                                    "El Convenio obliga a considerar a los terceros y los "
                                    "trayectos. Ayudan los protocolos acordados con las empresas "
                                    "y los sindicatos del sector, los canales de alerta y la "
                                    "mejora de las instalaciones en terminales y paradas.</p>"
                                    '<h3>¿Qué hace "buena" a una práctica?</h3>'
                                    "<p>Una práctica no es buena solo porque sea novedosa o "
                                    "visible. Proponemos valorarla con tres criterios "
                                    "principales:</p>"
                                    "<ul>"
                                    "<li><strong>Resultados:</strong> ¿hay evidencia de cambios? "
                                    "Por ejemplo, más denuncias atendidas y resueltas, plazos "
                                    "más cortos, medidas correctivas verificadas en las "
                                    "empresas. Para saberlo, la práctica debe contar con "
                                    "indicadores y una línea de base.</li>"
                                    "<li><strong>Sostenibilidad:</strong> ¿puede mantenerse en "
                                    "el tiempo? Depende de su base normativa, de un presupuesto "
                                    "estable y de personal formado, y de que no dependa de una "
                                    "sola autoridad ni de un financiamiento temporal.</li>"
                                    "<li><strong>Transferibilidad:</strong> ¿puede adaptarse a "
                                    "otro país o región? Exige documentar qué se hizo, con qué "
                                    "recursos y en qué condiciones institucionales, y distinguir "
                                    "lo esencial de lo propio del contexto.</li></ul>"
                                    "<p>Dos criterios complementarios atraviesan los anteriores: "
                                    "la participación de los interlocutores sociales y un "
                                    "enfoque centrado en la víctima y con perspectiva de género, "
                                    "que evite la revictimización.</p>"
                                ),
                            ),
                            (
                                "forum_task",
                                {
                                    "title": "Foro: una buena práctica de su país",
                                    "instructions": (
                                        "<p>Comparta en el foro del módulo una práctica de su "
                                        "país, de su ministerio o de otra institución, para "
                                        "prevenir o atender la violencia y el acoso contra las "
                                        "mujeres en el trabajo. En 200 a 300 palabras, "
                                        "describa:</p>"
                                        "<ul>"
                                        "<li>en qué consiste y a quién se dirige;</li>"
                                        "<li>qué institución la impulsa y con qué aliados;</li>"
                                        "<li>qué resultados conoce y cómo se miden;</li>"
                                        "<li>su valoración según los criterios de resultados, "
                                        "sostenibilidad y transferibilidad.</li></ul>"
                                        "<p>Luego comente la práctica de al menos una persona de "
                                        "otro país: señale qué aspecto podría adaptarse a su "
                                        "contexto y qué condiciones harían falta. Si no conoce "
                                        "una práctica de su país, describa una necesidad no "
                                        "atendida y cómo la abordaría.</p>"
                                    ),
                                },
                            ),
                            (
                                "reading_list",
                                [
                                    {
                                        "title": (
                                            "C190 - Convenio sobre la violencia y el acoso, 2019 "
                                            "(núm. 190)"
                                        ),
                                        "author": "Organización Internacional del Trabajo (OIT)",
                                        "url": (
                                            "https://www.ilo.org/dyn/normlex/es/f?p=NORMLEXPUB:"
                                            "12100:0::NO::P12100_ILO_CODE:C190"
                                        ),
                                        "note": (
                                            "Texto oficial del Convenio. Relea los artículos 1 a "
                                            "4 (definiciones, alcance y enfoque) y 7 a 12 "
                                            "(prevención, control de la aplicación, orientación "
                                            "y medios de aplicación)."
                                        ),
                                    },
                                    {
                                        "title": (
                                            "R206 - Recomendación sobre la violencia y el acoso, "
                                            "2019 (núm. 206)"
                                        ),
                                        "author": "Organización Internacional del Trabajo (OIT)",
                                        "url": (
                                            "https://www.ilo.org/dyn/normlex/es/f?p=NORMLEXPUB:"
                                            "12100:0::NO::P12100_INSTRUMENT_ID:4000085"
                                        ),
                                        "note": (
                                            "Orientaciones sobre políticas del lugar de trabajo, "
                                            "vías de recurso, apoyo a las víctimas, violencia "
                                            "doméstica, inspección y estadísticas."
                                        ),
                                    },
                                    {
                                        "title": (
                                            "Convención Interamericana para Prevenir, Sancionar "
                                            "y Erradicar la Violencia contra la Mujer "
                                            "(Convención de Belém do Pará)"
                                        ),
                                        "author": "Organización de los Estados Americanos (OEA)",
                                        "url": (
                                            "https://www.oas.org/juridico/spanish/tratados/"
                                            "a-61.html"
                                        ),
                                        "note": (
                                            "Marco interamericano que incluye el acoso sexual en "
                                            "el lugar de trabajo entre las formas de violencia "
                                            "contra la mujer."
                                        ),
                                    },
                                    {
                                        "title": (
                                            "Red Interamericana para la Administración Laboral "
                                            "(RIAL)"
                                        ),
                                        "author": "Organización de los Estados Americanos (OEA)",
                                        "url": "https://www.rialnet.org",
                                        "note": (
                                            "Sitio de la red: actividades, documentos de los "
                                            "talleres hemisféricos y oportunidades de "
                                            "cooperación horizontal entre ministerios de "
                                            "trabajo."
                                        ),
                                    },
                                ],
                            ),
                        ],
                    },
                ],
            },
            {
                "number": 4,
                "title": "Conclusiones, evaluación final y encuesta",
                "slug": "conclusiones",
                "opens_week": 10,
                "closes_week": 10,
                "intro": (
                    "Última semana: repase los mensajes clave, piense en cómo llevarlos a su "
                    "ministerio, complete la evaluación final y cuéntenos su experiencia en la "
                    "encuesta."
                ),
                "lessons": [
                    {
                        "title": "Conclusiones y plan de acción",
                        "slug": "conclusiones-y-plan-de-accion",
                        "minutes": 40,
                        "body": [
                            (
                                "text",
                                (
                                    "<h3>Mensajes clave</h3>"
                                    "<ol>"
                                    "<li>La violencia y el acoso en el mundo del trabajo pueden "
                                    "constituir una violación o un abuso de los derechos "
                                    "humanos, amenazan la igualdad de oportunidades y son "
                                    "incompatibles con el trabajo decente.</li>"
                                    "<li>El Convenio núm. 190 adopta definiciones amplias: un "
                                    "solo hecho puede bastar, protege a todas las personas del "
                                    "mundo del trabajo cualquiera que sea su situación "
                                    "contractual, y el mundo del trabajo va más allá del lugar "
                                    "físico de trabajo.</li>"
                                    "<li>La violencia basada en género tiene causas "
                                    "estructurales (desigualdad de poder, estereotipos, "
                                    "discriminación interseccional) y por eso requiere "
                                    "respuestas que también lo sean.</li>"
                                    "<li>Los ministerios de trabajo intervienen en cuatro "
                                    "funciones, identificar, prevenir, atender y sancionar, y "
                                    "ninguna funciona bien sin las demás.</li>"
                                    "<li>La prevención se sostiene mejor cuando se integra en "
                                    "los sistemas de seguridad y salud en el trabajo y en el "
                                    "diálogo social.</li>"
                                    "<li>Atender bien significa canales accesibles, protección "
                                    "contra represalias, confidencialidad, reparación efectiva y "
                                    "coordinación con otras instituciones para apoyar a las "
                                    "víctimas.</li>"
                                    "<li>Las buenas prácticas se valoran por sus resultados, su "
                                    "sostenibilidad y su transferibilidad, no por su "
                                    "visibilidad.</li></ol>"
                                    "<h3>De lo aprendido a la acción: un plan para su "
                                    "ministerio</h3>"
                                    "<p>Le proponemos convertir una de las mejoras que planteó "
                                    "en la tarea del módulo 2 en un plan de acción breve, que "
                                    "pueda presentar a su jefatura o a su equipo. Un plan "
                                    "sencillo puede tener seis partes:</p>"
                                    "<ol>"
                                    "<li><strong>Problema:</strong> qué brecha concreta atiende "
                                    "y con qué evidencia cuenta.</li>"
                                    "<li><strong>Objetivo:</strong> qué cambio espera lograr en "
                                    "un plazo de doce a dieciocho meses.</li>"
                                    "<li><strong>Actividades:</strong> entre tres y cinco "
                                    "acciones concretas, cada una con una persona o unidad "
                                    "responsable.</li>"
                                    "<li><strong>Aliados:</strong> otras áreas del ministerio, "
                                    "organizaciones de trabajadores y de empleadores, mecanismos "
                                    "nacionales de la mujer, sistema de justicia.</li>"
                                    "<li><strong>Recursos:</strong> personal, presupuesto y "
                                    "apoyo técnico necesarios, incluida la cooperación "
                                    "horizontal por medio de la RIAL.</li>"
                                    "<li><strong>Indicadores:</strong> cómo sabrá si avanza; por "
                                    "ejemplo, personal de inspección capacitado, protocolo "
                                    "aprobado o plazo medio de atención de las "
                                    "denuncias.</li></ol>"
                                    "<p>En la sesión de cierre podrá presentar su idea en pocos "
                                    "minutos y recibir comentarios de colegas y del equipo "
                                    "docente. Recuerde que otros ministerios de la red quizá ya "
                                    "enfrentaron desafíos similares: la cooperación entre pares "
                                    "es uno de los recursos más valiosos de la RIAL.</p>"
                                ),
                            ),
                            (
                                "live_session",
                                {
                                    "title": "Sesión de cierre",
                                    "week": 10,
                                    "weekday": 3,
                                    "time": "10:00",
                                    "time_zone": "America/Bogota",
                                    "minutes": 90,
                                    "join_url": "https://meet.example.org/rial-gbv-es-semana-10",
                                    "description": (
                                        "Síntesis del curso, presentación voluntaria de ideas de "
                                        "planes de acción y diálogo sobre los próximos pasos y "
                                        "la cooperación entre ministerios."
                                    ),
                                },
                            ),
                        ],
                    },
                    {
                        "title": "Evaluación final y encuesta de satisfacción",
                        "slug": "evaluacion-final-y-encuesta",
                        "minutes": 60,
                        "body": [
                            (
                                "text",
                                (
                                    "<h3>Antes de empezar la evaluación final</h3>"
                                    "<p>La evaluación final tiene diez preguntas sobre todos los "
                                    "módulos del curso. Algunas preguntas admiten una sola "
                                    "respuesta y otras varias; el enunciado lo indica. Dispone "
                                    "de dos intentos y se conserva la mejor calificación. "
                                    "Necesita al menos un 70 % para aprobar. Al terminar cada "
                                    "intento verá explicaciones que le ayudarán a repasar.</p>"
                                    "<h3>Guía de repaso</h3>"
                                    "<ul>"
                                    "<li><strong>Módulo 1:</strong> las definiciones del "
                                    "artículo 1 (un solo hecho puede bastar; daño físico, "
                                    "psicológico, sexual o económico; el acoso sexual forma "
                                    "parte de la violencia y el acoso por razón de género), las "
                                    "personas protegidas (artículo 2), los lugares y momentos "
                                    "del mundo del trabajo (artículo 3), las causas "
                                    "estructurales y la violencia doméstica.</li>"
                                    "<li><strong>Módulo 2:</strong> las fuentes para identificar "
                                    "(inspección, datos desglosados, evaluación de riesgos, "
                                    "diálogo social); las obligaciones de prevención de los "
                                    "empleadores (artículo 9); los elementos de una política del "
                                    "lugar de trabajo; las vías de denuncia y recurso, la "
                                    "protección contra represalias, la reparación, las sanciones "
                                    "y las facultades de la inspección (artículo 10).</li>"
                                    "<li><strong>Módulo 3:</strong> los tipos de práctica "
                                    "(protocolos, unidades especializadas, canales de denuncia, "
                                    "campañas, convenios colectivos), los desafíos del trabajo "
                                    "doméstico, la agricultura y el transporte, y los criterios "
                                    "de resultados, sostenibilidad y transferibilidad.</li></ul>"
                                    "<h3>La encuesta de satisfacción</h3>"
                                    "<p>Después de la evaluación, responda la encuesta de "
                                    "satisfacción. Es obligatoria para obtener el certificado y "
                                    "toma unos diez minutos. Sus respuestas se analizan de forma "
                                    "agregada y sirven para mejorar este curso y los próximos "
                                    "cursos de RIAL Campus. Le pedimos franqueza: los "
                                    "comentarios críticos son tan útiles como los positivos.</p>"
                                    "<p>Cuando cumpla todos los requisitos, la plataforma "
                                    "emitirá su certificado. ¡Gracias por su participación!</p>"
                                ),
                            ),
                            (
                                "quiz",
                                {
                                    "title": "Evaluación final",
                                    "mode": "graded",
                                    "final": True,
                                    "required": True,
                                    "max_attempts": 2,
                                    "policy": "best",
                                    "pass_mark": 70,
                                    "questions": [
                                        {
                                            "text": (
                                                "Durante una reunión, una trabajadora recibe de "
                                                "su supervisor un único comentario sexual "
                                                "explícito. Según el Convenio núm. 190, ¿puede "
                                                "constituir violencia y acoso?"
                                            ),
                                            "kind": "single",
                                            "explanation": (
                                                "La definición del artículo 1 incluye "
                                                "comportamientos que se manifiestan una sola vez "
                                                "o de manera repetida. Tampoco exige probar la "
                                                "intención de dañar."
                                            ),
                                            "choices": [
                                                {
                                                    "text": (
                                                        "No, porque el Convenio exige conductas "
                                                        "repetidas."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "El Convenio reconoce expresamente que "
                                                        "un solo hecho puede bastar."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Sí, porque la definición incluye "
                                                        "comportamientos que se manifiestan una "
                                                        "sola vez o de manera repetida."
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: un único episodio puede "
                                                        "constituir violencia y acoso."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Solo si la trabajadora demuestra que el "
                                                        "supervisor quería dañarla."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "Basta con que la conducta cause o pueda "
                                                        "causar daño."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Solo si el comentario se repite fuera "
                                                        "del lugar de trabajo."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "Ni la repetición ni el lugar son "
                                                        "condiciones para que exista violencia o "
                                                        "acoso."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "¿A qué sectores se aplica el Convenio núm. 190?"
                                            ),
                                            "kind": "single",
                                            "explanation": (
                                                "Según el artículo 2, el Convenio se aplica a "
                                                "todos los sectores, público o privado, de la "
                                                "economía formal o informal, en zonas urbanas o "
                                                "rurales."
                                            ),
                                            "choices": [
                                                {
                                                    "text": "Solo al sector privado formal.",
                                                    "correct": False,
                                                    "feedback": (
                                                        "El Convenio incluye también el sector "
                                                        "público y la economía informal."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Solo a las empresas que superan cierto "
                                                        "número de personas trabajadoras."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "El Convenio no fija umbrales por tamaño "
                                                        "de empresa."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "A todos los sectores, público o "
                                                        "privado, de la economía formal o "
                                                        "informal, en zonas urbanas o rurales."
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: el alcance es universal."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "¿Cuáles de estos factores ayudan a explicar la "
                                                "violencia basada en género en el trabajo? "
                                                "Seleccione todos los que correspondan."
                                            ),
                                            "kind": "multiple",
                                            "explanation": (
                                                "Las relaciones de poder desiguales, los "
                                                "estereotipos y normas de género y la "
                                                "discriminación interseccional son causas "
                                                "estructurales. Atribuir la violencia a la "
                                                "víctima es un estereotipo que la justifica."
                                            ),
                                            "choices": [
                                                {
                                                    "text": "Relaciones de poder desiguales",
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: la jerarquía y la dependencia "
                                                        "económica dificultan negarse o "
                                                        "denunciar."
                                                    ),
                                                },
                                                {
                                                    "text": "Estereotipos y normas de género",
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: normalizan conductas y "
                                                        "castigan a quien no se ajusta a ellos."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "La forma de vestir o el comportamiento "
                                                        "de la víctima"
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "No: culpar a la víctima reproduce los "
                                                        "estereotipos que sostienen la "
                                                        "violencia."
                                                    ),
                                                },
                                                {
                                                    "text": "Discriminación interseccional",
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: el riesgo aumenta cuando el "
                                                        "género se combina con otros factores."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "Según el artículo 9 del Convenio, ¿qué medidas "
                                                "deben tomar los empleadores, en la medida de su "
                                                "grado de control? Seleccione todas las que "
                                                "correspondan."
                                            ),
                                            "kind": "multiple",
                                            "explanation": (
                                                "El artículo 9 incluye una política del lugar de "
                                                "trabajo adoptada en consulta con las personas "
                                                "trabajadoras, la consideración de la violencia "
                                                "y el acoso en la gestión de la seguridad y "
                                                "salud, la evaluación de riesgos y la "
                                                "información y capacitación."
                                            ),
                                            "choices": [
                                                {
                                                    "text": (
                                                        "Resolver las quejas de manera informal "
                                                        "y sin dejar registro"
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "No: la falta de registro impide el "
                                                        "seguimiento y la protección de las "
                                                        "personas."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Adoptar y aplicar, en consulta con las "
                                                        "personas trabajadoras, una política "
                                                        "sobre violencia y acoso"
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: es la primera medida del "
                                                        "artículo 9."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Tener en cuenta la violencia y el acoso "
                                                        "y los riesgos psicosociales en la "
                                                        "gestión de la seguridad y salud en el "
                                                        "trabajo"
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: la prevención se integra en "
                                                        "la gestión de la seguridad y salud."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Proporcionar información y capacitación "
                                                        "sobre los peligros, los riesgos y las "
                                                        "medidas de prevención"
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: la información y la "
                                                        "capacitación forman parte de las "
                                                        "obligaciones."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "¿Cómo recomienda la Recomendación núm. 206 "
                                                "desglosar las estadísticas sobre violencia y "
                                                "acoso?"
                                            ),
                                            "kind": "single",
                                            "explanation": (
                                                "La Recomendación pide recopilar y publicar "
                                                "estadísticas desglosadas por sexo, forma de "
                                                "violencia y acoso y sector de actividad "
                                                "económica."
                                            ),
                                            "choices": [
                                                {
                                                    "text": (
                                                        "Por sexo, forma de violencia y acoso y "
                                                        "sector de actividad económica"
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: así se pueden orientar las "
                                                        "políticas y la inspección."
                                                    ),
                                                },
                                                {
                                                    "text": "Solo por región del país",
                                                    "correct": False,
                                                    "feedback": (
                                                        "La región puede ser útil, pero la "
                                                        "Recomendación pide otros desgloses."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Por nombre de la empresa y de la "
                                                        "persona denunciada"
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "Publicar datos identificatorios "
                                                        "vulneraría la confidencialidad."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "Un mes después de presentar una queja por "
                                                "acoso, una trabajadora es trasladada, sin "
                                                "haberlo pedido, a un turno nocturno peor "
                                                "pagado. ¿Cómo debería abordarlo la inspección?"
                                            ),
                                            "kind": "single",
                                            "explanation": (
                                                "Los cambios perjudiciales posteriores a una "
                                                "denuncia pueden ser represalias. El Convenio "
                                                "exige proteger a denunciantes, víctimas y "
                                                "testigos contra la victimización y las "
                                                "represalias."
                                            ),
                                            "choices": [
                                                {
                                                    "text": (
                                                        "Como una decisión organizativa del "
                                                        "empleador, ajena a la queja."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "La coincidencia en el tiempo y el "
                                                        "perjuicio exigen investigar una posible "
                                                        "represalia."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Como una posible represalia, que debe "
                                                        "investigarse, y protegiendo a la "
                                                        "trabajadora."
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: la protección contra "
                                                        "represalias es esencial para que las "
                                                        "personas denuncien."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Recomendando a la trabajadora que "
                                                        "retire la queja para mejorar la "
                                                        "relación."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "Esto desprotege a la víctima y "
                                                        "desalienta las denuncias."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Esperando a que termine un eventual "
                                                        "proceso judicial antes de intervenir."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "La inspección puede y debe actuar sin "
                                                        "esperar a los tribunales."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "¿Qué facultades pide el Convenio núm. 190 para "
                                                "la inspección del trabajo y otras autoridades "
                                                "competentes?"
                                            ),
                                            "kind": "single",
                                            "explanation": (
                                                "El artículo 10 pide facultar a la inspección y "
                                                "a otras autoridades para dictar órdenes de "
                                                "aplicación inmediata y órdenes de interrupción "
                                                "de la actividad en caso de peligro inminente, "
                                                "sin perjuicio del derecho de recurso."
                                            ),
                                            "choices": [
                                                {
                                                    "text": (
                                                        "Facultades para imponer penas de prisión."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "Las penas de prisión corresponden al "
                                                        "sistema penal, no a la inspección."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Solo facultades de asesoramiento, sin "
                                                        "capacidad de dictar órdenes."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "El Convenio pide facultades que van más "
                                                        "allá del asesoramiento."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Facultades para dictar órdenes de "
                                                        "aplicación inmediata y de interrupción "
                                                        "de la actividad en caso de peligro "
                                                        "inminente, sin perjuicio del derecho de "
                                                        "recurso."
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: así lo prevé el artículo 10."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "Al entrevistar a una trabajadora que denuncia "
                                                "acoso sexual, ¿qué práctica es la adecuada?"
                                            ),
                                            "kind": "single",
                                            "explanation": (
                                                "Un enfoque centrado en la víctima exige "
                                                "privacidad, información clara sobre la "
                                                "confidencialidad y evitar que repita su relato "
                                                "innecesariamente."
                                            ),
                                            "choices": [
                                                {
                                                    "text": (
                                                        "Entrevistarla en privado, explicarle "
                                                        "cómo se protegerá su información y "
                                                        "evitar que repita su relato sin "
                                                        "necesidad."
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: reduce la revictimización y "
                                                        "mejora la calidad de la información."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Entrevistarla junto con la persona "
                                                        "denunciada para contrastar versiones."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "La confrontación directa puede "
                                                        "intimidar a la víctima y "
                                                        "revictimizarla."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Pedirle que presente primero una "
                                                        "denuncia penal."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "La vía laboral no depende de la penal; "
                                                        "la víctima puede decidir si acude a "
                                                        "ambas."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Entrevistarla en su puesto, frente a "
                                                        "sus colegas, para obtener testigos."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "Exponerla ante colegas vulnera su "
                                                        "privacidad y puede facilitar "
                                                        "represalias."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "¿Qué criterios propone el curso para valorar "
                                                "una buena práctica? Seleccione todos los que "
                                                "correspondan."
                                            ),
                                            "kind": "multiple",
                                            "explanation": (
                                                "Los tres criterios principales son los "
                                                "resultados, la sostenibilidad y la "
                                                "transferibilidad. La visibilidad no demuestra "
                                                "que una práctica funcione."
                                            ),
                                            "choices": [
                                                {
                                                    "text": "Resultados comprobables",
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: requiere indicadores y una "
                                                        "línea de base."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Visibilidad en los medios de comunicación"
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "La visibilidad no demuestra resultados."
                                                    ),
                                                },
                                                {
                                                    "text": "Sostenibilidad",
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: base normativa, presupuesto "
                                                        "estable y personal formado."
                                                    ),
                                                },
                                                {
                                                    "text": "Transferibilidad",
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: una práctica bien documentada "
                                                        "puede adaptarse a otros contextos."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "¿Por qué el trabajo doméstico requiere "
                                                "estrategias específicas de los ministerios de "
                                                "trabajo?"
                                            ),
                                            "kind": "single",
                                            "explanation": (
                                                "Las trabajadoras domésticas suelen trabajar "
                                                "aisladas en hogares privados, a veces "
                                                "residiendo en ellos, y la inspección de "
                                                "domicilios tiene límites legales. Por eso se "
                                                "necesitan estrategias complementarias."
                                            ),
                                            "choices": [
                                                {
                                                    "text": (
                                                        "Porque el Convenio núm. 190 excluye a "
                                                        "las trabajadoras domésticas."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "El Convenio se aplica a todos los "
                                                        "sectores, incluido el trabajo "
                                                        "doméstico."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Porque suelen trabajar aisladas en "
                                                        "hogares privados, a veces residiendo en "
                                                        "ellos, y la inspección de domicilios "
                                                        "tiene límites legales."
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correcto: por eso se usan citaciones, "
                                                        "registro, entrevistas fuera del hogar y "
                                                        "alianzas con sus organizaciones."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Porque en el trabajo doméstico no se "
                                                        "presentan casos de acoso."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "Al contrario: el aislamiento y la "
                                                        "dependencia aumentan el riesgo."
                                                    ),
                                                },
                                            ],
                                        },
                                    ],
                                },
                            ),
                            (
                                "survey",
                                {
                                    "title": "Encuesta de satisfacción",
                                    "required": True,
                                    "questions": [
                                        {
                                            "text": (
                                                "Los contenidos del curso son pertinentes para "
                                                "mi trabajo en el ministerio."
                                            ),
                                            "kind": "likert",
                                        },
                                        {
                                            "text": (
                                                "La tutora o el tutor respondió a mis consultas "
                                                "de forma oportuna y útil."
                                            ),
                                            "kind": "likert",
                                        },
                                        {
                                            "text": (
                                                "Los foros y las sesiones en vivo me ayudaron a "
                                                "aprender de colegas de otros países."
                                            ),
                                            "kind": "likert",
                                        },
                                        {
                                            "text": "La plataforma fue fácil de usar.",
                                            "kind": "likert",
                                        },
                                        {
                                            "text": (
                                                "Podré aplicar lo aprendido en mis funciones en "
                                                "los próximos meses."
                                            ),
                                            "kind": "likert",
                                        },
                                        {
                                            "text": (
                                                "¿Qué aspecto del curso le resultó más útil y "
                                                "por qué?"
                                            ),
                                            "kind": "text",
                                        },
                                        {
                                            "text": (
                                                "¿Qué cambiaría o añadiría para mejorar el curso?"
                                            ),
                                            "kind": "text",
                                        },
                                    ],
                                },
                            ),
                        ],
                    },
                ],
            },
        ],
    },
    "en": {
        "title": "Gender-based violence at work",
        "slug": "gender-based-violence-at-work",
        "summary": (
            "A ten-week tutored course on gender-based violence and harassment in the world of "
            "work, based on ILO Convention No. 190 and Recommendation No. 206. It examines how "
            "ministries of labour can identify, prevent, address and sanction this conduct, and "
            "brings together types of good practice from the region."
        ),
        "objectives": [
            (
                "Explain the concepts of violence and harassment, and of gender-based violence "
                "and harassment, as set out in ILO Convention No. 190 and Recommendation No. "
                "206."
            ),
            (
                "Recognise the causes, forms and impacts of gender-based violence at work, "
                "including the impact of domestic violence on the world of work."
            ),
            (
                "Describe the roles of ministries of labour in identifying, preventing, "
                "addressing and sanctioning violence and harassment at work."
            ),
            (
                "Analyse your country's legal and institutional framework against the elements "
                "of Convention No. 190 and propose concrete improvements."
            ),
            (
                "Assess good practices from the region using the criteria of results, "
                "sustainability and transferability."
            ),
        ],
        "audience": (
            "Staff of ministries of labour of the Americas: labour inspectors, labour and "
            "equality policy officers, and gender focal points. Officials of other public "
            "institutions that work with them on this subject are also welcome."
        ),
        "duration_weeks": 10,
        "weekly_hours": 4,
        "certificate_hours": 40,
        "modules": [
            {
                "number": 0,
                "title": "Orientation",
                "slug": "orientation",
                "opens_week": 1,
                "closes_week": 1,
                "intro": (
                    "Get to know how the course works, your tutor and your fellow participants. "
                    "This week lays the groundwork for the nine weeks that follow."
                ),
                "lessons": [
                    {
                        "title": "Welcome",
                        "slug": "welcome",
                        "minutes": 20,
                        "body": [
                            (
                                "text",
                                (
                                    "<h3>A course among ministries of labour</h3>"
                                    "<p>Thank you for joining this course of the Inter-American "
                                    "Network for Labor Administration (RIAL). Over ten weeks, "
                                    "you and colleagues from ministries of labour across the "
                                    "Americas will study a problem that harms the health, "
                                    "dignity and rights of many workers, and that falls "
                                    "disproportionately on women: gender-based violence and "
                                    "harassment in the world of work.</p>"
                                    "<p>In June 2019, the International Labour Conference "
                                    "adopted the Violence and Harassment Convention (No. 190) "
                                    "and its accompanying Recommendation (No. 206). Convention "
                                    "No. 190 is the first international labour standard devoted "
                                    "specifically to this subject, and it recognises the right "
                                    "of everyone to a world of work free from violence and "
                                    "harassment. In the inter-American system, the Convention of "
                                    "Belém do Pará (1994) had already listed sexual harassment "
                                    "in the workplace among the forms of violence against women "
                                    "that States must prevent, punish and eradicate.</p>"
                                    "<p>Ministries of labour are central to applying these "
                                    "standards: they propose laws and regulations, run labour "
                                    "inspection, promote social dialogue, produce information "
                                    "and guide employers and workers. This course aims to "
                                    "strengthen those functions.</p>"
                                    "<h3>What you will find in the course</h3>"
                                    "<ul>"
                                    "<li><strong>Module 0, Orientation (week 1):</strong> how "
                                    "the course works and getting to know the group.</li>"
                                    "<li><strong>Module 1, Conceptual framework (weeks 2 and "
                                    "3):</strong> definitions, scope, causes, forms and "
                                    "impacts.</li>"
                                    "<li><strong>Module 2, The role of ministries of labour "
                                    "(weeks 4 to 6):</strong> identifying, preventing, "
                                    "addressing and sanctioning.</li>"
                                    "<li><strong>Module 3, Good practices (weeks 7 to "
                                    "9):</strong> types of practice from the region and criteria "
                                    "to assess them.</li>"
                                    "<li><strong>Module 4, Conclusions (week 10):</strong> key "
                                    "messages, final evaluation and survey.</li></ul>"
                                    "<p>The course combines short readings, quizzes, discussion "
                                    "forums, an assignment applied to your own ministry and "
                                    "three live sessions. Make the most of the diversity of the "
                                    "group: the questions and experience of each participant "
                                    "enrich everyone's learning.</p>"
                                    "<p>One important note of care: this subject can bring up "
                                    "difficult memories or emotions. Take the breaks you need "
                                    "and, if you wish, write to your tutor privately.</p>"
                                ),
                            ),
                            (
                                "live_session",
                                {
                                    "title": "Welcome session",
                                    "week": 1,
                                    "weekday": 3,
                                    "time": "10:00",
                                    "time_zone": "America/Bogota",
                                    "minutes": 60,
                                    "join_url": "https://meet.example.org/rial-gbv-en-week-1",
                                    "description": (
                                        "Introduction of the teaching team and the group, a tour "
                                        "of the platform and time for questions about how the "
                                        "course works."
                                    ),
                                },
                            ),
                        ],
                    },
                    {
                        "title": "How the course works",
                        "slug": "how-the-course-works",
                        "minutes": 30,
                        "body": [
                            (
                                "text",
                                (
                                    "<h3>The weekly rhythm</h3>"
                                    "<p>The course lasts ten weeks and takes about four hours of "
                                    "work per week. Each module opens on the Monday of the week "
                                    "shown in the calendar, and its activities have due dates. "
                                    "We recommend that you keep pace with the group so that you "
                                    "can take part in discussions while they are active. A "
                                    "typical week includes:</p>"
                                    "<ul>"
                                    "<li>reading the lesson or lessons of the week (40 to 60 "
                                    "minutes each);</li>"
                                    "<li>completing the corresponding quiz or assignment;</li>"
                                    "<li>taking part in the module forum, with a post of your "
                                    "own and at least one reply to colleagues;</li>"
                                    "<li>when scheduled, attending the live session.</li></ul>"
                                    "<h3>Your tutor</h3>"
                                    "<p>Each cohort has a tutor who specialises in the subject. "
                                    "The tutor's role is to support your learning: answering "
                                    "questions about the content, moderating the forums, grading "
                                    "the Module 2 assignment with personal feedback and "
                                    "contacting you if you fall behind. Post questions about the "
                                    "content in the questions forum, so that the answer helps "
                                    "the whole group; personal matters can be raised by private "
                                    "message. The tutor replies within two working days at "
                                    "most.</p>"
                                    "<h3>Forums and live sessions</h3>"
                                    "<p>The forums are the main space for exchange among "
                                    "ministries. Write respectfully and, when you mention real "
                                    "cases, leave out names and any detail that could identify "
                                    "the people or companies involved. There will be three live "
                                    "sessions: the welcome (week 1), a session on the role of "
                                    "ministries (week 5) and the closing session (week 10). If "
                                    "you cannot attend, the tutor will post a summary in the "
                                    "forum.</p>"
                                    "<h3>Certificate</h3>"
                                    "<p>To obtain the certificate of completion, which certifies "
                                    "40 hours, you must meet three conditions:</p>"
                                    "<ol>"
                                    "<li>complete the required activities, marked as such on the "
                                    "platform: the Module 1 quiz, the Module 2 assignment and "
                                    "the final evaluation;</li>"
                                    "<li>score at least 70% in the final evaluation, which "
                                    "allows two attempts and keeps the best score;</li>"
                                    "<li>answer the satisfaction survey in Module 4.</li></ol>"
                                    "<p>Before moving on, check what you have read with the "
                                    "practice quiz (it is not graded and you can repeat it as "
                                    "often as you like), and then introduce yourself in the "
                                    "forum.</p>"
                                ),
                            ),
                            (
                                "quiz",
                                {
                                    "title": "Practice quiz: how the course works",
                                    "mode": "practice",
                                    "final": False,
                                    "required": False,
                                    "max_attempts": 0,
                                    "policy": "last",
                                    "pass_mark": 70,
                                    "questions": [
                                        {
                                            "text": (
                                                "What is the minimum score you need in the final "
                                                "evaluation to receive the certificate?"
                                            ),
                                            "kind": "single",
                                            "explanation": (
                                                "The final evaluation is passed with at least "
                                                "70%. You have two attempts and the best score "
                                                "is kept."
                                            ),
                                            "choices": [
                                                {
                                                    "text": "50%",
                                                    "correct": False,
                                                    "feedback": (
                                                        "That is not enough: the minimum is 70%."
                                                    ),
                                                },
                                                {
                                                    "text": "60%",
                                                    "correct": False,
                                                    "feedback": (
                                                        "That is not enough: the minimum is 70%."
                                                    ),
                                                },
                                                {
                                                    "text": "70%",
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: 70% is the minimum pass mark."
                                                    ),
                                                },
                                                {
                                                    "text": "100%",
                                                    "correct": False,
                                                    "feedback": (
                                                        "A perfect score is not required; 70% is "
                                                        "enough."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "Which of these conditions are needed to obtain "
                                                "the certificate? Select all that apply."
                                            ),
                                            "kind": "multiple",
                                            "explanation": (
                                                "The certificate requires completing the "
                                                "required activities, scoring at least 70% in "
                                                "the final evaluation and answering the "
                                                "satisfaction survey. Attending the live "
                                                "sessions is strongly recommended but not "
                                                "compulsory."
                                            ),
                                            "choices": [
                                                {
                                                    "text": "Completing the required activities",
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: the Module 1 quiz, the Module "
                                                        "2 assignment and the final evaluation "
                                                        "are required."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Scoring at least 70% in the final "
                                                        "evaluation"
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: that is the minimum pass mark."
                                                    ),
                                                },
                                                {
                                                    "text": "Answering the satisfaction survey",
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: the survey is required before "
                                                        "the certificate is issued."
                                                    ),
                                                },
                                                {
                                                    "text": "Attending all three live sessions",
                                                    "correct": False,
                                                    "feedback": (
                                                        "The sessions are recommended, but if "
                                                        "you cannot attend you will find a "
                                                        "summary in the forum."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "You have a question about a concept in a "
                                                "lesson. What is the best way to raise it?"
                                            ),
                                            "kind": "single",
                                            "explanation": (
                                                "Questions about the content go in the questions "
                                                "forum: the tutor's answer then helps the whole "
                                                "group."
                                            ),
                                            "choices": [
                                                {
                                                    "text": (
                                                        "Post it in the course questions forum"
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: that way the answer also helps "
                                                        "your colleagues."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Wait for the closing session in week 10"
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "There is no need to wait: the tutor "
                                                        "answers in the forum within two working "
                                                        "days."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Write to the platform's technical help "
                                                        "desk"
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "The help desk deals with technical "
                                                        "problems, not questions about the "
                                                        "content."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "You want to discuss in the forum a harassment "
                                                "case you came across at work. What should you "
                                                "do?"
                                            ),
                                            "kind": "single",
                                            "explanation": (
                                                "Real cases enrich the discussion, provided that "
                                                "the identity and confidentiality of the people "
                                                "involved are protected."
                                            ),
                                            "choices": [
                                                {
                                                    "text": (
                                                        "Give the company's name to warn others"
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "No: naming the company may make it "
                                                        "possible to identify the people "
                                                        "involved."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Describe it without names or details "
                                                        "that could identify the people or the "
                                                        "company"
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: the case can then be used for "
                                                        "learning without exposing anyone."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Never mention real cases, not even "
                                                        "without identifying details"
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "Anonymised cases are welcome and help "
                                                        "to apply the concepts."
                                                    ),
                                                },
                                            ],
                                        },
                                    ],
                                },
                            ),
                            (
                                "forum_task",
                                {
                                    "title": "Introduce yourself",
                                    "instructions": (
                                        "<p>Post a short introduction (100 to 200 words) in the "
                                        "module forum, including:</p>"
                                        "<ul>"
                                        "<li>your name and how you prefer to be addressed;</li>"
                                        "<li>your ministry and unit, and your main duties;</li>"
                                        "<li>any previous experience you have with cases or "
                                        "policies on violence and harassment at work;</li>"
                                        "<li>what you expect to learn in the course and how you "
                                        "plan to apply it.</li></ul>"
                                        "<p>Then read your colleagues' introductions and reply "
                                        "to at least two, preferably people from other "
                                        "countries. Look for similarities and differences in the "
                                        "functions of your ministries.</p>"
                                    ),
                                },
                            ),
                        ],
                    },
                ],
            },
            {
                "number": 1,
                "title": "Conceptual framework",
                "slug": "conceptual-framework",
                "opens_week": 2,
                "closes_week": 3,
                "intro": (
                    "This module presents the definitions and scope of ILO Convention No. 190 "
                    "and Recommendation No. 206, and examines why gender-based violence occurs "
                    "at work, what forms it takes and what its impacts are."
                ),
                "lessons": [
                    {
                        "title": "What violence and harassment in the world of work are",
                        "slug": "violence-and-harassment-in-the-world-of-work",
                        "minutes": 45,
                        "body": [
                            (
                                "text",
                                (
                                    "<h3>An international standard for a persistent problem</h3>"
                                    "<p>The Violence and Harassment Convention, 2019 (No. 190), "
                                    "and the Violence and Harassment Recommendation, 2019 (No. "
                                    "206), were adopted by the International Labour Conference "
                                    "in June 2019. The Convention is a treaty that binds the "
                                    "States that ratify it. The Recommendation is not ratified: "
                                    "it gives detailed guidance on how to apply the "
                                    "Convention.</p>"
                                    "<h3>The definitions in Article 1</h3>"
                                    "<p>Under Article 1 of the Convention, the term "
                                    '<strong>"violence and harassment"</strong> refers to a '
                                    "range of unacceptable behaviours and practices, or threats "
                                    "thereof, whether a single occurrence or repeated, that aim "
                                    "at, result in, or are likely to result in physical, "
                                    "psychological, sexual or economic harm. It includes "
                                    "gender-based violence and harassment.</p>"
                                    '<p>The term <strong>"gender-based violence and '
                                    'harassment"</strong> means violence and harassment directed '
                                    "at persons because of their sex or gender, or affecting "
                                    "persons of a particular sex or gender disproportionately, "
                                    "and includes sexual harassment.</p>"
                                    "<p>Three features deserve attention:</p>"
                                    "<ul>"
                                    "<li><strong>A single incident can be enough.</strong> "
                                    "Repetition is not required: one episode can amount to "
                                    "violence or harassment.</li>"
                                    "<li><strong>Harm matters, not only intent.</strong> It is "
                                    "enough that the conduct causes or is likely to cause harm, "
                                    'even if the person responsible claims it was "just a '
                                    'joke".</li>'
                                    "<li><strong>Room for national law.</strong> National laws "
                                    "may define violence and harassment as a single concept or "
                                    "as separate concepts.</li></ul>"
                                    "<p>The Convention does not define sexual harassment "
                                    "separately. Many national laws distinguish two situations: "
                                    "when a job benefit (hiring, promotion, keeping the job) is "
                                    "made conditional on accepting sexual conduct, and when the "
                                    "conduct creates an intimidating, hostile or offensive "
                                    "working environment.</p>"
                                ),
                            ),
                            (
                                "text",
                                (
                                    "<h3>Who is protected (Article 2)</h3>"
                                    "<p>The Convention protects workers and other persons in the "
                                    "world of work: employees as defined by national law and "
                                    "practice; persons working irrespective of their contractual "
                                    "status; persons in training, including interns and "
                                    "apprentices; workers whose employment has been terminated; "
                                    "volunteers; jobseekers and job applicants; and individuals "
                                    "exercising the authority, duties or responsibilities of an "
                                    "employer. It applies to all sectors, public or private, in "
                                    "the formal and informal economy, in urban and rural "
                                    "areas.</p>"
                                    '<h3>What the "world of work" is (Article 3)</h3>'
                                    "<p>The Convention covers violence and harassment occurring "
                                    "in the course of, linked with or arising out of work:</p>"
                                    "<ul>"
                                    "<li>in the workplace, including public and private spaces "
                                    "where they are a place of work;</li>"
                                    "<li>in places where the worker is paid, takes a rest break "
                                    "or a meal, or uses sanitary, washing and changing "
                                    "facilities;</li>"
                                    "<li>during work-related trips, travel, training, events or "
                                    "social activities;</li>"
                                    "<li>through work-related communications, including those "
                                    "enabled by information and communication technologies;</li>"
                                    "<li>in employer-provided accommodation;</li>"
                                    "<li>when commuting to and from work.</li></ul>"
                                    "<p>This broad scope has practical consequences for a "
                                    "ministry: an offensive message sent by a supervisor at "
                                    "midnight, harassment in the workers' lodging on a farm, or "
                                    "an assault during an off-site training course are all "
                                    "labour matters. The Convention also calls for taking into "
                                    "account violence and harassment involving third parties, "
                                    "such as clients, customers, service users or patients.</p>"
                                ),
                            ),
                        ],
                    },
                    {
                        "title": "Causes, forms and impacts",
                        "slug": "causes-forms-and-impacts",
                        "minutes": 60,
                        "body": [
                            (
                                "text",
                                (
                                    "<h3>Why it happens</h3>"
                                    "<p>Gender-based violence at work is not just a sum of "
                                    "isolated individual acts. It is explained by structural and "
                                    "organisational factors that reinforce one another:</p>"
                                    "<ul>"
                                    "<li><strong>Unequal power relations.</strong> Hierarchy, "
                                    "job insecurity and economic dependence make it hard for the "
                                    "person affected to refuse or to report. Women are "
                                    "over-represented in lower-ranking positions and in "
                                    "precarious jobs.</li>"
                                    "<li><strong>Gender stereotypes and norms.</strong> Ideas "
                                    'about what is "proper" for women and men normalise '
                                    "comments, demands and punishment directed at those who do "
                                    "not conform, including LGBTI people.</li>"
                                    "<li><strong>Intersecting discrimination.</strong> Risk "
                                    "rises when gender combines with other factors such as age, "
                                    "ethnic origin, being Indigenous or of African descent, "
                                    "disability or migration status. Article 6 of the Convention "
                                    "links the elimination of violence and harassment with "
                                    "equality and non-discrimination.</li>"
                                    "<li><strong>Work organisation.</strong> Isolated or night "
                                    "work, contact with the public, subcontracting, the lack of "
                                    "policies and reporting channels, and impunity in past cases "
                                    "all increase the risk.</li></ul>"
                                    "<h3>Forms</h3>"
                                    "<ul>"
                                    "<li><strong>Physical:</strong> pushing, hitting, blocking "
                                    "someone's way, attacks with objects.</li>"
                                    "<li><strong>Psychological:</strong> insults, humiliation, "
                                    "threats, deliberate isolation, excessive monitoring, "
                                    "rumours, including through digital means.</li>"
                                    "<li><strong>Sexual:</strong> sexual comments or jokes, "
                                    "unwanted physical contact, displaying sexual material, "
                                    "persistent advances, sexual blackmail, sexual assault.</li>"
                                    "<li><strong>Economic:</strong> withholding or cutting "
                                    "wages, denying promotion or training, assigning harmful "
                                    "shifts as retaliation, dismissing someone who refuses or "
                                    "reports.</li></ul>"
                                    "<h3>Impacts</h3>"
                                    "<p>For the people affected, the impacts include anxiety, "
                                    "depression, injuries, sleep disorders, loss of income and "
                                    "leaving the job or even the career. In workplaces they show "
                                    "up as absenteeism, staff turnover, conflict, lower "
                                    "productivity and damage to reputation. For the economy and "
                                    "society, violence pushes women out of the labour market, "
                                    "widens gender gaps and creates costs for health, social "
                                    "security and justice systems.</p>"
                                    "<h3>Domestic violence and work</h3>"
                                    "<p>Domestic violence happens outside the workplace, but it "
                                    "reaches it: the perpetrator may harass the victim by phone "
                                    "or turn up at the workplace, and the victim may miss work, "
                                    "lose concentration or be dismissed. This is why the "
                                    "Convention calls for recognising its effects and, so far as "
                                    "is reasonably practicable, mitigating its impact in the "
                                    "world of work. The Recommendation mentions measures such as "
                                    "leave for victims, flexible work arrangements, temporary "
                                    "protection against dismissal, including domestic violence "
                                    "in workplace risk assessment, referral to public support "
                                    "services and awareness-raising.</p>"
                                ),
                            ),
                            (
                                "quiz",
                                {
                                    "title": "Module 1 quiz",
                                    "mode": "graded",
                                    "final": False,
                                    "required": True,
                                    "max_attempts": 3,
                                    "policy": "best",
                                    "pass_mark": 60,
                                    "questions": [
                                        {
                                            "text": (
                                                "According to Article 1 of Convention No. 190, "
                                                "which statement correctly describes violence "
                                                "and harassment?"
                                            ),
                                            "kind": "single",
                                            "explanation": (
                                                "Article 1 defines violence and harassment as "
                                                "unacceptable behaviours and practices, or "
                                                "threats thereof, whether a single occurrence or "
                                                "repeated, that aim at, result in, or are likely "
                                                "to result in physical, psychological, sexual or "
                                                "economic harm."
                                            ),
                                            "choices": [
                                                {
                                                    "text": (
                                                        "It only exists when the conduct is "
                                                        "repeated over a long period."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "The Convention recognises that a single "
                                                        "incident can amount to violence or "
                                                        "harassment."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Unacceptable behaviours and practices, "
                                                        "or threats thereof, single or repeated, "
                                                        "that aim at, result in or are likely to "
                                                        "result in physical, psychological, "
                                                        "sexual or economic harm."
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: this is the definition in "
                                                        "Article 1."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "It only covers physical attacks that "
                                                        "leave provable injuries."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "The definition also covers "
                                                        "psychological, sexual and economic "
                                                        "harm."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "It requires proof that the person "
                                                        "responsible intended to cause harm."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "It is enough that the conduct causes or "
                                                        "is likely to cause harm, even if intent "
                                                        "is not proven."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "Who is protected by Convention No. 190? Select "
                                                "all that apply."
                                            ),
                                            "kind": "multiple",
                                            "explanation": (
                                                "Article 2 protects workers irrespective of "
                                                "their contractual status, persons in training "
                                                "(including interns and apprentices), "
                                                "volunteers, jobseekers and individuals "
                                                "exercising the authority of an employer, among "
                                                "others."
                                            ),
                                            "choices": [
                                                {
                                                    "text": "Interns and apprentices",
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: persons in training are "
                                                        "protected."
                                                    ),
                                                },
                                                {
                                                    "text": "Volunteers",
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: Article 2 names them expressly."
                                                    ),
                                                },
                                                {
                                                    "text": "Jobseekers and job applicants",
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: protection also covers "
                                                        "recruitment processes."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Only people with a written, open-ended "
                                                        "employment contract"
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "No: protection does not depend on "
                                                        "contractual status."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "Which of these situations are part of the world "
                                                "of work under Article 3? Select all that apply."
                                            ),
                                            "kind": "multiple",
                                            "explanation": (
                                                "Article 3 includes, among others, commuting to "
                                                "and from work, work-related communications "
                                                "(including digital ones) and employer-provided "
                                                "accommodation. A conflict unrelated to work "
                                                "falls outside it."
                                            ),
                                            "choices": [
                                                {
                                                    "text": (
                                                        "An assault while commuting between home "
                                                        "and work"
                                                    ),
                                                    "correct": True,
                                                    "feedback": "Correct: commuting is covered.",
                                                },
                                                {
                                                    "text": (
                                                        "An argument between neighbours with no "
                                                        "connection to work"
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "No: the Convention covers events "
                                                        "occurring in the course of, linked with "
                                                        "or arising out of work."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Offensive messages from a manager "
                                                        "through a messaging app, outside "
                                                        "working hours"
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: work-related communications "
                                                        "are covered, including digital ones."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Harassment in employer-provided "
                                                        "accommodation"
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: employer-provided "
                                                        "accommodation is covered."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "What characterises gender-based violence and "
                                                "harassment under Convention No. 190?"
                                            ),
                                            "kind": "single",
                                            "explanation": (
                                                "Gender-based violence and harassment is "
                                                "directed at persons because of their sex or "
                                                "gender, or affects persons of a particular sex "
                                                "or gender disproportionately, and includes "
                                                "sexual harassment."
                                            ),
                                            "choices": [
                                                {
                                                    "text": (
                                                        "Only women can experience it and only "
                                                        "men can commit it."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "The definition is not limited to one "
                                                        "sex of victim or perpetrator."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "It is directed at persons because of "
                                                        "their sex or gender, or affects persons "
                                                        "of a particular sex or gender "
                                                        "disproportionately, and includes sexual "
                                                        "harassment."
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: this is the definition in "
                                                        "Article 1."
                                                    ),
                                                },
                                                {
                                                    "text": "It covers only sexual harassment.",
                                                    "correct": False,
                                                    "feedback": (
                                                        "Sexual harassment is one of its forms, "
                                                        "but not the only one."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "What does Convention No. 190 ask of member "
                                                "States regarding domestic violence?"
                                            ),
                                            "kind": "single",
                                            "explanation": (
                                                "The Convention calls for recognising the "
                                                "effects of domestic violence and, so far as is "
                                                "reasonably practicable, mitigating its impact "
                                                "in the world of work."
                                            ),
                                            "choices": [
                                                {
                                                    "text": (
                                                        "Nothing, because it is a private matter "
                                                        "outside the world of work."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "The Convention recognises that domestic "
                                                        "violence affects employment, "
                                                        "productivity and safety."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "That employers investigate and punish "
                                                        "the perpetrator at home."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "Employers do not punish acts committed "
                                                        "at home; their role is to mitigate the "
                                                        "impact at work."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "To recognise its effects and, so far as "
                                                        "is reasonably practicable, mitigate its "
                                                        "impact in the world of work."
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: for example through leave, "
                                                        "flexibility or referral to support "
                                                        "services."
                                                    ),
                                                },
                                            ],
                                        },
                                    ],
                                },
                            ),
                        ],
                    },
                ],
            },
            {
                "number": 2,
                "title": (
                    "The role of ministries of labour: identifying, preventing, addressing and "
                    "sanctioning"
                ),
                "slug": "role-of-ministries-of-labour",
                "opens_week": 4,
                "closes_week": 6,
                "intro": (
                    "Ministries of labour have their own tools: inspection, regulation, "
                    "information, social dialogue and guidance. This module organises them into "
                    "four functions: identifying, preventing, addressing and sanctioning."
                ),
                "lessons": [
                    {
                        "title": "Identifying",
                        "slug": "identifying",
                        "minutes": 50,
                        "body": [
                            (
                                "text",
                                (
                                    "<h3>Making visible what goes unreported</h3>"
                                    "<p>Violence and harassment at work are under-reported: the "
                                    "people affected fear retaliation, do not know the channels "
                                    "or do not trust that their case will be resolved. The "
                                    "number of complaints therefore does not reflect the real "
                                    "size of the problem, and identifying it means combining "
                                    "several sources.</p>"
                                    "<h3>Labour inspection</h3>"
                                    "<p>Labour inspection is the presence of the State in "
                                    "workplaces. Besides responding to complaints, it can "
                                    "include violence and harassment in its planned visits. "
                                    "During a visit, the inspector can:</p>"
                                    "<ul>"
                                    "<li>check whether there is a policy and a complaints "
                                    "procedure, and whether staff know about them;</li>"
                                    "<li>review the risk assessment, including psychosocial "
                                    "risks, and the records of complaints;</li>"
                                    "<li>interview workers in private, guaranteeing "
                                    "confidentiality;</li>"
                                    "<li>observe risk factors: isolated work, night shifts "
                                    "without safety measures, no separate changing rooms, work "
                                    "with the public without protocols.</li></ul>"
                                    "<p>Recommendation No. 206 states that labour inspectors "
                                    "should receive gender-responsive training to detect and "
                                    "address these situations.</p>"
                                    "<h3>Data and statistics</h3>"
                                    "<p>The Recommendation calls for efforts to collect and "
                                    "publish statistics disaggregated by sex, form of violence "
                                    "and harassment, and sector of economic activity. Ministries "
                                    "can add questions to employment or working conditions "
                                    "surveys and improve their administrative records, so that "
                                    "each complaint records at least the type of conduct, the "
                                    "sector, the sex of the complainant, the measures taken and "
                                    "the outcome, without publishing data that could identify "
                                    "anyone.</p>"
                                    "<h3>Risk assessment and analysis of complaints</h3>"
                                    "<p>Not all sectors are equally exposed. The Recommendation "
                                    "mentions, among others, night work, work in isolation, "
                                    "health, hospitality, social services, emergency services, "
                                    "domestic work, transport, education and entertainment. "
                                    "Regular analysis of complaints makes it possible to detect "
                                    "patterns (companies with repeated complaints, sectors with "
                                    "long resolution times, frequent retaliation) and to guide "
                                    "inspection planning.</p>"
                                    "<h3>Dialogue with workers' and employers' "
                                    "organisations</h3>"
                                    "<p>Article 8 of the Convention calls for identifying, in "
                                    "consultation with employers' and workers' organisations, "
                                    "the sectors, occupations and work arrangements in which "
                                    "workers are more exposed. Trade unions know of situations "
                                    "that never reach inspection and can support victims; "
                                    "employers' organisations can spread information and promote "
                                    "self-assessment in companies. Tripartite bodies on "
                                    "occupational safety and health or on equality are natural "
                                    "spaces for this work.</p>"
                                ),
                            ),
                        ],
                    },
                    {
                        "title": "Preventing",
                        "slug": "preventing",
                        "minutes": 50,
                        "body": [
                            (
                                "text",
                                (
                                    "<h3>Coherent public policies</h3>"
                                    "<p>Article 11 of the Convention calls for violence and "
                                    "harassment to be addressed in relevant national policies, "
                                    "such as those on occupational safety and health, equality "
                                    "and non-discrimination, and migration. For a ministry of "
                                    "labour, this means reviewing its own policies and plans so "
                                    "that prevention does not depend on isolated "
                                    "initiatives.</p>"
                                    "<h3>Violence and harassment in occupational safety and "
                                    "health management</h3>"
                                    "<p>Article 9 requires employers to take appropriate steps "
                                    "commensurate with their degree of control, in particular "
                                    "to:</p>"
                                    "<ul>"
                                    "<li>adopt and implement, in consultation with workers and "
                                    "their representatives, a workplace policy on violence and "
                                    "harassment;</li>"
                                    "<li>take violence and harassment, and the associated "
                                    "psychosocial risks, into account in the management of "
                                    "occupational safety and health;</li>"
                                    "<li>identify hazards and assess risks, with the "
                                    "participation of workers, and take measures to prevent and "
                                    "control them;</li>"
                                    "<li>provide information and training on the hazards, the "
                                    "risks, the prevention measures and the rights and "
                                    "responsibilities of each person.</li></ul>"
                                    "<p>Building the subject into occupational safety and health "
                                    "has a practical advantage: it uses structures that already "
                                    "exist, such as joint committees, risk assessments and "
                                    "safety and health inspection.</p>"
                                    "<h3>Workplace policies and protocols</h3>"
                                    "<p>According to Recommendation No. 206, a workplace policy "
                                    "should, among other things: state that violence and "
                                    "harassment will not be tolerated; establish prevention "
                                    "programmes with measurable objectives where appropriate; "
                                    "set out rights and responsibilities; give information on "
                                    "complaint and investigation procedures; ensure that all "
                                    "communications about incidents are duly considered and "
                                    "acted upon; protect privacy and confidentiality; and "
                                    "include measures against retaliation. A protocol turns the "
                                    "policy into concrete steps: who receives the complaint, how "
                                    "quickly it is investigated, what protective measures apply "
                                    "in the meantime and how the decision is communicated.</p>"
                                    "<h3>Training, awareness-raising and guidance for "
                                    "employers</h3>"
                                    "<p>Ministries can:</p>"
                                    "<ul>"
                                    "<li>train their own staff, starting with labour inspection "
                                    "and conciliation services;</li>"
                                    "<li>run campaigns together with employers' and workers' "
                                    "organisations;</li>"
                                    "<li>publish model policies and protocols, risk assessment "
                                    "guides and checklists adapted to micro, small and "
                                    "medium-sized enterprises;</li>"
                                    "<li>offer technical assistance, since the role of "
                                    "inspection includes advising on how to comply with the law, "
                                    "not only sanctioning.</li></ul>"
                                    "<p>Prevention works best when it combines clear obligations "
                                    "with simple tools to meet them.</p>"
                                ),
                            ),
                            (
                                "live_session",
                                {
                                    "title": (
                                        "Live session: ministries of labour facing violence and "
                                        "harassment"
                                    ),
                                    "week": 5,
                                    "weekday": 3,
                                    "time": "10:00",
                                    "time_zone": "America/Bogota",
                                    "minutes": 90,
                                    "join_url": "https://meet.example.org/rial-gbv-en-week-5",
                                    "description": (
                                        "A conversation with experts in labour inspection and "
                                        "equality policy on how to identify and prevent violence "
                                        "and harassment, with time for questions about the "
                                        "Module 2 assignment."
                                    ),
                                },
                            ),
                        ],
                    },
                    {
                        "title": "Addressing and sanctioning",
                        "slug": "addressing-and-sanctioning",
                        "minutes": 60,
                        "body": [
                            (
                                "text",
                                (
                                    "<h3>Complaint and dispute resolution mechanisms</h3>"
                                    "<p>Article 10 of the Convention requires ensuring easy "
                                    "access to appropriate and effective remedies and to safe, "
                                    "fair and effective reporting and dispute resolution "
                                    "mechanisms and procedures. These can include procedures at "
                                    "the workplace, external mechanisms (such as labour "
                                    "inspection or administrative conciliation) and courts or "
                                    "tribunals. In cases of gender-based violence and "
                                    "harassment, the mechanisms must also be gender-responsive. "
                                    "Recommendation No. 206 suggests, for example, courts with "
                                    "expertise in the subject, timely and efficient processing, "
                                    "legal advice and assistance for victims, information in "
                                    "widely spoken languages and, where appropriate, shifting "
                                    "the burden of proof in proceedings other than criminal "
                                    "ones.</p>"
                                    "<h3>Protection against victimisation and "
                                    "confidentiality</h3>"
                                    "<p>Nobody reports if they fear losing their job. The "
                                    "Convention requires protection against victimisation of or "
                                    "retaliation against complainants, victims, witnesses and "
                                    "whistle-blowers, and protection of the privacy and "
                                    "confidentiality of the people involved to the extent "
                                    "possible. In practice this means protective measures during "
                                    "the investigation (for example, separating the people "
                                    "involved without disadvantaging the victim), confidential "
                                    "records and close attention to dismissals, transfers or "
                                    "shift changes after a complaint.</p>"
                                    "<h3>Remedies and sanctions</h3>"
                                    "<p>Among remedies, the Recommendation mentions the right to "
                                    "resign with compensation, reinstatement, compensation for "
                                    "damages, orders with immediate executory force to stop "
                                    "certain conduct or change policies, and legal fees and "
                                    "costs. It also provides for compensation when violence "
                                    "causes injury or illness that leaves the person unable to "
                                    "work. The Convention requires sanctions to be provided for, "
                                    "where appropriate; national law must make clear who is "
                                    "liable: the perpetrator, the employer who failed to prevent "
                                    "or act, or both.</p>"
                                    "<h3>Powers of labour inspection</h3>"
                                    "<p>The Convention calls for labour inspectorates and other "
                                    "competent authorities to be empowered to deal with violence "
                                    "and harassment, including by issuing orders with immediate "
                                    "executory force and orders to stop work where there is an "
                                    "imminent danger to life, health or safety, subject to any "
                                    "right of appeal. It also recognises the right of workers to "
                                    "remove themselves from a work situation they reasonably "
                                    "believe presents an imminent and serious danger due to "
                                    "violence and harassment, without undue consequences, and "
                                    "the duty to inform management.</p>"
                                    "<h3>Coordination and support for victims</h3>"
                                    "<p>A ministry of labour cannot and should not act alone. "
                                    "Where the facts may amount to a crime, the victim should be "
                                    "referred to the public prosecutor or the police; where the "
                                    "person needs psychological or medical care or a safe place, "
                                    "to health services and the national women's machinery. A "
                                    "referral pathway agreed among institutions, with named "
                                    "contacts and time limits, saves the victim from having to "
                                    "tell the story again and again and reduces "
                                    "re-victimisation.</p>"
                                ),
                            ),
                            (
                                "assignment",
                                {
                                    "title": (
                                        "Assignment: your country's framework and Convention No. "
                                        "190"
                                    ),
                                    "instructions": (
                                        "<p>In this assignment you will apply what you have "
                                        "learned to your own context. Analyse the legal and "
                                        "institutional framework of your country, and of your "
                                        "ministry in particular, against the elements of "
                                        "Convention No. 190 studied in this module, and propose "
                                        "two improvements.</p>"
                                        "<h4>What to include</h4>"
                                        "<ol>"
                                        "<li><strong>A short description of the "
                                        "framework:</strong> the main laws, regulations, "
                                        "policies and institutions that deal with violence and "
                                        "harassment at work, and whether your country has "
                                        "ratified Convention No. 190.</li>"
                                        "<li><strong>An analysis of at least five "
                                        "elements</strong>, for example: definition and "
                                        "prohibition in law; persons protected and scope of the "
                                        "world of work; employers' prevention duties; complaint "
                                        "mechanisms and protection against retaliation; "
                                        "sanctions and inspection powers; support for victims "
                                        "and measures on domestic violence; data and statistics. "
                                        "For each element, state what exists, what is missing "
                                        "and which sources you consulted.</li>"
                                        "<li><strong>Two proposals for improvement:</strong> for "
                                        "each one, explain what you propose, which institution "
                                        "would be responsible, what resources it needs, what the "
                                        "first steps would be and how progress would be "
                                        "measured.</li></ol>"
                                        "<h4>Format and criteria</h4>"
                                        "<p>Length: 600 to 1000 words. You may write directly in "
                                        "the text box or upload a document (Word or PDF). Do not "
                                        "include personal data from real cases. Your tutor will "
                                        "assess the accuracy of the analysis, the relevance of "
                                        "the sources, the feasibility of the proposals and the "
                                        "clarity of the writing, and will send you personal "
                                        "feedback.</p>"
                                        "<p>Due: end of week 6.</p>"
                                    ),
                                    "due_week": 6,
                                    "accepts": "text_or_file",
                                    "required": True,
                                },
                            ),
                        ],
                    },
                ],
            },
            {
                "number": 3,
                "title": "Good practices to prevent and address violence against women at work",
                "slug": "good-practices",
                "opens_week": 7,
                "closes_week": 9,
                "intro": (
                    "Ministries of labour in the region have developed a range of tools to "
                    "prevent and address violence against women at work. This module presents "
                    "the most common types of practice and proposes criteria to assess and adapt "
                    "them."
                ),
                "lessons": [
                    {
                        "title": "Types of good practice in ministries of labour",
                        "slug": "types-of-good-practice",
                        "minutes": 50,
                        "body": [
                            (
                                "text",
                                (
                                    "<p>Several ministries of labour in the Americas have "
                                    "launched initiatives to prevent and address violence and "
                                    "harassment at work. This lesson presents, in general terms, "
                                    "the most common types of practice, their key elements and "
                                    "the challenges they tend to face. In the module forum you "
                                    "can share concrete examples from your country.</p>"
                                    "<h3>Inspection protocols and guides on sexual "
                                    "harassment</h3>"
                                    "<p>An inspection protocol guides action in harassment cases "
                                    "and reduces discretion. It usually includes: criteria for "
                                    "accepting and prioritising complaints; guidance for "
                                    "interviewing the person affected in private, without "
                                    "confronting them with the alleged harasser and without "
                                    "making them repeat their account unnecessarily; types of "
                                    "evidence (messages, witnesses, records, previous "
                                    "incidents); the measures inspection can order; time limits; "
                                    "and criteria for referring the case to other institutions. "
                                    "Guides for employers complement the protocol by explaining "
                                    "what will be checked during a visit.</p>"
                                    "<h3>Specialised units and focal points</h3>"
                                    "<p>Some ministries have set up inspection teams specialised "
                                    "in equality and violence, or have appointed trained focal "
                                    "points in each regional office. Specialisation improves the "
                                    "quality of interventions, but it needs a legal basis, a "
                                    "budget and coordination with the rest of the inspectorate "
                                    "so that it does not become an isolated unit.</p>"
                                    "<h3>Hotlines and online complaint channels</h3>"
                                    "<p>Remote channels make a first contact easier for people "
                                    "who cannot come to an office. The most useful ones offer "
                                    "trained staff, guarantees of confidentiality, information "
                                    "on rights, a reference number to follow up each case and a "
                                    "direct link to labour inspection. A channel that receives "
                                    "complaints but does not pass them on to someone who can act "
                                    "breeds frustration and distrust.</p>"
                                    "<h3>Campaigns with the social partners</h3>"
                                    "<p>Awareness campaigns reach further when they are designed "
                                    "with workers' and employers' organisations, which can "
                                    "spread them through their networks and in workplaces. The "
                                    "most effective ones combine a clear message (what "
                                    "harassment is, and that it is not tolerated) with practical "
                                    "information (where and how to report) and target specific "
                                    "audiences: supervisors, young jobseekers, women working in "
                                    "the most exposed sectors.</p>"
                                    "<h3>Clauses in collective agreements</h3>"
                                    "<p>Article 12 of the Convention recognises that its "
                                    "provisions may also be applied through collective "
                                    "agreements. Possible clauses include: jointly adopting a "
                                    "protocol; bipartite committees for prevention and "
                                    "follow-up; compulsory training for supervisors; leave and "
                                    "flexible hours for workers experiencing domestic violence; "
                                    "and guarantees against retaliation. Ministries can promote "
                                    "such clauses by offering model texts and publicising the "
                                    "agreements that include them.</p>"
                                ),
                            ),
                        ],
                    },
                    {
                        "title": "Sector-specific work and assessing good practices",
                        "slug": "sector-work-and-assessing-practices",
                        "minutes": 60,
                        "body": [
                            (
                                "text",
                                (
                                    "<h3>Strategies by sector</h3>"
                                    "<p>Some sectors need specific responses, because the risk "
                                    "is higher there or general tools do not reach them.</p>"
                                    "<h4>Domestic work</h4>"
                                    "<p>Domestic workers usually work alone in a private "
                                    "household, sometimes living there, which increases their "
                                    "isolation and dependence. The Domestic Workers Convention, "
                                    "2011 (No. 189), requires measures to ensure that they enjoy "
                                    "effective protection against all forms of abuse, harassment "
                                    "and violence. Because inspecting a private home has legal "
                                    "limits, ministries have explored alternatives: summoning "
                                    "the employer to the office, promoting the registration of "
                                    "the employment relationship, interviewing workers outside "
                                    "the household and working with domestic workers' unions and "
                                    "associations, which are the first point of contact for many "
                                    "of them.</p>"
                                    "<h4>Agriculture</h4>"
                                    "<p>Agricultural work combines distance from urban centres, "
                                    "seasonal employment, recruitment through intermediaries, "
                                    "employer-provided accommodation and, often, migrant status. "
                                    "Useful practices include inspection operations during peak "
                                    "season, materials in the workers' languages, including "
                                    "Indigenous languages, and checks on transport and "
                                    "accommodation conditions.</p>"
                                    "<h4>Transport</h4>"
                                    "<p>In transport, women workers face violence from "
                                    "passengers and colleagues, night shifts, isolated routes "
                                    "and a lack of sanitary facilities along the way. The "
                                    "Convention requires taking third parties and commuting into "
                                    "account. Protocols agreed with companies and trade unions "
                                    "in the sector, alert channels and better facilities at "
                                    "terminals and stops all help.</p>"
                                    '<h3>What makes a practice "good"?</h3>'
                                    "<p>A practice is not good just because it is new or "
                                    "visible. We suggest assessing it against three main "
                                    "criteria:</p>"
                                    "<ul>"
                                    "<li><strong>Results:</strong> is there evidence of change? "
                                    "For example, more complaints handled and resolved, shorter "
                                    "processing times, corrective measures verified in "
                                    "companies. To know this, the practice needs indicators and "
                                    "a baseline.</li>"
                                    "<li><strong>Sustainability:</strong> can it last? This "
                                    "depends on its legal basis, a stable budget and trained "
                                    "staff, and on not depending on a single official or on "
                                    "temporary funding.</li>"
                                    "<li><strong>Transferability:</strong> can it be adapted to "
                                    "another country or region? This requires documenting what "
                                    "was done, with what resources and under what institutional "
                                    "conditions, and distinguishing the essentials from what is "
                                    "specific to the context.</li></ul>"
                                    "<p>Two complementary criteria run through the others: the "
                                    "participation of the social partners, and a victim-centred, "
                                    "gender-responsive approach that avoids "
                                    "re-victimisation.</p>"
                                ),
                            ),
                            (
                                "forum_task",
                                {
                                    "title": "Forum: a good practice from your country",
                                    "instructions": (
                                        "<p>Share in the module forum a practice from your "
                                        "country, from your ministry or another institution, to "
                                        "prevent or address violence and harassment against "
                                        "women at work. In 200 to 300 words, describe:</p>"
                                        "<ul>"
                                        "<li>what it consists of and whom it targets;</li>"
                                        "<li>which institution leads it and with which "
                                        "partners;</li>"
                                        "<li>what results you know of and how they are "
                                        "measured;</li>"
                                        "<li>your assessment against the criteria of results, "
                                        "sustainability and transferability.</li></ul>"
                                        "<p>Then comment on the practice shared by at least one "
                                        "person from another country: say which aspect could be "
                                        "adapted to your context and what conditions would be "
                                        "needed. If you do not know of a practice in your "
                                        "country, describe an unmet need and how you would "
                                        "address it.</p>"
                                    ),
                                },
                            ),
                            (
                                "reading_list",
                                [
                                    {
                                        "title": (
                                            "C190 - Violence and Harassment Convention, 2019 "
                                            "(No. 190)"
                                        ),
                                        "author": "International Labour Organization (ILO)",
                                        "url": (
                                            "https://www.ilo.org/dyn/normlex/en/f?p=NORMLEXPUB:"
                                            "12100:0::NO::P12100_ILO_CODE:C190"
                                        ),
                                        "note": (
                                            "Official text of the Convention. Reread Articles 1 "
                                            "to 4 (definitions, scope and approach) and 7 to 12 "
                                            "(prevention, enforcement, guidance and means of "
                                            "implementation)."
                                        ),
                                    },
                                    {
                                        "title": (
                                            "R206 - Violence and Harassment Recommendation, 2019 "
                                            "(No. 206)"
                                        ),
                                        "author": "International Labour Organization (ILO)",
                                        "url": (
                                            "https://www.ilo.org/dyn/normlex/en/f?p=NORMLEXPUB:"
                                            "12100:0::NO::P12100_INSTRUMENT_ID:4000085"
                                        ),
                                        "note": (
                                            "Guidance on workplace policies, remedies, support "
                                            "for victims, domestic violence, inspection and "
                                            "statistics."
                                        ),
                                    },
                                    {
                                        "title": (
                                            "Inter-American Convention on the Prevention, "
                                            "Punishment and Eradication of Violence against "
                                            "Women (Convention of Belém do Pará)"
                                        ),
                                        "author": "Organization of American States (OAS)",
                                        "url": (
                                            "https://www.oas.org/juridico/english/treaties/"
                                            "a-61.html"
                                        ),
                                        "note": (
                                            "The inter-American framework, which includes sexual "
                                            "harassment in the workplace among the forms of "
                                            "violence against women."
                                        ),
                                    },
                                    {
                                        "title": (
                                            "Inter-American Network for Labor Administration"
                                        ),
                                        "author": "Organization of American States (OAS)",
                                        "url": "https://www.rialnet.org",
                                        "note": (
                                            "The website of the RIAL network: activities, "
                                            "documents from the hemispheric workshops and "
                                            "opportunities for cooperation among ministries of "
                                            "labour."
                                        ),
                                    },
                                ],
                            ),
                        ],
                    },
                ],
            },
            {
                "number": 4,
                "title": "Conclusions, final evaluation and survey",
                "slug": "conclusions",
                "opens_week": 10,
                "closes_week": 10,
                "intro": (
                    "The last week: review the key messages, think about how to take them to "
                    "your ministry, complete the final evaluation and tell us about your "
                    "experience in the survey."
                ),
                "lessons": [
                    {
                        "title": "Conclusions and action plan",
                        "slug": "conclusions-and-action-plan",
                        "minutes": 40,
                        "body": [
                            (
                                "text",
                                (
                                    "<h3>Key messages</h3>"
                                    "<ol>"
                                    "<li>Violence and harassment in the world of work can "
                                    "constitute a human rights violation or abuse, threaten "
                                    "equal opportunities and are incompatible with decent "
                                    "work.</li>"
                                    "<li>Convention No. 190 uses broad definitions: a single "
                                    "incident can be enough, it protects everyone in the world "
                                    "of work whatever their contractual status, and the world of "
                                    "work extends beyond the physical workplace.</li>"
                                    "<li>Gender-based violence has structural causes (unequal "
                                    "power, stereotypes, intersecting discrimination) and "
                                    "therefore requires responses that are structural too.</li>"
                                    "<li>Ministries of labour act in four functions, "
                                    "identifying, preventing, addressing and sanctioning, and "
                                    "none of them works well without the others.</li>"
                                    "<li>Prevention is most durable when it is built into "
                                    "occupational safety and health systems and into social "
                                    "dialogue.</li>"
                                    "<li>Addressing cases well means accessible channels, "
                                    "protection against retaliation, confidentiality, effective "
                                    "remedies and coordination with other institutions to "
                                    "support victims.</li>"
                                    "<li>Good practices are assessed by their results, "
                                    "sustainability and transferability, not by their "
                                    "visibility.</li></ol>"
                                    "<h3>From learning to action: a plan for your ministry</h3>"
                                    "<p>We suggest turning one of the improvements you proposed "
                                    "in the Module 2 assignment into a short action plan that "
                                    "you can present to your manager or your team. A simple plan "
                                    "can have six parts:</p>"
                                    "<ol>"
                                    "<li><strong>Problem:</strong> which specific gap it "
                                    "addresses and what evidence you have.</li>"
                                    "<li><strong>Objective:</strong> what change you expect to "
                                    "achieve within twelve to eighteen months.</li>"
                                    "<li><strong>Activities:</strong> three to five concrete "
                                    "actions, each with a responsible person or unit.</li>"
                                    "<li><strong>Allies:</strong> other areas of the ministry, "
                                    "workers' and employers' organisations, national women's "
                                    "machinery, the justice system.</li>"
                                    "<li><strong>Resources:</strong> the staff, budget and "
                                    "technical support needed, including horizontal cooperation "
                                    "through RIAL.</li>"
                                    "<li><strong>Indicators:</strong> how you will know it is "
                                    "progressing; for example, inspectors trained, a protocol "
                                    "approved or the average time taken to handle "
                                    "complaints.</li></ol>"
                                    "<p>In the closing session you can present your idea in a "
                                    "few minutes and receive comments from colleagues and the "
                                    "teaching team. Remember that other ministries in the "
                                    "network may already have faced similar challenges: peer "
                                    "cooperation is one of RIAL's most valuable resources.</p>"
                                ),
                            ),
                            (
                                "live_session",
                                {
                                    "title": "Closing session",
                                    "week": 10,
                                    "weekday": 3,
                                    "time": "10:00",
                                    "time_zone": "America/Bogota",
                                    "minutes": 90,
                                    "join_url": "https://meet.example.org/rial-gbv-en-week-10",
                                    "description": (
                                        "A summary of the course, voluntary presentations of "
                                        "action plan ideas and a discussion of next steps and "
                                        "cooperation among ministries."
                                    ),
                                },
                            ),
                        ],
                    },
                    {
                        "title": "Final evaluation and satisfaction survey",
                        "slug": "final-evaluation-and-survey",
                        "minutes": 60,
                        "body": [
                            (
                                "text",
                                (
                                    "<h3>Before you start the final evaluation</h3>"
                                    "<p>The final evaluation has ten questions covering all the "
                                    "modules of the course. Some questions have a single answer "
                                    "and others several; the question tells you which. You have "
                                    "two attempts and the best score is kept. You need at least "
                                    "70% to pass. At the end of each attempt you will see "
                                    "explanations that will help you review.</p>"
                                    "<h3>Review guide</h3>"
                                    "<ul>"
                                    "<li><strong>Module 1:</strong> the definitions in Article 1 "
                                    "(a single incident can be enough; physical, psychological, "
                                    "sexual or economic harm; sexual harassment is part of "
                                    "gender-based violence and harassment), the persons "
                                    "protected (Article 2), the places and times that make up "
                                    "the world of work (Article 3), the structural causes and "
                                    "domestic violence.</li>"
                                    "<li><strong>Module 2:</strong> the sources for identifying "
                                    "(inspection, disaggregated data, risk assessment, social "
                                    "dialogue); employers' prevention duties (Article 9); the "
                                    "elements of a workplace policy; complaint procedures and "
                                    "remedies, protection against retaliation, sanctions and the "
                                    "powers of labour inspection (Article 10).</li>"
                                    "<li><strong>Module 3:</strong> the types of practice "
                                    "(protocols, specialised units, complaint channels, "
                                    "campaigns, collective agreements), the challenges of "
                                    "domestic work, agriculture and transport, and the criteria "
                                    "of results, sustainability and transferability.</li></ul>"
                                    "<h3>The satisfaction survey</h3>"
                                    "<p>After the evaluation, please answer the satisfaction "
                                    "survey. It is required for the certificate and takes about "
                                    "ten minutes. Answers are analysed in aggregate and are used "
                                    "to improve this course and future RIAL Campus courses. "
                                    "Please be frank: critical comments are as useful as "
                                    "positive ones.</p>"
                                    "<p>Once you have met all the requirements, the platform "
                                    "will issue your certificate. Thank you for taking part!</p>"
                                ),
                            ),
                            (
                                "quiz",
                                {
                                    "title": "Final evaluation",
                                    "mode": "graded",
                                    "final": True,
                                    "required": True,
                                    "max_attempts": 2,
                                    "policy": "best",
                                    "pass_mark": 70,
                                    "questions": [
                                        {
                                            "text": (
                                                "During a meeting, a worker receives a single "
                                                "explicit sexual comment from her supervisor. "
                                                "Under Convention No. 190, can this amount to "
                                                "violence and harassment?"
                                            ),
                                            "kind": "single",
                                            "explanation": (
                                                "The definition in Article 1 covers behaviour "
                                                "that occurs once or repeatedly. Nor does it "
                                                "require proof of intent to cause harm."
                                            ),
                                            "choices": [
                                                {
                                                    "text": (
                                                        "No, because the Convention requires "
                                                        "repeated conduct."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "The Convention expressly recognises "
                                                        "that a single incident can be enough."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Yes, because the definition covers "
                                                        "behaviour that occurs once or "
                                                        "repeatedly."
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: a single episode can amount to "
                                                        "violence and harassment."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Only if the worker proves that the "
                                                        "supervisor meant to harm her."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "It is enough that the conduct causes or "
                                                        "is likely to cause harm."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Only if the comment is repeated outside "
                                                        "the workplace."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "Neither repetition nor location is a "
                                                        "condition for violence or harassment."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "Which sectors does Convention No. 190 apply to?"
                                            ),
                                            "kind": "single",
                                            "explanation": (
                                                "Under Article 2, the Convention applies to all "
                                                "sectors, public or private, in the formal and "
                                                "informal economy, in urban and rural areas."
                                            ),
                                            "choices": [
                                                {
                                                    "text": "Only the formal private sector.",
                                                    "correct": False,
                                                    "feedback": (
                                                        "The Convention also covers the public "
                                                        "sector and the informal economy."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Only companies above a certain number "
                                                        "of workers."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "The Convention sets no thresholds based "
                                                        "on company size."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "All sectors, public or private, in the "
                                                        "formal and informal economy, in urban "
                                                        "and rural areas."
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: its scope is universal."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "Which of these factors help to explain "
                                                "gender-based violence at work? Select all that "
                                                "apply."
                                            ),
                                            "kind": "multiple",
                                            "explanation": (
                                                "Unequal power relations, gender stereotypes and "
                                                "norms, and intersecting discrimination are "
                                                "structural causes. Blaming the victim is a "
                                                "stereotype that justifies the violence."
                                            ),
                                            "choices": [
                                                {
                                                    "text": "Unequal power relations",
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: hierarchy and economic "
                                                        "dependence make it hard to refuse or "
                                                        "report."
                                                    ),
                                                },
                                                {
                                                    "text": "Gender stereotypes and norms",
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: they normalise conduct and "
                                                        "punish those who do not conform."
                                                    ),
                                                },
                                                {
                                                    "text": "The victim's clothing or behaviour",
                                                    "correct": False,
                                                    "feedback": (
                                                        "No: blaming the victim reproduces the "
                                                        "stereotypes that sustain violence."
                                                    ),
                                                },
                                                {
                                                    "text": "Intersecting discrimination",
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: risk rises when gender "
                                                        "combines with other factors."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "Under Article 9 of the Convention, what steps "
                                                "must employers take, commensurate with their "
                                                "degree of control? Select all that apply."
                                            ),
                                            "kind": "multiple",
                                            "explanation": (
                                                "Article 9 includes a workplace policy adopted "
                                                "in consultation with workers, taking violence "
                                                "and harassment into account in occupational "
                                                "safety and health management, risk assessment, "
                                                "and information and training."
                                            ),
                                            "choices": [
                                                {
                                                    "text": (
                                                        "Settle complaints informally and keep "
                                                        "no record"
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "No: without records there can be no "
                                                        "follow-up or protection of the people "
                                                        "involved."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Adopt and implement, in consultation "
                                                        "with workers, a policy on violence and "
                                                        "harassment"
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: this is the first step listed "
                                                        "in Article 9."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Take violence, harassment and "
                                                        "psychosocial risks into account in "
                                                        "occupational safety and health "
                                                        "management"
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: prevention is built into "
                                                        "safety and health management."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Provide information and training on the "
                                                        "hazards, risks and prevention measures"
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: information and training are "
                                                        "part of the duties."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "How does Recommendation No. 206 suggest that "
                                                "statistics on violence and harassment be "
                                                "disaggregated?"
                                            ),
                                            "kind": "single",
                                            "explanation": (
                                                "The Recommendation calls for collecting and "
                                                "publishing statistics disaggregated by sex, "
                                                "form of violence and harassment, and sector of "
                                                "economic activity."
                                            ),
                                            "choices": [
                                                {
                                                    "text": (
                                                        "By sex, form of violence and "
                                                        "harassment, and sector of economic "
                                                        "activity"
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: this helps to target policies "
                                                        "and inspection."
                                                    ),
                                                },
                                                {
                                                    "text": "Only by region of the country",
                                                    "correct": False,
                                                    "feedback": (
                                                        "Region can be useful, but the "
                                                        "Recommendation asks for other "
                                                        "breakdowns."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "By the name of the company and of the "
                                                        "person accused"
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "Publishing identifying data would "
                                                        "breach confidentiality."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "A month after filing a harassment complaint, a "
                                                "worker is moved, without asking, to a "
                                                "lower-paid night shift. How should labour "
                                                "inspection approach this?"
                                            ),
                                            "kind": "single",
                                            "explanation": (
                                                "Adverse changes after a complaint may be "
                                                "retaliation. The Convention requires protecting "
                                                "complainants, victims and witnesses against "
                                                "victimisation and retaliation."
                                            ),
                                            "choices": [
                                                {
                                                    "text": (
                                                        "As an organisational decision by the "
                                                        "employer, unrelated to the complaint."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "The timing and the harm call for "
                                                        "investigating possible retaliation."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "As possible retaliation, which must be "
                                                        "investigated, while protecting the "
                                                        "worker."
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: protection against retaliation "
                                                        "is essential for people to report."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "By advising the worker to withdraw the "
                                                        "complaint to improve relations."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "This leaves the victim unprotected and "
                                                        "discourages reporting."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "By waiting for any court case to end "
                                                        "before acting."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "Labour inspection can and should act "
                                                        "without waiting for the courts."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "What powers does Convention No. 190 call for "
                                                "labour inspectorates and other competent "
                                                "authorities to have?"
                                            ),
                                            "kind": "single",
                                            "explanation": (
                                                "Article 10 calls for empowering labour "
                                                "inspectorates and other authorities to issue "
                                                "orders with immediate executory force and "
                                                "orders to stop work where there is an imminent "
                                                "danger, subject to any right of appeal."
                                            ),
                                            "choices": [
                                                {
                                                    "text": "Powers to impose prison sentences.",
                                                    "correct": False,
                                                    "feedback": (
                                                        "Prison sentences belong to the criminal "
                                                        "justice system, not to labour "
                                                        "inspection."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Advisory powers only, with no power to "
                                                        "issue orders."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "The Convention calls for powers that go "
                                                        "beyond advice."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Powers to issue orders with immediate "
                                                        "executory force and orders to stop work "
                                                        "in cases of imminent danger, subject to "
                                                        "any right of appeal."
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: Article 10 provides for them."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "When interviewing a worker who reports sexual "
                                                "harassment, which practice is appropriate?"
                                            ),
                                            "kind": "single",
                                            "explanation": (
                                                "A victim-centred approach requires privacy, "
                                                "clear information about confidentiality and "
                                                "avoiding unnecessary repetition of her account."
                                            ),
                                            "choices": [
                                                {
                                                    "text": (
                                                        "Interview her in private, explain how "
                                                        "her information will be protected and "
                                                        "avoid making her repeat her account "
                                                        "unnecessarily."
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: this reduces re-victimisation "
                                                        "and improves the quality of the "
                                                        "information."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Interview her together with the alleged "
                                                        "harasser to compare versions."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "Direct confrontation can intimidate and "
                                                        "re-victimise her."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Ask her to file a criminal complaint "
                                                        "first."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "The labour route does not depend on the "
                                                        "criminal one; the victim can decide "
                                                        "whether to use both."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Interview her at her workstation, in "
                                                        "front of colleagues, to find witnesses."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "Exposing her in front of colleagues "
                                                        "breaches her privacy and may invite "
                                                        "retaliation."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "Which criteria does the course propose for "
                                                "assessing a good practice? Select all that "
                                                "apply."
                                            ),
                                            "kind": "multiple",
                                            "explanation": (
                                                "The three main criteria are results, "
                                                "sustainability and transferability. Visibility "
                                                "does not show that a practice works."
                                            ),
                                            "choices": [
                                                {
                                                    "text": "Demonstrable results",
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: this requires indicators and a "
                                                        "baseline."
                                                    ),
                                                },
                                                {
                                                    "text": "Media visibility",
                                                    "correct": False,
                                                    "feedback": (
                                                        "Visibility does not demonstrate results."
                                                    ),
                                                },
                                                {
                                                    "text": "Sustainability",
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: a legal basis, a stable budget "
                                                        "and trained staff."
                                                    ),
                                                },
                                                {
                                                    "text": "Transferability",
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: a well-documented practice can "
                                                        "be adapted to other contexts."
                                                    ),
                                                },
                                            ],
                                        },
                                        {
                                            "text": (
                                                "Why does domestic work require specific "
                                                "strategies from ministries of labour?"
                                            ),
                                            "kind": "single",
                                            "explanation": (
                                                "Domestic workers usually work in isolation in "
                                                "private households, sometimes living there, and "
                                                "inspecting private homes has legal limits. "
                                                "Complementary strategies are therefore needed."
                                            ),
                                            "choices": [
                                                {
                                                    "text": (
                                                        "Because Convention No. 190 excludes "
                                                        "domestic workers."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "The Convention applies to all sectors, "
                                                        "including domestic work."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Because domestic workers usually work "
                                                        "in isolation in private homes, "
                                                        "sometimes living there, and inspecting "
                                                        "homes has legal limits."
                                                    ),
                                                    "correct": True,
                                                    "feedback": (
                                                        "Correct: hence summonses, registration, "
                                                        "interviews outside the home and "
                                                        "alliances with their organisations."
                                                    ),
                                                },
                                                {
                                                    "text": (
                                                        "Because harassment does not occur in "
                                                        "domestic work."
                                                    ),
                                                    "correct": False,
                                                    "feedback": (
                                                        "On the contrary: isolation and "
                                                        "dependence increase the risk."
                                                    ),
                                                },
                                            ],
                                        },
                                    ],
                                },
                            ),
                            (
                                "survey",
                                {
                                    "title": "Satisfaction survey",
                                    "required": True,
                                    "questions": [
                                        {
                                            "text": (
                                                "The course content is relevant to my work at "
                                                "the ministry."
                                            ),
                                            "kind": "likert",
                                        },
                                        {
                                            "text": (
                                                "The tutor answered my questions in a timely and "
                                                "helpful way."
                                            ),
                                            "kind": "likert",
                                        },
                                        {
                                            "text": (
                                                "The forums and live sessions helped me learn "
                                                "from colleagues in other countries."
                                            ),
                                            "kind": "likert",
                                        },
                                        {
                                            "text": "The platform was easy to use.",
                                            "kind": "likert",
                                        },
                                        {
                                            "text": (
                                                "I will be able to apply what I learned in my "
                                                "work in the coming months."
                                            ),
                                            "kind": "likert",
                                        },
                                        {
                                            "text": (
                                                "Which part of the course was most useful to "
                                                "you, and why?"
                                            ),
                                            "kind": "text",
                                        },
                                        {
                                            "text": (
                                                "What would you change or add to improve the "
                                                "course?"
                                            ),
                                            "kind": "text",
                                        },
                                    ],
                                },
                            ),
                        ],
                    },
                ],
            },
        ],
    },
}
