import { formatKpi, kpiLabel, kpiTone, orderKpis } from "./kpis";

describe("kpis", () => {
  it("formats one episode's KPIs and aggregates differently", () => {
    expect(formatKpi("resolved", 1)).toBe("Yes");
    expect(formatKpi("resolved", 0.456, true)).toBe("45.6%");
    expect(formatKpi("net_value", -9)).toBe("−$9.00");
    expect(formatKpi("handle_minutes", 9)).toBe("9.0 min");
    expect(formatKpi("csat", 4)).toBe("4");
    expect(formatKpi("mystery", 0.5)).toBe("0.50");
    expect(formatKpi("csat", null)).toBe("–");
  });

  it("orders known KPIs first and labels unknown ones", () => {
    expect(orderKpis(["zeta", "net_value", "csat"])).toEqual(["csat", "net_value", "zeta"]);
    expect(kpiLabel("first_contact_resolution")).toBe("First-contact resolution");
    expect(kpiLabel("zeta_score")).toBe("Zeta score");
  });

  it("colours flags by whether they are good news", () => {
    expect(kpiTone("resolved", 1)).toBe("good");
    expect(kpiTone("abandoned", 1)).toBe("bad");
    expect(kpiTone("abandoned", 0)).toBe("neutral");
    expect(kpiTone("turns", 5)).toBe("neutral");
  });
});
