// The dates and delays behind the reminders (src/reminders/model/rules.ts, schedules.ts), as data with their sources.
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
     * Online income-return deadlines by year, one per group of départements, each year with the
     * official page that published them. Dates are published each spring: add them here then.
     */
    incomeReturn: z.array(
      z.object({
        year: z.number().int(),
        deadlines: z.array(MonthDaySchema.extend({ departements: z.string().min(1) })).min(1),
        source: z.string().min(1),
      }),
    ),
    /** For a year absent from `incomeReturn`: the day the agenda says its dates are not known yet. */
    incomeReturnNotice: z.object({ on: MonthDaySchema, source: z.string().min(1) }),
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

// Every `ref` below is shown to the user: a public reference they can open (an article of a code, an
// official page with its URL). What backs each one is written down in docs/sources.md.
const URSSAF_TIERS =
  "urssaf.fr, rubrique « Expert-comptable », espace tiers déclarant (https://www.urssaf.fr)";
const DSN_CALENDAR =
  "Code de la sécurité sociale, art. R243-6 (https://www.legifrance.gouv.fr) ; net-entreprises.fr, DSN-info, « Date limite de dépôt » (https://www.net-entreprises.fr)";
const TI_PAGE =
  "urssaf.fr, rubrique « Indépendant », échéances de paiement des cotisations (https://www.urssaf.fr)";
const MICRO_PAGE =
  "autoentrepreneur.urssaf.fr, échéances de déclaration du chiffre d'affaires (https://www.autoentrepreneur.urssaf.fr) ; Code de la sécurité sociale, art. L613-7";
const IMPOTS_PAGE = "impots.gouv.fr, calendrier de la déclaration des revenus (https://www.impots.gouv.fr)";

export const REMINDER_RULES = RulesSchema.parse({
  collaboratorActivation: {
    hours: 24,
    source: {
      ref: URSSAF_TIERS,
      supports: "le collaborateur doit activer son accès dans les 24 h suivant sa création",
    },
  },
  securityCode: {
    followUpDays: 7,
    resendAfterDays: 21,
    source: {
      ref: URSSAF_TIERS,
      supports:
        "code de sécurité envoyé par courrier au client ; pas de délai, relance utile ; perdu : supprimer puis ajouter de nouveau le client (« renvoyer le code »)",
    },
  },
  revenueEstimate: {
    lockMonths: 1,
    source: {
      ref: URSSAF_TIERS,
      supports: "estimation de revenu bloquée un mois après chaque demande",
    },
  },
  attestationVigilance: {
    validityMonths: 6,
    warnDaysBefore: 30,
    source: {
      ref: "Code du travail, art. L8222-1 et D8222-5",
      supports:
        "attestation à obtenir tous les six mois ; rappel à la date d'émission + 6 mois, 30 jours avant",
    },
  },
  dsn: {
    overdueWindowDays: 31,
    source: {
      ref: DSN_CALENDAR,
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
        source: `${IMPOTS_PAGE} — dates limites 2025 de la déclaration en ligne`,
      },
      // 2026: no official publication of the online deadlines could be checked (docs/sources.md):
      // the agenda says they are not known instead of guessing them.
    ],
    incomeReturnNotice: {
      on: { month: 5, day: 15 },
      source: IMPOTS_PAGE,
    },
    source: {
      ref: TI_PAGE,
      supports:
        "prélèvement mensuel le 5 ou le 20, ou trimestriel les 5 février, mai, août et novembre ; une échéance un samedi, un dimanche ou un jour férié passe au jour ouvré suivant",
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
      ref: MICRO_PAGE,
      supports:
        "déclaration mensuelle au dernier jour du mois suivant, ou trimestrielle au 30 avril, 31 juillet, 31 octobre, 31 janvier, reportée au jour ouvré suivant ; changement de périodicité avant le 31 octobre",
    },
  },
  anomalies: {
    source: {
      ref: "Code de la sécurité sociale, art. R133-14-2 (décret n° 2023-1384 du 29 décembre 2023)",
      supports:
        "une anomalie notifiée se corrige, ou se conteste, au plus tard dans la DSN déposée au moins 30 jours après sa notification",
    },
  },
});

export type ReminderRules = typeof REMINDER_RULES;
