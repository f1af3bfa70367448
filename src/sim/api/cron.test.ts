// robfig/cron v3's ParseStandard and SpecSchedule.Next as the CronJob controller uses them: the
// five fields, names, ranges and steps, the descriptors, the parser's error words, time zones.
import { describe, expect, it } from "vitest";
import { parseRfc3339, rfc3339 } from "../clock/time";
import { type CronSchedule, cronNext, parseCronSchedule, rfc3339In, validTimeZone } from "./cron";

function parsed(spec: string): CronSchedule {
  const s = parseCronSchedule(spec);
  if (typeof s === "string") throw new Error(s);
  return s;
}

/** The next `n` fire times after `from` (RFC3339, UTC). */
function nextTimes(spec: string, from: string, n: number, zone?: string): string[] {
  const s = parsed(spec);
  const out: string[] = [];
  let t = parseRfc3339(from);
  for (let i = 0; i < n; i++) {
    t = cronNext(s, t, zone);
    out.push(t === 0 ? "zero" : rfc3339(t));
  }
  return out;
}

describe("cron.ParseStandard: which times a schedule fires at", () => {
  it("every minute, on the minute, strictly after the given time", () => {
    expect(nextTimes("* * * * *", "2026-01-15T09:00:30Z", 3)).toEqual([
      "2026-01-15T09:01:00Z",
      "2026-01-15T09:02:00Z",
      "2026-01-15T09:03:00Z",
    ]);
    // exactly on a fire time: the next one
    expect(nextTimes("* * * * *", "2026-01-15T09:01:00Z", 1)).toEqual(["2026-01-15T09:02:00Z"]);
  });

  it("steps, ranges, lists and names", () => {
    expect(nextTimes("*/15 * * * *", "2026-01-15T09:01:00Z", 3)).toEqual([
      "2026-01-15T09:15:00Z",
      "2026-01-15T09:30:00Z",
      "2026-01-15T09:45:00Z",
    ]);
    // 2026-01-15 is a Thursday: weekdays at 08:30 skip the weekend
    expect(nextTimes("30 8 * * mon-fri", "2026-01-15T09:00:00Z", 3)).toEqual([
      "2026-01-16T08:30:00Z",
      "2026-01-19T08:30:00Z",
      "2026-01-20T08:30:00Z",
    ]);
    expect(nextTimes("0 0,12 1 JAN,jul *", "2026-01-15T00:00:00Z", 3)).toEqual([
      "2026-07-01T00:00:00Z",
      "2026-07-01T12:00:00Z",
      "2027-01-01T00:00:00Z",
    ]);
    // 5/20 means 5-59/20
    expect(nextTimes("5/20 * * * *", "2026-01-15T09:00:00Z", 3)).toEqual([
      "2026-01-15T09:05:00Z",
      "2026-01-15T09:25:00Z",
      "2026-01-15T09:45:00Z",
    ]);
  });

  it("day-of-month and day-of-week: either matches unless one of them is *", () => {
    // the 1st of the month OR a Monday
    expect(nextTimes("0 0 1 * mon", "2026-01-15T09:00:00Z", 3)).toEqual([
      "2026-01-19T00:00:00Z",
      "2026-01-26T00:00:00Z",
      "2026-02-01T00:00:00Z",
    ]);
    // a step other than 1 clears the star: */3 in day-of-week is the list Sun,Wed,Sat, so OR applies
    expect(nextTimes("0 0 13 * */3", "2026-01-15T09:00:00Z", 3)).toEqual([
      "2026-01-17T00:00:00Z",
      "2026-01-18T00:00:00Z",
      "2026-01-21T00:00:00Z",
    ]);
  });

  it("the descriptors and @every", () => {
    expect(nextTimes("@hourly", "2026-01-15T09:00:30Z", 2)).toEqual([
      "2026-01-15T10:00:00Z",
      "2026-01-15T11:00:00Z",
    ]);
    expect(nextTimes("@daily", "2026-01-15T09:00:00Z", 1)).toEqual(["2026-01-16T00:00:00Z"]);
    expect(nextTimes("@midnight", "2026-01-15T09:00:00Z", 1)).toEqual(["2026-01-16T00:00:00Z"]);
    expect(nextTimes("@weekly", "2026-01-15T09:00:00Z", 1)).toEqual(["2026-01-18T00:00:00Z"]);
    expect(nextTimes("@monthly", "2026-01-15T09:00:00Z", 1)).toEqual(["2026-02-01T00:00:00Z"]);
    expect(nextTimes("@yearly", "2026-01-15T09:00:00Z", 1)).toEqual(["2027-01-01T00:00:00Z"]);
    expect(nextTimes("@annually", "2026-01-15T09:00:00Z", 1)).toEqual(["2027-01-01T00:00:00Z"]);
    // a constant delay from the given (whole) second
    expect(nextTimes("@every 90s", "2026-01-15T09:00:10Z", 2)).toEqual([
      "2026-01-15T09:01:40Z",
      "2026-01-15T09:03:10Z",
    ]);
  });

  it("a date that never comes: Go's zero time", () => {
    expect(nextTimes("0 0 30 2 *", "2026-01-15T09:00:00Z", 1)).toEqual(["zero"]);
  });

  it("the parser's errors, as validation and the events print them", () => {
    expect(parseCronSchedule("")).toBe("empty spec string");
    expect(parseCronSchedule("foo")).toBe("expected exactly 5 fields, found 1: [foo]");
    expect(parseCronSchedule("* * * *")).toBe("expected exactly 5 fields, found 4: [* * * *]");
    expect(parseCronSchedule("61 * * * *")).toBe("end of range (61) above maximum (59): 61");
    expect(parseCronSchedule("* * 0 * *")).toBe("beginning of range (0) below minimum (1): 0");
    expect(parseCronSchedule("* * * * 7")).toBe("end of range (7) above maximum (6): 7");
    expect(parseCronSchedule("5-2 * * * *")).toBe("beginning of range (5) beyond end of range (2): 5-2");
    expect(parseCronSchedule("*/0 * * * *")).toBe("step of range should be a positive number: */0");
    expect(parseCronSchedule("x * * * *")).toBe(
      'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax',
    );
    expect(parseCronSchedule("1-2-3 * * * *")).toBe("too many hyphens: 1-2-3");
    expect(parseCronSchedule("1/2/3 * * * *")).toBe("too many slashes: 1/2/3");
    expect(parseCronSchedule("@fortnightly")).toBe("unrecognized descriptor: @fortnightly");
  });
});

describe("time zones", () => {
  it("spec.timeZone: the wall clock of that zone decides (New York is UTC-5 in January)", () => {
    expect(nextTimes("0 9 * * *", "2026-01-15T09:00:00Z", 2, "America/New_York")).toEqual([
      "2026-01-15T14:00:00Z",
      "2026-01-16T14:00:00Z",
    ]);
    // in July New York keeps daylight time: UTC-4
    expect(nextTimes("0 9 * * *", "2026-07-15T00:00:00Z", 1, "America/New_York")).toEqual([
      "2026-07-15T13:00:00Z",
    ]);
    // a TZ= prefix in the schedule itself
    expect(nextTimes("TZ=Asia/Tokyo 0 9 * * *", "2026-01-15T00:00:00Z", 1)).toEqual(["2026-01-16T00:00:00Z"]);
  });

  it("Go's LoadLocation: IANA names as spelled, not Local", () => {
    expect(validTimeZone("Etc/UTC")).toBe(true);
    expect(validTimeZone("Europe/Berlin")).toBe(true);
    expect(validTimeZone("Mars/Olympus")).toBe(false);
    expect(validTimeZone("europe/berlin")).toBe(false);
    expect(validTimeZone("Local")).toBe(false);
    expect(parseCronSchedule("TZ=Mars/Olympus * * * * *")).toBe(
      "provided bad location Mars/Olympus: unknown time zone Mars/Olympus",
    );
  });

  it("RFC3339 in a zone, as the scheduled-timestamp annotation carries it", () => {
    const t = parseRfc3339("2026-01-15T14:00:00Z");
    expect(rfc3339In(t, undefined)).toBe("2026-01-15T14:00:00Z");
    expect(rfc3339In(t, "America/New_York")).toBe("2026-01-15T09:00:00-05:00");
    expect(rfc3339In(t, "Asia/Kolkata")).toBe("2026-01-15T19:30:00+05:30");
  });
});
