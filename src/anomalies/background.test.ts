import { describe, expect, it } from "vitest";
import { frenchT } from "../../test/support/french.ts";
import { siren, siret } from "../../test/support/ids.ts";
import { memoryArea } from "../../test/support/memory-area.ts";
import { MIGRATIONS, SCHEMA_VERSION } from "../core/storage/schema.ts";
import { createStore } from "../core/storage/store.ts";
import { createClient } from "../register/model/register.ts";
import { createRegisterStore } from "../register/store.ts";
import { createAnomalyHandlers } from "./background.ts";
import { ANOMALY_TRACKING_KEY, ANOMALY_UNKNOWN_KEY } from "./model/tracking.ts";

let clock = new Date("2026-08-03T08:00:00Z");
const now = () => clock;
const S = siren("52601815");
const SIRET = siret(S);
const sender = {} as never;

function setup() {
  const mem = memoryArea();
  const store = createStore(mem.area, MIGRATIONS, now);
  const register = createRegisterStore(store, now, () => "id");
  return { mem, store, register, handlers: createAnomalyHandlers(store, register, now, frenchT) };
}

const item = (over: Record<string, unknown> = {}) => ({
  reference: "UR_ANO_DIMNS002",
  libelle: "Écart",
  period: "2026-07",
  siret: SIRET,
  id: "ANO1",
  ...over,
});

describe("anomaly handlers", () => {
  it("answer a page's batch, record what was seen, with defaults when nothing is stored yet", async () => {
    const { mem, handlers } = setup();
    expect(await handlers["anomaly/open"]({ type: "anomaly/open" }, sender)).toEqual([]);
    expect(await handlers["anomaly/unknown"]({ type: "anomaly/unknown" }, sender)).toEqual({});
    const view = await handlers["anomaly/panels"](
      {
        type: "anomaly/panels",
        items: [item(), item({ reference: "UR_ANO_CTP_XYZ_DA901", id: "ANO2", siret: null })],
        months: [{ siret: SIRET, period: "2026-07" }],
      },
      sender,
    );
    expect(view.items.map((i) => i.status)).toEqual(["a-traiter", null]);
    expect(view.months[0]).toMatchObject({ label: "juillet 2026", count: 1 });
    expect(Object.keys(mem.data.get(ANOMALY_UNKNOWN_KEY) as object)).toEqual(["UR_ANO_CTP_XYZ_DA901"]);
    expect(Object.keys((mem.data.get(ANOMALY_TRACKING_KEY) as { items: object }).items)).toHaveLength(1);
    expect((mem.data.get("meta") as { schemaVersion: number }).schemaVersion).toBe(SCHEMA_VERSION);
  });

  it("track a status, and list open anomalies with the register's due day", async () => {
    const { handlers, register } = setup();
    await register.importClients([
      createClient({ kind: "employeur", siren: S, raisonSociale: "X", effectif: 80 }, clock),
    ]);
    const view = await handlers["anomaly/panels"](
      { type: "anomaly/panels", items: [item(), item({ period: "2026-06", id: "ANO3" })] },
      sender,
    );
    // 80 employees, no shifted pay: due on the 5th.
    expect(view.items[0]?.dueDayAssumed).toBe(false);
    expect(view.paths[view.items[0]?.path ?? ""]?.summary).toBe(
      "annule et remplace possible jusqu'au mardi 4 août 2026 à minuit",
    );
    const key = view.items[1]?.key ?? "";
    const tracked = await handlers["anomaly/track"](
      { type: "anomaly/track", key, status: "corrigee", correctedIn: "2026-07" },
      sender,
    );
    expect(tracked).toMatchObject({ status: "corrigee", correctedIn: "2026-07" });
    const open = await handlers["anomaly/open"]({ type: "anomaly/open" }, sender);
    // Seen Monday 3 August: 30 days later is 2 September, so the August DSN, due Saturday 5
    // September moved to Monday 7 September; it stays there as days pass.
    expect(open.map((o) => [o.period, o.deadline])).toEqual([["2026-07", "2026-09-07"]]);
    clock = new Date("2026-08-10T08:00:00Z");
    const again = await handlers["anomaly/panels"](
      { type: "anomaly/panels", items: [item({ siret: null, period: "2026-06", id: "ANO3" })] },
      sender,
    );
    expect(again.items[0]).toMatchObject({ status: "corrigee", correctedInLabel: "de juillet 2026" });
  });

  it("refuse to track an anomaly never seen", async () => {
    const { handlers } = setup();
    await expect(
      handlers["anomaly/track"]({ type: "anomaly/track", key: "a|b|c", status: "contestee" }, sender),
    ).rejects.toThrow(/rechargez la page/);
  });
});
