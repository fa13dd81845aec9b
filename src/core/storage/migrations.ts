// Ordered schema migrations for the extension's stored data, as pure steps over a key/value snapshot.
// The background runs them once at start-up; each step only sees plain data, so every step and the
// whole chain are unit-tested in Node.

export type StoredData = Record<string, unknown>;

export interface Migration {
  /** The schema version this step produces; steps run in increasing order of `to`. */
  to: number;
  description: string;
  up(data: StoredData, now: Date): StoredData;
}

export interface MigrationPlan {
  from: number;
  to: number;
  steps: Migration[];
}

export class MigrationError extends Error {}

/** Which steps bring data stored at version `from` to the latest version. */
export function planMigrations(from: number, migrations: readonly Migration[]): MigrationPlan {
  const sorted = [...migrations].sort((a, b) => a.to - b.to);
  sorted.forEach((m, i) => {
    if (m.to !== i + 1) throw new MigrationError(`Migrations non contiguës : la version ${i + 1} manque.`);
  });
  const latest = sorted.length;
  if (!Number.isInteger(from) || from < 0) throw new MigrationError(`Version stockée invalide : ${from}.`);
  if (from > latest) {
    throw new MigrationError(
      `Les données ont été enregistrées par une version plus récente de l'extension (schéma ${from}, ` +
        `celle-ci connaît ${latest}). Mettez l'extension à jour.`,
    );
  }
  return { from, to: latest, steps: sorted.filter((m) => m.to > from) };
}

/** Apply a plan to a snapshot; returns the new snapshot and the keys to remove from storage. */
export function applyMigrations(
  data: StoredData,
  plan: MigrationPlan,
  now: Date,
): { data: StoredData; removed: string[] } {
  let current: StoredData = { ...data };
  for (const step of plan.steps) current = step.up(current, now);
  const removed = Object.keys(data).filter((k) => !(k in current));
  return { data: current, removed };
}
