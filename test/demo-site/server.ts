// Demo Urssaf space: one HTTPS server that answers for www/mon/tdbec/dcl/webti.urssaf.fr (routed by
// Host header and path) and mirrors the same pages, without login, on any foreign host.

import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { z } from "zod";
import { makeCertificate } from "./cert.ts";
import { Names } from "./html.ts";
import { normalizeNumber } from "./identifiers.ts";
import { type CanonicalHost, Ctx, HOSTS, type Variant } from "./layout.ts";
import { MUTATIONS, type Mutation, mutatePage } from "./mutations.ts";
import {
  accountDetailPage,
  anomalyPage,
  dashboardPage,
  dossierPage,
  dsnEtablissementsPage,
  dsnIndividusPage,
  dsnMonthPage,
  dsnTypologiesPage,
  ETAB_PATH,
  errorPage,
  etablissementsPage,
  homePage,
  inscriptionPage,
  loginPage,
  messagePage,
  messagesPage,
  modifyPage,
  newsPage,
  parisYear,
  placeholderPage,
  profilPage,
  publicSearchPage,
  simplePublicPage,
  suiviDsnPage,
  usersPage,
} from "./pages.ts";
import {
  accountLabel,
  checkInscription,
  type DemoState,
  findAccount,
  type Indicators,
  indicators,
  type Lookup,
  lookupGerant,
  lookupSiren,
  makeState,
  parseEmails,
  parseServices,
  REFUSAL_TEXTS,
  register,
  resiliate,
  type Session,
  searchDashboard,
  searchPortfolio,
  visibleAnomalies,
} from "./state.ts";

export type { Variant } from "./layout.ts";
export type { DemoState, Session } from "./state.ts";

export interface Faults {
  /** Delay added to every non-/__demo response. */
  slowMs: number;
  /** The next N non-/__demo requests answer HTTP 500. */
  http500Next: number;
  /** The next N non-/__demo requests are never answered (a page that does not load). */
  hangNext: number;
  /** Existing sessions are invalid: pages needing login redirect to the login page. */
  sessionExpired: boolean;
  variant: Variant;
  /** The "Résilier" confirmation names another account of the portfolio (a stale dialog). */
  staleConfirm: boolean;
  /** Meaning-preserving rewrites of every page (mutations.ts); [] = the pages as printed. */
  mutations: Mutation[];
  /** Seed of the mutations' random choices (with the page's URL). */
  mutationSeed: number;
}

export type LogAction =
  | "login"
  | "login-failed"
  | "logout"
  | "inscription"
  | "inscription-refused"
  | "resiliation"
  | "modification"
  | "message-read"
  | "sessions-expired"
  | "faults"
  | "fault"
  | "reset";

export interface LogEntry {
  seq: number;
  /** ISO time */
  time: string;
  action: LogAction;
  /** Public id of the session (not the cookie), null when none. */
  session: string | null;
  host: string;
  details: Record<string, unknown>;
}

export interface RequestRecord {
  method: string;
  host: string;
  path: string;
  /** Sec-Fetch-Dest: "document" for navigations, "empty" for fetch()/XHR, "" when absent. */
  fetchDest: string;
  fetchMode: string;
}

export interface StartOptions {
  /** 0 (default) = any free port. */
  port?: number;
  seed?: number;
  quiet?: boolean;
  variant?: Variant;
  /** Clock of the pages ("Dernière mise à jour", year of the anomalies). Default: real time. */
  now?: () => Date;
  /** Multiplies the portfolio and the directory (benchmarks). Default 1 (167 accounts, 48 addable). */
  scale?: number;
  /**
   * Benchmarks: the month of the first seeded anomaly lists this many anomalies (padded with the same
   * types; see padAnomalies). Default: the 14 seeded anomalies only.
   */
  anomalies?: number;
  /** Listen address. Default 127.0.0.1. */
  listenHost?: string;
  /** Meaning-preserving rewrites of every page (see mutations.ts). Default none. */
  mutations?: readonly Mutation[];
  /** Seed of the mutations. Default: `seed`. */
  mutationSeed?: number;
}

export type StateView = Readonly<DemoState> & { readonly indicators: Indicators };

export interface DemoSpace {
  readonly port: number;
  /** `url("mon.urssaf.fr", "/x")` → "https://mon.urssaf.fr/x" (the host-resolver rule adds the port). */
  url(host: string, path?: string): string;
  readonly credentials: { identifiant: string; motDePasse: string };
  /** Live view of the current state (read only: do not mutate). */
  readonly state: StateView;
  log(): readonly LogEntry[];
  /** Every request received (control endpoints included), with its Sec-Fetch metadata, oldest first. */
  requests(): readonly RequestRecord[];
  faults: { set(f: Partial<Faults>): void; clear(): void; readonly current: Readonly<Faults> };
  reset(): void;
  close(): Promise<void>;
}

export const SESSION_COOKIE = "urssaf_session";
/** Page snapshots sent from the field (masked skeletons), served at /__demo/snapshots/<name>. */
export const SNAPSHOTS = resolve(import.meta.dirname, "../fixtures/snapshots");
export const LOGIN_URL = `https://${HOSTS.www}/connexion`;

const FaultsSchema = z
  .object({
    slowMs: z.number().int().min(0).max(120_000),
    http500Next: z.number().int().min(0).max(10_000),
    hangNext: z.number().int().min(0).max(10_000),
    sessionExpired: z.boolean(),
    variant: z.enum(["A", "B"]),
    staleConfirm: z.boolean(),
    mutations: z.array(z.enum(MUTATIONS)),
    mutationSeed: z.number().int(),
  })
  .partial()
  .strict();

let certificate: Promise<{ key: Buffer; cert: Buffer }> | null = null;

interface Resp {
  status: number;
  html?: string;
  location?: string;
  cookies?: string[];
}

interface Req {
  method: string;
  url: URL;
  hostname: string;
  /** Foreign host: pages mirrored without login and without state changes. */
  mirror: boolean;
  ctx: Ctx;
  session: Session | null;
  form: URLSearchParams;
  cookies: Record<string, string>;
}

interface Route {
  host: CanonicalHost;
  method: "GET" | "POST";
  pattern: RegExp;
  auth: boolean;
  handle: (r: Req, m: RegExpMatchArray) => Resp;
}

function isUrssafHost(hostname: string): boolean {
  return hostname === "urssaf.fr" || hostname.endsWith(".urssaf.fr");
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error("body too large"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function startDemoSpace(opts: StartOptions = {}): Promise<DemoSpace> {
  const seed = opts.seed ?? 1;
  const now = opts.now ?? (() => new Date());
  const defaultVariant: Variant = opts.variant ?? "A";
  const names = new Names();
  const year = parisYear(now());
  let state = makeState(seed, year, opts.scale ?? 1, opts.anomalies ?? 0);
  let entries: LogEntry[] = [];
  let seq = 0;
  const defaultFaults = (): Faults => ({
    slowMs: 0,
    http500Next: 0,
    hangNext: 0,
    sessionExpired: false,
    variant: defaultVariant,
    staleConfirm: false,
    mutations: [...(opts.mutations ?? [])],
    mutationSeed: opts.mutationSeed ?? seed,
  });
  let faults = defaultFaults();
  // Lists taken out of mutated pages, answered at /__demo/fragment/<id> (the oldest dropped first).
  const fragments = new Map<string, string>();
  let fragmentCount = 0;

  const log = (
    action: LogAction,
    r: { session?: Session | null; host?: string },
    details: Record<string, unknown> = {},
  ) => {
    seq += 1;
    entries.push({
      seq,
      time: now().toISOString(),
      action,
      session: r.session?.id ?? null,
      host: r.host ?? "",
      details,
    });
    if (!opts.quiet) {
      console.log(`[demo] ${action} ${r.host ?? ""} ${JSON.stringify(details)}`);
    }
  };

  const setFaults = (f: Partial<Faults>, host = "api") => {
    const parsed = FaultsSchema.parse(f);
    faults = { ...faults, ...parsed };
    if (parsed.sessionExpired === true) {
      const count = state.sessions.length;
      state.sessions = [];
      log("sessions-expired", { host }, { count });
    }
    log("faults", { host }, { ...parsed });
  };

  const clearFaults = (host = "api") => {
    faults = defaultFaults();
    log("faults", { host }, { cleared: true });
  };

  const reset = (host = "api") => {
    state = makeState(seed, year, opts.scale ?? 1, opts.anomalies ?? 0);
    faults = defaultFaults();
    entries = [];
    log("reset", { host }, { seed });
  };

  const currentIndicators = () => indicators(state, year);

  // -------------------------------------------------------------------------------------------
  // Helpers used by the routes

  const html = (h: string, status = 200): Resp => ({ status, html: h });
  const redirect = (location: string, status = 302, cookies?: string[]): Resp => ({
    status,
    location,
    cookies,
  });

  const listView = (r: Req, extra: Partial<Parameters<typeof etablissementsPage>[1]> = {}) => {
    const sp = r.url.searchParams;
    const siret = sp.get("siret") ?? "";
    const compte = sp.get("compte") ?? "";
    const searched = siret.trim() !== "" || compte.trim() !== "";
    return etablissementsPage(r.ctx, {
      page: Number.parseInt(sp.get("page") ?? "1", 10) || 1,
      siret,
      compte,
      searched,
      accounts: searched ? searchPortfolio(state, { siret, compte }) : state.portfolio,
      ...extra,
    });
  };

  const refuse = (r: Req, step: number, lookupKey: Record<string, string>, reason: string) => {
    if (!r.mirror)
      log("inscription-refused", { session: r.session, host: r.hostname }, { step, ...lookupKey, reason });
  };

  const lookupFrom = (
    params: URLSearchParams,
  ): { lookup: Lookup; key: Record<string, string>; byAccount: boolean } | null => {
    const siren = params.get("siren");
    const gerant = params.get("gerant") ?? params.get("compte");
    if (siren !== null) return { lookup: lookupSiren(state, siren), key: { siren }, byAccount: false };
    if (gerant !== null)
      return { lookup: lookupGerant(state, gerant), key: { compte: gerant }, byAccount: true };
    return null;
  };

  const refusalOnList = (r: Req, byAccount: boolean, value: string, message: string) => {
    const err = { value, message };
    return html(listView(r, byAccount ? { gerantError: err } : { sirenError: err }));
  };

  // -------------------------------------------------------------------------------------------
  // Routes

  const E = ETAB_PATH.replace(/\//g, "\\/");
  const routes: Route[] = [
    // www.urssaf.fr
    { host: HOSTS.www, method: "GET", pattern: /^\/$/, auth: false, handle: (r) => html(homePage(r.ctx)) },
    {
      host: HOSTS.www,
      method: "GET",
      // The real site's address (src/pages/addresses.ts) and the demo's own short one.
      pattern: /^\/(?:connexion|accueil\/se-connecter\.html)$/,
      auth: false,
      handle: (r) => html(loginPage(r.ctx)),
    },
    {
      host: HOSTS.www,
      method: "POST",
      pattern: /^\/connexion$/,
      auth: false,
      handle: (r) => {
        const profil = r.form.get("profil") ?? "";
        const identifiant = r.form.get("identifiant") ?? "";
        const motdepasse = r.form.get("motdepasse") ?? "";
        const view = { identifiant, profil };
        const fail = (reason: string, error: string) => {
          log("login-failed", { host: r.hostname }, { identifiant, profil, reason });
          return html(loginPage(r.ctx, { ...view, error }));
        };
        if (identifiant.trim() === "" || motdepasse === "") {
          return fail("missing", "Veuillez renseigner votre identifiant et votre mot de passe.");
        }
        const idOk = normalizeNumber(identifiant) === normalizeNumber(state.credentials.identifiant);
        const pwOk = motdepasse === state.credentials.motDePasse;
        if (!idOk || !pwOk) return fail("credentials", "Identifiant ou mot de passe incorrect.");
        const session: Session = {
          token: randomBytes(24).toString("hex"),
          id: randomBytes(4).toString("hex"),
          identifiant: state.credentials.identifiant,
          createdAt: now().toISOString(),
        };
        state.sessions.push(session);
        log("login", { session, host: r.hostname }, { identifiant: session.identifiant, profil });
        return redirect(`https://${HOSTS.mon}/actualites`, 302, [
          `${SESSION_COOKIE}=${session.token}; Domain=urssaf.fr; Path=/; Secure; HttpOnly; SameSite=Lax`,
        ]);
      },
    },
    {
      host: HOSTS.www,
      method: "GET",
      pattern: /^\/deconnexion$/,
      auth: false,
      handle: (r) => {
        if (r.mirror) return redirect(r.ctx.link(HOSTS.www, "/connexion"));
        if (r.session) {
          const s = r.session;
          state.sessions = state.sessions.filter((x) => x !== s);
          log("logout", { session: s, host: r.hostname });
        }
        return redirect(LOGIN_URL, 302, [
          `${SESSION_COOKIE}=; Domain=urssaf.fr; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0`,
        ]);
      },
    },
    {
      host: HOSTS.www,
      method: "GET",
      pattern: /^\/recherche$/,
      auth: false,
      handle: (r) => html(publicSearchPage(r.ctx, r.url.searchParams.get("q") ?? "")),
    },
    {
      host: HOSTS.www,
      method: "GET",
      pattern: /^\/mot-de-passe-oublie$/,
      auth: false,
      handle: (r) =>
        html(
          simplePublicPage(
            r.ctx,
            "Mot de passe oublié ?",
            "Saisissez votre identifiant : un courriel vous sera envoyé pour créer un nouveau mot de passe.",
          ),
        ),
    },
    {
      host: HOSTS.www,
      method: "GET",
      pattern: /^\/creer-votre-espace$/,
      auth: false,
      handle: (r) =>
        html(
          simplePublicPage(
            r.ctx,
            "Créer votre espace",
            "Sélectionnez le profil « Tiers mandaté » si vous êtes expert-comptable ou tiers déclarant.",
          ),
        ),
    },
    {
      host: HOSTS.www,
      method: "GET",
      pattern: /^\/services-en-ligne$/,
      auth: false,
      handle: (r) =>
        html(
          simplePublicPage(
            r.ctx,
            "Les services en ligne",
            "DPAE, déclaration et paiement des cotisations, situation des comptes, attestations, Suivi DSN : les services accessibles à votre tiers déclarant.",
          ),
        ),
    },
    // mon.urssaf.fr
    {
      host: HOSTS.mon,
      method: "GET",
      pattern: /^\/$/,
      auth: true,
      handle: () => redirect(`https://${HOSTS.mon}/actualites`),
    },
    {
      host: HOSTS.mon,
      method: "GET",
      pattern: /^\/actualites$/,
      auth: true,
      handle: (r) => html(newsPage(r.ctx)),
    },
    {
      host: HOSTS.mon,
      method: "GET",
      pattern: /^\/compte$/,
      auth: true,
      handle: (r) =>
        html(
          placeholderPage(
            r.ctx,
            "compte",
            "Compte",
            "Consultez la situation des comptes de vos clients depuis le tableau de bord.",
          ),
        ),
    },
    {
      host: HOSTS.mon,
      method: "GET",
      pattern: /^\/paiement$/,
      auth: true,
      handle: (r) =>
        html(placeholderPage(r.ctx, "paiement", "Paiement", "Aucun paiement en attente de validation.")),
    },
    {
      host: HOSTS.mon,
      method: "GET",
      pattern: /^\/documents$/,
      auth: true,
      handle: (r) =>
        html(
          placeholderPage(
            r.ctx,
            "documents",
            "Documents",
            "Attestations, échéanciers et relevés de situation de vos clients.",
          ),
        ),
    },
    {
      host: HOSTS.mon,
      method: "GET",
      pattern: /^\/mon-profil$/,
      auth: true,
      handle: (r) => html(profilPage(r.ctx, state, false)),
    },
    {
      host: HOSTS.mon,
      method: "GET",
      pattern: /^\/mon-profil\/parametres$/,
      auth: true,
      handle: (r) => html(profilPage(r.ctx, state, true)),
    },
    {
      host: HOSTS.mon,
      method: "GET",
      pattern: new RegExp(`^${E}$`),
      auth: true,
      handle: (r) => html(listView(r)),
    },
    {
      host: HOSTS.mon,
      method: "GET",
      pattern: new RegExp(`^${E}\\/inscription$`),
      auth: true,
      handle: (r) => {
        const found = lookupFrom(r.url.searchParams);
        if (!found) return redirect(r.ctx.link(HOSTS.mon, ETAB_PATH));
        const { lookup, key, byAccount } = found;
        const value = Object.values(key)[0] ?? "";
        if (!lookup.ok) {
          refuse(r, 1, key, lookup.refusal);
          return refusalOnList(r, byAccount, value, REFUSAL_TEXTS[lookup.refusal]);
        }
        const normalized = normalizeNumber(value);
        return html(
          inscriptionPage(r.ctx, {
            company: lookup.company,
            key: byAccount ? { gerant: normalized } : { siren: normalized },
            values: {},
            services: [],
            emails: [],
          }),
        );
      },
    },
    {
      host: HOSTS.mon,
      method: "POST",
      pattern: new RegExp(`^${E}\\/inscription$`),
      auth: true,
      handle: (r) => {
        const found = lookupFrom(r.form);
        if (!found) return redirect(r.ctx.link(HOSTS.mon, ETAB_PATH), 303);
        const { lookup, key, byAccount } = found;
        const value = Object.values(key)[0] ?? "";
        if (!lookup.ok) {
          refuse(r, 2, key, lookup.refusal);
          return refusalOnList(r, byAccount, value, REFUSAL_TEXTS[lookup.refusal]);
        }
        const company = lookup.company;
        const values = {
          montant: r.form.get("montant") ?? "",
          compte: r.form.get("compte") ?? "",
          nir: r.form.get("nir") ?? "",
          compteIndependant: r.form.get("compteIndependant") ?? "",
        };
        const services = parseServices(r.form.getAll("service"));
        const emails = parseEmails(r.form.getAll("courriel"));
        const normalized = normalizeNumber(value);
        const view = {
          company,
          key: byAccount ? { gerant: normalized } : { siren: normalized },
          values,
          services,
          emails,
        };
        const refusal = checkInscription(company, values);
        if (refusal) {
          refuse(r, 2, key, refusal);
          return html(inscriptionPage(r.ctx, { ...view, error: REFUSAL_TEXTS[refusal] }));
        }
        register(state, company, services, emails);
        log(
          "inscription",
          { session: r.session, host: r.hostname },
          {
            kind: company.kind,
            siren: company.siren,
            accountNumber: company.accountNumber,
            label: accountLabel(company),
            services,
            emailNotifications: emails,
          },
        );
        return html(inscriptionPage(r.ctx, { ...view, saved: true }));
      },
    },
    {
      host: HOSTS.mon,
      method: "GET",
      pattern: new RegExp(`^${E}\\/compte\\/([^/]+)$`),
      auth: true,
      handle: (r, m) => {
        const c = findAccount(state, decodeURIComponent(m[1] ?? ""));
        if (!c) return html(errorPage(r.ctx, 404, true), 404);
        const other = faults.staleConfirm
          ? state.portfolio.find((x) => x.accountNumber !== c.accountNumber)
          : undefined;
        return html(accountDetailPage(r.ctx, c, other));
      },
    },
    {
      host: HOSTS.mon,
      method: "POST",
      pattern: new RegExp(`^${E}\\/compte\\/([^/]+)\\/resilier$`),
      auth: true,
      handle: (r, m) => {
        const c = findAccount(state, decodeURIComponent(m[1] ?? ""));
        if (c) {
          resiliate(state, c);
          log(
            "resiliation",
            { session: r.session, host: r.hostname },
            { kind: c.kind, siren: c.siren, accountNumber: c.accountNumber, label: accountLabel(c) },
          );
        }
        return redirect(r.ctx.link(HOSTS.mon, ETAB_PATH), 303);
      },
    },
    {
      host: HOSTS.mon,
      method: "GET",
      pattern: new RegExp(`^${E}\\/compte\\/([^/]+)\\/modifier$`),
      auth: true,
      handle: (r, m) => {
        const c = findAccount(state, decodeURIComponent(m[1] ?? ""));
        return c
          ? html(modifyPage(r.ctx, c, c.services, c.emailNotifications, false))
          : html(errorPage(r.ctx, 404, true), 404);
      },
    },
    {
      host: HOSTS.mon,
      method: "POST",
      pattern: new RegExp(`^${E}\\/compte\\/([^/]+)\\/modifier$`),
      auth: true,
      handle: (r, m) => {
        const c = findAccount(state, decodeURIComponent(m[1] ?? ""));
        if (!c) return html(errorPage(r.ctx, 404, true), 404);
        c.services = parseServices(r.form.getAll("service"));
        c.emailNotifications = parseEmails(r.form.getAll("courriel"));
        log(
          "modification",
          { session: r.session, host: r.hostname },
          {
            kind: c.kind,
            siren: c.siren,
            accountNumber: c.accountNumber,
            services: c.services,
            emailNotifications: c.emailNotifications,
          },
        );
        return html(modifyPage(r.ctx, c, c.services, c.emailNotifications, true));
      },
    },
    {
      host: HOSTS.mon,
      method: "GET",
      pattern: /^\/suivi-dsn$/,
      auth: true,
      handle: (r) => {
        const siret = r.url.searchParams.get("siret");
        return html(suiviDsnPage(r.ctx, state, year, siret ? normalizeNumber(siret) : null));
      },
    },
    {
      host: HOSTS.mon,
      method: "GET",
      pattern: /^\/suivi-dsn\/etablissements$/,
      auth: true,
      handle: (r) => html(dsnEtablissementsPage(r.ctx, state, year)),
    },
    {
      host: HOSTS.mon,
      method: "GET",
      pattern: /^\/suivi-dsn\/etablissements\/(\d{14})$/,
      auth: true,
      handle: (r, m) => {
        const mois = /^(\d{4})-(\d{2})$/.exec(r.url.searchParams.get("mois") ?? "");
        const siret = m[1] ?? "";
        const y = mois ? Number(mois[1]) : year;
        let month = mois ? Number(mois[2]) : 0;
        if (month < 1 || month > 12) {
          month = visibleAnomalies(state).find((a) => a.siret === siret && a.year === y)?.month ?? 1;
        }
        return html(dsnMonthPage(r.ctx, state, siret, y, month));
      },
    },
    {
      host: HOSTS.mon,
      method: "GET",
      pattern: /^\/suivi-dsn\/individus$/,
      auth: true,
      handle: (r) => html(dsnIndividusPage(r.ctx, state, year)),
    },
    {
      host: HOSTS.mon,
      method: "GET",
      pattern: /^\/suivi-dsn\/typologies$/,
      auth: true,
      handle: (r) => html(dsnTypologiesPage(r.ctx, state, year)),
    },
    {
      host: HOSTS.mon,
      method: "GET",
      pattern: /^\/suivi-dsn\/anomalies\/([A-Za-z0-9_-]+)$/,
      auth: true,
      handle: (r, m) => {
        const a = visibleAnomalies(state).find((x) => x.id === m[1]);
        if (!a) return html(errorPage(r.ctx, 404, true), 404);
        const rep = r.url.searchParams.get("reponse");
        return html(anomalyPage(r.ctx, a, rep === "oui" || rep === "non" ? rep : null));
      },
    },
    // tdbec.urssaf.fr
    {
      host: HOSTS.tdbec,
      method: "GET",
      pattern: /^\/$/,
      auth: true,
      handle: () => redirect(`https://${HOSTS.tdbec}/tableau-de-bord`),
    },
    {
      host: HOSTS.tdbec,
      method: "GET",
      pattern: /^\/tableau-de-bord$/,
      auth: true,
      handle: (r) => {
        const q = r.url.searchParams.get("recherche");
        return html(dashboardPage(r.ctx, state, currentIndicators(), q, q ? searchDashboard(state, q) : []));
      },
    },
    {
      host: HOSTS.tdbec,
      method: "GET",
      pattern: /^\/utilisateurs$/,
      auth: true,
      handle: (r) => html(usersPage(r.ctx, state)),
    },
    // dcl.urssaf.fr
    {
      host: HOSTS.dcl,
      method: "GET",
      pattern: /^\/$/,
      auth: true,
      handle: () => redirect(`https://${HOSTS.dcl}/messagerie`),
    },
    {
      host: HOSTS.dcl,
      method: "GET",
      pattern: /^\/messagerie$/,
      auth: true,
      handle: (r) => html(messagesPage(r.ctx, state.messages)),
    },
    {
      host: HOSTS.dcl,
      method: "GET",
      pattern: /^\/messagerie\/([A-Za-z0-9_-]+)$/,
      auth: true,
      handle: (r, m) => {
        const msg = state.messages.find((x) => x.id === m[1]);
        if (!msg) return html(errorPage(r.ctx, 404, true), 404);
        if (!msg.read && !r.mirror) {
          msg.read = true;
          log("message-read", { session: r.session, host: r.hostname }, { id: msg.id, subject: msg.subject });
        }
        return html(messagePage(r.ctx, msg));
      },
    },
    // webti.urssaf.fr (client file behind "Accéder")
    {
      host: HOSTS.webti,
      method: "GET",
      pattern: /^\/dossier\/([^/]+)$/,
      auth: true,
      handle: (r, m) => html(dossierPage(r.ctx, findAccount(state, decodeURIComponent(m[1] ?? "")))),
    },
  ];

  // -------------------------------------------------------------------------------------------
  // Control endpoints

  const stateView = (): StateView =>
    Object.defineProperty({ ...state }, "indicators", {
      get: currentIndicators,
      enumerable: true,
    }) as StateView;

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
    res.end(JSON.stringify(body, null, 2));
  };

  const control = async (req: IncomingMessage, res: ServerResponse, url: URL, host: string) => {
    const path = url.pathname.replace(/\/+$/, "");
    const method = req.method ?? "GET";
    if (method === "GET" && (path === "/__demo" || path === "")) {
      return json(res, 200, {
        endpoints: [
          "GET /__demo/state",
          "GET /__demo/log",
          "GET /__demo/faults",
          "POST /__demo/reset",
          "POST /__demo/faults (JSON body: slowMs, http500Next, hangNext, sessionExpired, variant, staleConfirm)",
          "POST /__demo/faults/clear",
          "GET /__demo/fragment/<id> (lists of mutated pages)",
          "GET /__demo/snapshots/<name> (test/fixtures/snapshots/<name>.html)",
        ],
      });
    }
    if (method === "GET" && path === "/__demo/state") {
      return json(res, 200, { ...stateView(), faults });
    }
    if (method === "GET" && path === "/__demo/log") return json(res, 200, entries);
    const fragment = /^\/__demo\/fragment\/([\w-]+)$/.exec(path);
    if (method === "GET" && fragment) {
      const body = fragments.get(fragment[1] ?? "");
      res.writeHead(body === undefined ? 404 : 200, {
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-store",
      });
      return res.end(body ?? "");
    }
    const snapshot = /^\/__demo\/snapshots\/([\w-]+)$/.exec(path);
    if (method === "GET" && snapshot) {
      const file = `${SNAPSHOTS}/${snapshot[1]}.html`;
      if (!existsSync(file)) return json(res, 404, { error: "unknown snapshot" });
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      return res.end(readFileSync(file, "utf8"));
    }
    if (method === "GET" && path === "/__demo/faults") return json(res, 200, faults);
    if (method === "POST" && path === "/__demo/reset") {
      reset(host);
      return json(res, 200, { ok: true });
    }
    if (method === "POST" && path === "/__demo/faults/clear") {
      clearFaults(host);
      return json(res, 200, faults);
    }
    if (method === "POST" && path === "/__demo/faults") {
      let body: unknown;
      try {
        const text = await readBody(req);
        body = text.trim() === "" ? {} : JSON.parse(text);
      } catch {
        return json(res, 400, { error: "invalid JSON body" });
      }
      const parsed = FaultsSchema.safeParse(body);
      if (!parsed.success) return json(res, 400, { error: parsed.error.issues });
      setFaults(parsed.data, host);
      return json(res, 200, faults);
    }
    return json(res, 404, { error: "unknown control endpoint" });
  };

  // -------------------------------------------------------------------------------------------
  // Dispatcher

  const mutate = (r: Resp, key: string): Resp => {
    if (r.html === undefined || faults.mutations.length === 0) return r;
    const prefix = String(++fragmentCount);
    const out = mutatePage(r.html, {
      mutations: faults.mutations,
      seed: faults.mutationSeed,
      key,
      fragmentUrl: (id) => `/__demo/fragment/${prefix}-${id}`,
    });
    for (const [id, html] of out.fragments) fragments.set(`${prefix}-${id}`, html);
    while (fragments.size > 5000) fragments.delete(fragments.keys().next().value as string);
    return { ...r, html: out.html };
  };

  const write = (res: ServerResponse, r: Resp) => {
    const headers: Record<string, string | string[]> = { "cache-control": "no-store" };
    if (r.cookies) headers["set-cookie"] = r.cookies;
    if (r.location) headers.location = r.location;
    if (r.html !== undefined) {
      headers["content-type"] = "text/html; charset=utf-8";
      headers["x-content-type-options"] = "nosniff";
    }
    res.writeHead(r.status, headers);
    res.end(r.html ?? "");
  };

  const requests: RequestRecord[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const hostHeader = (req.headers.host ?? "").toLowerCase();
    const hostname = hostHeader.replace(/:\d+$/, "");
    const url = new URL(req.url ?? "/", "https://placeholder.invalid");
    const method = (req.method ?? "GET").toUpperCase();
    requests.push({
      method,
      host: hostname,
      path: url.pathname + url.search,
      fetchDest: String(req.headers["sec-fetch-dest"] ?? ""),
      fetchMode: String(req.headers["sec-fetch-mode"] ?? ""),
    });
    if (url.pathname === "/__demo" || url.pathname.startsWith("/__demo/")) {
      return control(req, res, url, hostname);
    }
    if (url.pathname === "/favicon.ico") {
      res.writeHead(204, { "cache-control": "max-age=3600" });
      return res.end();
    }
    if (faults.hangNext > 0) {
      // Never answered, and nothing done: the request stays open until the browser gives up on it
      // (or the server closes).
      faults.hangNext -= 1;
      log("fault", { host: hostname }, { kind: "hang", method, path: url.pathname });
      return;
    }
    const body = method === "POST" ? await readBody(req) : "";
    if (faults.slowMs > 0) await sleep(faults.slowMs);
    const mirror = !isUrssafHost(hostname);
    const ctx = new Ctx(faults.variant, names, mirror ? hostHeader : null, now());
    ctx.delegated = faults.mutations.length > 0;
    const key = `${hostname}${url.pathname}${url.search}`;
    const cookies = parseCookies(req.headers.cookie);
    const token = cookies[SESSION_COOKIE];
    const session = mirror ? null : (state.sessions.find((s) => s.token === token) ?? null);
    if (faults.http500Next > 0) {
      faults.http500Next -= 1;
      log("fault", { session, host: hostname }, { kind: "http500", method, path: url.pathname });
      return write(res, mutate({ status: 500, html: errorPage(ctx, 500, session !== null) }, key));
    }
    if (hostname === "urssaf.fr") {
      return write(res, redirect(`https://${HOSTS.www}${url.pathname}${url.search}`, 301));
    }
    const byPath = routes.filter((rt) => rt.pattern.test(url.pathname));
    const route = byPath.find((rt) => rt.method === method);
    if (!route) {
      const status = byPath.length > 0 ? 405 : 404;
      return write(res, mutate({ status, html: errorPage(ctx, status, session !== null) }, key));
    }
    if (!mirror && route.host !== hostname) {
      if (method === "GET") return write(res, redirect(`https://${route.host}${url.pathname}${url.search}`));
      return write(res, mutate({ status: 404, html: errorPage(ctx, 404, session !== null) }, key));
    }
    if (mirror && method === "POST") {
      // The mirror is read only: no login, no state change.
      return write(res, redirect(`https://${hostHeader}${url.pathname}`, 303));
    }
    if (route.auth && !mirror && !session) return write(res, redirect(LOGIN_URL));
    const m = url.pathname.match(route.pattern) ?? ([] as unknown as RegExpMatchArray);
    const r: Req = {
      method,
      url,
      hostname,
      mirror,
      ctx,
      session,
      form: new URLSearchParams(body),
      cookies,
    };
    write(res, mutate(route.handle(r, m), key));
  };

  certificate ??= makeCertificate();
  const tls = await certificate;
  const server: Server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!opts.quiet) console.error("[demo] error", err);
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      }
      res.end("Erreur technique, veuillez réessayer ultérieurement");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.listenHost ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    url: (host: string, path = "/") => `https://${host}${path.startsWith("/") ? path : `/${path}`}`,
    get credentials() {
      return { ...state.credentials };
    },
    get state() {
      return stateView();
    },
    log: () => entries.slice(),
    requests: () => requests.slice(),
    faults: {
      set: (f: Partial<Faults>) => setFaults(f),
      clear: () => clearFaults(),
      get current() {
        return { ...faults };
      },
    },
    reset: () => reset(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
