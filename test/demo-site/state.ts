// Mutable state of the demo space and its business rules (inscription, résiliation, search…).

import {
  type Anomaly,
  type Company,
  EMAIL_NOTIFICATIONS,
  type EmailNotification,
  type Incident,
  type Message,
  makeSeedData,
  ONLINE_SERVICES,
  type OnlineService,
  padAnomalies,
  type SeedData,
} from "./data.ts";
import {
  isValidNir,
  isValidSiren,
  isWellFormedNirBody,
  normalizeNumber,
  parseFrenchAmount,
} from "./identifiers.ts";

export interface Session {
  /** Cookie value. */
  token: string;
  /** Short public id used in the log. */
  id: string;
  identifiant: string;
  createdAt: string;
}

export interface DemoState {
  seed: number;
  year: number;
  firm: SeedData["firm"];
  credentials: SeedData["credentials"];
  portfolio: Company[];
  directory: Company[];
  anomalies: Anomaly[];
  messages: Message[];
  incidents: Incident[];
  sessions: Session[];
  invalidSirens: string[];
  unknownSirens: string[];
}

export function makeState(seed: number, year: number, scale = 1, anomalyCount = 0): DemoState {
  const data = makeSeedData(seed, { year, scale });
  const anomalies = anomalyCount > 0 ? padAnomalies(data.anomalies, anomalyCount) : data.anomalies;
  return {
    seed: data.seed,
    year: data.year,
    firm: data.firm,
    credentials: data.credentials,
    portfolio: data.portfolio,
    directory: data.directory,
    anomalies,
    messages: data.messages,
    incidents: data.incidents,
    sessions: [],
    invalidSirens: data.invalidSirens,
    unknownSirens: data.unknownSirens,
  };
}

// ---------------------------------------------------------------------------------------------
// Labels

const LIST_KIND: Record<"RG" | "AC" | "PL", string> = {
  RG: "Comptes Régime Général",
  AC: "Comptes Artisan Commerçant",
  PL: "Comptes Profession Libérale",
};

/** Row label of the "Compte(s)" list: "Comptes Régime Général du SIREN 526018155". */
export function accountLabel(c: Company): string {
  if (c.kind === "GERANT") return `Compte gérant majoritaire non sirétisé n° ${c.accountNumber}`;
  return `${LIST_KIND[c.kind]} du SIREN ${c.siren ?? ""}`;
}

/** Text of the native confirm of "Résilier" and of the ✕ icon. */
export function confirmText(c: Company): string {
  const what =
    c.kind === "GERANT"
      ? `Compte gérant majoritaire non sirétisé n° ${c.accountNumber}`
      : `${LIST_KIND[c.kind]} du siren ${c.siren ?? ""}`;
  return `Veuillez confirmer la suppression immédiate de l'inscription ${what}`;
}

export const SAVED_TEXT = "Votre modification a bien été prise en compte.";

// ---------------------------------------------------------------------------------------------
// Queries

export function findAccount(state: DemoState, accountNumber: string): Company | undefined {
  return state.portfolio.find((c) => c.accountNumber === accountNumber);
}

export function visibleAnomalies(state: DemoState): Anomaly[] {
  const sirets = new Set(state.portfolio.filter((c) => c.kind === "RG").map((c) => c.siret));
  return state.anomalies.filter((a) => sirets.has(a.siret));
}

export interface Indicators {
  incidents: number;
  anomalies: number;
  unread: number;
  year: number;
}

export function indicators(state: DemoState, year: number): Indicators {
  const accounts = new Set(state.portfolio.map((c) => c.accountNumber));
  return {
    incidents: state.incidents.filter((i) => accounts.has(i.accountNumber)).length,
    anomalies: visibleAnomalies(state).filter((a) => a.year === year).length,
    unread: state.messages.filter((m) => !m.read).length,
    year,
  };
}

export function indicatorTexts(ind: Indicators): { incidents: string; anomalies: string; unread: string } {
  return {
    incidents: ind.incidents === 1 ? "1 incident à traiter" : `${ind.incidents} incidents à traiter`,
    anomalies:
      ind.anomalies === 1
        ? `1 anomalie DSN sur l'année ${ind.year}`
        : `${ind.anomalies} anomalies DSN sur l'année ${ind.year}`,
    unread: ind.unread === 1 ? "1 message non lu" : `${ind.unread} messages non lus`,
  };
}

/** Search of "Gérer les établissements": by Siren/Siret (9 or 14 digits) or by account number. */
export function searchPortfolio(state: DemoState, q: { siret?: string; compte?: string }): Company[] {
  const siret = normalizeNumber(q.siret ?? "");
  const compte = normalizeNumber(q.compte ?? "");
  return state.portfolio.filter((c) => {
    if (siret !== "") {
      const siren = siret.slice(0, 9);
      if (siret.length === 14 ? c.siret !== siret && c.siren !== siren : c.siren !== siret) return false;
    }
    if (compte !== "" && c.accountNumber !== compte && c.selfEmployedNumber !== compte) return false;
    return true;
  });
}

/** Search box of the firm dashboard: SIREN, SIRET, account number or part of the name. */
export function searchDashboard(state: DemoState, query: string): Company[] {
  const q = query.trim().toUpperCase();
  if (q === "") return [];
  const digits = normalizeNumber(q);
  return state.portfolio.filter(
    (c) =>
      (/^\d{9,18}$/.test(digits) &&
        (c.siren === digits ||
          c.siret === digits ||
          c.accountNumber === digits ||
          c.siren === digits.slice(0, 9))) ||
      c.raisonSociale.toUpperCase().includes(q),
  );
}

// ---------------------------------------------------------------------------------------------
// Inscription

export type Refusal =
  | "siren-empty"
  | "siren-format"
  | "siren-key"
  | "siren-unknown"
  | "account-empty"
  | "account-format"
  | "account-unknown"
  | "already-registered"
  | "fields-missing"
  | "amount-invalid"
  | "amount-mismatch"
  | "account-mismatch"
  | "nir-invalid"
  | "nir-mismatch"
  | "self-employed-number-mismatch";

export const REFUSAL_TEXTS: Record<Refusal, string> = {
  "siren-empty": "Veuillez saisir un Siren.",
  "siren-format": "Le Siren doit comporter 9 chiffres.",
  "siren-key": "Le Siren saisi est invalide.",
  "siren-unknown": "Aucun compte ne correspond à ce Siren.",
  "account-empty": "Veuillez saisir un numéro de compte.",
  "account-format": "Le numéro de compte doit comporter 18 chiffres.",
  "account-unknown": "Aucun compte gérant majoritaire non sirétisé ne correspond à ce numéro de compte.",
  "already-registered": "Ce compte est déjà inscrit dans votre portefeuille.",
  "fields-missing": "Tous les champs sont obligatoires.",
  "amount-invalid": "Le montant saisi est invalide.",
  "amount-mismatch": "Le montant saisi ne correspond pas au montant à payer de la dernière déclaration.",
  "account-mismatch": "Le numéro de compte employeur ne correspond pas au Siren saisi.",
  "nir-invalid": "Le numéro de sécurité sociale saisi est invalide.",
  "nir-mismatch": "Le numéro de sécurité sociale ne correspond pas au compte.",
  "self-employed-number-mismatch": "Le numéro de compte Indépendant ne correspond pas au compte.",
};

export type Lookup = { ok: true; company: Company } | { ok: false; refusal: Refusal };

/** Step 1 by SIREN ("Inscrire d'autres comptes"). */
export function lookupSiren(state: DemoState, raw: string): Lookup {
  const siren = normalizeNumber(raw);
  if (siren === "") return { ok: false, refusal: "siren-empty" };
  if (!/^\d{9}$/.test(siren)) return { ok: false, refusal: "siren-format" };
  if (!isValidSiren(siren)) return { ok: false, refusal: "siren-key" };
  if (state.portfolio.some((c) => c.siren === siren)) return { ok: false, refusal: "already-registered" };
  const company = state.directory.find((c) => c.siren === siren);
  if (!company) return { ok: false, refusal: "siren-unknown" };
  return { ok: true, company };
}

/** Step 1 by account number ("Inscrire un compte gérant majoritaire (non sirétisé)"). */
export function lookupGerant(state: DemoState, raw: string): Lookup {
  const account = normalizeNumber(raw);
  if (account === "") return { ok: false, refusal: "account-empty" };
  if (!/^\d{18}$/.test(account)) return { ok: false, refusal: "account-format" };
  if (state.portfolio.some((c) => c.accountNumber === account && c.kind === "GERANT")) {
    return { ok: false, refusal: "already-registered" };
  }
  const company = state.directory.find((c) => c.accountNumber === account && c.kind === "GERANT");
  if (!company) return { ok: false, refusal: "account-unknown" };
  return { ok: true, company };
}

export interface InscriptionForm {
  montant?: string;
  compte?: string;
  nir?: string;
  compteIndependant?: string;
}

/** Step 2 ("Enregistrer"): the secret data must match the company. */
export function checkInscription(company: Company, form: InscriptionForm): Refusal | null {
  if (company.kind === "RG") {
    const montant = (form.montant ?? "").trim();
    const compte = normalizeNumber(form.compte ?? "");
    if (montant === "" || compte === "") return "fields-missing";
    const amount = parseFrenchAmount(montant);
    if (amount === null) return "amount-invalid";
    if (compte !== company.accountNumber) return "account-mismatch";
    if (Math.abs(amount - (company.amountDue ?? Number.NaN)) > 1) return "amount-mismatch";
    return null;
  }
  const nir = normalizeNumber(form.nir ?? "");
  const number = normalizeNumber(form.compteIndependant ?? "");
  if (nir === "" || number === "") return "fields-missing";
  if (nir.length === 15 ? !isValidNir(nir) : nir.length !== 13 || !isWellFormedNirBody(nir)) {
    return "nir-invalid";
  }
  if (company.nir === null || nir.slice(0, 13) !== company.nir.slice(0, 13)) return "nir-mismatch";
  if (number !== company.selfEmployedNumber) return "self-employed-number-mismatch";
  return null;
}

export function parseServices(values: readonly string[]): OnlineService[] {
  return ONLINE_SERVICES.filter((_, i) => values.includes(String(i)));
}

export function parseEmails(values: readonly string[]): EmailNotification[] {
  return EMAIL_NOTIFICATIONS.filter((_, i) => values.includes(String(i)));
}

/** Moves the company from the directory to the head of the portfolio. */
export function register(
  state: DemoState,
  company: Company,
  services: OnlineService[],
  emails: EmailNotification[],
): void {
  state.directory = state.directory.filter((c) => c !== company);
  company.services = services;
  company.emailNotifications = emails;
  state.portfolio.unshift(company);
}

/** Moves the account back to the directory (so it can be registered again). */
export function resiliate(state: DemoState, company: Company): void {
  state.portfolio = state.portfolio.filter((c) => c !== company);
  company.services = [];
  company.emailNotifications = [];
  state.directory.push(company);
}
