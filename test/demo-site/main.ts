// Runs the demo Urssaf space standalone:
//   npx tsx test/demo-site/main.ts [--port 8443] [--seed 1] [--variant B]   (or env DEMO_PORT)
//     [--mutate=wrap,spans|all|random] [--mutation-seed=7]   (meaning-preserving rewrites, mutations.ts)

import { combination, parseMutations } from "./mutations.ts";
import { startDemoSpace } from "./server.ts";

function arg(name: string): string | undefined {
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  if (eq) return eq.slice(name.length + 3);
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const port = Number(arg("port") ?? process.env.DEMO_PORT ?? 8443);
const seed = Number(arg("seed") ?? 1);
const variant = arg("variant") === "B" ? "B" : "A";
const mutationSeed = Number(arg("mutation-seed") ?? seed);
const mutate = arg("mutate");
const mutations =
  mutate === undefined ? [] : mutate === "random" ? combination(mutationSeed) : parseMutations(mutate);

const space = await startDemoSpace({
  port,
  seed,
  variant,
  quiet: false,
  mutations,
  mutationSeed,
  listenHost: arg("listen") ?? "127.0.0.1",
});
const p = space.port;
console.log(
  `Espace Urssaf de démonstration : https://www.urssaf.fr/ (port ${p}, variante ${variant}, graine ${seed})`,
);
if (mutations.length > 0) console.log(`  Mutations : ${mutations.join(",")} (graine ${mutationSeed})`);
console.log(`  Identifiant : ${space.credentials.identifiant}`);
console.log(`  Mot de passe : ${space.credentials.motDePasse}`);
console.log(`  Profil : Tiers mandaté`);
console.log("Chromium :");
console.log(
  `  chromium --ignore-certificate-errors --host-resolver-rules="MAP *.urssaf.fr 127.0.0.1:${p}, MAP urssaf.fr 127.0.0.1:${p}, MAP *.example.test 127.0.0.1:${p}" https://www.urssaf.fr/`,
);
console.log(`Miroir sans connexion : https://localhost:${p}/tableau-de-bord`);
console.log(
  `Contrôle : https://localhost:${p}/__demo/state, /__demo/log, POST /__demo/reset, POST /__demo/faults`,
);

let closing = false;
const stop = (signal: string) => {
  if (closing) return;
  closing = true;
  console.log(`\n${signal} : arrêt du serveur.`);
  space.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
