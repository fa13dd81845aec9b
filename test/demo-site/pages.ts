// Server-rendered pages of the demo Urssaf space. Pure functions of the state and the context.

import {
  type Anomaly,
  type Company,
  EMAIL_NOTIFICATIONS,
  type EmailNotification,
  type Message,
  ONLINE_SERVICES,
  type OnlineService,
} from "./data.ts";
import { h, type Raw, raw } from "./html.ts";
import { formatEuro } from "./identifiers.ts";
import {
  type Ctx,
  checkbox,
  checkGroup,
  confirmButton,
  deleteIcon,
  editIcon,
  errorBox,
  field,
  HOSTS,
  list,
  navButton,
  page,
  submit,
} from "./layout.ts";
import {
  accountLabel,
  confirmText,
  type DemoState,
  type Indicators,
  indicatorTexts,
  visibleAnomalies,
} from "./state.ts";

export const PAGE_SIZE = 10;
export const ETAB_PATH = "/mon-profil/parametres/etablissements";

const MONTHS_SHORT = ["Jan", "Fév", "Mar", "Avr", "Mai", "Juin", "Juil", "Août", "Sept", "Oct", "Nov", "Déc"];
const MONTHS_LONG = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
];

/** "23 juillet 2024 à 11h32" in Paris time. */
export function frenchDateTime(d: Date): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Paris",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(d);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? "0");
  const minute = String(get("minute")).padStart(2, "0");
  return `${get("day")} ${MONTHS_LONG[get("month") - 1] ?? ""} ${get("year")} à ${get("hour")}h${minute}`;
}

export function parisYear(d: Date): number {
  return Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", year: "numeric" }).format(d));
}

function frenchDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${d ?? ""} ${MONTHS_LONG[(m ?? 1) - 1] ?? ""} ${y ?? ""}`;
}

function breadcrumb(ctx: Ctx, parts: Array<[string, string | null]>): Raw {
  const items = parts.map(([label, href], i) => {
    const sep = i > 0 ? " > " : "";
    return href ? h`${sep}<a href="${href}">${label}</a>` : h`${sep}<span>${label}</span>`;
  });
  return h`<div class="${ctx.cls("breadcrumb")}">${items}</div>`;
}

function etabUrl(ctx: Ctx, path = "", query?: Record<string, string>): string {
  const qs = query ? new URLSearchParams(query).toString() : "";
  return ctx.link(HOSTS.mon, `${ETAB_PATH}${path}${qs ? `?${qs}` : ""}`);
}

function accountUrl(ctx: Ctx, c: Company, suffix = ""): string {
  return etabUrl(ctx, `/compte/${encodeURIComponent(c.accountNumber)}${suffix}`);
}

function profilBreadcrumb(ctx: Ctx): Raw {
  return breadcrumb(ctx, [
    ["Mon Profil", ctx.link(HOSTS.mon, "/mon-profil")],
    ["Paramètres", ctx.link(HOSTS.mon, "/mon-profil/parametres")],
    ["Gérer les établissements", null],
  ]);
}

// ---------------------------------------------------------------------------------------------
// Public site and login

export function homePage(ctx: Ctx): string {
  const body = h`<h1>Bienvenue sur urssaf.fr</h1>
<p>Retrouvez toutes les informations sur vos cotisations et contributions sociales.</p>
<div class="${ctx.cls("notice")}"><p>Experts-comptables et tiers déclarants : gérez le portefeuille de vos clients depuis votre espace en ligne.</p>
<p><a href="${ctx.link(HOSTS.www, "/connexion")}">Connectez-vous</a> · <a href="${ctx.link(HOSTS.www, "/creer-votre-espace")}">Créer votre espace en ligne</a></p></div>
<h2>À la une</h2>
${list(ctx, [
  h`Taux et barèmes 2026 : le plafond mensuel de la sécurité sociale est fixé à 4 005 €.`,
  h`Réduction générale dégressive unique : ce qui change au 1er janvier 2026.`,
  h`Déclaration sociale nominative : les dates d'échéance.`,
])}`;
  return page(ctx, { title: "Accueil", loggedIn: false, body });
}

export interface LoginView {
  error?: string | null;
  identifiant?: string;
  profil?: string;
}

export function loginPage(ctx: Ctx, v: LoginView = {}): string {
  const profil = v.profil ?? "employeur";
  const profiles: Array<[string, string]> = [
    ["employeur", "Employeur"],
    ["independant", "Indépendant"],
    ["tiers", "Tiers mandaté"],
  ];
  const radios = profiles.map(([value, label]) => {
    const checked = value === profil ? raw(" checked") : "";
    if (ctx.b) {
      return h`<td><label class="${ctx.cls("radio")}"><input type="radio" name="profil" value="${value}"${checked}> ${label}</label></td>`;
    }
    const id = ctx.uid();
    return h`<li><input type="radio" id="${id}" name="profil" value="${value}"${checked}><label for="${id}">${label}</label></li>`;
  });
  const profileBlock = ctx.b
    ? h`<table class="${ctx.cls("profiles")}"><caption>Vous êtes</caption><tr>${radios}</tr></table>`
    : h`<fieldset class="${ctx.cls("fieldset")}"><legend>Vous êtes</legend><ul class="${ctx.cls("checks")}">${radios}</ul></fieldset>`;
  const body = h`<h1>Connectez-vous à votre espace</h1>
<form method="post" action="${ctx.link(HOSTS.www, "/connexion")}" class="${ctx.cls("loginForm")}" novalidate>
${profileBlock}
<p>Tous les champs sont obligatoires.</p>
${errorBox(ctx, v.error)}
${field(ctx, { label: "Identifiant", name: "identifiant", value: v.identifiant ?? "", autocomplete: "username" })}
${field(ctx, { label: "Mot de passe", name: "motdepasse", type: "password", autocomplete: "current-password" })}
<p><a href="${ctx.link(HOSTS.www, "/mot-de-passe-oublie")}">Mot de passe oublié ?</a></p>
${submit(ctx, "Je me connecte")}
</form>
<p>Pas encore d'espace ? <a href="${ctx.link(HOSTS.www, "/creer-votre-espace")}">Créer votre espace en ligne</a></p>`;
  return page(ctx, { title: "Connexion", loggedIn: false, body });
}

export function simplePublicPage(ctx: Ctx, title: string, text: string): string {
  const body = h`<h1>${title}</h1><p>${text}</p><p><a href="${ctx.link(HOSTS.www, "/")}">Retour à l'accueil</a></p>`;
  return page(ctx, { title, loggedIn: false, body });
}

export function publicSearchPage(ctx: Ctx, q: string): string {
  const body = h`<h1>Résultats de recherche</h1><p>Résultats de recherche pour « ${q} » sur urssaf.fr : aucun article ne correspond à votre recherche.</p><p><a href="${ctx.link(HOSTS.www, "/")}">Retour à l'accueil</a></p>`;
  return page(ctx, { title: "Recherche", loggedIn: false, body });
}

// ---------------------------------------------------------------------------------------------
// Logged-in pages

export function newsPage(ctx: Ctx): string {
  const items = [
    [
      "Réduction générale dégressive unique",
      "Depuis le 1er janvier 2026, la réduction générale des cotisations patronales est remplacée par la réduction générale dégressive unique. Pensez à mettre à jour vos paramétrages de paie.",
    ],
    [
      "Nouveau service « Travailler à l'étranger »",
      "Le service dédié à la mobilité internationale est disponible lors de l'inscription de vos comptes clients.",
    ],
    [
      "Suivi DSN",
      "Consultez les anomalies détectées dans les DSN de vos clients et les actions attendues pour les corriger.",
    ],
  ].map(([t, d]) => h`<article class="${ctx.cls("news")}"><h2>${t}</h2><p>${d}</p></article>`);
  const body = h`<h1>Actualités</h1>${items}<p>${navButton(ctx, "Continuer", ctx.link(HOSTS.tdbec, "/tableau-de-bord"), "primary")}</p>`;
  return page(ctx, { title: "Actualités", tab: "actualites", loggedIn: true, body });
}

export function dashboardPage(
  ctx: Ctx,
  state: DemoState,
  ind: Indicators,
  query: string | null,
  results: Company[],
): string {
  const t = indicatorTexts(ind);
  const indicatorsBlock = ctx.b
    ? h`<table class="${ctx.cls("indicators")}"><tr><td class="${ctx.cls("indicator")}">${t.incidents}</td><td class="${ctx.cls("indicator")}">${t.anomalies}</td><td class="${ctx.cls("indicator")}">${t.unread}</td></tr></table>`
    : h`<ul class="${ctx.cls("indicators")}"><li class="${ctx.cls("indicator")}">${t.incidents}</li><li class="${ctx.cls("indicator")}">${t.anomalies}</li><li class="${ctx.cls("indicator")}">${t.unread}</li></ul>`;
  const services = list(ctx, [
    h`<a href="${etabUrl(ctx)}">Gérer les établissements</a>`,
    h`<a href="${ctx.link(HOSTS.mon, "/suivi-dsn")}">Suivi DSN</a>`,
    h`<a href="${ctx.link(HOSTS.dcl, "/messagerie")}">Messagerie</a>`,
    h`<a href="${ctx.link(HOSTS.mon, "/paiement")}">Paiement</a>`,
    h`<a href="${ctx.link(HOSTS.mon, "/documents")}">Documents</a>`,
  ]);
  let resultBlock: Raw = raw("");
  if (query !== null && query.trim() !== "") {
    if (results.length === 0) {
      resultBlock = h`<div class="${ctx.cls("notice")}" role="status">Aucun client ne correspond à votre recherche.</div>`;
    } else {
      const rows = results.slice(0, 20).map((c) => {
        const id = c.siren ? `SIREN ${c.siren}` : "Non sirétisé";
        const access = navButton(
          ctx,
          "Accéder",
          ctx.link(HOSTS.webti, `/dossier/${encodeURIComponent(c.accountNumber)}`),
          "primary",
        );
        if (ctx.b) {
          return h`<tr><td>${c.raisonSociale}${c.radie ? " (Radié)" : ""}</td><td>${id}</td><td>${c.accountNumber}</td><td>${access}</td></tr>`;
        }
        return h`<li class="${ctx.cls("row")}"><span class="${ctx.cls("rowLabel")}">${c.raisonSociale}${c.radie ? " (Radié)" : ""} — ${id} — n° de compte ${c.accountNumber}</span>${access}</li>`;
      });
      resultBlock = ctx.b
        ? h`<table class="${ctx.cls("rows")}"><tbody>${rows}</tbody></table>`
        : h`<ul class="${ctx.cls("rows")}">${rows}</ul>`;
    }
  }
  const body = h`<div class="${ctx.cls("subnav")}"><a href="${ctx.link(HOSTS.tdbec, "/tableau-de-bord")}">Accueil</a> · <a href="${ctx.link(HOSTS.mon, "/mon-profil")}">Mes coordonnées</a></div>
<h1>Tableau de bord tiers-déclarant</h1>
<p>${state.firm.raisonSociale} — SIRET ${state.firm.siret}</p>
<p>Dernière mise à jour : ${frenchDateTime(ctx.now)}</p>
<p><a href="${ctx.link(HOSTS.tdbec, "/utilisateurs")}">Gérer les utilisateurs</a></p>
${indicatorsBlock}
<h2>Mes services en ligne</h2>
${services}
<h2>Rechercher un client de votre portefeuille</h2>
<form method="get" action="${ctx.link(HOSTS.tdbec, "/tableau-de-bord")}" class="${ctx.cls("clientSearch")}">
${field(ctx, { label: "Siren, Siret, numéro de compte ou raison sociale", name: "recherche", value: query ?? "" })}
${submit(ctx, "Rechercher")}
</form>
${resultBlock}`;
  return page(ctx, { title: "Tableau de bord tiers-déclarant", tab: "accueil", loggedIn: true, body });
}

export function placeholderPage(
  ctx: Ctx,
  tab: "compte" | "paiement" | "documents",
  title: string,
  text: string,
): string {
  const body = h`<h1>${title}</h1><p>${text}</p>`;
  return page(ctx, { title, tab, loggedIn: true, body });
}

export function profilPage(ctx: Ctx, state: DemoState, parametres: boolean): string {
  const crumbs: Array<[string, string | null]> = parametres
    ? [
        ["Mon Profil", ctx.link(HOSTS.mon, "/mon-profil")],
        ["Paramètres", null],
      ]
    : [["Mon Profil", null]];
  const links = list(ctx, [
    h`<a href="${ctx.link(HOSTS.mon, "/mon-profil/parametres")}">Paramètres</a>`,
    h`<a href="${etabUrl(ctx)}">Gérer les établissements</a>`,
    h`<a href="${ctx.link(HOSTS.tdbec, "/utilisateurs")}">Gérer les utilisateurs</a>`,
  ]);
  const body = h`${breadcrumb(ctx, crumbs)}<h1>${parametres ? "Paramètres" : "Mon Profil"}</h1>
<p>${state.firm.raisonSociale} — SIRET ${state.firm.siret}</p>${links}`;
  return page(ctx, { title: parametres ? "Paramètres" : "Mon Profil", tab: "profil", loggedIn: true, body });
}

export function usersPage(ctx: Ctx, state: DemoState): string {
  const body = h`<h1>Gérer les utilisateurs</h1><p>${state.firm.raisonSociale}</p>${list(ctx, [
    h`Administrateur — ${state.credentials.identifiant}`,
    h`Collaborateur — Mme Claire MOREAU (actif)`,
    h`Collaborateur — M. Julien PERRIN (actif)`,
  ])}`;
  return page(ctx, { title: "Gérer les utilisateurs", tab: "accueil", loggedIn: true, body });
}

export function dossierPage(ctx: Ctx, c: Company | undefined): string {
  const body = c
    ? h`<h1>${c.raisonSociale}</h1>
<table class="${ctx.cls("kv")}"><tr><th>SIREN</th><td>${c.siren ?? "Non sirétisé"}</td></tr><tr><th>Siret de l'établissement</th><td>${c.siret ?? "Non sirétisé"}</td></tr><tr><th>Numéro de compte</th><td>${c.accountNumber}</td></tr>${c.amountDue !== null ? h`<tr><th>Montant à payer de la dernière déclaration</th><td>${formatEuro(c.amountDue)}</td></tr>` : ""}<tr><th>Situation</th><td>${c.radie ? "Radié" : "Actif"}</td></tr></table>
<p>${navButton(ctx, "Retour au tableau de bord", ctx.link(HOSTS.tdbec, "/tableau-de-bord"))}</p>`
    : h`<h1>Dossier introuvable</h1><p>Ce compte ne fait pas partie de votre portefeuille.</p>`;
  return page(ctx, { title: "Dossier client", tab: "compte", loggedIn: true, body });
}

// ---------------------------------------------------------------------------------------------
// Gérer les établissements

export interface EtabListView {
  page: number;
  siret: string;
  compte: string;
  searched: boolean;
  accounts: Company[];
  sirenError?: { value: string; message: string } | null;
  gerantError?: { value: string; message: string } | null;
}

export function etablissementsPage(ctx: Ctx, v: EtabListView): string {
  const pages = Math.max(1, Math.ceil(v.accounts.length / PAGE_SIZE));
  const current = Math.min(Math.max(1, v.page), pages);
  const slice = v.accounts.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  const rows = slice.map((c) => {
    const label = v.searched ? `${accountLabel(c)} (${c.raisonSociale})` : accountLabel(c);
    const edit = editIcon(ctx, accountUrl(ctx, c));
    const del = deleteIcon(ctx, accountUrl(ctx, c, "/resilier"), confirmText(c));
    if (ctx.b) return h`<tr><td>${label}</td><td>${edit}</td><td>${del}</td></tr>`;
    return h`<li><div class="${ctx.cls("row")}"><span class="${ctx.cls("rowLabel")}">${label}</span>${edit}${del}</div></li>`;
  });
  const rowsBlock =
    slice.length === 0
      ? raw("")
      : ctx.b
        ? h`<table class="${ctx.cls("rows")}"><thead><tr><th>Compte(s)</th><th></th><th></th></tr></thead><tbody>${rows}</tbody></table>`
        : h`<h2>Compte(s)</h2><ul class="${ctx.cls("rows")}">${rows}</ul>`;
  const q: Record<string, string> = {};
  if (v.siret) q.siret = v.siret;
  if (v.compte) q.compte = v.compte;
  const prev =
    current > 1
      ? h`<a href="${etabUrl(ctx, "", { ...q, page: String(current - 1) })}">Précédent</a>`
      : h`<span class="${ctx.cls("disabled")}">Précédent</span>`;
  const next =
    current < pages
      ? h`<a href="${etabUrl(ctx, "", { ...q, page: String(current + 1) })}">Suivant</a>`
      : h`<span class="${ctx.cls("disabled")}">Suivant</span>`;
  const anchor = ctx.uid();
  // An empty list says so, as every list of the site does (a list still loading says nothing).
  const noResult =
    v.accounts.length === 0
      ? v.searched
        ? h`<div class="${ctx.cls("notice")}" role="status">Aucun compte ne correspond à votre recherche.</div>`
        : h`<p>Aucun compte n'est inscrit pour le moment.</p>`
      : raw("");
  const searchForm = h`<form method="get" action="${etabUrl(ctx)}" class="${ctx.cls("search")}">
${field(ctx, { label: "Siren/Siret de l'établissement", name: "siret", value: v.siret, inputmode: "numeric" })}
${field(ctx, { label: "Numéro de compte", name: "compte", value: v.compte, inputmode: "numeric" })}
${submit(ctx, "Rechercher")}
</form>`;
  const sirenForm = h`<form method="get" action="${etabUrl(ctx, "/inscription")}" class="${ctx.cls("addSiren")}">
${errorBox(ctx, v.sirenError?.message)}
${field(ctx, { label: "Siren", name: "siren", value: v.sirenError?.value ?? "", inputmode: "numeric" })}
${submit(ctx, "Inscrire")}
</form>`;
  const gerantForm = h`<form method="get" action="${etabUrl(ctx, "/inscription")}" class="${ctx.cls("addGerant")}">
${errorBox(ctx, v.gerantError?.message)}
${field(ctx, { label: "Numéro de compte", name: "compte", value: v.gerantError?.value ?? "", inputmode: "numeric" })}
${submit(ctx, "Inscrire")}
</form>`;
  const addSection = ctx.b
    ? h`<table class="${ctx.cls("addTable")}" id="${anchor}"><tr><th>Inscrire d'autres comptes</th></tr><tr><td>${sirenForm}</td></tr><tr><th>Inscrire un compte gérant majoritaire (non sirétisé)</th></tr><tr><td>${gerantForm}</td></tr></table>`
    : h`<section class="${ctx.cls("add")}" id="${anchor}"><h2>Inscrire d'autres comptes</h2>${sirenForm}<h2>Inscrire un compte gérant majoritaire (non sirétisé)</h2>${gerantForm}</section>`;
  const body = h`${profilBreadcrumb(ctx)}
<h1>Gérer les établissements</h1>
<p>Vous pouvez administrer ici les options associées à l'abonnement aux services d'Urssaf en ligne.</p>
<p><a class="${ctx.cls("btn")} ${ctx.cls("btn-secondary")}" href="#${anchor}">+ Ajouter un compte</a></p>
${searchForm}
${noResult}
${rowsBlock}
<p class="${ctx.cls("pager")}">${prev} | ${next}</p>
${addSection}`;
  return page(ctx, { title: "Gérer les établissements", tab: "profil", loggedIn: true, body });
}

export interface InscriptionView {
  company: Company;
  /** The step-1 key: SIREN or gérant account number. */
  key: { siren: string } | { gerant: string };
  values: { montant?: string; compte?: string; nir?: string; compteIndependant?: string };
  services: readonly string[];
  emails: readonly string[];
  error?: string | null;
  saved?: boolean;
}

function serviceChecks(ctx: Ctx, services: readonly string[], emails: readonly string[]): Raw {
  return h`${checkGroup(
    ctx,
    "Services en ligne",
    ONLINE_SERVICES.map((s, i) => checkbox(ctx, s, "service", String(i), services.includes(s))),
  )}${checkGroup(
    ctx,
    "Services de communication par courriel",
    EMAIL_NOTIFICATIONS.map((s, i) => checkbox(ctx, s, "courriel", String(i), emails.includes(s))),
  )}`;
}

export function inscriptionPage(ctx: Ctx, v: InscriptionView): string {
  const c = v.company;
  if (v.saved) ctx.alert = { text: "Votre modification a bien été prise en compte.", next: etabUrl(ctx) };
  const hidden =
    "siren" in v.key
      ? h`<input type="hidden" name="siren" value="${v.key.siren}">`
      : h`<input type="hidden" name="gerant" value="${v.key.gerant}">`;
  const employer = c.kind === "RG";
  const fields = employer
    ? h`<p>Votre client est employeur : renseignez le montant à payer déclaré sur la dernière déclaration et le numéro de compte employeur de votre client.</p>
${field(ctx, { label: "Montant à payer déclaré sur la dernière déclaration", name: "montant", value: v.values.montant ?? "", inputmode: "decimal" })}
${field(ctx, { label: "Numéro de compte employeur", name: "compte", value: v.values.compte ?? "", inputmode: "numeric" })}`
    : h`<p>Votre client est travailleur indépendant : renseignez le numéro de sécurité sociale et le numéro de compte Indépendant de votre client.</p>
${field(ctx, { label: "Numéro de sécurité sociale", name: "nir", value: v.values.nir ?? "" })}
${field(ctx, { label: "Numéro de compte Indépendant", name: "compteIndependant", value: v.values.compteIndependant ?? "", inputmode: "numeric" })}`;
  const title =
    "siren" in v.key ? accountLabel(c) : `Compte gérant majoritaire non sirétisé n° ${v.key.gerant}`;
  const body = h`${profilBreadcrumb(ctx)}
<h1>Gérer les établissements</h1>
<h2>Inscrire un compte</h2>
<p><strong>${title}</strong></p>
<form method="post" action="${etabUrl(ctx, "/inscription")}" class="${ctx.cls("inscription")}" novalidate>
${hidden}
${errorBox(ctx, v.error)}
${fields}
${serviceChecks(ctx, v.services, v.emails)}
<p>${submit(ctx, "Enregistrer")}${navButton(ctx, "Annuler", etabUrl(ctx))}</p>
</form>`;
  return page(ctx, { title: "Inscrire un compte", tab: "profil", loggedIn: true, body });
}

function serviceStatus(ctx: Ctx, labels: readonly string[], enabled: readonly string[]): Raw {
  const item = (label: string) =>
    enabled.includes(label)
      ? h`<span class="${ctx.cls("on")}" title="Activé">✓</span>`
      : h`<span class="${ctx.cls("off")}" title="Non activé">✗</span>`;
  if (ctx.b) {
    return h`<table class="${ctx.cls("svc")}"><tbody>${labels.map((l) => h`<tr><td>${item(l)}</td><td>${l}</td></tr>`)}</tbody></table>`;
  }
  return h`<ul class="${ctx.cls("svc")}">${labels.map((l) => h`<li>${item(l)} ${l}</li>`)}</ul>`;
}

function siretCell(c: Company): string {
  const s = c.siret ?? "Non sirétisé";
  return c.radie ? `${s} (Radié)` : s;
}

/** `confirmFor`: the account the "Résilier" confirmation names (another one under the staleConfirm fault). */
export function accountDetailPage(ctx: Ctx, c: Company, confirmFor: Company = c): string {
  const body = h`${profilBreadcrumb(ctx)}
<h1>Gérer les établissements</h1>
<p><strong>${accountLabel(c)}</strong></p>
<table class="${ctx.cls("detail")}"><thead><tr><th>Siret de l'établissement</th><th>Raison sociale</th></tr></thead>
<tbody><tr><td>${siretCell(c)}</td><td>${c.raisonSociale}</td></tr></tbody></table>
<h2>Services en ligne</h2>
${serviceStatus(ctx, ONLINE_SERVICES, c.services)}
<h2>Services de communication par courriel</h2>
${serviceStatus(ctx, EMAIL_NOTIFICATIONS, c.emailNotifications)}
<p><a href="${ctx.link(HOSTS.www, "/services-en-ligne")}">en savoir plus sur mes services</a></p>
<p>${confirmButton(ctx, "Résilier", accountUrl(ctx, c, "/resilier"), confirmText(confirmFor))}${navButton(ctx, "Modifier", accountUrl(ctx, c, "/modifier"), "primary")}${navButton(ctx, "Fermer", etabUrl(ctx))}</p>`;
  return page(ctx, { title: "Gérer les établissements", tab: "profil", loggedIn: true, body });
}

export function modifyPage(
  ctx: Ctx,
  c: Company,
  services: readonly OnlineService[],
  emails: readonly EmailNotification[],
  saved: boolean,
): string {
  if (saved) ctx.alert = { text: "Votre modification a bien été prise en compte.", next: etabUrl(ctx) };
  const body = h`${profilBreadcrumb(ctx)}
<h1>Gérer les établissements</h1>
<p><strong>${accountLabel(c)}</strong></p>
<table class="${ctx.cls("detail")}"><thead><tr><th>Siret de l'établissement</th><th>Raison sociale</th></tr></thead>
<tbody><tr><td>${siretCell(c)}</td><td>${c.raisonSociale}</td></tr></tbody></table>
<form method="post" action="${accountUrl(ctx, c, "/modifier")}" class="${ctx.cls("modify")}">
${serviceChecks(ctx, services, emails)}
<p>${submit(ctx, "Enregistrer")}${navButton(ctx, "Annuler", accountUrl(ctx, c))}</p>
</form>`;
  return page(ctx, { title: "Modifier les services", tab: "profil", loggedIn: true, body });
}

// ---------------------------------------------------------------------------------------------
// Suivi DSN

function dsnUrl(ctx: Ctx, path = ""): string {
  return ctx.link(HOSTS.mon, `/suivi-dsn${path}`);
}

function monthUrl(ctx: Ctx, siret: string, year: number, month: number): string {
  return dsnUrl(ctx, `/etablissements/${siret}?mois=${year}-${String(month).padStart(2, "0")}`);
}

function monthGrid(ctx: Ctx, siret: string, year: number, anomalies: Anomaly[]): Raw {
  const bad = new Set(anomalies.filter((a) => a.siret === siret && a.year === year).map((a) => a.month));
  const cells = MONTHS_SHORT.map((label, i) => {
    const m = i + 1;
    const mark = bad.has(m)
      ? h`<a class="${ctx.cls("bad")}" href="${monthUrl(ctx, siret, year, m)}" title="${label} ${year} : anomalies">!</a>`
      : h`<a href="${monthUrl(ctx, siret, year, m)}" title="${label} ${year}">-</a>`;
    return { label, mark };
  });
  if (ctx.b) {
    return h`<table class="${ctx.cls("grid")}"><thead><tr>${cells.map((c) => h`<th>${c.label}</th>`)}</tr></thead><tbody><tr>${cells.map((c) => h`<td>${c.mark}</td>`)}</tr></tbody></table>`;
  }
  return h`<ol class="${ctx.cls("grid")}">${cells.map((c) => h`<li><div>${c.label}</div><div>${c.mark}</div></li>`)}</ol>`;
}

interface Establishment {
  siret: string;
  raisonSociale: string;
}

function establishmentsOf(anomalies: Anomaly[]): Establishment[] {
  const seen = new Map<string, Establishment>();
  for (const a of anomalies)
    if (!seen.has(a.siret)) seen.set(a.siret, { siret: a.siret, raisonSociale: a.raisonSociale });
  return [...seen.values()];
}

function dsnIntro(ctx: Ctx): Raw {
  return h`<p>Vous pouvez prendre connaissance des anomalies :</p>
${list(ctx, [
  h`<a href="${dsnUrl(ctx, "/etablissements")}">par établissement,</a>`,
  h`<a href="${dsnUrl(ctx, "/individus")}">par individu</a>`,
  h`<a href="${dsnUrl(ctx, "/typologies")}">ou par typologie d'anomalie</a>`,
])}
<p>Ensuite, consulter les périodes en anomalie</p>`;
}

export function suiviDsnPage(ctx: Ctx, state: DemoState, year: number, siretFilter: string | null): string {
  let anomalies = visibleAnomalies(state).filter((a) => a.year === year);
  if (siretFilter) anomalies = anomalies.filter((a) => a.siret === siretFilter);
  const etabs = establishmentsOf(anomalies);
  const people = new Set(anomalies.flatMap((a) => (a.individu ? [a.individu.nir13] : [])));
  const types = new Set(anomalies.map((a) => a.reference));
  const first = etabs[0];
  const etabLine =
    etabs.length === 1 && first
      ? `1 établissement "${first.raisonSociale}" est concerné par les anomalies DSN`
      : etabs.length === 0
        ? "0 établissement est concerné par les anomalies DSN"
        : `${etabs.length} établissements sont concernés par les anomalies DSN`;
  const peopleLine =
    people.size <= 1
      ? `${people.size} individu (sur l'ensemble de vos établissements) est impacté par des anomalies DSN`
      : `${people.size} individus (sur l'ensemble de vos établissements) sont impactés par des anomalies DSN`;
  const typesLine =
    types.size <= 1
      ? `${types.size} typologie d'anomalie a été identifiée dans vos DSN de cette entreprise`
      : `${types.size} typologies d'anomalies ont été identifiées dans vos DSN de cette entreprise`;
  const grids = etabs.map(
    (e) => h`<h3>${e.raisonSociale} — SIRET ${e.siret}</h3>${monthGrid(ctx, e.siret, year, anomalies)}`,
  );
  const body = h`<h1>Suivi DSN</h1>
${dsnIntro(ctx)}
${list(ctx, [h`${etabLine}`, h`${peopleLine}`, h`${typesLine}`], "counts")}
<h2>Cliquez sur le mois que vous souhaitez consulter</h2>
<p>Année ${year}</p>
${grids}
<p>Visualiser l'anomalie : son libellé, sa référence technique et les actions attendues de votre part pour sa correction</p>`;
  return page(ctx, { title: "Suivi DSN", tab: "dsn", loggedIn: true, body });
}

function anomalyLink(ctx: Ctx, a: Anomaly): Raw {
  const who = a.individu ? ` — ${a.individu.nom} ${a.individu.prenoms}` : "";
  return h`<a href="${dsnUrl(ctx, `/anomalies/${a.id}`)}">${a.reference}</a> — ${a.libelle} (${String(a.month).padStart(2, "0")}/${a.year}${who})`;
}

export function dsnEtablissementsPage(ctx: Ctx, state: DemoState, year: number): string {
  const anomalies = visibleAnomalies(state).filter((a) => a.year === year);
  const blocks = establishmentsOf(anomalies).map((e) => {
    const n = anomalies.filter((a) => a.siret === e.siret).length;
    return h`<h2>${e.raisonSociale}</h2><p>SIRET ${e.siret} — ${n} anomalie${n > 1 ? "s" : ""}</p><p>Cliquez sur le mois que vous souhaitez consulter</p>${monthGrid(ctx, e.siret, year, anomalies)}`;
  });
  const body = h`${breadcrumb(ctx, [
    ["Suivi DSN", dsnUrl(ctx)],
    ["Par établissement", null],
  ])}<h1>Anomalies par établissement</h1>${blocks.length ? blocks : h`<p>Aucune anomalie.</p>`}`;
  return page(ctx, { title: "Suivi DSN — par établissement", tab: "dsn", loggedIn: true, body });
}

export function dsnIndividusPage(ctx: Ctx, state: DemoState, year: number): string {
  const anomalies = visibleAnomalies(state).filter((a) => a.year === year && a.individu !== null);
  const byPerson = new Map<string, Anomaly[]>();
  for (const a of anomalies) {
    const key = a.individu?.nir13 ?? "";
    byPerson.set(key, [...(byPerson.get(key) ?? []), a]);
  }
  const blocks = [...byPerson.values()].map((items) => {
    const p = items[0]?.individu;
    return h`<h2>${p?.nom ?? ""} ${p?.prenoms ?? ""}</h2><p>NIR ${p?.nir13 ?? ""} — ${items[0]?.raisonSociale ?? ""}</p>${list(
      ctx,
      items.map((a) => anomalyLink(ctx, a)),
    )}`;
  });
  const body = h`${breadcrumb(ctx, [
    ["Suivi DSN", dsnUrl(ctx)],
    ["Par individu", null],
  ])}<h1>Anomalies par individu</h1>${blocks.length ? blocks : h`<p>Aucune anomalie.</p>`}`;
  return page(ctx, { title: "Suivi DSN — par individu", tab: "dsn", loggedIn: true, body });
}

export function dsnTypologiesPage(ctx: Ctx, state: DemoState, year: number): string {
  const anomalies = visibleAnomalies(state).filter((a) => a.year === year);
  const byRef = new Map<string, Anomaly[]>();
  for (const a of anomalies) byRef.set(a.reference, [...(byRef.get(a.reference) ?? []), a]);
  const blocks = [...byRef.entries()].map(
    ([ref, items]) =>
      h`<h2>${ref}</h2><p>${items[0]?.libelle ?? ""}</p>${list(
        ctx,
        items.map((a) => anomalyLink(ctx, a)),
      )}`,
  );
  const body = h`${breadcrumb(ctx, [
    ["Suivi DSN", dsnUrl(ctx)],
    ["Par typologie d'anomalie", null],
  ])}<h1>Anomalies par typologie</h1>${blocks.length ? blocks : h`<p>Aucune anomalie.</p>`}`;
  return page(ctx, { title: "Suivi DSN — par typologie", tab: "dsn", loggedIn: true, body });
}

export function dsnMonthPage(ctx: Ctx, state: DemoState, siret: string, year: number, month: number): string {
  const all = visibleAnomalies(state).filter((a) => a.siret === siret);
  const items = all.filter((a) => a.year === year && a.month === month);
  const name = all[0]?.raisonSociale ?? state.portfolio.find((c) => c.siret === siret)?.raisonSociale ?? "";
  const body = h`${breadcrumb(ctx, [
    ["Suivi DSN", dsnUrl(ctx)],
    ["Par établissement", dsnUrl(ctx, "/etablissements")],
    [`${MONTHS_LONG[month - 1] ?? ""} ${year}`, null],
  ])}
<h1>Anomalies de la période ${String(month).padStart(2, "0")}/${year}</h1>
<p>${name} — SIRET ${siret}</p>
${
  items.length
    ? list(
        ctx,
        items.map((a) => anomalyLink(ctx, a)),
      )
    : h`<div class="${ctx.cls("notice")}">Aucune anomalie n'a été détectée sur cette période.</div>`
}
${monthGrid(ctx, siret, year, all)}`;
  return page(ctx, { title: "Suivi DSN — période", tab: "dsn", loggedIn: true, body });
}

export function anomalyPage(ctx: Ctx, a: Anomaly, answer: "oui" | "non" | null): string {
  const period = `${String(a.month).padStart(2, "0")}/${a.year}`;
  const step = (n: number) => h`<span class="${ctx.cls("step")}">${n}</span>`;
  let question: Raw = raw("");
  if (a.question) {
    const url = dsnUrl(ctx, `/anomalies/${a.id}`);
    const buttons = ctx.b
      ? h`<a class="${ctx.cls("btn")} ${ctx.cls("btn-secondary")}" href="${url}?reponse=non">Non</a><a class="${ctx.cls("btn")} ${ctx.cls("btn-secondary")}" href="${url}?reponse=oui">Oui</a>`
      : h`<form method="get" action="${url}"><button type="submit" name="reponse" value="non" class="${ctx.cls("btn")} ${ctx.cls("btn-secondary")}">Non</button><button type="submit" name="reponse" value="oui" class="${ctx.cls("btn")} ${ctx.cls("btn-secondary")}">Oui</button></form>`;
    const next =
      answer === null
        ? raw("")
        : h`<div class="${ctx.cls("notice")}" role="status"><p><strong>Votre réponse : ${answer === "oui" ? "Oui" : "Non"}</strong></p><p>${answer === "oui" ? a.question.siOui : a.question.siNon}</p></div>`;
    question = h`<p>${a.question.texte}</p>${buttons}${next}`;
  }
  const rows: Array<[string, string]> = [
    ["Libellé de l'anomalie", a.libelle],
    ["Référence technique", a.reference],
    ["Erreur identifiée", a.erreur],
    ["Établissement", `${a.raisonSociale} — SIRET ${a.siret}`],
    ["Période", period],
  ];
  if (a.individu)
    rows.push(["Individu", `${a.individu.nom} ${a.individu.prenoms} — NIR ${a.individu.nir13}`]);
  const desc = ctx.b
    ? h`<table class="${ctx.cls("kv")}">${rows.map(([k, v]) => h`<tr><th>${k}</th><td>${v}</td></tr>`)}</table>`
    : h`<dl class="${ctx.cls("kv")}">${rows.map(([k, v]) => h`<dt><strong>${k}</strong></dt><dd>${v}</dd>`)}</dl>`;
  const body = h`${breadcrumb(ctx, [
    ["Suivi DSN", dsnUrl(ctx)],
    [a.reference, null],
  ])}
<h1>Suivi DSN</h1>
<p>Visualiser l'anomalie : son libellé, sa référence technique et les actions attendues de votre part pour sa correction</p>
<h2>${step(1)}Description de l'anomalie</h2>
${desc}
<h2>${step(2)}Actions attendues de votre part</h2>
<p>${a.actions}</p>
${question}
<p>${navButton(ctx, "Retour au Suivi DSN", dsnUrl(ctx))}</p>`;
  return page(ctx, { title: `Anomalie ${a.reference}`, tab: "dsn", loggedIn: true, body });
}

// ---------------------------------------------------------------------------------------------
// Messagerie

export function messagesPage(ctx: Ctx, messages: Message[]): string {
  const unread = messages.filter((m) => !m.read).length;
  const rows = messages.map((m) => {
    const badge = m.read ? "" : h`<span class="${ctx.cls("badge")}">Non lu</span>`;
    const link = h`<a href="${ctx.link(HOSTS.dcl, `/messagerie/${m.id}`)}">${m.subject}</a>`;
    const cls = m.read ? ctx.cls("read") : ctx.cls("unread");
    if (ctx.b)
      return h`<tr class="${cls}"><td>${frenchDate(m.date)}</td><td>${m.from}</td><td>${link}${badge}</td></tr>`;
    return h`<li class="${cls}"><span>${frenchDate(m.date)}</span> — <span>${m.from}</span> — ${link}${badge}</li>`;
  });
  const block = ctx.b
    ? h`<table class="${ctx.cls("rows")}"><thead><tr><th>Date</th><th>Expéditeur</th><th>Objet</th></tr></thead><tbody>${rows}</tbody></table>`
    : h`<ul class="${ctx.cls("rows")}">${rows}</ul>`;
  const body = h`<h1>Messagerie</h1><p>${unread === 1 ? "1 message non lu" : `${unread} messages non lus`}</p>${block}`;
  return page(ctx, { title: "Messagerie", tab: "messagerie", loggedIn: true, body });
}

export function messagePage(ctx: Ctx, m: Message): string {
  const body = h`${breadcrumb(ctx, [
    ["Messagerie", ctx.link(HOSTS.dcl, "/messagerie")],
    [m.subject, null],
  ])}
<h1>${m.subject}</h1>
<p>${frenchDate(m.date)} — ${m.from}</p>
${m.body.split("\n").map((line) => h`<p>${line}</p>`)}
<p>${navButton(ctx, "Retour à la messagerie", ctx.link(HOSTS.dcl, "/messagerie"))}</p>`;
  return page(ctx, { title: m.subject, tab: "messagerie", loggedIn: true, body });
}

// ---------------------------------------------------------------------------------------------
// Errors

export function errorPage(ctx: Ctx, status: number, loggedIn: boolean): string {
  const text =
    status === 500
      ? "Erreur technique, veuillez réessayer ultérieurement"
      : status === 404
        ? "La page demandée n'existe pas."
        : "Cette action n'est pas disponible.";
  const title =
    status === 500 ? "Erreur technique" : status === 404 ? "Page introuvable" : "Action impossible";
  const body = h`<h1>${title}</h1><div class="${ctx.cls("error")}">${text}</div><p><a href="${ctx.link(HOSTS.www, "/")}">Retour à l'accueil</a></p>`;
  return page(ctx, { title, loggedIn, body });
}
