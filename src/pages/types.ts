import type { PageAddress } from "./claims.ts";
import type { PageKind } from "./kinds.ts";

/** A page an adapter recognised and fully read. */
export interface Understood<K extends PageKind, V> {
  understood: true;
  kind: K;
  view: V;
}

/** A page an adapter recognised but could not read: which visible labels were missing. Never acted on. */
export interface NotUnderstood<K extends PageKind> {
  understood: false;
  kind: K;
  missing: string[];
}

export type PageRead<K extends PageKind, V> = Understood<K, V> | NotUnderstood<K>;

export interface PageAdapter<K extends PageKind, V> {
  kind: K;
  /** French name shown to the user. */
  label: string;
  /** Cheap test: does this look like the page (its title or main heading)? */
  claims(doc: Document, url: PageAddress): boolean;
  /** Read the page fully; anything expected and missing makes it "not understood". */
  read(doc: Document, url: PageAddress): PageRead<K, V>;
}

export function notUnderstood<K extends PageKind>(kind: K, missing: string[]): NotUnderstood<K> {
  return { understood: false, kind, missing };
}
