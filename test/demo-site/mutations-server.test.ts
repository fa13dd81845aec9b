// The demo server's mutation switch: off by default, on through the faults API, the same page for the
// same seed, the fetched lists answered by the control endpoint, snapshots served under the Urssaf hosts.
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { demoRequest } from "./client.ts";
import { type DemoSpace, SNAPSHOTS, startDemoSpace } from "./server.ts";

let space: DemoSpace;
beforeAll(async () => {
  space = await startDemoSpace({ port: 0, quiet: true });
});
afterAll(async () => space?.close());

const LOGIN = "https://www.urssaf.fr/connexion";
const get = (url: string) => demoRequest(space.port, url);

it("serves the pages as printed until mutations are set, then rewrites them the same way for a seed", async () => {
  const plain = (await get(LOGIN)).body;
  expect(plain).not.toContain("data-mutations");
  space.faults.set({ mutations: ["wrap", "spans", "controls"], mutationSeed: 4 });
  const a = (await get(LOGIN)).body;
  expect(a).toContain("data-mutations");
  expect(a).toContain("data-demo-config");
  // Ids are drawn afresh for every response: compare without them.
  const noIds = (h: string) => h.replace(/(id|for|form|class)="[^"]*"/g, "");
  expect(noIds((await get(LOGIN)).body)).toBe(noIds(a));
  space.faults.set({ mutationSeed: 5 });
  expect(noIds((await get(LOGIN)).body)).not.toBe(noIds(a));
  space.faults.clear();
  expect((await get(LOGIN)).body).not.toContain("data-mutations");
});

it("answers the lists taken out of a page at /__demo/fragment/<id>", async () => {
  space.faults.set({ mutations: ["fetch"] });
  const page = (await get("https://www.urssaf.fr/")).body;
  const src = /data-mut-src="([^"]+)"/.exec(page)?.[1];
  expect(src).toMatch(/^\/__demo\/fragment\//);
  const fragment = await get(`https://www.urssaf.fr${src}`);
  expect(fragment.status).toBe(200);
  expect(fragment.body).toMatch(/^<(ul|table)/);
  expect(fragment.body).toContain("Taux et barèmes 2026");
  expect((await get("https://www.urssaf.fr/__demo/fragment/nope")).status).toBe(404);
  space.faults.clear();
});

it("serves every snapshot of test/fixtures/snapshots under the Urssaf hosts", async () => {
  const names = readdirSync(SNAPSHOTS).filter((f) => f.endsWith(".html"));
  expect(names.length).toBeGreaterThan(0);
  for (const f of names) {
    const r = await get(`https://mon.urssaf.fr/__demo/snapshots/${f.replace(/\.html$/, "")}`);
    expect([f, r.status]).toEqual([f, 200]);
    expect(r.body).toMatch(/^<!DOCTYPE html>/i);
  }
  expect((await get("https://mon.urssaf.fr/__demo/snapshots/nope")).status).toBe(404);
});
