// Page shell, CSS and the small widget kit that renders the same labels with two different markups
// (variant A: lists, <button>, <label for>, text icons; variant B: tables, <a>/<input type=submit>,
// wrapping labels, <img> icons).

import { h, type Names, type Raw, raw, scriptJson } from "./html.ts";

export type Variant = "A" | "B";

export const HOSTS = {
  www: "www.urssaf.fr",
  mon: "mon.urssaf.fr",
  tdbec: "tdbec.urssaf.fr",
  dcl: "dcl.urssaf.fr",
  webti: "webti.urssaf.fr",
} as const;
export type CanonicalHost = (typeof HOSTS)[keyof typeof HOSTS];

export interface ConfirmHook {
  trigger: string;
  form: string;
  text: string;
}

/** Rendering context of one response. */
export class Ctx {
  readonly nav: Record<string, string> = {};
  readonly confirms: ConfirmHook[] = [];
  alert: { text: string; next: string } | null = null;
  /**
   * Mutated pages (mutations.ts): the page script listens on the document and reads its configuration
   * from a JSON <script>, so that controls rendered late, fetched or swapped in place still work.
   */
  delegated = false;

  constructor(
    readonly variant: Variant,
    readonly names: Names,
    /** Foreign host mirror: links stay on the request host, no login. */
    readonly mirrorHost: string | null,
    readonly now: Date,
  ) {}

  get b(): boolean {
    return this.variant === "B";
  }

  /** Absolute URL of a page, on its canonical Urssaf host (or on the mirror host). */
  link(host: CanonicalHost, path: string): string {
    return `https://${this.mirrorHost ?? host}${path}`;
  }

  cls(key: string): string {
    return this.names.cls(key);
  }

  uid(): string {
    return this.names.uid();
  }
}

// ---------------------------------------------------------------------------------------------
// Widgets

export interface FieldOpts {
  label: string;
  name: string;
  value?: string;
  type?: "text" | "password";
  autocomplete?: string;
  inputmode?: "numeric" | "decimal";
  size?: number;
}

export function field(ctx: Ctx, o: FieldOpts): Raw {
  const extra = [
    o.autocomplete ? ` autocomplete="${o.autocomplete}"` : "",
    o.inputmode ? ` inputmode="${o.inputmode}"` : "",
    o.size ? ` size="${o.size}"` : "",
  ].join("");
  const attrs = h`class="${ctx.cls("input")}" type="${o.type ?? "text"}" name="${o.name}" value="${o.value ?? ""}"${raw(extra)}`;
  if (ctx.b) {
    return h`<div class="${ctx.cls("fieldB")}"><div><label class="${ctx.cls("label")}"><span>${o.label}</span> <input ${attrs}></label></div></div>`;
  }
  const id = ctx.uid();
  return h`<div class="${ctx.cls("field")}"><label class="${ctx.cls("label")}" for="${id}">${o.label}</label><input id="${id}" ${attrs}></div>`;
}

export function checkbox(ctx: Ctx, label: string, name: string, value: string, checked: boolean): Raw {
  const c = checked ? raw(" checked") : "";
  if (ctx.b) {
    return h`<tr><td><label class="${ctx.cls("check")}"><input type="checkbox" name="${name}" value="${value}"${c}> ${label}</label></td></tr>`;
  }
  const id = ctx.uid();
  return h`<li class="${ctx.cls("check")}"><input type="checkbox" id="${id}" name="${name}" value="${value}"${c}><label for="${id}">${label}</label></li>`;
}

export function checkGroup(ctx: Ctx, title: string, items: Raw[]): Raw {
  if (ctx.b) {
    return h`<table class="${ctx.cls("checks")}"><caption>${title}</caption><tbody>${items}</tbody></table>`;
  }
  return h`<fieldset class="${ctx.cls("fieldset")}"><legend>${title}</legend><ul class="${ctx.cls("checks")}">${items}</ul></fieldset>`;
}

type Tone = "primary" | "secondary" | "danger";

function toneClass(ctx: Ctx, tone: Tone): string {
  return `${ctx.cls("btn")} ${ctx.cls(`btn-${tone}`)}`;
}

/** A submit control of a form. */
export function submit(ctx: Ctx, label: string, tone: Tone = "primary", id?: string): Raw {
  const idAttr = id ? raw(` id="${id}"`) : "";
  if (ctx.b) return h`<input type="submit" class="${toneClass(ctx, tone)}" value="${label}"${idAttr}>`;
  return h`<button type="submit" class="${toneClass(ctx, tone)}"${idAttr}>${label}</button>`;
}

/** A control that navigates (a <button> driven by the page script in A, a link in B). */
export function navButton(ctx: Ctx, label: string, href: string, tone: Tone = "secondary"): Raw {
  if (ctx.b) return h`<a class="${toneClass(ctx, tone)}" href="${href}">${label}</a>`;
  const id = ctx.uid();
  ctx.nav[id] = href;
  return h`<button type="button" class="${toneClass(ctx, tone)}" id="${id}">${label}</button>`;
}

/** A control that asks the native confirm and then posts a hidden form. */
export function confirmButton(
  ctx: Ctx,
  label: string,
  action: string,
  text: string,
  tone: Tone = "danger",
): Raw {
  const formId = ctx.uid();
  const trigger = ctx.uid();
  ctx.confirms.push({ trigger, form: formId, text });
  const form = h`<form method="post" action="${action}" id="${formId}" hidden></form>`;
  if (ctx.b) {
    return h`${form}<input type="submit" form="${formId}" class="${toneClass(ctx, tone)}" value="${label}" id="${trigger}">`;
  }
  return h`${form}<button type="button" class="${toneClass(ctx, tone)}" id="${trigger}">${label}</button>`;
}

const PENCIL_SVG =
  "data:image/svg+xml;utf8," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16"><path d="M2 14l1-4 8-8 3 3-8 8z" fill="none" stroke="#003189" stroke-width="1.5"/></svg>',
  );
const CROSS_SVG =
  "data:image/svg+xml;utf8," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16"><path d="M3 3l10 10M13 3L3 13" stroke="#c9191e" stroke-width="2"/></svg>',
  );

export function editIcon(ctx: Ctx, href: string): Raw {
  if (ctx.b) {
    return h`<a class="${ctx.cls("icon")}" href="${href}"><img src="${PENCIL_SVG}" alt="" title="Modifier" width="16" height="16"></a>`;
  }
  return h`<a class="${ctx.cls("icon")}" href="${href}">✍</a>`;
}

export function deleteIcon(ctx: Ctx, action: string, text: string): Raw {
  const formId = ctx.uid();
  const trigger = ctx.uid();
  ctx.confirms.push({ trigger, form: formId, text });
  const form = h`<form method="post" action="${action}" id="${formId}" hidden></form>`;
  if (ctx.b) {
    return h`${form}<a class="${ctx.cls("icon")}" href="#" id="${trigger}"><img src="${CROSS_SVG}" alt="" title="Supprimer" width="16" height="16"></a>`;
  }
  return h`${form}<button type="button" class="${ctx.cls("icon")} ${ctx.cls("iconBtn")}" id="${trigger}">✕</button>`;
}

/** A simple vertical list of items: <ul> in A, a one-column table in B. */
export function list(ctx: Ctx, items: Raw[], key = "list"): Raw {
  if (ctx.b) {
    return h`<table class="${ctx.cls(key)}"><tbody>${items.map((i) => h`<tr><td>${i}</td></tr>`)}</tbody></table>`;
  }
  return h`<ul class="${ctx.cls(key)}">${items.map((i) => h`<li>${i}</li>`)}</ul>`;
}

export function errorBox(ctx: Ctx, message: string | null | undefined): Raw {
  if (!message) return raw("");
  return h`<div class="${ctx.cls("error")}" role="alert">${message}</div>`;
}

// ---------------------------------------------------------------------------------------------
// Page shell

export type Tab =
  | "accueil"
  | "compte"
  | "profil"
  | "paiement"
  | "dsn"
  | "documents"
  | "actualites"
  | "messagerie";

const TABS: ReadonlyArray<[Tab, string, CanonicalHost, string]> = [
  ["accueil", "Accueil", HOSTS.tdbec, "/tableau-de-bord"],
  ["compte", "Compte", HOSTS.mon, "/compte"],
  ["profil", "Mon Profil", HOSTS.mon, "/mon-profil"],
  ["paiement", "Paiement", HOSTS.mon, "/paiement"],
  ["dsn", "Suivi DSN", HOSTS.mon, "/suivi-dsn"],
  ["documents", "Documents", HOSTS.mon, "/documents"],
  ["actualites", "Actualités", HOSTS.mon, "/actualites"],
  ["messagerie", "Messagerie", HOSTS.dcl, "/messagerie"],
];

function publicSearch(ctx: Ctx): Raw {
  return h`<form class="${ctx.cls("pubsearch")}" method="get" action="${ctx.link(HOSTS.www, "/recherche")}" role="search">${field(
    ctx,
    { label: "Rechercher sur urssaf.fr", name: "q" },
  )}${submit(ctx, "Rechercher", "secondary")}</form>`;
}

function header(ctx: Ctx, loggedIn: boolean): Raw {
  const top = ["Lettre d'information", "Taux et barèmes", "Espaces dédiés", "Outre-mer"].map(
    (t) => h`<a href="${ctx.link(HOSTS.www, "/")}">${t}</a>`,
  );
  const account = loggedIn
    ? h`<a class="${ctx.cls("services")}" href="${ctx.link(HOSTS.tdbec, "/tableau-de-bord")}">Mes services en ligne</a>`
    : h`<a class="${ctx.cls("services")}" href="${ctx.link(HOSTS.www, "/creer-votre-espace")}">Créer votre espace</a> <a class="${ctx.cls("services")}" href="${ctx.link(HOSTS.www, "/connexion")}">Connectez-vous</a>`;
  const logo = h`<a class="${ctx.cls("logo")}" href="${ctx.link(HOSTS.www, "/")}" title="Accueil urssaf.fr">urssaf<span>.fr</span></a>`;
  if (ctx.b) {
    return h`<table class="${ctx.cls("header")}" role="banner"><tr><td class="${ctx.cls("topbar")}" colspan="3">${top}</td></tr><tr><td>${logo}</td><td>${publicSearch(ctx)}</td><td>${account}</td></tr></table>`;
  }
  return h`<header class="${ctx.cls("header")}"><div class="${ctx.cls("topbar")}">${top}</div><div class="${ctx.cls("brand")}">${logo}${publicSearch(ctx)}<div>${account}</div></div></header>`;
}

function tabs(ctx: Ctx, active: Tab | null): Raw {
  const links = TABS.map(([key, label, host, path]) => {
    const current = key === active ? raw(' aria-current="page"') : "";
    const cls = key === active ? `${ctx.cls("tab")} ${ctx.cls("tabActive")}` : ctx.cls("tab");
    return h`<a class="${cls}" href="${ctx.link(host, path)}"${current}>${label}</a>`;
  });
  const logout = h`<a class="${ctx.cls("logout")}" href="${ctx.link(HOSTS.www, "/deconnexion")}">Se déconnecter</a>`;
  if (ctx.b) {
    return h`<div class="${ctx.cls("tabsWrap")}"><table class="${ctx.cls("tabs")}" role="navigation"><tr>${links.map((l) => h`<td>${l}</td>`)}<td>${logout}</td></tr></table></div>`;
  }
  return h`<nav class="${ctx.cls("tabs")}" aria-label="Navigation principale"><ul>${links.map((l) => h`<li>${l}</li>`)}</ul>${logout}</nav>`;
}

function footer(ctx: Ctx): Raw {
  return h`<footer class="${ctx.cls("footer")}"><p><strong>Vous avez des questions ?</strong> N'hésitez pas à nous contacter pour un suivi personnalisé : téléphone et courriel.</p><p>Suivez nos dernières actualités : Lettre d'information · @Urssaf · @L'actu des Urssaf</p></footer>`;
}

const PAGE_SCRIPT = `(function(){var c=__CONFIG__;function byId(i){return document.getElementById(i);}
Object.keys(c.nav).forEach(function(id){var el=byId(id);if(el)el.addEventListener("click",function(e){e.preventDefault();window.location.assign(c.nav[id]);});});
c.confirms.forEach(function(x){var el=byId(x.trigger);if(!el)return;el.addEventListener("click",function(e){e.preventDefault();if(window.confirm(x.text)){var f=byId(x.form);if(f)f.submit();}});});
if(c.alert){var done=false;var show=function(){if(done)return;done=true;window.alert(c.alert.text);if(c.alert.next)window.location.assign(c.alert.next);};if(document.readyState==="complete")setTimeout(show,0);else window.addEventListener("load",function(){setTimeout(show,0);});}
})();`;

// The same behaviour through one listener on the document, its configuration read at each click
// (the mutation client replaces it when it swaps a view in place).
const DELEGATED_SCRIPT = `(function(){function conf(){var o={nav:{},confirms:[],alert:null};document.querySelectorAll("script[data-demo-config]").forEach(function(s){try{var c=JSON.parse(s.textContent);Object.assign(o.nav,c.nav);o.confirms=o.confirms.concat(c.confirms);if(c.alert)o.alert=c.alert;}catch(e){}});return o;}
document.addEventListener("click",function(e){var c=conf();for(var n=e.target;n&&n.nodeType===1;n=n.parentNode){var id=n.id;if(!id)continue;if(c.nav[id]){e.preventDefault();window.location.assign(c.nav[id]);return;}for(var i=0;i<c.confirms.length;i++){var x=c.confirms[i];if(x.trigger===id){e.preventDefault();if(window.confirm(x.text)){var f=document.getElementById(x.form);if(f)f.submit();}return;}}}});
var c=conf();if(c.alert){var done=false;var show=function(){if(done)return;done=true;window.alert(c.alert.text);if(c.alert.next)window.location.assign(c.alert.next);};if(document.readyState==="complete")setTimeout(show,0);else window.addEventListener("load",function(){setTimeout(show,0);});}
})();`;

function pageScript(ctx: Ctx): Raw | "" {
  const config = scriptJson({ nav: ctx.nav, confirms: ctx.confirms, alert: ctx.alert });
  if (ctx.delegated) {
    return raw(
      `<script type="application/json" data-demo-config>${config}</script><script>${DELEGATED_SCRIPT}</script>`,
    );
  }
  const needsScript = Object.keys(ctx.nav).length > 0 || ctx.confirms.length > 0 || ctx.alert !== null;
  return needsScript ? raw(`<script>${PAGE_SCRIPT.replace("__CONFIG__", config)}</script>`) : "";
}

export interface PageOpts {
  title: string;
  tab?: Tab | null;
  loggedIn: boolean;
  body: Raw;
}

export function page(ctx: Ctx, o: PageOpts): string {
  const script = pageScript(ctx);
  const main = ctx.b
    ? h`<div class="${ctx.cls("mainWrap")}"><div class="${ctx.cls("main")}" role="main">${o.body}</div></div>`
    : h`<main class="${ctx.cls("main")}">${o.body}</main>`;
  return `<!DOCTYPE html>${h`<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${o.title} | Urssaf</title><style>${raw(css(ctx))}</style></head><body class="${ctx.cls("body")}">${header(ctx, o.loggedIn)}${o.loggedIn ? tabs(ctx, o.tab ?? null) : ""}${main}${footer(ctx)}${script}</body></html>`.html}`;
}

function css(ctx: Ctx): string {
  const c = (k: string) => `.${ctx.cls(k)}`;
  return `
*{box-sizing:border-box}
body{margin:0;font-family:Arial,Helvetica,sans-serif;color:#1e1e1e;background:#f4f6fa;font-size:15px}
a{color:#003189}
${c("header")}{background:#003189;color:#fff;width:100%;border-collapse:collapse}
${c("topbar")}{background:#00226a;font-size:12px;padding:4px 24px;text-align:right}
${c("topbar")} a{color:#dfe6f5;margin-left:16px;text-decoration:none}
${c("brand")}{display:flex;align-items:center;gap:24px;padding:14px 24px}
${c("header")} td{padding:10px 24px;vertical-align:middle}
${c("logo")}{color:#fff;font-weight:bold;font-size:28px;text-decoration:none;letter-spacing:-1px}
${c("logo")} span{font-size:16px;color:#9fb6e8}
${c("pubsearch")}{display:flex;align-items:flex-end;gap:8px;margin-left:auto}
${c("pubsearch")} ${c("label")}{color:#dfe6f5;font-size:12px}
${c("pubsearch")} ${c("field")}, ${c("pubsearch")} ${c("fieldB")}{margin:0}
${c("services")}{color:#fff;font-weight:bold;margin-left:12px}
${c("tabs")}{background:#fff;border-bottom:3px solid #003189;display:flex;align-items:center;padding:0 24px}
${c("tabs")} ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap}
table${c("tabs")}{width:100%;border-collapse:collapse}
${c("tab")}{display:inline-block;padding:12px 14px;text-decoration:none;color:#003189;font-weight:bold}
${c("tabActive")}{background:#003189;color:#fff}
${c("logout")}{margin-left:auto;color:#c9191e;padding:12px}
${c("main")}{max-width:1040px;margin:24px auto;background:#fff;padding:24px 32px;border:1px solid #d8dee9}
${c("mainWrap")}{padding:1px 0}
h1{color:#003189;font-size:26px;margin:8px 0 16px}
h2{color:#003189;font-size:19px;margin:24px 0 10px;border-bottom:1px solid #d8dee9;padding-bottom:4px}
${c("breadcrumb")}{font-size:13px;color:#555}
${c("field")}, ${c("fieldB")}{margin:10px 0;display:flex;flex-direction:column;gap:4px;max-width:420px}
${c("label")}{font-weight:bold;font-size:14px;display:flex;flex-direction:column;gap:4px}
${c("input")}{padding:7px 9px;border:1px solid #8a94a6;border-radius:3px;font-size:15px}
${c("btn")}{display:inline-block;padding:8px 18px;border-radius:3px;border:1px solid #003189;font-size:15px;cursor:pointer;text-decoration:none;margin:6px 8px 6px 0;font-family:inherit}
${c("btn-primary")}{background:#003189;color:#fff}
${c("btn-secondary")}{background:#fff;color:#003189}
${c("btn-danger")}{background:#fff;color:#c9191e;border-color:#c9191e}
${c("error")}{background:#fdecec;border-left:4px solid #c9191e;padding:10px 14px;margin:10px 0;color:#8a1014}
${c("notice")}{background:#eef3fb;border-left:4px solid #003189;padding:10px 14px;margin:10px 0}
${c("rows")}{list-style:none;padding:0;margin:0;width:100%;border-collapse:collapse}
${c("rows")} li, ${c("rows")} td{border-bottom:1px solid #e3e7ef;padding:8px 4px}
${c("row")}{display:flex;align-items:center;gap:12px}
${c("rowLabel")}{flex:1}
${c("icon")}{text-decoration:none;font-size:18px;margin:0 6px;color:#003189}
${c("iconBtn")}{background:none;border:none;cursor:pointer;color:#c9191e;font-size:18px}
${c("pager")}{margin:12px 0}
${c("disabled")}{color:#999}
${c("detail")}{border-collapse:collapse;width:100%;margin:10px 0}
${c("detail")} th, ${c("detail")} td{border:1px solid #d8dee9;padding:8px;text-align:left}
${c("detail")} th{background:#eef3fb}
${c("svc")}{list-style:none;padding:0;margin:0}
${c("svc")} li, ${c("svc")} td{padding:3px 0}
${c("on")}{color:#18753c;font-weight:bold;margin-right:6px}
${c("off")}{color:#c9191e;font-weight:bold;margin-right:6px}
${c("fieldset")}{border:1px solid #d8dee9;margin:14px 0;padding:8px 14px}
${c("fieldset")} legend, ${c("checks")} caption{font-weight:bold;color:#003189;text-align:left;padding:4px 0}
${c("checks")}{list-style:none;padding:0;margin:0}
${c("check")}{padding:3px 0}
${c("check")} label{margin-left:6px}
${c("indicators")}{display:flex;gap:16px;list-style:none;padding:0;margin:12px 0;width:100%}
table${c("indicators")}{border-collapse:separate;border-spacing:12px}
${c("indicator")}{flex:1;background:#eef3fb;border-top:4px solid #003189;padding:14px;font-weight:bold;font-size:17px}
${c("grid")}{border-collapse:collapse;margin:8px 0 18px}
${c("grid")} th, ${c("grid")} td{border:1px solid #c5cde0;padding:6px 9px;text-align:center;min-width:44px}
ol${c("grid")}{list-style:none;display:flex;padding:0}
ol${c("grid")} li{border:1px solid #c5cde0;padding:6px 9px;text-align:center;min-width:54px}
${c("bad")}{color:#c9191e;font-weight:bold}
${c("news")}{border-left:4px solid #003189;padding:6px 14px;margin:14px 0;background:#f8f9fc}
${c("unread")}{font-weight:bold}
${c("badge")}{background:#c9191e;color:#fff;font-size:12px;padding:2px 6px;border-radius:8px;margin-left:8px}
${c("step")}{display:inline-block;background:#003189;color:#fff;border-radius:50%;width:28px;height:28px;text-align:center;line-height:28px;margin-right:8px}
${c("kv")}{border-collapse:collapse;width:100%}
${c("kv")} th{text-align:left;width:240px;vertical-align:top;padding:8px;color:#003189}
${c("kv")} td{padding:8px}
dl${c("kv")} dt{margin-top:10px;color:#003189}
dl${c("kv")} dd{margin:2px 0 0 0}
${c("footer")}{max-width:1040px;margin:0 auto 32px;font-size:13px;color:#555;padding:0 8px}
`;
}
