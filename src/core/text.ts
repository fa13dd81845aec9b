// Text helpers shared by pure rules and UI (no browser API).

/** "Sécurité" → "Securite": the letters without their accents (compare or slug, never display). */
export function stripAccents(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "");
}
