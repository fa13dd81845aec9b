import type { CtpRow } from "./ctp.ts";

/**
 * Rates the Urssaf open-data CTP table (ctp.ts) lacks for periods from January 2024, so that every CTP
 * the checks reconstruct has a rate from 2024-01-01. Each row with its public source.
 */
export const CTP_SUPPLEMENT: readonly (readonly [...CtpRow, string])[] = [
  // The table starts CTP 937 at 0,25 % on 2024-07-01. Before: 0,20 % from 1 January 2024 (0,15 % since
  // 1 July 2017), decision of the AGS board of 27 November 2023; 0,25 % from 1 July 2024, AGS press
  // release of 18 June 2024.
  [
    "937",
    "COTISATIONS AGS CAS GENERAL U2",
    "E",
    null,
    0.2,
    false,
    "2024-01-01",
    "AGS, décision du conseil d'administration du 27 novembre 2023",
  ],
];
