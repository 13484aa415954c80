// The criteria the built-in frameworks share. Budget, need, authority and timeline carry the source texts'
// question banks word for word (Spanish as written, English translated); the rest are leadkit's.
import type { QualificationCriterion, QuestionBank } from "./schemas.js";

const budgetQuestions = {
  en: [
    "What budget do you have in mind for this project?",
    "Have you allocated a specific budget to this solution?",
    "Are you looking for a cost-effective solution, or is quality more important even at a higher price?",
  ],
  es: [
    "¿Qué presupuesto baraja para este proyecto?",
    "¿Ha asignado un presupuesto específico a esta solución?",
    "¿Busca una solución rentable o es más importante la calidad, aunque tenga un precio más alto?",
  ],
} as const satisfies QuestionBank;

const needQuestions = {
  en: [
    "What specific challenges or problems do you want to solve?",
    "How do you currently handle [specific task or problem] in your organization?",
    "Which features or capabilities are essential for you in a solution?",
  ],
  es: [
    "¿Qué retos o problemas concretos quiere resolver?",
    "¿Cómo gestiona actualmente [tarea o problema específico] en su organización?",
    "¿Qué características o capacidades son esenciales para usted en una solución?",
  ],
} as const satisfies QuestionBank;

const authorityQuestions = {
  en: [
    "Who is primarily responsible for this purchase in your organization?",
    "Are other stakeholders or team members involved in the decision-making process?",
    "How does the decision-making process usually work in your organization?",
  ],
  es: [
    "¿Quién es el principal responsable de esta compra dentro de su organización?",
    "¿Hay otras partes interesadas o miembros del equipo implicados en el proceso de toma de decisiones?",
    "¿Cómo suele desarrollarse el proceso de toma de decisiones en su organización?",
  ],
} as const satisfies QuestionBank;

const timelineQuestions = {
  en: [
    "What is your expected timeframe for implementing a solution like ours?",
    "Are there specific deadlines or milestones tied to this project?",
    "How urgent is it for you to address the challenges you face?",
  ],
  es: [
    "¿Cuál es el plazo previsto para implantar una solución como la nuestra?",
    "¿Existen plazos o hitos específicos asociados a este proyecto?",
    "¿Le urge abordar los retos a los que se enfrenta?",
  ],
} as const satisfies QuestionBank;

export const budget: QualificationCriterion = {
  id: "budget",
  labels: { en: "Budget", es: "Presupuesto" },
  questions: budgetQuestions,
  evidence: "amount",
};

export const money: QualificationCriterion = {
  id: "money",
  labels: { en: "Money", es: "Dinero" },
  questions: budgetQuestions,
  evidence: "amount",
};

export const funds: QualificationCriterion = {
  id: "funds",
  labels: { en: "Funds", es: "Fondos" },
  questions: {
    en: [
      "Does your organization have funds it could put toward this, even if no budget is allocated yet?",
      budgetQuestions.en[0],
      budgetQuestions.en[2],
    ],
    es: [
      "¿Dispone su organización de fondos que podría destinar a esto, aunque aún no haya un presupuesto asignado?",
      budgetQuestions.es[0],
      budgetQuestions.es[2],
    ],
  },
  evidence: "amount",
};

export const authority: QualificationCriterion = {
  id: "authority",
  labels: { en: "Authority", es: "Autoridad" },
  questions: authorityQuestions,
  evidence: "role",
};

export const need: QualificationCriterion = {
  id: "need",
  labels: { en: "Need", es: "Necesidad" },
  questions: needQuestions,
  evidence: "level",
  minimumLevel: "medium",
};

export const timeline: QualificationCriterion = {
  id: "timeline",
  labels: { en: "Timeline", es: "Tiempo" },
  questions: timelineQuestions,
  evidence: "date",
};

export const timing: QualificationCriterion = {
  id: "timing",
  labels: { en: "Timing", es: "Momento" },
  questions: timelineQuestions,
  evidence: "date",
};

export const challenges: QualificationCriterion = {
  id: "challenges",
  labels: { en: "Challenges", es: "Desafíos" },
  questions: {
    en: [
      needQuestions.en[0],
      "What happens if these challenges are not solved?",
      "What have you already tried to solve them?",
    ],
    es: [
      needQuestions.es[0],
      "¿Qué ocurre si no se resuelven estos retos?",
      "¿Qué ha probado ya para resolverlos?",
    ],
  },
  evidence: "level",
  minimumLevel: "medium",
};

export const prioritization: QualificationCriterion = {
  id: "prioritization",
  labels: { en: "Prioritization", es: "Prioridad" },
  questions: {
    en: [
      "Where does solving this rank among your current priorities?",
      "What would have to happen for this project to move ahead of others?",
      "Is there a date by which this must be solved?",
    ],
    es: [
      "¿Qué lugar ocupa resolver esto entre sus prioridades actuales?",
      "¿Qué tendría que ocurrir para que este proyecto pasara por delante de otros?",
      "¿Hay una fecha en la que esto deba estar resuelto?",
    ],
  },
  evidence: "level",
  minimumLevel: "medium",
};

export const urgency: QualificationCriterion = {
  id: "urgency",
  labels: { en: "Urgency", es: "Urgencia" },
  questions: {
    en: [
      timelineQuestions.en[2],
      "What happens if you wait another six months?",
      "What is driving the timing of this decision?",
    ],
    es: [
      timelineQuestions.es[2],
      "¿Qué ocurre si espera otros seis meses?",
      "¿Qué está marcando los tiempos de esta decisión?",
    ],
  },
  evidence: "level",
  minimumLevel: "medium",
};

export const interest: QualificationCriterion = {
  id: "interest",
  labels: { en: "Interest", es: "Interés" },
  questions: {
    en: [
      "What made you look into a solution like ours?",
      "How does this compare with other initiatives you are considering?",
      "Would you like to see how it works with your own data?",
    ],
    es: [
      "¿Qué le llevó a buscar una solución como la nuestra?",
      "¿Cómo se compara esto con otras iniciativas que está valorando?",
      "¿Le gustaría ver cómo funciona con sus propios datos?",
    ],
  },
  evidence: "level",
  minimumLevel: "medium",
};

export const metrics: QualificationCriterion = {
  id: "metrics",
  labels: { en: "Metrics", es: "Métricas" },
  questions: {
    en: [
      "What measurable results do you expect from this solution?",
      "How will you measure success, and by when?",
      "What does the problem cost you today?",
    ],
    es: [
      "¿Qué resultados medibles espera de esta solución?",
      "¿Cómo medirá el éxito y para cuándo?",
      "¿Cuánto le cuesta hoy este problema?",
    ],
  },
  evidence: "text",
};

export const economicBuyer: QualificationCriterion = {
  id: "economic_buyer",
  labels: { en: "Economic buyer", es: "Comprador económico" },
  questions: {
    en: [
      "Who has the final say on the budget for this purchase?",
      "Can we meet the person who signs off on this investment?",
      authorityQuestions.en[0],
    ],
    es: [
      "¿Quién tiene la última palabra sobre el presupuesto de esta compra?",
      "¿Podemos reunirnos con la persona que aprueba esta inversión?",
      authorityQuestions.es[0],
    ],
  },
  evidence: "role",
};

export const decisionCriteria: QualificationCriterion = {
  id: "decision_criteria",
  labels: { en: "Decision criteria", es: "Criterios de decisión" },
  questions: {
    en: [
      "What criteria will you use to compare solutions?",
      needQuestions.en[2],
      "How will price, features and support be weighed?",
    ],
    es: [
      "¿Qué criterios usará para comparar soluciones?",
      needQuestions.es[2],
      "¿Cuánto pesarán el precio, las funcionalidades y el soporte?",
    ],
  },
  evidence: "text",
};

export const decisionProcess: QualificationCriterion = {
  id: "decision_process",
  labels: { en: "Decision process", es: "Proceso de decisión" },
  questions: {
    en: [
      authorityQuestions.en[2],
      authorityQuestions.en[1],
      "What are the steps, and who is involved in each, from evaluation to signature?",
    ],
    es: [
      authorityQuestions.es[2],
      authorityQuestions.es[1],
      "¿Cuáles son los pasos, y quién participa en cada uno, desde la evaluación hasta la firma?",
    ],
  },
  evidence: "text",
};

export const paperProcess: QualificationCriterion = {
  id: "paper_process",
  labels: { en: "Paper process", es: "Proceso de compras" },
  questions: {
    en: [
      "What does your procurement process look like once a decision is made?",
      "Which legal, security or purchasing reviews must a contract pass?",
      "How long does contract approval usually take?",
    ],
    es: [
      "¿Cómo es su proceso de compras una vez tomada la decisión?",
      "¿Qué revisiones legales, de seguridad o de compras debe superar un contrato?",
      "¿Cuánto suele tardar la aprobación de un contrato?",
    ],
  },
  evidence: "text",
};

export const identifyPain: QualificationCriterion = {
  id: "identify_pain",
  labels: { en: "Identify pain", es: "Identificar el dolor" },
  questions: {
    en: [
      needQuestions.en[0],
      "What is this problem costing you in time or money?",
      "Why solve it now rather than later?",
    ],
    es: [
      needQuestions.es[0],
      "¿Cuánto tiempo o dinero le está costando este problema?",
      "¿Por qué resolverlo ahora y no más adelante?",
    ],
  },
  evidence: "level",
  minimumLevel: "medium",
};

export const champion: QualificationCriterion = {
  id: "champion",
  labels: { en: "Champion", es: "Campeón" },
  questions: {
    en: [
      "Who inside your organization would benefit most if this succeeds?",
      "Who would be willing to advocate for this solution internally?",
      "Can that person give us access to the other decision makers?",
    ],
    es: [
      "¿Quién en su organización saldría más beneficiado si esto sale bien?",
      "¿Quién estaría dispuesto a defender esta solución internamente?",
      "¿Puede esa persona darnos acceso al resto de decisores?",
    ],
  },
  evidence: "yes_no",
};

export const competition: QualificationCriterion = {
  id: "competition",
  labels: { en: "Competition", es: "Competencia" },
  questions: {
    en: [
      "Which other solutions or vendors are you considering?",
      "What do you like about the alternatives?",
      "Could you decide to build it yourselves or to do nothing?",
    ],
    es: [
      "¿Qué otras soluciones o proveedores está valorando?",
      "¿Qué le gusta de las alternativas?",
      "¿Podrían decidir desarrollarlo internamente o no hacer nada?",
    ],
  },
  evidence: "text",
};

export const goals: QualificationCriterion = {
  id: "goals",
  labels: { en: "Goals", es: "Objetivos" },
  questions: {
    en: [
      "What are your company's goals for this year?",
      "Which of those goals does this project support?",
      "How do you measure progress toward them?",
    ],
    es: [
      "¿Cuáles son los objetivos de su empresa para este año?",
      "¿Qué objetivos apoya este proyecto?",
      "¿Cómo mide el avance hacia ellos?",
    ],
  },
  evidence: "text",
};

export const plans: QualificationCriterion = {
  id: "plans",
  labels: { en: "Plans", es: "Planes" },
  questions: {
    en: [
      "How do you plan to reach those goals?",
      "What have you tried before, and what happened?",
      "What resources are committed to the plan?",
    ],
    es: [
      "¿Cómo piensa alcanzar esos objetivos?",
      "¿Qué ha probado antes y qué resultado dio?",
      "¿Qué recursos hay comprometidos con el plan?",
    ],
  },
  evidence: "text",
};

export const negativeConsequences: QualificationCriterion = {
  id: "negative_consequences",
  labels: { en: "Negative consequences", es: "Consecuencias negativas" },
  questions: {
    en: [
      "What happens if you do not reach these goals?",
      "Who is affected if nothing changes?",
      "What would it cost to keep things as they are for another year?",
    ],
    es: [
      "¿Qué ocurre si no alcanza estos objetivos?",
      "¿A quién afecta si nada cambia?",
      "¿Cuánto costaría seguir igual otro año?",
    ],
  },
  evidence: "text",
};

export const positiveImplications: QualificationCriterion = {
  id: "positive_implications",
  labels: { en: "Positive implications", es: "Implicaciones positivas" },
  questions: {
    en: [
      "What happens if you reach these goals?",
      "What would success mean for you and for your team?",
      "What would you do with the time or money saved?",
    ],
    es: [
      "¿Qué ocurre si alcanza estos objetivos?",
      "¿Qué supondría el éxito para usted y para su equipo?",
      "¿Qué haría con el tiempo o el dinero ahorrado?",
    ],
  },
  evidence: "text",
};
