/** The seven check families, in report order. */
import { basesFamily } from "./bases.ts";
import type { DsnCheckFamily } from "./common.ts";
import { controlFamily } from "./control.ts";
import { emitterFamily } from "./emitter.ts";
import { identifiersFamily } from "./identifiers.ts";
import { netSocialFamily } from "./net-social.ts";
import { reductionFamily } from "./reduction.ts";
import { structureFamily } from "./structure.ts";

export type { DsnCheckContext, DsnCheckFamily } from "./common.ts";

export const CHECK_FAMILIES: readonly DsnCheckFamily[] = [
  emitterFamily,
  structureFamily,
  identifiersFamily,
  controlFamily,
  basesFamily,
  reductionFamily,
  netSocialFamily,
];
