import { describe, expect, it } from "vitest";
import { dateOrder, formatLocalDate, parseLocalDate } from "@/lib/i18n/dates";

describe("dates in the page's language", () => {
  it("reads day, month and year in each locale's order", () => {
    expect(dateOrder("de")).toEqual(["day", "month", "year"]);
    expect(dateOrder("en")).toEqual(["month", "day", "year"]);
    expect(parseLocalDate("31.12.2027", "de")).toBe("2027-12-31");
    expect(parseLocalDate("1.2.2027", "de")).toBe("2027-02-01");
    expect(parseLocalDate("12/31/2027", "en")).toBe("2027-12-31");
    expect(parseLocalDate("2/1/2027", "en")).toBe("2027-02-01");
  });

  it("takes an ISO date in any locale", () => {
    expect(parseLocalDate("2027-06-30", "de")).toBe("2027-06-30");
    expect(parseLocalDate(" 2027-06-30 ", "en")).toBe("2027-06-30");
  });

  it("refuses what is no date", () => {
    for (const text of [
      "",
      "31.12.",
      "31.13.2027",
      "30.02.2027",
      "12/31/27",
      "morgen",
      "31.12.2027 10:00",
      "1.1.1.2027",
    ]) {
      expect(parseLocalDate(text, "de"), text).toBeNull();
    }
    expect(parseLocalDate("31/12/2027", "en")).toBeNull();
  });

  it("writes an ISO date as the locale does", () => {
    expect(formatLocalDate("2027-12-31", "de")).toBe("31.12.2027");
    expect(formatLocalDate("2027-12-31", "en")).toBe("12/31/2027");
  });
});
