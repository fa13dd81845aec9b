// The packages' ZIP writer (scripts/zip.ts): the same files give the same bytes whatever their order,
// with the fixed date and permissions, and any reader gets the files back. The archive is read here by
// hand from the format's specification (APPNOTE 4.3), not by the writer's code.
import { inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { zip } from "../../scripts/zip.ts";

const text = (s: string) => new TextEncoder().encode(s);

/** The central directory's entries, and each file's content through its local header. */
function read(archive: Buffer) {
  const end = archive.length - 22;
  expect(archive.readUInt32LE(end)).toBe(0x06054b50);
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    expect(archive.readUInt32LE(at)).toBe(0x02014b50);
    const method = archive.readUInt16LE(at + 10);
    const [time, date, crc] = [
      archive.readUInt16LE(at + 12),
      archive.readUInt16LE(at + 14),
      archive.readUInt32LE(at + 16),
    ];
    const [size, nameLength] = [archive.readUInt32LE(at + 20), archive.readUInt16LE(at + 28)];
    const mode = archive.readUInt32LE(at + 38) >>> 16;
    const local = archive.readUInt32LE(at + 42);
    const name = archive.toString("utf8", at + 46, at + 46 + nameLength);
    expect(archive.readUInt32LE(local)).toBe(0x04034b50);
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const body = archive.subarray(start, start + size);
    const data = (method === 8 ? inflateRawSync(body) : body).toString("utf8");
    entries.push({ name, method, time, date, crc, mode, data });
    at += 46 + nameLength + archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32);
  }
  return entries;
}

describe("zip", () => {
  const files = [
    { name: "src/b.js", data: text("console.log('b');".repeat(50)) },
    { name: "manifest.json", data: text("hello") },
    { name: "_locales/fr/messages.json", data: text('{"é":"ç"}') },
  ];

  it("gives the same bytes for the same files, whatever order they come in", () => {
    expect(zip(files).equals(zip([...files].reverse()))).toBe(true);
  });

  it("sorts the entries by name, dates them 1980-01-01 00:00, mode 0644, and keeps their content", () => {
    const entries = read(zip(files));
    expect(entries.map((e) => e.name)).toEqual(["_locales/fr/messages.json", "manifest.json", "src/b.js"]);
    // MS-DOS date: (year - 1980) << 9 | month << 5 | day.
    expect(entries.every((e) => e.time === 0 && e.date === 0x21 && e.mode === 0o100644)).toBe(true);
    expect(entries.map((e) => e.data)).toEqual(['{"é":"ç"}', "hello", "console.log('b');".repeat(50)]);
    // CRC-32 of "hello" (IEEE 802.3), a published value.
    expect(entries[1]?.crc).toBe(0x3610a686);
    // Deflated when it shrinks (the repeated line), stored otherwise (5 bytes).
    expect(entries.map((e) => e.method)).toEqual([0, 0, 8]);
  });

  it("refuses two entries with one name", () => {
    expect(() => zip([files[1] as (typeof files)[number], files[1] as (typeof files)[number]])).toThrow(
      /en double/,
    );
  });
});
