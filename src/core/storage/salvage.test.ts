import { describe, expect, it } from "vitest";
import { z } from "zod";
import { salvage } from "./salvage.ts";

const Person = z.object({
  name: z.string().min(1).max(5),
  phone: z.string().max(4),
  tags: z.array(z.string()).max(2),
  contact: z.object({ email: z.string().max(3) }),
});

describe("salvage", () => {
  it("returns a valid value as it is, with no problem", () => {
    const value = { name: "Léa", phone: "0102", tags: [], contact: { email: "a@b" } };
    expect(salvage(Person, value)).toEqual({ ok: true, value, problems: [] });
  });

  it("cuts texts and lists to their bound, nested ones too, and says what it found", () => {
    const raw = { name: "Léa", phone: "010203", tags: ["a", "b", "c"], contact: { email: "abcd" } };
    const read = salvage(Person, raw);
    expect(read).toMatchObject({
      ok: true,
      value: { name: "Léa", phone: "0102", tags: ["a", "b"], contact: { email: "abc" } },
    });
    expect(read.problems.map((p) => p.split(" : ")[0])).toEqual(["phone", "tags", "contact.email"]);
    expect(raw.phone).toBe("010203");
  });

  it("puts a field back to its default only when one is given", () => {
    const raw = { name: "Léa", phone: 12, tags: [], contact: { email: "" } };
    expect(salvage(Person, raw).ok).toBe(false);
    expect(salvage(Person, raw, { phone: "" })).toMatchObject({ ok: true, value: { phone: "" } });
  });

  it("gives up on what only the user can repair", () => {
    expect(salvage(Person, { name: "", phone: "", tags: [], contact: { email: "" } }).ok).toBe(false);
    expect(salvage(Person, "texte").ok).toBe(false);
    expect(salvage(Person, null).ok).toBe(false);
  });
});
