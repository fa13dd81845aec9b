import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type {
  AddTarget,
  Command,
  Job,
  JobAction,
  JobItem,
  Observation,
  ResignTarget,
  RowSeen,
  Step,
} from "./jobs.ts";
import {
  advance,
  control,
  createJob,
  createReadJob,
  DEFAULT_PACE_MS,
  listAddress,
  MAX_ATTEMPTS,
  onEvent,
  onTimeout,
  PAGE_TIMEOUT_MS,
  progress,
  rowMatches,
  SUCCESS_ALERT,
  targetName,
} from "./jobs.ts";

// ---------------------------------------------------------------------------------------------------
// Fixtures: the texts are the demo Urssaf space's own (test/demo-site/README.md, "Gérer les
// établissements").
// ---------------------------------------------------------------------------------------------------

const NOW = new Date("2025-03-10T09:30:00.000Z");
const PACE = 2_000;
const MAX_HOPS = 6; // not exported by jobs.ts
const LIST_URL = "https://mon.urssaf.fr/mon-profil/parametres/etablissements";

const MSG = {
  alreadyRegistered: "Ce compte est déjà inscrit dans votre portefeuille.",
  sirenInvalid: "Le Siren saisi est invalide.",
  sirenUnknown: "Aucun compte ne correspond à ce Siren.",
  gerantUnknown: "Aucun compte gérant majoritaire non sirétisé ne correspond à ce numéro de compte.",
  noResult: "Aucun compte ne correspond à votre recherche.",
  wrongAmount: "Le montant saisi ne correspond pas au montant à payer de la dernière déclaration.",
  badNir: "Le numéro de sécurité sociale saisi est invalide.",
  http500: "Erreur technique, veuillez réessayer ultérieurement",
  confirmRg:
    "Veuillez confirmer la suppression immédiate de l'inscription Comptes Régime Général du siren 526018155",
} as const;

const GERANT_REGIME = "Compte gérant majoritaire non sirétisé";

const RG: AddTarget = {
  clientId: "c-rg",
  raisonSociale: "SARL BOULANGERIE MARTIN",
  regime: "Régime Général",
  siren: "526018155",
  compte: null,
  form: { kind: "employeur", montant: "1 234,56", compteEmployeur: "117000000000123456" },
  services: ["Déclarer et payer", "Attestations"],
  courriels: ["Échéances"],
  selfEmployed: false,
};

const AC: AddTarget = {
  clientId: "c-ac",
  raisonSociale: "M DURAND (Artisan Commerçant) 69001 LYON",
  regime: "Artisan Commerçant",
  siren: "404833048",
  compte: null,
  form: { kind: "independant", nir: "180017512345678", compteIndependant: "827000000000654321" },
  services: ["Consulter le compte"],
  courriels: [],
  selfEmployed: true,
};

const GERANT: AddTarget = {
  clientId: "c-gerant",
  raisonSociale: "MME DUPONT (Gérant) 31000 TOULOUSE",
  regime: null,
  siren: null,
  compte: "937000000000111222",
  form: { kind: "independant", nir: "2850231012345", compteIndependant: "937000000000999888" },
  services: [],
  courriels: ["Messagerie"],
  selfEmployed: true,
};

const RESIGN_RG: ResignTarget = {
  clientId: "c-rg",
  raisonSociale: "SARL BOULANGERIE MARTIN",
  regime: "Régime Général",
  siren: "526018155",
  compte: null,
};

const RESIGN_PL: ResignTarget = {
  clientId: null,
  raisonSociale: null,
  regime: "Profession Libérale",
  siren: "732829320",
  compte: null,
};

const RESIGN_GERANT: ResignTarget = {
  clientId: "c-gerant",
  raisonSociale: "MME DUPONT (Gérant) 31000 TOULOUSE",
  regime: null,
  siren: null,
  compte: "937000000000111222",
};

type Target = AddTarget | ResignTarget;
type ListObs = Extract<Observation, { page: "etablissements" }>;

const ELSEWHERE: Observation = { page: "elsewhere" };
const CONNEXION: Observation = { page: "connexion" };
const ERREUR: Observation = { page: "erreur", message: MSG.http500 };

const digits = (s: string | null) => (s ?? "").replace(/\D/g, "");

/** The list row of a target's account, as the page reports it. */
function rowOf(t: Target): RowSeen {
  return t.siren
    ? { regime: t.regime ?? "Régime Général", siren: t.siren, numeroCompte: null }
    : { regime: GERANT_REGIME, siren: null, numeroCompte: t.compte };
}

const OTHER_ROW: RowSeen = { regime: "Régime Général", siren: "552100554", numeroCompte: null };

/** The plain list, no search applied. */
function plainList(
  rows: RowSeen[] = [OTHER_ROW],
  message: string | null = null,
  url = `${LIST_URL}?page=2`,
): ListObs {
  return { page: "etablissements", url, rows, searchSiret: "", searchCompte: "", message, notice: null };
}

/** The list showing the search results for a target. */
function searchFor(t: Target, present: boolean, extra: RowSeen[] = []): ListObs {
  const rows = [...(present ? [rowOf(t)] : []), ...extra];
  const q = t.siren ? `siret=${t.siren}` : `compte=${t.compte}`;
  return {
    page: "etablissements",
    url: `${LIST_URL}?${q}`,
    rows,
    searchSiret: t.siren ?? "",
    searchCompte: t.siren ? "" : (t.compte ?? ""),
    message: null,
    notice: rows.length === 0 ? MSG.noResult : null,
  };
}

function form(kind: "employeur" | "independant" | null, message: string | null = null): Observation {
  return { page: "inscription-compte", form: kind, message };
}

function detail(siret: string | null, raisonSociale: string | null = null, radie = false): Observation {
  return { page: "etablissement-detail", siret, raisonSociale, radie };
}

function job(items: [JobAction, Target][], pace = PACE): Job {
  return createJob(
    "job-1",
    items.map(([action, target]) => ({ action, target })),
    NOW,
    pace,
  );
}

function item(j: Job, i = j.current): JobItem {
  const it = j.items[i];
  if (!it) throw new Error(`no item ${i}`);
  return it;
}

/** Runs observations one after the other; returns every step. */
function run(start: Job, observations: Observation[]): Step[] {
  const steps: Step[] = [];
  let j = start;
  for (const obs of observations) {
    const s = advance(j, obs, NOW);
    steps.push(s);
    j = s.job;
  }
  return steps;
}

function last<T>(xs: T[]): T {
  const x = xs[xs.length - 1];
  if (x === undefined) throw new Error("empty");
  return x;
}

function cmd<T extends Command["type"]>(s: Step, type: T): Extract<Command, { type: T }> {
  expect(s.command?.type).toBe(type);
  return s.command as Extract<Command, { type: T }>;
}

/** An add item brought to the "fill" phase (form submitted). */
function filled(target: AddTarget = RG, others: [JobAction, Target][] = []): Job {
  const steps = run(job([["add", target], ...others]), [searchFor(target, false), form(target.form.kind)]);
  const s = last(steps);
  cmd(s, "fill-inscription");
  return s.job;
}

/** A resign item brought to the "resilier" phase. */
function resiliating(target: ResignTarget = RESIGN_RG, others: [JobAction, Target][] = []): Job {
  const steps = run(job([["resign", target], ...others]), [
    searchFor(target, true),
    detail(target.siren ? `${target.siren}00012` : null, target.raisonSociale),
  ]);
  const s = last(steps);
  cmd(s, "resilier");
  return s.job;
}

// ---------------------------------------------------------------------------------------------------

describe("createJob", () => {
  it("starts running with every item pending at the start, and the default pace", () => {
    const j = createJob("abc", [{ action: "add", target: RG }], NOW);
    expect(j).toMatchObject({
      id: "abc",
      createdAt: "2025-03-10T09:30:00.000Z",
      status: "running",
      reason: null,
      paceMs: DEFAULT_PACE_MS,
      tabId: null,
      listUrl: null,
      current: 0,
    });
    expect(DEFAULT_PACE_MS).toBeGreaterThanOrEqual(1_500);
    expect(j.items).toEqual([
      {
        action: "add",
        target: RG,
        outcome: "pending",
        phase: "start",
        submitted: false,
        attempts: 0,
        errors: 0,
        steps: 0,
        tries: {},
        hops: 0,
        message: null,
        finishedAt: null,
      },
    ]);
  });

  it("an empty job is done at once", () => {
    const s = advance(createJob("e", [], NOW), plainList(), NOW);
    expect(s.job.status).toBe("done");
    expect(s.command).toBeNull();
  });
});

describe("rowMatches", () => {
  it("matches by SIREN and regime, case-insensitively", () => {
    expect(rowMatches({ regime: "régime général", siren: "526018155", numeroCompte: null }, RG)).toBe(true);
    expect(rowMatches({ regime: "Artisan Commerçant", siren: "526018155", numeroCompte: null }, RG)).toBe(
      false,
    );
    expect(rowMatches({ regime: "Régime Général", siren: "526018156", numeroCompte: null }, RG)).toBe(false);
  });

  it("without a regime, any account of the SIREN matches", () => {
    const t = { ...RESIGN_RG, regime: null };
    expect(rowMatches({ regime: "Profession Libérale", siren: "526018155", numeroCompte: null }, t)).toBe(
      true,
    );
  });

  it("a gérant matches by account number, whatever its spacing", () => {
    expect(
      rowMatches({ regime: GERANT_REGIME, siren: null, numeroCompte: "937 000 000 000 111 222" }, GERANT),
    ).toBe(true);
    expect(
      rowMatches({ regime: GERANT_REGIME, siren: null, numeroCompte: "937000000000111223" }, GERANT),
    ).toBe(false);
    expect(rowMatches({ regime: "Régime Général", siren: "526018155", numeroCompte: null }, GERANT)).toBe(
      false,
    );
  });

  it("a target with neither SIREN nor account matches nothing", () => {
    const t = { regime: null, siren: null, compte: null };
    expect(rowMatches({ regime: GERANT_REGIME, siren: null, numeroCompte: null }, t)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------

describe("add: reaching the list", () => {
  it("from another page goes to the list, counting hops", () => {
    const s = advance(job([["add", RG]]), ELSEWHERE, NOW);
    expect(s.command).toEqual({ type: "goto-list", url: null, delayMs: PACE });
    expect(item(s.job)).toMatchObject({ phase: "start", hops: 1 });
    expect(s.job.status).toBe("running");
  });

  it(`stops after ${MAX_HOPS} hops that never reach the list`, () => {
    const steps = run(job([["add", RG]]), Array(MAX_HOPS + 1).fill(ELSEWHERE));
    for (const s of steps.slice(0, MAX_HOPS)) cmd(s, "goto-list");
    expect(item(steps[MAX_HOPS - 1]?.job as Job).hops).toBe(MAX_HOPS);
    const end = last(steps);
    expect(end.command).toBeNull();
    expect(end.job.status).toBe("stopped");
    expect(end.job.reason).toContain("« Gérer les établissements » est introuvable");
    expect(item(end.job).outcome).toBe("pending");
  });

  it("the list resets the hop count", () => {
    const steps = run(job([["add", RG]]), [ELSEWHERE, ELSEWHERE, plainList()]);
    expect(item(last(steps).job).hops).toBe(0);
  });

  it("on the list without the search applied, searches by SIREN", () => {
    const s = advance(job([["add", RG]]), plainList(), NOW);
    expect(s.command).toEqual({ type: "search", siret: "526018155", compte: "", delayMs: PACE });
    expect(item(s.job)).toMatchObject({ phase: "search", attempts: 0 });
  });

  it("a gérant is searched by account number", () => {
    const s = advance(job([["add", GERANT]]), plainList(), NOW);
    expect(s.command).toEqual({ type: "search", siret: "", compte: "937000000000111222", delayMs: PACE });
  });

  it("the search of another SIREN is not taken for this target's", () => {
    const s = advance(job([["add", RG]]), searchFor(AC, false), NOW);
    expect(cmd(s, "search").siret).toBe("526018155");
  });

  it("learns the list's address from the first list page, without its query string", () => {
    const s1 = advance(job([["add", RG]]), plainList([], null, `${LIST_URL}?page=3&siret=`), NOW);
    expect(s1.job.listUrl).toBe(LIST_URL);
    const s2 = advance(s1.job, plainList([], null, "https://mon.urssaf.fr/ailleurs/etablissements?x=1"), NOW);
    expect(s2.job.listUrl).toBe(LIST_URL);
    const s3 = advance(s2.job, ELSEWHERE, NOW);
    expect(s3.command).toEqual({ type: "goto-list", url: LIST_URL, delayMs: PACE });
  });

  it.each([
    "javascript:alert(document.domain)",
    "http://mon.urssaf.fr/mon-profil/parametres/etablissements",
    "https://mon.urssaf.fr.example.test/etablissements",
  ])("never learns %s as the list's address: it follows the site's links instead", (url) => {
    const s1 = advance(job([["add", RG]]), plainList([], null, url), NOW);
    expect(s1.job.listUrl).toBeNull();
    expect(advance(s1.job, ELSEWHERE, NOW).command).toEqual({ type: "goto-list", url: null, delayMs: PACE });
  });

  it("keeps only an https Urssaf address of an older job, without its query", () => {
    expect(listAddress(`${LIST_URL}?page=2`)).toBe(LIST_URL);
    expect(listAddress("javascript:void(0)")).toBeNull();
    expect(listAddress("data:text/html,x")).toBeNull();
    expect(listAddress(null)).toBeNull();
  });
});

describe("add: the search decides", () => {
  it("an account already present is 'already', not submitted, and the next item starts", () => {
    const s = advance(
      job([
        ["add", RG],
        ["add", AC],
      ]),
      searchFor(RG, true),
      NOW,
    );
    expect(s.finished).toHaveLength(1);
    expect(s.finished[0]).toMatchObject({
      outcome: "already",
      submitted: false,
      message: "Déjà inscrit dans le portefeuille.",
      finishedAt: NOW.toISOString(),
    });
    expect(item(s.job, 0).outcome).toBe("already");
    expect(s.job.current).toBe(1);
    expect(s.job.status).toBe("running");
    // The next item starts from the same page: its own search.
    expect(s.command).toEqual({ type: "search", siret: "404833048", compte: "", delayMs: PACE });
    expect(item(s.job).phase).toBe("search");
  });

  it("an account already on the plain list is 'already' without a search", () => {
    const s = advance(job([["add", RG]]), plainList([OTHER_ROW, rowOf(RG)]), NOW);
    expect(s.finished[0]).toMatchObject({ outcome: "already", submitted: false });
    expect(s.job.status).toBe("done");
  });

  it("a present account on the last item finishes the job", () => {
    const s = advance(job([["add", RG]]), searchFor(RG, true), NOW);
    expect(s.job.status).toBe("done");
    expect(s.command).toBeNull();
    expect(s.finished.map((f) => f.outcome)).toEqual(["already"]);
  });

  it("absent: 'Inscrire' by SIREN", () => {
    const s = advance(job([["add", RG]]), searchFor(RG, false), NOW);
    expect(s.command).toEqual({ type: "inscrire", by: "siren", value: "526018155", delayMs: PACE });
    expect(item(s.job)).toMatchObject({ phase: "inscrire", submitted: false, outcome: "pending" });
  });

  it("absent gérant: 'Inscrire' by account number", () => {
    const s = advance(job([["add", GERANT]]), searchFor(GERANT, false), NOW);
    expect(s.command).toEqual({ type: "inscrire", by: "compte", value: "937000000000111222", delayMs: PACE });
  });

  it("a row of the same SIREN under another regime does not count as present", () => {
    const s = advance(
      job([["add", AC]]),
      searchFor(AC, false, [{ regime: "Régime Général", siren: "404833048", numeroCompte: null }]),
      NOW,
    );
    expect(cmd(s, "inscrire").value).toBe("404833048");
  });

  it("a gérant's row is found by its account number", () => {
    const s = advance(job([["add", GERANT]]), searchFor(GERANT, true, [OTHER_ROW]), NOW);
    expect(s.finished[0]?.outcome).toBe("already");
  });
});

describe("add: step 1 refused by the site", () => {
  const inscrire = () =>
    advance(
      job([
        ["add", RG],
        ["add", AC],
      ]),
      searchFor(RG, false),
      NOW,
    ).job;

  it("'déjà inscrit' is 'already' with the site's words", () => {
    const s = advance(
      inscrire(),
      plainList([], MSG.alreadyRegistered, `${LIST_URL}/inscription?siren=526018155`),
      NOW,
    );
    expect(s.finished[0]).toMatchObject({
      outcome: "already",
      message: MSG.alreadyRegistered,
      submitted: false,
    });
    expect(s.job.current).toBe(1);
    expect(cmd(s, "search").siret).toBe("404833048");
  });

  it.each([MSG.sirenInvalid, MSG.sirenUnknown, "Le Siren doit comporter 9 chiffres."])(
    "'%s' fails the item with the site's words",
    (message) => {
      const s = advance(inscrire(), plainList([], message), NOW);
      expect(s.finished[0]).toMatchObject({ outcome: "failed", message });
      expect(s.job.current).toBe(1);
      expect(s.job.status).toBe("running");
    },
  );

  it("a gérant's refusal too", () => {
    const j = advance(job([["add", GERANT]]), searchFor(GERANT, false), NOW).job;
    const s = advance(j, plainList([], MSG.gerantUnknown), NOW);
    expect(s.finished[0]).toMatchObject({ outcome: "failed", message: MSG.gerantUnknown });
    expect(s.job.status).toBe("done");
  });

  it("the search's own 'no result' notice, seen again before 'Inscrire' took effect, is not a refusal of step 1", () => {
    // E.g. the list is reloaded (or re-observed after a service-worker restart) between issuing
    // "inscrire" and the click: the page still shows the search with "Aucun compte ne correspond à
    // votre recherche.", which is the search's notice, not the site refusing the SIREN.
    const s = advance(inscrire(), searchFor(RG, false), NOW);
    expect(s.finished).toEqual([]);
    expect(cmd(s, "inscrire").value).toBe("526018155");
  });
});

describe("add: the inscription form", () => {
  const atForm = (t: AddTarget) =>
    advance(
      job([
        ["add", t],
        ["add", AC],
      ]),
      searchFor(t, false),
      NOW,
    ).job;

  it("fills the employer form with the target's data and the success alert, and marks it submitted", () => {
    const s = advance(atForm(RG), form("employeur"), NOW);
    expect(s.command).toEqual({
      type: "fill-inscription",
      form: { kind: "employeur", montant: "1 234,56", compteEmployeur: "117000000000123456" },
      services: ["Déclarer et payer", "Attestations"],
      courriels: ["Échéances"],
      expectAlert: "Votre modification a bien été prise en compte.",
      delayMs: PACE,
    });
    expect(SUCCESS_ALERT).toBe("Votre modification a bien été prise en compte.");
    expect(item(s.job)).toMatchObject({ phase: "fill", submitted: true, outcome: "pending" });
  });

  it("fills the self-employed form of a gérant", () => {
    const s = advance(atForm(GERANT), form("independant"), NOW);
    const c = cmd(s, "fill-inscription");
    expect(c.form).toEqual(GERANT.form);
    expect(c.courriels).toEqual(["Messagerie"]);
    expect(c.expectAlert).toBe(SUCCESS_ALERT);
  });

  it("a form of unknown kind is filled with the target's form", () => {
    const s = advance(atForm(AC), form(null), NOW);
    expect(cmd(s, "fill-inscription").form).toEqual(AC.form);
  });

  it("a form of the other kind fails the item (the register's type is wrong) and goes on", () => {
    const s = advance(atForm(RG), form("independant"), NOW);
    expect(s.finished[0]?.outcome).toBe("failed");
    expect(s.finished[0]?.message).toContain("formulaire indépendant");
    expect(s.finished[0]?.message).toContain("registre");
    expect(s.finished[0]?.submitted).toBe(false);
    expect(s.job.current).toBe(1);
    cmd(s, "goto-list");

    const s2 = advance(atForm(AC), form("employeur"), NOW);
    expect(s2.finished[0]?.message).toContain("formulaire employeur");
  });

  it("the form page before 'Inscrire' was issued sends back to the list", () => {
    const s = advance(job([["add", RG]]), form("employeur"), NOW);
    expect(s.command).toEqual({ type: "goto-list", url: null, delayMs: PACE });
    expect(item(s.job).phase).toBe("start");
  });

  it("the form page again with the site's error after filling fails with its words", () => {
    const s = advance(filled(RG, [["add", AC]]), form("employeur", MSG.wrongAmount), NOW);
    expect(s.finished[0]).toMatchObject({ outcome: "failed", message: MSG.wrongAmount, submitted: true });
    expect(s.job.current).toBe(1);
    cmd(s, "goto-list");
  });

  it("a self-employed form error too", () => {
    const s = advance(filled(AC), form("independant", MSG.badNir), NOW);
    expect(s.finished[0]).toMatchObject({ outcome: "failed", message: MSG.badNir });
    expect(s.job.status).toBe("done");
  });

  it("the form page seen again without a message after filling does not submit the form a second time", () => {
    // Seed 001 step 4: on success the site serves the form page again, whose script shows the alert
    // and then goes to the list. That page must not be filled and submitted again.
    const s = advance(filled(RG), form("employeur"), NOW);
    expect(s.command?.type).not.toBe("fill-inscription");
  });
});

describe("add: verification after 'Enregistrer'", () => {
  it("the list after filling is searched again (verify)", () => {
    const s = advance(filled(RG), plainList(), NOW);
    expect(s.command).toEqual({ type: "search", siret: "526018155", compte: "", delayMs: PACE });
    expect(item(s.job).phase).toBe("verify");
  });

  it("present after the search: done", () => {
    const [, s] = run(filled(RG, [["add", GERANT]]), [plainList(), searchFor(RG, true)]);
    expect(s?.finished[0]).toMatchObject({ outcome: "done", message: null, submitted: true });
    expect(s?.job.current).toBe(1);
    expect(s?.command).toEqual({ type: "search", siret: "", compte: "937000000000111222", delayMs: PACE });
  });

  it("present right away (the site kept the search): done", () => {
    const s = advance(filled(RG), searchFor(RG, true), NOW);
    expect(s.finished[0]?.outcome).toBe("done");
    expect(s.job.status).toBe("done");
  });

  it("the list the site shows after saving already holds the new account: done, no search", () => {
    const s = advance(filled(RG, [["add", GERANT]]), plainList([rowOf(RG), OTHER_ROW], null, LIST_URL), NOW);
    expect(s.finished[0]).toMatchObject({ outcome: "done", message: null, submitted: true });
    // The next client's own search, not a verification search of this one.
    expect(s.command).toEqual({ type: "search", siret: "", compte: "937000000000111222", delayMs: PACE });
  });

  it("a row of the same SIREN under another regime on the plain list proves nothing: search", () => {
    const otherRegime = { ...rowOf(RG), regime: "Artisan Commerçant" };
    const s = advance(filled(RG), plainList([otherRegime]), NOW);
    expect(cmd(s, "search").siret).toBe("526018155");
    expect(item(s.job).phase).toBe("verify");
  });

  it("a gérant's new account on the plain list is recognised by its account number", () => {
    const row = { regime: GERANT_REGIME, siren: null, numeroCompte: "937 000 000 000 111 222" };
    const s = advance(filled(GERANT), plainList([row]), NOW);
    expect(s.finished[0]?.outcome).toBe("done");
  });

  it("absent after the search: failed", () => {
    const [, s] = run(filled(RG), [plainList(), searchFor(RG, false)]);
    expect(s?.finished[0]?.outcome).toBe("failed");
    expect(s?.finished[0]?.message).toContain("n'apparaît pas dans la liste");
  });

  it("a 'déjà inscrit' refusal of the submission is checked by the search and counted as ours", () => {
    const [a, b] = run(filled(RG), [plainList([], MSG.alreadyRegistered), searchFor(RG, true)]);
    cmd(a as Step, "search");
    expect(b?.finished[0]?.outcome).toBe("done");
  });

  it("a gérant's whole add", () => {
    const steps = run(job([["add", GERANT]]), [
      ELSEWHERE,
      plainList(),
      searchFor(GERANT, false),
      form("independant"),
      plainList(),
      searchFor(GERANT, true),
    ]);
    expect(steps.map((s) => s.command?.type ?? null)).toEqual([
      "goto-list",
      "search",
      "inscrire",
      "fill-inscription",
      "search",
      null,
    ]);
    expect(last(steps).finished[0]?.outcome).toBe("done");
    expect(last(steps).job.status).toBe("done");
  });
});

// ---------------------------------------------------------------------------------------------------

describe("a list that is not whole never proves an absence", () => {
  const WHY = "aucune ligne et aucun message « Aucun compte »";
  /** The search result page, its rows not there yet (rendered late, fetched), reported after its grace. */
  const partial = (t: Target, present = false): ListObs => ({
    ...searchFor(t, present),
    notice: null,
    incomplete: WHY,
  });

  it("add: the search shows no row yet: the list again, never « Inscrire »", () => {
    const s = advance(job([["add", RG]]), partial(RG), NOW);
    expect(s.command).toEqual({ type: "goto-list", url: LIST_URL, delayMs: PACE * 2 });
    expect(item(s.job)).toMatchObject({ outcome: "pending", errors: 1 });
  });

  it("add: a list that stays incomplete fails the client with the reason, without adding it", () => {
    // The plain list the retry loads is not whole either (the site renders its lists late).
    const plain: ListObs = { ...plainList([], null, LIST_URL), incomplete: WHY };
    const steps = run(job([["add", RG]]), [
      partial(RG),
      plain,
      partial(RG),
      plain,
      partial(RG),
      plain,
      partial(RG),
    ]);
    expect(steps.map((x) => x.command?.type ?? null)).toEqual([
      "goto-list",
      "search",
      "goto-list",
      "search",
      "goto-list",
      "search",
      null,
    ]);
    const ended = last(steps).finished[0];
    expect(ended?.outcome).toBe("failed");
    expect(ended?.message).toBe(
      `La liste des comptes ne s'affiche pas entièrement (${WHY}), 4 fois de suite : impossible de savoir si SARL BOULANGERIE MARTIN (SIREN 526018155) y est.`,
    );
  });

  it("add: the rows arrive at the next look: the add goes on as usual", () => {
    const steps = run(job([["add", RG]]), [partial(RG), plainList([], null, LIST_URL), searchFor(RG, false)]);
    expect(steps.map((x) => x.command?.type)).toEqual(["goto-list", "search", "inscrire"]);
    expect(item(last(steps).job).errors).toBe(0);
  });

  it("add, after « Enregistrer »: an incomplete list is not « n'apparaît pas », the check is made again", () => {
    const [a, b, c] = run(filled(RG), [partial(RG), plainList([], null, LIST_URL), searchFor(RG, true)]);
    cmd(a as Step, "goto-list");
    expect(a?.finished).toEqual([]);
    expect(item(a?.job as Job)).toMatchObject({ submitted: true, outcome: "pending" });
    expect(cmd(b as Step, "search").siret).toBe("526018155");
    expect(item(b?.job as Job).phase).toBe("verify");
    expect(c?.finished[0]).toMatchObject({ outcome: "done", message: null });
  });

  it("add: a row of the target on an incomplete list is proof enough", () => {
    const s = advance(filled(RG), partial(RG, true), NOW);
    expect(s.finished[0]).toMatchObject({ outcome: "done" });
  });

  it("add: an incomplete plain list still means « search » (absent from a list is never « absent »)", () => {
    const s = advance(job([["add", RG]]), { ...plainList([]), incomplete: WHY }, NOW);
    expect(cmd(s, "search").siret).toBe("526018155");
  });

  it("resign: an incomplete search result is not « absent du portefeuille »", () => {
    const s = advance(job([["resign", RESIGN_RG]]), partial(RESIGN_RG), NOW);
    expect(s.finished).toEqual([]);
    cmd(s, "goto-list");
  });

  it("resign, after « Résilier »: an incomplete list is not « done »", () => {
    const s = advance(resiliating(RESIGN_RG), partial(RESIGN_RG), NOW);
    expect(s.finished).toEqual([]);
    cmd(s, "goto-list");
    expect(item(s.job).phase).toBe("resilier");
  });

  it("resign: the row on an incomplete list opens its detail", () => {
    const s = advance(job([["resign", RESIGN_RG]]), partial(RESIGN_RG, true), NOW);
    expect(cmd(s, "open-detail").row).toEqual(rowOf(RESIGN_RG));
  });
});

// ---------------------------------------------------------------------------------------------------

describe("resign", () => {
  it("absent from the search: 'already', nothing to resign", () => {
    const s = advance(job([["resign", RESIGN_RG]]), searchFor(RESIGN_RG, false), NOW);
    expect(s.finished[0]).toMatchObject({
      outcome: "already",
      message: "Absent du portefeuille : rien à résilier.",
    });
    expect(s.job.status).toBe("done");
  });

  it("only a row of the same SIREN under another regime: absent", () => {
    const s = advance(
      job([["resign", RESIGN_RG]]),
      searchFor(RESIGN_RG, false, [{ regime: "Artisan Commerçant", siren: "526018155", numeroCompte: null }]),
      NOW,
    );
    expect(s.finished[0]?.outcome).toBe("already");
  });

  it("present: opens the detail of that row", () => {
    const other = { regime: "Artisan Commerçant", siren: "526018155", numeroCompte: null };
    const obs = searchFor(RESIGN_RG, false, [other, rowOf(RESIGN_RG)]);
    const s = advance(job([["resign", RESIGN_RG]]), obs, NOW);
    expect(s.command).toEqual({ type: "open-detail", row: rowOf(RESIGN_RG), delayMs: PACE });
    expect(item(s.job).phase).toBe("detail");
  });

  it("a row of the account on the plain list: opens its detail without searching", () => {
    const s = advance(job([["resign", RESIGN_RG]]), plainList([OTHER_ROW, rowOf(RESIGN_RG)]), NOW);
    expect(s.command).toEqual({ type: "open-detail", row: rowOf(RESIGN_RG), delayMs: PACE });
  });

  it("absent from the plain list proves nothing: searches", () => {
    const s = advance(job([["resign", RESIGN_RG]]), plainList([OTHER_ROW]), NOW);
    expect(cmd(s, "search").siret).toBe("526018155");
    expect(s.finished).toEqual([]);
  });

  it("a gérant's row is opened by its account number", () => {
    const row = { regime: GERANT_REGIME, siren: null, numeroCompte: "937 000 000 000 111 222" };
    const s = advance(
      job([["resign", RESIGN_GERANT]]),
      searchFor(RESIGN_GERANT, false, [OTHER_ROW, row]),
      NOW,
    );
    expect(cmd(s, "open-detail").row).toEqual(row);
  });

  it("the detail of the expected SIRET: 'Résilier', the dialog must name the regime and the SIREN", () => {
    const j = advance(job([["resign", RESIGN_RG]]), searchFor(RESIGN_RG, true), NOW).job;
    const s = advance(j, detail("526 018 155 00012", "SARL BOULANGERIE MARTIN"), NOW);
    expect(s.command).toEqual({
      type: "resilier",
      mustContain: ["Régime Général", "526018155"],
      delayMs: PACE,
    });
    expect(item(s.job).phase).toBe("resilier");
    // The site's real confirmation names both.
    for (const part of cmd(s, "resilier").mustContain) expect(MSG.confirmRg).toContain(part);
  });

  it("a gérant's dialog must name the account number", () => {
    const j = advance(job([["resign", RESIGN_GERANT]]), searchFor(RESIGN_GERANT, true), NOW).job;
    const s = advance(j, detail(null, "MME DUPONT"), NOW);
    const c = cmd(s, "resilier");
    expect(c.mustContain).toEqual(["937000000000111222"]);
    const confirm = `Veuillez confirmer la suppression immédiate de l'inscription ${GERANT_REGIME} n° 937000000000111222`;
    for (const part of c.mustContain) expect(confirm).toContain(part);
  });

  it("the detail of another SIRET stops the job and resigns nothing", () => {
    const j = advance(
      job([
        ["resign", RESIGN_RG],
        ["resign", RESIGN_PL],
      ]),
      searchFor(RESIGN_RG, true),
      NOW,
    ).job;
    const s = advance(j, detail("40483304800010", "AUTRE SOCIETE"), NOW);
    expect(s.command).toBeNull();
    expect(s.job.status).toBe("stopped");
    expect(s.job.reason).toContain("40483304800010");
    expect(s.job.reason).toContain("SARL BOULANGERIE MARTIN (SIREN 526018155)");
    expect(s.job.reason).toContain("rien n'a été résilié");
    expect(item(s.job).outcome).toBe("pending");
    expect(s.job.current).toBe(0);
    expect(advance(s.job, detail("52601815500012"), NOW).command).toBeNull();
  });

  it("a detail that shows no SIRET is not taken for the expected SIREN's", () => {
    // E.g. the pencil opened a gérant's account ("Non sirétisé") instead of 526018155's.
    const j = advance(job([["resign", RESIGN_RG]]), searchFor(RESIGN_RG, true), NOW).job;
    const s = advance(j, detail(null, "MME DUPONT (Gérant) 31000 TOULOUSE"), NOW);
    expect(s.command?.type).not.toBe("resilier");
  });

  it("a gérant's resignation is not confirmed from the detail of a SIRET", () => {
    const j = advance(job([["resign", RESIGN_GERANT]]), searchFor(RESIGN_GERANT, true), NOW).job;
    const s = advance(j, detail("52601815500012", "SARL BOULANGERIE MARTIN"), NOW);
    expect(s.command?.type).not.toBe("resilier");
  });

  it("a detail page before the row was opened sends back to the list", () => {
    const s = advance(job([["resign", RESIGN_RG]]), detail("52601815500012"), NOW);
    expect(s.command).toEqual({ type: "goto-list", url: null, delayMs: PACE });
  });

  it("a detail page during an add sends back to the list", () => {
    const s = advance(job([["add", RG]]), detail("52601815500012"), NOW);
    cmd(s, "goto-list");
  });

  it("the inscription form during a resignation sends back to the list", () => {
    const s = advance(job([["resign", RESIGN_RG]]), form("employeur"), NOW);
    cmd(s, "goto-list");
  });

  it("the list after 'Résilier' is searched again (verify)", () => {
    const s = advance(resiliating(), plainList(), NOW);
    expect(s.command).toEqual({ type: "search", siret: "526018155", compte: "", delayMs: PACE });
    expect(item(s.job).phase).toBe("verify");
  });

  it("verify: absent → done", () => {
    const [, s] = run(resiliating(RESIGN_RG, [["add", AC]]), [plainList(), searchFor(RESIGN_RG, false)]);
    expect(s?.finished[0]).toMatchObject({ outcome: "done", message: null });
    expect(s?.job.current).toBe(1);
    expect(cmd(s as Step, "search").siret).toBe("404833048");
  });

  it("verify: still present → failed", () => {
    const [, s] = run(resiliating(), [plainList(), searchFor(RESIGN_RG, true)]);
    expect(s?.finished[0]?.outcome).toBe("failed");
    expect(s?.finished[0]?.message).toContain("toujours dans la liste");
  });

  it("verify: the account still on the plain list → failed, without a search", () => {
    const s = advance(resiliating(), plainList([rowOf(RESIGN_RG)]), NOW);
    expect(s.finished[0]?.outcome).toBe("failed");
    expect(s.finished[0]?.message).toContain("toujours dans la liste");
  });

  it("verify: a row of the same SIREN under another regime left in the list is fine", () => {
    const [, s] = run(resiliating(), [
      plainList(),
      searchFor(RESIGN_RG, false, [
        { regime: "Profession Libérale", siren: "526018155", numeroCompte: null },
      ]),
    ]);
    expect(s?.finished[0]?.outcome).toBe("done");
  });

  it("the list right after 'Résilier' showing the account still there is a failure, not a new résiliation", () => {
    const s = advance(resiliating(), searchFor(RESIGN_RG, true), NOW);
    expect(s.command?.type).not.toBe("open-detail");
    expect(s.finished[0]?.outcome).toBe("failed");
  });

  it("the list right after 'Résilier' without the account: done", () => {
    const s = advance(resiliating(), searchFor(RESIGN_RG, false), NOW);
    expect(s.finished[0]?.outcome).toBe("done");
  });

  it("still on the detail after 'Résilier': back to the list to verify", () => {
    const s = advance(resiliating(), detail("52601815500012"), NOW);
    expect(s.command).toEqual({ type: "goto-list", url: LIST_URL, delayMs: PACE });
    expect(item(s.job).phase).toBe("verify");
  });

  it("a gérant's whole resignation", () => {
    const steps = run(job([["resign", RESIGN_GERANT]]), [
      plainList(),
      searchFor(RESIGN_GERANT, true),
      detail(null),
      plainList(),
      searchFor(RESIGN_GERANT, false),
    ]);
    expect(steps.map((s) => s.command?.type ?? null)).toEqual([
      "search",
      "open-detail",
      "resilier",
      "search",
      null,
    ]);
    expect(last(steps).finished[0]?.outcome).toBe("done");
  });
});

// ---------------------------------------------------------------------------------------------------

describe("faults", () => {
  it("the login page: waiting for the user, in French, and no command", () => {
    const s = advance(job([["add", RG]]), CONNEXION, NOW);
    expect(s.command).toBeNull();
    expect(s.job.status).toBe("waiting-login");
    expect(s.job.reason).toBe("La session Urssaf a expiré : reconnectez-vous, le travail reprendra ensuite.");
    expect(advance(s.job, plainList(), NOW).command).toBeNull();
  });

  it("resume after login: running again with the step counters reset", () => {
    const [, , s] = run(job([["add", RG]]), [plainList(), plainList(), CONNEXION]);
    expect(item(s?.job as Job).attempts).toBe(1);
    const resumed = control(s?.job as Job, "resume");
    expect(resumed.status).toBe("running");
    expect(resumed.reason).toBeNull();
    expect(item(resumed)).toMatchObject({ attempts: 0, hops: 0, phase: "search" });
    const next = advance(resumed, searchFor(RG, false), NOW);
    cmd(next, "inscrire");
  });

  it("an HTTP error page: back to the list with back-off pace×2, ×4, ×8, then the item fails and the job goes on", () => {
    const start = advance(
      job([
        ["add", RG],
        ["add", AC],
      ]),
      plainList(),
      NOW,
    ).job;
    const steps = run(start, [ERREUR, ERREUR, ERREUR, ERREUR]);
    expect(steps.slice(0, 3).map((s) => s.command)).toEqual([
      { type: "goto-list", url: LIST_URL, delayMs: PACE * 2 },
      { type: "goto-list", url: LIST_URL, delayMs: PACE * 4 },
      { type: "goto-list", url: LIST_URL, delayMs: PACE * 8 },
    ]);
    expect(steps.slice(0, 3).map((s) => item(s.job).errors)).toEqual([1, 2, 3]);
    expect(item(steps[2]?.job as Job).phase).toBe("search");
    const end = last(steps);
    expect(end.finished[0]?.outcome).toBe("failed");
    expect(end.finished[0]?.errors).toBe(4);
    expect(end.finished[0]?.message).toContain(MSG.http500);
    expect(end.job.current).toBe(1);
    expect(end.job.status).toBe("running");
    expect(end.command).toEqual({ type: "goto-list", url: LIST_URL, delayMs: PACE });
  });

  it("a page that never loads: retried from the list with back-off, then the item fails and the job goes on", () => {
    let j = advance(
      job([
        ["add", RG],
        ["add", AC],
      ]),
      plainList(),
      NOW,
    ).job;
    const steps: Step[] = [];
    for (let i = 0; i <= MAX_ATTEMPTS; i++) {
      const s = onTimeout(j, NOW);
      steps.push(s);
      j = s.job;
    }
    expect(steps.slice(0, 3).map((s) => s.command)).toEqual([
      { type: "goto-list", url: LIST_URL, delayMs: PACE * 2 },
      { type: "goto-list", url: LIST_URL, delayMs: PACE * 4 },
      { type: "goto-list", url: LIST_URL, delayMs: PACE * 8 },
    ]);
    expect(item(steps[2]?.job as Job)).toMatchObject({ errors: 3, phase: "search" });
    const end = last(steps);
    expect(end.finished[0]).toMatchObject({
      outcome: "failed",
      errors: 4,
      message: `La page ne s'est pas chargée en ${PAGE_TIMEOUT_MS / 1000} s, 4 fois de suite.`,
    });
    expect(end.job).toMatchObject({ current: 1, status: "running" });
    expect(end.command).toEqual({ type: "goto-list", url: LIST_URL, delayMs: PACE });
  });

  it("a page that loads after a timeout ends the run of errors", () => {
    const start = advance(job([["add", RG]]), plainList(), NOW).job;
    const late = onTimeout(onTimeout(start, NOW).job, NOW).job;
    expect(item(late).errors).toBe(2);
    const back = advance(late, plainList(), NOW);
    expect(item(back.job).errors).toBe(0);
    cmd(back, "search");
  });

  it("a timeout while the job waits (pause, login) changes nothing", () => {
    const paused = control(advance(job([["add", RG]]), plainList(), NOW).job, "pause");
    expect(onTimeout(paused, NOW)).toEqual({ job: paused, command: null, finished: [] });
  });

  it("a portfolio read that never loads a page stops after the retries, keeping what it read", () => {
    let j = createReadJob("r", NOW, PACE, LIST_URL);
    j = { ...j, read: { accounts: [rowOf(RG)], pages: [LIST_URL], errors: 0, hops: 0 } };
    const steps: Step[] = [];
    for (let i = 0; i <= MAX_ATTEMPTS; i++) {
      const s = onTimeout(j, NOW);
      steps.push(s);
      j = s.job;
    }
    expect(steps.slice(0, 3).map((s) => s.command?.delayMs)).toEqual([PACE * 2, PACE * 4, PACE * 8]);
    expect(last(steps).job.status).toBe("stopped");
    expect(last(steps).job.reason).toContain("la lecture est arrêtée");
    expect(last(steps).job.read?.accounts).toHaveLength(1);
  });

  it("an HTTP error on the last item ends the job", () => {
    const steps = run(job([["add", RG]]), [ERREUR, ERREUR, ERREUR, ERREUR]);
    expect(last(steps).job.status).toBe("done");
    expect(last(steps).finished[0]?.outcome).toBe("failed");
  });

  it("an HTTP error after 'Enregistrer' keeps the item submitted, and the verification follows", () => {
    const [a, b, c] = run(filled(RG), [ERREUR, plainList(), searchFor(RG, true)]);
    cmd(a as Step, "goto-list");
    expect(item(a?.job as Job)).toMatchObject({ phase: "fill", submitted: true });
    expect(item(b?.job as Job).phase).toBe("verify");
    expect(c?.finished[0]?.outcome).toBe("done");
  });

  it("a page not understood stops the job with the missing labels", () => {
    const s = advance(
      job([["add", RG]]),
      { page: "not-understood", kind: "etablissements", missing: ["Rechercher", "Inscrire"] },
      NOW,
    );
    expect(s.command).toBeNull();
    expect(s.job.status).toBe("stopped");
    expect(s.job.reason).toContain("etablissements");
    expect(s.job.reason).toContain("Rechercher, Inscrire");
    expect(s.job.reason).toContain("rien n'a été cliqué");
    expect(item(s.job).outcome).toBe("pending");
  });

  it("a refused dialog stops the job with its text", () => {
    const text =
      "Veuillez confirmer la suppression immédiate de l'inscription Comptes Régime Général du siren 404833048";
    const s = onEvent(resiliating(), { type: "dialog-refused", text });
    expect(s.command).toBeNull();
    expect(s.job.status).toBe("stopped");
    expect(s.job.reason).toContain(text);
    expect(s.job.reason).toContain("SARL BOULANGERIE MARTIN (SIREN 526018155)");
    expect(item(s.job).message).toBe(`Confirmation refusée : « ${text} »`);
    expect(item(s.job).outcome).toBe("pending");
  });

  it("a missing dialog stops the job", () => {
    const s = onEvent(resiliating(), { type: "dialog-missing" });
    expect(s.command).toBeNull();
    expect(s.job.status).toBe("stopped");
    expect(s.job.reason).toContain("n'est pas apparue");
  });

  it("a failed action stops the job with its reason", () => {
    const s = onEvent(job([["add", RG]]), {
      type: "action-failed",
      reason: "Bouton « Inscrire » introuvable.",
    });
    expect(s.job).toMatchObject({ status: "stopped", reason: "Bouton « Inscrire » introuvable." });
  });

  it("events on a job that is not running change nothing", () => {
    const paused = control(job([["add", RG]]), "pause");
    const s = onEvent(paused, { type: "dialog-missing" });
    expect(s.job).toBe(paused);
    expect(s.command).toBeNull();
  });

  it(`the search repeated without effect fails the item after ${MAX_ATTEMPTS} tries`, () => {
    const steps = run(
      job([
        ["add", RG],
        ["add", AC],
      ]),
      Array(MAX_ATTEMPTS + 1).fill(plainList()),
    );
    expect(steps.slice(0, MAX_ATTEMPTS).map((s) => s.command?.type)).toEqual(
      Array(MAX_ATTEMPTS).fill("search"),
    );
    expect(steps.slice(0, MAX_ATTEMPTS).map((s) => item(s.job).attempts)).toEqual([0, 1, 2]);
    const end = last(steps);
    expect(end.finished[0]?.outcome).toBe("failed");
    expect(end.finished[0]?.message).toContain("« search » répétée");
    expect(end.job.current).toBe(1);
    expect(cmd(end, "search").siret).toBe("404833048");
  });

  it("'Inscrire' repeated without effect fails the item", () => {
    // (Without the "no result" notice, so that only the repetition is at stake.)
    const steps = run(
      job([["add", RG]]),
      Array(MAX_ATTEMPTS + 1).fill({ ...searchFor(RG, false), message: null }),
    );
    expect(steps.slice(0, MAX_ATTEMPTS).every((s) => s.command?.type === "inscrire")).toBe(true);
    expect(last(steps).finished[0]?.outcome).toBe("failed");
    expect(last(steps).finished[0]?.message).toContain("« inscrire »");
  });

  it("opening the detail repeated without effect fails the item", () => {
    const steps = run(job([["resign", RESIGN_RG]]), Array(MAX_ATTEMPTS + 1).fill(searchFor(RESIGN_RG, true)));
    expect(steps.slice(0, MAX_ATTEMPTS).every((s) => s.command?.type === "open-detail")).toBe(true);
    expect(last(steps).finished[0]?.outcome).toBe("failed");
  });

  it("the verification search repeated without effect fails the item", () => {
    const steps = run(filled(RG), Array(MAX_ATTEMPTS + 1).fill(plainList()));
    expect(last(steps).finished[0]?.outcome).toBe("failed");
    expect(last(steps).finished[0]?.message).toContain("« verify »");
  });

  it("'Inscrire' that brings back the plain list each time does not loop forever (search ↔ inscrire)", () => {
    // The click on "Inscrire" has no effect and the site shows the list without the search: the
    // machine searches again, then clicks "Inscrire" again… each phase change resets `attempts`.
    let j = job([["add", RG]]);
    let commands = 0;
    for (let i = 0; i < 40 && j.status === "running" && item(j, 0).outcome === "pending"; i++) {
      const s = advance(j, i % 2 === 0 ? plainList() : searchFor(RG, false), NOW);
      if (s.command) commands++;
      j = s.job;
    }
    expect(item(j, 0).outcome).not.toBe("pending");
    expect(commands).toBeLessThanOrEqual(2 * MAX_ATTEMPTS + 2);
  });

  it("opening the detail that brings back the plain list each time does not loop forever (search ↔ open-detail)", () => {
    let j = job([["resign", RESIGN_RG]]);
    let commands = 0;
    for (let i = 0; i < 40 && j.status === "running" && item(j, 0).outcome === "pending"; i++) {
      const s = advance(j, i % 2 === 0 ? plainList() : searchFor(RESIGN_RG, true), NOW);
      if (s.command) commands++;
      j = s.job;
    }
    expect(item(j, 0).outcome).not.toBe("pending");
    expect(commands).toBeLessThanOrEqual(2 * MAX_ATTEMPTS + 2);
  });

  it("a page that stays on the detail while told to go to the list does not loop forever", () => {
    let j = job([["add", RG]]);
    let commands = 0;
    for (let i = 0; i < 40 && j.status === "running"; i++) {
      const s = advance(j, detail("52601815500012"), NOW);
      if (s.command) commands++;
      j = s.job;
    }
    expect(commands).toBeLessThanOrEqual(MAX_HOPS + MAX_ATTEMPTS);
  });
});

// ---------------------------------------------------------------------------------------------------

describe("control", () => {
  it("pause: no command while paused, then resume", () => {
    const paused = control(job([["add", RG]]), "pause");
    expect(paused).toMatchObject({ status: "paused", reason: "Mis en pause." });
    for (const obs of [plainList(), searchFor(RG, false), ELSEWHERE, ERREUR, CONNEXION]) {
      const s = advance(paused, obs, NOW);
      expect(s.command).toBeNull();
      expect(s.job).toBe(paused);
    }
    const resumed = control(paused, "resume");
    expect(resumed).toMatchObject({ status: "running", reason: null });
    cmd(advance(resumed, plainList(), NOW), "search");
  });

  it("pause does nothing unless running", () => {
    const waiting = advance(job([["add", RG]]), CONNEXION, NOW).job;
    expect(control(waiting, "pause")).toBe(waiting);
  });

  it("cancel skips the remaining items and keeps the finished ones", () => {
    const s = advance(
      job([
        ["add", RG],
        ["add", AC],
        ["resign", RESIGN_PL],
      ]),
      searchFor(RG, true),
      NOW,
    );
    const cancelled = control(s.job, "cancel");
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.reason).toBe("Annulé.");
    expect(cancelled.items.map((i) => i.outcome)).toEqual(["already", "skipped", "skipped"]);
    expect(advance(cancelled, searchFor(AC, false), NOW).command).toBeNull();
    expect(control(cancelled, "resume")).toBe(cancelled);
    expect(progress(cancelled)).toMatchObject({
      total: 3,
      finished: 3,
      already: 1,
      skipped: 2,
      currentName: null,
    });
  });

  it("a finished job ignores controls", () => {
    const done = advance(job([["add", RG]]), searchFor(RG, true), NOW).job;
    expect(done.status).toBe("done");
    expect(control(done, "cancel")).toBe(done);
    expect(control(done, "resume")).toBe(done);
    expect(control(done, "pause")).toBe(done);
  });

  it("resume a stopped job", () => {
    const stopped = advance(
      job([["add", RG]]),
      { page: "not-understood", kind: "etablissements", missing: ["Rechercher"] },
      NOW,
    ).job;
    const resumed = control(stopped, "resume");
    expect(resumed.status).toBe("running");
    cmd(advance(resumed, plainList(), NOW), "search");
  });
});

describe("a whole job and its progress", () => {
  it("runs every item and is done when the last one finishes", () => {
    let j = job([
      ["add", RG],
      ["add", AC],
      ["resign", RESIGN_PL],
      ["add", GERANT],
    ]);
    expect(progress(j)).toEqual({
      total: 4,
      finished: 0,
      done: 0,
      already: 0,
      failed: 0,
      skipped: 0,
      currentName: "SARL BOULANGERIE MARTIN (SIREN 526018155)",
    });
    const finished: JobItem[] = [];
    const see = (obs: Observation) => {
      const s = advance(j, obs, NOW);
      finished.push(...s.finished);
      j = s.job;
      return s;
    };
    // RG: added.
    see(ELSEWHERE);
    see(plainList());
    see(searchFor(RG, false));
    see(form("employeur"));
    see(plainList());
    see(searchFor(RG, true));
    expect(progress(j)).toMatchObject({ finished: 1, done: 1, currentName: targetName(AC) });
    // AC: already there.
    see(searchFor(AC, true));
    // PL: absent, nothing to resign.
    see(searchFor(RESIGN_PL, false));
    expect(progress(j).currentName).toBe("MME DUPONT (Gérant) 31000 TOULOUSE (compte 937000000000111222)");
    // Gérant: refused at step 1.
    see(searchFor(GERANT, false));
    const s = see(plainList([], MSG.gerantUnknown));
    expect(s.command).toBeNull();
    expect(j.status).toBe("done");
    expect(finished.map((f) => [f.target.clientId, f.outcome])).toEqual([
      ["c-rg", "done"],
      ["c-ac", "already"],
      [null, "already"],
      ["c-gerant", "failed"],
    ]);
    expect(progress(j)).toEqual({
      total: 4,
      finished: 4,
      done: 1,
      already: 2,
      failed: 1,
      skipped: 0,
      currentName: null,
    });
    expect(advance(j, plainList(), NOW).command).toBeNull();
  });

  it("targetName: raison sociale and identifier, or the identifier alone", () => {
    expect(targetName(RG)).toBe("SARL BOULANGERIE MARTIN (SIREN 526018155)");
    expect(targetName(RESIGN_PL)).toBe("SIREN 732829320");
    expect(targetName({ ...RESIGN_GERANT, raisonSociale: null })).toBe("compte 937000000000111222");
    expect(targetName({ ...RESIGN_GERANT, raisonSociale: null, compte: null })).toBe("compte ?");
  });
});

// ---------------------------------------------------------------------------------------------------
// Property: random sequences of plausible observations for the current target, faults included.
// ---------------------------------------------------------------------------------------------------

type Recipe =
  | {
      kind: "list";
      searched: boolean;
      present: boolean;
      sameSirenOtherRegime: boolean;
      message: string | null;
    }
  | { kind: "form"; form: "employeur" | "independant" | null; message: string | null }
  | { kind: "detail"; which: "expected" | "other" | "none" }
  | { kind: "elsewhere" }
  | { kind: "erreur" }
  | { kind: "connexion" }
  | { kind: "not-understood" };

const recipeArb: fc.Arbitrary<Recipe> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant("list" as const),
      searched: fc.boolean(),
      present: fc.boolean(),
      sameSirenOtherRegime: fc.boolean(),
      message: fc.option(
        fc.constantFrom<string>(MSG.alreadyRegistered, MSG.sirenInvalid, MSG.sirenUnknown, MSG.gerantUnknown),
        { freq: 4 },
      ),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("form" as const),
      form: fc.constantFrom<"employeur" | "independant" | null>("employeur", "independant", null),
      message: fc.option(
        fc.constantFrom<string>(MSG.wrongAmount, MSG.badNir, "Tous les champs sont obligatoires."),
        {
          freq: 3,
        },
      ),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("detail" as const),
      which: fc.constantFrom<"expected" | "other" | "none">("expected", "expected", "other", "none"),
    }),
  },
  { weight: 3, arbitrary: fc.constant({ kind: "elsewhere" as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: "erreur" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "connexion" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "not-understood" as const }) },
);

function observe(r: Recipe, t: Target): Observation {
  switch (r.kind) {
    case "list": {
      if (!r.searched) return plainList(r.present ? [rowOf(t), OTHER_ROW] : [OTHER_ROW], r.message, LIST_URL);
      const extra: RowSeen[] =
        r.sameSirenOtherRegime && t.siren
          ? [
              {
                regime: t.regime === "Artisan Commerçant" ? "Régime Général" : "Artisan Commerçant",
                siren: t.siren,
                numeroCompte: null,
              },
            ]
          : [];
      const obs = searchFor(t, r.present, extra);
      return r.message ? { ...obs, message: r.message } : obs;
    }
    case "form":
      return form(r.form, r.message);
    case "detail":
      if (r.which === "expected") return detail(t.siren ? `${t.siren}00012` : null, t.raisonSociale);
      if (r.which === "other") return detail("55210055400013", "AUTRE SOCIETE");
      return detail(null, null);
    case "elsewhere":
      return ELSEWHERE;
    case "erreur":
      return ERREUR;
    case "connexion":
      return CONNEXION;
    case "not-understood":
      return { page: "not-understood", kind: "etablissements", missing: ["Inscrire"] };
  }
}

function showsSearchOf(obs: ListObs, t: Target): boolean {
  return t.siren
    ? digits(obs.searchSiret) === t.siren && digits(obs.searchCompte) === ""
    : digits(obs.searchSiret) === "" && digits(obs.searchCompte) === digits(t.compte);
}

/**
 * A generous bound on the commands of one item: every phase (search, inscrire/detail, fill/resilier,
 * verify) may be retried MAX_ATTEMPTS times, each try after up to MAX_HOPS hops, plus the HTTP
 * retries. Anything beyond is a loop.
 */
const BOUND = 5 * (MAX_ATTEMPTS + 1) * (MAX_HOPS + 1) + MAX_ATTEMPTS + 1;

const ALL_ITEMS: [JobAction, Target][] = [
  ["add", RG],
  ["add", AC],
  ["add", GERANT],
  ["resign", RESIGN_RG],
  ["resign", RESIGN_PL],
  ["resign", RESIGN_GERANT],
];

describe("property: random observations", () => {
  it("never loops on an item, never resigns outside the expected detail, never adds a present account", () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(ALL_ITEMS, { minLength: 1 }),
        // A few random pages, then a site that keeps doing the same thing (how loops happen).
        fc.array(recipeArb, { maxLength: 30 }),
        fc.array(recipeArb, { minLength: 1, maxLength: 5 }),
        (items, prefix, cycle) => {
          const recipes = [
            ...prefix,
            ...Array.from({ length: 300 }, (_, i) => cycle[i % cycle.length] as Recipe),
          ];
          let j = job(items, 1_500);
          let itemIndex = j.current;
          let commands = 0;
          const lists: ListObs[] = [];
          for (const recipe of recipes) {
            if (j.status === "waiting-login") {
              j = control(j, "resume");
              commands = 0;
            }
            if (j.status !== "running") break;
            const obs = observe(recipe, item(j).target);
            if (obs.page === "etablissements") lists.push(obs);
            const s = advance(j, obs, NOW);
            if (s.job.current !== itemIndex) {
              itemIndex = s.job.current;
              commands = 0;
            }
            const c = s.command;
            if (c) {
              commands++;
              expect(commands, `commands for item ${itemIndex}`).toBeLessThanOrEqual(BOUND);
              const t = item(s.job).target;
              if (c.type === "resilier") {
                expect(obs.page).toBe("etablissement-detail");
                if (obs.page === "etablissement-detail") {
                  if (t.siren)
                    expect(digits(obs.siret).startsWith(t.siren), `detail ${obs.siret}`).toBe(true);
                  else expect(obs.siret, "a gérant's detail has no SIRET").toBeNull();
                }
              }
              if (c.type === "inscrire") {
                const lastSearch = [...lists].reverse().find((l) => showsSearchOf(l, t));
                expect(lastSearch, "inscrire without a search").toBeDefined();
                expect(lastSearch?.rows.some((r) => rowMatches(r, t))).toBe(false);
              }
            } else {
              expect(
                s.job.status === "running" && s.job.current === j.current && s.finished.length === 0,
              ).toBe(false);
            }
            // Invariants of every step.
            expect(s.job.current).toBeGreaterThanOrEqual(j.current);
            for (const f of s.finished) expect(f.outcome).not.toBe("pending");
            j = s.job;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
