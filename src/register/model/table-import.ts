// A table read by table-read.ts → the firm's clients, validated row by row. Pure (no DOM, no Node API).
//
// 1. detectMapping(headers): each column → an import field, from the header wording (accents, case,
//    punctuation, "N°", "numéro" ignored); the best-scoring column wins a field, never two columns.
//    The user can correct the mapping; validateRows honours whatever mapping it is given.
// 2. validateRows(table, mapping, ctx): one PreviewRow per data row with its findings (errors make the
//    row invalid, warnings do not) and the valid rows as Client objects, ready for mergeClients().
//
// Choices (documented for the README):
//   - Kind: the "Type" column's wording ("Employeur", "RG", "Artisan", "PL", "Gérant majoritaire"…).
//     "TI", "Indépendant", "Micro-entrepreneur", "EI" alone do not say artisan-commerçant or libéral:
//     when ctx.defaultKind is one of those two kinds it is used (warning "ambiguous-kind"), otherwise
//     the row is refused (error "ambiguous-kind"). A legal form (SARL, SAS, EURL…) in a "Statut
//     juridique" column is read as "employeur" with a warning. No kind at all: ctx.defaultKind, else
//     "employeur" when an amount or a headcount is given (warning), else error "no-kind".
//   - Identifiers are checked with ids.ts (the finding carries its reason). A number in scientific
//     notation (2.53072E+14) or a 15-digit NIR ending in zeros → error "excel-number" (digits lost).
//     A SIREN/SIRET that lost its leading zero (Excel number) is restored, with a warning.
//   - A cell starting with "=" (formula exported as text, =HYPERLINK(…)) is refused: error "formula"
//     for the identifiers, the name and the kind; warning (cell ignored) for the other fields.
//   - Duplicates in the file (same clientKey): error on the second and later lines, naming the first.
//     Already in the register: warning "existing", the row stays valid (mergeClients is idempotent).
import { z } from "zod";
import {
  checkAccountNumber,
  checkNir,
  checkSiren,
  checkSiret,
  formatSiren,
  formatSiret,
  type IdResult,
  normalizeId,
} from "./ids.ts";
import {
  CLIENT_KIND_LABELS,
  CLIENT_KINDS,
  CLIENT_STATUS_LABELS,
  CLIENT_STATUSES,
  type Client,
  type ClientIdentity,
  type ClientKind,
  type ClientStatus,
  type Collaborator,
  clientKey,
  createClient,
  type NewClient,
} from "./register.ts";
import type { RawTable } from "./table-read.ts";

// ---------------------------------------------------------------------------------------------
// Fields

export const IMPORT_FIELD_KEYS = [
  "kind",
  "siren",
  "siret",
  "raisonSociale",
  "numeroCompte",
  "nir",
  "montantDerniereDeclaration",
  "effectif",
  "paieDecalee",
  "collaborateur",
  "tags",
  "statut",
] as const;
export type ImportField = (typeof IMPORT_FIELD_KEYS)[number];

/** One entry per column of the table: the field it feeds, or null when the column is ignored. */
export type ImportMapping = (ImportField | null)[];

export interface ImportFieldInfo {
  field: ImportField;
  label: string;
  /** French help shown next to the field in the mapping step. */
  help: string;
}

export const IMPORT_FIELDS: readonly ImportFieldInfo[] = [
  {
    field: "kind",
    label: "Type de client",
    help: "Employeur, artisan commerçant, profession libérale ou gérant non sirétisé.",
  },
  { field: "siren", label: "SIREN", help: "9 chiffres (un SIRET de 14 chiffres est aussi accepté)." },
  { field: "siret", label: "SIRET", help: "14 chiffres." },
  {
    field: "raisonSociale",
    label: "Raison sociale",
    help: "Nom de l'entreprise ou du client (obligatoire).",
  },
  { field: "numeroCompte", label: "Numéro de compte Urssaf", help: "En général 18 chiffres." },
  {
    field: "nir",
    label: "NIR (n° de sécurité sociale)",
    help: "Travailleurs indépendants : 13 ou 15 caractères.",
  },
  {
    field: "montantDerniereDeclaration",
    label: "Montant de la dernière déclaration",
    help: "Employeurs : en euros (1 234,56).",
  },
  { field: "effectif", label: "Effectif", help: "Employeurs : nombre de salariés." },
  { field: "paieDecalee", label: "Paie décalée", help: "Oui / non." },
  {
    field: "collaborateur",
    label: "Collaborateur",
    help: "« Prénom Nom », « Nom Prénom » ou adresse électronique d'un collaborateur du cabinet.",
  },
  { field: "tags", label: "Étiquettes", help: "Séparées par des virgules." },
  {
    field: "statut",
    label: "Statut",
    help: "Inscrit, à inscrire, code attendu, à résilier, résilié (facultatif).",
  },
];

export const IMPORT_FIELD_LABELS = Object.fromEntries(IMPORT_FIELDS.map((f) => [f.field, f.label])) as Record<
  ImportField,
  string
>;

// ---------------------------------------------------------------------------------------------
// Normalisation of wordings

const MARKS = /\p{M}/gu;
const NON_WORD = /[^a-z0-9]+/g;

/** "N° de Sécurité-Sociale" → "n de securite sociale". */
export function foldText(s: string): string {
  return s
    .normalize("NFD")
    .replace(MARKS, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(NON_WORD, " ")
    .trim();
}

const HEADER_STOP_WORDS = new Set([
  "n",
  "no",
  "nº",
  "num",
  "numero",
  "numeros",
  "de",
  "du",
  "des",
  "la",
  "le",
  "les",
  "d",
  "l",
  "a",
  "en",
]);

function headerTokens(header: string): string[] {
  return foldText(header.replace(/n[°º]/gi, " numero "))
    .split(" ")
    .filter((t) => t !== "" && !HEADER_STOP_WORDS.has(t));
}

/**
 * Header wordings per field (folded, words separated by a space), with a `weight` that breaks ties
 * between fields whose words appear in the same header ("Nom du collaborateur": collaborateur wins over
 * raison sociale).
 */
const HEADER_WORDINGS: readonly [ImportField, number, readonly string[]][] = [
  ["siren", 10, ["siren", "siren client", "siren entreprise", "identifiant siren"]],
  ["siret", 10, ["siret", "siret etablissement", "siret siege", "siret client", "siret employeur"]],
  [
    "raisonSociale",
    0,
    [
      "raison sociale",
      "denomination",
      "denomination sociale",
      "nom",
      "nom client",
      "client",
      "societe",
      "entreprise",
      "nom entreprise",
      "nom societe",
      "nom dossier",
      "dossier",
      "intitule",
      "libelle",
      "nom raison sociale",
    ],
  ],
  [
    "numeroCompte",
    8,
    ["compte", "compte urssaf", "compte cotisant", "cotisant", "compte employeur", "compte ti"],
  ],
  ["nir", 9, ["nir", "securite sociale", "secu", "ss", "nss", "insee", "numero insee", "immatriculation"]],
  [
    "kind",
    2,
    ["type", "type client", "categorie", "regime", "nature", "type dossier", "type cotisant", "genre"],
  ],
  ["kind", -5, ["statut juridique", "forme juridique", "forme"]],
  [
    "montantDerniereDeclaration",
    6,
    [
      "montant",
      "montant derniere declaration",
      "montant a payer",
      "derniere declaration",
      "cotisations",
      "montant cotisations",
      "montant dsn",
    ],
  ],
  [
    "effectif",
    6,
    ["effectif", "effectifs", "nb salaries", "nombre salaries", "salaries", "effectif salarie"],
  ],
  ["paieDecalee", 7, ["paie decalee", "paie decale", "decalage paie", "decalee"]],
  [
    "collaborateur",
    7,
    [
      "collaborateur",
      "collaboratrice",
      "responsable",
      "gestionnaire",
      "charge dossier",
      "chargee dossier",
      "charge mission",
      "chargee mission",
      "suivi par",
      "comptable",
    ],
  ],
  ["tags", 5, ["etiquettes", "etiquette", "tags", "tag", "mots cles", "groupe", "groupes"]],
  ["statut", 1, ["statut", "etat", "statut inscription", "inscription", "statut urssaf", "avancement"]],
];

/** The same wordings as tokens after folding and stop words, one entry per wording. */
const HEADER_SYNONYMS: { field: ImportField; words: string[]; weight: number }[] = HEADER_WORDINGS.flatMap(
  ([field, weight, wordings]) => wordings.map((w) => ({ field, words: w.split(" "), weight })),
);

/** Score of a header for a field: exact wording 100+ (longer wordings first), all words present 40+, else 0. */
function headerScore(tokens: readonly string[], field: ImportField): number {
  if (tokens.length === 0) return 0;
  const joined = tokens.join(" ");
  let best = 0;
  for (const syn of HEADER_SYNONYMS) {
    if (syn.field !== field) continue;
    let score = 0;
    if (syn.words.join(" ") === joined) score = 100 + syn.weight + 5 * syn.words.length;
    else if (syn.words.every((w) => tokens.includes(w))) {
      score = 40 + 10 * syn.words.length + syn.weight - 2 * (tokens.length - syn.words.length);
    }
    if (score > best) best = score;
  }
  return best;
}

/** Proposes a field per column from the header wording; each field goes to its best column only. */
export function detectMapping(headers: string[]): ImportMapping {
  const candidates: { column: number; field: ImportField; score: number }[] = [];
  headers.forEach((header, column) => {
    const tokens = headerTokens(header);
    for (const field of IMPORT_FIELD_KEYS) {
      const score = headerScore(tokens, field);
      if (score > 0) candidates.push({ column, field, score });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  const mapping: ImportMapping = headers.map(() => null);
  const taken = new Set<ImportField>();
  for (const c of candidates) {
    if (mapping[c.column] !== null || taken.has(c.field)) continue;
    mapping[c.column] = c.field;
    taken.add(c.field);
  }
  return mapping;
}

// ---------------------------------------------------------------------------------------------
// Preview

export interface Finding {
  /** File line (or sheet row) of the row; the header line for a finding on the mapping itself. */
  row: number;
  /** The column's header text, or null for a finding on the whole row. */
  column: string | null;
  field: ImportField | null;
  code: string;
  severity: "error" | "warning";
  /** French: names the row, the column, the value, and what to do. */
  message: string;
}

export interface PreviewRow {
  line: number;
  cells: string[];
  client: Client | null;
  findings: Finding[];
  /** A client with the same clientKey is already in the register: importing updates it. */
  existing: boolean;
}

export interface ImportPreview {
  rows: PreviewRow[];
  valid: number;
  invalid: number;
  /** Every finding: the mapping's (at the header line) then each row's, in file order. */
  findings: Finding[];
  /** The valid rows as Client objects, ready for mergeClients. */
  clients: Client[];
}

export interface ImportContext {
  /** Clients already in the register, by clientKey (the listing rows are enough). */
  existing: ReadonlyMap<string, ClientIdentity>;
  collaborators: readonly Collaborator[];
  now: Date;
  defaultKind?: ClientKind;
}

// ---------------------------------------------------------------------------------------------
// Value parsers (regexes built once)

const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?E[+-]?\d+$/i;
const NUMBER_SPACES = /[\s\u00a0\u202f']/g;
const CURRENCY = /(€|eur(?:os?)?)$/i;
const DIGITS_ONLY = /^\d+$/;
const TAG_SEPARATORS = /[,;|\n]/;

/** French or English number: "1 234,56", "1234.56", "1.234,56", "1 234 €". null when not a number. */
export function parseFrenchNumber(input: string): number | null {
  let s = input.trim().replace(CURRENCY, "").replace(NUMBER_SPACES, "");
  if (s === "") return null;
  const lastComma = s.lastIndexOf(",");
  const lastDot = s.lastIndexOf(".");
  if (lastComma >= 0 && lastDot >= 0) {
    // Both: the last one is the decimal separator.
    s = lastComma > lastDot ? s.replace(/\./g, "").replace(",", ".") : s.replace(/,/g, "");
  } else if (lastComma >= 0) {
    s = /^-?\d{1,3}(,\d{3}){2,}$/.test(s) ? s.replace(/,/g, "") : s.replace(",", ".");
  } else if (lastDot >= 0 && /^-?\d{1,3}(\.\d{3}){2,}$/.test(s)) {
    s = s.replace(/\./g, "");
  }
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

type KindReading =
  | { kind: ClientKind; note?: "legal-form" }
  | { kind: null; ambiguous: true }
  | { kind: null; ambiguous: false };

const KIND_WORDINGS = new Map<string, ClientKind | "ti" | "legal">();
{
  const add = (kind: ClientKind | "ti" | "legal", words: string[]) => {
    for (const w of words) KIND_WORDINGS.set(foldText(w), kind);
  };
  add("employeur", [
    "employeur",
    "employeurs",
    "rg",
    "regime general",
    "employeur rg",
    "employeur regime general",
    "entreprise",
    "societe",
    "employeur prive",
    "e",
  ]);
  add("artisan-commercant", [
    "artisan",
    "commercant",
    "artisan commercant",
    "artisans commercants",
    "artisan ou commercant",
    "commercant artisan",
    "ac",
    "ti ac",
    "ti artisan",
    "ti commercant",
    "ti artisan commercant",
    "independant artisan",
    "independant commercant",
    "travailleur independant artisan commercant",
  ]);
  add("profession-liberale", [
    "profession liberale",
    "professions liberales",
    "pl",
    "liberal",
    "liberale",
    "ti pl",
    "ti liberal",
    "ti profession liberale",
    "independant liberal",
    "travailleur independant profession liberale",
    "plnr",
  ]);
  add("gerant-non-siretise", [
    "gerant",
    "gerante",
    "gerant majoritaire",
    "gerante majoritaire",
    "gerant non siretise",
    "gerant majoritaire non siretise",
    "non siretise",
    "gnm",
    "gerant sarl",
    "gerant majoritaire sarl",
  ]);
  add("ti", [
    "ti",
    "independant",
    "independante",
    "travailleur independant",
    "tns",
    "micro entrepreneur",
    "auto entrepreneur",
    "micro",
    "ei",
    "eirl",
    "entrepreneur individuel",
    "entreprise individuelle",
  ]);
  add("legal", [
    "sarl",
    "eurl",
    "sas",
    "sasu",
    "sa",
    "snc",
    "sci",
    "scp",
    "scm",
    "selarl",
    "selas",
    "selafa",
    "scop",
    "sca",
    "scs",
    "gie",
    "association",
    "asso",
  ]);
  for (const kind of CLIENT_KINDS) {
    KIND_WORDINGS.set(foldText(kind), kind);
    KIND_WORDINGS.set(foldText(CLIENT_KIND_LABELS[kind]), kind);
  }
}

/** `folded`: the cell's text through foldText. */
function readKind(folded: string): KindReading {
  const found = KIND_WORDINGS.get(folded);
  if (found === undefined) return { kind: null, ambiguous: false };
  if (found === "ti") return { kind: null, ambiguous: true };
  if (found === "legal") return { kind: "employeur", note: "legal-form" };
  return { kind: found };
}

const STATUS_WORDINGS = new Map<string, ClientStatus>();
{
  const add = (status: ClientStatus, words: string[]) => {
    for (const w of words) STATUS_WORDINGS.set(foldText(w), status);
  };
  add("inscrit", ["inscrit", "inscrite", "inscrits", "fait", "ok", "actif", "active"]);
  add("a-inscrire", ["a inscrire", "inscrire", "a faire", "nouveau", "en attente", "non inscrit"]);
  add("code-attendu", [
    "code attendu",
    "attente code",
    "en attente du code",
    "code de securite attendu",
    "code",
  ]);
  add("a-resilier", ["a resilier", "resilier", "a supprimer"]);
  add("resilie", ["resilie", "resiliee", "resilies", "supprime", "termine", "sorti"]);
  for (const s of CLIENT_STATUSES) {
    STATUS_WORDINGS.set(foldText(s), s);
    STATUS_WORDINGS.set(foldText(CLIENT_STATUS_LABELS[s]), s);
  }
}

const YES = new Set(["oui", "o", "x", "vrai", "true", "1", "yes", "y"]);
const NO = new Set(["non", "n", "faux", "false", "0", "no", ""]);

/**
 * A cell's text as quoted in a message: at most 80 characters, so that a 10 MB cell is not copied
 * into every finding (the message says which cell; the user sees it in the tableur).
 */
export const quote = (text: string): string => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

// ---------------------------------------------------------------------------------------------
// validateRows

const REQUIRED_TEXT_FIELDS = new Set<ImportField>([
  "siren",
  "siret",
  "numeroCompte",
  "nir",
  "raisonSociale",
  "kind",
]);

const fieldOfPath = (key: PropertyKey | undefined): ImportField | null => {
  if (key === "collaborateurId") return "collaborateur";
  return (IMPORT_FIELD_KEYS as readonly PropertyKey[]).includes(key ?? "") ? (key as ImportField) : null;
};

const describeClient = (c: ClientIdentity): string => {
  if (c.kind === "gerant-non-siretise") return `« ${c.raisonSociale} » (compte ${c.numeroCompte ?? ""})`;
  return `« ${c.raisonSociale} » (SIREN ${formatSiren(c.siren ?? c.siret?.slice(0, 9) ?? "")})`;
};

/** Validates every data row of `table` under `mapping`. Never throws. */
export function validateRows(table: RawTable, mapping: ImportMapping, ctx: ImportContext): ImportPreview {
  const { columnOf, findings: mappingFindings } = mapColumns(table, mapping);
  const row = new RowReader(table, columnOf, ctx);
  const firstOfKey = new Map<string, { line: number; client: Client }>();
  const rows: PreviewRow[] = [];
  const clients: Client[] = [];
  const allFindings: Finding[] = [...mappingFindings];
  let valid = 0;
  for (let r = 0; r < table.rows.length; r++) {
    row.start(table.rows[r] ?? [], table.lines?.[r] ?? table.firstDataLine + r);
    const input: NewClient = { kind: "employeur", raisonSociale: "" };
    for (const read of FIELD_READERS) read(row, input);
    let client = buildClient(row, input);
    let existing = false;
    if (client) {
      const key = clientKey(client);
      const first = firstOfKey.get(key);
      if (first !== undefined) {
        row.add(
          null,
          "duplicate",
          "error",
          `même client que la ligne ${first.line}, ${describeClient(first.client)} : supprimez l'une des deux lignes ou corrigez l'identifiant.`,
        );
        client = null;
      } else {
        firstOfKey.set(key, { line: row.line, client });
        if (ctx.existing.has(key)) {
          existing = true;
          row.add(
            null,
            "existing",
            "warning",
            `déjà dans le registre : la ligne mettra à jour ${describeClient(ctx.existing.get(key) ?? client)} (réimporter le même fichier ne change rien).`,
          );
        }
      }
    }
    if (client) {
      clients.push(client);
      valid++;
    }
    rows.push({ line: row.line, cells: row.cells, client, findings: row.findings, existing });
    for (const f of row.findings) allFindings.push(f);
  }
  return { rows, valid, invalid: rows.length - valid, findings: allFindings, clients };
}

/** Column per field (the first one wins when the user mapped two columns to the same field). */
function mapColumns(
  table: RawTable,
  mapping: ImportMapping,
): { columnOf: Map<ImportField, number>; findings: Finding[] } {
  const headerLine = Math.max(1, table.firstDataLine - 1);
  const findings: Finding[] = [];
  const columnOf = new Map<ImportField, number>();
  table.headers.forEach((header, i) => {
    const field = mapping[i] ?? null;
    if (!field) return;
    if (columnOf.has(field)) {
      findings.push({
        row: headerLine,
        column: header,
        field,
        code: "mapping-duplicate",
        severity: "warning",
        message: `Les colonnes « ${quote(table.headers[columnOf.get(field) ?? 0] ?? "")} » et « ${quote(header)} » sont toutes deux associées à « ${IMPORT_FIELD_LABELS[field]} » : seule la première est lue. Corrigez l'association des colonnes si besoin.`,
      });
      return;
    }
    columnOf.set(field, i);
  });
  if (!columnOf.has("raisonSociale")) {
    findings.push({
      row: headerLine,
      column: null,
      field: "raisonSociale",
      code: "mapping-missing-name",
      severity: "error",
      message: `Aucune colonne n'est associée à la raison sociale : associez la colonne qui porte le nom des clients à « ${IMPORT_FIELD_LABELS.raisonSociale} ».`,
    });
  }
  if (!columnOf.has("siren") && !columnOf.has("siret") && !columnOf.has("numeroCompte")) {
    findings.push({
      row: headerLine,
      column: null,
      field: null,
      code: "mapping-missing-id",
      severity: "error",
      message:
        "Aucune colonne n'est associée au SIREN, au SIRET ni au numéro de compte : associez la colonne qui porte l'identifiant des clients.",
    });
  }
  return { columnOf, findings };
}

/**
 * The row being read and what every field reader needs: its cells by field, its findings, the context.
 * One instance for the whole table (10 000 rows in well under 1 s): `start` moves it to the next row.
 */
class RowReader {
  cells: string[] = [];
  line = 0;
  findings: Finding[] = [];
  readonly collaboratorIndex = new Map<string, string>();
  private readonly foldCache = new Map<string, string>();

  constructor(
    readonly table: RawTable,
    readonly columnOf: ReadonlyMap<ImportField, number>,
    readonly ctx: ImportContext,
  ) {
    for (const c of ctx.collaborators) {
      this.collaboratorIndex.set(foldText(`${c.prenom} ${c.nom}`), c.id);
      this.collaboratorIndex.set(foldText(`${c.nom} ${c.prenom}`), c.id);
      if (c.email) this.collaboratorIndex.set(c.email.trim().toLowerCase(), c.id);
    }
  }

  start(cells: string[], line: number): void {
    this.cells = cells;
    this.line = line;
    this.findings = [];
  }

  /** foldText memoised: kinds, statuses and yes/no values repeat on every row. */
  fold(s: string): string {
    if (s === "") return "";
    let f = this.foldCache.get(s);
    if (f === undefined) {
      f = foldText(s);
      if (this.foldCache.size < 10_000) this.foldCache.set(s, f);
    }
    return f;
  }

  columnName(field: ImportField): string | null {
    return this.table.headers[this.columnOf.get(field) ?? -1] ?? null;
  }

  hasFinding(field: ImportField): boolean {
    return this.findings.some((f) => f.field === field);
  }

  readonly add: AddFinding = (field, code, severity, text) => {
    const column = field ? this.columnName(field) : null;
    const where = column ? `Ligne ${this.line}, colonne « ${quote(column)} »` : `Ligne ${this.line}`;
    this.findings.push({ row: this.line, column, field, code, severity, message: `${where} : ${text}` });
  };

  /** The cell of a field, "" when not mapped; formula cells and control characters refused here. */
  cell(field: ImportField): string {
    const i = this.columnOf.get(field);
    if (i === undefined) return "";
    const value = this.cells[i] ?? "";
    if (value.startsWith("=")) {
      const shown = value.length > 60 ? `${value.slice(0, 57)}…` : value;
      if (REQUIRED_TEXT_FIELDS.has(field)) {
        this.add(
          field,
          "formula",
          "error",
          `la cellule contient une formule (« ${shown} ») et non une valeur. Dans le tableur, remplacez la formule par sa valeur (copier, puis Collage spécial › Valeurs) et exportez à nouveau.`,
        );
      } else {
        this.add(
          field,
          "formula",
          "warning",
          `la cellule contient une formule (« ${shown} ») et non une valeur : elle est ignorée. Remplacez-la par sa valeur dans le tableur si elle compte.`,
        );
      }
      return "";
    }
    if (value.length > MAX_CELL_CHARS) {
      this.add(
        field,
        "cell-too-long",
        "error",
        `la cellule compte ${value.length.toLocaleString("fr-FR")} caractères (${MAX_CELL_CHARS.toLocaleString("fr-FR")} au plus) : ce n'est pas une valeur de ce champ. Vérifiez les guillemets et le séparateur du fichier.`,
      );
      return "";
    }
    const control = CONTROL_CHARACTER.exec(value);
    if (control) {
      this.add(
        field,
        "control-character",
        "error",
        `la cellule contient un caractère de contrôle invisible (${describeControl(control[0])}, ${control.index + 1}${control.index === 0 ? "er" : "e"} caractère) : le fichier a été abîmé ou mal exporté. Ressaisissez cette cellule dans le tableur, enregistrez le fichier à nouveau, puis importez-le.`,
      );
      return "";
    }
    return value;
  }
}

/** Longer than any field's value (a name is 200 at most): a cell this long is a broken file, not text. */
const MAX_CELL_CHARS = 10_000;

/**
 * Characters refused in imported text (issue 15 B4): C0 controls but tab and line breaks (NUL, ESC…),
 * DEL, C1 controls, and the bidirectional embeddings, overrides and isolates that reorder what is shown.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const CONTROL_NAMES: Record<number, string> = { 0: "NUL", 27: "ESC", 127: "DEL" };

/** « U+0000 NUL », « U+202E ». */
const describeControl = (c: string) => {
  const code = c.charCodeAt(0);
  const name = CONTROL_NAMES[code];
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}${name ? ` ${name}` : ""}`;
};

/** Reads one field (or a group read together) of the current row into `input`, with its findings. */
type FieldReader = (row: RowReader, input: NewClient) => void;

const readIdentifiers: FieldReader = (row, input) => {
  const siren = readId(row.cell("siren"), "siren", row.add);
  const siret = readId(row.cell("siret"), "siret", row.add);
  if (siren.asSiret) {
    if (siret.value && siret.value !== siren.asSiret) {
      row.add(
        "siren",
        "siret-conflict",
        "error",
        `le SIRET ${formatSiret(siren.asSiret)} de cette colonne diffère du SIRET ${formatSiret(siret.value)} de la colonne « ${row.columnName("siret")} » : corrigez l'un des deux.`,
      );
    }
    input.siren = siren.asSiret.slice(0, 9);
    input.siret = siret.value ?? siren.asSiret;
  } else {
    input.siren = siren.value;
    input.siret = siret.value ?? null;
    if (siret.asSiren) input.siren ??= siret.asSiren;
  }
  input.numeroCompte = readId(row.cell("numeroCompte"), "numeroCompte", row.add).value;
  input.nir = readId(row.cell("nir"), "nir", row.add).value;
};

const readName: FieldReader = (row, input) => {
  const name = row.cell("raisonSociale");
  if (name === "") {
    if (row.columnOf.has("raisonSociale") && !row.hasFinding("raisonSociale")) {
      row.add(
        "raisonSociale",
        "missing-name",
        "error",
        "la raison sociale est vide : saisissez le nom du client.",
      );
    }
  } else if (name.length > 200) {
    row.add(
      "raisonSociale",
      "name-too-long",
      "error",
      `la raison sociale compte ${name.length} caractères (200 au plus) : raccourcissez-la.`,
    );
  }
  input.raisonSociale = name;
};

const readAmount: FieldReader = (row, input) => {
  const text = row.cell("montantDerniereDeclaration");
  if (text === "") return;
  const n = parseFrenchNumber(text);
  if (n === null || n < 0) {
    row.add(
      "montantDerniereDeclaration",
      "invalid-amount",
      "error",
      `« ${quote(text)} » n'est pas un montant ${n !== null ? "positif" : "lisible"} : écrivez un nombre d'euros, par exemple 1 234,56.`,
    );
  } else input.montantDerniereDeclaration = Math.round(n * 100) / 100;
};

const readHeadcount: FieldReader = (row, input) => {
  const text = row.cell("effectif");
  if (text === "") return;
  const n = parseFrenchNumber(text);
  if (n === null || n < 0 || !Number.isInteger(n)) {
    row.add(
      "effectif",
      "invalid-headcount",
      "error",
      `« ${quote(text)} » n'est pas un effectif : écrivez un nombre entier de salariés, par exemple 12.`,
    );
  } else input.effectif = n;
};

const readPaieDecalee: FieldReader = (row, input) => {
  const folded = row.fold(row.cell("paieDecalee"));
  if (YES.has(folded)) input.paieDecalee = true;
  else if (!NO.has(folded)) {
    row.add(
      "paieDecalee",
      "invalid-boolean",
      "warning",
      `« ${quote(row.cell("paieDecalee"))} » n'est ni « oui » ni « non » : lu comme « non ».`,
    );
  }
};

/** The kind: the "Type" cell, else the default kind, else inferred from an amount or a headcount. */
const readClientKind: FieldReader = (row, input) => {
  const text = row.cell("kind");
  const kind =
    text !== "" ? kindOfCell(row, text) : row.hasFinding("kind") ? null : kindWithoutCell(row, input);
  if (kind) input.kind = kind;
};

function kindOfCell(row: RowReader, text: string): ClientKind | null {
  const { defaultKind } = row.ctx;
  const reading = readKind(row.fold(text));
  if (reading.kind) {
    if (reading.note === "legal-form") {
      row.add(
        "kind",
        "legal-form",
        "warning",
        `« ${quote(text)} » est une forme juridique : le client est lu comme « ${CLIENT_KIND_LABELS.employeur} ». Vérifiez, ou ajoutez une colonne « Type ».`,
      );
    }
    return reading.kind;
  }
  if (!reading.ambiguous) {
    row.add(
      "kind",
      "unknown-kind",
      "error",
      `type de client « ${quote(text)} » inconnu : écrivez « Employeur », « Artisan commerçant », « Profession libérale » ou « Gérant non sirétisé ».`,
    );
    return null;
  }
  if (defaultKind === "artisan-commercant" || defaultKind === "profession-liberale") {
    row.add(
      "kind",
      "ambiguous-kind",
      "warning",
      `« ${quote(text)} » ne précise pas artisan commerçant ou profession libérale : le type par défaut « ${CLIENT_KIND_LABELS[defaultKind]} » est utilisé. Vérifiez-le.`,
    );
    return defaultKind;
  }
  row.add(
    "kind",
    "ambiguous-kind",
    "error",
    `« ${quote(text)} » ne dit pas si le travailleur indépendant est artisan commerçant ou profession libérale : écrivez « Artisan commerçant » ou « Profession libérale », ou choisissez l'un des deux comme type par défaut.`,
  );
  return null;
}

function kindWithoutCell(row: RowReader, input: NewClient): ClientKind | null {
  if (row.ctx.defaultKind) return row.ctx.defaultKind;
  if (input.montantDerniereDeclaration != null || input.effectif != null) {
    row.add(
      null,
      "inferred-kind",
      "warning",
      `pas de type de client : « ${CLIENT_KIND_LABELS.employeur} » est retenu car un montant ou un effectif est renseigné.`,
    );
    return "employeur";
  }
  const mapped = row.columnOf.has("kind");
  row.add(
    mapped ? "kind" : null,
    "no-kind",
    "error",
    mapped
      ? "le type de client est vide : saisissez « Employeur », « Artisan commerçant », « Profession libérale » ou « Gérant non sirétisé », ou choisissez un type par défaut."
      : "le type de client est inconnu : ajoutez une colonne « Type » (Employeur, Artisan commerçant, Profession libérale, Gérant non sirétisé) ou choisissez un type par défaut.",
  );
  return null;
}

const readCollaborator: FieldReader = (row, input) => {
  const text = row.cell("collaborateur");
  if (text === "") return;
  const id = row.collaboratorIndex.get(text.includes("@") ? text.toLowerCase() : foldText(text));
  if (id) input.collaborateurId = id;
  else {
    row.add(
      "collaborateur",
      "unknown-collaborator",
      "warning",
      `collaborateur « ${quote(text)} » inconnu : le client est importé sans collaborateur. Ajoutez ce collaborateur au cabinet (« Prénom Nom » ou adresse électronique) puis importez à nouveau.`,
    );
  }
};

const readTags: FieldReader = (row, input) => {
  const text = row.cell("tags");
  if (text === "") return;
  const tags = text
    .split(TAG_SEPARATORS)
    .map((t) => t.trim())
    .filter((t) => t !== "");
  const kept = tags.filter((t) => t.length <= 40);
  if (kept.length < tags.length) {
    row.add(
      "tags",
      "tag-too-long",
      "warning",
      "une étiquette de plus de 40 caractères est ignorée : raccourcissez-la.",
    );
  }
  if (kept.length > 20) {
    row.add(
      "tags",
      "too-many-tags",
      "warning",
      `${kept.length} étiquettes : seules les 20 premières sont gardées.`,
    );
  }
  input.tags = kept.slice(0, 20);
};

const readStatus: FieldReader = (row, input) => {
  const text = row.cell("statut");
  if (text === "") return;
  const status = STATUS_WORDINGS.get(row.fold(text));
  if (status) input.statut = status;
  else {
    row.add(
      "statut",
      "unknown-status",
      "warning",
      `statut « ${quote(text)} » inconnu : « ${CLIENT_STATUS_LABELS["a-inscrire"]} » est retenu. Statuts reconnus : inscrit, à inscrire, code attendu, à résilier, résilié.`,
    );
  }
};

/** In this order: the findings of a row come out in the order of its fields. */
const FIELD_READERS: readonly FieldReader[] = [
  readIdentifiers,
  readName,
  readAmount,
  readHeadcount,
  readPaieDecalee,
  readClientKind,
  readCollaborator,
  readTags,
  readStatus,
];

/** The client when no error blocks the row; the register's own rules (zod) may still refuse it. */
function buildClient(row: RowReader, input: NewClient): Client | null {
  if (row.findings.some((f) => f.severity === "error")) return null;
  try {
    return createClient(input, row.ctx.now);
  } catch (error) {
    if (error instanceof z.ZodError) {
      for (const issue of error.issues)
        row.add(fieldOfPath(issue.path[0]), "invalid", "error", issue.message);
    } else {
      row.add(null, "invalid", "error", "cette ligne n'a pas pu être lue : vérifiez ses cellules.");
    }
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Identifiers

type AddFinding = (
  field: ImportField | null,
  code: string,
  severity: "error" | "warning",
  text: string,
) => void;

const ID_LABEL: Record<"siren" | "siret" | "numeroCompte" | "nir", string> = {
  siren: "SIREN",
  siret: "SIRET",
  numeroCompte: "numéro de compte",
  nir: "NIR",
};

const CHECKS: Record<"siren" | "siret" | "numeroCompte" | "nir", (s: string) => IdResult> = {
  siren: checkSiren,
  siret: checkSiret,
  numeroCompte: checkAccountNumber,
  nir: checkNir,
};

/**
 * Reads one identifier cell: null value when empty or refused (with a finding). A SIREN column holding
 * a valid SIRET gives `asSiret`; a SIRET column holding a valid SIREN gives `asSiren`.
 */
function readId(
  text: string,
  field: "siren" | "siret" | "numeroCompte" | "nir",
  add: AddFinding,
): { value: string | null; asSiret?: string; asSiren?: string } {
  if (text === "") return { value: null };
  const label = ID_LABEL[field];
  const excelHint = `Dans le tableur, mettez la colonne au format Texte, ressaisissez ou recollez les numéros, puis exportez à nouveau.`;
  if (SCIENTIFIC.test(text.replace(NUMBER_SPACES, ""))) {
    add(
      field,
      "excel-number",
      "error",
      `« ${quote(text)} » : le ${label} a été converti en nombre par le tableur (notation scientifique) et des chiffres sont perdus. ${excelHint}`,
    );
    return { value: null };
  }
  const value = normalizeId(text);
  if (field === "nir" && /^\d{15}$/.test(value) && value.endsWith("000")) {
    add(
      field,
      "excel-number",
      "error",
      `le NIR « ${quote(text)} » se termine par des zéros : le tableur l'a enregistré comme un nombre et ses derniers chiffres sont perdus (une clé de NIR n'est jamais 00). ${excelHint}`,
    );
    return { value: null };
  }
  if (field === "numeroCompte" && /^\d{16,}$/.test(value) && /^0+$/.test(value.slice(15))) {
    add(
      field,
      "excel-number-suspect",
      "warning",
      `le numéro de compte « ${quote(text)} » se termine par des zéros après le 15e chiffre : un tableur ne garde que 15 chiffres d'un nombre. Vérifiez-le sur un courrier de l'Urssaf ; si des chiffres sont perdus, mettez la colonne au format Texte et exportez à nouveau.`,
    );
  }
  if (field === "siren" && DIGITS_ONLY.test(value) && value.length === 14) {
    const r = checkSiret(value);
    if (r.ok) {
      add(
        field,
        "siret-in-siren-column",
        "warning",
        `${formatSiret(value)} est un SIRET (14 chiffres) : le SIREN ${formatSiren(value.slice(0, 9))} en est tiré.`,
      );
      return { value: null, asSiret: r.value };
    }
    add(field, `invalid-${r.problem.code}`, "error", r.problem.message);
    return { value: null };
  }
  if (field === "siret" && DIGITS_ONLY.test(value) && value.length === 9) {
    const r = checkSiren(value);
    if (r.ok) {
      add(
        field,
        "siren-in-siret-column",
        "warning",
        `${formatSiren(value)} est un SIREN (9 chiffres), pas un SIRET : il est lu comme SIREN.`,
      );
      return { value: null, asSiren: r.value };
    }
  }
  const expected = field === "siren" ? 9 : field === "siret" ? 14 : 0;
  if (expected > 0 && DIGITS_ONLY.test(value) && value.length < expected && value.length >= expected - 2) {
    const padded = value.padStart(expected, "0");
    const r = CHECKS[field](padded);
    if (r.ok) {
      add(
        field,
        "leading-zero",
        "warning",
        `« ${quote(text)} » a perdu ${expected - value.length > 1 ? "ses zéros initiaux" : "son zéro initial"} (le tableur l'a lu comme un nombre) : lu ${field === "siren" ? formatSiren(padded) : formatSiret(padded)}. Mettez la colonne au format Texte pour la prochaine exportation.`,
      );
      return { value: r.value };
    }
  }
  const r = CHECKS[field](text);
  if (!r.ok) {
    add(field, `invalid-${r.problem.code}`, "error", r.problem.message);
    return { value: null };
  }
  for (const w of r.warnings)
    add(field, `${field === "nir" ? "nir" : "compte"}-${w.code}`, "warning", w.message);
  return { value: r.value };
}
