// Deterministic seed data of the demo Urssaf space: the firm's portfolio, a directory of companies
// known to the Urssaf but not yet in the portfolio, DSN anomalies, messages and incidents.
// Everything comes from a seeded PRNG (no Math.random): the same seed gives the same data.

import { nirKey, withLuhnKey } from "./identifiers.ts";

export const ONLINE_SERVICES = [
  "DPAE",
  "Déclaration de cotisations",
  "Paiement de cotisations",
  "Situation des comptes",
  "Echanges avec mon urssaf",
  "Attestations",
  "Notifications contentieuses",
  "Travailler à l'étranger",
  "Tableau de Bord Suivi DSN",
] as const;
export type OnlineService = (typeof ONLINE_SERVICES)[number];

export const EMAIL_NOTIFICATIONS = [
  "Avis de mise à disposition du BIS",
  "Copie du certificat de la déclaration de cotisations et/ou du paiement",
  "Information de début de période de la déclaration et du paiement",
  "Avis de mise à disposition de messages dans la boîte aux lettres",
  "Avis de mise à disposition d'attestations",
  "Avis de mise à disposition de notifications contentieuses",
] as const;
export type EmailNotification = (typeof EMAIL_NOTIFICATIONS)[number];

export type CompanyKind = "RG" | "AC" | "PL" | "GERANT";

export const KIND_LABELS: Record<CompanyKind, string> = {
  RG: "Régime Général",
  AC: "Artisan Commerçant",
  PL: "Profession Libérale",
  GERANT: "Gérant majoritaire",
};

export interface Company {
  kind: CompanyKind;
  /** 9 digits, null for a gérant majoritaire non sirétisé. */
  siren: string | null;
  /** Head-office SIRET (14 digits), null for a gérant. */
  siret: string | null;
  raisonSociale: string;
  postcode: string;
  town: string;
  /** Urssaf account number: 18 digits, starting with the 3-digit code of the Urssaf. */
  accountNumber: string;
  /** RG only: amount to pay of the last declaration, in euros. */
  amountDue: number | null;
  /** AC, PL, GERANT: 15-character NIR with its key. */
  nir: string | null;
  /** AC, PL, GERANT: self-employed ("Indépendant") account number, 18 digits. */
  selfEmployedNumber: string | null;
  services: OnlineService[];
  emailNotifications: EmailNotification[];
  radie: boolean;
}

export interface Individual {
  nom: string;
  prenoms: string;
  /** 13 characters, no key (as in the DSN, S21.G00.30.001). */
  nir13: string;
}

export interface AnomalyQuestion {
  texte: string;
  siOui: string;
  siNon: string;
}

export interface Anomaly {
  id: string;
  reference: string;
  libelle: string;
  erreur: string;
  actions: string;
  question: AnomalyQuestion | null;
  siret: string;
  raisonSociale: string;
  year: number;
  /** 1 to 12 */
  month: number;
  individu: Individual | null;
}

export interface Message {
  id: string;
  /** ISO date (YYYY-MM-DD) */
  date: string;
  from: string;
  subject: string;
  body: string;
  read: boolean;
}

export interface Incident {
  id: string;
  accountNumber: string;
  libelle: string;
}

export interface SeedData {
  seed: number;
  year: number;
  firm: { raisonSociale: string; siret: string };
  credentials: { identifiant: string; motDePasse: string };
  portfolio: Company[];
  directory: Company[];
  anomalies: Anomaly[];
  messages: Message[];
  incidents: Incident[];
  /** SIRENs that must be refused: bad key, bad length, letters, all zeros. */
  invalidSirens: string[];
  /** SIRENs with a valid key that the Urssaf does not know. */
  unknownSirens: string[];
}

/** Deliberately invalid SIRENs for tests (key, length, characters). */
export const invalidSirens: readonly string[] = ["526018156", "12345678", "52601815A", "000000000"];

// ---------------------------------------------------------------------------------------------
// PRNG

export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }
  /** mulberry32, in [0, 1) */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  bool(p = 0.5): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("pick from empty list");
    return item;
  }
  digits(n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
  hex(n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += this.int(0, 15).toString(16);
    return s;
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

interface Town {
  postcode: string;
  town: string;
  urssaf: string;
}

// Urssaf codes are plausible 3-digit codes (117 = Île-de-France); the others are not authoritative.
const TOWNS: readonly Town[] = [
  { postcode: "75011", town: "PARIS", urssaf: "117" },
  { postcode: "75015", town: "PARIS", urssaf: "117" },
  { postcode: "92100", town: "BOULOGNE-BILLANCOURT", urssaf: "117" },
  { postcode: "93100", town: "MONTREUIL", urssaf: "117" },
  { postcode: "94300", town: "VINCENNES", urssaf: "117" },
  { postcode: "69003", town: "LYON", urssaf: "827" },
  { postcode: "38000", town: "GRENOBLE", urssaf: "827" },
  { postcode: "13006", town: "MARSEILLE", urssaf: "937" },
  { postcode: "06000", town: "NICE", urssaf: "937" },
  { postcode: "31000", town: "TOULOUSE", urssaf: "737" },
  { postcode: "09110", town: "SAVIGNAC-LES-ORMEAUX", urssaf: "737" },
  { postcode: "34000", town: "MONTPELLIER", urssaf: "917" },
  { postcode: "66000", town: "PERPIGNAN", urssaf: "917" },
  { postcode: "33000", town: "BORDEAUX", urssaf: "727" },
  { postcode: "64000", town: "PAU", urssaf: "727" },
  { postcode: "44000", town: "NANTES", urssaf: "527" },
  { postcode: "35000", town: "RENNES", urssaf: "537" },
  { postcode: "29200", town: "BREST", urssaf: "537" },
  { postcode: "59000", town: "LILLE", urssaf: "317" },
  { postcode: "67000", town: "STRASBOURG", urssaf: "427" },
  { postcode: "76000", town: "ROUEN", urssaf: "757" },
  { postcode: "14000", town: "CAEN", urssaf: "757" },
  { postcode: "20000", town: "AJACCIO", urssaf: "947" },
  { postcode: "20200", town: "BASTIA", urssaf: "947" },
  { postcode: "21000", town: "DIJON", urssaf: "267" },
];

const NAMES = [
  "MARTIN",
  "BERNARD",
  "DUBOIS",
  "THOMAS",
  "ROBERT",
  "RICHARD",
  "PETIT",
  "DURAND",
  "LEROY",
  "MOREAU",
  "SIMON",
  "LAURENT",
  "LEFEBVRE",
  "MICHEL",
  "GARCIA",
  "DAVID",
  "BERTRAND",
  "ROUX",
  "VINCENT",
  "FOURNIER",
  "MOREL",
  "GIRARD",
  "ANDRE",
  "MERCIER",
  "DUPONT",
  "LAMBERT",
  "BONNET",
  "FRANCOIS",
  "MARTINEZ",
  "LEGRAND",
  "GARNIER",
  "FAURE",
  "ROUSSEAU",
  "BLANC",
  "GUERIN",
  "MULLER",
  "HENRY",
  "ROUSSEL",
  "NICOLAS",
  "PERRIN",
  "MORIN",
  "MATHIEU",
  "CLEMENT",
  "GAUTHIER",
  "DUMONT",
  "LOPEZ",
  "FONTAINE",
  "CHEVALIER",
  "ROBIN",
  "MASSON",
  "SANCHEZ",
  "COLOMBANI",
  "SANTONI",
  "PIETRI",
  "LE GALL",
  "KERMARREC",
  "ETCHEVERRY",
  "OLIVIER",
  "BRUN",
  "GIRAUD",
] as const;

const FIRST_NAMES_F = [
  "MARIE",
  "NATHALIE",
  "ISABELLE",
  "SYLVIE",
  "CATHERINE",
  "CLAIRE",
  "JULIE",
  "SOPHIE",
  "LEA",
  "CAMILLE",
] as const;
const FIRST_NAMES_M = [
  "JEAN",
  "PIERRE",
  "MICHEL",
  "PHILIPPE",
  "ALAIN",
  "NICOLAS",
  "THOMAS",
  "JULIEN",
  "LUCAS",
  "HUGO",
] as const;

const FORMS = ["SARL", "SAS", "SASU", "EURL", "SNC"] as const;
const ACTIVITIES = [
  "BOULANGERIE",
  "BOUCHERIE",
  "PLOMBERIE",
  "TRANSPORTS",
  "GARAGE",
  "COIFFURE",
  "MENUISERIE",
  "ELECTRICITE",
  "PHARMACIE",
  "IMPRIMERIE",
  "NETTOYAGE",
  "FLEURS",
  "CAVE",
  "CONSEIL",
  "INFORMATIQUE",
  "PATISSERIE",
  "MACONNERIE",
  "AMBULANCES",
  "AUTO-ECOLE",
  "TRAITEUR",
] as const;
const SIGNS = [
  "LE COMPTOIR",
  "LES TILLEULS",
  "DU PORT",
  "DE LA GARE",
  "LE BON COIN",
  "DES ARTS",
  "SAINT-MICHEL",
  "DU MARCHE",
] as const;
const SIGN_ACTIVITIES = ["RESTAURANT", "BRASSERIE", "HOTEL", "CAFE", "BOULANGERIE", "EPICERIE"] as const;

// ---------------------------------------------------------------------------------------------
// Anomaly catalogue. The first six references come from the seeds and facts/dsn.md; the others are
// plausible references built on the same pattern (UR_ANO_<domain>_<sub>_<DA|DI><code>).

interface AnomalyType {
  reference: string;
  libelle: string;
  individual: boolean;
  actions: string;
  question: AnomalyQuestion | null;
  erreur: (rng: Rng, month: number, year: number) => string;
}

const DIMNS002_QUESTION =
  "La nature de contrat déclaré en S21.600.40.007 (Nature du contrat) est-elle de valeur suivante : - 02 (Contrat de travail à durée déterminée de droit privé) - 03 (Contrat de mission) - 10 (Contrat de travail à durée déterminée de droit public) - 29 (Convention de stage) - 51 (Contrat de mission d'un collaborateur occasionnel du service public) - 53 (Contrat d'emploi pénitentiaire) - 60 (Contrat d'engagement éducatif) - 70 (Contrat de soutien et d'aide par le travail) - 90 (Autre nature de contrat, convention, mandat) - 92 (Contrat d'engagement maritime à durée déterminée)";

const ACTIONS_NEXT_DSN =
  "Apportez une correction dans votre prochaine DSN. Si vous avez un doute sur la nature de la correction à apporter, répondez à la question ci-dessous pour vous aider dans votre analyse.";

function euros(rng: Rng, min: number, max: number): number {
  return Math.round((min + rng.next() * (max - min)) * 100) / 100;
}
function fr(n: number): string {
  return n.toFixed(2).replace(".", ",");
}
function period(month: number, year: number): string {
  return `${String(month).padStart(2, "0")}/${year}`;
}

export const ANOMALY_TYPES: readonly AnomalyType[] = [
  {
    reference: "UR_ANO_DIMNS002",
    libelle: "Écart incohérent entre le montant net social estimé et le montant net social déclaré.",
    individual: true,
    actions: ACTIONS_NEXT_DSN,
    question: {
      texte: DIMNS002_QUESTION,
      siOui:
        "Pour un contrat court, vérifiez que le bloc S21.G00.58 (type 03, montant net social) est bien déclaré dans la DSN du mois de versement et rattaché à la bonne période. Corrigez-le dans votre prochaine DSN.",
      siNon:
        "Vérifiez le périmètre du montant net social : rémunération brute moins l'ensemble des cotisations et contributions salariales obligatoires, CSG et CRDS comprises. Contrôlez aussi les bases (S21.G00.78) et cotisations individuelles (S21.G00.81) déclarées.",
    },
    erreur: (rng, m, y) => {
      const declared = euros(rng, 1400, 3200);
      const estimated = Math.round((declared + euros(rng, 40, 260)) * 100) / 100;
      return `Montant net social déclaré : ${fr(declared)} € ; montant net social estimé : ${fr(estimated)} € (période ${period(m, y)}).`;
    },
  },
  {
    reference: "UR_ANO_DEC_MNT_DA263",
    libelle:
      "Le montant total du bordereau de cotisation due est différent du total recalculé à partir des lignes de cotisation agrégée.",
    individual: false,
    actions:
      "Vérifiez les lignes de cotisation agrégée (S21.G00.23) et le montant total du bordereau (S21.G00.22.005), arrondi à l'euro. Régularisez l'écart dans votre prochaine DSN.",
    question: {
      texte:
        "Le bordereau de cotisation due (S21.G00.22) comporte-t-il des lignes de régularisation d'une période antérieure ?",
      siOui:
        "Vérifiez que chaque ligne de régularisation porte la période à laquelle elle se rattache et qu'elle est bien comptée dans le total du bordereau.",
      siNon:
        "Recalculez le total du bordereau à partir des lignes CTP (assiette × taux) et corrigez le montant déclaré en S21.G00.22.005.",
    },
    erreur: (rng, m, y) => {
      const total = rng.int(3000, 40000);
      const diff = rng.int(3, 420);
      return `Total déclaré : ${total} € ; total recalculé : ${total + diff} € (période ${period(m, y)}).`;
    },
  },
  {
    reference: "UR_ANO_ASS_PLF_DIPA01I",
    libelle:
      "L'assiette plafonnée déclarée est différente du plafond recalculé pour un salarié à temps plein.",
    individual: true,
    actions:
      "Vérifiez la quotité de travail (S21.G00.40.011 à .014) et l'assiette brute plafonnée (S21.G00.78 code 02). Apportez une correction dans votre prochaine DSN.",
    question: null,
    erreur: (rng, m, y) =>
      `Assiette plafonnée déclarée : ${fr(euros(rng, 4100, 5200))} € ; plafond recalculé : 4005,00 € (période ${period(m, y)}).`,
  },
  {
    reference: "UR_ANO_ASS_PLF_DIPA01J",
    libelle:
      "L'assiette plafonnée déclarée est différente du plafond recalculé pour un salarié à temps partiel.",
    individual: true,
    actions:
      "Vérifiez les heures déclarées et la quotité de travail (S21.G00.40.011 à .014) : le plafond d'un salarié à temps partiel est réduit au prorata. Apportez une correction dans votre prochaine DSN.",
    question: {
      texte: "Le salarié a-t-il changé de quotité de travail au cours du mois ?",
      siOui:
        "Déclarez un nouveau bloc contrat (ou une modification) à la date du changement : le plafond est calculé pour chaque période.",
      siNon: "Vérifiez la quotité de la catégorie (S21.G00.40.012) et les heures rémunérées du mois.",
    },
    erreur: (rng, m, y) =>
      `Assiette plafonnée déclarée : ${fr(euros(rng, 2600, 3900))} € ; plafond recalculé : ${fr(euros(rng, 1800, 2500))} € (période ${period(m, y)}).`,
  },
  {
    reference: "UR_ANO_ASS_PLF_DIPA01K",
    libelle:
      "L'assiette plafonnée déclarée est différente du plafond recalculé pour un salarié à temps partiel cotisant sur la base d'un temps plein.",
    individual: true,
    actions:
      "Vérifiez le dispositif de cotisation sur un temps plein et l'assiette plafonnée déclarée. Apportez une correction dans votre prochaine DSN.",
    question: null,
    erreur: (rng, m, y) =>
      `Assiette plafonnée déclarée : ${fr(euros(rng, 2000, 3000))} € ; plafond recalculé : 4005,00 € (période ${period(m, y)}).`,
  },
  {
    reference: "UR_ANO_ASS_DPLF_DIPA01H",
    libelle: "Une assiette plafonnée est déclarée alors que l'assiette déplafonnée est nulle.",
    individual: true,
    actions:
      "Vérifiez les bases assujetties (S21.G00.78) : l'assiette déplafonnée (code 03) doit être déclarée dès qu'une assiette plafonnée (code 02) l'est. Apportez une correction dans votre prochaine DSN.",
    question: null,
    erreur: (rng, m, y) =>
      `Assiette plafonnée : ${fr(euros(rng, 1500, 4000))} € ; assiette déplafonnée : 0,00 € (période ${period(m, y)}).`,
  },
  {
    reference: "UR_ANO_CTP_FNAL_DA101",
    libelle: "Absence de la cotisation FNAL (CTP 236 ou 332) alors qu'une assiette est déclarée.",
    individual: false,
    actions:
      "Ajoutez la ligne de cotisation FNAL correspondant à l'effectif de l'entreprise dans votre prochaine DSN, avec un bloc de régularisation pour la période concernée.",
    question: {
      texte: "L'effectif de l'entreprise est-il d'au moins 50 salariés ?",
      siOui: "Déclarez le CTP 236 (FNAL déplafonné) sur la totalité des rémunérations.",
      siNon: "Déclarez le CTP 332 (FNAL plafonné) sur les rémunérations limitées au plafond.",
    },
    erreur: (rng, m, y) =>
      `Assiette déplafonnée déclarée : ${rng.int(5000, 60000)} € ; aucune ligne FNAL (période ${period(m, y)}).`,
  },
  {
    reference: "UR_ANO_CTP_AGS_DA102",
    libelle:
      "Absence de la cotisation AGS (CTP 937) alors que des rémunérations sont déclarées sur le CTP 100.",
    individual: false,
    actions: "Ajoutez la ligne CTP 937 (AGS) dans votre prochaine DSN et régularisez la période concernée.",
    question: null,
    erreur: (rng, m, y) =>
      `Assiette CTP 100 : ${rng.int(5000, 60000)} € ; aucune ligne CTP 937 (période ${period(m, y)}).`,
  },
  {
    reference: "UR_ANO_RED_RGDU_DI210",
    libelle:
      "Le montant de la réduction générale est incohérent avec la rémunération brute et le SMIC de la période.",
    individual: true,
    actions:
      "Recalculez le coefficient de réduction générale selon la règle de la période (réduction générale dégressive unique depuis le 1er janvier 2026) et corrigez la cotisation individuelle 018.",
    question: null,
    erreur: (rng, m, y) =>
      `Réduction déclarée : ${fr(euros(rng, 200, 600))} € ; réduction recalculée : ${fr(euros(rng, 50, 199))} € (période ${period(m, y)}).`,
  },
  {
    reference: "UR_ANO_ASS_CSG_DI305",
    libelle: "L'assiette CSG/CRDS déclarée est incohérente avec la rémunération brute.",
    individual: true,
    actions:
      "Vérifiez la base CSG/CRDS (S21.G00.78 code 04) : elle comprend 98,25 % de la rémunération brute dans la limite de quatre plafonds, plus les éléments hors abattement. Apportez une correction dans votre prochaine DSN.",
    question: null,
    erreur: (rng, m, y) =>
      `Assiette CSG déclarée : ${fr(euros(rng, 1000, 1500))} € ; assiette attendue : ${fr(euros(rng, 1800, 2600))} € (période ${period(m, y)}).`,
  },
  {
    reference: "UR_ANO_APP_CTP_DA726",
    libelle:
      "La part de rémunération d'un apprenti au-delà de 50 % du SMIC est déclarée sur le CTP 726 au lieu du CTP 100.",
    individual: false,
    actions:
      "Déclarez sur le CTP 100 la part de rémunération des apprentis qui dépasse 50 % du SMIC et régularisez la période concernée.",
    question: null,
    erreur: (rng, m, y) =>
      `Assiette CTP 726 déclarée : ${fr(euros(rng, 1500, 2200))} € ; seuil : 911,52 € (période ${period(m, y)}).`,
  },
  {
    reference: "UR_ANO_EFF_DA120",
    libelle: "L'effectif déclaré en fin de période est incohérent avec le nombre de salariés déclarés.",
    individual: false,
    actions:
      "Vérifiez l'effectif de fin de période de l'établissement (S21.G00.11.008) et corrigez-le dans votre prochaine DSN.",
    question: null,
    erreur: (rng, m, y) => {
      const n = rng.int(3, 30);
      return `Effectif déclaré : ${n + rng.int(2, 6)} ; salariés déclarés : ${n} (période ${period(m, y)}).`;
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Generators

class Generator {
  private readonly sirens = new Set<string>();
  private readonly accounts = new Set<string>();
  private readonly nirs = new Set<string>();
  constructor(readonly rng: Rng) {}

  siren(): string {
    for (;;) {
      const s = withLuhnKey(`${this.rng.int(3, 9)}${this.rng.digits(7)}`);
      if (s !== "356000000" && !this.sirens.has(s)) {
        this.sirens.add(s);
        return s;
      }
    }
  }

  headOfficeSiret(siren: string): string {
    const nicStart = this.rng.bool(0.7) ? "0001" : `000${this.rng.int(2, 9)}`;
    for (let k = 0; k <= 9; k++) {
      const siret = `${siren}${nicStart}${k}`;
      if (withLuhnKey(siret.slice(0, 13)) === siret) return siret;
    }
    throw new Error("unreachable");
  }

  accountNumber(urssaf: string): string {
    for (;;) {
      const n = `${urssaf}${this.rng.digits(15)}`;
      if (!this.accounts.has(n)) {
        this.accounts.add(n);
        return n;
      }
    }
  }

  nir(female: boolean, corsica: boolean): string {
    for (;;) {
      const yy = String(this.rng.int(45, 99)).padStart(2, "0");
      const mm = String(this.rng.int(1, 12)).padStart(2, "0");
      const dept = corsica ? this.rng.pick(["2A", "2B"]) : this.pickDept();
      const body = `${female ? 2 : 1}${yy}${mm}${dept}${String(this.rng.int(1, 899)).padStart(3, "0")}${String(this.rng.int(1, 999)).padStart(3, "0")}`;
      const nir = `${body}${String(nirKey(body)).padStart(2, "0")}`;
      if (!this.nirs.has(nir)) {
        this.nirs.add(nir);
        return nir;
      }
    }
  }

  private pickDept(): string {
    return this.rng.pick([
      "75",
      "69",
      "13",
      "31",
      "33",
      "44",
      "59",
      "67",
      "35",
      "34",
      "06",
      "92",
      "93",
      "09",
      "64",
    ]);
  }

  services(): OnlineService[] {
    return ONLINE_SERVICES.filter((_, i) => this.rng.bool(i < 4 ? 0.8 : 0.45));
  }

  emails(): EmailNotification[] {
    return EMAIL_NOTIFICATIONS.filter(() => this.rng.bool(0.4));
  }

  company(kind: CompanyKind, radie: boolean): Company {
    const { rng } = this;
    const town = rng.pick(TOWNS);
    const corsica = town.urssaf === "947";
    const female = rng.bool();
    const name = rng.pick(NAMES);
    const civ = female ? "MME" : "M.";
    const person = `${civ} ${name} (${KIND_LABELS[kind]}) ${town.postcode} ${town.town}`;
    let raisonSociale: string;
    if (kind === "RG") {
      const r = rng.next();
      if (r < 0.2) raisonSociale = person;
      else if (r < 0.35) raisonSociale = `${rng.pick(FORMS)} ${rng.pick(SIGN_ACTIVITIES)} ${rng.pick(SIGNS)}`;
      else raisonSociale = `${rng.pick(FORMS)} ${rng.pick(ACTIVITIES)} ${name}`;
    } else if (kind === "AC") {
      raisonSociale = rng.bool(0.7) ? person : `EURL ${rng.pick(ACTIVITIES)} ${name}`;
    } else {
      raisonSociale = person;
    }
    const siren = kind === "GERANT" ? null : this.siren();
    const selfEmployed = kind !== "RG";
    const accountNumber = this.accountNumber(town.urssaf);
    const amountDue = kind === "RG" ? euros(rng, 120, 24000) : null;
    const nir = selfEmployed ? this.nir(female, corsica || rng.bool(0.05)) : null;
    const ownSelfEmployedNumber = selfEmployed ? this.accountNumber(town.urssaf) : null;
    return {
      kind,
      siren,
      siret: siren === null ? null : this.headOfficeSiret(siren),
      raisonSociale,
      postcode: town.postcode,
      town: town.town,
      accountNumber,
      amountDue,
      nir,
      // A gérant non sirétisé is known only by his self-employed account: the number typed under
      // "Inscrire un compte gérant majoritaire" is the one the self-employed form asks for again.
      selfEmployedNumber: kind === "GERANT" ? accountNumber : ownSelfEmployedNumber,
      services: this.services(),
      emailNotifications: this.emails(),
      radie,
    };
  }

  individual(): Individual {
    const female = this.rng.bool();
    return {
      nom: this.rng.pick(NAMES),
      prenoms: this.rng.pick(female ? FIRST_NAMES_F : FIRST_NAMES_M),
      nir13: this.nir(female, this.rng.bool(0.1)).slice(0, 13),
    };
  }
}

function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const a = items[i] as T;
    items[i] = items[j] as T;
    items[j] = a;
  }
  return items;
}

const PORTFOLIO_KINDS: Record<CompanyKind, number> = { RG: 96, AC: 30, PL: 26, GERANT: 12 };
const DIRECTORY_KINDS: Record<CompanyKind, number> = { RG: 20, AC: 12, PL: 10, GERANT: 6 };
const RADIE_COUNT = 12;

/** `scale` multiplies the portfolio and the directory (benchmarks: scale 6 ≈ 1,000 accounts). */
export function makeSeedData(seed = 1, opts: { year?: number; scale?: number } = {}): SeedData {
  const year = opts.year ?? 2026;
  const scale = opts.scale ?? 1;
  const rng = new Rng(seed * 2654435761 + 17);
  const gen = new Generator(rng);

  // Credentials: the firm's active SIRET and a password of exactly 8 letters and digits.
  const firmSiren = gen.siren();
  const firmSiret = gen.headOfficeSiret(firmSiren);
  const letters = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
  let motDePasse = "";
  while (!/^(?=.*\d)(?=.*[a-zA-Z])[a-zA-Z\d]{8}$/.test(motDePasse)) {
    motDePasse = "";
    for (let i = 0; i < 8; i++) motDePasse += rng.bool(0.35) ? String(rng.int(0, 9)) : rng.pick([...letters]);
  }

  const portfolio: Company[] = [];
  for (const kind of ["RG", "AC", "PL", "GERANT"] as const) {
    for (let i = 0; i < Math.round(PORTFOLIO_KINDS[kind] * scale); i++)
      portfolio.push(gen.company(kind, false));
  }
  // A few artisans who are also employers: an RG account on the same SIREN as an AC account.
  const artisans = portfolio.filter((c) => c.kind === "AC").slice(0, 3);
  for (const ac of artisans) {
    const rg = gen.company("RG", false);
    rg.siren = ac.siren;
    rg.siret = ac.siret;
    rg.raisonSociale = ac.raisonSociale.replace("(Artisan Commerçant)", "(Régime Général)");
    rg.postcode = ac.postcode;
    rg.town = ac.town;
    portfolio.push(rg);
  }
  shuffle(rng, portfolio);
  // Radiés: spread over the kinds.
  const radieIdx = new Set<number>();
  while (radieIdx.size < RADIE_COUNT) radieIdx.add(rng.int(0, portfolio.length - 1));
  for (const i of radieIdx) {
    const c = portfolio[i];
    if (c) c.radie = true;
  }

  const directory: Company[] = [];
  for (const kind of ["RG", "AC", "PL", "GERANT"] as const) {
    for (let i = 0; i < Math.round(DIRECTORY_KINDS[kind] * scale); i++) {
      const c = gen.company(kind, false);
      c.services = [];
      c.emailNotifications = [];
      directory.push(c);
    }
  }
  shuffle(rng, directory);

  const unknownSirens = [gen.siren(), gen.siren(), gen.siren()];

  // DSN anomalies over four establishments of active RG accounts.
  const establishments = portfolio.filter((c) => c.kind === "RG" && !c.radie && c.siret !== null).slice(0, 4);
  const people = establishments.map(() => [gen.individual(), gen.individual()]);
  const anomalies: Anomaly[] = [];
  const plan: Array<[number, number]> = [
    // [type index, establishment index]
    [0, 0],
    [0, 1],
    [1, 0],
    [2, 0],
    [3, 1],
    [4, 2],
    [5, 1],
    [6, 2],
    [7, 3],
    [8, 0],
    [9, 3],
    [10, 2],
    [11, 3],
    [3, 0],
  ];
  for (const [typeIdx, estIdx] of plan) {
    const type = ANOMALY_TYPES[typeIdx];
    const est = establishments[estIdx];
    const pair = people[estIdx];
    if (!type || !est || !pair || est.siret === null) continue;
    const month = rng.int(1, 10);
    anomalies.push({
      id: `ANO${rng.digits(6)}`,
      reference: type.reference,
      libelle: type.libelle,
      erreur: type.erreur(rng, month, year),
      actions: type.actions,
      question: type.question,
      siret: est.siret,
      raisonSociale: est.raisonSociale,
      year,
      month,
      individu: type.individual ? ((rng.bool() ? pair[0] : pair[1]) ?? null) : null,
    });
  }
  anomalies.sort((a, b) => a.month - b.month || a.reference.localeCompare(b.reference));

  const messages: Message[] = [
    {
      subject: "Votre attestation de vigilance est disponible",
      body: "Bonjour,\nL'attestation de vigilance de votre client est disponible dans la rubrique Documents.\nCordialement,\nVotre Urssaf",
      read: false,
    },
    {
      subject: "Réponse à votre demande : ajout d'un compte client",
      body: "Bonjour,\nLe compte de votre client a bien été rattaché à votre portefeuille.\nCordialement,\nVotre conseiller Urssaf",
      read: false,
    },
    {
      subject: "Rappel : échéance DSN du 15",
      body: "Bonjour,\nNous vous rappelons que les DSN des entreprises de moins de 50 salariés sont à déposer au plus tard le 15 du mois.\nVotre Urssaf",
      read: true,
    },
    {
      subject: "Nouveau service : Travailler à l'étranger",
      body: "Bonjour,\nLe service « Travailler à l'étranger » est désormais disponible pour vos clients.\nVotre Urssaf",
      read: true,
    },
    {
      subject: "Anomalies DSN détectées",
      body: "Bonjour,\nDes anomalies ont été détectées dans les DSN de certains de vos clients. Consultez le service Suivi DSN.\nVotre Urssaf",
      read: true,
    },
    {
      subject: "Accusé de réception de votre réclamation",
      body: "Bonjour,\nNous avons bien reçu votre réclamation. Elle sera traitée dans les meilleurs délais.\nVotre Urssaf",
      read: true,
    },
  ].map((m, i) => ({
    id: `MSG${rng.digits(6)}`,
    date: `${year}-${String(11 - Math.floor(i / 2)).padStart(2, "0")}-${String(20 - i * 3).padStart(2, "0")}`,
    from: "Votre Urssaf",
    ...m,
  }));

  const active = portfolio.filter((c) => !c.radie);
  const incidents: Incident[] = [
    { libelle: "Rejet de prélèvement de l'échéance du 15 octobre" },
    { libelle: "Paiement non rapproché de la déclaration" },
  ].map((x, i) => ({
    id: `INC${rng.digits(5)}`,
    accountNumber: (active[10 + i * 7] ?? active[0])?.accountNumber ?? "",
    libelle: x.libelle,
  }));

  return {
    seed,
    year,
    firm: { raisonSociale: "CABINET DEMO EXPERTISE COMPTABLE", siret: firmSiret },
    credentials: { identifiant: firmSiret, motDePasse },
    portfolio,
    directory,
    anomalies,
    messages,
    incidents,
    invalidSirens: [...invalidSirens],
    unknownSirens,
  };
}

/**
 * Benchmarks: adds anomalies (cycling through ANOMALY_TYPES, on the people of the seed) to the month
 * of the first seeded anomaly's establishment, until that month lists `count` anomalies. Deterministic.
 */
export function padAnomalies(anomalies: Anomaly[], count: number): Anomaly[] {
  const first = anomalies[0];
  if (!first) return anomalies;
  const same = (a: Anomaly) => a.siret === first.siret && a.year === first.year && a.month === first.month;
  const people = anomalies.flatMap((a) => (a.individu ? [a.individu] : []));
  const rng = new Rng(count);
  const extra: Anomaly[] = [];
  for (let i = anomalies.filter(same).length; i < count; i++) {
    const type = ANOMALY_TYPES[i % ANOMALY_TYPES.length];
    if (!type) continue;
    extra.push({
      id: `ANOB${String(i).padStart(5, "0")}`,
      reference: type.reference,
      libelle: type.libelle,
      erreur: type.erreur(rng, first.month, first.year),
      actions: type.actions,
      question: type.question,
      siret: first.siret,
      raisonSociale: first.raisonSociale,
      year: first.year,
      month: first.month,
      individu: type.individual ? (people[i % Math.max(1, people.length)] ?? null) : null,
    });
  }
  return [...anomalies, ...extra];
}
