// Benchmark of the reminders (issue "Reminders…"): recomputing all reminders for 10,000 clients,
// goal ≤ 200 ms. Measured twice: the pure rules (compute, agenda, notification plan, badge) and the
// background service's whole refresh (register read from an in-memory storage, notifications and badge
// to a fake browser, alarm). Median of several runs after a warm-up.

import { MIGRATIONS } from "../../src/core/storage/schema.ts";
import { createStore } from "../../src/core/storage/store.ts";
import type { Client } from "../../src/register/model/register.ts";
import { createRegisterStore } from "../../src/register/store.ts";
import {
  createReminderService,
  createShiftableClock,
  type ReminderPlatform,
} from "../../src/reminders/background.ts";
import { agenda, agendaWindow } from "../../src/reminders/model/agenda.ts";
import { parisInstant } from "../../src/reminders/model/calendar.ts";
import { badgeFor, EMPTY_DELIVERY, planDelivery } from "../../src/reminders/model/delivery.ts";
import {
  type ClientRecord,
  computeReminders,
  DEFAULT_REMINDER_SETTINGS,
  type TrackedAnomalyDeadline,
} from "../../src/reminders/model/rules.ts";
import { EMPTY_STATE } from "../../src/reminders/model/state.ts";
import { siren } from "../support/ids.ts";
import { memoryArea } from "../support/memory-area.ts";

export const REMINDERS_GOAL_MS = 200;
const CLIENTS = 10_000;
const RUNS = 15;

export function firm() {
  const at = "2026-06-01T08:00:00.000Z";
  const clients: Client[] = [];
  const records: Record<string, ClientRecord> = {};
  const anomalies: TrackedAnomalyDeadline[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const sn = siren(String(20_000_000 + i));
    const employer = i % 10 < 7;
    const kind = employer ? "employeur" : i % 2 ? "artisan-commercant" : "profession-liberale";
    const statut = !employer && i % 7 === 0 ? "code-attendu" : "inscrit";
    const id = `${kind}:${sn}`;
    clients.push({
      id,
      kind,
      siren: sn,
      siret: null,
      raisonSociale: `Client ${i}`,
      numeroCompte: null,
      nir: null,
      montantDerniereDeclaration: null,
      effectif: employer ? (i % 13) * 6 : null,
      paieDecalee: i % 17 === 0,
      collaborateurId: `k${i % 20}`,
      tags: [],
      profil: null,
      statut,
      historique: [{ statut, le: `2026-11-${String(1 + (i % 20)).padStart(2, "0")}T09:00:00.000Z` }],
      creeLe: at,
      modifieLe: at,
    });
    if (i % 3 === 0)
      records[id] = {
        estimationsRevenu: employer ? [] : ["2026-11-20"],
        attestationVigilanceLe: `2026-0${1 + (i % 9)}-15`,
        codeRecuLe: null,
        echeancier: employer
          ? null
          : ((["ti-mensuel-5", "ti-trimestriel", "micro-mensuel", "micro-trimestriel"] as const)[i % 4] ??
            null),
      };
    if (employer && i % 50 === 0)
      anomalies.push({
        siren: sn,
        siret: `${sn}00012`,
        period: "2026-10",
        reference: `A${i}`,
        deadline: "2026-12-18",
      });
  }
  const collaborators = Array.from({ length: 20 }, (_, k) => ({
    id: `k${k}`,
    nom: `Nom${k}`,
    prenom: `Prénom${k}`,
    telephone: "",
    email: "",
    acces: "2026-12-14T09:00:00.000Z",
  }));
  return { clients, records, anomalies, collaborators };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

export async function benchReminders(): Promise<void> {
  const { clients, records, anomalies, collaborators } = firm();
  const now = parisInstant("2026-12-15", "09:00");
  const today = "2026-12-15";
  const settings = DEFAULT_REMINDER_SETTINGS;

  const pure = () => {
    const list = computeReminders(
      { clients, collaborators, records, anomalies, settings },
      agendaWindow(today, settings),
    );
    const a = agenda(list, EMPTY_STATE, today, settings);
    const plan = planDelivery(a, EMPTY_DELIVERY, now, settings);
    badgeFor(a, settings.badge, null);
    return {
      items: list.length,
      overdue: a.overdue.length,
      today: a.dueToday.length,
      upcoming: a.upcoming.length,
      plan,
    };
  };
  const summary = pure();
  const pureTimes: number[] = [];
  const pureCpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    pure();
    pureTimes.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    pureCpu.push((c.user + c.system) / 1000);
  }

  // The background service's whole refresh, storage in memory.
  const mem = memoryArea();
  const store = createStore(mem.area, MIGRATIONS, () => now);
  const register = createRegisterStore(
    store,
    () => now,
    () => "x",
  );
  await store.set("collaborators", collaborators);
  await register.importClients(clients);
  await store.set("reminders/records", records);
  let notifications = 0;
  const platform: ReminderPlatform = {
    setAlarm: async () => undefined,
    ensurePeriodic: async () => undefined,
    notify: async () => void notifications++,
    clearNotification: async () => undefined,
    setBadge: async () => undefined,
    openTab: async () => undefined,
    session: { get: async () => now.getTime() - Date.now(), set: async () => undefined },
  };
  const service = createReminderService({
    store,
    register,
    clock: createShiftableClock(platform.session),
    platform,
    t: (k) => k,
    ownOrigin: "chrome-extension://bench/",
    anomalies: async () => anomalies,
  });
  await service.refresh("warm-up");
  const serviceTimes: number[] = [];
  const serviceCpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await service.refresh("bench");
    serviceTimes.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    serviceCpu.push((c.user + c.system) / 1000);
  }

  const ms = (x: number) => `${x.toFixed(1)} ms`;
  console.log(
    `\nÉchéances : ${CLIENTS} clients, ${collaborators.length} collaborateurs, ${anomalies.length} anomalies suivies`,
  );
  console.log(
    `  ${summary.items} rappels dans la fenêtre ; au ${today} : ${summary.overdue} en retard, ${summary.today} aujourd'hui, ${summary.upcoming} sur 7 jours ; ${notifications} notification(s) au premier calcul (récapitulatif groupé)`,
  );
  console.log(
    `  Recalcul des règles (pur) : médiane ${ms(median(pureTimes))} sur ${RUNS} passes (min ${ms(Math.min(...pureTimes))}, max ${ms(Math.max(...pureTimes))}; temps processeur médian ${ms(median(pureCpu))}) — objectif ≤ ${REMINDERS_GOAL_MS} ms`,
  );
  console.log(
    `  Recalcul complet du service (registre en mémoire, badge, alarme) : médiane ${ms(median(serviceTimes))} sur ${RUNS} passes (min ${ms(Math.min(...serviceTimes))}, max ${ms(Math.max(...serviceTimes))}; temps processeur médian ${ms(median(serviceCpu))})`,
  );
  const [load] = (await import("node:os")).loadavg();
  console.log(
    `  (charge de la machine pendant la mesure : ${load?.toFixed(1)} sur ${(await import("node:os")).cpus().length} cœurs)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await benchReminders();
