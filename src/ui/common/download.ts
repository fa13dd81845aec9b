// Saves a file the user asked for, through a temporary object URL (no "downloads" permission needed).
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.rel = "noopener";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "registre-2026-11-25.csv" */
export function datedName(stem: string, ext: string, now = new Date()): string {
  return `${stem}-${now.toISOString().slice(0, 10)}.${ext}`;
}
