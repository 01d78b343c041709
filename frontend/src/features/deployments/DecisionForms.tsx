import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";

import type { DecideRequest, DecisionPublic, DeploymentPublic } from "../../client";
import { deploymentsDecideMutation, deploymentsReadDecisionsQueryKey } from "../../client/@tanstack/react-query.gen";
import { Button, ErrorState, Input, Select } from "../../components/ui";
import {
  ACTIONS,
  actionLabel,
  conversationFields,
  decisionProblems,
  defaultConversation,
  defaultFeatures,
  FEATURE_FIELDS,
  featureField,
  FEATURES,
  parseConversation,
  parseFeatures,
  rangeText,
  TIERS,
  tierLabel,
  turnField,
  type ActionName,
  type ConversationValues,
  type DecisionErrors,
  type FeatureFormValues,
  type FeatureName,
  type Tier,
  type TurnValues,
} from "./decide";

/** Asks the deployment for a decision; the log below refreshes with it. */
function useDecide(name: string, onDecided: (decision: DecisionPublic) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    ...deploymentsDecideMutation(),
    onSuccess: (decision) => {
      void queryClient.invalidateQueries({ queryKey: deploymentsReadDecisionsQueryKey({ path: { name } }) });
      onDecided(decision);
    },
  });
}

function mergeErrors(client: DecisionErrors, server: DecisionErrors): (field: string) => string | undefined {
  return (field) => client[field] ?? server[field];
}

export interface DecisionFormProps {
  /** The deployment's name (the active version answers). */
  name: string;
  onDecided: (decision: DecisionPublic) => void;
}

export interface ConversationFormProps extends DecisionFormProps {
  /** The inquiry types of the deployment's scenario, in its order. */
  inquiries: readonly string[];
  /** Why the inquiry types are not listed (loading, an error), if so. */
  inquiriesHint?: string;
}

const MOOD_HINT = "From -1 (angry) to 1 (delighted); blank when not read.";

/** The conversation so far (inquiry, tier, the earlier turns with the mood before each, the mood now); decides the next turn. */
export function ConversationForm({ name, inquiries, inquiriesHint, onDecided }: ConversationFormProps) {
  const decide = useDecide(name, onDecided);
  const [values, setValues] = useState<ConversationValues>(() => defaultConversation());
  const [clientErrors, setClientErrors] = useState<DecisionErrors>({});
  const inquiry = values.inquiry !== "" && inquiries.includes(values.inquiry) ? values.inquiry : (inquiries[0] ?? "");
  const server = decisionProblems(decide.error, conversationFields(values.turns.length));
  const errorFor = mergeErrors(clientErrors, server.fields);

  const update = (change: Partial<ConversationValues>, fields: string[] = []) => {
    setValues((current) => ({ ...current, ...change }));
    if (fields.length > 0) {
      setClientErrors((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !fields.includes(key))));
    }
    if (decide.isError) decide.reset();
  };
  const setTurn = (index: number, change: Partial<TurnValues>) =>
    update(
      { turns: values.turns.map((turn, i) => (i === index ? { ...turn, ...change } : turn)) },
      [turnField(index, "sentiment")],
    );
  // Problems of later turns would move to other rows: the turns' problems go with any removal.
  const removeTurn = (index: number) =>
    update(
      { turns: values.turns.filter((_, i) => i !== index) },
      values.turns.flatMap((_, i) => [turnField(i, "sentiment"), turnField(i, "action")]),
    );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseConversation({ ...values, inquiry });
    if ("errors" in parsed) {
      setClientErrors(parsed.errors);
      return;
    }
    setClientErrors({});
    decide.mutate({ path: { name }, body: parsed.body });
  };

  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-label="Decide from the conversation">
      <div className="form-row">
        <Select
          label="Inquiry type"
          value={inquiry}
          onChange={(event) => update({ inquiry: event.target.value }, ["conversation.inquiry_type"])}
          options={
            inquiries.length === 0
              ? [{ value: "", label: "No inquiry types", disabled: true }]
              : inquiries.map((item) => ({ value: item, label: item }))
          }
          error={errorFor("conversation.inquiry_type")}
          hint={inquiriesHint ?? "From the scenario the deployment was trained in."}
        />
        <Select
          label="Tier"
          value={values.tier}
          onChange={(event) => update({ tier: event.target.value as Tier }, ["conversation.tier"])}
          options={TIERS.map((tier) => ({ value: tier, label: tierLabel(tier) }))}
          error={errorFor("conversation.tier")}
        />
        <Input
          label="Mood now"
          inputMode="decimal"
          value={values.sentiment}
          onChange={(event) => update({ sentiment: event.target.value }, ["conversation.sentiment"])}
          error={errorFor("conversation.sentiment")}
          hint={MOOD_HINT}
        />
        <Input
          label="Contact"
          value={values.contact}
          maxLength={128}
          spellCheck={false}
          onChange={(event) => update({ contact: event.target.value }, ["contact_id"])}
          error={errorFor("contact_id")}
          hint="Optional: logs the decision under this contact."
        />
      </div>
      <fieldset className="turns">
        <legend className="field-label">Turns so far</legend>
        {values.turns.length === 0 ? (
          <p className="muted">None: turn 0, the first, is decided.</p>
        ) : (
          <ol className="turn-list">
            {values.turns.map((turn, index) => {
              // Turns are numbered from 0, as in the logs and the decision log.
              const number = index;
              return (
                <li key={index} className="turn-row">
                  <Select
                    label={`Action of turn ${number}`}
                    value={turn.action}
                    onChange={(event) => setTurn(index, { action: event.target.value as ActionName })}
                    options={ACTIONS.map((action) => ({ value: action, label: actionLabel(action) }))}
                    error={errorFor(turnField(index, "action"))}
                  />
                  <Input
                    label={`Mood before turn ${number}`}
                    inputMode="decimal"
                    value={turn.sentiment}
                    onChange={(event) => setTurn(index, { sentiment: event.target.value })}
                    error={errorFor(turnField(index, "sentiment"))}
                  />
                  <Button size="sm" variant="ghost" aria-label={`Remove turn ${number}`} onClick={() => removeTurn(index)}>
                    Remove
                  </Button>
                </li>
              );
            })}
          </ol>
        )}
        {errorFor("conversation.turns") && <p className="field-error">{errorFor("conversation.turns")}</p>}
        <div className="row">
          <Button
            size="sm"
            onClick={() => update({ turns: [...values.turns, { action: "empathize", sentiment: "" }] })}
          >
            Add a turn
          </Button>
        </div>
      </fieldset>
      {server.unmatched && <ErrorState inline title="Could not decide" error={decide.error} />}
      <div className="row">
        <Button type="submit" variant="primary" busy={decide.isPending} disabled={inquiry === ""}>
          Decide turn {values.turns.length}
        </Button>
      </div>
    </form>
  );
}

export interface FeaturesFormProps extends DecisionFormProps {
  /** The answering version: the feature ranges its model saw. */
  deployment: Pick<DeploymentPublic, "ranges">;
}

/** The 17 features by name, each with its bounds and the range the model saw; starts at a new contact's state. */
export function FeaturesForm({ name, deployment, onDecided }: FeaturesFormProps) {
  const decide = useDecide(name, onDecided);
  const [features, setFeatures] = useState<FeatureFormValues>(() => defaultFeatures(deployment.ranges));
  const [contact, setContact] = useState("");
  const [clientErrors, setClientErrors] = useState<DecisionErrors>({});
  const server = decisionProblems(decide.error, FEATURE_FIELDS);
  const errorFor = mergeErrors(clientErrors, server.fields);

  const clear = (field: string) => {
    setClientErrors((current) => Object.fromEntries(Object.entries(current).filter(([key]) => key !== field)));
    if (decide.isError) decide.reset();
  };
  const setFeature = (feature: FeatureName, value: string) => {
    setFeatures((current) => ({ ...current, [feature]: value }));
    clear(featureField(feature));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseFeatures({ features, contact });
    if ("errors" in parsed) {
      setClientErrors(parsed.errors);
      return;
    }
    setClientErrors({});
    decide.mutate({ path: { name }, body: parsed.body satisfies DecideRequest });
  };

  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-label="Decide from the features">
      <div className="feature-inputs">
        {FEATURES.map((feature) => {
          return (
            <Input
              key={feature.name}
              label={<code>{feature.name}</code>}
              inputMode="decimal"
              value={features[feature.name]}
              onChange={(event) => setFeature(feature.name, event.target.value)}
              error={errorFor(featureField(feature.name))}
              hint={`${feature.description} ${rangeText(feature, deployment.ranges[feature.name])}`}
            />
          );
        })}
      </div>
      <div className="form-row">
        <Input
          label="Contact"
          value={contact}
          maxLength={128}
          spellCheck={false}
          onChange={(event) => {
            setContact(event.target.value);
            clear("contact_id");
          }}
          error={errorFor("contact_id")}
          hint="Optional: logs the decision under this contact."
        />
      </div>
      {server.unmatched && <ErrorState inline title="Could not decide" error={decide.error} />}
      <div className="row">
        <Button type="submit" variant="primary" busy={decide.isPending}>
          Decide
        </Button>
      </div>
    </form>
  );
}
