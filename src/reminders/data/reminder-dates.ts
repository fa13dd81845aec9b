// The dates and delays behind the reminders (src/reminders/model/reminders.ts), as data with their sources.
// The DSN deadline itself and the public holidays are in holidays.ts. When a rule or a published date
// changes, change it here: the code only reads these tables. Validated by zod when the module loads.
import { z } from "zod";

const SourceSchema = z.object({ ref: z.string().min(1), supports: z.string().min(1) });
const MonthDaySchema = z.object({
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
});

const RulesSchema = z.object({
  collaboratorActivation: z.object({ hours: z.number().positive(), source: SourceSchema }),
  securityCode: z.object({
    /** First follow-up of the letter ("has the client received the code?"), in days after the add. */
    followUpDays: z.number().int().positive(),
    /** Default delay after which "renvoyer le code" is suggested (configurable by the firm). */
    resendAfterDays: z.number().int().positive(),
    source: SourceSchema,
  }),
  revenueEstimate: z.object({ lockMonths: z.number().int().positive(), source: SourceSchema }),
  attestationVigilance: z.object({
    validityMonths: z.number().int().positive(),
    warnDaysBefore: z.number().int().positive(),
    source: SourceSchema,
  }),
  dsn: z.object({
    /** An overdue DSN stays in the list this many days after its due date, unless marked done. */
    overdueWindowDays: z.number().int().positive(),
    source: SourceSchema,
  }),
  selfEmployed: z.object({
    /** Monthly direct debit on the 5th or the 20th (the worker's choice). */
    monthlyDebitDays: z.array(z.number().int().min(1).max(28)),
    /** Quarterly direct debit dates. */
    quarterlyDebits: z.array(MonthDaySchema),
    /**
     * Online income-return deadlines by year, one per group of départements. A year absent from this
     * table gets no reminder: its dates are published each spring, add them here then.
     */
    incomeReturn: z.array(
      z.object({
        year: z.number().int(),
        deadlines: z.array(MonthDaySchema.extend({ departements: z.string().min(1) })).min(1),
      }),
    ),
    source: SourceSchema,
  }),
  microEntrepreneur: z.object({
    /** Monthly return: by the last day of the following month. */
    monthlyReturnMonthOffset: z.number().int().positive(),
    /** Quarterly returns: the deadline of each quarter. */
    quarterlyReturns: z.array(MonthDaySchema),
    /** A change of periodicity must be asked before this date (each year). */
    periodicityChangeBefore: MonthDaySchema,
    source: SourceSchema,
  }),
  anomalies: z.object({ source: SourceSchema }),
});

const CALENDAR_FACTS = "shared/facts/calendar.md";

export const REMINDER_RULES = RulesSchema.parse({
  collaboratorActivation: {
    hours: 24,
    source: {
      ref: "Seed 002 (FAQ secu-independants, compte expert-comptable) ; shared/facts/calendar.md",
      supports: "le collaborateur doit activer son accès dans les 24 h suivant sa création",
    },
  },
  securityCode: {
    followUpDays: 7,
    resendAfterDays: 21,
    source: {
      ref: "Seed 002 (« Mon client a perdu le courrier contenant le code de sécurité ») ; shared/facts/calendar.md",
      supports:
        "code de sécurité envoyé par courrier au client ; pas de délai, relance utile ; perdu : supprimer puis ajouter de nouveau le client (« renvoyer le code »)",
    },
  },
  revenueEstimate: {
    lockMonths: 1,
    source: {
      ref: "Seed 002 (« Après chaque demande, la fonctionnalité est bloquée durant 1 mois »)",
      supports: "estimation de revenu bloquée un mois après chaque demande",
    },
  },
  attestationVigilance: {
    validityMonths: 6,
    warnDaysBefore: 30,
    source: {
      ref: `${CALENDAR_FACTS}, « Attestation de vigilance » (Code du travail, art. L8222-1 et D8222-5)`,
      supports:
        "attestation à obtenir tous les six mois ; rappel à la date d'émission + 6 mois, 30 jours avant",
    },
  },
  dsn: {
    overdueWindowDays: 31,
    source: {
      ref: `${CALENDAR_FACTS}, « Monthly DSN (employers) »`,
      supports: "une DSN est due chaque mois, même sans paie, jusqu'à la fermeture du compte",
    },
  },
  selfEmployed: {
    monthlyDebitDays: [5, 20],
    quarterlyDebits: [
      { month: 2, day: 5 },
      { month: 5, day: 5 },
      { month: 8, day: 5 },
      { month: 11, day: 5 },
    ],
    incomeReturn: [
      {
        year: 2025,
        deadlines: [
          { month: 5, day: 22, departements: "01 à 19" },
          { month: 5, day: 28, departements: "20 à 54" },
          { month: 6, day: 5, departements: "55 à 976" },
        ],
      },
    ],
    source: {
      ref: `${CALENDAR_FACTS}, « Self-employed (travailleurs indépendants, not micro) »`,
      supports:
        "prélèvement mensuel le 5 ou le 20, ou trimestriel les 5 février, mai, août et novembre ; déclaration de revenus en ligne : 22 mai, 28 mai, 5 juin 2025 selon le département",
    },
  },
  microEntrepreneur: {
    monthlyReturnMonthOffset: 1,
    quarterlyReturns: [
      { month: 1, day: 31 },
      { month: 4, day: 30 },
      { month: 7, day: 31 },
      { month: 10, day: 31 },
    ],
    periodicityChangeBefore: { month: 10, day: 31 },
    source: {
      ref: `${CALENDAR_FACTS}, « Micro-entrepreneurs »`,
      supports:
        "déclaration mensuelle au dernier jour du mois suivant, ou trimestrielle au 30 avril, 31 juillet, 31 octobre, 31 janvier ; changement de périodicité avant le 31 octobre",
    },
  },
  anomalies: {
    source: {
      ref: `${CALENDAR_FACTS} ; décret n° 2023-1384`,
      supports:
        "une anomalie notifiée se corrige dans la DSN déposée au moins 30 jours après la notification (sinon DSN de substitution)",
    },
  },
});

export type ReminderRules = typeof REMINDER_RULES;
