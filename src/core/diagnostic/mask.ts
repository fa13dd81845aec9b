// How a page's text is masked before it leaves the user's hands (a diagnostic copied, a page snapshot
// exported): every digit becomes 0, and every word that is not of the site's own vocabulary becomes
// X/x of the same length and case (names, raisons sociales, free texts). What is left is the wording a
// page adapter reads — labels, headings, buttons — and the shape of the rest (a SIREN stays 9 digits).

/** Words of the Urssaf space's interface (seed pages, labels, headings, buttons, indicators). */
const VOCABULARY = new Set(
  `a à au aux avec ce ces d de des du en et l la le les leur mon mes ma n ne nos notre ou par pas pour
  sa se ses son sur un une vos votre vous y est sont non oui aucun aucune
  accueil compte comptes profil mon paiement suivi dsn documents actualites messagerie
  tableau bord tiers declarant declarants derniere mise jour gerer utilisateurs utilisateur
  incident incidents traiter anomalie anomalies annee message messages lu lus
  parametres etablissement etablissements siren siret numero rechercher recherche inscrire autres
  inscription gerant majoritaire siretise regime general artisan commercant profession liberale
  precedent suivant modifier resilier fermer supprimer consulter detail enregistrer annuler valider
  continuer connecter connecte connectez identifiant mot passe je me se deconnecter
  montant payer declare declaree declaration derniere employeur independant nir services ligne
  notifications notification courriel courriels avis disposition bis copie certificat cotisations
  information debut periode periodes dpae situation echanges attestations attestation contentieuses
  travailler etranger boite lettres raison sociale radie libelle reference technique erreur
  identifiee actions attendues votre part individu individus typologie consulter mois janvier fevrier
  mars avril mai juin juillet aout septembre octobre novembre decembre jan fev mar avr jui aou sep oct
  nov dec total page pages resultat resultats aucune trouve trouvee nom prenom prenoms date heure h
  confirmer suppression immediate modification bien ete prise compte indique impacte impactes
  concernes concerne ensemble connaissance prendre pouvez ensuite vous facultatif obligatoire champ
  champs urssaf mandate service en ligne acceder client clients portefeuille`
    .split(/\s+/)
    .filter(Boolean),
);

/** Lower case without accents: how a word is looked up in the vocabulary. */
function key(word: string): string {
  return word
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/** A technical reference (UR_ANO_…, a DSN-Val code, a rubric S21.G00.40.001): kept, digits masked. */
const CODE = /^(?:UR_[A-Z0-9_]+|S\d{2}\.G\d{2}\.\d{2}(?:\.\d{3})?(?:\/[A-Z]{3}-\d{2})?)$/;

export function maskDigits(text: string): string {
  return text.replace(/\d/g, "0");
}

function maskWord(word: string): string {
  if (VOCABULARY.has(key(word)) || CODE.test(word)) return maskDigits(word);
  return word
    .replace(/\p{Lu}/gu, "X")
    .replace(/\p{Ll}/gu, "x")
    .replace(/\d/g, "0");
}

/** Every digit 0, every word outside the site's vocabulary X/x; spaces and punctuation kept. */
export function maskText(text: string): string {
  return text.replace(/[\p{L}\p{N}_]+(?:['’.][\p{L}\p{N}_]+)*/gu, (word) => {
    // « l'année », « d'autres »: the elided article and the word are looked up apart.
    const parts = word.split(/(['’])/);
    return parts.length > 1
      ? parts.map((p) => (/^['’]$/.test(p) ? p : maskWord(p))).join("")
      : maskWord(word);
  });
}

/**
 * The text of a heading, label, button or column header: its words are the page's wording and are
 * kept (a label the adapters miss is what a diagnostic is for), except what looks like a name — a word
 * in capitals, or capitalised after the first word, that the site's vocabulary does not hold — and
 * every digit.
 */
export function maskLabel(text: string): string {
  let first = true;
  return text.replace(/[\p{L}\p{N}_]+(?:['’.][\p{L}\p{N}_]+)*/gu, (word) => {
    const wasFirst = first;
    first = false;
    if (VOCABULARY.has(key(word)) || CODE.test(word)) return maskDigits(word);
    const capitals = /^\p{Lu}[\p{Lu}'’.]+$/u.test(word);
    const capitalised = !wasFirst && /^\p{Lu}/u.test(word);
    return capitals || capitalised ? maskWord(word) : maskDigits(word);
  });
}
