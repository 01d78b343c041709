import { ApiError } from "../../lib/errors";
import {
  ACTIONS,
  actionLabel,
  contactText,
  conversationFields,
  decisionField,
  decisionProblems,
  defaultConversation,
  defaultFeatures,
  FEATURE_FIELDS,
  FEATURE_ORDER,
  featureField,
  FEATURES,
  isFallback,
  parseConversation,
  parseFeatures,
  probabilityList,
  rangeText,
  TIERS,
  tierLabel,
  turnField,
  type ConversationValues,
} from "./decide";
import { DECISION_FALLBACK, DECISION_MODEL, DECISION_UNSURE, DECISIONS, DEPLOYMENTS } from "./fixtures";

/** What retail-prod v1's model saw, per feature. */
const RANGES = DEPLOYMENTS.data[2].ranges;
const MOOD_PROBLEM = "Enter a mood from -1 to 1, or leave it blank.";

/** A new contact's state as numbers: every feature at 0 but retail's lowest urgency. */
const NEW_CONTACT = Object.fromEntries(FEATURE_ORDER.map((name) => [name, name === "urgency" ? 0.1 : 0]));

describe("the model's inputs and outputs", () => {
  it("lists the actions, tiers and features in the model's order", () => {
    expect(ACTIONS).toEqual([
      "empathize",
      "ask_clarifying_question",
      "standard_solution",
      "technical_troubleshooting",
      "offer_compensation",
      "escalate",
      "upsell",
      "close_case",
    ]);
    expect(TIERS).toEqual(["standard", "premium", "vip"]);
    // FEATURE_NAMES in supportgym/sim/features.py.
    expect(FEATURES.map((feature) => feature.name)).toEqual([
      "sentiment",
      "sentiment_trend",
      "tier",
      "inquiry_type",
      "urgency",
      "turn_fraction",
      "progress",
      "belief_technical",
      "belief_escalation",
      "belief_compensation",
      "clarifications",
      "failed_attempts",
      "escalated",
      "compensated",
      "upsell_attempted",
      "resolved",
      "last_action",
    ]);
  });

  it("takes each feature's bounds and meaning from the schema", () => {
    expect(FEATURES[0]).toMatchObject({ name: "sentiment", label: "Sentiment", min: -1, max: 1 });
    expect(FEATURES[1]).toMatchObject({ name: "sentiment_trend", min: -1, max: 1 });
    expect(FEATURES.slice(2).every((feature) => feature.min === 0 && feature.max === 1)).toBe(true);
    const clarifications = FEATURES.find((feature) => feature.name === "clarifications");
    expect(clarifications?.description).toBe("Clarifying questions asked / the scenario's maximum.");
    expect(FEATURES.every((feature) => feature.description.length > 0)).toBe(true);
  });

  it("writes tiers and actions in words", () => {
    expect(TIERS.map(tierLabel)).toEqual(["Standard", "Premium", "VIP"]);
    expect(actionLabel("ask_clarifying_question")).toBe("Ask clarifying question");
    expect(actionLabel("close_case")).toBe("Close case");
  });

  it("gives a feature's bounds and the range the model saw, rounded", () => {
    const urgency = { min: 0, max: 1 };
    expect(rangeText(urgency, RANGES.urgency)).toBe("Range 0 to 1; the model saw 0.1 to 0.6.");
    expect(rangeText({ min: -1, max: 1 }, RANGES.sentiment_trend)).toBe("Range -1 to 1; the model saw -0.802 to 0.891.");
    expect(rangeText(urgency, undefined)).toBe("Range 0 to 1.");
    expect(rangeText(urgency, [])).toBe("Range 0 to 1.");
  });
});

describe("defaultFeatures", () => {
  it("starts every feature at 0, or the nearest value the model saw", () => {
    expect(defaultFeatures(RANGES)).toEqual({ ...Object.fromEntries(FEATURE_ORDER.map((name) => [name, "0"])), urgency: "0.1" });
    expect(Object.values(defaultFeatures()).every((value) => value === "0")).toBe(true);
    expect(defaultFeatures({ sentiment: [-0.75, -0.2], tier: [0.333333, 1] })).toMatchObject({
      sentiment: "-0.2",
      tier: "0.333",
      urgency: "0",
    });
  });
});

describe("parseFeatures", () => {
  it("sends the 17 features as numbers, and the contact when given", () => {
    expect(parseFeatures({ features: defaultFeatures(RANGES), contact: "" })).toEqual({ body: { features: NEW_CONTACT } });
    const features = { ...defaultFeatures(RANGES), sentiment: "-0.5", clarifications: " .25 " };
    expect(parseFeatures({ features, contact: " c-7 " })).toEqual({
      body: { features: { ...NEW_CONTACT, sentiment: -0.5, clarifications: 0.25 }, contact_id: "c-7" },
    });
  });

  it("checks each feature against its bounds and the contact's length", () => {
    const features = { ...defaultFeatures(), sentiment: "-1.5", urgency: "", last_action: "x" };
    expect(parseFeatures({ features, contact: "c".repeat(129) })).toEqual({
      errors: {
        "features.sentiment": "Enter a number from -1 to 1.",
        "features.urgency": "Enter a number from 0 to 1.",
        "features.last_action": "Enter a number from 0 to 1.",
        contact_id: "Use 128 characters at most.",
      },
    });
    expect(parseFeatures({ features: defaultFeatures(), contact: "c".repeat(128) })).toHaveProperty("body.contact_id");
  });
});

describe("parseConversation", () => {
  const conversation = (overrides: Partial<ConversationValues> = {}): ConversationValues => ({
    ...defaultConversation("order_status"),
    ...overrides,
  });

  it("decides the first turn of a new conversation", () => {
    expect(defaultConversation()).toEqual({ inquiry: "", tier: "standard", turns: [], sentiment: "", contact: "" });
    expect(parseConversation(conversation())).toEqual({
      body: { conversation: { inquiry_type: "order_status", tier: "standard", turns: [] }, turn: 0 },
    });
  });

  it("sends the earlier turns with the moods read, leaving out the unknown ones, and decides the next", () => {
    const values = conversation({
      tier: "vip",
      turns: [
        { action: "empathize", sentiment: "-0.4" },
        { action: "ask_clarifying_question", sentiment: " " },
      ],
      sentiment: "-0.2",
      contact: " c-9 ",
    });
    expect(parseConversation(values)).toEqual({
      body: {
        conversation: {
          inquiry_type: "order_status",
          tier: "vip",
          turns: [{ action: "empathize", sentiment: -0.4 }, { action: "ask_clarifying_question" }],
          sentiment: -0.2,
        },
        turn: 2,
        contact_id: "c-9",
      },
    });
  });

  it("names the input of each problem", () => {
    const values = conversation({
      inquiry: "",
      turns: [
        { action: "empathize", sentiment: "0.5" },
        { action: "escalate", sentiment: "2" },
      ],
      sentiment: "angry",
      contact: "c".repeat(129),
    });
    expect(parseConversation(values)).toEqual({
      errors: {
        "conversation.inquiry_type": "Choose the inquiry type.",
        "conversation.turns.1.sentiment": MOOD_PROBLEM,
        "conversation.sentiment": MOOD_PROBLEM,
        contact_id: "Use 128 characters at most.",
      },
    });
    const many = Array.from({ length: 201 }, () => ({ action: "empathize" as const, sentiment: "" }));
    expect(parseConversation(conversation({ turns: many }))).toEqual({
      errors: { "conversation.turns": "Give 200 turns at most." },
    });
  });
});

describe("the server's problems", () => {
  it("are placed by the request's path, in one decision or a batch", () => {
    expect(decisionField("body.conversation.turns[1].sentiment")).toBe("conversation.turns.1.sentiment");
    expect(decisionField("body.requests[0].conversation.inquiry_type")).toBe("conversation.inquiry_type");
    expect(decisionField("body.requests[12].features.urgency")).toBe("features.urgency");
    expect(decisionField("body.contact_id")).toBe("contact_id");
    expect(decisionField("body")).toBeNull();
    expect(decisionField("query.limit")).toBeNull();
    expect(turnField(3, "action")).toBe("conversation.turns.3.action");
    expect(featureField("urgency")).toBe("features.urgency");
  });

  it("go under the form's fields, or to an alert when a field is not on the form", () => {
    const mood = "Input should be less than or equal to 1";
    const error = new ApiError(422, `body.conversation.turns[0].sentiment: ${mood}`, [
      { path: "body.conversation.turns[0].sentiment", message: mood },
    ]);
    expect(decisionProblems(error, conversationFields(1))).toEqual({
      fields: { "conversation.turns.0.sentiment": mood },
      unmatched: false,
    });
    // The turn was removed since: its problem has no input left.
    expect(decisionProblems(error, conversationFields(0))).toEqual({ fields: {}, unmatched: true });

    const served = "retail-prod serves order_status, return_refund, product_defect, shipping_delay, product_recommendation, not billing";
    const inquiry = new ApiError(422, served, [{ path: "body.requests[0].conversation.inquiry_type", message: served }]);
    expect(decisionProblems(inquiry, conversationFields(0)).fields).toEqual({ "conversation.inquiry_type": served });
    expect(decisionProblems(inquiry, FEATURE_FIELDS)).toEqual({ fields: {}, unmatched: true });
  });

  it("join two problems of one field, and keep the ones of the whole request for the alert", () => {
    const error = new ApiError(422, "body.features.urgency: … (and 2 more)", [
      { path: "body.features.urgency", message: "Input should be a valid number" },
      { path: "body.features.urgency", message: "Input should be greater than or equal to 0" },
      { path: "body", message: "give either features or conversation" },
    ]);
    expect(decisionProblems(error, FEATURE_FIELDS)).toEqual({
      fields: { "features.urgency": "Input should be a valid number; Input should be greater than or equal to 0" },
      unmatched: true,
    });
    const unknown = new ApiError(404, "deployment nobody not found (or no version of it is ready)");
    expect(decisionProblems(unknown, FEATURE_FIELDS)).toEqual({ fields: {}, unmatched: true });
    expect(decisionProblems(null, FEATURE_FIELDS)).toEqual({ fields: {}, unmatched: false });
  });

  it("know each form's fields", () => {
    expect([...conversationFields(2)].sort()).toEqual([
      "contact_id",
      "conversation.inquiry_type",
      "conversation.sentiment",
      "conversation.tier",
      "conversation.turns",
      "conversation.turns.0.action",
      "conversation.turns.0.sentiment",
      "conversation.turns.1.action",
      "conversation.turns.1.sentiment",
    ]);
    expect(FEATURE_FIELDS.size).toBe(18);
    expect(FEATURE_FIELDS.has("features.last_action")).toBe(true);
    expect(FEATURE_FIELDS.has("contact_id")).toBe(true);
  });
});

describe("answers", () => {
  it("list the model's probabilities in the actions' order, 0 for any not given", () => {
    expect(probabilityList(DECISION_FALLBACK)).toEqual([
      0.13718999492651193, 0.0, 0.4909716745690303, 0.07474942531896812, 0.24020360332776589, 0.024282668779662737,
      0.019925240835896058, 0.012677392242164982,
    ]);
    const reordered = { probabilities: { close_case: 0.25, escalate: 0.75 } };
    expect(probabilityList(reordered)).toEqual([0, 0, 0, 0, 0, 0.75, 0, 0.25]);
  });

  it("know when the playbook decided instead of the model", () => {
    expect(isFallback(DECISION_UNSURE)).toBe(true);
    expect(isFallback(DECISION_FALLBACK)).toBe(true);
    expect(isFallback(DECISION_MODEL)).toBe(false);
    expect(isFallback({ fallback: "" })).toBe(false);
    expect(DECISIONS.data.map(isFallback)).toEqual([true, false, true, true]);
  });

  it("say who a logged decision was for", () => {
    expect(DECISIONS.data.map(contactText)).toEqual(["", "c-3 · turn 1", "c-2 · turn 2", "c-1 · turn 0"]);
    expect(contactText({ contact_id: "c-1", turn: null })).toBe("c-1");
    expect(contactText({ contact_id: null, turn: 3 })).toBe("turn 3");
    expect(contactText({ contact_id: "", turn: null })).toBe("");
  });
});
