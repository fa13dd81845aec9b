// French public holidays and the DSN date rules, as data with their sources. The code that uses them
// lives in src/reminders/model/calendar.ts and src/anomalies/model/path.ts; when a rule changes, change it here.

export interface DataSource {
  /** Where the fact comes from: a public reference (article of a code, official page with its URL). */
  readonly ref: string;
  /** Which fact it backs. */
  readonly supports: string;
}

/** A holiday on the same day every year. */
export interface FixedHoliday {
  readonly id: string;
  readonly name: string;
  readonly month: number;
  readonly day: number;
}

/** A holiday set relative to Easter Sunday (in days, Easter Sunday = 0). */
export interface EasterHoliday {
  readonly id: string;
  readonly name: string;
  readonly easterOffset: number;
}

const SOURCE_NATIONAL: DataSource = {
  ref: "Code du travail, art. L3133-1 (fêtes légales)",
  supports: "liste des jours fériés nationaux ; Pâques, Ascension et Pentecôte calculées depuis Pâques",
};

/** National public holidays fixed in the calendar (Code du travail, art. L3133-1). */
export const FIXED_HOLIDAYS: readonly FixedHoliday[] = [
  { id: "jour-de-l-an", name: "Jour de l'an", month: 1, day: 1 },
  { id: "fete-du-travail", name: "Fête du Travail", month: 5, day: 1 },
  { id: "victoire-1945", name: "Victoire 1945", month: 5, day: 8 },
  { id: "fete-nationale", name: "Fête nationale", month: 7, day: 14 },
  { id: "assomption", name: "Assomption", month: 8, day: 15 },
  { id: "toussaint", name: "Toussaint", month: 11, day: 1 },
  { id: "armistice-1918", name: "Armistice 1918", month: 11, day: 11 },
  { id: "noel", name: "Noël", month: 12, day: 25 },
];

/**
 * National public holidays that move with Easter. Whit Monday stays a public holiday even where the
 * firm uses it as its "journée de solidarité": the DSN deadline moves anyway (docs/sources.md).
 */
export const EASTER_HOLIDAYS: readonly EasterHoliday[] = [
  { id: "lundi-de-paques", name: "Lundi de Pâques", easterOffset: 1 },
  { id: "ascension", name: "Ascension", easterOffset: 39 },
  { id: "lundi-de-pentecote", name: "Lundi de Pentecôte", easterOffset: 50 },
];

/**
 * Extra holidays of Alsace-Moselle (Bas-Rhin, Haut-Rhin, Moselle). Not applied by default: the DSN
 * deadlines follow the national calendar; an option of the calendar functions adds them.
 */
export const ALSACE_MOSELLE_FIXED_HOLIDAYS: readonly FixedHoliday[] = [
  { id: "saint-etienne", name: "Saint-Étienne (Alsace-Moselle)", month: 12, day: 26 },
];
export const ALSACE_MOSELLE_EASTER_HOLIDAYS: readonly EasterHoliday[] = [
  { id: "vendredi-saint", name: "Vendredi saint (Alsace-Moselle)", easterOffset: -2 },
];

export const HOLIDAY_SOURCES: readonly DataSource[] = [
  SOURCE_NATIONAL,
  {
    ref: "Code du travail, art. L3134-13 (dispositions particulières à la Moselle, au Bas-Rhin et au Haut-Rhin)",
    supports: "Vendredi saint et 26 décembre en Alsace-Moselle",
  },
  {
    ref: "Algorithme anonyme grégorien (Meeus/Jones/Butcher)",
    supports: "date de Pâques",
  },
];

/** Years for which the holiday list and the Easter computation are used (a guard, not a legal limit). */
export const SUPPORTED_YEARS = { from: 2000, to: 2199 } as const;

/** The monthly DSN deadline rules (docs/sources.md), checked for the 2025–2027 periods. */
export const DSN_DEADLINE_RULES = {
  /** The DSN of month M is due in month M + 1… */
  monthOffset: 1,
  /** …on the 5th (50 employees or more paying within the month) or the 15th (every other case)… */
  dueDays: [5, 15] as const,
  /** …at noon, Paris time… */
  dueTime: "12:00",
  timeZone: "Europe/Paris",
  /** …moved to the next working day when it falls on a Saturday, a Sunday or a public holiday. */
  nonWorkingWeekdays: [0, 6] as const,
  /**
   * "Annule et remplace intégral" is possible until midnight the day before the (moved) deadline,
   * i.e. until 23:59:59 of the previous calendar day (the previous day may itself be a Sunday).
   */
  annuleEtRemplaceDaysBefore: 1,
  /** A notified anomaly must be corrected in the DSN filed at least this many days after notification. */
  notifiedAnomalyDelayDays: 30,
  checkedFor: "périodes 2025 à 2027",
  sources: [
    {
      ref: "Code de la sécurité sociale, art. R243-6 (https://www.legifrance.gouv.fr)",
      supports: "échéances du 5 et du 15 à midi en M+1, report au jour ouvré suivant",
    },
    {
      ref: "net-entreprises.fr, DSN-info, « Corriger une DSN » (https://www.net-entreprises.fr)",
      supports:
        "annule et remplace jusqu'à minuit la veille de l'échéance ; ensuite correction dans une DSN ultérieure",
    },
    {
      ref: "Code de la sécurité sociale, art. R133-14-2 (décret n° 2023-1384 du 29 décembre 2023)",
      supports: "règle des 30 jours après notification et DSN de substitution",
    },
  ] satisfies readonly DataSource[],
} as const;
