// Valid identifiers for tests, computed with the product's own key functions.
import { computeLuhnKey, computeNirKey } from "../../src/register/model/ids.ts";

export const siren = (prefix8: string): string => prefix8 + computeLuhnKey(prefix8);

export function siret(siren9: string, nic4 = "0001"): string {
  const body = siren9 + nic4;
  return body + computeLuhnKey(body);
}

export const nir = (body13: string): string => body13 + computeNirKey(body13);
