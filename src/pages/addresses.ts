// The site's addresses the extension opens itself. The content script runs on www.urssaf.fr only on
// login addresses (manifest.json), so a tab we open there must be the login page, not the home page.

/** The login page of the online space (the welcome's link, and where a job starts when no list is known). */
export const LOGIN_URL = "https://www.urssaf.fr/accueil/se-connecter.html";
