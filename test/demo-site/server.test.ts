import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { demoRequest, sessionCookie } from "./client.ts";
import type { Company } from "./data.ts";
import { type DemoSpace, LOGIN_URL, startDemoSpace } from "./server.ts";
import { accountLabel, confirmText } from "./state.ts";

const ETAB = "https://mon.urssaf.fr/mon-profil/parametres/etablissements";
const SAVED = "Votre modification a bien été prise en compte.";

/** Visible text of an HTML page (tags removed, entities decoded, spaces collapsed). */
function text(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

function frAmount(n: number): string {
  const [i = "0", d = "00"] = n.toFixed(2).split(".");
  return `${i.replace(/\B(?=(\d{3})+(?!\d))/g, " ")},${d}`;
}

let space: DemoSpace;
let cookie: string;

const get = (url: string, c: string | null = cookie) => demoRequest(space.port, url, c ? { cookie: c } : {});
const post = (url: string, form: Record<string, string | string[]>, c: string | null = cookie) =>
  demoRequest(space.port, url, c ? { cookie: c, form } : { form });

async function login(): Promise<string> {
  const r = await post(
    "https://www.urssaf.fr/connexion",
    { profil: "tiers", identifiant: space.credentials.identifiant, motdepasse: space.credentials.motDePasse },
    null,
  );
  const c = sessionCookie(r.setCookies);
  if (!c) throw new Error("no session cookie");
  return c;
}

function directoryOf(kind: Company["kind"]): Company {
  const c = space.state.directory.find((x) => x.kind === kind);
  if (!c) throw new Error(`no ${kind} in the directory`);
  return c;
}

beforeAll(async () => {
  space = await startDemoSpace({ quiet: true, seed: 1 });
});
afterAll(async () => {
  await space.close();
});
beforeEach(async () => {
  space.reset();
  cookie = await login();
});

describe("login", () => {
  it("logs in with the right credentials and sets the session cookie", async () => {
    const r = await post(
      "https://www.urssaf.fr/connexion",
      {
        profil: "tiers",
        identifiant: space.credentials.identifiant,
        motdepasse: space.credentials.motDePasse,
      },
      null,
    );
    expect(r.status).toBe(302);
    expect(r.location).toBe("https://mon.urssaf.fr/actualites");
    const set = r.setCookies.join("\n");
    for (const attr of ["Domain=urssaf.fr", "Path=/", "Secure", "HttpOnly", "SameSite=Lax"])
      expect(set).toContain(attr);
    const c = sessionCookie(r.setCookies);
    const news = await get("https://mon.urssaf.fr/actualites", c);
    expect(text(news.body)).toContain("Continuer");
    const dash = await get("https://tdbec.urssaf.fr/tableau-de-bord", c);
    expect(dash.status).toBe(200);
    expect(text(dash.body)).toContain("Tableau de bord tiers-déclarant");
    expect(space.log().filter((e) => e.action === "login")).toHaveLength(2);
  });

  it("shows the login form with the seed's labels", async () => {
    const r = await get("https://www.urssaf.fr/connexion", null);
    const t = text(r.body);
    expect(r.body).toContain('<html lang="fr">');
    for (const label of [
      "Connectez-vous à votre espace",
      "Employeur",
      "Indépendant",
      "Tiers mandaté",
      "Tous les champs sont obligatoires.",
      "Identifiant",
      "Mot de passe",
      "Mot de passe oublié ?",
      "Je me connecte",
    ]) {
      expect(t).toContain(label);
    }
  });

  it("refuses a wrong password or empty fields and logs the failure", async () => {
    const bad = await post(
      "https://www.urssaf.fr/connexion",
      { profil: "tiers", identifiant: space.credentials.identifiant, motdepasse: "zz99zz99" },
      null,
    );
    expect(bad.status).toBe(200);
    expect(sessionCookie(bad.setCookies)).toBeNull();
    expect(text(bad.body)).toContain("Identifiant ou mot de passe incorrect.");
    const empty = await post(
      "https://www.urssaf.fr/connexion",
      { profil: "tiers", identifiant: "", motdepasse: "" },
      null,
    );
    expect(sessionCookie(empty.setCookies)).toBeNull();
    const failures = space.log().filter((e) => e.action === "login-failed");
    expect(failures.map((e) => e.details.reason)).toEqual(["credentials", "missing"]);
    // The profile is not enforced, but it is logged.
    const employeur = await post(
      "https://www.urssaf.fr/connexion",
      {
        profil: "employeur",
        identifiant: space.credentials.identifiant,
        motdepasse: space.credentials.motDePasse,
      },
      null,
    );
    expect(sessionCookie(employeur.setCookies)).not.toBeNull();
    expect(space.log().at(-1)?.details.profil).toBe("employeur");
  });

  it("redirects to the login page without a session, and logs out", async () => {
    const r = await get("https://mon.urssaf.fr/suivi-dsn", null);
    expect(r.status).toBe(302);
    expect(r.location).toBe(LOGIN_URL);
    const out = await get("https://www.urssaf.fr/deconnexion");
    expect(out.location).toBe(LOGIN_URL);
    expect((await get("https://tdbec.urssaf.fr/tableau-de-bord")).location).toBe(LOGIN_URL);
    expect(space.log().some((e) => e.action === "logout")).toBe(true);
  });
});

describe("dashboard", () => {
  it("shows the three indicators computed from the state", async () => {
    const t = text((await get("https://tdbec.urssaf.fr/tableau-de-bord")).body);
    const ind = space.state.indicators;
    expect(t).toContain(`${ind.incidents} incidents à traiter`);
    expect(t).toContain(`${ind.anomalies} anomalies DSN sur l'année ${ind.year}`);
    expect(ind.unread).toBe(2);
    expect(t).toContain("2 messages non lus");
    expect(t).toMatch(/Dernière mise à jour : \d{1,2} [a-zéû]+ \d{4} à \d{1,2}h\d{2}/);
    expect(t).toContain("Gérer les utilisateurs");
    expect(t).toContain("Mes services en ligne");
  });

  it("reading a message marks it read and changes the count", async () => {
    const msg = space.state.messages.find((m) => !m.read);
    if (!msg) throw new Error("no unread message");
    const list = await get("https://dcl.urssaf.fr/messagerie");
    expect(text(list.body)).toContain("Non lu");
    const r = await get(`https://dcl.urssaf.fr/messagerie/${msg.id}`);
    expect(text(r.body)).toContain(msg.subject);
    const t = text((await get("https://tdbec.urssaf.fr/tableau-de-bord")).body);
    expect(t).toContain("1 message non lu");
    expect(space.log().filter((e) => e.action === "message-read")).toHaveLength(1);
  });

  it("searches the portfolio and offers Accéder", async () => {
    const c = space.state.portfolio[3];
    if (!c?.siren) throw new Error("no account");
    const r = await get(`https://tdbec.urssaf.fr/tableau-de-bord?recherche=${c.siren}`);
    expect(text(r.body)).toContain(c.raisonSociale);
    expect(text(r.body)).toContain("Accéder");
    const none = await get("https://tdbec.urssaf.fr/tableau-de-bord?recherche=ZZZZZZ");
    expect(text(none.body)).toContain("Aucun client ne correspond à votre recherche.");
  });
});

describe("Gérer les établissements", () => {
  it("lists 10 accounts per page with Précédent | Suivant", async () => {
    const first = await get(ETAB);
    const t = text(first.body);
    for (const label of [
      "Mon Profil > Paramètres > Gérer les établissements",
      "Vous pouvez administrer ici les options associées à l'abonnement aux services d'Urssaf en ligne.",
      "Siren/Siret de l'établissement",
      "Numéro de compte",
      "Rechercher",
      "Compte(s)",
      "Précédent | Suivant",
      "Inscrire d'autres comptes",
      "Inscrire un compte gérant majoritaire (non sirétisé)",
    ]) {
      expect(t).toContain(label);
    }
    const portfolio = space.state.portfolio;
    const pages = Math.ceil(portfolio.length / 10);
    for (const c of portfolio.slice(0, 10)) expect(t).toContain(accountLabel(c));
    expect(t).not.toContain(accountLabel(portfolio[10] as Company));
    expect((first.body.match(/✍/g) ?? []).length).toBe(10);
    const second = text((await get(`${ETAB}?page=2`)).body);
    expect(second).toContain(accountLabel(portfolio[10] as Company));
    const last = await get(`${ETAB}?page=${pages}`);
    expect((last.body.match(/✍/g) ?? []).length).toBe(portfolio.length - (pages - 1) * 10);
    expect(last.body).not.toMatch(/<a [^>]*>Suivant<\/a>/);
    expect(last.body).toMatch(/<a [^>]*>Précédent<\/a>/);
  });

  it("finds an account by Siren/Siret or account number, or says there is none", async () => {
    const c = space.state.portfolio.find((x) => x.kind === "PL");
    if (!c?.siret) throw new Error("no PL");
    const bySiret = text((await get(`${ETAB}?siret=${c.siret}`)).body);
    expect(bySiret).toContain(accountLabel(c));
    const byAccount = text((await get(`${ETAB}?compte=${c.accountNumber}`)).body);
    expect(byAccount).toContain(accountLabel(c));
    const none = text((await get(`${ETAB}?siret=${space.state.unknownSirens[0]}`)).body);
    expect(none).toContain("Aucun compte ne correspond à votre recherche.");
    expect(none).not.toContain("du SIREN");
  });

  it("registers an employer (RG) with the amount and account number", async () => {
    const c = directoryOf("RG");
    const step1 = await get(`${ETAB}/inscription?siren=${c.siren}`);
    const t = text(step1.body);
    expect(t).toContain("Montant à payer déclaré sur la dernière déclaration");
    expect(t).toContain("Numéro de compte employeur");
    expect(t).toContain("Services en ligne");
    expect(t).toContain("Services de communication par courriel");
    expect(t).toContain("Enregistrer");
    const r = await post(`${ETAB}/inscription`, {
      siren: c.siren ?? "",
      montant: frAmount((c.amountDue ?? 0) + 0.6),
      compte: c.accountNumber,
      service: ["0", "8"],
      courriel: ["4"],
    });
    expect(r.status).toBe(200);
    expect(r.body).toContain(`window.alert`);
    expect(r.body).toContain(SAVED);
    const added = space.state.portfolio[0];
    expect(added?.accountNumber).toBe(c.accountNumber);
    expect(added?.services).toEqual(["DPAE", "Tableau de Bord Suivi DSN"]);
    expect(added?.emailNotifications).toEqual(["Avis de mise à disposition d'attestations"]);
    expect(space.state.directory.includes(c)).toBe(false);
    expect(text((await get(ETAB)).body)).toContain(accountLabel(c));
    const entry = space.log().find((e) => e.action === "inscription");
    expect(entry?.details.siren).toBe(c.siren);
    expect(entry?.session).not.toBeNull();
  });

  it("refuses invalid, unknown and already registered SIRENs", async () => {
    for (const s of space.state.invalidSirens) {
      const t = text((await get(`${ETAB}/inscription?siren=${encodeURIComponent(s)}`)).body);
      expect(t).toMatch(/Le Siren doit comporter 9 chiffres\.|Le Siren saisi est invalide\./);
      expect(t).toContain("Gérer les établissements");
    }
    const unknown = text((await get(`${ETAB}/inscription?siren=${space.state.unknownSirens[0]}`)).body);
    expect(unknown).toContain("Aucun compte ne correspond à ce Siren.");
    const known = space.state.portfolio[5];
    const already = text((await get(`${ETAB}/inscription?siren=${known?.siren}`)).body);
    expect(already).toContain("Ce compte est déjà inscrit dans votre portefeuille.");
    const reasons = space
      .log()
      .filter((e) => e.action === "inscription-refused")
      .map((e) => e.details.reason);
    expect(reasons).toContain("siren-key");
    expect(reasons).toContain("siren-format");
    expect(reasons).toContain("siren-unknown");
    expect(reasons).toContain("already-registered");
  });

  it("refuses a mismatching account number or amount", async () => {
    const c = directoryOf("RG");
    const wrongAccount = await post(`${ETAB}/inscription`, {
      siren: c.siren ?? "",
      montant: String(c.amountDue),
      compte: `${c.accountNumber.slice(0, 17)}${(Number(c.accountNumber.slice(17)) + 1) % 10}`,
    });
    expect(text(wrongAccount.body)).toContain(
      "Le numéro de compte employeur ne correspond pas au Siren saisi.",
    );
    const wrongAmount = await post(`${ETAB}/inscription`, {
      siren: c.siren ?? "",
      montant: ((c.amountDue ?? 0) + 5).toFixed(2),
      compte: c.accountNumber,
    });
    expect(text(wrongAmount.body)).toContain(
      "Le montant saisi ne correspond pas au montant à payer de la dernière déclaration.",
    );
    expect(wrongAmount.body).not.toContain(SAVED);
    expect(space.state.portfolio.includes(c)).toBe(false);
  });

  it("registers a self-employed client (AC) with NIR and self-employed number", async () => {
    const c = directoryOf("AC");
    const form = await get(`${ETAB}/inscription?siren=${c.siren}`);
    expect(text(form.body)).toContain("Numéro de sécurité sociale");
    expect(text(form.body)).toContain("Numéro de compte Indépendant");
    const r = await post(`${ETAB}/inscription`, {
      siren: c.siren ?? "",
      nir: (c.nir ?? "").slice(0, 13),
      compteIndependant: c.selfEmployedNumber ?? "",
    });
    expect(r.body).toContain(SAVED);
    expect(space.state.portfolio[0]).toBe(c);
  });

  it("registers a gérant majoritaire by account number", async () => {
    const c = directoryOf("GERANT");
    const form = await get(`${ETAB}/inscription?compte=${c.accountNumber}`);
    expect(text(form.body)).toContain("Numéro de sécurité sociale");
    const badKey = await post(`${ETAB}/inscription`, {
      gerant: c.accountNumber,
      nir: `${(c.nir ?? "").slice(0, 13)}${(c.nir ?? "").slice(13) === "01" ? "02" : "01"}`,
      compteIndependant: c.selfEmployedNumber ?? "",
    });
    expect(text(badKey.body)).toContain("Le numéro de sécurité sociale saisi est invalide.");
    const r = await post(`${ETAB}/inscription`, {
      gerant: c.accountNumber,
      nir: c.nir ?? "",
      compteIndependant: c.selfEmployedNumber ?? "",
      service: ["2"],
    });
    expect(r.body).toContain(SAVED);
    expect(space.state.portfolio[0]).toBe(c);
    expect(text((await get(ETAB)).body)).toContain(
      `Compte gérant majoritaire non sirétisé n° ${c.accountNumber}`,
    );
    const again = text((await get(`${ETAB}/inscription?compte=${c.accountNumber}`)).body);
    expect(again).toContain("Ce compte est déjà inscrit dans votre portefeuille.");
  });

  it("shows the account detail and résilie after the native confirm", async () => {
    const c = space.state.portfolio.find((x) => x.kind === "RG" && x.radie);
    if (!c) throw new Error("no radié RG");
    const detail = await get(`${ETAB}/compte/${c.accountNumber}`);
    const t = text(detail.body);
    for (const label of [
      "Siret de l'établissement",
      "Raison sociale",
      `${c.siret} (Radié)`,
      "Services en ligne",
      "Services de communication par courriel",
      "en savoir plus sur mes services",
      "Résilier",
      "Modifier",
      "Fermer",
    ]) {
      expect(t).toContain(label);
    }
    expect(detail.body).toContain(confirmText(c));
    expect(confirmText(c)).toBe(
      `Veuillez confirmer la suppression immédiate de l'inscription Comptes Régime Général du siren ${c.siren}`,
    );
    expect(detail.body).toContain("window.confirm");
    const before = space.state.portfolio.length;
    const r = await post(`${ETAB}/compte/${c.accountNumber}/resilier`, {});
    expect(r.status).toBe(303);
    expect(r.location).toBe(ETAB);
    expect(space.state.portfolio.length).toBe(before - 1);
    expect(space.state.directory.includes(c)).toBe(true);
    expect(space.log().find((e) => e.action === "resiliation")?.details.accountNumber).toBe(c.accountNumber);
    // It can be registered again.
    const again = await get(`${ETAB}/inscription?siren=${c.siren}`);
    expect(text(again.body)).toContain("Montant à payer déclaré sur la dernière déclaration");
  });

  it("modifies the services of an account", async () => {
    const c = space.state.portfolio[7] as Company;
    const r = await post(`${ETAB}/compte/${c.accountNumber}/modifier`, { service: ["1", "3"], courriel: [] });
    expect(r.body).toContain(SAVED);
    expect(c.services).toEqual(["Déclaration de cotisations", "Situation des comptes"]);
    expect(space.log().some((e) => e.action === "modification")).toBe(true);
  });
});

describe("Suivi DSN", () => {
  it("shows counts, the month grid and an anomaly with its question", async () => {
    const t = text((await get("https://mon.urssaf.fr/suivi-dsn")).body);
    expect(t).toContain("Vous pouvez prendre connaissance des anomalies");
    expect(t).toContain("Cliquez sur le mois que vous souhaitez consulter");
    expect(t).toMatch(
      /Jan [!-] Fév [!-] Mar [!-] Avr [!-] Mai [!-] Juin [!-] Juil [!-] Août [!-] Sept [!-] Oct [!-] Nov [!-] Déc [!-]/,
    );
    expect(t).toContain("!");
    expect(t).toMatch(/\d+ typologies d'anomalies ont été identifiées dans vos DSN de cette entreprise/);
    const a = space.state.anomalies.find((x) => x.reference === "UR_ANO_DIMNS002");
    if (!a) throw new Error("no DIMNS002");
    const d = text((await get(`https://mon.urssaf.fr/suivi-dsn/anomalies/${a.id}`)).body);
    for (const label of [
      "Description de l'anomalie",
      "Libellé de l'anomalie",
      "Écart incohérent entre le montant net social estimé et le montant net social déclaré.",
      "Référence technique",
      "UR_ANO_DIMNS002",
      "Erreur identifiée",
      "Actions attendues de votre part",
      "La nature de contrat déclaré en S21.600.40.007 (Nature du contrat) est-elle de valeur suivante",
    ]) {
      expect(d).toContain(label);
    }
    const oui = text((await get(`https://mon.urssaf.fr/suivi-dsn/anomalies/${a.id}?reponse=oui`)).body);
    expect(oui).toContain("Votre réponse : Oui");
    const dash = text((await get("https://tdbec.urssaf.fr/tableau-de-bord")).body);
    expect(dash).toContain(`${space.state.anomalies.length} anomalies DSN sur l'année`);
  });
});

describe("faults", () => {
  it("answers 500 to the next N page requests, not to /__demo", async () => {
    space.faults.set({ http500Next: 2 });
    const a = await get("https://tdbec.urssaf.fr/tableau-de-bord");
    expect((await get(`${space.url("www.urssaf.fr", "/__demo/state")}`)).status).toBe(200);
    const b = await get("https://www.urssaf.fr/connexion", null);
    const c = await get("https://tdbec.urssaf.fr/tableau-de-bord");
    expect([a.status, b.status, c.status]).toEqual([500, 500, 200]);
    expect(text(a.body)).toContain("Erreur technique, veuillez réessayer ultérieurement");
  });

  it("leaves the next N page requests unanswered, and does nothing for them", async () => {
    space.faults.set({ hangNext: 1 });
    const controller = new AbortController();
    const hung = demoRequest(space.port, "https://tdbec.urssaf.fr/tableau-de-bord", {
      cookie,
      signal: controller.signal,
    });
    const late = await Promise.race([
      hung.then(() => "answered"),
      new Promise((resolve) => setTimeout(resolve, 400, "waiting")),
    ]);
    expect(late).toBe("waiting");
    controller.abort();
    await hung.catch(() => undefined);
    expect(space.faults.current.hangNext).toBe(0);
    expect((await get("https://tdbec.urssaf.fr/tableau-de-bord")).status).toBe(200);
  });

  it("slows responses down", async () => {
    space.faults.set({ slowMs: 250 });
    const t0 = Date.now();
    await get("https://www.urssaf.fr/connexion", null);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(240);
  });

  it("expires sessions; logging in again works", async () => {
    space.faults.set({ sessionExpired: true });
    const r = await get("https://tdbec.urssaf.fr/tableau-de-bord");
    expect(r.status).toBe(302);
    expect(r.location).toBe(LOGIN_URL);
    const fresh = await login();
    expect((await get("https://tdbec.urssaf.fr/tableau-de-bord", fresh)).status).toBe(200);
  });

  it("variant B changes the markup but not the labels", async () => {
    const a = await get(ETAB);
    space.faults.set({ variant: "B" });
    const b = await get(ETAB);
    expect(a.body).toContain("<button");
    expect(a.body).toContain("<ul");
    expect(a.body).toMatch(/<label [^>]*for="/);
    expect(b.body).not.toContain("<button");
    expect(b.body).not.toContain("<ul");
    expect(b.body).not.toMatch(/ for="/);
    expect(b.body).toContain('<input type="submit"');
    expect(b.body).toContain('title="Modifier"');
    expect(b.body).toContain('title="Supprimer"');
    expect(b.body).not.toContain("✍");
    const ta = text(a.body);
    const tb = text(b.body);
    for (const label of [
      "Gérer les établissements",
      "Siren/Siret de l'établissement",
      "Numéro de compte",
      "Compte(s)",
      "Précédent | Suivant",
      "Inscrire d'autres comptes",
      "Inscrire un compte gérant majoritaire (non sirétisé)",
      accountLabel(space.state.portfolio[0] as Company),
    ]) {
      expect(ta).toContain(label);
      expect(tb).toContain(label);
    }
    expect(b.body.match(/value="(Rechercher|Inscrire)"/g)?.length).toBe(4);
    const c = space.state.portfolio[0] as Company;
    const detail = await get(`${ETAB}/compte/${c.accountNumber}`);
    expect(detail.body).toContain(confirmText(c));
    expect(detail.body).toContain('value="Résilier"');
  });

  it("is driven by the HTTP control endpoints too", async () => {
    const base = "https://www.example.test";
    const bad = await demoRequest(space.port, `${base}/__demo/faults`, { json: { http500Next: "x" } });
    expect(bad.status).toBe(400);
    const ok = await demoRequest(space.port, `${base}/__demo/faults`, { json: { http500Next: 1 } });
    expect(JSON.parse(ok.body).http500Next).toBe(1);
    expect((await get("https://www.urssaf.fr/", null)).status).toBe(500);
    const st = JSON.parse((await get(`${base}/__demo/state`, null)).body);
    expect(st.portfolio.length).toBe(space.state.portfolio.length);
    expect(st.indicators.unread).toBe(2);
    await demoRequest(space.port, `${base}/__demo/reset`, { method: "POST" });
    const log = JSON.parse((await get(`${base}/__demo/log`, null)).body);
    expect(log).toHaveLength(1);
    expect(log[0].action).toBe("reset");
  });
});

describe("reset, routing, mirror", () => {
  it("reset goes back to the seed state and clears the log and faults", async () => {
    const before = space.state.portfolio.length;
    const c = space.state.portfolio[0] as Company;
    await post(`${ETAB}/compte/${c.accountNumber}/resilier`, {});
    space.faults.set({ variant: "B", slowMs: 10, hangNext: 2 });
    space.reset();
    expect(space.state.portfolio.length).toBe(before);
    expect(space.state.portfolio[0]?.accountNumber).toBe(c.accountNumber);
    expect(space.log().map((e) => e.action)).toEqual(["reset"]);
    expect(space.faults.current).toEqual({
      slowMs: 0,
      http500Next: 0,
      hangNext: 0,
      sessionExpired: false,
      variant: "A",
      staleConfirm: false,
      mutations: [],
      mutationSeed: 1,
    });
    expect(space.state.sessions).toHaveLength(0);
  });

  it("routes by host: wrong host redirects to the canonical one", async () => {
    const r = await get("https://tdbec.urssaf.fr/suivi-dsn");
    expect(r.location).toBe("https://mon.urssaf.fr/suivi-dsn");
    const bare = await get("https://urssaf.fr/connexion", null);
    expect(bare.location).toBe("https://www.urssaf.fr/connexion");
    expect(space.url("mon.urssaf.fr", "/x")).toBe("https://mon.urssaf.fr/x");
  });

  it("mirrors pages on a foreign host without login and read only", async () => {
    const r = await get("https://www.example.test/tableau-de-bord", null);
    expect(r.status).toBe(200);
    expect(text(r.body)).toContain("Tableau de bord tiers-déclarant");
    expect(r.body).toContain('href="https://www.example.test/mon-profil/parametres/etablissements"');
    expect(r.body).not.toContain("https://mon.urssaf.fr");
    const c = space.state.portfolio[0] as Company;
    const p = await post(
      `https://www.example.test/mon-profil/parametres/etablissements/compte/${c.accountNumber}/resilier`,
      {},
      null,
    );
    expect(p.status).toBe(303);
    expect(space.state.portfolio[0]).toBe(c);
  });

  it("draws new random ids and classes on every start; labels point to real ids", async () => {
    const other = await startDemoSpace({ quiet: true, now: () => new Date("2024-07-23T09:32:00Z") });
    try {
      const a = (await get("https://www.urssaf.fr/connexion", null)).body;
      const b = (await demoRequest(other.port, "https://www.urssaf.fr/connexion")).body;
      const ids = (h: string) => new Set([...h.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
      const classes = (h: string) =>
        new Set([...h.matchAll(/ class="([^"]+)"/g)].flatMap((m) => (m[1] ?? "").split(" ")));
      const idsA = ids(a);
      expect(idsA.size).toBeGreaterThan(3);
      expect([...ids(b)].some((x) => idsA.has(x))).toBe(false);
      const classesA = classes(a);
      expect([...classes(b)].some((x) => classesA.has(x))).toBe(false);
      for (const m of a.matchAll(/ for="([^"]+)"/g)) expect(idsA.has(m[1])).toBe(true);
      // Fixed clock: the seed's date format.
      const lb = await demoRequest(other.port, "https://www.urssaf.fr/connexion", {
        form: {
          profil: "tiers",
          identifiant: other.credentials.identifiant,
          motdepasse: other.credentials.motDePasse,
        },
      });
      const dash = await demoRequest(other.port, "https://tdbec.urssaf.fr/tableau-de-bord", {
        cookie: sessionCookie(lb.setCookies) ?? "",
      });
      expect(text(dash.body)).toContain("Dernière mise à jour : 23 juillet 2024 à 11h32");
      expect(text(dash.body)).toContain("anomalies DSN sur l'année 2024");
    } finally {
      await other.close();
    }
  });
});
